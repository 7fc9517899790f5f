/* SCHEDOP_*, VMASST_*, XENPF_*: the small calls Linux makes about itself. */
#include <public/platform.h>
#include <public/sched.h>
#include <public/xen.h>
#include <xenlet/errno.h>
#include <xenlet/event.h>
#include <xenlet/guest_access.h>
#include <xenlet/hypercall.h>
#include <xenlet/lib.h>

/*
 * SCHEDOP_block, and SCHEDOP_poll on a set of ports: sleep until an event is
 * pending (for poll, on one of the ports) - the same wait as WFI; the upcall
 * interrupt or the event wakes it. Linux on ARM idles with WFI instead.
 */
static long block_until_event(struct vcpu *v, uint64_t poll_arg)
{
    struct shared_info *s = v->domain->shared_info;

    if (poll_arg) {
        struct sched_poll p;

        if (copy_from_guest(&p, poll_arg, sizeof(p)))
            return -EFAULT;
        if (p.nr_ports > 128)
            return -EINVAL;
        for (uint32_t i = 0; i < p.nr_ports; i++) {
            evtchn_port_t port;

            if (copy_from_guest(&port, xen_guest_handle_addr(p.ports) + i * sizeof(port),
                                sizeof(port)))
                return -EFAULT;
            if (port >= v->domain->max_evtchns)
                return -EINVAL;
            if (s && (__atomic_load_n(&s->evtchn_pending[port / 64], __ATOMIC_ACQUIRE) &
                      (1UL << (port % 64))))
                return 0;
        }
    }
    vcpu_block_for_events(v);
    return 0;
}

long do_sched_op(struct vcpu *v, const uint64_t args[5])
{
    struct sched_shutdown sd;

    switch (args[0]) {
    case SCHEDOP_yield:
        vcpu_yield();
        return 0;
    case SCHEDOP_block:
    case SCHEDOP_poll:
        return block_until_event(v, args[0] == SCHEDOP_poll ? args[1] : 0);
    case SCHEDOP_shutdown:
        if (copy_from_guest(&sd, args[1], sizeof(sd)))
            return -EFAULT;
        if (sd.reason > SHUTDOWN_MAX)
            return -EINVAL;
        domain_shutdown(v->domain, sd.reason);
        return 0;
    case SCHEDOP_remote_shutdown: {
        struct sched_remote_shutdown rs;
        struct domain *d;

        if (!v->domain->is_privileged)
            return -EPERM;
        if (copy_from_guest(&rs, args[1], sizeof(rs)))
            return -EFAULT;
        if (rs.reason > SHUTDOWN_MAX)
            return -EINVAL;
        d = domain_by_id(rs.domain_id);
        if (!d || d == v->domain)
            return -ESRCH;
        domain_shutdown(d, rs.reason);
        return 0;
    }
    case SCHEDOP_shutdown_code:
        if (copy_from_guest(&sd, args[1], sizeof(sd)))
            return -EFAULT;
        if (sd.reason > SHUTDOWN_MAX)
            return -EINVAL;
        v->domain->shutdown_code = sd.reason;
        return 0;
    default:
        return -ENOSYS;
    }
}

long do_vm_assist(struct vcpu *v, const uint64_t args[5])
{
    (void)v;
    if (args[0] > VMASST_CMD_disable)
        return -ENOSYS;
    return args[1] == VMASST_TYPE_runstate_update_flag ? 0 : -EINVAL;
}

long do_platform_op(struct vcpu *v, const uint64_t args[5])
{
    struct xen_platform_op op;

    (void)v;
    /* The header (cmd, interface_version) is all that is read. */
    if (copy_from_guest(&op, args[0], offsetof(struct xen_platform_op, u)))
        return -EFAULT;
    if (op.interface_version != XENPF_INTERFACE_VERSION)
        return -EACCES;
    return op.cmd == XENPF_settime64 ? 0 : -ENOSYS;
}
