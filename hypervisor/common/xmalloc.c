/* Zeroed allocations for hypervisor objects, rounded up to whole pages. */
#include <xenlet/mm.h>
#include <xenlet/page_alloc.h>
#include <xenlet/sched.h>
#include <string.h>

static unsigned int order_for(size_t size)
{
    unsigned int order = 0;

    while ((PAGE_SIZE << order) < size)
        order++;
    return order;
}

void *xzalloc_bytes(size_t size)
{
    unsigned int order = order_for(size);
    paddr_t pa = alloc_pages(order);
    void *p;

    if (!pa)
        return NULL;
    p = maddr_to_virt(pa);
    memset(p, 0, PAGE_SIZE << order);
    return p;
}

void xfree_bytes(void *p, size_t size)
{
    if (p)
        free_pages(virt_to_maddr(p), order_for(size));
}
