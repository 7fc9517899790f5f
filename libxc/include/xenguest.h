/* Building an arm64 domU's memory image and boot state (Xen's libxenguest role). */
#ifndef XENGUEST_H
#define XENGUEST_H

#include <stddef.h>
#include <stdint.h>
#include "xenctrl.h"

struct xc_dom_args {
	/* Kernel: bytes (if non-NULL) or a file; arm64 Image, plain or gzip. */
	const char *kernel_path;
	const void *kernel;
	size_t kernel_size;
	/* Initial ramdisk (optional): bytes or a file. */
	const char *ramdisk_path;
	const void *ramdisk;
	size_t ramdisk_size;
	const char *cmdline;
	uint64_t mem_mib;            /* guest RAM */
	unsigned int vcpus;          /* as given to createdomain */
	unsigned int gic_version;    /* createdomain OUT arch.gic_version */
	uint32_t clock_frequency;    /* createdomain OUT arch.clock_frequency */
	uint32_t console_domid;      /* backend ends of the event channels */
	uint32_t store_domid;        /* and the grantees of refs 0 and 1 */
	unsigned int xen_major, xen_minor; /* 0.0: ask XENVER_version */
	uint64_t paging_mempool_bytes; /* 0: libxl's default for ARM */
};

struct xc_dom_result {
	xen_pfn_t console_pfn, store_pfn;
	evtchn_port_t console_port, store_port;
	uint64_t kernel_base, entry;
	uint64_t ramdisk_base, ramdisk_size;
	uint64_t dtb_base, dtb_size;
	int gnttab_seeded_by_resource; /* 1: acquire_resource, 0: compat path */
};

/*
 * Steps 5-13 of docs/xen-arm-abi.md §9.4 for a domain that was created
 * (createdomain, max_vcpus, max_mem) and is still paused: event channels,
 * paging pool, CALLBACK_IRQ, address size, RAM and magic pages, HVM params,
 * kernel/initrd/DTB, cache flush, vCPU0 context, grant refs 0 and 1.
 * Leaves the domain paused. 0 or a negative errno.
 */
int xc_dom_build_arm64(xc_interface *xch, uint32_t domid,
		       const struct xc_dom_args *args,
		       struct xc_dom_result *out);

/* The createdomain config libxl 4.17 uses for an ARM PV-style domU. */
void xc_dom_arm64_createdomain_config(struct xen_domctl_createdomain *c,
				      unsigned int vcpus,
				      unsigned int gic_version,
				      uint32_t nr_spis);

#endif
