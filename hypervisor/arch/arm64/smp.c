/*
 * Secondary CPUs: started through PSCI CPU_ON at secondary_entry (head.S),
 * they turn on the MMU with the boot CPU's tables, bring up their GIC
 * redistributor and timer, report in, and idle until there is work.
 */
#include <asm/cpu.h>
#include <asm/domain.h>
#include <asm/irq.h>
#include <asm/mmu.h>
#include <asm/psci.h>
#include <drivers/arch_timer.h>
#include <drivers/gicv3.h>
#include <xenlet/arch.h>
#include <xenlet/console.h>
#include <xenlet/lib.h>

extern char secondary_entry[];

static volatile bool cpu_online[NR_CPUS];
static uint64_t cpu_mpidr[NR_CPUS];

uint64_t cpu_logical_mpidr(unsigned int cpu)
{
    return cpu < NR_CPUS ? cpu_mpidr[cpu] : 0;
}

/* The per-CPU half of bring-up, shared by the boot CPU and the others. */
int arch_cpu_init(void)
{
    unsigned int cpu = smp_processor_id();
    int rc = gicv3_cpu_init();

    if (rc) {
        printk("CPU%u: no GIC redistributor for MPIDR 0x%lx (%d)\n", cpu,
               (unsigned long)read_mpidr(), rc);
        return rc;
    }
    rc = arch_timer_cpu_init();
    if (rc) {
        printk("CPU%u: the timer interrupt never arrived (%d)\n", cpu, rc);
        return rc;
    }
    gic_enable_ppi(SGI_KICK, true);
    vtimer_cpu_init();
    p2m_setup_cpu();
    return 0;
}

void arch_boot_secondary(void)
{
    unsigned int cpu = smp_processor_id();

    if (arch_cpu_init() == 0) {
        printk("CPU%u: up, MPIDR 0x%lx, timer interrupt ok\n", cpu,
               (unsigned long)read_mpidr());
        __atomic_store_n(&cpu_online[cpu], true, __ATOMIC_RELEASE);
    }
    cpu_idle_loop();
}

/* SGI_KICK carries no message: taking it makes the CPU look again. */
static void kick_interrupt(unsigned int intid, void *data)
{
    (void)intid;
    (void)data;
}

unsigned int arch_smp_boot(const struct boot_info *bi)
{
    uint64_t self = read_mpidr();
    unsigned int next = 1, online = 1;

    irq_register(SGI_KICK, kick_interrupt, NULL);
    cpu_online[0] = true;
    cpu_mpidr[0] = self;
    mmu_publish();          /* secondaries read tables and data with caches off */

    for (unsigned int i = 0; i < bi->nr_cpus; i++) {
        uint64_t mpidr = bi->cpu_mpidr[i];
        unsigned int cpu;
        int64_t rc;
        uint64_t start;

        if (mpidr == self)
            continue;
        if (next == NR_CPUS) {
            printk("CPUs: only %u supported; MPIDR 0x%lx and later left off\n",
                   NR_CPUS, (unsigned long)mpidr);
            break;
        }
        cpu = next++;
        cpu_mpidr[cpu] = mpidr;
        rc = psci_call(PSCI_CPU_ON_64, mpidr, (uint64_t)(uintptr_t)secondary_entry, cpu);
        if (rc != PSCI_SUCCESS) {
            printk("CPU%u: PSCI CPU_ON for MPIDR 0x%lx failed: %s\n", cpu,
                   (unsigned long)mpidr, psci_error(rc));
            continue;
        }
        /* Wait up to 10 s of counter time; a dead CPU must not hang the boot. */
        start = arch_counter();
        while (!__atomic_load_n(&cpu_online[cpu], __ATOMIC_ACQUIRE) &&
               arch_counter() - start < 10 * arch_timer_freq())
            cpu_relax();
        if (cpu_online[cpu])
            online++;
        else
            printk("CPU%u: MPIDR 0x%lx did not come up\n", cpu, (unsigned long)mpidr);
    }
    return online;
}
