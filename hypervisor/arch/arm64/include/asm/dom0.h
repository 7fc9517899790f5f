/* Building dom0 from the boot modules (arm64). */
#ifndef ASM_DOM0_H
#define ASM_DOM0_H

#include <xenlet/bootinfo.h>
#include <xenlet/sched.h>

#define DOM0_MAX_BANKS 8

struct dom0_layout {
    struct mem_range banks[DOM0_MAX_BANKS];     /* dom0 RAM, 1:1, ascending */
    unsigned int nr_banks;
    paddr_t kernel, initrd, dtb;
    uint64_t initrd_size;
    paddr_t gnttab_base;                        /* grant-table window (unused PA) */
    uint64_t gnttab_size;
    paddr_t ext_base;                           /* extended region: where dom0 maps */
    uint64_t ext_size;                          /* foreign and grant pages (0: none) */
    unsigned int evtchn_ppi;                    /* INTID of the upcall PPI */
    unsigned int nr_vcpus;
};

/* Write dom0's device tree into @buf from the host's; maps dom0's devices. */
int dom0_make_fdt(struct domain *d, const struct boot_info *bi, const void *host,
                  const struct dom0_layout *l, void *buf, size_t size);

#endif
