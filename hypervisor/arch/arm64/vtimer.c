/*
 * The guest's virtual timer (CNTV) stays live in hardware while its vCPU is
 * on a CPU. Its interrupt is physical and taken at EL2: mask the timer (the
 * guest unmasks it when it reprograms) and hand the guest a virtual one.
 */
#include <asm/domain.h>
#include <asm/irq.h>
#include <asm/sysregs.h>
#include <drivers/gicv3.h>
#include <xenlet/lib.h>

#define CNT_CTL_IMASK (1u << 1)

static unsigned int virt_irq = 27;

static void vtimer_interrupt(unsigned int intid, void *data)
{
    struct vcpu *v = current_vcpu();

    (void)data;
    WRITE_SYSREG(READ_SYSREG(cntv_ctl_el0) | CNT_CTL_IMASK, cntv_ctl_el0);
    isb();
    if (v)
        vgic_inject(v->domain, v, intid);
}

void vtimer_init(void)
{
    irq_register(virt_irq, vtimer_interrupt, NULL);
}

void vtimer_cpu_init(void)
{
    gic_enable_ppi(virt_irq, true);
}
