/* Guest memory layout, extent splitting and the paging pool size. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dom_arm64.h"

static void small_guest_modules_go_high(void **state)
{
	struct xc_dom_layout l;

	(void)state;
	/* 128 MiB: 128 MiB above RAM0 is past the end, so top of bank 0. */
	assert_int_equal(xc_dom_layout_compute(XC_DOM_MiB(128), 0,
			 XC_DOM_MiB(20), 0, 9000, &l), 0);
	assert_int_equal(l.nr_banks, 1);
	assert_int_equal(l.bank_base[0], 0x40000000);
	assert_int_equal(l.bank_size[0], XC_DOM_MiB(128));
	assert_int_equal(l.kernel_base, 0x40000000);
	assert_int_equal(l.ramdisk_size, 0);
	assert_int_equal(l.dtb_base, 0x48000000 - 3 * 4096);
	assert_int_equal(l.dtb_size, 9000);
}

static void modules_at_128mib_initrd_first(void **state)
{
	struct xc_dom_layout l;

	(void)state;
	assert_int_equal(xc_dom_layout_compute(XC_DOM_MiB(512), 0,
			 XC_DOM_MiB(30), XC_DOM_MiB(10) + 1, 4096, &l), 0);
	assert_int_equal(l.ramdisk_base, 0x48000000);
	assert_int_equal(l.ramdisk_size, XC_DOM_MiB(10) + 1);
	assert_int_equal(l.dtb_base, 0x48000000 + XC_DOM_MiB(10) + 4096);
}

static void text_offset_moves_the_kernel(void **state)
{
	struct xc_dom_layout l;

	(void)state;
	assert_int_equal(xc_dom_layout_compute(XC_DOM_MiB(256), 0x80000,
			 XC_DOM_MiB(8), 0, 4096, &l), 0);
	assert_int_equal(l.kernel_base, 0x40080000);
}

static void big_guest_uses_bank1(void **state)
{
	struct xc_dom_layout l;

	(void)state;
	assert_int_equal(xc_dom_layout_compute(XC_DOM_MiB(4096), 0,
			 XC_DOM_MiB(30), 0, 4096, &l), 0);
	assert_int_equal(l.nr_banks, 2);
	assert_int_equal(l.bank_size[0], 0xC0000000ULL);
	assert_int_equal(l.bank_base[1], 0x200000000ULL);
	assert_int_equal(l.bank_size[1], 0x40000000ULL);
}

static void bad_sizes_refused(void **state)
{
	struct xc_dom_layout l;

	(void)state;
	assert_int_equal(xc_dom_layout_compute(0, 0, 4096, 0, 4096, &l),
			 -EINVAL);
	assert_int_equal(xc_dom_layout_compute(GUEST_RAM_MAX + 4096, 0, 4096,
			 0, 4096, &l), -E2BIG);
	/* Kernel larger than RAM. */
	assert_int_equal(xc_dom_layout_compute(XC_DOM_MiB(64), 0,
			 XC_DOM_MiB(100), 0, 4096, &l), -ENOSPC);
	/* Kernel fits but the initrd does not. */
	assert_int_equal(xc_dom_layout_compute(XC_DOM_MiB(64), 0,
			 XC_DOM_MiB(30), XC_DOM_MiB(40), 4096, &l), -ENOSPC);
}

static void extents_aligned_gigabyte(void **state)
{
	struct xc_dom_extent_run r;

	(void)state;
	assert_int_equal(xc_dom_next_extent_run(0x40000, 0x40000 + 0x40000, 18,
			 512, &r), 0);
	assert_int_equal(r.gfn, 0x40000);
	assert_int_equal(r.order, 18);
	assert_int_equal(r.count, 1);
}

static void extents_mixed_tail(void **state)
{
	xen_pfn_t end = 0x40000 + 0x40000 + 512 + 3, cur = 0x40000;
	struct xc_dom_extent_run r;
	unsigned int orders[3], n = 0;

	(void)state;
	while (cur < end) {
		assert_int_equal(xc_dom_next_extent_run(cur, end, 18, 512, &r), 0);
		assert_true(n < 3);
		orders[n++] = r.order;
		cur += r.count << r.order;
	}
	assert_int_equal(n, 3);
	assert_int_equal(orders[0], 18);
	assert_int_equal(orders[1], 9);
	assert_int_equal(orders[2], 0);
}

static void extents_misaligned_start_realigns(void **state)
{
	struct xc_dom_extent_run r;

	(void)state;
	assert_int_equal(xc_dom_next_extent_run(0x40001, 0x80000, 18, 4096, &r),
			 0);
	assert_int_equal(r.order, 0);
	assert_int_equal(r.count, 511);          /* up to the 2 MiB boundary */
	assert_int_equal(xc_dom_next_extent_run(0x40200, 0x80000, 18, 4096, &r),
			 0);
	assert_int_equal(r.order, 9);
	assert_int_equal(r.count, 511);          /* up to the 1 GiB boundary */
	assert_int_equal(xc_dom_next_extent_run(0x40200, 0x80000, 18, 100, &r),
			 0);
	assert_int_equal(r.count, 100);          /* capped */
}

static void extents_max_order_respected(void **state)
{
	struct xc_dom_extent_run r;

	(void)state;
	assert_int_equal(xc_dom_next_extent_run(0x40000, 0x80000, 9, 512, &r), 0);
	assert_int_equal(r.order, 9);
	assert_int_equal(r.count, 512);
	assert_int_equal(xc_dom_next_extent_run(0x40000, 0x80000, 0, 512, &r), 0);
	assert_int_equal(r.order, 0);
	assert_int_equal(xc_dom_next_extent_run(5, 5, 18, 512, &r), -EINVAL);
}

static void extents_cover_exactly(void **state)
{
	static const xen_pfn_t sizes[] = { 1, 511, 512, 513, 262143, 262144,
					   262145, 786432 + 77, 1000000 };
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		xen_pfn_t base = (i & 1) ? 0x40000 : 0x200000 + 3 * i;
		xen_pfn_t cur = base, end = base + sizes[i], total = 0;
		struct xc_dom_extent_run r;

		while (cur < end) {
			assert_int_equal(xc_dom_next_extent_run(cur, end, 18,
					 XC_DOM_MAX_EXTENTS, &r), 0);
			assert_int_equal(r.gfn, cur);
			assert_int_equal(r.gfn & ((1ULL << r.order) - 1), 0);
			assert_true(r.count >= 1 && r.count <= XC_DOM_MAX_EXTENTS);
			cur += r.count << r.order;
			total += r.count << r.order;
			assert_true(cur <= end);
		}
		assert_int_equal(total, sizes[i]);
	}
}

static void paging_pool(void **state)
{
	(void)state;
	assert_int_equal(xc_dom_paging_mempool_bytes(1, 128),
			 4096ULL * (256 + 128 + 128));
	assert_int_equal(xc_dom_paging_mempool_bytes(4, 1024),
			 4096ULL * (1024 + 1024 + 128));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(small_guest_modules_go_high),
		cmocka_unit_test(modules_at_128mib_initrd_first),
		cmocka_unit_test(text_offset_moves_the_kernel),
		cmocka_unit_test(big_guest_uses_bank1),
		cmocka_unit_test(bad_sizes_refused),
		cmocka_unit_test(extents_aligned_gigabyte),
		cmocka_unit_test(extents_mixed_tail),
		cmocka_unit_test(extents_misaligned_start_realigns),
		cmocka_unit_test(extents_max_order_respected),
		cmocka_unit_test(extents_cover_exactly),
		cmocka_unit_test(paging_pool),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
