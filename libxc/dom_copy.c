/*
 * Writing a domain under construction by grant copy. Through a foreign
 * mapping, each page costs dom0's Linux a write fault on its first store
 * (arm64 cores without a hardware dirty bit; each fault ends in a broadcast
 * TLB flush) and a hypercall to unmap it; a grant copy costs one hypercall
 * per batch of pages. The builder grants itself the pages through a window
 * of the new domain's own grant entries, which its guest has not yet used,
 * and clears every entry it wrote before it returns.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "dom_copy.h"

/* Refs below GNTTAB_NR_RESERVED_ENTRIES belong to the toolstack's rings. */
#define WINDOW_FIRST GNTTAB_NR_RESERVED_ENTRIES
#define WINDOW_REFS (XC_PAGE_SIZE / sizeof(struct grant_entry_v1) - \
		     WINDOW_FIRST)
/* The grantee: the toolstack's own domain. */
#define BUILDER_DOMID 0

struct xc_dom_copier {
	xc_interface *xch;
	uint32_t domid;
	struct grant_entry_v1 *gt;
	xengnttab_grant_copy_segment_t seg[WINDOW_REFS];
};

void xc_dom_grant_entry_write(struct grant_entry_v1 *e, domid_t domid,
			      xen_pfn_t frame)
{
	e->domid = domid;
	e->frame = (uint32_t)frame;
	__atomic_store_n(&e->flags, (uint16_t)GTF_permit_access,
			 __ATOMIC_RELEASE);
}

static void window_clear(struct xc_dom_copier *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct grant_entry_v1 *e = &c->gt[WINDOW_FIRST + i];

		__atomic_store_n(&e->flags, 0, __ATOMIC_RELEASE);
		e->domid = 0;
		e->frame = 0;
	}
}

struct xc_dom_copier *xc_dom_copier_open(xc_interface *xch, uint32_t domid)
{
	struct xc_dom_copier *c;

	if (!xch->ops->grant_copy)
		return NULL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->xch = xch;
	c->domid = domid;
	c->gt = xc_map_resource(xch, domid, XENMEM_resource_grant_table,
				XENMEM_resource_grant_table_id_shared, 0, 1,
				PROT_READ | PROT_WRITE);
	if (!c->gt) {
		free(c);
		return NULL;
	}
	return c;
}

int xc_dom_copy_in(struct xc_dom_copier *c, uint64_t gpa, const void *src,
		   size_t len)
{
	static const uint8_t zero[XC_PAGE_SIZE];
	const xen_pfn_t gfn = gpa >> XC_PAGE_SHIFT;
	size_t done = 0;

	if (gpa & (XC_PAGE_SIZE - 1))
		return -EINVAL;
	while (done < len) {
		size_t n = 0, i;
		int rc;

		for (; n < WINDOW_REFS && done < len; n++) {
			size_t piece = len - done < XC_PAGE_SIZE ? len - done :
				       XC_PAGE_SIZE;
			uint32_t ref = (uint32_t)(WINDOW_FIRST + n);

			xc_dom_grant_entry_write(&c->gt[ref], BUILDER_DOMID,
						 gfn + (done >> XC_PAGE_SHIFT));
			c->seg[n] = (xengnttab_grant_copy_segment_t){
				.source.virt = src ? (uint8_t *)src + done :
						     (void *)zero,
				.dest.foreign = { .ref = ref,
						  .domid = (uint16_t)c->domid },
				.len = (uint16_t)piece,
				.flags = GNTCOPY_dest_gref,
			};
			done += piece;
		}
		rc = c->xch->ops->grant_copy(c->xch, (uint32_t)n, c->seg);
		window_clear(c, n);
		if (rc < 0)
			return rc;
		for (i = 0; i < n; i++)
			if (c->seg[i].status != GNTST_okay)
				return -EIO;
	}
	return 0;
}

struct grant_entry_v1 *xc_dom_copier_grant_frame(struct xc_dom_copier *c)
{
	return c->gt;
}

void xc_dom_copier_close(struct xc_dom_copier *c)
{
	if (!c)
		return;
	window_clear(c, WINDOW_REFS);
	xc_unmap(c->xch, c->gt, 1);
	free(c);
}
