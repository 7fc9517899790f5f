/*
 * The arm64 domain builder's pure parts (no hypercalls): guest memory layout,
 * populate_physmap extent splitting, Image parsing and the guest device tree.
 * Exposed to the unit tests; callers outside libxc use include/xenguest.h.
 */
#ifndef DOM_ARM64_H
#define DOM_ARM64_H

#include <stddef.h>
#include <stdint.h>
#include "xc_abi_local.h"

#define XC_DOM_MiB(x) ((uint64_t)(x) << 20)
#define XC_DOM_ROUNDUP(x, a) (((x) + (a) - 1) & ~((uint64_t)(a) - 1))

/* Extents per XENMEM_populate_physmap call: one page of xen_pfn_t. */
#define XC_DOM_MAX_EXTENTS 512
#define XC_DOM_NR_MAGIC_PAGES 4
#define XC_DOM_CONSOLE_PFN  ((GUEST_MAGIC_BASE >> 12) + 0)
#define XC_DOM_STORE_PFN    ((GUEST_MAGIC_BASE >> 12) + 1)
#define XC_DOM_MONITOR_PFN  ((GUEST_MAGIC_BASE >> 12) + 2)
#define XC_DOM_VUART_PFN    ((GUEST_MAGIC_BASE >> 12) + 3)
/* HVM_PARAM_CALLBACK_IRQ for a domU: PPI type, low-level, PPI 31. */
#define XC_DOM_CALLBACK_IRQ \
	(((uint64_t)HVM_PARAM_CALLBACK_TYPE_PPI << 56) | \
	 (HVM_PARAM_CALLBACK_TYPE_PPI_FLAG_LOW_LEVEL << 8) | GUEST_EVTCHN_PPI)
#define XC_DOM_DTB_MAX (2UL << 20)   /* Linux's limit */
#define XC_DOM_RNG_SEED_SIZE 128

/* ---- populate_physmap extents ---- */
struct xc_dom_extent_run {
	xen_pfn_t gfn;        /* first extent's GFN */
	unsigned int order;   /* 18 (1 GiB), 9 (2 MiB) or 0 (4 KiB) */
	unsigned long count;  /* extents of that order, contiguous */
};

/*
 * The next run to populate at cursor, within [cursor, end): the largest order
 * <= max_order that cursor is aligned to and that fits, stopping where the
 * next larger order would start to apply, at most max_extents extents.
 * Returns 0, or -EINVAL if cursor >= end.
 */
int xc_dom_next_extent_run(xen_pfn_t cursor, xen_pfn_t end,
			   unsigned int max_order, unsigned long max_extents,
			   struct xc_dom_extent_run *run);

/* ---- memory layout ---- */
struct xc_dom_layout {
	uint64_t ram_bytes;
	unsigned int nr_banks;
	uint64_t bank_base[GUEST_RAM_BANKS];
	uint64_t bank_size[GUEST_RAM_BANKS];
	uint64_t kernel_base;   /* = entry: RAM0 + text_offset */
	uint64_t kernel_size;   /* bytes copied (file size) */
	uint64_t modules_base;  /* initrd first, then the DTB */
	uint64_t ramdisk_base, ramdisk_size;  /* size 0: none */
	uint64_t dtb_base, dtb_size;
};

/*
 * Places kernel, initrd and DTB the way Xen's ARM builder does. -EINVAL for
 * no RAM, -E2BIG for more RAM than the guest map holds, -ENOSPC when the
 * images do not fit in bank 0.
 */
int xc_dom_layout_compute(uint64_t ram_bytes, uint64_t text_offset,
			  uint64_t kernel_size, uint64_t ramdisk_size,
			  uint64_t dtb_size, struct xc_dom_layout *l);

/* Stage-2 page-table pool libxl 4.17 asks for on ARM, in bytes. */
uint64_t xc_dom_paging_mempool_bytes(unsigned int vcpus, uint64_t mem_mib);

/* ---- kernel ---- */
#define XC_DOM_IMAGE_MAGIC 0x644d5241U /* "ARM\x64" at offset 56 */
#define XC_DOM_IMAGE_HDR_SIZE 64

struct xc_dom_kernel {
	const uint8_t *data;  /* the plain Image; NULL: still gzip'd (gz) */
	size_t size;          /* the plain Image's size */
	uint64_t text_offset;
	uint64_t image_size;  /* header's: includes BSS; 0 on old kernels */
	uint64_t flags;
	const uint8_t *gz;    /* the gzip stream xc_dom_kernel_load inflates */
	size_t gz_len;
	void *owned;          /* what xc_dom_kernel_free releases */
};

/*
 * Recognises an arm64 Image, plain or gzip'd, reading only its header: a
 * gzip'd one is left compressed (data NULL, gz set) when its trailer gives
 * its size, and inflated here with zlib otherwise. ram_bytes bounds the
 * result (0: no bound). -ENOEXEC: not an arm64 Image (bad magic, truncated,
 * corrupt gzip); -EFBIG: does not fit in ram_bytes. A corrupt stream may
 * only show in xc_dom_kernel_load.
 */
int xc_dom_kernel_parse(const void *buf, size_t len, uint64_t ram_bytes,
			struct xc_dom_kernel *k);
/*
 * Writes the plain Image (k->size bytes) to dst, inflating it there if it
 * is still gzip'd. 0; -ENOSPC if cap < k->size; -ENOEXEC if the stream is
 * corrupt or does not inflate to exactly the size and header parse saw.
 */
int xc_dom_kernel_load(const struct xc_dom_kernel *k, void *dst, size_t cap);
void xc_dom_kernel_free(struct xc_dom_kernel *k);

/* ---- device tree ---- */
struct xc_dom_fdt_args {
	unsigned int vcpus;
	unsigned int gic_version;     /* XEN_DOMCTL_CONFIG_GIC_V2 or _V3 */
	uint32_t clock_frequency;     /* 0: property omitted */
	unsigned int xen_major, xen_minor;
	const char *cmdline;          /* NULL or "": no bootargs */
	uint64_t ramdisk_base, ramdisk_size;  /* size 0: no initrd props */
	unsigned int nr_banks;
	uint64_t bank_base[GUEST_RAM_BANKS], bank_size[GUEST_RAM_BANKS];
	unsigned int gpaddr_bits;     /* bounds the extended regions */
	const uint8_t *rng_seed;      /* XC_DOM_RNG_SEED_SIZE bytes, or NULL */
};

/* Writes the guest DT into buf (bufsize bytes). 0, -ENOSPC or -EINVAL. */
int xc_dom_fdt_build(const struct xc_dom_fdt_args *a, void *buf,
		     size_t bufsize);

/* Extended regions (hypervisor reg[1..]): up to max of (base, size). */
unsigned int xc_dom_ext_regions(const struct xc_dom_fdt_args *a,
				uint64_t (*regions)[2], unsigned int max);

#endif
