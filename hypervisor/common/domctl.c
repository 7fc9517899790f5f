/*
 * XEN_DOMCTL_*: the toolstack's operations on domains, with Xen 4.17's
 * interface (version 0x15) and layouts, for the sub-ops a toolstack needs
 * to build, run, inspect and destroy a domain. Only the control domain may
 * call it. Copy in, validate all of it, act, copy out.
 */
#include <xenlet/domctl.h>
#include <xenlet/errno.h>
#include <xenlet/guest_access.h>
#include <xenlet/hypercall.h>
#include <xenlet/lib.h>
#include <xenlet/mm.h>
#include <xenlet/page_alloc.h>
#include <string.h>

#define XEN_DOMCTL_INTERFACE_VERSION 0x15

#define XEN_DOMCTL_createdomain       1
#define XEN_DOMCTL_destroydomain      2
#define XEN_DOMCTL_pausedomain        3
#define XEN_DOMCTL_unpausedomain      4
#define XEN_DOMCTL_getdomaininfo      5
#define XEN_DOMCTL_setvcpuaffinity    9
#define XEN_DOMCTL_max_mem           11
#define XEN_DOMCTL_setvcpucontext    12
#define XEN_DOMCTL_getvcpucontext    13
#define XEN_DOMCTL_getvcpuinfo       14
#define XEN_DOMCTL_max_vcpus         15
#define XEN_DOMCTL_setdomainhandle   17
#define XEN_DOMCTL_settimeoffset     24
#define XEN_DOMCTL_set_address_size  35
#define XEN_DOMCTL_get_address_size  36
#define XEN_DOMCTL_set_virq_handler  66
#define XEN_DOMCTL_cacheflush        71
#define XEN_DOMCTL_vuart_op          81
#define XEN_DOMCTL_get_paging_mempool_size 85
#define XEN_DOMCTL_set_paging_mempool_size 86

#define CDF_hvm   (1u << 0)
#define CDF_hap   (1u << 1)
#define CDF_iommu (1u << 5)
#define CDF_vpmu  (1u << 7)

/* xen_domctl: 144 bytes, the union padded to 128. */
struct domctl {
    uint32_t cmd;
    uint32_t interface_version;
    uint16_t domain;
    uint16_t pad[3];
    union {
        struct {
            uint32_t ssidref;
            uint8_t handle[16];
            uint32_t flags, iommu_opts, max_vcpus, max_evtchn_port;
            int32_t max_grant_frames, max_maptrack_frames;
            uint32_t grant_opts, vmtrace_size, cpupool_id;
            struct {
                uint8_t gic_version;
                uint8_t pad;
                uint16_t tee_type;
                uint32_t nr_spis;
                uint32_t clock_frequency;
            } arch;
        } create;
        struct { uint32_t max; } max_vcpus;
        struct { uint64_t max_memkb; } max_mem;
        struct { uint32_t vcpu; uint32_t pad; uint64_t ctxt; } vcpucontext;
        struct {
            uint32_t vcpu;
            uint8_t online, blocked, running, pad;
            uint64_t cpu_time;
            uint32_t cpu;
        } vcpuinfo;
        struct { uint8_t handle[16]; } handle;
        struct { uint32_t size; } address_size;
        struct { uint64_t start_pfn, nr_pfns; } cacheflush;
        struct { uint64_t size; } mempool;
        struct { uint32_t virq; } virq_handler;
        uint8_t raw[128];
    } u;
};
_Static_assert(sizeof(struct domctl) == 144, "xen_domctl is 144 bytes");

void domain_info_fill(struct domain *d, struct xen_domaininfo *info)
{
    memset(info, 0, sizeof(*info));
    info->domain = d->domain_id;
    info->flags = (1u << 1) | (1u << 8);               /* hvm_guest, hap */
    if (d->is_dying)
        info->flags |= 1u << 0;
    if (d->is_shutting_down)
        info->flags |= (1u << 2) | ((uint32_t)d->shutdown_code << 16);
    if (d->pause_count)
        info->flags |= 1u << 3;
    if (d->is_privileged)
        info->flags |= 1u << 7;                        /* xs_domain */
    bool any_running = false, all_blocked = true;
    for (unsigned int i = 0; i < d->max_vcpus; i++) {
        struct vcpu *v = d->vcpu[i];

        info->cpu_time += v->cpu_time;
        if (v->is_up) {
            info->nr_online_vcpus++;
            if (!v->blocked)
                all_blocked = false;
            if (vcpu_runnable(v))
                any_running = true;
        }
    }
    if (any_running)
        info->flags |= 1u << 5;                        /* running */
    else if (info->nr_online_vcpus && all_blocked)
        info->flags |= 1u << 4;                        /* blocked */
    info->cpu_time = info->cpu_time * 1000000 / MAX(arch_timer_khz(), 1u);
    info->tot_pages = d->tot_pages;
    info->max_pages = d->max_pages;
    info->shared_info_frame = d->shared_info_gfn;
    info->max_vcpu_id = d->max_vcpus - 1;
    memcpy(info->handle, d->handle, 16);
    info->gpaddr_bits = 40;
    info->arch_gic_version = 2;
}

static domid_t next_free_domid(void)
{
    static domid_t next = 1;

    for (unsigned int tries = 0; tries < DOMID_FIRST_RESERVED; tries++) {
        domid_t id = next;

        next = next + 1 >= DOMID_FIRST_RESERVED ? 1 : next + 1;
        if (!domain_by_id(id))
            return id;
    }
    return DOMID_INVALID;
}

static long createdomain(struct domctl *op)
{
    struct arch_create_config cfg;
    struct domain *d;
    domid_t id = op->domain;
    uint32_t flags = op->u.create.flags;
    int rc;

    if ((flags & (CDF_hvm | CDF_hap)) != (CDF_hvm | CDF_hap) ||
        (flags & ~(CDF_hvm | CDF_hap | CDF_iommu | CDF_vpmu)))
        return -EINVAL;
    if ((op->u.create.grant_opts & 0xf) != 1)
        return -EINVAL;
    if (op->u.create.max_vcpus == 0 || op->u.create.max_vcpus > MAX_VCPUS_PER_DOMAIN)
        return -EINVAL;
    if (op->u.create.arch.tee_type != 0 || op->u.create.vmtrace_size)
        return -EINVAL;
    if (id == 0 || id >= DOMID_FIRST_RESERVED) {
        id = next_free_domid();
        if (id == DOMID_INVALID)
            return -ENOSPC;
    } else if (domain_by_id(id)) {
        return -EEXIST;
    }

    cfg = (struct arch_create_config){ .gic_version = op->u.create.arch.gic_version,
                                       .nr_spis = op->u.create.arch.nr_spis };
    d = domain_create(id, false, op->u.create.max_vcpus, &rc);
    if (!d)
        return rc;
    d->pause_count = 1;                /* the toolstack unpauses when built */
    memcpy(d->handle, op->u.create.handle, 16);
    rc = arch_domain_configure(d, &cfg);
    if (rc) {
        domain_kill(d);
        return rc;
    }
    for (unsigned int i = 0; i < d->max_vcpus; i++)
        sched_add_vcpu(d->vcpu[i], id + i);
    op->domain = id;
    op->u.create.arch.gic_version = cfg.gic_version;
    op->u.create.arch.clock_frequency = cfg.clock_frequency;
    printk("Xenlet: created d%u with %u vCPUs\n", id, d->max_vcpus);
    return 0;
}

static long vcpu_context(struct domain *d, struct domctl *op, bool set)
{
    uint8_t ctxt[352];
    struct vcpu *v;
    int rc;

    if (op->u.vcpucontext.vcpu >= d->max_vcpus)
        return -EINVAL;
    v = d->vcpu[op->u.vcpucontext.vcpu];
    if (set) {
        if (!d->pause_count && v->is_up)
            return -EBUSY;             /* only while it cannot be running */
        if (copy_from_guest(ctxt, op->u.vcpucontext.ctxt, sizeof(ctxt)))
            return -EFAULT;
        rc = arch_set_vcpu_context(v, ctxt, sizeof(ctxt));
        if (rc)
            return rc;
        if (*(uint32_t *)ctxt & 1)     /* VGCF_online */
            v->is_up = true;
        return 0;
    }
    if (!op->u.vcpucontext.ctxt)
        return 0;
    domain_sync_off_cpus(d);
    rc = arch_get_vcpu_context(v, ctxt, sizeof(ctxt));
    if (rc)
        return rc;
    return copy_to_guest(op->u.vcpucontext.ctxt, ctxt, sizeof(ctxt)) ? -EFAULT : 0;
}

long do_domctl(struct vcpu *v, const uint64_t args[5])
{
    struct domctl op;
    struct domain *d = NULL;
    struct xen_domaininfo info;
    long rc = 0;
    bool copyback = false;

    (void)v;
    if (copy_from_guest(&op, args[0], sizeof(op)))
        return -EFAULT;
    if (op.interface_version != XEN_DOMCTL_INTERFACE_VERSION)
        return -EACCES;

    if (op.cmd != XEN_DOMCTL_createdomain && op.cmd != XEN_DOMCTL_getdomaininfo) {
        d = domain_by_id(op.domain);
        if (!d)
            return -ESRCH;
        if (d->is_dying && op.cmd != XEN_DOMCTL_destroydomain)
            return -EINVAL;
    }

    switch (op.cmd) {
    case XEN_DOMCTL_createdomain:
        rc = createdomain(&op);
        copyback = rc == 0;
        break;
    case XEN_DOMCTL_destroydomain:
        if (d->is_privileged)
            return -EINVAL;
        domain_kill(d);
        break;
    case XEN_DOMCTL_pausedomain:
        if (d == v->domain)
            return -EINVAL;
        __atomic_fetch_add(&d->pause_count, 1, __ATOMIC_SEQ_CST);
        domain_sync_off_cpus(d);
        break;
    case XEN_DOMCTL_unpausedomain:
        if (!d->pause_count)
            return -EINVAL;
        if (__atomic_sub_fetch(&d->pause_count, 1, __ATOMIC_SEQ_CST) == 0)
            for (unsigned int i = 0; i < d->max_vcpus; i++)
                vcpu_wake(d->vcpu[i]);
        break;
    case XEN_DOMCTL_getdomaininfo:
        /* The first domain with an id at or above the one asked for. */
        d = domain_at_or_after(op.domain);
        if (!d)
            return -ESRCH;
        domain_info_fill(d, &info);
        memcpy(op.u.raw, &info, sizeof(info));
        op.domain = d->domain_id;
        copyback = true;
        break;
    case XEN_DOMCTL_max_vcpus:
        if (op.u.max_vcpus.max != d->max_vcpus)
            return -EINVAL;
        break;
    case XEN_DOMCTL_max_mem:
        if (op.u.max_mem.max_memkb / 4 < d->tot_pages && !d->is_privileged)
            return -EINVAL;
        d->max_pages = op.u.max_mem.max_memkb / 4;
        break;
    case XEN_DOMCTL_setvcpucontext:
    case XEN_DOMCTL_getvcpucontext:
        rc = vcpu_context(d, &op, op.cmd == XEN_DOMCTL_setvcpucontext);
        break;
    case XEN_DOMCTL_getvcpuinfo: {
        struct vcpu *t;

        if (op.u.vcpuinfo.vcpu >= d->max_vcpus)
            return -EINVAL;
        t = d->vcpu[op.u.vcpuinfo.vcpu];
        op.u.vcpuinfo.online = t->is_up;
        op.u.vcpuinfo.blocked = t->blocked;
        op.u.vcpuinfo.running = vcpu_runnable(t);
        op.u.vcpuinfo.cpu_time = t->cpu_time * 1000000 / MAX(arch_timer_khz(), 1u);
        op.u.vcpuinfo.cpu = t->processor;
        copyback = true;
        break;
    }
    case XEN_DOMCTL_setdomainhandle:
        memcpy(d->handle, op.u.handle.handle, 16);
        break;
    case XEN_DOMCTL_settimeoffset:
        break;                          /* wallclock offsets come with the PV clock */
    case XEN_DOMCTL_set_address_size:
        if (op.u.address_size.size != 64)
            return -EINVAL;
        break;
    case XEN_DOMCTL_get_address_size:
        op.u.address_size.size = 64;
        copyback = true;
        break;
    case XEN_DOMCTL_cacheflush: {
        uint64_t start = op.u.cacheflush.start_pfn, nr = op.u.cacheflush.nr_pfns;

        if (nr > (1UL << PAGE_MAX_ORDER) || start + nr < start)
            return -EINVAL;
        for (uint64_t i = 0; i < nr; i++) {
            void *p = map_guest_frame(d, start + i);

            if (p)
                arch_flush_frame(virt_to_maddr(p) >> PAGE_SHIFT);
        }
        break;
    }
    case XEN_DOMCTL_get_paging_mempool_size:
        op.u.mempool.size = d->paging_mempool;
        copyback = true;
        break;
    case XEN_DOMCTL_set_paging_mempool_size:
        /* Stage-2 tables come from the heap as needed; remember the figure. */
        d->paging_mempool = op.u.mempool.size;
        break;
    case XEN_DOMCTL_set_virq_handler:
        if (op.u.virq_handler.virq >= NR_VIRQS)
            return -EINVAL;
        break;
    default:
        return -ENOSYS;
    }
    if (rc == 0 && copyback && copy_to_guest(args[0], &op, sizeof(op)))
        return -EFAULT;
    return rc;
}
