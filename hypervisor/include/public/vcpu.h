/* Xen 4.17 ABI: the vcpu_op hypercall (cmd, vcpuid, arg). ARM implements
 * register_runstate_memory_area and register_vcpu_info. */
#ifndef XENLET_PUBLIC_VCPU_H
#define XENLET_PUBLIC_VCPU_H

#include "xen.h"

#define VCPUOP_initialise 0
#define VCPUOP_up 1
#define VCPUOP_down 2
#define VCPUOP_is_up 3
#define VCPUOP_get_runstate_info 4
#define VCPUOP_register_runstate_memory_area 5
#define VCPUOP_set_periodic_timer 6
#define VCPUOP_stop_periodic_timer 7
#define VCPUOP_set_singleshot_timer 8
#define VCPUOP_stop_singleshot_timer 9
#define VCPUOP_register_vcpu_info 10
#define VCPUOP_send_nmi 11
#define VCPUOP_get_physid 12
#define VCPUOP_register_vcpu_time_memory_area 13

/* Time a vCPU spent in each state, kept current by the hypervisor. */
struct vcpu_runstate_info {
	int32_t state;             /* RUNSTATE_* */
	uint64_t state_entry_time; /* ns; XEN_RUNSTATE_UPDATE while rewriting */
	uint64_t time[4];          /* ns in each RUNSTATE_* */
};
#define XEN_RUNSTATE_UPDATE (1ULL << 63)

#define RUNSTATE_running 0
#define RUNSTATE_runnable 1
#define RUNSTATE_blocked 2
#define RUNSTATE_offline 3

/* Keep a vcpu_runstate_info at this guest virtual address. */
struct vcpu_register_runstate_memory_area {
	union {
		XEN_GUEST_HANDLE(struct vcpu_runstate_info) h;
		struct vcpu_runstate_info *v;
		uint64_t p;
	} addr; /* IN: guest virtual address */
};

struct vcpu_set_periodic_timer {
	uint64_t period_ns; /* IN */
};

struct vcpu_set_singleshot_timer {
	uint64_t timeout_abs_ns; /* IN: system time */
	uint32_t flags;          /* IN: VCPU_SSHOTTMR_* */
};
#define _VCPU_SSHOTTMR_future (0)
#define VCPU_SSHOTTMR_future (1U << _VCPU_SSHOTTMR_future)

/* Move this vCPU's vcpu_info out of shared_info into a guest page. */
struct vcpu_register_vcpu_info {
	uint64_t mfn;    /* IN: GFN of the page */
	uint32_t offset; /* IN: within it; 8-aligned, whole struct in the page */
	uint32_t rsvd;   /* IN: must be 0 */
};

struct vcpu_get_physid {
	uint64_t phys_id; /* OUT */
};

struct vcpu_register_time_memory_area {
	union {
		XEN_GUEST_HANDLE(struct vcpu_time_info) h;
		struct vcpu_time_info *v;
		uint64_t p;
	} addr; /* IN: guest virtual address */
};

#endif
