/*
 * The boot sequence every architecture shares: read the device tree, bring
 * the machine up through the arch hooks, report what was found, and decide
 * what to run.
 */
#include <libfdt.h>
#include <xenlet/arch.h>
#include <xenlet/bootinfo.h>
#include <xenlet/cmdline.h>
#include <xenlet/domctl.h>
#include <xenlet/lib.h>
#include <xenlet/frame_table.h>
#include <xenlet/page_alloc.h>
#include <xenlet/sched.h>

#ifndef XENLET_VERSION
#define XENLET_VERSION "0.0"
#endif

static struct boot_info boot_info;

const char *hv_cmdline_copy(void) { return boot_info.cmdline; }

static const struct boot_module *find_module(const struct boot_info *bi,
                                             enum boot_module_kind kind)
{
    for (unsigned int i = 0; i < bi->nr_modules; i++)
        if (bi->modules[i].kind == kind)
            return &bi->modules[i];
    return NULL;
}

void start_xenlet(const void *fdt, paddr_t fdt_pa, size_t fdt_max)
{
    struct boot_info *bi = &boot_info;
    struct mem_range taken[2];
    const struct boot_module *kernel;
    uint64_t free_pages, ram = 0;
    unsigned int online;
    int rc;
    char why[160];

    printk("\nXenlet %s (%s): a Xen-compatible hypervisor\n", XENLET_VERSION, arch_name());
    if (boot_info_parse(fdt, fdt_max, bi, why, sizeof(why)) != 0) {
        printk("Xenlet: cannot use the device tree at 0x%lx: %s\n",
               (unsigned long)fdt_pa, why);
        printk("Xenlet: stopping; fix the device tree and boot again\n");
        arch_power_off();
    }
    boot_info_print(bi);
    printk("Command line: %s\n", bi->cmdline);
    cmdline_parse(bi->cmdline);

    if (arch_setup(bi) != 0) {
        printk("Xenlet: platform set-up failed; stopping\n");
        arch_power_off();
    }

    taken[0] = arch_image_range();
    taken[1] = (struct mem_range){ fdt_pa, fdt_totalsize(fdt) };
    free_pages = page_alloc_init_from_boot(bi, taken, 2);
    for (unsigned int i = 0; i < bi->nr_mem; i++)
        ram += bi->mem[i].size;
    sysctl_set_total_pages(ram >> PAGE_SHIFT);
    if (frame_table_init(bi->mem[0].start,
                         bi->mem[bi->nr_mem - 1].start + bi->mem[bi->nr_mem - 1].size)) {
        printk("Xenlet: no memory for the frame table; stopping\n");
        arch_power_off();
    }
    printk("Memory: %lu MiB free of %lu MiB (hypervisor image %lu KiB at 0x%lx)\n",
           (unsigned long)(free_pages >> (20 - PAGE_SHIFT)),
           (unsigned long)(ram >> 20),
           (unsigned long)(taken[0].size >> 10), (unsigned long)taken[0].start);

    online = arch_smp_boot(bi);
    printk("CPUs: %u of %u online\n", online, bi->nr_cpus);
    sched_set_nr_cpus(online);

    if (hv_opts.debug_fault[0]) {
        /* Proves the exception report works: an access nothing maps. */
        printk("Xenlet: debug_fault=%s: faulting on purpose\n", hv_opts.debug_fault);
        volatile uintptr_t nowhere = 0x8;   /* opaque to the compiler */

        *(volatile uint64_t *)nowhere = 1;
    }

    kernel = find_module(bi, BOOT_MOD_KERNEL);
    if (!kernel) {
        printk("Xenlet: no dom0 kernel module: nothing to run\n");
        printk("Xenlet: give one with QEMU's -device guest-loader,kernel=FILE,addr=ADDR\n");
    } else {
        printk("Xenlet: dom0 kernel at 0x%lx (%lu bytes), command line \"%s\"\n",
               (unsigned long)kernel->start, (unsigned long)kernel->size, bi->dom0_cmdline);
        rc = arch_start_dom0(bi, fdt, online, taken[0]);
        if (rc == 0) {
            printk("Xenlet: starting dom0\n");
            arch_run_guests();
        }
        printk("Xenlet: cannot start dom0 (%d)\n", rc);
    }
    printk("Xenlet: powering off\n");
    arch_power_off();
}
