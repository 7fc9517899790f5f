/* Event channels (2-level ABI). Their bits live in public/xen.h's shared_info
 * and vcpu_info. */
#ifndef XENLET_EVENT_H
#define XENLET_EVENT_H

#include <public/event_channel.h>
#include <public/xen.h>
#include <xenlet/sched.h>

/* The arm64 sizes the event code and the shared_info page rely on. */
_Static_assert(sizeof(struct vcpu_info) == 48, "vcpu_info is 48 bytes on arm64");
_Static_assert(sizeof(struct shared_info) == 1088, "shared_info is 1088 bytes");

int evtchn_domain_init(struct domain *d, unsigned int max_ports);
void evtchn_domain_destroy(struct domain *d);
/* Raise a global VIRQ in @d (on the vCPU it was bound for). */
void send_guest_global_virq(struct domain *d, unsigned int virq);
long do_event_channel_op(struct vcpu *v, const uint64_t args[5]);

/* Arch: inject the event upcall interrupt into @v. */
void arch_evtchn_upcall(struct vcpu *v);

#endif
