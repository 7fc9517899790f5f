/* The hypercall table: number -> handler, and who may call it. */
#ifndef XENLET_HYPERCALL_H
#define XENLET_HYPERCALL_H

#include <public/xen.h>
#include <xenlet/sched.h>

/* Hypercall numbers are public/xen.h's __HYPERVISOR_*. */
#define NR_HYPERCALLS 64

typedef long (*hypercall_fn_t)(struct vcpu *v, const uint64_t args[5]);

struct hypercall_desc {
    hypercall_fn_t fn;
    const char *name;
    /* The control domain only; nonzero: the interface version its
     * argument's header {cmd, interface_version} must carry. */
    uint32_t privileged_version;
};

long hypercall_dispatch(struct vcpu *v, unsigned int nr, const uint64_t args[5]);

/*
 * Long hypercalls work in slices so the caller's kernel keeps taking its
 * interrupts (Linux's RCU and watchdogs notice a vCPU stuck for seconds).
 * A handler that has done a slice's worth asks whether it should stop; if
 * so it returns hypercall_continue(v, arg0): the guest re-executes the same
 * HVC with its first argument replaced by arg0, which records the progress
 * (Xen's way, so a guest sees nothing unusual). Inside a multicall there is
 * nowhere to record progress, so the call runs to the end.
 */
#define HYPERCALL_SLICE_PAGES 2048      /* 8 MiB of pages set up per slice */
bool hypercall_should_continue(const struct vcpu *v, uint64_t work_done);
long hypercall_continue(struct vcpu *v, uint64_t arg0);

/* Handlers, one file each. */
long do_xen_version(struct vcpu *v, const uint64_t args[5]);
long do_console_io(struct vcpu *v, const uint64_t args[5]);
long do_sched_op(struct vcpu *v, const uint64_t args[5]);
long do_vm_assist(struct vcpu *v, const uint64_t args[5]);
long do_platform_op(struct vcpu *v, const uint64_t args[5]);
long do_memory_op(struct vcpu *v, const uint64_t args[5]);
long do_vcpu_op(struct vcpu *v, const uint64_t args[5]);
long do_hvm_op(struct vcpu *v, const uint64_t args[5]);
long do_grant_table_op(struct vcpu *v, const uint64_t args[5]);
long do_event_channel_op(struct vcpu *v, const uint64_t args[5]);
long do_multicall(struct vcpu *v, const uint64_t args[5]);

#endif
