/*
 * What the hypervisor learns from the boot device tree: memory, reserved
 * ranges, CPUs, interrupt controller, timer, UART, PSCI and the /chosen
 * modules. Filled once at boot by boot_info_parse(); read-only afterwards.
 * Host-compilable (libfdt only).
 */
#ifndef XENLET_BOOTINFO_H
#define XENLET_BOOTINFO_H

#include <xenlet/types.h>

#define BOOT_MAX_MEM_BANKS  16
#define BOOT_MAX_RESERVED   32
#define BOOT_MAX_MODULES     8
#define BOOT_MAX_CPUS       16
#define BOOT_MAX_REDIST      4
#define BOOT_CMDLINE_MAX   1024
#define BOOT_PATH_MAX       128

struct mem_range {
    paddr_t start;
    uint64_t size;
};

enum boot_module_kind {
    BOOT_MOD_KERNEL,     /* multiboot,kernel  (or the 1st bare multiboot,module) */
    BOOT_MOD_RAMDISK,    /* multiboot,ramdisk (or the 2nd bare multiboot,module) */
    BOOT_MOD_DTB,        /* multiboot,device-tree */
    BOOT_MOD_OTHER,
};

struct boot_module {
    enum boot_module_kind kind;
    paddr_t start;
    uint64_t size;
    char cmdline[BOOT_CMDLINE_MAX];     /* the module's "bootargs", "" if none */
};

enum psci_conduit { PSCI_CONDUIT_NONE, PSCI_CONDUIT_SMC, PSCI_CONDUIT_HVC };

struct boot_info {
    struct mem_range mem[BOOT_MAX_MEM_BANKS];        /* device_type = "memory" regs */
    unsigned int nr_mem;
    struct mem_range reserved[BOOT_MAX_RESERVED];    /* /memreserve/ + /reserved-memory */
    unsigned int nr_reserved;
    struct boot_module modules[BOOT_MAX_MODULES];    /* /chosen multiboot modules */
    unsigned int nr_modules;

    uint64_t cpu_mpidr[BOOT_MAX_CPUS];               /* /cpus/cpu@N "reg", DT order */
    unsigned int nr_cpus;

    struct {
        char compatible[32];                         /* e.g. "arm,gic-v3" */
        paddr_t dist_base;
        uint64_t dist_size;
        struct mem_range redist[BOOT_MAX_REDIST];
        unsigned int nr_redist;
        uint32_t maint_irq;                          /* INTID (PPI 9 -> 25), 0 if absent */
        char path[BOOT_PATH_MAX];
    } gic;

    struct {
        /* INTIDs (PPI n -> 16 + n), 0 if absent. */
        uint32_t sec_phys_irq, phys_irq, virt_irq, hyp_irq;
        uint32_t clock_frequency;                    /* 0 if the DT has none */
        char path[BOOT_PATH_MAX];
    } timer;

    struct {
        paddr_t base;                                /* the UART the hypervisor uses */
        uint64_t size;
        uint32_t irq;                                /* INTID, 0 if absent */
        char path[BOOT_PATH_MAX];                    /* full node path */
    } uart;

    enum psci_conduit psci;
    char cmdline[BOOT_CMDLINE_MAX];                  /* the hypervisor's command line */
    char dom0_cmdline[BOOT_CMDLINE_MAX];             /* dom0's, per Xen's precedence rules */
};

/*
 * Parse the flattened device tree at @fdt, of which at most @bufsize bytes
 * are readable. Returns 0, or a negative errno with a one-line reason in
 * @why (e.g. "device tree has no memory node"). Refuses: a blob that fails
 * libfdt's full check (bad magic, truncated, totalsize > bufsize), no memory
 * node, overlapping memory banks, overlapping reserved regions, a module that
 * is not wholly inside RAM, a reserved region overlapping a module, and
 * tables that overflow the fixed limits above.
 *
 * Also refused: ranges that wrap past 2^64, zero-size modules, modules that
 * overlap each other, duplicate MPIDRs, no enabled CPU node, malformed reg
 * properties, over-long command lines. @bi is zeroed first; on success:
 *  - mem[] is sorted by address; empty banks are skipped (as Xen and Linux
 *    do), as are disabled memory nodes and zero-size reserved entries;
 *  - reserved[] lists /memreserve/ entries, then /reserved-memory children;
 *  - modules[] is in Xen's order: a /chosen linux,initrd-start/-end pair
 *    first (as a ramdisk), then module nodes under /chosen in tree order.
 *    The first BOOT_MOD_KERNEL and the first BOOT_MOD_RAMDISK are dom0's;
 *    dom0less (xen,domain) modules are kept as BOOT_MOD_OTHER;
 *  - device addresses are read as-is (no "ranges" translation), which is
 *    right for QEMU virt and for buses with identity ranges;
 *  - gic.compatible[0] == '\0', timer.path[0] == '\0' or uart.path[0] ==
 *    '\0' means none was found; the arch decides whether that is fatal.
 * @fdt must be 8-byte aligned, as the DT spec requires of a blob.
 */
int boot_info_parse(const void *fdt, size_t bufsize, struct boot_info *bi,
                    char *why, size_t whylen);

/* Print a summary of @bi through printk. */
void boot_info_print(const struct boot_info *bi);

#endif
