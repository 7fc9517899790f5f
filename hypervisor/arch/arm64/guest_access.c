/* Guest virtual -> machine translation with AT S12E1R/W, page by page. */
#include <asm/domain.h>
#include <asm/sysregs.h>
#include <xenlet/errno.h>
#include <xenlet/guest_access.h>
#include <xenlet/mm.h>
#include <string.h>

#define PAR_F          (1UL << 0)
#define PAR_PA_MASK    0x0000fffffffff000UL

/* The machine address behind guest VA @gva for a read or a write, or 0. */
static paddr_t gva_to_ma(uint64_t gva, bool write)
{
    uint64_t par, saved = READ_SYSREG(par_el1);

    if (write)
        asm volatile("at s12e1w, %0" :: "r"(gva) : "memory");
    else
        asm volatile("at s12e1r, %0" :: "r"(gva) : "memory");
    isb();
    par = READ_SYSREG(par_el1);
    WRITE_SYSREG(saved, par_el1);          /* PAR_EL1 is the guest's register */
    if (par & PAR_F)
        return 0;
    return (par & PAR_PA_MASK) | (gva & ~PAGE_MASK);
}

static int copy_guest(void *hv, uint64_t gva, size_t n, bool to_guest)
{
    while (n) {
        size_t chunk = MIN(n, PAGE_SIZE - (gva & ~PAGE_MASK));
        paddr_t ma = gva_to_ma(gva, to_guest);

        if (!ma)
            return -EFAULT;
        if (to_guest)
            memcpy(maddr_to_virt(ma), hv, chunk);
        else
            memcpy(hv, maddr_to_virt(ma), chunk);
        hv = (char *)hv + chunk;
        gva += chunk;
        n -= chunk;
    }
    return 0;
}

int copy_from_guest(void *dst, uint64_t gva, size_t n)
{
    return copy_guest(dst, gva, n, false);
}

int copy_to_guest(uint64_t gva, const void *src, size_t n)
{
    return copy_guest((void *)src, gva, n, true);
}

void *map_guest_frame(struct domain *d, uint64_t gfn)
{
    enum p2m_type t;
    uint64_t mfn = p2m_lookup(&arch_dom(d)->p2m, gfn, &t);

    if (mfn == ~0UL || t == P2M_MMIO)
        return NULL;
    return maddr_to_virt(mfn << PAGE_SHIFT);
}
