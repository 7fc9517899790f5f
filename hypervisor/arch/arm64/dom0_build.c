/*
 * dom0 on arm64: its RAM taken from the allocator and mapped 1:1 (so devices
 * it drives can DMA without an IOMMU), the kernel Image, initramfs and device
 * tree placed where Xen places them, vCPU 0 set to enter the kernel.
 */
#include <asm/cache.h>
#include <asm/cpu.h>
#include <asm/domain.h>
#include <asm/dom0.h>
#include <drivers/gicv3.h>
#include <libfdt.h>
#include <public/hvm/params.h>
#include <xenlet/cmdline.h>
#include <xenlet/errno.h>
#include <xenlet/frame_table.h>
#include <xenlet/lib.h>
#include <xenlet/mm.h>
#include <xenlet/page_alloc.h>
#include <string.h>

#define DOM0_DEFAULT_MEM   (512UL << 20)
#define DOM0_EVTCHN_PPI    16          /* the first PPI the host leaves free on virt */
#define DOM0_FDT_EXTRA     (64UL << 10)
#define SZ_2M              (2UL << 20)
#define SZ_128M            (128UL << 20)

/* arm64 Image header fields we rely on. */
struct image_header {
    uint32_t code0, code1;
    uint64_t text_offset, image_size, flags, res2, res3, res4;
    uint32_t magic, res5;
};
#define IMAGE_MAGIC 0x644d5241

/* Take @size bytes of RAM in as few naturally aligned blocks as possible. */
static int allocate_ram(struct domain *d, struct dom0_layout *l, uint64_t size)
{
    struct p2m *p2m = &arch_dom(d)->p2m;

    while (size) {
        unsigned int order = PAGE_MAX_ORDER;
        paddr_t pa = 0;

        while ((PAGE_SIZE << order) > size && order)
            order--;
        for (; order > 9 && !(pa = alloc_pages(order)); order--)
            ;
        if (!pa)
            return -ENOMEM;
        p2m_map(p2m, pa >> PAGE_SHIFT, pa >> PAGE_SHIFT, 1UL << order, P2M_RAM_RW);
        page_set_owner(pa >> PAGE_SHIFT, 1UL << order, d->domain_id);
        /* Merge into a neighbouring bank or start a new one (sorted). */
        unsigned int i;
        for (i = 0; i < l->nr_banks; i++) {
            struct mem_range *b = &l->banks[i];

            if (b->start + b->size == pa) {
                b->size += PAGE_SIZE << order;
                break;
            }
            if (pa + (PAGE_SIZE << order) == b->start) {
                b->start = pa;
                b->size += PAGE_SIZE << order;
                break;
            }
        }
        if (i == l->nr_banks) {
            if (l->nr_banks == DOM0_MAX_BANKS)
                return -ENOMEM;
            for (i = l->nr_banks; i > 0 && l->banks[i - 1].start > pa; i--)
                l->banks[i] = l->banks[i - 1];
            l->banks[i] = (struct mem_range){ pa, PAGE_SIZE << order };
            l->nr_banks++;
        }
        d->tot_pages += 1UL << order;
        size -= PAGE_SIZE << order;
    }
    return 0;
}

static void copy_in(paddr_t dst, paddr_t src, uint64_t size)
{
    memcpy(maddr_to_virt(dst), maddr_to_virt(src), size);
    dcache_clean_range(maddr_to_virt(dst), size);
}

int arch_start_dom0(const struct boot_info *bi, const void *host_fdt, unsigned int nr_cpus,
               struct mem_range hv_image)
{
    const struct boot_module *kernel = NULL, *ramdisk = NULL;
    struct dom0_layout l = { 0 };
    const struct image_header *h;
    struct domain *d;
    uint64_t mem = hv_opts.dom0_mem ? ROUND_UP(hv_opts.dom0_mem, SZ_2M) : DOM0_DEFAULT_MEM;
    paddr_t fdt_pa;
    size_t fdt_size = fdt_totalsize(host_fdt) + DOM0_FDT_EXTRA;
    int rc;

    for (unsigned int i = 0; i < bi->nr_modules; i++) {
        if (bi->modules[i].kind == BOOT_MOD_KERNEL && !kernel)
            kernel = &bi->modules[i];
        else if (bi->modules[i].kind == BOOT_MOD_RAMDISK && !ramdisk)
            ramdisk = &bi->modules[i];
    }
    if (!kernel)
        return -ENOENT;
    h = maddr_to_virt(kernel->start);
    if (kernel->size < sizeof(*h) || h->magic != IMAGE_MAGIC) {
        printk("dom0: the kernel module is not an arm64 Image%s\n",
               ((const uint8_t *)h)[0] == 0x1f ? " (gzip: give the uncompressed Image)" : "");
        return -ENOEXEC;
    }

    l.nr_vcpus = hv_opts.dom0_max_vcpus ? MIN(hv_opts.dom0_max_vcpus, nr_cpus) : nr_cpus;
    l.evtchn_ppi = DOM0_EVTCHN_PPI;
    l.gnttab_base = ROUND_UP(hv_image.start, PAGE_SIZE);
    l.gnttab_size = MIN(hv_image.size, 64 * PAGE_SIZE);
    /* An extended region above RAM, below the next 256 GiB boundary (on QEMU
     * virt, where high MMIO starts), so dom0 maps foreign pages without
     * ballooning its own RAM out. */
    {
        paddr_t top = bi->mem[bi->nr_mem - 1].start + bi->mem[bi->nr_mem - 1].size;
        paddr_t base = ROUND_UP(top, 1UL << 30), limit = ROUND_UP(base + 1, 256UL << 30);

        if (limit - base >= (64UL << 20)) {
            l.ext_base = base;
            l.ext_size = MIN(limit - base, 64UL << 30);
        }
    }

    d = domain_create(0, true, l.nr_vcpus, &rc);
    if (!d)
        return rc;
    d->direct_map = true;
    d->max_pages = mem >> PAGE_SHIFT;
    arch_dom(d)->evtchn_ppi = l.evtchn_ppi;
    /* The upcall: a PPI, active-low level-sensitive (bits 63:56 type, 15:8 flags). */
    d->hvm_params[HVM_PARAM_CALLBACK_IRQ] =
        ((uint64_t)HVM_PARAM_CALLBACK_TYPE_PPI << 56) |
        (HVM_PARAM_CALLBACK_TYPE_PPI_FLAG_LOW_LEVEL << 8) | l.evtchn_ppi;

    rc = allocate_ram(d, &l, mem);
    if (rc) {
        printk("dom0: not enough memory for %lu MiB\n", (unsigned long)(mem >> 20));
        return rc;
    }
    rc = vgic_domain_init(d, bi->gic.dist_base, bi->gic.redist[0].start,
                          bi->gic.redist[0].size, gic_nr_lines() - 32);
    if (rc)
        return rc;

    /* Xen's placement: kernel at bank 0 + text_offset; DTB then initrd at +128 MiB. */
    l.kernel = l.banks[0].start + h->text_offset;
    l.dtb = l.banks[0].start + SZ_128M;
    l.initrd = ROUND_UP(l.dtb + fdt_size, SZ_2M);
    l.initrd_size = ramdisk ? ramdisk->size : 0;
    if (l.kernel + MAX(h->image_size, kernel->size) > l.dtb ||
        l.initrd + l.initrd_size > l.banks[0].start + l.banks[0].size) {
        printk("dom0: kernel, DTB and initrd do not fit in the first %lu MiB bank\n",
               (unsigned long)(l.banks[0].size >> 20));
        return -ENOSPC;
    }
    copy_in(l.kernel, kernel->start, kernel->size);
    if (ramdisk)
        copy_in(l.initrd, ramdisk->start, ramdisk->size);

    fdt_pa = l.dtb;
    rc = dom0_make_fdt(d, bi, host_fdt, &l, maddr_to_virt(fdt_pa), fdt_size);
    if (rc)
        return rc;
    dcache_clean_range(maddr_to_virt(fdt_pa), fdt_size);

    for (unsigned int i = 0; i < l.nr_vcpus; i++)
        sched_add_vcpu(d->vcpu[i], i);
    vcpu_set_boot_state(d->vcpu[0], l.kernel, l.dtb);
    d->vcpu[0]->is_up = true;

    printk("dom0: %lu MiB at", (unsigned long)(mem >> 20));
    for (unsigned int i = 0; i < l.nr_banks; i++)
        printk(" 0x%lx-0x%lx", (unsigned long)l.banks[i].start,
               (unsigned long)(l.banks[i].start + l.banks[i].size));
    printk(", %u vCPUs, kernel 0x%lx, initrd 0x%lx (%lu bytes), DTB 0x%lx\n", l.nr_vcpus,
           (unsigned long)l.kernel, (unsigned long)l.initrd, (unsigned long)l.initrd_size,
           (unsigned long)l.dtb);
    return 0;
}
