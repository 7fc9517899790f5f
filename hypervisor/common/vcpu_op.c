/* VCPUOP_*: the per-vCPU areas a guest registers (vcpu_info, runstate). */
#include <public/vcpu.h>
#include <xenlet/errno.h>
#include <xenlet/event.h>
#include <xenlet/guest_access.h>
#include <xenlet/hypercall.h>
#include <string.h>

static long register_vcpu_info(struct vcpu *v, struct vcpu *t, uint64_t arg)
{
    struct vcpu_register_vcpu_info op;
    struct vcpu_info *old, *vi;
    uint8_t *page;

    if (copy_from_guest(&op, arg, sizeof(op)))
        return -EFAULT;
    if (op.offset > PAGE_SIZE - sizeof(struct vcpu_info) || (op.offset & 7) || op.rsvd)
        return -EINVAL;
    if (t != v && t->is_up)
        return -EINVAL;                 /* only for itself or an offline vCPU */
    if (t->vcpu_info_registered)
        return -EINVAL;                 /* once per vCPU */
    page = map_guest_frame(v->domain, op.mfn);
    if (!page)
        return -EINVAL;
    vi = (struct vcpu_info *)(page + op.offset);
    old = t->vcpu_id == 0 ? &v->domain->shared_info->vcpu_info[0] : NULL;
    if (old)
        memcpy(vi, old, sizeof(*vi));
    else
        memset(vi, 0, sizeof(*vi));
    t->vcpu_info = vi;
    t->vcpu_info_registered = true;
    /* Have the guest look at every event word once. */
    __atomic_store_n(&vi->evtchn_pending_sel, ~0UL, __ATOMIC_SEQ_CST);
    __atomic_store_n(&vi->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST);
    arch_evtchn_upcall(t);
    return 0;
}

long do_vcpu_op(struct vcpu *v, const uint64_t args[5])
{
    struct domain *d = v->domain;
    struct vcpu *t;
    struct vcpu_register_runstate_memory_area area;
    struct vcpu_runstate_info rs;
    uint64_t gva;

    if (args[1] >= d->max_vcpus)
        return -ENOENT;
    t = d->vcpu[args[1]];
    switch (args[0]) {
    case VCPUOP_is_up:
        return t->is_up;
    case VCPUOP_register_vcpu_info:
        return register_vcpu_info(v, t, args[2]);
    case VCPUOP_register_runstate_memory_area:
        if (copy_from_guest(&area, args[2], sizeof(area)))
            return -EFAULT;
        gva = xen_guest_handle_addr(area.addr.h);
        t->runstate_gva = gva;
        /* Running since 0; refined when a scheduler accounts time. */
        memset(&rs, 0, sizeof(rs));
        if (gva && t == v && copy_to_guest(gva, &rs, sizeof(rs)))
            return -EFAULT;
        return 0;
    default:
        return -EINVAL;                 /* Xen on ARM: the other sub-ops are x86's */
    }
}
