/*
 * The generic timer: EL2's own physical timer (CNTHP) for the hypervisor, and
 * the EL1 counter/timer opened to guests. Each CPU proves its timer interrupt
 * path works (timer -> GIC redistributor -> vector -> handler) at bring-up.
 */
#include <asm/cpu.h>
#include <asm/irq.h>
#include <asm/sysregs.h>
#include <drivers/arch_timer.h>
#include <drivers/gicv3.h>
#include <xenlet/errno.h>
#include <xenlet/lib.h>

#define CNTHCTL_EL1PCTEN (1u << 0)
#define CNTHCTL_EL1PCEN  (1u << 1)
#define CNT_CTL_ENABLE   (1u << 0)
#define CNT_CTL_IMASK    (1u << 1)

static uint64_t freq;
static unsigned int hyp_irq;
static volatile unsigned int ticks[NR_CPUS];
static void (*tick_hook)(void);
/* What each CPU's timer is set to (~0: masked). Every trap ends by asking
 * for a deadline, usually the same one, and under emulation each timer
 * register write is costly; the interrupt handler and set-up reset it. */
static uint64_t armed[NR_CPUS];

void arch_timer_set_tick(void (*fn)(void)) { tick_hook = fn; }

void arch_timer_program(uint64_t deadline)
{
    unsigned int cpu = smp_processor_id();

    if (armed[cpu] == deadline)
        return;
    armed[cpu] = deadline;
    if (deadline == ~0UL) {
        WRITE_SYSREG(CNT_CTL_IMASK, cnthp_ctl_el2);
    } else {
        WRITE_SYSREG(deadline, cnthp_cval_el2);
        WRITE_SYSREG(CNT_CTL_ENABLE, cnthp_ctl_el2);
    }
    isb();
}

uint64_t arch_timer_freq(void) { return freq; }
uint64_t arch_timer_irq(void) { return hyp_irq; }

uint64_t arch_counter(void)
{
    isb();
    return READ_SYSREG(cntpct_el0);
}

static void timer_interrupt(unsigned int intid, void *data)
{
    (void)intid;
    (void)data;
    WRITE_SYSREG(CNT_CTL_IMASK, cnthp_ctl_el2);    /* one-shot: quiet until re-armed */
    armed[smp_processor_id()] = ~0UL;
    ticks[smp_processor_id()]++;
    if (tick_hook)
        tick_hook();
}

void arch_timer_init(const struct boot_info *bi)
{
    freq = READ_SYSREG(cntfrq_el0);
    if (!freq && bi->timer.clock_frequency)
        freq = bi->timer.clock_frequency;
    hyp_irq = bi->timer.hyp_irq ? bi->timer.hyp_irq : 26;
    irq_register(hyp_irq, timer_interrupt, NULL);
}

int arch_timer_cpu_init(void)
{
    unsigned int cpu = smp_processor_id();
    uint64_t start, limit;

    WRITE_SYSREG(CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN, cnthctl_el2);
    WRITE_SYSREG(0, cntvoff_el2);
    WRITE_SYSREG(0, cnthp_ctl_el2);
    gic_enable_ppi(hyp_irq, true);

    /* Arm a 1 ms one-shot and wait (up to 5 s of counter time) for its IRQ. */
    WRITE_SYSREG(freq / 1000, cnthp_tval_el2);
    WRITE_SYSREG(CNT_CTL_ENABLE, cnthp_ctl_el2);
    isb();
    start = arch_counter();
    limit = 5 * freq;
    /* Check with interrupts masked, then wait: WFI still wakes for a pending
     * interrupt, and unmasking takes it. Checking with them unmasked could
     * lose the one tick between the check and the WFI, and sleep forever. */
    while (!ticks[cpu] && arch_counter() - start < limit) {
        wfi();
        local_irq_enable();
        local_irq_disable();
    }
    armed[cpu] = ~0UL;                  /* the handler masked it */
    return ticks[cpu] ? 0 : -ETIMEDOUT;
}
