/*
 * arm64 hooks for toolstack-built domains: Xen's fixed guest layout for
 * the vGIC and the event upcall, teardown, and vCPU register state in
 * Xen's vcpu_guest_context format.
 */
#include <asm/cache.h>
#include <asm/domain.h>
#include <drivers/arch_timer.h>
#include <xenlet/domctl.h>
#include <xenlet/errno.h>
#include <xenlet/frame_table.h>
#include <xenlet/mm.h>
#include <string.h>

#define GUEST_GICV3_GICD_BASE  0x03001000UL
#define GUEST_GICV3_GICR0_BASE 0x03020000UL
#define GUEST_GICV3_GICR0_SIZE 0x01000000UL
#define GUEST_EVTCHN_PPI       31
#define GUEST_MAX_SPIS         960
#define GIC_V3                 2

size_t arch_domain_size(void) { return sizeof(struct arch_domain); }
size_t arch_vcpu_size(void) { return sizeof(struct arch_vcpu); }
uint32_t arch_timer_khz(void) { return (uint32_t)(arch_timer_freq() / 1000); }

void arch_flush_frame(uint64_t mfn)
{
    dcache_clean_inval_range(maddr_to_virt(mfn << PAGE_SHIFT), PAGE_SIZE);
}

int arch_domain_configure(struct domain *d, struct arch_create_config *cfg)
{
    if (cfg->gic_version != 0 && cfg->gic_version != GIC_V3)
        return -EOPNOTSUPP;            /* only a virtual GICv3 is offered */
    if (cfg->nr_spis > GUEST_MAX_SPIS)
        return -EINVAL;
    cfg->gic_version = GIC_V3;
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

void arch_domain_destroy(struct domain *d, void (*release)(uint64_t mfn, bool owned_ram))
{
    struct arch_domain *ad = arch_dom(d);
    struct teardown t = { d, release };

    if (!ad)
        return;
    p2m_teardown(&ad->p2m, teardown_leaf, &t);
    vgic_domain_destroy(d);
}

/* Xen's vcpu_guest_context for arm64: offsets of the fields we use. */
#define CTX_FLAGS    0
#define CTX_X0       8
#define CTX_PC       256
#define CTX_CPSR     264
#define CTX_SPSR_EL1 272
#define CTX_SP_EL0   296
#define CTX_SP_EL1   304
#define CTX_ELR_EL1  312
#define CTX_SCTLR    320
#define CTX_TTBCR    328
#define CTX_TTBR0    336
#define CTX_TTBR1    344
#define CTX_SIZE     352

static uint64_t get64(const uint8_t *c, size_t off) { uint64_t v; memcpy(&v, c + off, 8); return v; }
static void put64(uint8_t *c, size_t off, uint64_t v) { memcpy(c + off, &v, 8); }

/* AArch64 EL0t, EL1t or EL1h only. */
static bool mode_ok(uint64_t psr)
{
    uint64_t m = psr & 0x1f;

    return m == 0x0 || m == 0x4 || m == 0x5;
}

int arch_set_vcpu_context(struct vcpu *v, const void *ctxt, size_t len)
{
    const uint8_t *c = ctxt;
    struct arch_vcpu *av = v->arch;

    if (len < CTX_SIZE)
        return -EINVAL;
    if (!mode_ok(get64(c, CTX_CPSR)) || !mode_ok(get64(c, CTX_SPSR_EL1) & 0xffffffff))
        return -EINVAL;
    memset(&av->regs, 0, sizeof(av->regs));
    memset(&av->el1, 0, sizeof(av->el1));
    for (unsigned int i = 0; i < 31; i++)
        av->regs.x[i] = get64(c, CTX_X0 + 8 * i);
    av->regs.elr = get64(c, CTX_PC);
    av->regs.spsr = get64(c, CTX_CPSR);
    av->el1.spsr_el1 = get64(c, CTX_SPSR_EL1) & 0xffffffff;
    av->el1.sp_el0 = get64(c, CTX_SP_EL0);
    av->el1.sp_el1 = get64(c, CTX_SP_EL1);
    av->el1.elr_el1 = get64(c, CTX_ELR_EL1);
    av->el1.sctlr = get64(c, CTX_SCTLR);
    av->el1.tcr = get64(c, CTX_TTBCR);
    av->el1.ttbr0 = get64(c, CTX_TTBR0);
    av->el1.ttbr1 = get64(c, CTX_TTBR1);
    return 0;
}

int arch_get_vcpu_context(struct vcpu *v, void *ctxt, size_t len)
{
    uint8_t *c = ctxt;
    struct arch_vcpu *av = v->arch;

    if (len < CTX_SIZE)
        return -EINVAL;
    memset(c, 0, CTX_SIZE);
    put64(c, CTX_FLAGS, v->is_up ? 1 : 0);
    for (unsigned int i = 0; i < 31; i++)
        put64(c, CTX_X0 + 8 * i, av->regs.x[i]);
    put64(c, CTX_PC, av->regs.elr);
    put64(c, CTX_CPSR, av->regs.spsr);
    put64(c, CTX_SPSR_EL1, av->el1.spsr_el1);
    put64(c, CTX_SP_EL0, av->el1.sp_el0);
    put64(c, CTX_SP_EL1, av->el1.sp_el1);
    put64(c, CTX_ELR_EL1, av->el1.elr_el1);
    put64(c, CTX_SCTLR, av->el1.sctlr);
    put64(c, CTX_TTBCR, av->el1.tcr);
    put64(c, CTX_TTBR0, av->el1.ttbr0);
    put64(c, CTX_TTBR1, av->el1.ttbr1);
    return 0;
}
