/* The arm64 parts of a domain and a vCPU. Only arch code looks inside. */
#ifndef ASM_DOMAIN_H
#define ASM_DOMAIN_H

#include <asm/p2m.h>
#include <asm/traps.h>
#include <asm/vgic.h>
#include <xenlet/sched.h>

struct arch_domain {
    struct p2m p2m;
    struct vgic_dist vgic;
    unsigned int evtchn_ppi;          /* event-channel upcall INTID */
};

/* EL1 state that the hardware holds while the vCPU runs. */
struct el1_regs {
    uint64_t sctlr, ttbr0, ttbr1, tcr, mair, amair, vbar, contextidr;
    uint64_t tpidr_el0, tpidrro_el0, tpidr_el1, sp_el0, sp_el1, elr_el1, spsr_el1;
    uint64_t esr, far, afsr0, afsr1, par, cpacr, cntkctl, csselr;
    uint64_t cntv_ctl, cntv_cval;
};

struct fpsimd_state {
    __uint128_t q[32];
    uint32_t fpsr, fpcr;
} __aligned(16);

struct arch_vcpu {
    struct fpsimd_state fp;           /* first: 16-byte aligned */
    struct trap_frame regs;           /* x0-x30, pc (elr), pstate (spsr) */
    struct el1_regs el1;
    struct vgic_cpu vgic;
    uint64_t vmpidr;
};

void fpsimd_save(struct fpsimd_state *s);
void fpsimd_load(const struct fpsimd_state *s);

static inline struct arch_domain *arch_dom(struct domain *d) { return d->arch; }

/* Pick what runs next on this CPU and switch to it through the trap frame
 * @f (which then belongs to the chosen vCPU). Waits while nothing can run. */
void schedule(struct trap_frame *f);
/* Is @v's state in this CPU's registers? */
bool vcpu_is_loaded(const struct vcpu *v);
/* Boot state for a vCPU: PC, x0, EL1h with DAIF masked, MMU off. */
void vcpu_set_boot_state(struct vcpu *v, uint64_t pc, uint64_t x0);
/* Handle a trap from the guest running here; returns to it afterwards. */
void guest_trap(struct trap_frame *f, unsigned int vector);
void inject_undef(struct trap_frame *f);
/* PSCI CPU_OFF: the calling vCPU stops (takes effect at the next schedule()). */
void vcpu_go_offline(struct vcpu *v);
/* What a physical CPU does when it has no vCPU to run. */
void cpu_idle_loop(void) __noreturn;

/* PSCI and SMCCC calls from guests (HVC #0 or SMC). */
void vpsci_call(struct vcpu *v, struct trap_frame *f);
/* The virtual timer's physical PPI. */
void vtimer_init(void);
void vtimer_cpu_init(void);

#endif
