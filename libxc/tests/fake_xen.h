/* A fake hypervisor behind libxc's OS-ops table, for host unit tests: it
 * answers hypercalls from a little model and logs every call. */
#ifndef FAKE_XEN_H
#define FAKE_XEN_H

#include <stddef.h>
#include <stdint.h>
#include "xc_private.h"

#define FAKE_MAX_CALLS 8192
#define FAKE_MAX_RANGES 4096
#define FAKE_MAX_PAGES 4096
#define FAKE_MAX_MAPS 16
/* fake_call.op of the calls that are not hypercalls. */
#define FAKE_OP_MAP_RESOURCE 0xfff
#define FAKE_OP_GRANT_COPY 0xffe

struct fake_call {
	unsigned int op;       /* __HYPERVISOR_* */
	unsigned int cmd;      /* domctl/sysctl cmd or sub-op */
	uint32_t dom;
	uint64_t a, b;         /* per call: param index/value, gfn/order ... */
};

struct fake_xen {
	struct fake_call calls[FAKE_MAX_CALLS];
	unsigned int nr_calls;
	uint32_t bad_version_seen;  /* domctl/sysctl with a wrong version */
	struct xen_domctl last_domctl;  /* as the hypervisor received them */
	struct xen_sysctl last_sysctl;
	uint64_t last_arg[5];

	/* Domains that exist, ascending. */
	uint16_t domids[8];
	unsigned int nr_domids;

	/* Populated guest RAM of the one domain being built. */
	struct { xen_pfn_t gfn; uint64_t nr; } ranges[FAKE_MAX_RANGES];
	unsigned int nr_ranges;
	struct { xen_pfn_t gfn; uint8_t *page; } pages[FAKE_MAX_PAGES];
	unsigned int nr_pages;
	unsigned int refuse_order; /* populate of this order gives 0 (0: none) */

	uint64_t hvm_params[64];
	struct vcpu_guest_context ctx;
	int ctx_set;
	unsigned int next_port;
	int has_resource;          /* acquire_resource works */
	uint8_t gnttab[4096];      /* the domain's grant frame 0 */
	int16_t copy_refusal;      /* grant copies fail with this (0: work) */
	unsigned int copied_pages; /* pages written by grant copy */
	unsigned int mapped_pages; /* pages mapped with map_foreign */
	xen_pfn_t gnttab_gfn;      /* where add_to_physmap put it, or 0 */

	struct { void *addr; size_t n; xen_pfn_t gfn[1024]; int resource; }
		maps[FAKE_MAX_MAPS];
};

xc_interface *fake_xen_open(struct fake_xen *fx);
void fake_xen_close(xc_interface *xch, struct fake_xen *fx);
/* Contents of a populated guest page (NULL if never written). */
const uint8_t *fake_xen_page(struct fake_xen *fx, xen_pfn_t gfn);
int fake_xen_populated(struct fake_xen *fx, xen_pfn_t gfn);
/* Index of the first call matching (op, cmd) at or after from, or -1. */
int fake_xen_find(struct fake_xen *fx, unsigned int from, unsigned int op,
		  unsigned int cmd);

#endif
