/* The hypercall table: number -> handler, and who may call it. */
#ifndef XENLET_HYPERCALL_H
#define XENLET_HYPERCALL_H

#include <xenlet/sched.h>

/* Xen's hypercall numbers (public/xen.h). */
#define __HYPERVISOR_platform_op        7
#define __HYPERVISOR_memory_op         12
#define __HYPERVISOR_multicall         13
#define __HYPERVISOR_xen_version       17
#define __HYPERVISOR_console_io        18
#define __HYPERVISOR_grant_table_op    20
#define __HYPERVISOR_vm_assist         21
#define __HYPERVISOR_vcpu_op           24
#define __HYPERVISOR_sched_op          29
#define __HYPERVISOR_event_channel_op  32
#define __HYPERVISOR_physdev_op        33
#define __HYPERVISOR_hvm_op            34
#define __HYPERVISOR_sysctl            35
#define __HYPERVISOR_domctl            36
#define NR_HYPERCALLS                  64

typedef long (*hypercall_fn_t)(struct vcpu *v, const uint64_t args[5]);

struct hypercall_desc {
    hypercall_fn_t fn;
    const char *name;
    bool privileged;        /* the control domain only */
};

long hypercall_dispatch(struct vcpu *v, unsigned int nr, const uint64_t args[5]);

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
