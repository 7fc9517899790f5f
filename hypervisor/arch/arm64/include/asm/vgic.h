/*
 * The virtual GICv3 each domain sees: an emulated distributor and one
 * redistributor per vCPU (MMIO traps), with the CPU interface virtualised
 * by the hardware's list registers.
 */
#ifndef ASM_VGIC_H
#define ASM_VGIC_H

#include <asm/spinlock.h>
#include <xenlet/types.h>

#define VGIC_MAX_IRQS     1024     /* INTIDs 0..1019 are real; no LPIs */
#define VGIC_NR_PRIVATE   32
#define VGIC_MAX_LRS      16

struct domain;
struct vcpu;

/* State of one interrupt as the guest programmed it. */
struct vgic_irq {
    uint8_t priority;
    bool enabled;
    bool pending;
    bool in_lr;          /* queued in a list register of its target */
    bool level;          /* level-sensitive (ICFGR bit clear) */
    bool hw;             /* a physical SPI handed to this domain */
    uint8_t target;      /* SPIs: the vCPU IROUTER names */
    uint64_t irouter;
};

struct vgic_dist {
    spinlock_t lock;                  /* every vgic_irq of the domain, LR shadows */
    uint32_t ctlr;
    unsigned int nr_spis;
    paddr_t dbase;                    /* distributor, guest physical */
    paddr_t rbase;                    /* redistributor region, guest physical */
    uint64_t rsize;
    uint32_t rstride;                 /* bytes per vCPU redistributor */
    struct vgic_irq *spis;            /* nr_spis entries */
    unsigned int gen;                 /* bumped when an interrupt may have become deliverable */
};

struct vgic_cpu {
    struct vgic_irq priv[VGIC_NR_PRIVATE];
    uint16_t lr_irq[VGIC_MAX_LRS];    /* INTID in each LR, 0xffff = free */
    uint64_t lr_val[VGIC_MAX_LRS];    /* saved LRs while not on a CPU */
    uint64_t ap1r0;
    bool sleeping;                    /* GICR_WAKER.ProcessorSleep */
    uint64_t vmcr;                    /* ICH_VMCR_EL2 while not loaded */
    unsigned int idle_gen;            /* dist gen when a scan last found nothing */
};

int vgic_domain_init(struct domain *d, paddr_t dbase, paddr_t rbase, uint64_t rsize,
                     unsigned int nr_spis);
void vgic_vcpu_init(struct vcpu *v);
void vgic_domain_destroy(struct domain *d);
/* MMIO access to the distributor or a redistributor; false if not ours. */
bool vgic_mmio(struct vcpu *v, paddr_t gpa, bool write, unsigned int size, uint64_t *val);
/* Make @intid pending for @v (private) or its routed target (SPI). */
void vgic_inject(struct domain *d, struct vcpu *v, unsigned int intid);
/* A guest write to ICC_SGI1R_EL1. */
void vgic_send_sgi(struct vcpu *v, uint64_t sgir);
/* Route physical SPI @intid to @d (1:1 INTID). */
int vgic_route_spi(struct domain *d, unsigned int intid);
/* Around guest execution: fill list registers, then account for what the guest handled. */
void vgic_flush(struct vcpu *v);
void vgic_sync(struct vcpu *v);
bool vgic_has_pending(struct vcpu *v);
/* A physical SPI the domain owns has fired. */
void vgic_hw_irq(unsigned int intid);
/* Context switch: park and restore the vCPU interface state. */
void vgic_save(struct vcpu *v);
void vgic_restore(struct vcpu *v);

#endif
