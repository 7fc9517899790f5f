/*
 * The hypervisor's EL2 stage-1 page tables: an identity map (VA == PA) with a
 * 39-bit address space (levels 1-3, 4 KiB granule). The image is mapped page
 * by page so text is read-only and data never executable; RAM and devices use
 * the largest blocks that fit. Tables come from a fixed pool in BSS.
 */
#include <asm/cache.h>
#include <asm/mmu.h>
#include <asm/sysregs.h>
#include <xenlet/errno.h>
#include <xenlet/lib.h>
#include <xenlet/types.h>

#define VA_BITS          39
#define PT_ENTRIES       512
#define PT_POOL_PAGES    64

/* Descriptor bits (VMSAv8-64, stage 1, EL2 regime with E2H = 0). */
#define PTE_VALID        (1UL << 0)
#define PTE_TABLE        (1UL << 1)            /* table (L1/L2) or page (L3) */
#define PTE_ATTR(i)      ((uint64_t)(i) << 2)  /* MAIR index */
#define PTE_AP_RO        (1UL << 7)
#define PTE_AP_RES1      (1UL << 6)            /* AP[1] is RES1 at EL2 */
#define PTE_SH_INNER     (3UL << 8)
#define PTE_AF           (1UL << 10)
#define PTE_XN           (1UL << 54)
#define PTE_ADDR_MASK    0x0000fffffffff000UL

/* MAIR_EL2 slots. */
#define MT_DEVICE_nGnRnE 0
#define MT_DEVICE_nGnRE  1
#define MT_NORMAL        2
#define MAIR_VALUE       ((0x00UL << (8 * MT_DEVICE_nGnRnE)) | \
                          (0x04UL << (8 * MT_DEVICE_nGnRE))  | \
                          (0xffUL << (8 * MT_NORMAL)))

/* TCR_EL2: T0SZ, inner/outer write-back, inner shareable, 4 KiB, RES1 bits. */
#define TCR_T0SZ         (64 - VA_BITS)
#define TCR_IRGN0_WBWA   (1UL << 8)
#define TCR_ORGN0_WBWA   (1UL << 10)
#define TCR_SH0_INNER    (3UL << 12)
#define TCR_PS_SHIFT     16
#define TCR_EL2_RES1     ((1UL << 31) | (1UL << 23))

static uint64_t pt_pool[PT_POOL_PAGES][PT_ENTRIES] __aligned(4096);
static unsigned int pt_pool_used;
static uint64_t *root;                /* level-1 table */

/* What secondary CPUs load: written by the boot CPU, published to PoC. */
static struct {
    uint64_t mair, tcr, ttbr, sctlr;
} mmu_regs;

static uint64_t kind_attrs(enum map_kind kind)
{
    uint64_t normal = PTE_AF | PTE_SH_INNER | PTE_ATTR(MT_NORMAL) | PTE_AP_RES1;

    switch (kind) {
    case MAP_TEXT:   return normal | PTE_AP_RO;
    case MAP_RODATA: return normal | PTE_AP_RO | PTE_XN;
    case MAP_DATA:   return normal | PTE_XN;
    case MAP_DEVICE: return PTE_AF | PTE_ATTR(MT_DEVICE_nGnRE) | PTE_AP_RES1 | PTE_XN;
    }
    return 0;
}

static uint64_t *pt_alloc(void)
{
    uint64_t *t;

    if (pt_pool_used == PT_POOL_PAGES)
        return NULL;
    t = pt_pool[pt_pool_used++];
    for (unsigned int i = 0; i < PT_ENTRIES; i++)
        t[i] = 0;
    return t;
}

static unsigned int level_shift(unsigned int level)
{
    return 12 + 9 * (3 - level);            /* L1: 30, L2: 21, L3: 12 */
}

/*
 * Map one naturally aligned region at @level or below. A valid leaf already
 * present is kept: boot mappings (the image, with W^X) win over later,
 * coarser ones (all of RAM).
 */
static int map_at(uint64_t *table, unsigned int level, paddr_t pa, uint64_t size,
                  uint64_t attrs)
{
    uint64_t block = 1UL << level_shift(level);

    while (size) {
        unsigned int idx = (pa >> level_shift(level)) & (PT_ENTRIES - 1);
        uint64_t span = block - (pa & (block - 1));
        uint64_t *entry = &table[idx];

        if (span > size)
            span = size;
        if (level > 1 && span == block && !(*entry & PTE_VALID)) {
            /* Whole, aligned and free: a block (L2) or a page (L3). */
            *entry = (pa & PTE_ADDR_MASK) | attrs | PTE_VALID |
                     (level == 3 ? PTE_TABLE : 0);
        } else if (level < 3) {
            uint64_t *next;

            if (!(*entry & PTE_VALID)) {
                next = pt_alloc();
                if (!next)
                    return -ENOMEM;
                *entry = (uint64_t)(uintptr_t)next | PTE_TABLE | PTE_VALID;
            } else if (!(*entry & PTE_TABLE)) {
                pa += span;                 /* already mapped by a block: keep */
                size -= span;
                continue;
            }
            next = (uint64_t *)(uintptr_t)(*entry & PTE_ADDR_MASK);
            int rc = map_at(next, level + 1, pa, span, attrs);
            if (rc)
                return rc;
        }
        pa += span;
        size -= span;
    }
    return 0;
}

int mmu_map(paddr_t pa, uint64_t size, enum map_kind kind)
{
    paddr_t start = ROUND_DOWN(pa, PAGE_SIZE);
    paddr_t end = ROUND_UP(pa + size, PAGE_SIZE);
    int rc;

    if (end <= start || end > (1UL << VA_BITS))
        return -EINVAL;
    rc = map_at(root, 1, start, end - start, kind_attrs(kind));
    if (READ_SYSREG(sctlr_el2) & SCTLR_M) {
        dsb_ish();
        isb();
    }
    return rc;
}

extern char _stext[], _etext[], _srodata[], _erodata[], _sdata[], _end[];

static void mmu_load(void)
{
    WRITE_SYSREG(mmu_regs.mair, mair_el2);
    WRITE_SYSREG(mmu_regs.tcr, tcr_el2);
    WRITE_SYSREG(mmu_regs.ttbr, ttbr0_el2);
    isb();
    asm volatile("tlbi alle2" ::: "memory");
    dsb_sy();
    isb();
    WRITE_SYSREG(mmu_regs.sctlr, sctlr_el2);
    isb();
}

/*
 * Runs with the MMU and data cache off, so every store below goes straight to
 * memory; the compiler is kept to aligned accesses (-mstrict-align).
 */
void mmu_boot(paddr_t image_start, paddr_t image_end, paddr_t dtb, paddr_t uart)
{
    uint64_t parange = READ_SYSREG(id_aa64mmfr0_el1) & 0xf;

    root = pt_alloc();
    mmu_map((paddr_t)(uintptr_t)_stext, _etext - _stext, MAP_TEXT);
    mmu_map((paddr_t)(uintptr_t)_srodata, _erodata - _srodata, MAP_RODATA);
    mmu_map((paddr_t)(uintptr_t)_sdata, _end - _sdata, MAP_DATA);
    (void)image_start;
    (void)image_end;
    /* The DTB: at most 2 MiB long (booting.rst), so two 2 MiB blocks cover it.
     * Writable: the rest of those blocks is RAM the page allocator hands out. */
    mmu_map(ROUND_DOWN(dtb, 2UL << 20), 4UL << 20, MAP_DATA);
    if (uart)
        mmu_map(uart, PAGE_SIZE, MAP_DEVICE);

    mmu_regs.mair = MAIR_VALUE;
    mmu_regs.tcr = TCR_EL2_RES1 | TCR_T0SZ | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA |
                   TCR_SH0_INNER | (MIN(parange, 5UL) << TCR_PS_SHIFT);
    mmu_regs.ttbr = (uint64_t)(uintptr_t)root;
    mmu_regs.sctlr = SCTLR_EL2_RES1 | SCTLR_M | SCTLR_C | SCTLR_SA | SCTLR_I |
                     SCTLR_WXN;

    /* Nothing stale may hide behind the image once the caches are on. */
    dcache_inval_range(_stext, _end - _stext);
    mmu_load();
}

void mmu_publish(void)
{
    dcache_clean_range(_stext, _end - _stext);
}

void mmu_enable_secondary(void)
{
    mmu_load();
}
