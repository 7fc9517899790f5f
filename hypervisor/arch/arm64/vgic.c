/*
 * The virtual GICv3. The distributor and redistributors are emulated on
 * stage-2 faults; interrupts reach the vCPU through the list registers of
 * the physical CPU interface (ICH_*), which the guest drives directly via
 * the virtual ICC registers. One lock per domain guards all of its state.
 */
#include <asm/cpu.h>
#include <asm/domain.h>
#include <asm/irq.h>
#include <asm/sysregs.h>
#include <drivers/gicv3.h>
#include <xenlet/errno.h>
#include <xenlet/event.h>
#include <xenlet/lib.h>
#include <string.h>

#define LR_FREE          0xffff
#define LR_STATE_PENDING (1UL << 62)
#define LR_STATE_ACTIVE  (2UL << 62)
#define LR_HW            (1UL << 61)
#define LR_GROUP1        (1UL << 60)
#define LR_PRIO_SHIFT    48
#define LR_PINTID_SHIFT  32

#define GICD_CTLR        0x0000
#define GICD_TYPER       0x0004
#define GICD_IIDR        0x0008
#define GICD_IGROUPR     0x0080
#define GICD_ISENABLER   0x0100
#define GICD_ICENABLER   0x0180
#define GICD_ISPENDR     0x0200
#define GICD_ICPENDR     0x0280
#define GICD_ISACTIVER   0x0300
#define GICD_ICACTIVER   0x0380
#define GICD_IPRIORITYR  0x0400
#define GICD_ICFGR       0x0c00
#define GICD_IROUTER     0x6000
#define GICD_PIDR2       0xffe8
#define GICD_CTLR_ARE_NS (1u << 4)
#define PIDR2_GICV3      0x3b

#define GICR_CTLR        0x0000
#define GICR_IIDR        0x0004
#define GICR_TYPER       0x0008
#define GICR_WAKER       0x0014
#define GICR_SGI         0x10000
#define IIDR_ARM         0x0000043b

static struct domain *spi_owner[VGIC_MAX_IRQS];
static unsigned int nr_lrs;

/* ---- list registers (their numbers are part of the instruction) ---- */

#define LR_CASE(n, crm, op2)                                  \
    case n:                                                   \
        if (write) {                                          \
            WRITE_SYSREG(val, S3_4_C12_##crm##_##op2);        \
        } else {                                              \
            val = READ_SYSREG(S3_4_C12_##crm##_##op2);        \
        }                                                     \
        break;

static uint64_t lr_access(unsigned int i, bool write, uint64_t val)
{
    switch (i) {
    LR_CASE(0, C12, 0) LR_CASE(1, C12, 1) LR_CASE(2, C12, 2) LR_CASE(3, C12, 3)
    LR_CASE(4, C12, 4) LR_CASE(5, C12, 5) LR_CASE(6, C12, 6) LR_CASE(7, C12, 7)
    LR_CASE(8, C13, 0) LR_CASE(9, C13, 1) LR_CASE(10, C13, 2) LR_CASE(11, C13, 3)
    LR_CASE(12, C13, 4) LR_CASE(13, C13, 5) LR_CASE(14, C13, 6) LR_CASE(15, C13, 7)
    }
    return val;
}

static uint64_t read_lr(unsigned int i) { return lr_access(i, false, 0); }
static void write_lr(unsigned int i, uint64_t v) { lr_access(i, true, v); }

void vgic_restore(struct vcpu *v)
{
    struct vgic_cpu *c = &v->arch->vgic;

    if (!nr_lrs)
        nr_lrs = MIN((READ_SYSREG(S3_4_C12_C11_1) & 0x1f) + 1, (uint64_t)VGIC_MAX_LRS);
    for (unsigned int i = 0; i < nr_lrs; i++)
        write_lr(i, c->lr_irq[i] == LR_FREE ? 0 : c->lr_val[i]);
    WRITE_SYSREG(c->vmcr, S3_4_C12_C11_7);                  /* ICH_VMCR_EL2 */
    WRITE_SYSREG(c->ap1r0, S3_4_C12_C9_0);                  /* ICH_AP1R0_EL2 */
    WRITE_SYSREG(1, S3_4_C12_C11_0);                        /* ICH_HCR_EL2.En */
    isb();
}

void vgic_save(struct vcpu *v)
{
    struct vgic_cpu *c = &v->arch->vgic;

    vgic_sync(v);
    for (unsigned int i = 0; i < nr_lrs; i++) {
        c->lr_val[i] = c->lr_irq[i] == LR_FREE ? 0 : read_lr(i);
        write_lr(i, 0);
    }
    c->vmcr = READ_SYSREG(S3_4_C12_C11_7);
    c->ap1r0 = READ_SYSREG(S3_4_C12_C9_0);
    WRITE_SYSREG(0, S3_4_C12_C11_0);
    isb();
}

/* ---- state ---- */

int vgic_domain_init(struct domain *d, paddr_t dbase, paddr_t rbase, uint64_t rsize,
                     unsigned int nr_spis)
{
    struct vgic_dist *g = &arch_dom(d)->vgic;

    if (nr_spis > VGIC_MAX_IRQS - 32 - 4)
        return -EINVAL;
    g->dbase = dbase;
    g->rbase = rbase;
    g->rsize = rsize;
    g->rstride = 0x20000;
    g->nr_spis = nr_spis;
    g->gen = 1;                       /* vCPUs start at idle_gen 0: scan once */
    if (nr_spis) {
        g->spis = xzalloc_bytes(nr_spis * sizeof(struct vgic_irq));
        if (!g->spis)
            return -ENOMEM;
    }
    for (unsigned int i = 0; i < nr_spis; i++) {
        g->spis[i].level = true;
        g->spis[i].priority = 0xa0;
    }
    for (unsigned int i = 0; i < d->max_vcpus; i++)
        vgic_vcpu_init(d->vcpu[i]);
    return 0;
}

void vgic_vcpu_init(struct vcpu *v)
{
    struct vgic_cpu *c = &v->arch->vgic;

    for (unsigned int i = 0; i < VGIC_NR_PRIVATE; i++) {
        c->priv[i].level = i >= 16;         /* SGIs are edge, PPIs level by default */
        c->priv[i].priority = 0xa0;
    }
    c->sleeping = true;
    for (unsigned int i = 0; i < VGIC_MAX_LRS; i++)
        c->lr_irq[i] = LR_FREE;
    /* Group 1 enabled at reset is the guest's choice: leave VMCR zero. */
}

static struct vgic_irq *irq_of(struct domain *d, struct vcpu *v, unsigned int intid)
{
    struct vgic_dist *g = &arch_dom(d)->vgic;

    if (intid < VGIC_NR_PRIVATE)
        return v ? &v->arch->vgic.priv[intid] : NULL;
    if (intid - 32 < g->nr_spis)
        return &g->spis[intid - 32];
    return NULL;
}

static struct vcpu *spi_target(struct domain *d, struct vgic_irq *irq)
{
    return d->vcpu[irq->target < d->max_vcpus ? irq->target : 0];
}

void vgic_inject(struct domain *d, struct vcpu *v, unsigned int intid)
{
    struct vgic_dist *g = &arch_dom(d)->vgic;
    struct vgic_irq *irq;
    struct vcpu *target;

    spin_lock(&g->lock);
    irq = irq_of(d, v, intid);
    if (!irq) {
        spin_unlock(&g->lock);
        return;
    }
    irq->pending = true;
    g->gen++;
    target = intid < 32 ? v : spi_target(d, irq);
    spin_unlock(&g->lock);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (target != current_vcpu() || target->blocked)
        vcpu_wake(target);
}

void vgic_send_sgi(struct vcpu *v, uint64_t sgir)
{
    struct domain *d = v->domain;
    unsigned int intid = (sgir >> 24) & 0xf;
    uint64_t aff = (((sgir >> 48) & 0xff) << 32) | (((sgir >> 32) & 0xff) << 16) |
                   (((sgir >> 16) & 0xff) << 8);
    unsigned int rs = (sgir >> 44) & 0xf;

    for (unsigned int i = 0; i < d->max_vcpus; i++) {
        struct vcpu *t = d->vcpu[i];
        uint64_t m = t->arch->vmpidr & 0xff00ffffffUL;

        if (sgir & (1UL << 40)) {                   /* IRM: everyone else */
            if (t == v)
                continue;
        } else {
            unsigned int aff0 = m & 0xff;

            if ((m & ~0xffUL) != aff || aff0 / 16 != rs || !(sgir & (1u << (aff0 % 16))))
                continue;
        }
        vgic_inject(d, t, intid);
    }
}

static void hw_spi_handler(unsigned int intid, void *data)
{
    (void)data;
    vgic_hw_irq(intid);
}

int vgic_route_spi(struct domain *d, unsigned int intid)
{
    struct vgic_irq *irq = irq_of(d, NULL, intid);

    if (!irq || intid < 32 || (spi_owner[intid] && spi_owner[intid] != d))
        return -EBUSY;
    irq->hw = true;
    spi_owner[intid] = d;
    irq_set_forwarded(intid, true);
    return irq_register(intid, hw_spi_handler, NULL);
}

void vgic_hw_irq(unsigned int intid)
{
    struct domain *d = spi_owner[intid];

    if (d)
        vgic_inject(d, NULL, intid);
}

/* ---- list register flush and sync around guest execution ---- */

static bool deliverable(const struct vgic_irq *irq)
{
    return irq->pending && irq->enabled && !irq->in_lr;
}

/* The best pending interrupt for @v (lowest priority value), or 0xffff. */
static unsigned int best_pending(struct domain *d, struct vcpu *v)
{
    struct vgic_dist *g = &arch_dom(d)->vgic;
    unsigned int best = LR_FREE, prio = 0x100;

    for (unsigned int i = 0; i < VGIC_NR_PRIVATE; i++) {
        const struct vgic_irq *irq = &v->arch->vgic.priv[i];

        if (deliverable(irq) && irq->priority < prio) {
            best = i;
            prio = irq->priority;
        }
    }
    if (!(g->ctlr & 2))                 /* EnableGrp1 off: no SPIs */
        return best;
    for (unsigned int i = 0; i < g->nr_spis; i++) {
        const struct vgic_irq *irq = &g->spis[i];

        if (deliverable(irq) && irq->priority < prio && spi_target(d, &g->spis[i]) == v) {
            best = 32 + i;
            prio = irq->priority;
        }
    }
    return best;
}

/* best_pending(), skipping the scan while nothing changed since the last one
 * came back empty: every trap ends in vgic_flush(), and dom0 has hundreds of
 * SPIs to look through. */
static unsigned int next_pending(struct domain *d, struct vcpu *v)
{
    struct vgic_dist *g = &arch_dom(d)->vgic;
    struct vgic_cpu *c = &v->arch->vgic;
    unsigned int intid;

    if (c->idle_gen == g->gen)
        return LR_FREE;
    intid = best_pending(d, v);
    if (intid == LR_FREE)
        c->idle_gen = g->gen;
    return intid;
}

void vgic_flush(struct vcpu *v)
{
    struct domain *d = v->domain;
    struct vgic_dist *g = &arch_dom(d)->vgic;
    struct vgic_cpu *c = &v->arch->vgic;

    spin_lock(&g->lock);
    for (unsigned int i = 0; i < nr_lrs; i++) {
        unsigned int intid;
        struct vgic_irq *irq;
        uint64_t lr;

        if (c->lr_irq[i] != LR_FREE)
            continue;
        intid = next_pending(d, v);
        if (intid == LR_FREE)
            break;
        irq = irq_of(d, v, intid);
        lr = intid | ((uint64_t)irq->priority << LR_PRIO_SHIFT) | LR_GROUP1 | LR_STATE_PENDING;
        if (irq->hw)
            lr |= LR_HW | ((uint64_t)intid << LR_PINTID_SHIFT);
        write_lr(i, lr);
        irq->in_lr = true;
        irq->pending = false;
        c->lr_irq[i] = intid;
    }
    spin_unlock(&g->lock);
    isb();
}

void vgic_sync(struct vcpu *v)
{
    struct domain *d = v->domain;
    struct vgic_dist *g = &arch_dom(d)->vgic;
    struct vgic_cpu *c = &v->arch->vgic;

    spin_lock(&g->lock);
    for (unsigned int i = 0; i < nr_lrs; i++) {
        struct vgic_irq *irq;

        if (c->lr_irq[i] == LR_FREE)
            continue;
        if (read_lr(i) & (LR_STATE_PENDING | LR_STATE_ACTIVE))
            continue;                   /* the guest is not done with it */
        irq = irq_of(d, v, c->lr_irq[i]);
        if (irq) {
            irq->in_lr = false;
            if (irq->pending)           /* raised again while in the LR */
                g->gen++;
        }
        c->lr_irq[i] = LR_FREE;
    }
    spin_unlock(&g->lock);
}

bool vgic_has_pending(struct vcpu *v)
{
    struct domain *d = v->domain;
    struct vgic_dist *g = &arch_dom(d)->vgic;
    bool any;

    for (unsigned int i = 0; i < nr_lrs; i++) {
        uint64_t lr = vcpu_is_loaded(v) ? read_lr(i)
                      : v->arch->vgic.lr_irq[i] == LR_FREE ? 0 : v->arch->vgic.lr_val[i];

        if (lr & LR_STATE_PENDING)
            return true;
    }
    spin_lock(&g->lock);
    any = next_pending(d, v) != LR_FREE;
    spin_unlock(&g->lock);
    return any;
}

/* ---- MMIO emulation ---- */

/* Registers with one bit per interrupt, 32 interrupts per word. */
static uint64_t bits_read(struct domain *d, struct vcpu *v, unsigned int first,
                          size_t field)
{
    uint64_t val = 0;

    for (unsigned int b = 0; b < 32; b++) {
        struct vgic_irq *irq = irq_of(d, v, first + b);

        if (irq && *(bool *)((char *)irq + field))
            val |= 1UL << b;
    }
    return val;
}

static void bits_write(struct domain *d, struct vcpu *v, unsigned int first, size_t field,
                       uint32_t val, bool set)
{
    for (unsigned int b = 0; b < 32; b++) {
        struct vgic_irq *irq = irq_of(d, v, first + b);

        if (!irq || !(val & (1u << b)))
            continue;
        *(bool *)((char *)irq + field) = set;
        if (field == offsetof(struct vgic_irq, enabled) && irq->hw)
            gic_enable_spi(first + b, set);
    }
}

/*
 * The registers the distributor (SPIs) and a redistributor's SGI frame
 * (SGIs and PPIs) share, at the same offsets. @v is NULL for SPIs.
 */
static bool irq_regs(struct domain *d, struct vcpu *v, unsigned int off, bool write,
                     unsigned int size, uint64_t *val, unsigned int base_intid)
{
    unsigned int n;

    if (off >= GICD_IGROUPR && off < GICD_ISENABLER) {
        if (!write)
            *val = 0xffffffff;          /* all Group 1 */
        return true;
    }
    if (off >= GICD_ISENABLER && off < GICD_ISPENDR) {
        n = base_intid + ((off & 0x7f) / 4) * 32;
        if (write)
            bits_write(d, v, n, offsetof(struct vgic_irq, enabled), (uint32_t)*val,
                       off < GICD_ICENABLER);
        else
            *val = bits_read(d, v, n, offsetof(struct vgic_irq, enabled));
        return true;
    }
    if (off >= GICD_ISPENDR && off < GICD_ISACTIVER) {
        n = base_intid + ((off & 0x7f) / 4) * 32;
        if (write)
            bits_write(d, v, n, offsetof(struct vgic_irq, pending), (uint32_t)*val,
                       off < GICD_ICPENDR);
        else
            *val = bits_read(d, v, n, offsetof(struct vgic_irq, pending));
        return true;
    }
    if (off >= GICD_ISACTIVER && off < GICD_IPRIORITYR) {
        if (!write)
            *val = 0;
        return true;
    }
    if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 1020) {
        n = base_intid + (off - GICD_IPRIORITYR);
        for (unsigned int i = 0; i < size; i++) {
            struct vgic_irq *irq = irq_of(d, v, n + i);

            if (!irq)
                continue;
            if (write)
                irq->priority = (uint8_t)(*val >> (8 * i)) & 0xf8;
            else
                *val |= (uint64_t)irq->priority << (8 * i);
        }
        return true;
    }
    if (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100) {
        n = base_intid + ((off - GICD_ICFGR) / 4) * 16;
        for (unsigned int i = 0; i < 16; i++) {
            struct vgic_irq *irq = irq_of(d, v, n + i);

            if (!irq)
                continue;
            if (write && n + i >= 16)   /* SGIs are always edge */
                irq->level = !(*val & (2u << (2 * i)));
            else if (!write && !irq->level)
                *val |= 2u << (2 * i);
        }
        return true;
    }
    if (!write)
        *val = 0;                       /* the rest: RAZ/WI */
    return true;
}

static bool dist_access(struct domain *d, unsigned int off, bool write, unsigned int size,
                        uint64_t *val)
{
    struct vgic_dist *g = &arch_dom(d)->vgic;

    switch (off) {
    case GICD_CTLR:
        if (write)
            g->ctlr = (uint32_t)*val & 0x3;
        else
            *val = g->ctlr | GICD_CTLR_ARE_NS;
        return true;
    case GICD_TYPER:
        /* ITLinesNumber, 10 bits of INTID, no LPIs. */
        if (!write)
            *val = ((g->nr_spis + 32) / 32 - 1) | (9u << 19);
        return true;
    case GICD_IIDR:
        if (!write)
            *val = IIDR_ARM;
        return true;
    case GICD_PIDR2:
        if (!write)
            *val = PIDR2_GICV3;
        return true;
    }
    if (off >= GICD_IROUTER + 8 * 32 && off < GICD_IROUTER + 8 * 1020) {
        struct vgic_irq *irq = irq_of(d, NULL, (off - GICD_IROUTER) / 8);

        if (!irq)
            return true;
        if (write) {
            uint64_t aff = *val & 0xff00ffffffUL;

            irq->irouter = aff;
            irq->target = 0;
            for (unsigned int i = 0; i < d->max_vcpus; i++)
                if ((d->vcpu[i]->arch->vmpidr & 0xff00ffffffUL) == (aff & 0xff00ffffffUL))
                    irq->target = (uint8_t)i;
        } else {
            *val = irq->irouter;
        }
        return true;
    }
    /* Interrupts 0-31 live in the redistributors once ARE is set: their
     * words here read as zero and ignore writes, as do unknown registers. */
    if (off < GICD_IGROUPR ||
        (off < GICD_IPRIORITYR && (off & 0x7f) < 4) ||
        (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 32) ||
        (off >= GICD_ICFGR && off < GICD_ICFGR + 8)) {
        if (!write)
            *val = 0;
        return true;
    }
    return irq_regs(d, NULL, off, write, size, val, 0);
}

static bool redist_access(struct vcpu *v, unsigned int off, bool write, unsigned int size,
                          uint64_t *val)
{
    struct domain *d = v->domain;
    struct vgic_cpu *c = &v->arch->vgic;

    if (off >= GICR_SGI)
        return irq_regs(d, v, off - GICR_SGI, write, size, val, 0);
    switch (off) {
    case GICR_TYPER:
        if (!write) {
            uint64_t m = v->arch->vmpidr;
            uint64_t aff = (m & 0xffffff) | (((m >> 32) & 0xff) << 24);

            *val = (aff << 32) | ((uint64_t)v->vcpu_id << 8) |
                   (v->vcpu_id == d->max_vcpus - 1 ? (1u << 4) : 0);
        }
        return true;
    case GICR_TYPER + 4:
        if (!write) {
            uint64_t m = v->arch->vmpidr;

            *val = (m & 0xffffff) | (((m >> 32) & 0xff) << 24);
        }
        return true;
    case GICR_WAKER:
        if (write)
            c->sleeping = *val & 2;
        else
            *val = c->sleeping ? 6 : 0;
        return true;
    case GICR_IIDR:
        if (!write)
            *val = IIDR_ARM;
        return true;
    case GICD_PIDR2:
        if (!write)
            *val = PIDR2_GICV3;
        return true;
    default:
        if (!write)
            *val = 0;
        return true;
    }
}

bool vgic_mmio(struct vcpu *v, paddr_t gpa, bool write, unsigned int size, uint64_t *val)
{
    struct domain *d = v->domain;
    struct vgic_dist *g = &arch_dom(d)->vgic;
    bool ok = false;

    if (gpa >= g->dbase && gpa < g->dbase + 0x10000) {
        spin_lock(&g->lock);
        ok = dist_access(d, (unsigned int)(gpa - g->dbase), write, size, val);
        g->gen += write;                /* enables, pending bits, routing, CTLR */
        spin_unlock(&g->lock);
    } else if (gpa >= g->rbase && gpa < g->rbase + g->rsize) {
        unsigned int idx = (unsigned int)((gpa - g->rbase) / g->rstride);

        if (idx >= d->max_vcpus) {
            if (!write)
                *val = 0;               /* frames past the last vCPU: RAZ/WI */
            return true;
        }
        spin_lock(&g->lock);
        ok = redist_access(d->vcpu[idx], (unsigned int)((gpa - g->rbase) % g->rstride),
                           write, size, val);
        g->gen += write;
        spin_unlock(&g->lock);
    }
    return ok;
}

void arch_evtchn_upcall(struct vcpu *v)
{
    vgic_inject(v->domain, v, arch_dom(v->domain)->evtchn_ppi);
}

void vgic_domain_destroy(struct domain *d)
{
    struct vgic_dist *g = &arch_dom(d)->vgic;

    for (unsigned int i = 0; i < VGIC_MAX_IRQS; i++) {
        if (spi_owner[i] == d) {
            spi_owner[i] = NULL;
            gic_enable_spi(i, false);
            irq_set_forwarded(i, false);
        }
    }
    xfree_bytes(g->spis, g->nr_spis * sizeof(struct vgic_irq));
    g->spis = NULL;
    g->nr_spis = 0;
}
