/*
 * arm64 hooks for toolstack-built domains: Xen's fixed guest layout for
 * the vGIC and the event upcall, teardown, and vCPU register state in
 * Xen's vcpu_guest_context format.
 */
#include <asm/cache.h>
#include <asm/domain.h>
#include <drivers/arch_timer.h>
#include <public/arch-arm.h>
#include <xenlet/domctl.h>
#include <xenlet/errno.h>
#include <xenlet/frame_table.h>
#include <xenlet/mm.h>
#include <string.h>

#define GUEST_MAX_SPIS         960     /* the vGIC's limit, not an ABI figure */

size_t arch_domain_size(void) { return sizeof(struct arch_domain); }
size_t arch_vcpu_size(void) { return sizeof(struct arch_vcpu); }
uint32_t arch_timer_khz(void) { return (uint32_t)(arch_timer_freq() / 1000); }

void arch_flush_frame(uint64_t mfn)
{
    dcache_clean_inval_range(maddr_to_virt(mfn << PAGE_SHIFT), PAGE_SIZE);
}

int arch_domain_configure(struct domain *d, struct xen_arch_domainconfig *cfg)
{
    if (cfg->gic_version != XEN_DOMCTL_CONFIG_GIC_NATIVE &&
        cfg->gic_version != XEN_DOMCTL_CONFIG_GIC_V3)
        return -EOPNOTSUPP;            /* only a virtual GICv3 is offered */
    if (cfg->nr_spis > GUEST_MAX_SPIS)
        return -EINVAL;
    cfg->gic_version = XEN_DOMCTL_CONFIG_GIC_V3;
    cfg->clock_frequency = 0;          /* the DT's timer has none: guests read CNTFRQ */
    arch_dom(d)->evtchn_ppi = GUEST_EVTCHN_PPI;
    return vgic_domain_init(d, GUEST_GICV3_GICD_BASE, GUEST_GICV3_GICR0_BASE,
                            GUEST_GICV3_GICR0_SIZE, ROUND_UP(cfg->nr_spis, 32));
}

struct teardown { struct domain *d; void (*release)(uint64_t, bool); };

static void teardown_leaf(uint64_t mfn, void *data)
{
    struct teardown *t = data;

    t->release(mfn, page_owner(mfn) == t->d->domain_id);
}

bool arch_domain_release_memory(struct domain *d, void (*release)(uint64_t mfn, bool owned_ram),
                                uint64_t budget)
{
    struct arch_domain *ad = arch_dom(d);
    struct teardown t = { d, release };
    struct p2m_teardown td = { teardown_leaf, &t, budget };

    return !ad || p2m_teardown_some(&ad->p2m, &td);
}

void arch_domain_destroy(struct domain *d)
{
    if (arch_dom(d))
        vgic_domain_destroy(d);
}

/* AArch64 EL0t, EL1t or EL1h only. */
static bool mode_ok(uint64_t psr)
{
    uint64_t m = psr & 0x1f;

    return m == PSR_MODE_EL0t || m == PSR_MODE_EL1t || m == PSR_MODE_EL1h;
}

/* x0..x30 lead vcpu_guest_core_regs, in the order of trap_frame.x[]. */
_Static_assert(offsetof(struct vcpu_guest_core_regs, x30) == 30 * sizeof(uint64_t),
               "x0..x30 are contiguous");

int arch_set_vcpu_context(struct vcpu *v, const struct vcpu_guest_context *c)
{
    struct arch_vcpu *av = v->arch;

    if (!mode_ok(c->user_regs.cpsr) || !mode_ok(c->user_regs.spsr_el1 & 0xffffffff))
        return -EINVAL;
    memset(&av->regs, 0, sizeof(av->regs));
    memset(&av->el1, 0, sizeof(av->el1));
    memcpy(av->regs.x, &c->user_regs, sizeof(av->regs.x));
    av->regs.elr = c->user_regs.pc64;
    av->regs.spsr = c->user_regs.cpsr;
    av->el1.spsr_el1 = c->user_regs.spsr_el1 & 0xffffffff;
    av->el1.sp_el0 = c->user_regs.sp_el0;
    av->el1.sp_el1 = c->user_regs.sp_el1;
    av->el1.elr_el1 = c->user_regs.elr_el1;
    av->el1.sctlr = c->sctlr;
    av->el1.tcr = c->ttbcr;
    av->el1.ttbr0 = c->ttbr0;
    av->el1.ttbr1 = c->ttbr1;
    return 0;
}

int arch_get_vcpu_context(struct vcpu *v, struct vcpu_guest_context *c)
{
    struct arch_vcpu *av = v->arch;

    memset(c, 0, sizeof(*c));
    c->flags = v->is_up ? VGCF_online : 0;
    memcpy(&c->user_regs, av->regs.x, sizeof(av->regs.x));
    c->user_regs.pc64 = av->regs.elr;
    c->user_regs.cpsr = av->regs.spsr;
    c->user_regs.spsr_el1 = av->el1.spsr_el1;
    c->user_regs.sp_el0 = av->el1.sp_el0;
    c->user_regs.sp_el1 = av->el1.sp_el1;
    c->user_regs.elr_el1 = av->el1.elr_el1;
    c->sctlr = av->el1.sctlr;
    c->ttbcr = av->el1.tcr;
    c->ttbr0 = av->el1.ttbr0;
    c->ttbr1 = av->el1.ttbr1;
    return 0;
}
