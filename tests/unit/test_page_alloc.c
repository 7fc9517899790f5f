/*
 * The buddy allocator over fake machine memory: [0x40000000, 0x100000000)
 * mapped lazily, so only the pages the allocator touches cost anything.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <xenlet/console.h>
#include <xenlet/page_alloc.h>

#include "fakes.h"

#define RAM_BASE  0x40000000ULL
#define RAM_SIZE  0xc0000000ULL
#define GIB       0x40000000ULL
#define PG        ((uint64_t)PAGE_SIZE)

/* Pages of bitmap a range of @pages pages keeps for itself (one bit per page). */
static uint64_t bitmap_pages(uint64_t pages)
{
    return (pages + PG * 8 - 1) / (PG * 8);
}

static int group_setup(void **state)
{
    (void)state;
    fake_ram_map(RAM_BASE, RAM_SIZE);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    fake_ram_unmap();
    return 0;
}

static int setup(void **state)
{
    (void)state;
    page_alloc_reset();
    console_reset();
    fake_console_clear();
    return 0;
}

static void assert_logged(const char *what)
{
    if (!strstr(fake_console, what))
        fail_msg("console lacks \"%s\"; it has:\n%s", what, fake_console);
    fake_console_clear();
}

/*
 * A range holding exactly one whole max-order block at 0x80000000, plus the
 * 16 pages below it (9 go to the bitmap, 7 stay allocatable).
 */
static void add_big_range(void)
{
    page_alloc_add_range(2 * GIB - 16 * PG, 3 * GIB);
    assert_int_equal(page_alloc_total_count(), (1ULL << PAGE_MAX_ORDER) + 16);
    assert_int_equal(page_alloc_free_count(), (1ULL << PAGE_MAX_ORDER) + 16 - 9);
}

static void test_add_range_trims_and_counts(void **state)
{
    (void)state;
    /* Unaligned at both ends: trimmed inward to [0x40001000, 0x41001000). */
    page_alloc_add_range(RAM_BASE + 100, RAM_BASE + 16 * 1024 * 1024 + 5000);
    assert_int_equal(page_alloc_total_count(), 4096);
    assert_int_equal(page_alloc_free_count(), 4096 - bitmap_pages(4096));

    /* Empty, reversed and sub-page ranges add nothing. */
    page_alloc_add_range(RAM_BASE + GIB, RAM_BASE + GIB);
    page_alloc_add_range(RAM_BASE + GIB, RAM_BASE + GIB - PG);
    page_alloc_add_range(RAM_BASE + GIB + 1, RAM_BASE + GIB + PG - 1);
    assert_int_equal(page_alloc_total_count(), 4096);
    assert_string_equal(fake_console, "");

    /* An overlap with what is already there is refused. */
    page_alloc_add_range(RAM_BASE + 8 * 1024 * 1024, RAM_BASE + 32 * 1024 * 1024);
    assert_logged("overlaps");
    assert_int_equal(page_alloc_total_count(), 4096);
}

static void test_alloc_free_every_order(void **state)
{
    uint64_t before;

    (void)state;
    add_big_range();
    before = page_alloc_free_count();
    for (unsigned int order = 0; order <= PAGE_MAX_ORDER; order++) {
        paddr_t pa = alloc_pages(order);

        assert_int_not_equal(pa, 0);
        assert_int_equal(pa & ((PG << order) - 1), 0);      /* naturally aligned */
        assert_true(pa >= 2 * GIB - 7 * PG && pa + (PG << order) <= 3 * GIB);
        assert_int_equal(page_alloc_free_count(), before - (1ULL << order));
        *(volatile uint8_t *)maddr_to_virt(pa) = 0xa5;       /* it is ours to write */
        free_pages(pa, order);
        assert_int_equal(page_alloc_free_count(), before);
    }
    assert_int_equal(alloc_pages(PAGE_MAX_ORDER + 1), 0);
    assert_string_equal(fake_console, "");
}

static void test_buddies_merge_back_to_max_order(void **state)
{
    enum { NR_SMALL = 1000, NR_MID = 100 };
    static paddr_t small[NR_SMALL], mid[NR_MID];
    uint64_t before;

    (void)state;
    add_big_range();
    before = page_alloc_free_count();

    for (int i = 0; i < NR_SMALL; i++)
        assert_int_not_equal(small[i] = alloc_page(), 0);
    for (int i = 0; i < NR_MID; i++)
        assert_int_not_equal(mid[i] = alloc_pages(3), 0);
    /* The only max-order block had to be split. */
    assert_int_equal(alloc_pages(PAGE_MAX_ORDER), 0);

    /* Free in a scrambled order: interleaved, small ones back to front. */
    for (int i = 0; i < NR_SMALL; i++) {
        free_page(small[NR_SMALL - 1 - i]);
        if (i < NR_MID)
            free_pages(mid[(i * 37) % NR_MID], 3);
    }
    assert_int_equal(page_alloc_free_count(), before);
    assert_int_equal(alloc_pages(PAGE_MAX_ORDER), 2 * GIB);
    assert_string_equal(fake_console, "");
}

static void test_exhaustion_returns_zero(void **state)
{
    static paddr_t got[64];
    paddr_t start = RAM_BASE + 0x100000;

    (void)state;
    /* 65 pages: 1 of bitmap, 64 to hand out from 0x40101000. */
    page_alloc_add_range(start, start + 65 * PG);
    assert_int_equal(page_alloc_free_count(), 64);
    for (int i = 0; i < 64; i++) {
        got[i] = alloc_page();
        assert_true(got[i] >= start + PG && got[i] < start + 65 * PG);
        for (int j = 0; j < i; j++)
            assert_int_not_equal(got[i], got[j]);
    }
    assert_int_equal(alloc_page(), 0);
    assert_int_equal(page_alloc_free_count(), 0);

    for (int i = 0; i < 64; i++)
        free_page(got[i]);
    assert_int_equal(page_alloc_free_count(), 64);
    /* Merged back: one 32-page block fits, aligned at 0x40120000; a second does not. */
    assert_int_equal(alloc_pages(5), RAM_BASE + 0x120000);
    assert_int_equal(alloc_pages(5), 0);
    assert_int_equal(alloc_pages(6), 0);
}

static bool in_range(paddr_t pa, paddr_t start, paddr_t end)
{
    return pa >= start && pa < end;
}

static void test_init_from_boot_subtracts_exactly(void **state)
{
    static struct boot_info bi;
    const struct mem_range extra[] = {
        { 0x40200000, 0x200000 },       /* the hypervisor image */
        { 0x401ff800, 0x1000 },         /* the DTB: unaligned, overlaps the image */
        { 0x90000000, 0x1000 },         /* outside RAM: ignored */
    };
    /* What must never be handed out: every exclusion rounded out to pages. */
    const struct { paddr_t start, end; } holes[] = {
        { 0x40000000, 0x40010000 },
        { 0x401ff000, 0x40400000 },
        { 0x40800000, 0x40803000 },
        { 0x41000000, 0x41013000 },
        { 0x50100000, 0x50101000 },
    };
    uint64_t pieces, freed, n = 0;
    paddr_t pa;

    (void)state;
    memset(&bi, 0, sizeof(bi));
    bi.nr_mem = 2;
    bi.mem[0] = (struct mem_range){ 0x40000000, 64 << 20 };
    bi.mem[1] = (struct mem_range){ 0x50000000, 32 << 20 };
    bi.nr_reserved = 2;
    bi.reserved[0] = (struct mem_range){ 0x40000000, 0x10000 };
    bi.reserved[1] = (struct mem_range){ 0x40800123, 0x2000 };     /* touches 3 pages */
    bi.nr_modules = 2;
    bi.modules[0] = (struct boot_module){ .kind = BOOT_MOD_KERNEL, .start = 0x41000000, .size = 0x12345 };
    bi.modules[1] = (struct boot_module){ .kind = BOOT_MOD_RAMDISK, .start = 0x50100000, .size = 0x1000 };

    freed = page_alloc_init_from_boot(&bi, extra, ARRAY_SIZE(extra));

    /*
     * The pieces left, in pages:
     *   [0x40010000, 0x401ff000)   495
     *   [0x40400000, 0x40800000)  1024
     *   [0x40803000, 0x41000000)  2045
     *   [0x41013000, 0x44000000) 12269
     *   [0x50000000, 0x50100000)   256
     *   [0x50101000, 0x52000000)  7935
     * each keeping one page of bitmap.
     */
    pieces = 495 + 1024 + 2045 + 12269 + 256 + 7935;
    assert_int_equal(page_alloc_total_count(), pieces);
    assert_int_equal(freed, pieces - 6);
    assert_int_equal(page_alloc_free_count(), freed);

    /* Drain it page by page: nothing from a hole, nothing outside the banks. */
    while ((pa = alloc_page()) != 0) {
        assert_true(in_range(pa, 0x40000000, 0x44000000) || in_range(pa, 0x50000000, 0x52000000));
        for (unsigned int i = 0; i < ARRAY_SIZE(holes); i++)
            if (in_range(pa, holes[i].start, holes[i].end))
                fail_msg("page 0x%llx lies in excluded [0x%llx, 0x%llx)", (unsigned long long)pa,
                         (unsigned long long)holes[i].start, (unsigned long long)holes[i].end);
        n++;
    }
    assert_int_equal(n, freed);
}

static void test_refuses_bad_frees(void **state)
{
    paddr_t start = RAM_BASE + 0x100000, pa;
    uint64_t before;

    (void)state;
    page_alloc_add_range(start, start + 256 * PG);       /* bitmap at `start` */
    before = page_alloc_free_count();

    free_page(0x30000000);
    assert_logged("not inside any range");
    free_page(RAM_BASE + 2 * GIB);
    assert_logged("not inside any range");
    free_page(start);                                    /* the bitmap's own page */
    assert_logged("not inside any range");
    free_pages(start + 255 * PG, 1);                     /* misaligned for order 1 */
    assert_logged("not aligned");
    free_pages(start + PG, PAGE_MAX_ORDER + 1);
    assert_logged("order too large");
    assert_int_equal(page_alloc_free_count(), before);

    /* Double free of a page. */
    pa = alloc_page();
    free_page(pa);
    free_page(pa);
    assert_logged("double free");
    assert_int_equal(page_alloc_free_count(), before);

    /* A page in the middle of a big free block. */
    free_page(start + 0x80 * PG + 5 * PG);
    assert_logged("double free");

    /* An order-1 block of which one half is already free. */
    pa = alloc_pages(1);
    free_page(pa + PG);
    free_pages(pa, 1);
    assert_logged("double free");
    free_page(pa);                                       /* the other half: now it merges */
    assert_int_equal(page_alloc_free_count(), before);
    assert_string_equal(fake_console, "");
}

static void test_forged_header_does_not_merge(void **state)
{
    /* A fake free-block header as a guest could leave in a page it owned. */
    static const uint64_t forged[4] = { 0x46524545424c4b21ULL, 0, 0, 0 };
    paddr_t start = RAM_BASE + 0x200000 - PG, a, b;

    (void)state;
    /* Three pages: the bitmap, then one order-1 block at 0x40200000. */
    page_alloc_add_range(start, start + 3 * PG);
    a = alloc_page();
    b = alloc_page();
    assert_int_equal(a, RAM_BASE + 0x200000);
    assert_int_equal(b, a + PG);

    memcpy(maddr_to_virt(b), forged, sizeof(forged));
    free_page(a);                       /* b is still allocated: no merge, whatever it says */
    assert_int_equal(page_alloc_free_count(), 1);
    assert_int_equal(alloc_pages(1), 0);
    free_page(b);
    assert_int_equal(alloc_pages(1), a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_add_range_trims_and_counts, setup),
        cmocka_unit_test_setup(test_alloc_free_every_order, setup),
        cmocka_unit_test_setup(test_buddies_merge_back_to_max_order, setup),
        cmocka_unit_test_setup(test_exhaustion_returns_zero, setup),
        cmocka_unit_test_setup(test_init_from_boot_subtracts_exactly, setup),
        cmocka_unit_test_setup(test_refuses_bad_frees, setup),
        cmocka_unit_test_setup(test_forged_header_does_not_merge, setup),
    };

    return cmocka_run_group_tests_name("page_alloc", tests, group_setup, group_teardown);
}
