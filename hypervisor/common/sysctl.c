/*
 * XEN_SYSCTL_*: whole-machine queries for the toolstack (Xen 4.17 interface,
 * version 0x15): the console ring for `xl dmesg`, physinfo for `xl info`,
 * the domain list for `xl list`, the scheduler and the one cpupool.
 */
#include <public/sysctl.h>
#include <xenlet/console.h>
#include <xenlet/domctl.h>
#include <xenlet/errno.h>
#include <xenlet/guest_access.h>
#include <xenlet/hypercall.h>
#include <xenlet/lib.h>
#include <xenlet/page_alloc.h>
#include <string.h>

static uint64_t total_ram_pages;
void sysctl_set_total_pages(uint64_t pages) { total_ram_pages = pages; }

static long readconsole(struct xen_sysctl *op)
{
    char buf[256];
    uint64_t from = op->u.readconsole.incremental ? op->u.readconsole.index : 0;
    uint32_t want = op->u.readconsole.count, done = 0;

    while (done < want) {
        size_t n = console_ring_read_from(&from, buf, MIN(sizeof(buf), (size_t)(want - done)));

        if (!n)
            break;
        if (copy_to_guest(xen_guest_handle_addr(op->u.readconsole.buffer) + done, buf, n))
            return -EFAULT;
        done += (uint32_t)n;
    }
    op->u.readconsole.count = done;
    op->u.readconsole.index = (uint32_t)from;
    return 0;
}

static long domaininfolist(struct xen_sysctl *op)
{
    struct xen_domctl_getdomaininfo info;
    uint64_t buffer = xen_guest_handle_addr(op->u.getdomaininfolist.buffer);
    uint32_t n = 0;
    domid_t id = op->u.getdomaininfolist.first_domain;
    struct domain *d;

    while (n < op->u.getdomaininfolist.max_domains && (d = domain_at_or_after(id))) {
        domain_info_fill(d, &info);
        if (copy_to_guest(buffer + n * sizeof(info), &info, sizeof(info)))
            return -EFAULT;
        n++;
        if (d->domain_id >= DOMID_FIRST_RESERVED - 1)
            break;
        id = d->domain_id + 1;
    }
    op->u.getdomaininfolist.num_domains = n;
    return 0;
}

static long sysctl_locked(const uint64_t args[5]);

/* Under the domctl lock: it lists domains that a destroy may be freeing. */
long do_sysctl(struct vcpu *v, const uint64_t args[5])
{
    long rc;

    if (!domctl_lock_take(v))
        return hypercall_continue(v, args[0]);
    rc = sysctl_locked(args);
    domctl_lock_drop();
    return rc;
}

static long sysctl_locked(const uint64_t args[5])
{
    struct xen_sysctl op;
    long rc = 0;

    if (copy_from_guest(&op, args[0], sizeof(op)))
        return -EFAULT;
    if (op.interface_version != XEN_SYSCTL_INTERFACE_VERSION)
        return -EACCES;
    switch (op.cmd) {
    case XEN_SYSCTL_readconsole:
        rc = readconsole(&op);
        break;
    case XEN_SYSCTL_physinfo:
        memset(&op.u.physinfo, 0, sizeof(op.u.physinfo));
        op.u.physinfo.threads_per_core = 1;
        op.u.physinfo.cores_per_socket = sched_nr_cpus();
        op.u.physinfo.nr_cpus = sched_nr_cpus();
        op.u.physinfo.max_cpu_id = sched_nr_cpus() - 1;
        op.u.physinfo.nr_nodes = 1;
        op.u.physinfo.cpu_khz = arch_timer_khz();
        op.u.physinfo.capabilities = XEN_SYSCTL_PHYSCAP_hvm | XEN_SYSCTL_PHYSCAP_hap |
                                     XEN_SYSCTL_PHYSCAP_gnttab_v1;
        op.u.physinfo.total_pages = total_ram_pages;
        op.u.physinfo.free_pages = page_alloc_free_count();
        op.u.physinfo.max_mfn = page_alloc_max_mfn();
        break;
    case XEN_SYSCTL_sched_id:
        op.u.sched_id.sched_id = XEN_SCHEDULER_CREDIT2;
        break;
    case XEN_SYSCTL_getdomaininfolist:
        rc = domaininfolist(&op);
        break;
    case XEN_SYSCTL_cpupool_op: {
        /* One pool, 0, with every CPU and every domain. */
        uint8_t map[SCHED_MAX_CPUS / 8 + 1] = { 0 };
        uint32_t n_dom = 0;
        uint64_t bitmap;

        if (op.u.cpupool_op.op != XEN_SYSCTL_CPUPOOL_OP_INFO)
            return -EOPNOTSUPP;
        if (op.u.cpupool_op.cpupool_id != 0)
            return -ENOENT;
        for (struct domain *d = domain_at_or_after(0); d; d = domain_at_or_after(d->domain_id + 1)) {
            n_dom++;
            if (d->domain_id >= DOMID_FIRST_RESERVED - 1)
                break;
        }
        for (unsigned int c = 0; c < sched_nr_cpus(); c++)
            map[c / 8] |= (uint8_t)(1u << (c % 8));
        op.u.cpupool_op.sched_id = XEN_SCHEDULER_CREDIT2;
        op.u.cpupool_op.n_dom = n_dom;
        bitmap = xen_guest_handle_addr(op.u.cpupool_op.cpumap.bitmap);
        if (bitmap && op.u.cpupool_op.cpumap.nr_bits) {
            size_t bytes = MIN((op.u.cpupool_op.cpumap.nr_bits + 7) / 8, sizeof(map));

            if (copy_to_guest(bitmap, map, bytes))
                return -EFAULT;
        }
        break;
    }
    default:
        return -ENOSYS;
    }
    if (rc == 0 && copy_to_guest(args[0], &op, sizeof(op)))
        return -EFAULT;
    return rc;
}
