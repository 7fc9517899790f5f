/*
 * The Xen 4.17 ABI (AArch64) as libxc sees it. By default this is the
 * project's public headers (hypervisor/include/public, from branch abi).
 * TEMPORARY: the declarations under XC_ABI_LOCAL_FALLBACK are the slice libxc
 * was written against before those headers existed (same names as Xen's);
 * they still compile (-DXC_ABI_LOCAL_FALLBACK) but nothing uses them, and the
 * integrator may delete them. test_xc_abi checks the layouts either way.
 */
#ifndef XC_ABI_LOCAL_H
#define XC_ABI_LOCAL_H

#include <stdint.h>

#ifndef XC_ABI_LOCAL_FALLBACK
/* The project's public headers (branch abi, merged into main). */
#include <public/xen.h>
#include <public/domctl.h>
#include <public/sysctl.h>
#include <public/memory.h>
#include <public/sched.h>
#include <public/version.h>
#include <public/event_channel.h>
#include <public/grant_table.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>
#include <public/arch-arm.h>
#include <public/device_tree_defs.h>
#else

typedef uint16_t domid_t;
typedef uint64_t xen_pfn_t;
typedef uint64_t xen_ulong_t;
typedef uint32_t evtchn_port_t;
typedef uint32_t grant_ref_t;
typedef uint64_t uint64_aligned_t __attribute__((aligned(8)));
typedef uint8_t xen_domain_handle_t[16];

/* A guest handle inside a struct: always 8 bytes, 8-aligned on ARM. */
#define XEN_GUEST_HANDLE_64(type) \
	union { type *p; uint64_aligned_t q; }
#define set_xen_guest_handle(hnd, val) \
	do { (hnd).q = 0; (hnd).p = (val); } while (0)

/* ---- xen.h ---- */
#define __HYPERVISOR_memory_op        12
#define __HYPERVISOR_xen_version      17
#define __HYPERVISOR_console_io       18
#define __HYPERVISOR_grant_table_op   20
#define __HYPERVISOR_sched_op         29
#define __HYPERVISOR_event_channel_op 32
#define __HYPERVISOR_hvm_op           34
#define __HYPERVISOR_sysctl           35
#define __HYPERVISOR_domctl           36

#define DOMID_FIRST_RESERVED 0x7FF0U
#define DOMID_SELF           0x7FF0U
#define DOMID_IO             0x7FF1U
#define DOMID_XEN            0x7FF2U
#define DOMID_INVALID        0x7FF4U

/* ---- version.h ---- */
#define XENVER_version      0
#define XENVER_extraversion 1
#define XENVER_compile_info 2
#define XENVER_capabilities 3
#define XENVER_changeset    4
#define XENVER_get_features 6
#define XENVER_pagesize     7
#define XENVER_commandline  9
typedef char xen_extraversion_t[16];
typedef char xen_capabilities_info_t[1024];
typedef char xen_changeset_info_t[64];
typedef char xen_commandline_t[1024];
struct xen_compile_info {
	char compiler[64];
	char compile_by[16];
	char compile_domain[32];
	char compile_date[32];
};
typedef struct xen_compile_info xen_compile_info_t;
struct xen_feature_info {
	uint32_t submap_idx;
	uint32_t submap;
};

/* ---- memory.h ---- */
#define XENMEM_increase_reservation 0
#define XENMEM_decrease_reservation 1
#define XENMEM_populate_physmap     6
#define XENMEM_add_to_physmap       7
#define XENMEM_remove_from_physmap  15
#define XENMEM_acquire_resource     28

#define XENMAPSPACE_shared_info  0
#define XENMAPSPACE_grant_table  1
#define XENMAPSPACE_gmfn_foreign 4

#define XENMEM_resource_ioreq_server 0
#define XENMEM_resource_grant_table  1
#define XENMEM_resource_grant_table_id_shared 0
#define XENMEM_resource_grant_table_id_status 1

struct xen_memory_reservation {
	XEN_GUEST_HANDLE_64(xen_pfn_t) extent_start;
	xen_ulong_t nr_extents;
	uint32_t extent_order;
	uint32_t mem_flags;
	domid_t domid;
};

struct xen_add_to_physmap {
	domid_t domid;
	uint16_t size;
	uint32_t space;
	xen_ulong_t idx;
	xen_pfn_t gpfn;
};

struct xen_remove_from_physmap {
	domid_t domid;
	xen_pfn_t gpfn;
};

/* ---- sched.h ---- */
#define SCHEDOP_remote_shutdown 4
#define SHUTDOWN_poweroff 0
#define SHUTDOWN_reboot   1
#define SHUTDOWN_suspend  2
#define SHUTDOWN_crash    3
#define SHUTDOWN_watchdog 4
struct sched_remote_shutdown {
	domid_t domain_id;
	uint32_t reason;
};

/* ---- event_channel.h ---- */
#define EVTCHNOP_alloc_unbound 6
struct evtchn_alloc_unbound {
	domid_t dom, remote_dom;
	evtchn_port_t port;
};

/* ---- hvm/hvm_op.h, hvm/params.h ---- */
#define HVMOP_set_param 0
#define HVMOP_get_param 1
struct xen_hvm_param {
	domid_t domid;
	uint16_t pad;
	uint32_t index;
	uint64_t value;
};
#define HVM_PARAM_CALLBACK_IRQ       0
#define HVM_PARAM_STORE_PFN          1
#define HVM_PARAM_STORE_EVTCHN       2
#define HVM_PARAM_CONSOLE_PFN        17
#define HVM_PARAM_CONSOLE_EVTCHN     18
#define HVM_PARAM_MONITOR_RING_PFN   28
#define HVM_PARAM_CALLBACK_TYPE_PPI  2
#define HVM_PARAM_CALLBACK_TYPE_PPI_FLAG_LOW_LEVEL 2

/* ---- console_io ---- */
#define CONSOLEIO_write 0
#define CONSOLEIO_read  1

/* ---- grant_table.h (v1) ---- */
struct grant_entry_v1 {
	uint16_t flags;
	domid_t domid;
	uint32_t frame;
};
typedef struct grant_entry_v1 grant_entry_v1_t;
#define GTF_permit_access 1U
#define GTF_readonly      (1U << 2)
#define GNTTAB_RESERVED_CONSOLE  0
#define GNTTAB_RESERVED_XENSTORE 1

/* ---- arch-arm.h ---- */
struct vcpu_guest_core_regs {
	uint64_t x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14,
		x15, x16, x17, x18, x19, x20, x21, x22, x23, x24, x25, x26, x27,
		x28, x29, x30;
	uint64_t pc64;
	uint64_t cpsr;
	uint64_t spsr_el1;
	uint32_t spsr_fiq, spsr_irq, spsr_und, spsr_abt;
	uint64_t sp_el0;
	uint64_t sp_el1;
	uint64_t elr_el1;
};
typedef struct vcpu_guest_core_regs vcpu_guest_core_regs_t;

struct vcpu_guest_context {
	uint32_t flags;
	struct vcpu_guest_core_regs user_regs;
	uint64_t sctlr;
	uint64_t ttbcr, ttbr0, ttbr1;
};
typedef struct vcpu_guest_context vcpu_guest_context_t;
#define VGCF_online 1U

#define PSR_GUEST64_INIT 0x1C5ULL
#define SCTLR_GUEST_INIT 0x00C50078ULL

#define XEN_DOMCTL_CONFIG_GIC_NATIVE 0
#define XEN_DOMCTL_CONFIG_GIC_V2     1
#define XEN_DOMCTL_CONFIG_GIC_V3     2
#define XEN_DOMCTL_CONFIG_TEE_NONE   0

struct xen_arch_domainconfig {
	uint8_t gic_version;
	uint16_t tee_type;
	uint32_t nr_spis;
	uint32_t clock_frequency;
};

#define GUEST_GICD_BASE      0x03001000ULL
#define GUEST_GICD_SIZE      0x00001000ULL
#define GUEST_GICC_BASE      0x03002000ULL
#define GUEST_GICC_SIZE      0x00002000ULL
#define GUEST_GICV3_GICD_BASE  0x03001000ULL
#define GUEST_GICV3_GICD_SIZE  0x00010000ULL
#define GUEST_GICV3_GICR0_BASE 0x03020000ULL
#define GUEST_GICV3_GICR0_SIZE 0x01000000ULL
#define GUEST_GNTTAB_BASE    0x38000000ULL
#define GUEST_GNTTAB_SIZE    0x01000000ULL
#define GUEST_MAGIC_BASE     0x39000000ULL
#define GUEST_MAGIC_SIZE     0x01000000ULL
#define GUEST_RAM_BANKS      2
#define GUEST_RAM0_BASE      0x40000000ULL
#define GUEST_RAM0_SIZE      0xC0000000ULL
#define GUEST_RAM1_BASE      0x0200000000ULL
#define GUEST_RAM1_SIZE      0xFE00000000ULL
#define GUEST_RAM_MAX        (GUEST_RAM0_SIZE + GUEST_RAM1_SIZE)
#define GUEST_MAX_VCPUS      128
#define GUEST_TIMER_VIRT_PPI    27
#define GUEST_TIMER_PHYS_S_PPI  29
#define GUEST_TIMER_PHYS_NS_PPI 30
#define GUEST_EVTCHN_PPI        31
#define GUEST_PHANDLE_GIC       65000

/* ---- domctl.h ---- */
#define XEN_DOMCTL_INTERFACE_VERSION 0x00000015

#define XEN_DOMCTL_CDF_hvm   (1U << 0)
#define XEN_DOMCTL_CDF_hap   (1U << 1)
#define XEN_DOMCTL_CDF_iommu (1U << 5)
#define XEN_DOMCTL_GRANT_version(v) ((v) & 0xf)

struct xen_domctl_createdomain {
	uint32_t ssidref;
	xen_domain_handle_t handle;
	uint32_t flags;
	uint32_t iommu_opts;
	uint32_t max_vcpus;
	uint32_t max_evtchn_port;
	int32_t max_grant_frames;
	int32_t max_maptrack_frames;
	uint32_t grant_opts;
	uint32_t vmtrace_size;
	uint32_t cpupool_id;
	struct xen_arch_domainconfig arch;
};

#define XEN_DOMINF_dying      (1U << 0)
#define XEN_DOMINF_hvm_guest  (1U << 1)
#define XEN_DOMINF_shutdown   (1U << 2)
#define XEN_DOMINF_paused     (1U << 3)
#define XEN_DOMINF_blocked    (1U << 4)
#define XEN_DOMINF_running    (1U << 5)
#define XEN_DOMINF_debugged   (1U << 6)
#define XEN_DOMINF_xs_domain  (1U << 7)
#define XEN_DOMINF_hap        (1U << 8)
#define XEN_DOMINF_shutdownmask  255
#define XEN_DOMINF_shutdownshift 16
#define XEN_INVALID_MAX_VCPU_ID (~0U)

struct xen_domctl_getdomaininfo {
	domid_t domain;
	uint16_t pad1;
	uint32_t flags;
	uint64_aligned_t tot_pages;
	uint64_aligned_t max_pages;
	uint64_aligned_t outstanding_pages;
	uint64_aligned_t shr_pages;
	uint64_aligned_t paged_pages;
	uint64_aligned_t shared_info_frame;
	uint64_aligned_t cpu_time;
	uint32_t nr_online_vcpus;
	uint32_t max_vcpu_id;
	uint32_t ssidref;
	xen_domain_handle_t handle;
	uint32_t cpupool;
	uint8_t gpaddr_bits;
	uint8_t pad2[7];
	struct xen_arch_domainconfig arch_config;
};
typedef struct xen_domctl_getdomaininfo xen_domctl_getdomaininfo_t;

struct xen_domctl_max_mem { uint64_aligned_t max_memkb; };
struct xen_domctl_vcpucontext {
	uint32_t vcpu;
	XEN_GUEST_HANDLE_64(vcpu_guest_context_t) ctxt;
};
struct xen_domctl_getvcpuinfo {
	uint32_t vcpu;
	uint8_t online, blocked, running;
	uint64_aligned_t cpu_time;
	uint32_t cpu;
};
struct xen_domctl_max_vcpus { uint32_t max; };
struct xen_domctl_setdomainhandle { xen_domain_handle_t handle; };
struct xen_domctl_address_size { uint32_t size; };
struct xen_domctl_cacheflush { xen_pfn_t start_pfn, nr_pfns; };
struct xen_domctl_paging_mempool { uint64_aligned_t size; };

#define XEN_DOMCTL_createdomain            1
#define XEN_DOMCTL_destroydomain           2
#define XEN_DOMCTL_pausedomain             3
#define XEN_DOMCTL_unpausedomain           4
#define XEN_DOMCTL_getdomaininfo           5
#define XEN_DOMCTL_max_mem                 11
#define XEN_DOMCTL_setvcpucontext          12
#define XEN_DOMCTL_getvcpucontext          13
#define XEN_DOMCTL_getvcpuinfo             14
#define XEN_DOMCTL_max_vcpus               15
#define XEN_DOMCTL_setdomainhandle         17
#define XEN_DOMCTL_set_address_size        35
#define XEN_DOMCTL_cacheflush              71
#define XEN_DOMCTL_get_paging_mempool_size 85
#define XEN_DOMCTL_set_paging_mempool_size 86

struct xen_domctl {
	uint32_t cmd;
	uint32_t interface_version;
	domid_t domain;
	uint16_t _pad[3];
	union {
		struct xen_domctl_createdomain createdomain;
		struct xen_domctl_getdomaininfo getdomaininfo;
		struct xen_domctl_max_mem max_mem;
		struct xen_domctl_vcpucontext vcpucontext;
		struct xen_domctl_getvcpuinfo getvcpuinfo;
		struct xen_domctl_max_vcpus max_vcpus;
		struct xen_domctl_setdomainhandle setdomainhandle;
		struct xen_domctl_address_size address_size;
		struct xen_domctl_cacheflush cacheflush;
		struct xen_domctl_paging_mempool paging_mempool;
		uint8_t pad[128];
	} u;
};

/* ---- sysctl.h ---- */
#define XEN_SYSCTL_INTERFACE_VERSION 0x00000015

#define XEN_SYSCTL_readconsole       1
#define XEN_SYSCTL_physinfo          3
#define XEN_SYSCTL_sched_id          4
#define XEN_SYSCTL_getdomaininfolist 6

#define XEN_SYSCTL_PHYSCAP_hvm       (1U << 0)
#define XEN_SYSCTL_PHYSCAP_pv        (1U << 1)
#define XEN_SYSCTL_PHYSCAP_directio  (1U << 2)
#define XEN_SYSCTL_PHYSCAP_hap       (1U << 3)
#define XEN_SYSCTL_PHYSCAP_shadow    (1U << 4)
#define XEN_SYSCTL_PHYSCAP_gnttab_v1 (1U << 8)
#define XEN_SYSCTL_PHYSCAP_gnttab_v2 (1U << 9)

struct xen_sysctl_readconsole {
	uint8_t clear;
	uint8_t incremental;
	uint8_t pad0, pad1;
	uint32_t index;
	XEN_GUEST_HANDLE_64(char) buffer;
	uint32_t count;
};

struct xen_sysctl_physinfo {
	uint32_t threads_per_core;
	uint32_t cores_per_socket;
	uint32_t nr_cpus;
	uint32_t max_cpu_id;
	uint32_t nr_nodes;
	uint32_t max_node_id;
	uint32_t cpu_khz;
	uint32_t capabilities;
	uint32_t arch_capabilities;
	uint32_t pad;
	uint64_aligned_t total_pages;
	uint64_aligned_t free_pages;
	uint64_aligned_t scrub_pages;
	uint64_aligned_t outstanding_pages;
	uint64_aligned_t max_mfn;
	uint32_t hw_cap[8];
};

struct xen_sysctl_sched_id { uint32_t sched_id; };

struct xen_sysctl_getdomaininfolist {
	domid_t first_domain;
	uint32_t max_domains;
	XEN_GUEST_HANDLE_64(xen_domctl_getdomaininfo_t) buffer;
	uint32_t num_domains;
};

struct xen_sysctl {
	uint32_t cmd;
	uint32_t interface_version;
	union {
		struct xen_sysctl_readconsole readconsole;
		struct xen_sysctl_physinfo physinfo;
		struct xen_sysctl_sched_id sched_id;
		struct xen_sysctl_getdomaininfolist getdomaininfolist;
		uint8_t pad[128];
	} u;
};

#endif /* XC_ABI_LOCAL_FALLBACK */
#endif /* XC_ABI_LOCAL_H */
