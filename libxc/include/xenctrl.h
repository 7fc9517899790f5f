/*
 * libxenctrl for Xenlet: domain control over Linux's /dev/xen/privcmd.
 * Function names and arguments follow Xen 4.17's xenctrl.h where Xen has them.
 * Unlike Xen's (-1 and errno) every int-returning call here returns a
 * negative errno on failure; calls returning pointers give NULL and set errno.
 */
#ifndef XENCTRL_H
#define XENCTRL_H

#include <stddef.h>
#include <stdint.h>
#include "../xc_abi_local.h"
#include "xentoollog.h"
#include "xenevtchn.h"
#include "xengnttab.h"

#define XC_PAGE_SHIFT 12
#define XC_PAGE_SIZE (1UL << XC_PAGE_SHIFT)

typedef struct xc_interface_core xc_interface;

/* ---- handle ---- */
/* NULL with errno set when /dev/xen/privcmd cannot be opened. Both loggers
 * may be NULL (silent); dombuild_logger, if given, gets the builder's chatter. */
xc_interface *xc_interface_open(xentoollog_logger *logger,
				xentoollog_logger *dombuild_logger,
				unsigned open_flags);
int xc_interface_close(xc_interface *xch);

/* ---- domains (domctl) ---- */
/* *pdomid IN: 0 = let the hypervisor choose; OUT: the new domain's id.
 * config->arch is IN/OUT (resolved gic_version, clock_frequency). */
int xc_domain_create(xc_interface *xch, uint32_t *pdomid,
		     struct xen_domctl_createdomain *config);
int xc_domain_max_vcpus(xc_interface *xch, uint32_t domid, unsigned int max);
int xc_domain_setmaxmem(xc_interface *xch, uint32_t domid, uint64_t max_memkb);
int xc_domain_pause(xc_interface *xch, uint32_t domid);
int xc_domain_unpause(xc_interface *xch, uint32_t domid);
int xc_domain_destroy(xc_interface *xch, uint32_t domid);
/* SCHEDOP_remote_shutdown; reason is SHUTDOWN_*. */
int xc_domain_shutdown(xc_interface *xch, uint32_t domid, int reason);
int xc_domain_sethandle(xc_interface *xch, uint32_t domid,
			xen_domain_handle_t handle);
int xc_domain_set_paging_mempool_size(xc_interface *xch, uint32_t domid,
				      uint64_t size);
int xc_domain_get_paging_mempool_size(xc_interface *xch, uint32_t domid,
				      uint64_t *size);
int xc_domain_cacheflush(xc_interface *xch, uint32_t domid,
			 xen_pfn_t start_pfn, xen_pfn_t nr_pfns);
/* Not in Xen's xenctrl.h (its builder issues it privately): 64 for arm64. */
int xc_domain_set_address_size(xc_interface *xch, uint32_t domid,
			       unsigned int width);

typedef struct xc_dominfo {
	uint32_t domid;
	uint32_t ssidref;
	unsigned int dying:1, crashed:1, shutdown:1, paused:1, blocked:1,
		running:1, hvm:1, debugged:1, xenstore:1, hap:1;
	unsigned int shutdown_reason;
	unsigned long nr_pages;
	unsigned long nr_outstanding_pages;
	unsigned long nr_shared_pages;
	unsigned long nr_paged_pages;
	unsigned long shared_info_frame;
	uint64_t cpu_time;
	unsigned long max_memkb;
	unsigned int nr_online_vcpus;
	unsigned int max_vcpu_id;
	xen_domain_handle_t handle;
	unsigned int cpupool;
	uint8_t gpaddr_bits;
	struct xen_arch_domainconfig arch_config;
} xc_dominfo_t;

typedef struct xen_domctl_getdomaininfo xc_domaininfo_t;

/* Up to max_doms domains with id >= first_domid, in id order (Xen's walk:
 * getdomaininfo answers with the next existing domain at or above the id
 * asked for). Returns how many were filled in. */
int xc_domain_getinfo(xc_interface *xch, uint32_t first_domid,
		      unsigned int max_doms, xc_dominfo_t *info);
/* Exactly domid (-ESRCH if it does not exist). */
int xc_domain_getinfo_single(xc_interface *xch, uint32_t domid,
			     xc_domaininfo_t *info);
/* sysctl getdomaininfolist; returns the number filled in. */
int xc_domain_getinfolist(xc_interface *xch, uint32_t first_domain,
			  unsigned int max_domains, xc_domaininfo_t *info);
/* Fills an xc_dominfo_t from the raw record (pure). */
void xc_dominfo_from_domaininfo(xc_dominfo_t *out, const xc_domaininfo_t *in);

/* ---- vCPUs ---- */
typedef union {
	struct vcpu_guest_context c;
} vcpu_guest_context_any_t;
typedef struct xen_domctl_getvcpuinfo xc_vcpuinfo_t;

int xc_vcpu_setcontext(xc_interface *xch, uint32_t domid, uint32_t vcpu,
		       vcpu_guest_context_any_t *ctxt);
int xc_vcpu_getcontext(xc_interface *xch, uint32_t domid, uint32_t vcpu,
		       vcpu_guest_context_any_t *ctxt);
int xc_vcpu_getinfo(xc_interface *xch, uint32_t domid, uint32_t vcpu,
		    xc_vcpuinfo_t *info);

/* ---- host (sysctl, xen_version) ---- */
typedef struct xen_sysctl_physinfo xc_physinfo_t;
int xc_physinfo(xc_interface *xch, xc_physinfo_t *info);
int xc_sched_id(xc_interface *xch, int *sched_id);
/* *pnr_chars IN: buffer size, OUT: bytes read. pindex: IN/OUT for
 * incremental reads (may be NULL). */
int xc_readconsolering(xc_interface *xch, char *buffer,
		       unsigned int *pnr_chars, int clear, int incremental,
		       uint32_t *pindex);
/* XENVER_*: arg is the sub-op's out buffer (NULL for XENVER_version and
 * XENVER_pagesize, whose value is the return value). */
int xc_version(xc_interface *xch, int cmd, void *arg);

/* ---- event channels, HVM params ---- */
/* Returns the new port in dom, whose other end remote_dom may bind. */
int xc_evtchn_alloc_unbound(xc_interface *xch, uint32_t dom,
			    uint32_t remote_dom);
int xc_hvm_param_set(xc_interface *xch, uint32_t dom, uint32_t param,
		     uint64_t value);
int xc_hvm_param_get(xc_interface *xch, uint32_t dom, uint32_t param,
		     uint64_t *value);

/* ---- guest memory ---- */
/* Returns the number of extents populated (may be fewer than asked). */
int xc_domain_populate_physmap(xc_interface *xch, uint32_t domid,
			       unsigned long nr_extents,
			       unsigned int extent_order,
			       unsigned int mem_flags, xen_pfn_t *extent_start);
/* All or -ENOMEM (-EBUSY etc. from the hypervisor are passed on). */
int xc_domain_populate_physmap_exact(xc_interface *xch, uint32_t domid,
				     unsigned long nr_extents,
				     unsigned int extent_order,
				     unsigned int mem_flags,
				     xen_pfn_t *extent_start);
int xc_domain_decrease_reservation_exact(xc_interface *xch, uint32_t domid,
					 unsigned long nr_extents,
					 unsigned int extent_order,
					 xen_pfn_t *extent_start);
int xc_domain_add_to_physmap(xc_interface *xch, uint32_t domid,
			     unsigned int space, unsigned long idx,
			     xen_pfn_t gpfn);
int xc_domain_remove_from_physmap(xc_interface *xch, uint32_t domid,
				  xen_pfn_t gpfn);

/* Foreign mappings (IOCTL_PRIVCMD_MMAPBATCH_V2). prot: PROT_READ[|PROT_WRITE].
 * range: size bytes (page multiple) from frame mfn (a GFN on ARM).
 * bulk: err[i] gets each frame's result; the call fails only if the
 * mapping as a whole could not be made. Undo with xc_unmap. */
void *xc_map_foreign_range(xc_interface *xch, uint32_t dom, int size,
			   int prot, unsigned long mfn);
void *xc_map_foreign_pages(xc_interface *xch, uint32_t dom, int prot,
			   const xen_pfn_t *arr, int num);
void *xc_map_foreign_bulk(xc_interface *xch, uint32_t dom, int prot,
			  const xen_pfn_t *arr, int *err, unsigned int num);
int xc_unmap(xc_interface *xch, void *addr, size_t npages);

/* IOCTL_PRIVCMD_MMAP_RESOURCE (XENMEM_acquire_resource); NULL + errno
 * (EOPNOTSUPP when the hypervisor has no acquire_resource). */
void *xc_map_resource(xc_interface *xch, uint32_t domid, unsigned int type,
		      unsigned int id, unsigned long frame,
		      unsigned long nr_frames, int prot);

#endif
