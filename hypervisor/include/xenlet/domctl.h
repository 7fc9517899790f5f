/* Arch hooks the domctl/sysctl/toolstack paths need. */
#ifndef XENLET_DOMCTL_H
#define XENLET_DOMCTL_H

#include <xenlet/sched.h>

/* xen_domctl_getdomaininfo (Xen 4.17, 120 bytes): also sysctl's list entries. */
struct xen_domaininfo {
    domid_t domain;
    uint16_t pad1;
    uint32_t flags;
    uint64_t tot_pages, max_pages, outstanding_pages, shr_pages, paged_pages;
    uint64_t shared_info_frame;
    uint64_t cpu_time;
    uint32_t nr_online_vcpus, max_vcpu_id, ssidref;
    uint8_t handle[16];
    uint32_t cpupool;
    uint8_t gpaddr_bits;
    uint8_t pad2[7];
    uint8_t arch_gic_version;
    uint8_t arch_pad;
    uint16_t arch_tee_type;
    uint32_t arch_nr_spis;
    uint32_t arch_clock_frequency;
};
_Static_assert(sizeof(struct xen_domaininfo) == 120, "getdomaininfo is 120 bytes");

void domain_info_fill(struct domain *d, struct xen_domaininfo *info);
long do_sysctl(struct vcpu *v, const uint64_t args[5]);
long do_domctl(struct vcpu *v, const uint64_t args[5]);
void sysctl_set_total_pages(uint64_t pages);

struct arch_create_config {
    uint8_t gic_version;        /* IN: 0 native; OUT: resolved (2 = v3) */
    uint16_t tee_type;
    uint32_t nr_spis;
    uint32_t clock_frequency;   /* OUT */
};

/* The fixed guest layout for a toolstack-built domain (vGIC, upcall PPI). */
int arch_domain_configure(struct domain *d, struct arch_create_config *cfg);
/* Free everything arch-side; @release is called for each RAM frame mapped. */
void arch_domain_destroy(struct domain *d, void (*release)(uint64_t mfn, bool owned_ram));
/* Set / get a vCPU's register state from Xen's vcpu_guest_context (arm64). */
int arch_set_vcpu_context(struct vcpu *v, const void *ctxt, size_t len);
int arch_get_vcpu_context(struct vcpu *v, void *ctxt, size_t len);
/* Clean and invalidate the data cache for machine frame @mfn. */
void arch_flush_frame(uint64_t mfn);
uint32_t arch_timer_khz(void);

#endif
