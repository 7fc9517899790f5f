/* Translation between the hypervisor's virtual addresses and machine addresses. */
#ifndef XENLET_MM_H
#define XENLET_MM_H

#include <xenlet/types.h>

void *maddr_to_virt(paddr_t pa);      /* arch (identity on arm64) or a test */
paddr_t virt_to_maddr(const void *va);

struct domain;
/* A domain's guest-physical map (the arch's stage-2 / EPT). */
int guest_physmap_add(struct domain *d, uint64_t gfn, uint64_t mfn, uint64_t nr, bool mmio);
int guest_physmap_remove(struct domain *d, uint64_t gfn, uint64_t nr);
/* The same, read-only (grants mapped with GNTMAP_readonly). */
int guest_physmap_add_ro(struct domain *d, uint64_t gfn, uint64_t mfn);
/* The machine frame at @gfn of @d and whether it is RAM; ~0 if unmapped. */
uint64_t guest_physmap_lookup(struct domain *d, uint64_t gfn, bool *is_ram);

#endif
