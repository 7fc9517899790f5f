/*
 * The physical page allocator: a binary buddy allocator.
 *
 * Each free block is naturally aligned (a block of 2^k pages starts on a
 * 2^k-page boundary) and carries its list links in its own first page. Next
 * to that, every range given to the allocator keeps a bitmap, in its own
 * first pages, with one bit per page saying "a free block starts here". The
 * bitmap, not the page contents, decides whether a buddy is free: a freed
 * page still holds whatever its last owner (possibly a guest) wrote, so a
 * forged header must never be able to make us merge with an allocated page.
 * The same bitmap makes double frees cheap to catch.
 *
 * Not locked: callers serialise (boot is single-CPU; SMP users must wrap it).
 */
#include <string.h>

#include <xenlet/lib.h>
#include <xenlet/page_alloc.h>
#include <xenlet/spinlock.h>
#include <xenlet/types.h>

#define NR_ORDERS         (PAGE_MAX_ORDER + 1)
#define MAX_RANGES        64
#define BITS_PER_PAGE     (PAGE_SIZE * 8)
/* Page 0 is never managed (see add_range), so 0 can end a list and zeroed state is valid. */
#define NIL               ((paddr_t)0)
#define FREE_MAGIC        0x46524545424c4b21ULL   /* "FREEBLK!" */

/* Written at the start of every free block. */
struct free_block {
    uint64_t magic;
    paddr_t next, prev;
    unsigned int order;
};

/* A range given to the allocator: [bitmap, base) holds the bitmap, [base, end) the pages. */
struct heap_range {
    paddr_t bitmap;
    paddr_t base;
    paddr_t end;
};

static struct heap_range ranges[MAX_RANGES];
static unsigned int nr_ranges;
static paddr_t free_head[NR_ORDERS];
static uint64_t nr_free, nr_total;

static inline uint64_t block_bytes(unsigned int order)
{
    return (uint64_t)PAGE_SIZE << order;
}

static struct free_block *block_at(paddr_t pa)
{
    return maddr_to_virt(pa);
}

/* The range whose allocatable pages include [pa, pa + len), or NULL. */
static struct heap_range *range_of(paddr_t pa, uint64_t len)
{
    for (unsigned int i = 0; i < nr_ranges; i++) {
        struct heap_range *r = &ranges[i];

        if (pa >= r->base && pa < r->end && len <= r->end - pa)
            return r;
    }
    return NULL;
}

/* ---- the per-range "free block starts here" bitmap ---------------------- */

static uint64_t *bitmap_word(const struct heap_range *r, uint64_t bit)
{
    /* Through maddr_to_virt per word: only a page's own bytes are assumed contiguous. */
    return maddr_to_virt(r->bitmap + (bit / 64) * sizeof(uint64_t));
}

static uint64_t page_bit(const struct heap_range *r, paddr_t pa)
{
    return (pa - r->base) >> PAGE_SHIFT;
}

static bool head_test(const struct heap_range *r, paddr_t pa)
{
    uint64_t bit = page_bit(r, pa);

    return (*bitmap_word(r, bit) >> (bit % 64)) & 1;
}

static void head_set(const struct heap_range *r, paddr_t pa, bool on)
{
    uint64_t bit = page_bit(r, pa), *w = bitmap_word(r, bit);

    if (on)
        *w |= 1ULL << (bit % 64);
    else
        *w &= ~(1ULL << (bit % 64));
}

/* Is any bit set for the pages [first, first + count)? */
static bool heads_in(const struct heap_range *r, paddr_t first, uint64_t count)
{
    uint64_t bit = page_bit(r, first), stop = bit + count;

    while (bit < stop) {
        uint64_t w = *bitmap_word(r, bit) >> (bit % 64);
        uint64_t span = 64 - bit % 64;

        if (span > stop - bit) {
            span = stop - bit;
            w &= (1ULL << span) - 1;
        }
        if (w)
            return true;
        bit += span;
    }
    return false;
}

/* ---- free lists ---------------------------------------------------------- */

static void list_push(const struct heap_range *r, paddr_t pa, unsigned int order)
{
    struct free_block *b = block_at(pa);

    b->magic = FREE_MAGIC;
    b->order = order;
    b->prev = NIL;
    b->next = free_head[order];
    if (b->next != NIL)
        block_at(b->next)->prev = pa;
    free_head[order] = pa;
    head_set(r, pa, true);
}

static void list_remove(const struct heap_range *r, paddr_t pa)
{
    struct free_block *b = block_at(pa);

    if (b->magic != FREE_MAGIC)
        panic("page_alloc: free block at 0x%llx was overwritten", (unsigned long long)pa);
    if (b->prev != NIL)
        block_at(b->prev)->next = b->next;
    else
        free_head[b->order] = b->next;
    if (b->next != NIL)
        block_at(b->next)->prev = b->prev;
    /* Leave nothing behind for the page's next owner to read or forge. */
    memset(b, 0, sizeof(*b));
    head_set(r, pa, false);
}

/* ---- public interface ---------------------------------------------------- */

void page_alloc_reset(void)
{
    nr_ranges = 0;
    nr_free = nr_total = 0;
    for (unsigned int i = 0; i < NR_ORDERS; i++)
        free_head[i] = NIL;
}

/* Free [start, end) of @r as the largest naturally aligned blocks that fit. */
static void carve(const struct heap_range *r, paddr_t start, paddr_t end)
{
    while (start < end) {
        unsigned int order = PAGE_MAX_ORDER;

        while (order && ((start & (block_bytes(order) - 1)) || block_bytes(order) > end - start))
            order--;
        list_push(r, start, order);
        nr_free += 1ULL << order;
        start += block_bytes(order);
    }
}

void page_alloc_add_range(paddr_t start, paddr_t end)
{
    struct heap_range *r;
    uint64_t pages, bitmap_pages;
    paddr_t s, e = ROUND_DOWN(end, PAGE_SIZE);

    if (start > UINT64_MAX - (PAGE_SIZE - 1))
        return;
    s = ROUND_UP(start, PAGE_SIZE);
    /* 0 is alloc_pages()'s "none left", so page 0 can never be handed out. */
    if (s == 0)
        s = PAGE_SIZE;
    if (s >= e)
        return;

    for (unsigned int i = 0; i < nr_ranges; i++) {
        if (s < ranges[i].end && ranges[i].bitmap < e) {
            printk("page_alloc: refusing [0x%llx, 0x%llx): overlaps [0x%llx, 0x%llx)\n",
                   (unsigned long long)s, (unsigned long long)e,
                   (unsigned long long)ranges[i].bitmap, (unsigned long long)ranges[i].end);
            return;
        }
    }
    if (nr_ranges == MAX_RANGES) {
        printk("page_alloc: dropping [0x%llx, 0x%llx): more than %u ranges\n",
               (unsigned long long)s, (unsigned long long)e, MAX_RANGES);
        return;
    }

    pages = (e - s) >> PAGE_SHIFT;
    bitmap_pages = (pages + BITS_PER_PAGE - 1) / BITS_PER_PAGE;
    if (pages <= bitmap_pages)
        return;                         /* too small to hold its own bitmap and a page */

    r = &ranges[nr_ranges++];
    r->bitmap = s;
    r->base = s + bitmap_pages * PAGE_SIZE;
    r->end = e;
    for (uint64_t i = 0; i < bitmap_pages; i++)
        memset(maddr_to_virt(s + i * PAGE_SIZE), 0, PAGE_SIZE);
    nr_total += pages;
    carve(r, r->base, r->end);
}

static paddr_t alloc_pages_locked(unsigned int order)
{
    const struct heap_range *r;
    unsigned int k = order;
    paddr_t pa;

    if (order > PAGE_MAX_ORDER)
        return 0;
    while (k <= PAGE_MAX_ORDER && free_head[k] == NIL)
        k++;
    if (k > PAGE_MAX_ORDER)
        return 0;

    pa = free_head[k];
    r = range_of(pa, block_bytes(k));
    if (!r)
        panic("page_alloc: free list holds 0x%llx, outside every range", (unsigned long long)pa);
    list_remove(r, pa);
    /* Split: keep the lower half, free the upper half, until the size is right. */
    while (k > order) {
        k--;
        list_push(r, pa + block_bytes(k), k);
    }
    nr_free -= 1ULL << order;
    return pa;
}

static void refuse_free(paddr_t pa, unsigned int order, const char *why)
{
    printk("page_alloc: refusing to free 0x%llx order %u: %s\n",
           (unsigned long long)pa, order, why);
}

/* Does a free block (head at an aligned address at or below @pa) cover @pa? */
static bool inside_free_block(const struct heap_range *r, paddr_t pa)
{
    for (unsigned int k = 0; k <= PAGE_MAX_ORDER; k++) {
        paddr_t head = pa & ~(block_bytes(k) - 1);

        if (head < r->base)
            break;
        if (head_test(r, head) && pa - head < block_bytes(block_at(head)->order))
            return true;
    }
    return false;
}

static void free_pages_locked(paddr_t pa, unsigned int order)
{
    const struct heap_range *r;

    if (order > PAGE_MAX_ORDER) {
        refuse_free(pa, order, "order too large");
        return;
    }
    if (pa & (block_bytes(order) - 1)) {
        refuse_free(pa, order, "not aligned to its size");
        return;
    }
    r = range_of(pa, block_bytes(order));
    if (!r) {
        refuse_free(pa, order, "not inside any range given to the allocator");
        return;
    }
    if (inside_free_block(r, pa) ||
        (order && heads_in(r, pa + PAGE_SIZE, (1ULL << order) - 1))) {
        refuse_free(pa, order, "already free (double free)");
        return;
    }

    nr_free += 1ULL << order;
    /* Merge with the buddy while it is a whole free block of the same order. */
    while (order < PAGE_MAX_ORDER) {
        paddr_t buddy = pa ^ block_bytes(order);

        if (buddy < r->base || buddy >= r->end || block_bytes(order) > r->end - buddy ||
            !head_test(r, buddy) || block_at(buddy)->order != order)
            break;
        list_remove(r, buddy);
        pa &= ~block_bytes(order);
        order++;
    }
    list_push(r, pa, order);
}

/* Several CPUs allocate (domain building, page tables): one lock for all. */
static spinlock_t heap_lock = SPINLOCK_INIT;

paddr_t alloc_pages(unsigned int order)
{
    paddr_t pa;

    spin_lock(&heap_lock);
    pa = alloc_pages_locked(order);
    spin_unlock(&heap_lock);
    return pa;
}

void free_pages(paddr_t pa, unsigned int order)
{
    spin_lock(&heap_lock);
    free_pages_locked(pa, order);
    spin_unlock(&heap_lock);
}

/* Exclusion @i of init_from_boot: the reserved regions, then the modules, then @extra. */
static struct mem_range exclusion(const struct boot_info *bi, const struct mem_range *extra,
                                  unsigned int i)
{
    if (i < bi->nr_reserved)
        return bi->reserved[i];
    i -= bi->nr_reserved;
    if (i < bi->nr_modules)
        return (struct mem_range){ bi->modules[i].start, bi->modules[i].size };
    return extra[i - bi->nr_modules];
}

uint64_t page_alloc_init_from_boot(const struct boot_info *bi,
                                   const struct mem_range *extra,
                                   unsigned int nr_extra)
{
    uint64_t before = nr_free;
    unsigned int nr_excl = bi->nr_reserved + bi->nr_modules + nr_extra;

    for (unsigned int b = 0; b < bi->nr_mem; b++) {
        paddr_t cur = bi->mem[b].start, end = cur + bi->mem[b].size;

        /*
         * Walk the bank upwards, each time skipping the exclusion that
         * overlaps what is left and starts lowest; exclusions need not be
         * sorted and may overlap one another. add_range rounds the pieces
         * between them inward to pages, which rounds each exclusion outward.
         */
        while (cur < end) {
            paddr_t skip_start = end, skip_end = end;

            for (unsigned int i = 0; i < nr_excl; i++) {
                struct mem_range x = exclusion(bi, extra, i);
                paddr_t xe = x.size > UINT64_MAX - x.start ? UINT64_MAX : x.start + x.size;
                paddr_t from = x.start > cur ? x.start : cur;

                if (x.size == 0 || xe <= cur || x.start >= end)
                    continue;
                if (from < skip_start) {
                    skip_start = from;
                    skip_end = xe;
                }
            }
            if (skip_start > cur)
                page_alloc_add_range(cur, skip_start);
            cur = skip_end;
        }
    }
    return nr_free - before;
}

uint64_t page_alloc_free_count(void)
{
    return nr_free;
}

uint64_t page_alloc_total_count(void)
{
    return nr_total;
}

uint64_t page_alloc_max_mfn(void)
{
    uint64_t max = 0;

    for (unsigned int i = 0; i < nr_ranges; i++)
        max = MAX(max, (uint64_t)(ranges[i].end >> PAGE_SHIFT));
    return max;
}
