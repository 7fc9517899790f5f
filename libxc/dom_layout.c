/* Guest physical layout for an arm64 domU: banks, image placement, extents. */
#include <errno.h>
#include <string.h>

#include "dom_arm64.h"

int xc_dom_next_extent_run(xen_pfn_t cursor, xen_pfn_t end,
			   unsigned int max_order, unsigned long max_extents,
			   struct xc_dom_extent_run *run)
{
	static const unsigned int orders[] = { 18, 9, 0 };
	unsigned int i;

	if (cursor >= end || max_extents == 0)
		return -EINVAL;
	for (i = 0; i < sizeof(orders) / sizeof(orders[0]); i++) {
		unsigned int o = orders[i];
		xen_pfn_t step = (xen_pfn_t)1 << o, limit = end;
		unsigned long n;

		if (o > max_order || (cursor & (step - 1)) ||
		    cursor + step > end)
			continue;
		/* Stop at the next boundary of the larger order, so that it
		 * can take over there (1 GiB after a run of 2 MiB extents). */
		if (i > 0 && orders[i - 1] <= max_order) {
			xen_pfn_t big = (xen_pfn_t)1 << orders[i - 1];
			xen_pfn_t boundary = (cursor + big) & ~(big - 1);

			if (boundary < limit)
				limit = boundary;
		}
		n = (unsigned long)((limit - cursor) >> o);
		if (n > max_extents)
			n = max_extents;
		run->gfn = cursor;
		run->order = o;
		run->count = n;
		return 0;
	}
	return -EINVAL; /* unreachable: order 0 always fits */
}

int xc_dom_layout_compute(uint64_t ram_bytes, uint64_t text_offset,
			  uint64_t kernel_size, uint64_t ramdisk_size,
			  uint64_t dtb_size, struct xc_dom_layout *l)
{
	static const uint64_t bank_base[] = { GUEST_RAM0_BASE, GUEST_RAM1_BASE };
	static const uint64_t bank_max[] = { GUEST_RAM0_SIZE, GUEST_RAM1_SIZE };
	uint64_t left = ram_bytes, kern_end, mods, bank0_end, ram128;
	uint64_t rd = XC_DOM_ROUNDUP(ramdisk_size, 4096);
	uint64_t dt = XC_DOM_ROUNDUP(dtb_size, 4096);
	unsigned int i;

	memset(l, 0, sizeof(*l));
	if (ram_bytes < 4096 || (ram_bytes & 4095))
		return -EINVAL;
	if (ram_bytes > GUEST_RAM_MAX)
		return -E2BIG;
	for (i = 0; i < GUEST_RAM_BANKS && left; i++) {
		uint64_t sz = left > bank_max[i] ? bank_max[i] : left;

		l->bank_base[i] = bank_base[i];
		l->bank_size[i] = sz;
		l->nr_banks = i + 1;
		left -= sz;
	}
	l->ram_bytes = ram_bytes;
	l->kernel_base = GUEST_RAM0_BASE + text_offset;
	l->kernel_size = kernel_size;
	kern_end = XC_DOM_ROUNDUP(l->kernel_base + kernel_size, XC_DOM_MiB(2));
	mods = rd + dt;
	bank0_end = GUEST_RAM0_BASE + l->bank_size[0];
	ram128 = GUEST_RAM0_BASE + XC_DOM_MiB(128);

	if (kern_end > bank0_end || mods + (kern_end - l->kernel_base) >
	    GUEST_RAM0_SIZE)
		return -ENOSPC;
	/* At 128 MiB if it fits, else as high as possible, else below the
	 * kernel (Xen's libxc and Xen's own dom0 placement agree on this). */
	if (bank0_end >= ram128 + mods && kern_end < ram128)
		l->modules_base = ram128;
	else if (bank0_end - mods >= kern_end)
		l->modules_base = bank0_end - mods;
	else if (l->kernel_base - GUEST_RAM0_BASE > mods)
		l->modules_base = l->kernel_base - mods;
	else
		return -ENOSPC;

	if (ramdisk_size) {
		l->ramdisk_base = l->modules_base;
		l->ramdisk_size = ramdisk_size;
	}
	if (dtb_size) {
		l->dtb_base = l->modules_base + rd;
		l->dtb_size = dtb_size;
	}
	return 0;
}

uint64_t xc_dom_paging_mempool_bytes(unsigned int vcpus, uint64_t mem_mib)
{
	/* One page per MiB of RAM for the P2M, 256 per vCPU, 128 of slack. */
	return 4096ULL * (256ULL * vcpus + mem_mib + 128);
}
