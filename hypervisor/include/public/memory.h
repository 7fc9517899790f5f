/* Xen 4.17 ABI: the memory_op hypercall (cmd, arg). */
#ifndef XENLET_PUBLIC_MEMORY_H
#define XENLET_PUBLIC_MEMORY_H

#include "xen.h"

#define XENMEM_increase_reservation 0
#define XENMEM_decrease_reservation 1
#define XENMEM_maximum_ram_page 2
#define XENMEM_current_reservation 3 /* arg: domid_t * */
#define XENMEM_maximum_reservation 4 /* arg: domid_t * */
#define XENMEM_machphys_mfn_list 5
#define XENMEM_populate_physmap 6
#define XENMEM_add_to_physmap 7
#define XENMEM_memory_map 9
#define XENMEM_machine_memory_map 10
#define XENMEM_exchange 11
#define XENMEM_machphys_mapping 12
#define XENMEM_set_memory_map 13
#define XENMEM_maximum_gpfn 14
#define XENMEM_remove_from_physmap 15
#define XENMEM_set_pod_target 16
#define XENMEM_get_pod_target 17
#define XENMEM_get_sharing_freed_pages 18
#define XENMEM_get_sharing_shared_pages 19
#define XENMEM_paging_op 20
#define XENMEM_access_op 21
#define XENMEM_sharing_op 22
#define XENMEM_add_to_physmap_batch 23
#define XENMEM_claim_pages 24
#define XENMEM_machphys_compat_mfn_list 25
#define XENMEM_get_vnumainfo 26
#define XENMEM_reserved_device_memory_map 27
#define XENMEM_acquire_resource 28

/* xen_memory_reservation.mem_flags */
#define XENMEMF_address_bits(x) (x)
#define XENMEMF_get_address_bits(x) ((x) & 0xffu)
#define XENMEMF_node(x) (((x) + 1) << 8)
#define XENMEMF_get_node(x) ((((x) >> 8) - 1) & 0xffu)
#define XENMEMF_populate_on_demand (1 << 16)
#define XENMEMF_exact_node_request (1 << 17)
#define XENMEMF_exact_node(n) (XENMEMF_node(n) | XENMEMF_exact_node_request)
#define XENMEMF_vnode (1 << 18)

/* increase/decrease_reservation, populate_physmap. */
struct xen_memory_reservation {
	XEN_GUEST_HANDLE(xen_pfn_t) extent_start; /* IN: GFNs; OUT: frames (increase) */
	xen_ulong_t nr_extents;                   /* IN */
	uint32_t extent_order;                    /* IN: log2 pages per extent */
	uint32_t mem_flags;                       /* IN: XENMEMF_* */
	domid_t domid;                            /* IN */
};

struct xen_memory_exchange {
	struct xen_memory_reservation in;  /* IN: extents to give back */
	struct xen_memory_reservation out; /* IN/OUT: extents to get */
	xen_ulong_t nr_exchanged;          /* OUT: done so far */
};

/* Where add_to_physmap takes its frames from. */
#define XENMAPSPACE_shared_info 0
#define XENMAPSPACE_grant_table 1 /* idx | XENMAPIDX_grant_table_status: status frame */
#define XENMAPSPACE_gmfn 2
#define XENMAPSPACE_gmfn_range 3
#define XENMAPSPACE_gmfn_foreign 4 /* a frame of another domain (batch only) */
#define XENMAPSPACE_dev_mmio 5

#define XENMAPIDX_grant_table_status 0x80000000

struct xen_add_to_physmap {
	domid_t domid;   /* IN: whose physmap changes */
	uint16_t size;   /* IN: pages, for XENMAPSPACE_gmfn_range */
	uint32_t space;  /* IN: XENMAPSPACE_* */
	xen_ulong_t idx; /* IN: index in that space */
	xen_pfn_t gpfn;  /* IN: where to map it */
};

union xen_add_to_physmap_batch_extra {
	domid_t foreign_domid; /* gmfn_foreign: the domain owning idxs */
	uint16_t res0;         /* other spaces: must be 0 */
};

struct xen_add_to_physmap_batch {
	domid_t domid;   /* IN */
	uint16_t space;  /* IN: XENMAPSPACE_* */
	uint16_t size;   /* IN: number of entries */
	union xen_add_to_physmap_batch_extra u; /* IN */
	XEN_GUEST_HANDLE(xen_ulong_t) idxs;     /* IN: indexes in space */
	XEN_GUEST_HANDLE(xen_pfn_t) gpfns;      /* IN: where to map each */
	XEN_GUEST_HANDLE(int) errs;             /* OUT: per-entry result */
};

struct xen_remove_from_physmap {
	domid_t domid;  /* IN */
	xen_pfn_t gpfn; /* IN: frame to unmap */
};

/* Map frames of a domain's resource (grant table, ioreq server pages). */
struct xen_mem_acquire_resource {
	domid_t domid;      /* IN: owner of the resource */
	uint16_t type;      /* IN: XENMEM_resource_* */
	uint32_t id;        /* IN: which one of that type */
	uint32_t nr_frames; /* IN: count; OUT: size when frame_list is null */
	uint32_t pad;       /* IN: must be 0 */
	uint64_t frame;     /* IN: first frame index in the resource */
	XEN_GUEST_HANDLE(xen_pfn_t) frame_list; /* IN: GFNs to map at (translated caller) */
};
#define XENMEM_resource_ioreq_server 0
#define XENMEM_resource_grant_table 1
#define XENMEM_resource_vmtrace_buf 2
#define XENMEM_resource_grant_table_id_shared 0
#define XENMEM_resource_grant_table_id_status 1
#define XENMEM_resource_ioreq_server_frame_bufioreq 0
#define XENMEM_resource_ioreq_server_frame_ioreq(n) (1 + (n))

#endif
