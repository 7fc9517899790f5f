/*
 * Stage-2 page tables: 40-bit IPA, 4 KiB granule, starting at level 1 with
 * two concatenated root tables. Mappings use 2 MiB blocks where both sides
 * are aligned, pages elsewhere. Table pages come from the page allocator.
 */
#include <asm/domain.h>
#include <asm/p2m.h>
#include <asm/sysregs.h>
#include <xenlet/errno.h>
#include <xenlet/lib.h>
#include <xenlet/mm.h>
#include <xenlet/page_alloc.h>
#include <string.h>

#define ENTRIES          512
#define S2_VALID         (1UL << 0)
#define S2_TABLE         (1UL << 1)
#define S2_MEMATTR(x)    ((uint64_t)(x) << 2)
#define S2_MEMATTR_NORMAL 0xf        /* outer + inner write-back */
#define S2_MEMATTR_DEVICE 0x1        /* Device-nGnRE */
#define S2_AP_R          (1UL << 6)
#define S2_AP_W          (1UL << 7)
#define S2_SH_INNER      (3UL << 8)
#define S2_AF            (1UL << 10)
#define S2_XN            (2UL << 53)
#define S2_ADDR_MASK     0x0000fffffffff000UL

/* VTCR_EL2: T0SZ = 24 (40 bits), SL0 = 1 (start at level 1), WB, IS, 4 KiB. */
#define VTCR_T0SZ        (64 - IPA_BITS)
#define VTCR_SL0_L1      (1UL << 6)
#define VTCR_IRGN0_WBWA  (1UL << 8)
#define VTCR_ORGN0_WBWA  (1UL << 10)
#define VTCR_SH0_INNER   (3UL << 12)
#define VTCR_PS_40BIT    (2UL << 16)
#define VTCR_RES1        (1UL << 31)

static uint64_t type_attrs(enum p2m_type t)
{
    switch (t) {
    case P2M_RAM_RW:
        return S2_MEMATTR(S2_MEMATTR_NORMAL) | S2_AP_R | S2_AP_W | S2_SH_INNER | S2_AF;
    case P2M_RAM_RO:
        return S2_MEMATTR(S2_MEMATTR_NORMAL) | S2_AP_R | S2_SH_INNER | S2_AF;
    case P2M_MMIO:
        return S2_MEMATTR(S2_MEMATTR_DEVICE) | S2_AP_R | S2_AP_W | S2_AF | S2_XN;
    }
    return 0;
}

static uint64_t *table_va(uint64_t entry)
{
    return maddr_to_virt(entry & S2_ADDR_MASK);
}

static uint64_t *new_table(void)
{
    paddr_t pa = alloc_page();

    if (!pa)
        return NULL;
    memset(maddr_to_virt(pa), 0, PAGE_SIZE);
    return maddr_to_virt(pa);
}

void p2m_setup_cpu(void)
{
    WRITE_SYSREG(VTCR_RES1 | VTCR_T0SZ | VTCR_SL0_L1 | VTCR_IRGN0_WBWA |
                 VTCR_ORGN0_WBWA | VTCR_SH0_INNER | VTCR_PS_40BIT, vtcr_el2);
    isb();
}

int p2m_init(struct p2m *p2m, uint8_t vmid)
{
    paddr_t root = alloc_pages(1);

    if (!root)
        return -ENOMEM;
    memset(maddr_to_virt(root), 0, 2 * PAGE_SIZE);
    p2m->root = root;
    p2m->vmid = vmid;
    return 0;
}

uint64_t p2m_vttbr(const struct p2m *p2m)
{
    return p2m->root | ((uint64_t)p2m->vmid << 48);
}

static void flush_guest_tlb(const struct p2m *p2m)
{
    uint64_t old = READ_SYSREG(vttbr_el2);

    /* TLBI VMALLS12E1IS acts on the VMID in VTTBR_EL2. */
    dsb_ish();
    WRITE_SYSREG(p2m_vttbr(p2m), vttbr_el2);
    isb();
    asm volatile("tlbi vmalls12e1is" ::: "memory");
    dsb_ish();
    isb();
    WRITE_SYSREG(old, vttbr_el2);
    isb();
}

/* The level-1 slot for @gfn: the root spans two pages (1024 entries). */
static uint64_t *l1_slot(struct p2m *p2m, uint64_t gfn)
{
    uint64_t *root = maddr_to_virt(p2m->root);

    return &root[(gfn >> 18) & 1023];
}

/* Find or make the next-level table under @entry; splits a block if needed
 * (which changes a live entry: *changed is set then). */
static uint64_t *descend(uint64_t *entry, unsigned int level, bool *changed)
{
    uint64_t *t;

    if ((*entry & (S2_VALID | S2_TABLE)) == (S2_VALID | S2_TABLE))
        return table_va(*entry);
    t = new_table();
    if (!t)
        return NULL;
    if (*entry & S2_VALID) {
        /* A block: rebuild it as a table of smaller pieces with the same attrs. */
        uint64_t step = level == 1 ? (2UL << 20) : PAGE_SIZE;
        uint64_t base = *entry & S2_ADDR_MASK & ~((step * ENTRIES) - 1);
        uint64_t attrs = *entry & ~S2_ADDR_MASK & ~(S2_VALID | S2_TABLE);

        for (unsigned int i = 0; i < ENTRIES; i++)
            t[i] = (base + i * step) | attrs | S2_VALID | (level == 2 ? S2_TABLE : 0);
        *changed = true;
    }
    dsb_ish();
    *entry = virt_to_maddr(t) | S2_VALID | S2_TABLE;
    return t;
}

/*
 * Writes the entries for [gfn, gfn + nr). The TLBs are flushed only when a
 * valid entry was replaced or removed: a translation that faulted is never
 * held in a TLB, so filling an empty slot needs no flush (the DSB makes the
 * new entry visible to the table walker). This keeps dom0's foreign mappings
 * (one hypercall per page from Linux's privcmd) from discarding all of its
 * TLB entries every time.
 */
static int set_entries(struct p2m *p2m, uint64_t gfn, uint64_t mfn, uint64_t nr,
                       uint64_t attrs, bool map)
{
    bool changed = false;
    int rc = 0;

    if (gfn + nr > (1UL << (IPA_BITS - PAGE_SHIFT)) || gfn + nr < gfn)
        return -EINVAL;
    while (nr) {
        uint64_t *l1 = l1_slot(p2m, gfn), *l2, *l3;

        l2 = descend(l1, 1, &changed);
        if (!l2) {
            rc = -ENOMEM;
            break;
        }
        l2 += (gfn >> 9) & 511;
        bool is_table = (*l2 & (S2_VALID | S2_TABLE)) == (S2_VALID | S2_TABLE);

        if (!(gfn & 511) && nr >= 512 && (!map || !(mfn & 511)) && !is_table) {
            /* A whole aligned 2 MiB block (or its removal). */
            changed |= (*l2 & S2_VALID) != 0;
            *l2 = map ? ((mfn << PAGE_SHIFT) | attrs | S2_VALID) : 0;
            gfn += 512;
            mfn += 512;
            nr -= 512;
            continue;
        }
        l3 = descend(l2, 2, &changed);
        if (!l3) {
            rc = -ENOMEM;
            break;
        }
        changed |= (l3[gfn & 511] & S2_VALID) != 0;
        l3[gfn & 511] = map ? ((mfn << PAGE_SHIFT) | attrs | S2_VALID | S2_TABLE) : 0;
        gfn++;
        mfn++;
        nr--;
    }
    dsb_ish();
    if (changed)
        flush_guest_tlb(p2m);
    return rc;
}

int p2m_map(struct p2m *p2m, uint64_t gfn, uint64_t mfn, uint64_t nr, enum p2m_type t)
{
    return set_entries(p2m, gfn, mfn, nr, type_attrs(t), true);
}

int p2m_unmap(struct p2m *p2m, uint64_t gfn, uint64_t nr)
{
    return set_entries(p2m, gfn, 0, nr, 0, false);
}

uint64_t p2m_lookup(struct p2m *p2m, uint64_t gfn, enum p2m_type *t)
{
    uint64_t e = *l1_slot(p2m, gfn);
    uint64_t offset_mask = (1UL << 18) - 1;

    if (gfn >= (1UL << (IPA_BITS - PAGE_SHIFT)))
        return ~0UL;
    for (unsigned int level = 1; level <= 3; level++) {
        if (!(e & S2_VALID))
            return ~0UL;
        if (level == 3 || !(e & S2_TABLE)) {
            if (t)
                *t = ((e >> 2) & 0xf) == S2_MEMATTR_DEVICE ? P2M_MMIO
                     : (e & S2_AP_W) ? P2M_RAM_RW : P2M_RAM_RO;
            return ((e & S2_ADDR_MASK) >> PAGE_SHIFT) + (gfn & offset_mask);
        }
        offset_mask >>= 9;
        e = table_va(e)[(gfn >> (9 * (3 - level - 1))) & 511];
    }
    return ~0UL;
}

int guest_physmap_add(struct domain *d, uint64_t gfn, uint64_t mfn, uint64_t nr, bool mmio)
{
    return p2m_map(&arch_dom(d)->p2m, gfn, mfn, nr, mmio ? P2M_MMIO : P2M_RAM_RW);
}

int guest_physmap_remove(struct domain *d, uint64_t gfn, uint64_t nr)
{
    return p2m_unmap(&arch_dom(d)->p2m, gfn, nr);
}

uint64_t guest_physmap_lookup(struct domain *d, uint64_t gfn, bool *is_ram)
{
    enum p2m_type t;
    uint64_t mfn = p2m_lookup(&arch_dom(d)->p2m, gfn, &t);

    if (is_ram)
        *is_ram = mfn != ~0UL && t != P2M_MMIO;
    return mfn;
}

/*
 * Tear down @t (a table at @level) until @budget pages have been handed to
 * @leaf, clearing each entry as it goes so that the next call starts where
 * this one stopped. True when the table is empty. A block counts whole.
 */
static bool teardown_level(uint64_t *t, unsigned int level, struct p2m_teardown *td)
{
    unsigned int entries = level == 1 ? 1024 : ENTRIES;

    for (unsigned int i = 0; i < entries; i++) {
        uint64_t e = t[i];

        if (!(e & S2_VALID))
            continue;
        if (td->budget == 0)
            return false;
        if (level < 3 && (e & S2_TABLE)) {
            if (!teardown_level(table_va(e), level + 1, td))
                return false;
            free_page(e & S2_ADDR_MASK);
        } else if (((e >> 2) & 0xf) != S2_MEMATTR_DEVICE) {
            uint64_t pages = level == 3 ? 1 : level == 2 ? 512 : 512 * 512;

            for (uint64_t p = 0; p < pages; p++)
                td->leaf(((e & S2_ADDR_MASK) >> PAGE_SHIFT) + p, td->data);
            td->budget -= MIN(td->budget, pages);
        }
        t[i] = 0;
    }
    return true;
}

bool p2m_teardown_some(struct p2m *p2m, struct p2m_teardown *td)
{
    if (!p2m->root)
        return true;
    if (!p2m->dying) {
        /* Its vCPUs are off every CPU for good: drop what TLBs hold, once. */
        flush_guest_tlb(p2m);
        p2m->dying = true;
    }
    if (!teardown_level(maddr_to_virt(p2m->root), 1, td))
        return false;
    free_pages(p2m->root, 1);
    p2m->root = 0;
    return true;
}

int guest_physmap_add_ro(struct domain *d, uint64_t gfn, uint64_t mfn)
{
    return p2m_map(&arch_dom(d)->p2m, gfn, mfn, 1, P2M_RAM_RO);
}
