/*
 * XEN_DOMCTL_*: the toolstack's operations on domains, with Xen 4.17's
 * interface (version 0x15) and layouts, for the sub-ops a toolstack needs
 * to build, run, inspect and destroy a domain. Only the control domain may
 * call it. Copy in, validate all of it, act, copy out.
 */
#include <public/xen_errno.h>
#include <xenlet/domctl.h>
#include <xenlet/errno.h>
#include <xenlet/guest_access.h>
#include <xenlet/hypercall.h>
#include <xenlet/lib.h>
#include <xenlet/mm.h>
#include <xenlet/page_alloc.h>
#include <xenlet/spinlock.h>
#include <string.h>

void domain_info_fill(struct domain *d, struct xen_domctl_getdomaininfo *info)
{
    memset(info, 0, sizeof(*info));
    info->domain = d->domain_id;
    info->flags = XEN_DOMINF_hvm_guest | XEN_DOMINF_hap;
    if (d->is_dying)
        info->flags |= XEN_DOMINF_dying;
    if (d->is_shutting_down)
        info->flags |= XEN_DOMINF_shutdown |
                       ((uint32_t)d->shutdown_code << XEN_DOMINF_shutdownshift);
    if (d->pause_count)
        info->flags |= XEN_DOMINF_paused;
    if (d->is_privileged)
        info->flags |= XEN_DOMINF_xs_domain;
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
        info->flags |= XEN_DOMINF_running;
    else if (info->nr_online_vcpus && all_blocked)
        info->flags |= XEN_DOMINF_blocked;
    info->cpu_time = info->cpu_time * 1000000 / MAX(arch_timer_khz(), 1u);
    info->tot_pages = d->tot_pages;
    info->max_pages = d->max_pages;
    info->shared_info_frame = d->shared_info_gfn;
    info->max_vcpu_id = d->max_vcpus - 1;
    memcpy(info->handle, d->handle, 16);
    info->gpaddr_bits = 40;
    info->arch_config.gic_version = XEN_DOMCTL_CONFIG_GIC_V3;
}

static domid_t next_free_domid(void)
{
    static domid_t next = 1;

    for (unsigned int tries = 0; tries < DOMID_FIRST_RESERVED; tries++) {
        domid_t id = next;

        next = next + 1u >= DOMID_FIRST_RESERVED ? 1 : next + 1;
        if (!domain_listed(id))
            return id;
    }
    return DOMID_INVALID;
}

static long createdomain(struct xen_domctl *op)
{
    struct xen_arch_domainconfig cfg;
    struct domain *d;
    domid_t id = op->domain;
    uint32_t flags = op->u.createdomain.flags;
    int rc;

    if ((flags & (XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap)) !=
            (XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap) ||
        (flags & ~(XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap | XEN_DOMCTL_CDF_iommu |
                   XEN_DOMCTL_CDF_vpmu)))
        return -EINVAL;
    if (XEN_DOMCTL_GRANT_version(op->u.createdomain.grant_opts) != 1)
        return -EINVAL;
    if (op->u.createdomain.max_vcpus == 0 ||
        op->u.createdomain.max_vcpus > MAX_VCPUS_PER_DOMAIN)
        return -EINVAL;
    if (op->u.createdomain.arch.tee_type != XEN_DOMCTL_CONFIG_TEE_NONE ||
        op->u.createdomain.vmtrace_size)
        return -EINVAL;
    if (id == 0 || id >= DOMID_FIRST_RESERVED) {
        id = next_free_domid();
        if (id == DOMID_INVALID)
            return -ENOSPC;
    } else if (domain_listed(id)) {
        return -EEXIST;
    }

    cfg = (struct xen_arch_domainconfig){ .gic_version = op->u.createdomain.arch.gic_version,
                                          .nr_spis = op->u.createdomain.arch.nr_spis };
    d = domain_create(id, false, op->u.createdomain.max_vcpus, &rc);
    if (!d)
        return rc;
    d->pause_count = 1;                /* the toolstack unpauses when built */
    memcpy(d->handle, op->u.createdomain.handle, 16);
    rc = arch_domain_configure(d, &cfg);
    if (rc) {
        domain_kill(d, false);
        return rc;
    }
    for (unsigned int i = 0; i < d->max_vcpus; i++)
        sched_add_vcpu(d->vcpu[i], id + i);
    op->domain = id;
    op->u.createdomain.arch.gic_version = cfg.gic_version;
    op->u.createdomain.arch.clock_frequency = cfg.clock_frequency;
    printk("Xenlet: created d%u with %u vCPUs\n", id, d->max_vcpus);
    return 0;
}

static long vcpu_context(struct domain *d, struct xen_domctl *op, bool set)
{
    struct vcpu_guest_context ctxt;
    uint64_t gva = xen_guest_handle_addr(op->u.vcpucontext.ctxt);
    struct vcpu *v;
    int rc;

    if (op->u.vcpucontext.vcpu >= d->max_vcpus)
        return -EINVAL;
    v = d->vcpu[op->u.vcpucontext.vcpu];
    if (set) {
        if (!d->pause_count && v->is_up)
            return -EBUSY;             /* only while it cannot be running */
        if (copy_from_guest(&ctxt, gva, sizeof(ctxt)))
            return -EFAULT;
        rc = arch_set_vcpu_context(v, &ctxt);
        if (rc)
            return rc;
        if (ctxt.flags & VGCF_online)
            v->is_up = true;
        return 0;
    }
    if (!gva)
        return 0;
    domain_sync_off_cpus(d);
    rc = arch_get_vcpu_context(v, &ctxt);
    if (rc)
        return rc;
    return copy_to_guest(gva, &ctxt, sizeof(ctxt)) ? -EFAULT : 0;
}

/* One domctl or sysctl at a time, as in Xen: a destroy in slices or a pause
 * must not meet another operation on the same domain half-way, and domains
 * are created, listed and freed only under it. */
static spinlock_t domctl_lock = SPINLOCK_INIT;

bool domctl_lock_take(struct vcpu *v)
{
    if (!spin_trylock(&domctl_lock)) {
        if (!v->in_multicall)
            return false;               /* the caller re-issues its HVC */
        spin_lock(&domctl_lock);
    }
    domain_reap(v->processor);          /* destroyed domains no CPU still holds */
    return true;
}

void domctl_lock_drop(void)
{
    spin_unlock(&domctl_lock);
}

static long domctl_locked(struct vcpu *v, const uint64_t args[5]);

long do_domctl(struct vcpu *v, const uint64_t args[5])
{
    long rc;

    if (!domctl_lock_take(v))
        return hypercall_continue(v, args[0]);
    rc = domctl_locked(v, args);
    domctl_lock_drop();
    return rc;
}

static long domctl_locked(struct vcpu *v, const uint64_t args[5])
{
    struct xen_domctl op;
    struct domain *d = NULL;
    long rc = 0;
    bool copyback = false;

    if (copy_from_guest(&op, args[0], sizeof(op)))
        return -EFAULT;
    if (op.interface_version != XEN_DOMCTL_INTERFACE_VERSION)
        return -EACCES;

    if (op.cmd != XEN_DOMCTL_createdomain && op.cmd != XEN_DOMCTL_getdomaininfo) {
        d = domain_listed(op.domain);
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
        if (domain_kill(d, !v->in_multicall) == -XEN_ERESTART)
            return hypercall_continue(v, args[0]);
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
        domain_info_fill(d, &op.u.getdomaininfo);
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

        if (op.u.getvcpuinfo.vcpu >= d->max_vcpus)
            return -EINVAL;
        t = d->vcpu[op.u.getvcpuinfo.vcpu];
        op.u.getvcpuinfo.online = t->is_up;
        op.u.getvcpuinfo.blocked = t->blocked;
        op.u.getvcpuinfo.running = vcpu_runnable(t);
        op.u.getvcpuinfo.cpu_time = t->cpu_time * 1000000 / MAX(arch_timer_khz(), 1u);
        op.u.getvcpuinfo.cpu = t->processor;
        copyback = true;
        break;
    }
    case XEN_DOMCTL_setdomainhandle:
        memcpy(d->handle, op.u.setdomainhandle.handle, 16);
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
        op.u.paging_mempool.size = d->paging_mempool;
        copyback = true;
        break;
    case XEN_DOMCTL_set_paging_mempool_size:
        /* Stage-2 tables come from the heap as needed; remember the figure. */
        d->paging_mempool = op.u.paging_mempool.size;
        break;
    case XEN_DOMCTL_set_virq_handler:
        if (op.u.set_virq_handler.virq >= NR_VIRQS)
            return -EINVAL;
        break;
    default:
        return -ENOSYS;
    }
    if (rc == 0 && copyback && copy_to_guest(args[0], &op, sizeof(op)))
        return -EFAULT;
    return rc;
}
