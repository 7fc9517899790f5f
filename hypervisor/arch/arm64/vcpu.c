/*
 * vCPUs on arm64: the EL2 configuration a guest runs under, context switches
 * and the per-CPU scheduling loop.
 *
 * A CPU always switches vCPUs inside a trap: the frame on its stack belongs
 * to whichever vCPU is loaded, so a switch saves the frame into the old
 * vCPU and fills it from the new one, and the trap returns into the new
 * vCPU. A CPU that has never run a vCPU waits in cpu_idle_loop() instead.
 */
#include <asm/cpu.h>
#include <asm/domain.h>
#include <asm/sysregs.h>
#include <drivers/arch_timer.h>
#include <drivers/gicv3.h>
#include <public/arch-arm.h>
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

/* EL1h, D A I F masked (public/arch-arm.h's PSR_GUEST64_INIT leaves D open).
 * SCTLR_GUEST_INIT, MMU and caches off, is the public one. */
#define VCPU_BOOT_PSR    0x3c5UL
#define CNT_CTL_ENABLE   (1u << 0)
#define CNT_CTL_IMASK    (1u << 1)
#define VTIMER_PPI       27
#define SLICE_US         4000            /* round-robin time slice */

extern char boot_stacks[];
void enter_guest_frame(const struct trap_frame *f, uintptr_t stack_top) __noreturn;

static struct vcpu *loaded_on[NR_CPUS];      /* whose state the CPU holds */
static volatile bool need_resched[NR_CPUS];
static uint64_t slice_end[NR_CPUS];

struct vcpu *current_vcpu(void) { return loaded_on[smp_processor_id()]; }

bool vcpu_is_loaded(const struct vcpu *v)
{
    return v && loaded_on[smp_processor_id()] == v;
}

int arch_domain_create(struct domain *d)
{
    static uint8_t next_vmid = 1;
    struct arch_domain *ad = xzalloc_bytes(sizeof(*ad));
    int rc;

    if (!ad)
        return -ENOMEM;
    d->arch = ad;
    rc = p2m_init(&ad->p2m, next_vmid++);
    if (next_vmid == 0)
        next_vmid = 1;
    return rc;
}

int arch_vcpu_create(struct vcpu *v)
{
    struct arch_vcpu *av = xzalloc_bytes(sizeof(*av));

    if (!av)
        return -ENOMEM;
    v->arch = av;
    /* vCPU n -> Aff0 = n % 16, Aff1 = n / 16, as Xen numbers them. */
    av->vmpidr = (1UL << 31) | ((v->vcpu_id >> 4) << 8) | (v->vcpu_id & 0xf);
    av->el1.sctlr = SCTLR_GUEST_INIT;
    av->regs.spsr = VCPU_BOOT_PSR;
    return 0;
}

void vcpu_set_boot_state(struct vcpu *v, uint64_t pc, uint64_t x0)
{
    struct arch_vcpu *av = v->arch;

    memset(&av->regs, 0, sizeof(av->regs));
    av->regs.x[0] = x0;
    av->regs.elr = pc;
    av->regs.spsr = VCPU_BOOT_PSR;
    memset(&av->el1, 0, sizeof(av->el1));
    av->el1.sctlr = SCTLR_GUEST_INIT;
}

/* ---- EL1 state ---- */

#define EL1_REGS(X) \
    X(sctlr, sctlr_el1) X(ttbr0, ttbr0_el1) X(ttbr1, ttbr1_el1) X(tcr, tcr_el1) \
    X(mair, mair_el1) X(amair, amair_el1) X(vbar, vbar_el1) \
    X(contextidr, contextidr_el1) X(tpidr_el0, tpidr_el0) X(tpidrro_el0, tpidrro_el0) \
    X(tpidr_el1, tpidr_el1) X(sp_el0, sp_el0) X(sp_el1, sp_el1) X(elr_el1, elr_el1) \
    X(spsr_el1, spsr_el1) X(esr, esr_el1) X(far, far_el1) X(afsr0, afsr0_el1) \
    X(afsr1, afsr1_el1) X(par, par_el1) X(cpacr, cpacr_el1) X(cntkctl, cntkctl_el1) \
    X(csselr, csselr_el1)

static void save_el1(struct el1_regs *r)
{
#define SAVE(field, reg) r->field = READ_SYSREG(reg);
    EL1_REGS(SAVE)
#undef SAVE
    r->cntv_ctl = READ_SYSREG(cntv_ctl_el0);
    r->cntv_cval = READ_SYSREG(cntv_cval_el0);
    /* Off the CPU, the timer must not fire for the next vCPU. */
    WRITE_SYSREG(0, cntv_ctl_el0);
}

static void load_el1(const struct el1_regs *r)
{
#define LOAD(field, reg) WRITE_SYSREG(r->field, reg);
    EL1_REGS(LOAD)
#undef LOAD
    WRITE_SYSREG(r->cntv_cval, cntv_cval_el0);
    WRITE_SYSREG(r->cntv_ctl, cntv_ctl_el0);
    isb();
}

/* CPU time counts while the vCPU runs, not while the CPU waits for it. */
static void stop_clock(struct vcpu *v)
{
    if (v->run_start) {
        v->cpu_time += arch_counter() - v->run_start;
        v->run_start = 0;
    }
}

static void vcpu_load(struct vcpu *v)
{
    struct arch_vcpu *av = v->arch;

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
    fpsimd_load(&av->fp);
    loaded_on[smp_processor_id()] = v;
    vgic_restore(v);
    v->run_start = arch_counter();
}

static void vcpu_unload(struct vcpu *v)
{
    struct arch_vcpu *av = v->arch;

    vgic_save(v);
    save_el1(&av->el1);
    fpsimd_save(&av->fp);
    stop_clock(v);
    loaded_on[smp_processor_id()] = NULL;
    sched_release(v);                   /* another CPU may take it now */
}

/* ---- timers of vCPUs that are off the CPU ---- */

/* A descheduled vCPU whose virtual timer has expired gets its interrupt. */
static void wake_if_expired(struct vcpu *v, void *now)
{
    struct el1_regs *r = &v->arch->el1;

    if (vcpu_is_loaded(v) || !v->is_up)
        return;
    if ((r->cntv_ctl & (CNT_CTL_ENABLE | CNT_CTL_IMASK)) == CNT_CTL_ENABLE &&
        r->cntv_cval <= *(uint64_t *)now) {
        r->cntv_ctl |= CNT_CTL_IMASK;
        vgic_inject(v->domain, v, VTIMER_PPI);
    }
}

static void check_sleepers(unsigned int cpu)
{
    uint64_t now = arch_counter();

    sched_for_each(cpu, wake_if_expired, &now);
}

struct next_deadline {
    const struct vcpu *running;
    uint64_t at;
};

static void earliest_sleeper(struct vcpu *v, void *arg)
{
    struct next_deadline *n = arg;
    struct el1_regs *r = &v->arch->el1;

    if (v == n->running || !v->is_up)
        return;
    if ((r->cntv_ctl & (CNT_CTL_ENABLE | CNT_CTL_IMASK)) == CNT_CTL_ENABLE)
        n->at = MIN(n->at, r->cntv_cval);
}

/* The EL2 timer fires at the earliest sleeper's deadline or the slice end. */
static void program_timer(unsigned int cpu, struct vcpu *running)
{
    struct next_deadline n = { running, ~0UL };

    sched_for_each(cpu, earliest_sleeper, &n);
    if (running && sched_others_runnable(cpu, running))
        n.at = MIN(n.at, slice_end[cpu]);
    arch_timer_program(n.at);
}

static void sched_tick(void)
{
    unsigned int cpu = smp_processor_id();

    check_sleepers(cpu);
    if (arch_counter() >= slice_end[cpu])
        need_resched[cpu] = true;
}

/* ---- the scheduling loop ---- */

/* Nothing to run: sleep until an interrupt (a kick, a sleeper's deadline),
 * take it, and wake the vCPUs whose timers expired meanwhile. */
static void wait_for_interrupt(unsigned int cpu)
{
    program_timer(cpu, NULL);
    sched_idling(cpu, true);            /* holds no domain while it waits */
    wfi();
    sched_idling(cpu, false);           /* before its interrupts run */
    local_irq_enable();
    local_irq_disable();
    check_sleepers(cpu);
}

void schedule(struct trap_frame *f)
{
    unsigned int cpu = smp_processor_id();
    struct vcpu *prev = loaded_on[cpu], *next;
    bool rotate = need_resched[cpu];

    need_resched[cpu] = false;
    sched_quiescent(cpu);               /* this trap's lookups are over */
    for (;;) {
        next = sched_pick(cpu, loaded_on[cpu], rotate);
        if (!next)
            next = sched_steal(cpu);
        if (next)
            break;
        /* Nothing to run. A vCPU that cannot come back leaves the CPU now,
         * so its timer and interrupt state stop acting here. */
        if (loaded_on[cpu] && !vcpu_runnable(loaded_on[cpu]) && !loaded_on[cpu]->blocked) {
            loaded_on[cpu]->arch->regs = *f;
            vcpu_unload(loaded_on[cpu]);
        }
        if (loaded_on[cpu])
            stop_clock(loaded_on[cpu]);
        wait_for_interrupt(cpu);
    }
    if (next == loaded_on[cpu] && !next->run_start)
        next->run_start = arch_counter();
    if (next != loaded_on[cpu]) {
        if (loaded_on[cpu]) {
            loaded_on[cpu]->arch->regs = *f;
            vcpu_unload(loaded_on[cpu]);
        }
        vcpu_load(next);
        *f = next->arch->regs;
    }
    if (next != prev || rotate)
        slice_end[cpu] = arch_counter() + arch_timer_freq() * SLICE_US / 1000000;
    next->kick = false;
    program_timer(cpu, next);
    vgic_flush(next);
}

/* A CPU that has no trap frame yet: wait for a vCPU, then enter it. */
void cpu_idle_loop(void)
{
    unsigned int cpu = smp_processor_id();
    struct vcpu *v;

    arch_timer_set_tick(sched_tick);
    loaded_on[cpu] = NULL;
    while (!(v = sched_pick(cpu, NULL, false)) && !(v = sched_steal(cpu))) {
        wait_for_interrupt(cpu);
    }
    vcpu_load(v);
    slice_end[cpu] = arch_counter() + arch_timer_freq() * SLICE_US / 1000000;
    program_timer(cpu, v);
    vgic_flush(v);
    enter_guest_frame(&v->arch->regs, (uintptr_t)boot_stacks + (cpu + 1) * STACK_SIZE);
}

void vcpu_go_offline(struct vcpu *v)
{
    __atomic_store_n(&v->is_up, false, __ATOMIC_SEQ_CST);
}

void vcpu_yield(void)
{
    need_resched[smp_processor_id()] = true;
}

/* A CPU waiting for work: none of its vCPUs holds it. */
static bool cpu_idle(unsigned int cpu)
{
    const struct vcpu *w = loaded_on[cpu];

    return !w || w->blocked;
}

void vcpu_kick(struct vcpu *v)
{
    unsigned int cpu = __atomic_load_n(&v->processor, __ATOMIC_ACQUIRE);
    const struct vcpu *holder = loaded_on[cpu];

    v->kick = true;
    /* Its CPU is busy with another vCPU: an idle CPU can take it at once. */
    if (holder && holder != v && !holder->blocked && vcpu_runnable(v)) {
        for (unsigned int c = 0; c < sched_nr_cpus(); c++) {
            if (c != cpu && cpu_idle(c)) {
                if (c != smp_processor_id())
                    gic_send_sgi(c, SGI_KICK);
                break;
            }
        }
    }
    if (cpu != smp_processor_id())
        gic_send_sgi(cpu, SGI_KICK);
}

void domain_sync_off_cpus(struct domain *d)
{
    uint64_t start = arch_counter();

    for (unsigned int i = 0; i < d->max_vcpus; i++)
        vcpu_kick(d->vcpu[i]);
    for (;;) {
        bool busy = false;

        for (unsigned int c = 0; c < NR_CPUS; c++)
            if (c != smp_processor_id() && loaded_on[c] && loaded_on[c]->domain == d)
                busy = true;
        if (!busy)
            return;
        if (arch_counter() - start > 5 * arch_timer_freq()) {
            printk("Xenlet: d%u still on a CPU after 5 s\n", d->domain_id);
            return;
        }
        cpu_relax();
    }
}
