/* Xen 4.17 ABI (interface 0x15): the sysctl hypercall, the toolstack's
 * host-wide control. Only the sub-ops Xenlet implements are declared. */
#ifndef XENLET_PUBLIC_SYSCTL_H
#define XENLET_PUBLIC_SYSCTL_H

#include "xen.h"
#include "domctl.h"

/* A mismatch in xen_sysctl.interface_version fails with -EACCES. */
#define XEN_SYSCTL_INTERFACE_VERSION 0x00000015

/* Read the hypervisor's console ring. */
struct xen_sysctl_readconsole {
	uint8_t clear;                  /* IN: empty the ring after reading */
	uint8_t incremental;            /* IN: start at index, not the oldest */
	uint8_t pad0;
	uint8_t pad1;
	uint32_t index;                 /* IN/OUT: position for incremental reads */
	XEN_GUEST_HANDLE(char) buffer;  /* OUT */
	uint32_t count;                 /* IN: buffer size; OUT: bytes written */
};

struct xen_sysctl_physinfo {
	uint32_t threads_per_core;  /* OUT */
	uint32_t cores_per_socket;
	uint32_t nr_cpus;
	uint32_t max_cpu_id;
	uint32_t nr_nodes;
	uint32_t max_node_id;
	uint32_t cpu_khz;
	uint32_t capabilities;      /* OUT: XEN_SYSCTL_PHYSCAP_* */
	uint32_t arch_capabilities;
	uint32_t pad;
	uint64_t total_pages;
	uint64_t free_pages;
	uint64_t scrub_pages;
	uint64_t outstanding_pages;
	uint64_t max_mfn;
	uint32_t hw_cap[8];
};
#define _XEN_SYSCTL_PHYSCAP_hvm 0
#define XEN_SYSCTL_PHYSCAP_hvm (1u << _XEN_SYSCTL_PHYSCAP_hvm)
#define _XEN_SYSCTL_PHYSCAP_pv 1
#define XEN_SYSCTL_PHYSCAP_pv (1u << _XEN_SYSCTL_PHYSCAP_pv)
#define _XEN_SYSCTL_PHYSCAP_directio 2
#define XEN_SYSCTL_PHYSCAP_directio (1u << _XEN_SYSCTL_PHYSCAP_directio)
#define _XEN_SYSCTL_PHYSCAP_hap 3
#define XEN_SYSCTL_PHYSCAP_hap (1u << _XEN_SYSCTL_PHYSCAP_hap)
#define _XEN_SYSCTL_PHYSCAP_shadow 4
#define XEN_SYSCTL_PHYSCAP_shadow (1u << _XEN_SYSCTL_PHYSCAP_shadow)
#define _XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share 5
#define XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share (1u << _XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share)
#define XEN_SYSCTL_PHYSCAP_vmtrace (1u << 6)
#define XEN_SYSCTL_PHYSCAP_vpmu (1u << 7)
#define XEN_SYSCTL_PHYSCAP_gnttab_v1 (1u << 8) /* libxl needs one gnttab bit */
#define XEN_SYSCTL_PHYSCAP_gnttab_v2 (1u << 9)
#define XEN_SYSCTL_PHYSCAP_MAX XEN_SYSCTL_PHYSCAP_gnttab_v2

/* The scheduler in use (XEN_SCHEDULER_*). */
struct xen_sysctl_sched_id {
	uint32_t sched_id; /* OUT */
};
#define XEN_SCHEDULER_CREDIT 5
#define XEN_SCHEDULER_CREDIT2 6
#define XEN_SCHEDULER_ARINC653 7
#define XEN_SCHEDULER_RTDS 8
#define XEN_SCHEDULER_NULL 9

/* Describe up to max_domains domains with id >= first_domain. */
struct xen_sysctl_getdomaininfolist {
	domid_t first_domain;  /* IN */
	uint32_t max_domains;  /* IN */
	XEN_GUEST_HANDLE(struct xen_domctl_getdomaininfo) buffer; /* OUT */
	uint32_t num_domains;  /* OUT */
};

struct xen_sysctl_cpupool_op {
	uint32_t op;          /* IN: XEN_SYSCTL_CPUPOOL_OP_* */
	uint32_t cpupool_id;  /* IN/OUT */
	uint32_t sched_id;    /* IN (create) / OUT (info) */
	uint32_t domid;       /* IN (movedomain) */
	uint32_t cpu;         /* IN (addcpu/rmcpu) */
	uint32_t n_dom;       /* OUT (info) */
	struct xenctl_bitmap cpumap; /* OUT (info/freeinfo) */
};
#define XEN_SYSCTL_CPUPOOL_OP_CREATE 1
#define XEN_SYSCTL_CPUPOOL_OP_DESTROY 2
#define XEN_SYSCTL_CPUPOOL_OP_INFO 3
#define XEN_SYSCTL_CPUPOOL_OP_ADDCPU 4
#define XEN_SYSCTL_CPUPOOL_OP_RMCPU 5
#define XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN 6
#define XEN_SYSCTL_CPUPOOL_OP_FREEINFO 7
#define XEN_SYSCTL_CPUPOOL_PAR_ANY 0xFFFFFFFF

/* The hypercall's single argument. */
struct xen_sysctl {
	uint32_t cmd;               /* IN: XEN_SYSCTL_* */
	uint32_t interface_version; /* IN: XEN_SYSCTL_INTERFACE_VERSION */
	union {
		struct xen_sysctl_readconsole readconsole;
		struct xen_sysctl_physinfo physinfo;
		struct xen_sysctl_sched_id sched_id;
		struct xen_sysctl_getdomaininfolist getdomaininfolist;
		struct xen_sysctl_cpupool_op cpupool_op;
		uint8_t pad[128];
	} u;
};

/* xen_sysctl.cmd */
#define XEN_SYSCTL_readconsole 1
#define XEN_SYSCTL_tbuf_op 2
#define XEN_SYSCTL_physinfo 3
#define XEN_SYSCTL_sched_id 4
#define XEN_SYSCTL_perfc_op 5
#define XEN_SYSCTL_getdomaininfolist 6
#define XEN_SYSCTL_debug_keys 7
#define XEN_SYSCTL_getcpuinfo 8
#define XEN_SYSCTL_availheap 9
#define XEN_SYSCTL_get_pmstat 10
#define XEN_SYSCTL_cpu_hotplug 11
#define XEN_SYSCTL_pm_op 12
#define XEN_SYSCTL_page_offline_op 14
#define XEN_SYSCTL_lockprof_op 15
#define XEN_SYSCTL_cputopoinfo 16
#define XEN_SYSCTL_numainfo 17
#define XEN_SYSCTL_cpupool_op 18
#define XEN_SYSCTL_scheduler_op 19
#define XEN_SYSCTL_coverage_op 20
#define XEN_SYSCTL_psr_cmt_op 21
#define XEN_SYSCTL_pcitopoinfo 22
#define XEN_SYSCTL_psr_alloc 23
#define XEN_SYSCTL_get_cpu_levelling_caps 25
#define XEN_SYSCTL_get_cpu_featureset 26
#define XEN_SYSCTL_livepatch_op 27
#define XEN_SYSCTL_get_cpu_policy 29

#endif
