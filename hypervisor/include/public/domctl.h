/* Xen 4.17 ABI (interface 0x15): the domctl hypercall, the toolstack's
 * per-domain control. Only the sub-ops Xenlet implements are declared. */
#ifndef XENLET_PUBLIC_DOMCTL_H
#define XENLET_PUBLIC_DOMCTL_H

#include "xen.h"
#include "event_channel.h"

/* A mismatch in xen_domctl.interface_version fails with -EACCES. */
#define XEN_DOMCTL_INTERFACE_VERSION 0x00000015

/* XEN_DOMCTL_createdomain. xen_domctl.domain: IN 0 or >= DOMID_FIRST_RESERVED
 * to pick one, OUT the new domid. The domain starts paused. */
struct xen_domctl_createdomain {
	uint32_t ssidref;             /* IN: XSM label */
	xen_domain_handle_t handle;   /* IN: UUID */
	uint32_t flags;               /* IN: XEN_DOMCTL_CDF_* */
	uint32_t iommu_opts;          /* IN: XEN_DOMCTL_IOMMU_* */
	uint32_t max_vcpus;           /* IN */
	uint32_t max_evtchn_port;     /* IN */
	int32_t max_grant_frames;     /* IN: < 0 = default */
	int32_t max_maptrack_frames;  /* IN: < 0 = default */
	uint32_t grant_opts;          /* IN: XEN_DOMCTL_GRANT_version() */
	uint32_t vmtrace_size;        /* IN: bytes per vCPU, 0 = none */
	uint32_t cpupool_id;          /* IN */
	struct xen_arch_domainconfig arch; /* IN/OUT */
};
#define _XEN_DOMCTL_CDF_hvm 0
#define XEN_DOMCTL_CDF_hvm (1U << _XEN_DOMCTL_CDF_hvm)
#define _XEN_DOMCTL_CDF_hap 1
#define XEN_DOMCTL_CDF_hap (1U << _XEN_DOMCTL_CDF_hap)
#define _XEN_DOMCTL_CDF_s3_integrity 2
#define XEN_DOMCTL_CDF_s3_integrity (1U << _XEN_DOMCTL_CDF_s3_integrity)
#define _XEN_DOMCTL_CDF_oos_off 3
#define XEN_DOMCTL_CDF_oos_off (1U << _XEN_DOMCTL_CDF_oos_off)
#define _XEN_DOMCTL_CDF_xs_domain 4
#define XEN_DOMCTL_CDF_xs_domain (1U << _XEN_DOMCTL_CDF_xs_domain)
#define _XEN_DOMCTL_CDF_iommu 5
#define XEN_DOMCTL_CDF_iommu (1U << _XEN_DOMCTL_CDF_iommu)
#define _XEN_DOMCTL_CDF_nested_virt 6
#define XEN_DOMCTL_CDF_nested_virt (1U << _XEN_DOMCTL_CDF_nested_virt)
#define XEN_DOMCTL_CDF_vpmu (1U << 7)
#define XEN_DOMCTL_CDF_MAX XEN_DOMCTL_CDF_vpmu

#define _XEN_DOMCTL_IOMMU_no_sharept 0
#define XEN_DOMCTL_IOMMU_no_sharept (1U << _XEN_DOMCTL_IOMMU_no_sharept)
#define XEN_DOMCTL_IOMMU_MAX XEN_DOMCTL_IOMMU_no_sharept

#define XEN_DOMCTL_GRANT_version_mask 0xf
#define XEN_DOMCTL_GRANT_version(v) ((v) & XEN_DOMCTL_GRANT_version_mask)

/* XEN_DOMCTL_getdomaininfo; also the element of sysctl getdomaininfolist.
 * Asking for a missing domid returns the next existing one. */
struct xen_domctl_getdomaininfo {
	domid_t domain;              /* OUT: the domain described */
	uint16_t pad1;
	uint32_t flags;              /* OUT: XEN_DOMINF_* and the shutdown code */
	uint64_t tot_pages;          /* OUT */
	uint64_t max_pages;
	uint64_t outstanding_pages;
	uint64_t shr_pages;
	uint64_t paged_pages;
	uint64_t shared_info_frame;  /* OUT: GFN of shared_info */
	uint64_t cpu_time;           /* OUT: ns */
	uint32_t nr_online_vcpus;
	uint32_t max_vcpu_id;        /* OUT: XEN_INVALID_MAX_VCPU_ID if none */
	uint32_t ssidref;
	xen_domain_handle_t handle;
	uint32_t cpupool;
	uint8_t gpaddr_bits;         /* OUT: guest physical address width */
	uint8_t pad2[7];
	struct xen_arch_domainconfig arch_config;
};
#define _XEN_DOMINF_dying 0
#define XEN_DOMINF_dying (1U << _XEN_DOMINF_dying)
#define _XEN_DOMINF_hvm_guest 1
#define XEN_DOMINF_hvm_guest (1U << _XEN_DOMINF_hvm_guest)
#define _XEN_DOMINF_shutdown 2
#define XEN_DOMINF_shutdown (1U << _XEN_DOMINF_shutdown)
#define _XEN_DOMINF_paused 3
#define XEN_DOMINF_paused (1U << _XEN_DOMINF_paused)
#define _XEN_DOMINF_blocked 4
#define XEN_DOMINF_blocked (1U << _XEN_DOMINF_blocked)
#define _XEN_DOMINF_running 5
#define XEN_DOMINF_running (1U << _XEN_DOMINF_running)
#define _XEN_DOMINF_debugged 6
#define XEN_DOMINF_debugged (1U << _XEN_DOMINF_debugged)
#define _XEN_DOMINF_xs_domain 7
#define XEN_DOMINF_xs_domain (1U << _XEN_DOMINF_xs_domain)
#define _XEN_DOMINF_hap 8
#define XEN_DOMINF_hap (1U << _XEN_DOMINF_hap)
#define XEN_DOMINF_shutdownmask 255 /* SHUTDOWN_* code, valid with _shutdown */
#define XEN_DOMINF_shutdownshift 16
#define XEN_INVALID_MAX_VCPU_ID (~0U)

struct xen_domctl_max_mem {
	uint64_t max_memkb; /* IN */
};

/* XEN_DOMCTL_setvcpucontext / getvcpucontext */
struct xen_domctl_vcpucontext {
	uint32_t vcpu;                                     /* IN */
	XEN_GUEST_HANDLE(struct vcpu_guest_context) ctxt; /* IN (set) / OUT (get) */
};

struct xen_domctl_getvcpuinfo {
	uint32_t vcpu;     /* IN */
	uint8_t online;    /* OUT */
	uint8_t blocked;   /* OUT */
	uint8_t running;   /* OUT */
	uint64_t cpu_time; /* OUT: ns */
	uint32_t cpu;      /* OUT: physical CPU it is on */
};

/* XEN_DOMCTL_setvcpuaffinity / getvcpuaffinity */
struct xen_domctl_vcpuaffinity {
	uint32_t vcpu;                   /* IN */
	uint32_t flags;                  /* IN: XEN_VCPUAFFINITY_* */
	struct xenctl_bitmap cpumap_hard; /* IN/OUT */
	struct xenctl_bitmap cpumap_soft; /* IN/OUT */
};
#define _XEN_VCPUAFFINITY_HARD 0
#define XEN_VCPUAFFINITY_HARD (1U << _XEN_VCPUAFFINITY_HARD)
#define _XEN_VCPUAFFINITY_SOFT 1
#define XEN_VCPUAFFINITY_SOFT (1U << _XEN_VCPUAFFINITY_SOFT)
#define _XEN_VCPUAFFINITY_FORCE 2
#define XEN_VCPUAFFINITY_FORCE (1U << _XEN_VCPUAFFINITY_FORCE)

/* Must equal createdomain's max_vcpus; creates the vCPUs. */
struct xen_domctl_max_vcpus {
	uint32_t max; /* IN */
};

struct xen_domctl_setdomainhandle {
	xen_domain_handle_t handle; /* IN */
};

struct xen_domctl_settimeoffset {
	int64_t time_offset_seconds; /* IN */
};

/* XEN_DOMCTL_set_address_size / get_address_size */
struct xen_domctl_address_size {
	uint32_t size; /* IN (set) / OUT (get): 32 or 64 */
};

struct xen_domctl_set_virq_handler {
	uint32_t virq; /* IN: a global VIRQ_* to route to this domain */
};

/* Clean and invalidate a range of guest frames to the point of coherency. */
struct xen_domctl_cacheflush {
	xen_pfn_t start_pfn; /* IN */
	xen_pfn_t nr_pfns;   /* IN */
};

/* XEN_DOMCTL_get_paging_mempool_size / set_paging_mempool_size */
struct xen_domctl_paging_mempool {
	uint64_t size; /* IN (set) / OUT (get): bytes of stage-2 table pool */
};

struct xen_domctl_vuart_op {
	uint32_t cmd;          /* IN: XEN_DOMCTL_VUART_OP_* */
	uint32_t type;         /* IN: XEN_DOMCTL_VUART_TYPE_* */
	uint64_t gfn;          /* IN: ring page */
	domid_t console_domid; /* IN: the backend */
	uint8_t pad[2];
	evtchn_port_t evtchn;  /* OUT: port for the backend to bind */
};
#define XEN_DOMCTL_VUART_OP_INIT 0
#define XEN_DOMCTL_VUART_TYPE_VPL011 0

/* The hypercall's single argument. */
struct xen_domctl {
	uint32_t cmd;               /* IN: XEN_DOMCTL_* */
	uint32_t interface_version; /* IN: XEN_DOMCTL_INTERFACE_VERSION */
	domid_t domain;             /* IN (createdomain: IN/OUT) */
	uint16_t _pad[3];
	union {
		struct xen_domctl_createdomain createdomain;
		struct xen_domctl_getdomaininfo getdomaininfo;
		struct xen_domctl_vcpuaffinity vcpuaffinity;
		struct xen_domctl_max_mem max_mem;
		struct xen_domctl_vcpucontext vcpucontext;
		struct xen_domctl_getvcpuinfo getvcpuinfo;
		struct xen_domctl_max_vcpus max_vcpus;
		struct xen_domctl_setdomainhandle setdomainhandle;
		struct xen_domctl_settimeoffset settimeoffset;
		struct xen_domctl_address_size address_size;
		struct xen_domctl_set_virq_handler set_virq_handler;
		struct xen_domctl_cacheflush cacheflush;
		struct xen_domctl_vuart_op vuart_op;
		struct xen_domctl_paging_mempool paging_mempool;
		uint8_t pad[128];
	} u;
};

/* xen_domctl.cmd */
#define XEN_DOMCTL_createdomain 1
#define XEN_DOMCTL_destroydomain 2
#define XEN_DOMCTL_pausedomain 3
#define XEN_DOMCTL_unpausedomain 4
#define XEN_DOMCTL_getdomaininfo 5
#define XEN_DOMCTL_setvcpuaffinity 9
#define XEN_DOMCTL_shadow_op 10
#define XEN_DOMCTL_max_mem 11
#define XEN_DOMCTL_setvcpucontext 12
#define XEN_DOMCTL_getvcpucontext 13
#define XEN_DOMCTL_getvcpuinfo 14
#define XEN_DOMCTL_max_vcpus 15
#define XEN_DOMCTL_scheduler_op 16
#define XEN_DOMCTL_setdomainhandle 17
#define XEN_DOMCTL_setdebugging 18
#define XEN_DOMCTL_irq_permission 19
#define XEN_DOMCTL_iomem_permission 20
#define XEN_DOMCTL_ioport_permission 21
#define XEN_DOMCTL_hypercall_init 22
#define XEN_DOMCTL_settimeoffset 24
#define XEN_DOMCTL_getvcpuaffinity 25
#define XEN_DOMCTL_real_mode_area 26
#define XEN_DOMCTL_resumedomain 27
#define XEN_DOMCTL_sendtrigger 28
#define XEN_DOMCTL_subscribe 29
#define XEN_DOMCTL_gethvmcontext 33
#define XEN_DOMCTL_sethvmcontext 34
#define XEN_DOMCTL_set_address_size 35
#define XEN_DOMCTL_get_address_size 36
#define XEN_DOMCTL_assign_device 37
#define XEN_DOMCTL_bind_pt_irq 38
#define XEN_DOMCTL_memory_mapping 39
#define XEN_DOMCTL_ioport_mapping 40
#define XEN_DOMCTL_set_ext_vcpucontext 42
#define XEN_DOMCTL_get_ext_vcpucontext 43
#define XEN_DOMCTL_set_opt_feature 44
#define XEN_DOMCTL_test_assign_device 45
#define XEN_DOMCTL_set_target 46
#define XEN_DOMCTL_deassign_device 47
#define XEN_DOMCTL_unbind_pt_irq 48
#define XEN_DOMCTL_get_device_group 50
#define XEN_DOMCTL_debug_op 54
#define XEN_DOMCTL_gethvmcontext_partial 55
#define XEN_DOMCTL_vm_event_op 56
#define XEN_DOMCTL_mem_sharing_op 57
#define XEN_DOMCTL_gettscinfo 59
#define XEN_DOMCTL_settscinfo 60
#define XEN_DOMCTL_getpageframeinfo3 61
#define XEN_DOMCTL_setvcpuextstate 62
#define XEN_DOMCTL_getvcpuextstate 63
#define XEN_DOMCTL_set_access_required 64
#define XEN_DOMCTL_audit_p2m 65
#define XEN_DOMCTL_set_virq_handler 66
#define XEN_DOMCTL_set_broken_page_p2m 67
#define XEN_DOMCTL_setnodeaffinity 68
#define XEN_DOMCTL_getnodeaffinity 69
#define XEN_DOMCTL_cacheflush 71
#define XEN_DOMCTL_get_vcpu_msrs 72
#define XEN_DOMCTL_set_vcpu_msrs 73
#define XEN_DOMCTL_setvnumainfo 74
#define XEN_DOMCTL_psr_cmt_op 75
#define XEN_DOMCTL_monitor_op 77
#define XEN_DOMCTL_psr_alloc 78
#define XEN_DOMCTL_soft_reset 79
#define XEN_DOMCTL_vuart_op 81
#define XEN_DOMCTL_get_cpu_policy 82
#define XEN_DOMCTL_set_cpu_policy 83
#define XEN_DOMCTL_vmtrace_op 84
#define XEN_DOMCTL_get_paging_mempool_size 85
#define XEN_DOMCTL_set_paging_mempool_size 86

#endif
