/*
 * Copying hypercall arguments between the hypervisor and the calling guest.
 * Addresses are the guest's virtual addresses in its current EL1/EL0
 * translation regime; an unmapped or read-only page is -EFAULT, never a
 * hypervisor fault. The arch implements these.
 */
#ifndef XENLET_GUEST_ACCESS_H
#define XENLET_GUEST_ACCESS_H

#include <xenlet/types.h>

struct domain;

int copy_from_guest(void *dst, uint64_t gva, size_t n);
int copy_to_guest(uint64_t gva, const void *src, size_t n);
/* The hypervisor's view of guest frame @gfn of @d (RAM only), or NULL. */
void *map_guest_frame(struct domain *d, uint64_t gfn);

#endif
