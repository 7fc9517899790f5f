/*
 * vCPUs on arm64: the EL2 configuration a guest runs under, first entry,
 * the per-CPU "current" vCPU, and waking a vCPU that waits on another CPU.
 */
#include <asm/cpu.h>
#include <asm/domain.h>
#include <asm/sysregs.h>
#include <drivers/gicv3.h>
#include <xenlet/errno.h>
#include <xenlet/lib.h>
#include <xenlet/mm.h>
#include <string.h>

/* HCR_EL2 while a guest runs: stage 2 on, interrupts to EL2, trap WFI,
 * SMC, set/way cache maintenance, implementation-defined registers. */
#define HCR_VM     (1UL << 0)
#define HCR_SWIO   (1UL << 1)
#define HCR_PTW    (1UL << 2)
#define HCR_FB     (1UL << 9)
#define HCR_BSU_IS (1UL << 10)
#define HCR_TWI    (1UL << 13)
#define HCR_TSC    (1UL << 19)
#define HCR_TIDCP  (1UL << 20)
#define HCR_TACR   (1UL << 21)
#define HCR_TSW    (1UL << 22)
#define HCR_GUEST  (HCR_VM | HCR_SWIO | HCR_PTW | HCR_FB | HCR_BSU_IS | HCR_AMO | \
                    HCR_IMO | HCR_FMO | HCR_TWI | HCR_TSC | HCR_TIDCP | HCR_TACR | \
                    HCR_TSW | HCR_RW)

#define PSR_GUEST64_INIT 0x3c5UL         /* EL1h, D A I F masked */
#define SCTLR_GUEST_INIT 0x00c50078UL    /* MMU and caches off */

extern char boot_stacks[];
void enter_guest_frame(const struct trap_frame *f, uintptr_t stack_top) __noreturn;

static struct vcpu *current_on[NR_CPUS];
static struct vcpu *assigned[NR_CPUS];

struct vcpu *current_vcpu(void) { return current_on[smp_processor_id()]; }
void set_current_vcpu(struct vcpu *v) { current_on[smp_processor_id()] = v; }

int arch_domain_create(struct domain *d)
{
    static uint8_t next_vmid = 1;
    struct arch_domain *ad = xzalloc_bytes(sizeof(*ad));
    int rc;

    if (!ad)
        return -ENOMEM;
    d->arch = ad;
    rc = p2m_init(&ad->p2m, next_vmid++);
    if (rc)
        return rc;
    return 0;
}

int arch_vcpu_create(struct vcpu *v)
{
    struct arch_vcpu *av = xzalloc_bytes(sizeof(*av));

    if (!av)
        return -ENOMEM;
    v->arch = av;
    /* vCPU n -> Aff0 = n % 16, Aff1 = n / 16, as Xen numbers them. */
    av->vmpidr = (1UL << 31) | ((v->vcpu_id >> 4) << 8) | (v->vcpu_id & 0xf);
    return 0;
}

void vcpu_set_boot_state(struct vcpu *v, uint64_t pc, uint64_t x0)
{
    struct arch_vcpu *av = v->arch;

    memset(&av->regs, 0, sizeof(av->regs));
    av->regs.x[0] = x0;
    av->regs.elr = pc;
    av->regs.spsr = PSR_GUEST64_INIT;
    memset(&av->el1, 0, sizeof(av->el1));
    av->el1.sctlr = SCTLR_GUEST_INIT;
}

static void load_el1(const struct el1_regs *r)
{
    WRITE_SYSREG(r->sctlr, sctlr_el1);
    WRITE_SYSREG(r->ttbr0, ttbr0_el1);
    WRITE_SYSREG(r->ttbr1, ttbr1_el1);
    WRITE_SYSREG(r->tcr, tcr_el1);
    WRITE_SYSREG(r->mair, mair_el1);
    WRITE_SYSREG(r->amair, amair_el1);
    WRITE_SYSREG(r->vbar, vbar_el1);
    WRITE_SYSREG(r->contextidr, contextidr_el1);
    WRITE_SYSREG(r->tpidr_el0, tpidr_el0);
    WRITE_SYSREG(r->tpidrro_el0, tpidrro_el0);
    WRITE_SYSREG(r->tpidr_el1, tpidr_el1);
    WRITE_SYSREG(r->sp_el0, sp_el0);
    WRITE_SYSREG(r->sp_el1, sp_el1);
    WRITE_SYSREG(r->elr_el1, elr_el1);
    WRITE_SYSREG(r->spsr_el1, spsr_el1);
    WRITE_SYSREG(r->esr, esr_el1);
    WRITE_SYSREG(r->far, far_el1);
    WRITE_SYSREG(r->afsr0, afsr0_el1);
    WRITE_SYSREG(r->afsr1, afsr1_el1);
    WRITE_SYSREG(r->par, par_el1);
    WRITE_SYSREG(r->cpacr, cpacr_el1);
    WRITE_SYSREG(r->cntkctl, cntkctl_el1);
    WRITE_SYSREG(r->csselr, csselr_el1);
    WRITE_SYSREG(r->cntv_cval, cntv_cval_el0);
    WRITE_SYSREG(r->cntv_ctl, cntv_ctl_el0);
    isb();
}

void vcpu_run_first(struct vcpu *v)
{
    struct arch_vcpu *av = v->arch;
    unsigned int cpu = smp_processor_id();

    set_current_vcpu(v);
    av->started = true;
    WRITE_SYSREG(HCR_GUEST, hcr_el2);
    WRITE_SYSREG(p2m_vttbr(&arch_dom(v->domain)->p2m), vttbr_el2);
    WRITE_SYSREG(av->vmpidr, vmpidr_el2);
    WRITE_SYSREG(READ_SYSREG(midr_el1), vpidr_el2);
    WRITE_SYSREG(0, cntvoff_el2);
    /* EL1 may read the physical counter, not program the physical timer. */
    WRITE_SYSREG(1, cnthctl_el2);
    /* PMU counters stay the guest's; nothing else of debug is trapped. */
    WRITE_SYSREG((READ_SYSREG(pmcr_el0) >> 11) & 0x1f, mdcr_el2);
    isb();
    load_el1(&av->el1);
    vgic_cpu_setup();
    vgic_flush(v);
    enter_guest_frame(&av->regs, (uintptr_t)boot_stacks + (cpu + 1) * STACK_SIZE);
}

void vcpu_kick(struct vcpu *v)
{
    v->kick = true;
    if (v->processor != smp_processor_id())
        gic_send_sgi(v->processor, SGI_KICK);
}

void vcpu_assign(struct vcpu *v, unsigned int cpu)
{
    v->processor = cpu;
    assigned[cpu] = v;
}

void cpu_idle_loop(void)
{
    unsigned int cpu = smp_processor_id();

    set_current_vcpu(NULL);
    for (;;) {
        struct vcpu *v = assigned[cpu];

        if (v && __atomic_load_n(&v->is_up, __ATOMIC_ACQUIRE) &&
            !v->domain->is_shutting_down)
            vcpu_run_first(v);
        wfi();
        local_irq_enable();
        local_irq_disable();
    }
}

void vcpu_go_offline(struct vcpu *v)
{
    __atomic_store_n(&v->is_up, false, __ATOMIC_RELEASE);
    cpu_idle_loop();
}
