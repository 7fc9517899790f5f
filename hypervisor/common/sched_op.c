/* SCHEDOP_*, VMASST_*, XENPF_*: the small calls Linux makes about itself. */
#include <xenlet/errno.h>
#include <xenlet/guest_access.h>
#include <xenlet/hypercall.h>
#include <xenlet/lib.h>

#define SCHEDOP_yield          0
#define SCHEDOP_block          1
#define SCHEDOP_shutdown       2
#define SCHEDOP_poll           3
#define SCHEDOP_remote_shutdown 4
#define SCHEDOP_shutdown_code  5

#define SHUTDOWN_MAX 5

long do_sched_op(struct vcpu *v, const uint64_t args[5])
{
    uint32_t reason;

    switch (args[0]) {
    case SCHEDOP_yield:
        return 0;
    case SCHEDOP_shutdown:
        if (copy_from_guest(&reason, args[1], sizeof(reason)))
            return -EFAULT;
        if (reason > SHUTDOWN_MAX)
            return -EINVAL;
        domain_shutdown(v->domain, reason);
        return 0;
    case SCHEDOP_remote_shutdown: {
        struct { domid_t domain_id; uint16_t pad; uint32_t reason; } rs;
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
        if (copy_from_guest(&reason, args[1], sizeof(reason)))
            return -EFAULT;
        if (reason > SHUTDOWN_MAX)
            return -EINVAL;
        v->domain->shutdown_code = reason;
        return 0;
    default:
        return -ENOSYS;
    }
}

#define VMASST_CMD_enable  0
#define VMASST_CMD_disable 1
#define VMASST_TYPE_runstate_update_flag 5

long do_vm_assist(struct vcpu *v, const uint64_t args[5])
{
    (void)v;
    if (args[0] > VMASST_CMD_disable)
        return -ENOSYS;
    return args[1] == VMASST_TYPE_runstate_update_flag ? 0 : -EINVAL;
}

#define XENPF_INTERFACE_VERSION 0x03000001
#define XENPF_settime64 62

long do_platform_op(struct vcpu *v, const uint64_t args[5])
{
    uint32_t hdr[2];

    (void)v;
    if (copy_from_guest(hdr, args[0], sizeof(hdr)))
        return -EFAULT;
    if (hdr[1] != XENPF_INTERFACE_VERSION)
        return -EACCES;
    return hdr[0] == XENPF_settime64 ? 0 : -ENOSYS;
}
