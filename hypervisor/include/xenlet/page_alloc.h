/*
 * The physical page allocator: a buddy allocator over the RAM left after the
 * hypervisor, the DTB, the boot modules and reserved regions are set aside.
 * Its bookkeeping lives in the free pages themselves, reached through
 * maddr_to_virt(), so common code never assumes how memory is mapped.
 * Host-compilable: tests supply maddr_to_virt() over a buffer.
 */
#ifndef XENLET_PAGE_ALLOC_H
#define XENLET_PAGE_ALLOC_H

#include <xenlet/bootinfo.h>
#include <xenlet/types.h>

#define PAGE_MAX_ORDER 18      /* largest block: 2^18 pages = 1 GiB */

/* Provided by the arch (identity on arm64) or by a test. */
void *maddr_to_virt(paddr_t pa);

/* Forget everything (tests; boot). */
void page_alloc_reset(void);

/*
 * Give [start, end) to the allocator; the range is trimmed inward to pages.
 * Each range keeps its first pages for a bitmap (one bit per page, so one
 * page per 128 MiB): page_alloc_total_count() counts them, the free count
 * does not. Page 0 is never managed (0 means "no memory"). A range that
 * overlaps an earlier one is refused with a printk.
 */
void page_alloc_add_range(paddr_t start, paddr_t end);

/*
 * Seed the allocator from the boot information: every memory bank minus the
 * reserved regions, the modules, and the @nr_extra ranges in @extra (the
 * hypervisor image, the DTB). Returns the number of pages made free.
 */
uint64_t page_alloc_init_from_boot(const struct boot_info *bi,
                                   const struct mem_range *extra,
                                   unsigned int nr_extra);

/*
 * 2^order contiguous, naturally aligned pages, contents unspecified; returns
 * 0 when none are left. Not locked: callers serialise.
 */
paddr_t alloc_pages(unsigned int order);
/* Frees that are misaligned, outside every range or already free are refused with a printk. */
void free_pages(paddr_t pa, unsigned int order);
static inline paddr_t alloc_page(void) { return alloc_pages(0); }
static inline void free_page(paddr_t pa) { free_pages(pa, 0); }

uint64_t page_alloc_free_count(void);     /* free pages now */
uint64_t page_alloc_total_count(void);    /* pages ever added */
uint64_t page_alloc_max_mfn(void);        /* one past the highest page managed */

#endif
