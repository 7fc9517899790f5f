/* The frame table: an owner and a mapping count for every page of RAM. */
#include <xenlet/frame_table.h>
#include <xenlet/lib.h>
#include <xenlet/mm.h>
#include <xenlet/page_alloc.h>
#include <xenlet/spinlock.h>
#include <string.h>

struct page_info {
    uint16_t owner;
    uint16_t refs;
    bool xenheap;
};

static struct page_info *table;
static uint64_t first_mfn, nr_frames;
static spinlock_t lock = SPINLOCK_INIT;

int frame_table_init(paddr_t start, paddr_t end)
{
    uint64_t bytes, order = 0;
    paddr_t pa;

    first_mfn = start >> PAGE_SHIFT;
    nr_frames = (end - start) >> PAGE_SHIFT;
    bytes = nr_frames * sizeof(struct page_info);
    while ((PAGE_SIZE << order) < bytes)
        order++;
    pa = alloc_pages((unsigned int)order);
    if (!pa)
        return -1;
    table = maddr_to_virt(pa);
    for (uint64_t i = 0; i < nr_frames; i++)
        table[i] = (struct page_info){ OWNER_NONE, 0, false };
    return 0;
}

/*
 * A guest's page is zeroed when it goes back to the heap, as Xen scrubs the
 * pages of a domain it frees: nothing of the guest's lingers in free memory,
 * and the cost is paid when a domain dies rather than when the next one is
 * built. (Under QEMU TCG the first writes to a page that held a guest's code
 * are slow, each one checked against the translated code: populate_physmap
 * used to pay that for the previous domU's kernel while building the next.)
 * populate_physmap still zeroes what it hands out, which is cheap then.
 */
static void scrub_and_free(uint64_t mfn)
{
    memset(maddr_to_virt(mfn << PAGE_SHIFT), 0, PAGE_SIZE);
    free_page(mfn << PAGE_SHIFT);
}

static struct page_info *info(uint64_t mfn)
{
    if (!table || mfn < first_mfn || mfn - first_mfn >= nr_frames)
        return NULL;
    return &table[mfn - first_mfn];
}

void page_set_owner(uint64_t mfn, uint64_t nr, domid_t owner)
{
    spin_lock(&lock);
    for (uint64_t i = 0; i < nr; i++) {
        struct page_info *p = info(mfn + i);

        if (p) {
            p->owner = owner;
            p->xenheap = false;
        }
    }
    spin_unlock(&lock);
}

void page_set_xenheap_owner(uint64_t mfn, domid_t owner)
{
    struct page_info *p = info(mfn);

    spin_lock(&lock);
    if (p) {
        p->owner = owner;
        p->xenheap = true;
    }
    spin_unlock(&lock);
}

bool page_is_xenheap(uint64_t mfn)
{
    struct page_info *p = info(mfn);

    return p && p->xenheap;
}

domid_t page_owner(uint64_t mfn)
{
    struct page_info *p = info(mfn);

    return p ? p->owner : OWNER_NONE;
}

bool page_get_ref(uint64_t mfn)
{
    struct page_info *p = info(mfn);
    bool ok = false;

    spin_lock(&lock);
    if (p && p->owner != OWNER_NONE && p->owner != OWNER_ORPHAN && p->refs < UINT16_MAX) {
        p->refs++;
        ok = true;
    }
    spin_unlock(&lock);
    return ok;
}

void page_put_ref(uint64_t mfn)
{
    struct page_info *p = info(mfn);
    bool free_it = false;

    spin_lock(&lock);
    if (p && p->refs) {
        p->refs--;
        if (!p->refs && p->owner == OWNER_ORPHAN) {
            p->owner = OWNER_NONE;
            p->xenheap = false;
            free_it = true;
        }
    }
    spin_unlock(&lock);
    if (free_it)
        scrub_and_free(mfn);
}

void page_release(uint64_t mfn)
{
    struct page_info *p = info(mfn);
    bool free_it = true;

    spin_lock(&lock);
    if (p) {
        if (p->refs) {
            p->owner = OWNER_ORPHAN;
            free_it = false;
        } else {
            p->owner = OWNER_NONE;
            p->xenheap = false;
        }
    }
    spin_unlock(&lock);
    if (free_it)
        scrub_and_free(mfn);
}
