/* Writing a domain under construction by grant copy (dom_copy.c). */
#ifndef DOM_COPY_H
#define DOM_COPY_H

#include <stddef.h>
#include <stdint.h>
#include "xc_private.h"

struct xc_dom_copier;

/* NULL when grant copy or the domain's grant frame is not to be had; the
 * builder then maps the pages instead. */
struct xc_dom_copier *xc_dom_copier_open(xc_interface *xch, uint32_t domid);
/* Copies len bytes of src (NULL: zeroes) to the guest at gpa (page
 * aligned). 0, or a negative errno (-EIO: a page's copy was refused). */
int xc_dom_copy_in(struct xc_dom_copier *c, uint64_t gpa, const void *src,
		   size_t len);
/* The domain's grant frame 0 as the copier maps it, for other entries. */
struct grant_entry_v1 *xc_dom_copier_grant_frame(struct xc_dom_copier *c);
/* Clears the copier's entries, unmaps the frame; NULL is fine. */
void xc_dom_copier_close(struct xc_dom_copier *c);

/* Fills a v1 grant entry; its flags are written last. */
void xc_dom_grant_entry_write(struct grant_entry_v1 *e, domid_t domid,
			      xen_pfn_t frame);

#endif
