/* Hypercall dispatch: one table, one hop from a number to its handler. */
#include <public/domctl.h>
#include <public/platform.h>
#include <public/sysctl.h>
#include <public/xen.h>
#include <xenlet/domctl.h>
#include <xenlet/errno.h>
#include <xenlet/guest_access.h>
#include <xenlet/hypercall.h>
#include <xenlet/lib.h>

static const struct hypercall_desc table[NR_HYPERCALLS] = {
    [__HYPERVISOR_platform_op]  = { do_platform_op, "platform_op", XENPF_INTERFACE_VERSION },
    [__HYPERVISOR_xen_version]  = { do_xen_version, "xen_version", 0 },
    [__HYPERVISOR_console_io]   = { do_console_io,  "console_io",  0 },
    [__HYPERVISOR_vm_assist]    = { do_vm_assist,   "vm_assist",   0 },
    [__HYPERVISOR_sched_op]     = { do_sched_op,    "sched_op",    0 },
    [__HYPERVISOR_domctl]       = { do_domctl,      "domctl",      XEN_DOMCTL_INTERFACE_VERSION },
    [__HYPERVISOR_sysctl]       = { do_sysctl,      "sysctl",      XEN_SYSCTL_INTERFACE_VERSION },
    [__HYPERVISOR_memory_op]    = { do_memory_op,   "memory_op",   0 },
    [__HYPERVISOR_multicall]    = { do_multicall,   "multicall",   0 },
    [__HYPERVISOR_vcpu_op]      = { do_vcpu_op,     "vcpu_op",     0 },
    [__HYPERVISOR_hvm_op]       = { do_hvm_op,      "hvm_op",      0 },
    [__HYPERVISOR_grant_table_op]   = { do_grant_table_op,   "grant_table_op",   0 },
    [__HYPERVISOR_event_channel_op] = { do_event_channel_op, "event_channel_op", 0 },
};

long hypercall_dispatch(struct vcpu *v, unsigned int nr, const uint64_t args[5])
{
    const struct hypercall_desc *h;

    if (nr >= NR_HYPERCALLS || !table[nr].fn)
        return -ENOSYS;
    h = &table[nr];
    if (h->privileged_version && !v->domain->is_privileged) {
        /* Xen's order: an unreadable argument, then a wrong version, then
         * the caller's rights. Only the caller's own header is read. */
        uint32_t hdr[2];

        if (copy_from_guest(hdr, args[0], sizeof(hdr)))
            return -EFAULT;
        if (hdr[1] != h->privileged_version)
            return -EACCES;
        return -EPERM;
    }
    return h->fn(v, args);
}

bool hypercall_should_continue(const struct vcpu *v, uint64_t work_done)
{
    return !v->in_multicall && work_done >= HYPERCALL_SLICE_PAGES;
}

long hypercall_continue(struct vcpu *v, uint64_t arg0)
{
    v->hcall_continue = true;
    v->hcall_continue_arg0 = arg0;
    return 0;                           /* not seen: x0 becomes arg0 */
}

/* A batch of calls: each entry {op, result, args[6]} is dispatched in turn. */
long do_multicall(struct vcpu *v, const uint64_t args[5])
{
    struct multicall_entry call;
    uint64_t list = args[0], nr = args[1];

    if (nr > 4096)
        return -EINVAL;
    for (uint64_t i = 0; i < nr; i++) {
        uint64_t gva = list + i * sizeof(call);

        if (copy_from_guest(&call, gva, sizeof(call)))
            return -EFAULT;
        v->in_multicall = true;
        call.result = call.op == __HYPERVISOR_multicall || call.op >= NR_HYPERCALLS
                      ? (uint64_t)-ENOSYS
                      : (uint64_t)hypercall_dispatch(v, (unsigned int)call.op, call.args);
        v->in_multicall = false;
        if (copy_to_guest(gva + offsetof(struct multicall_entry, result), &call.result,
                          sizeof(call.result)))
            return -EFAULT;
    }
    return 0;
}
