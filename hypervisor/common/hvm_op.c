/* HVMOP_get_param / set_param: the per-domain parameters guests and the toolstack use. */
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>
#include <xenlet/errno.h>
#include <xenlet/guest_access.h>
#include <xenlet/hypercall.h>

static bool guest_may_get(uint32_t idx)
{
    return idx == HVM_PARAM_CALLBACK_IRQ || idx == HVM_PARAM_STORE_PFN ||
           idx == HVM_PARAM_STORE_EVTCHN || idx == HVM_PARAM_CONSOLE_PFN ||
           idx == HVM_PARAM_CONSOLE_EVTCHN;
}

long do_hvm_op(struct vcpu *v, const uint64_t args[5])
{
    struct xen_hvm_param op;
    struct domain *d;

    if (args[0] != HVMOP_set_param && args[0] != HVMOP_get_param)
        return -ENOSYS;
    if (copy_from_guest(&op, args[1], sizeof(op)))
        return -EFAULT;
    d = domain_named(v->domain, op.domid);
    if (!d)
        return -ESRCH;
    if (op.index >= HVM_NR_PARAMS)
        return -EINVAL;
    if (args[0] == HVMOP_get_param) {
        if (d != v->domain && !v->domain->is_privileged)
            return -EPERM;
        if (d == v->domain && !guest_may_get(op.index))
            return -EINVAL;
        op.value = d->hvm_params[op.index];
        return copy_to_guest(args[1], &op, sizeof(op)) ? -EFAULT : 0;
    }
    /* Only the toolstack, for another domain, sets parameters. */
    if (!v->domain->is_privileged || d == v->domain)
        return -EPERM;
    if (!guest_may_get(op.index) && op.index != HVM_PARAM_MONITOR_RING_PFN)
        return -EINVAL;
    d->hvm_params[op.index] = op.value;
    return 0;
}
