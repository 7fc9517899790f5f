/* Arch hooks the domctl/sysctl/toolstack paths need. */
#ifndef XENLET_DOMCTL_H
#define XENLET_DOMCTL_H

#include <public/domctl.h>
#include <xenlet/sched.h>

/* XEN_DOMCTL_getdomaininfo's answer, also sysctl getdomaininfolist's entries. */
void domain_info_fill(struct domain *d, struct xen_domctl_getdomaininfo *info);
long do_sysctl(struct vcpu *v, const uint64_t args[5]);
long do_domctl(struct vcpu *v, const uint64_t args[5]);
/* The lock domctl and sysctl run under. False: it is taken, and the caller
 * should return hypercall_continue() to try again (in a multicall, it waits). */
bool domctl_lock_take(struct vcpu *v);
void domctl_lock_drop(void);
void sysctl_set_total_pages(uint64_t pages);

/* The fixed guest layout for a toolstack-built domain (vGIC, upcall PPI).
 * @cfg: gic_version IN (0 = native), OUT the one chosen; nr_spis IN;
 * clock_frequency OUT. */
int arch_domain_configure(struct domain *d, struct xen_arch_domainconfig *cfg);
/* Release up to @budget pages of the domain's memory (@release is called for
 * each RAM frame mapped); true when none is left. */
bool arch_domain_release_memory(struct domain *d, void (*release)(uint64_t mfn, bool owned_ram),
                                uint64_t budget);
/* Free the rest arch-side, once the memory is released. */
void arch_domain_destroy(struct domain *d);
/* Set / get a vCPU's register state from Xen's vcpu_guest_context (arm64). */
int arch_set_vcpu_context(struct vcpu *v, const struct vcpu_guest_context *ctxt);
int arch_get_vcpu_context(struct vcpu *v, struct vcpu_guest_context *ctxt);
/* Clean and invalidate the data cache for machine frame @mfn. */
void arch_flush_frame(uint64_t mfn);
uint32_t arch_timer_khz(void);

#endif
