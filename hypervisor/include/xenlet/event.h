/* Event channels (2-level ABI) and the shared structures they live in. */
#ifndef XENLET_EVENT_H
#define XENLET_EVENT_H

#include <xenlet/sched.h>

#define EVTCHN_2L_NR_CHANNELS 4096

/* Xen's public vcpu_info / shared_info for arm64 (48 and 1088 bytes). */
struct vcpu_time_info {
    uint32_t version;
    uint32_t pad0;
    uint64_t tsc_timestamp;
    uint64_t system_time;
    uint32_t tsc_to_system_mul;
    int8_t tsc_shift;
    uint8_t flags;
    uint8_t pad1[2];
};

struct vcpu_info {
    uint8_t evtchn_upcall_pending;
    uint8_t evtchn_upcall_mask;
    uint8_t pad[6];
    uint64_t evtchn_pending_sel;
    struct vcpu_time_info time;
};

struct shared_info {
    struct vcpu_info vcpu_info[1];
    uint64_t evtchn_pending[64];
    uint64_t evtchn_mask[64];
    uint32_t wc_version;
    uint32_t wc_sec;
    uint32_t wc_nsec;
    uint32_t wc_sec_hi;
};

_Static_assert(sizeof(struct vcpu_info) == 48, "vcpu_info is 48 bytes on arm64");
_Static_assert(sizeof(struct shared_info) == 1088, "shared_info is 1088 bytes");

/* VIRQs Xenlet raises. */
#define VIRQ_CONSOLE 2
#define VIRQ_DOM_EXC 3

int evtchn_domain_init(struct domain *d, unsigned int max_ports);
void evtchn_domain_destroy(struct domain *d);
/* Raise a global VIRQ in @d (on the vCPU it was bound for). */
void send_guest_global_virq(struct domain *d, unsigned int virq);
long do_event_channel_op(struct vcpu *v, const uint64_t args[5]);

/* Arch: inject the event upcall interrupt into @v. */
void arch_evtchn_upcall(struct vcpu *v);

#endif
