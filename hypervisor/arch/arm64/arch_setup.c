/*
 * The boot CPU's arm64 path: from head.S (MMU off) to the common boot code,
 * and the arch hooks that code calls.
 */
#include <asm/cpu.h>
#include <asm/domain.h>
#include <asm/irq.h>
#include <asm/mmu.h>
#include <asm/psci.h>
#include <asm/spinlock.h>
#include <asm/sysregs.h>
#include <drivers/arch_timer.h>
#include <drivers/gicv3.h>
#include <drivers/pl011.h>
#include <xenlet/arch.h>
#include <xenlet/console.h>
#include <xenlet/lib.h>
#include <xenlet/page_alloc.h>

#define DTB_MAX_SIZE (2UL << 20)

extern char _start_image[], _end[];
int arch_cpu_init(void);

static paddr_t image_base;
static spinlock_t console_spinlock = SPINLOCK_INIT;
static uint64_t console_saved_daif[NR_CPUS];

/* Console output from several CPUs: a lock, with interrupts off while held. */
void console_lock(void)
{
    uint64_t daif = READ_SYSREG(daif);

    local_irq_disable();
    spin_lock(&console_spinlock);
    console_saved_daif[smp_processor_id()] = daif;
}

void console_unlock(void)
{
    uint64_t daif = console_saved_daif[smp_processor_id()];

    spin_unlock(&console_spinlock);
    WRITE_SYSREG(daif, daif);
}

const char *arch_name(void) { return "arm64, EL2"; }

struct mem_range arch_image_range(void)
{
    return (struct mem_range){ image_base, (uint64_t)(_end - _start_image) };
}

/* The hypervisor's own mappings are the identity. */
void *maddr_to_virt(paddr_t pa) { return (void *)(uintptr_t)pa; }
paddr_t virt_to_maddr(const void *va) { return (paddr_t)(uintptr_t)va; }

void arch_halt_cpu(void)
{
    asm volatile("msr daifset, #0xf" ::: "memory");
    for (;;)
        wfi();
}

void arch_power_off(void)
{
    int64_t rc = psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);

    printk("Xenlet: PSCI SYSTEM_OFF failed (%s); stopping this CPU\n", psci_error(rc));
    arch_halt_cpu();
}

void arch_reboot(void)
{
    int64_t rc = psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);

    printk("Xenlet: PSCI SYSTEM_RESET failed (%s); stopping this CPU\n", psci_error(rc));
    arch_halt_cpu();
}

void arch_run_guests(void)
{
    cpu_idle_loop();
}

static void uart_interrupt(unsigned int intid, void *data)
{
    (void)intid;
    (void)data;
    pl011_rx_interrupt();
}

int arch_setup(const struct boot_info *bi)
{
    int rc;

    /* All RAM, data only: the image and DTB keep their boot mappings. */
    for (unsigned int i = 0; i < bi->nr_mem; i++) {
        rc = mmu_map(bi->mem[i].start, bi->mem[i].size, MAP_DATA);
        if (rc) {
            printk("Xenlet: cannot map RAM bank %u (%d)\n", i, rc);
            return rc;
        }
    }
    if (bi->uart.base && bi->uart.base != pl011_base()) {
        mmu_map(bi->uart.base, PAGE_SIZE, MAP_DEVICE);
        pl011_set_base(bi->uart.base);
    }

    rc = gicv3_init(bi);
    if (rc) {
        printk("Xenlet: no usable GICv3 in the device tree (%d)\n", rc);
        return rc;
    }
    printk("GIC: v%u, %u interrupt lines\n", gic_arch_rev(), gic_nr_lines());
    if (bi->uart.irq >= 32) {
        irq_register(bi->uart.irq, uart_interrupt, NULL);
        gic_enable_spi(bi->uart.irq, true);
        pl011_enable_rx();
    }
    arch_timer_init(bi);
    vtimer_init();
    p2m_setup_cpu();
    printk("Timer: %lu kHz, EL2 timer on INTID %lu\n",
           (unsigned long)(arch_timer_freq() / 1000), (unsigned long)arch_timer_irq());
    rc = arch_cpu_init();
    if (rc == 0)
        printk("CPU0: up, MPIDR 0x%lx, timer interrupt ok\n", (unsigned long)read_mpidr());
    return rc;
}

/* From head.S: MMU off, BSS clear, relocated, on CPU 0's boot stack. */
void arch_boot_primary(paddr_t dtb, paddr_t load)
{
    image_base = load;
    mmu_boot(load, load + (uint64_t)(_end - _start_image), dtb, pl011_base());
    start_xenlet(maddr_to_virt(dtb), dtb, DTB_MAX_SIZE - (dtb & (DTB_MAX_SIZE - 1)) + DTB_MAX_SIZE);
}
