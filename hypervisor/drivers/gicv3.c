/*
 * GICv3 physical driver. All interrupts are Group 1 non-secure, routed by
 * affinity (ARE). The hypervisor uses the system-register CPU interface.
 */
#include <asm/cpu.h>
#include <asm/mmu.h>
#include <asm/sysregs.h>
#include <drivers/gicv3.h>
#include <xenlet/errno.h>
#include <xenlet/lib.h>

#define GICD_CTLR        0x0000
#define GICD_TYPER       0x0004
#define GICD_IGROUPR     0x0080
#define GICD_ICENABLER   0x0180
#define GICD_ICPENDR     0x0280
#define GICD_IPRIORITYR  0x0400
#define GICD_ICFGR       0x0c00
#define GICD_IROUTER     0x6000
#define GICD_PIDR2       0xffe8
#define GICD_CTLR_RWP    (1u << 31)
#define GICD_CTLR_ARE    (1u << 4)
#define GICD_CTLR_GRP1   (1u << 1)

#define GICR_TYPER       0x0008
#define GICR_WAKER       0x0014
#define GICR_TYPER_LAST  (1u << 4)
#define GICR_TYPER_VLPIS (1u << 1)
#define GICR_WAKER_SLEEP (1u << 1)
#define GICR_WAKER_ASLEEP (1u << 2)
#define GICR_SGI_BASE    0x10000
#define GICR_IGROUPR0    (GICR_SGI_BASE + 0x0080)
#define GICR_ISENABLER0  (GICR_SGI_BASE + 0x0100)
#define GICR_ICENABLER0  (GICR_SGI_BASE + 0x0180)
#define GICR_IPRIORITYR  (GICR_SGI_BASE + 0x0400)

#define DEFAULT_PRIORITY 0xa0
#define SPIN_LIMIT       10000000

static uintptr_t dist;
static const struct boot_info *binfo;
static unsigned int nr_lines;
static uintptr_t cpu_redist[NR_CPUS];

static inline uint32_t rd32(uintptr_t a) { return *(volatile uint32_t *)a; }
static inline uint64_t rd64(uintptr_t a) { return *(volatile uint64_t *)a; }
static inline void wr32(uintptr_t a, uint32_t v) { *(volatile uint32_t *)a = v; }
static inline void wr64(uintptr_t a, uint64_t v) { *(volatile uint64_t *)a = v; }

static int wait_clear(uintptr_t reg, uint32_t bits)
{
    for (unsigned int i = 0; i < SPIN_LIMIT; i++)
        if (!(rd32(reg) & bits))
            return 0;
    return -ETIMEDOUT;
}

unsigned int gic_arch_rev(void) { return (rd32(dist + GICD_PIDR2) >> 4) & 0xf; }
unsigned int gic_nr_lines(void) { return nr_lines; }

int gicv3_init(const struct boot_info *bi)
{
    uint64_t aff0;

    if (!bi->gic.dist_base || !bi->gic.nr_redist)
        return -ENODEV;
    binfo = bi;
    mmu_map(bi->gic.dist_base, bi->gic.dist_size, MAP_DEVICE);
    for (unsigned int i = 0; i < bi->gic.nr_redist; i++)
        mmu_map(bi->gic.redist[i].start, bi->gic.redist[i].size, MAP_DEVICE);
    dist = bi->gic.dist_base;

    wr32(dist + GICD_CTLR, 0);
    if (wait_clear(dist + GICD_CTLR, GICD_CTLR_RWP))
        return -ETIMEDOUT;
    nr_lines = MIN(32 * ((rd32(dist + GICD_TYPER) & 0x1f) + 1), 1020u);

    /* SPIs: disabled, not pending, group 1, level, one priority, to this CPU. */
    aff0 = read_mpidr();
    aff0 = (aff0 & 0xffffff) | ((aff0 >> 32) & 0xff) << 32;
    for (unsigned int i = 32; i < nr_lines; i += 32) {
        wr32(dist + GICD_ICENABLER + i / 8, 0xffffffff);
        wr32(dist + GICD_ICPENDR + i / 8, 0xffffffff);
        wr32(dist + GICD_IGROUPR + i / 8, 0xffffffff);
    }
    for (unsigned int i = 32; i < nr_lines; i += 16)
        wr32(dist + GICD_ICFGR + i / 4, 0);
    for (unsigned int i = 32; i < nr_lines; i += 4)
        wr32(dist + GICD_IPRIORITYR + i, DEFAULT_PRIORITY * 0x01010101u);
    for (unsigned int i = 32; i < nr_lines; i++)
        wr64(dist + GICD_IROUTER + 8 * i, aff0);

    wr32(dist + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_GRP1);
    return wait_clear(dist + GICD_CTLR, GICD_CTLR_RWP);
}

/* Walk the redistributor regions for the frame whose affinity is ours. */
static uintptr_t find_redist(void)
{
    uint64_t mpidr = read_mpidr();
    uint64_t want = (mpidr & 0xffffff) | ((mpidr >> 32) & 0xff) << 24;

    for (unsigned int r = 0; r < binfo->gic.nr_redist; r++) {
        uintptr_t base = binfo->gic.redist[r].start;
        uintptr_t end = base + binfo->gic.redist[r].size;

        while (base < end) {
            uint64_t typer = rd64(base + GICR_TYPER);

            if ((typer >> 32) == want)
                return base;
            if (typer & GICR_TYPER_LAST)
                break;
            base += (typer & GICR_TYPER_VLPIS) ? 0x40000 : 0x20000;
        }
    }
    return 0;
}

int gicv3_cpu_init(void)
{
    unsigned int cpu = smp_processor_id();
    uintptr_t rd = find_redist();

    if (!rd)
        return -ENODEV;
    cpu_redist[cpu] = rd;

    wr32(rd + GICR_WAKER, rd32(rd + GICR_WAKER) & ~GICR_WAKER_SLEEP);
    if (wait_clear(rd + GICR_WAKER, GICR_WAKER_ASLEEP))
        return -ETIMEDOUT;

    wr32(rd + GICR_ICENABLER0, 0xffffffff);
    wr32(rd + GICR_IGROUPR0, 0xffffffff);
    for (unsigned int i = 0; i < 32; i += 4)
        wr32(rd + GICR_IPRIORITYR + i, DEFAULT_PRIORITY * 0x01010101u);

    /* System-register interface on, for us and (later) for EL1. */
    WRITE_SYSREG(0xf, S3_4_C12_C9_5);            /* ICC_SRE_EL2: SRE|DFB|DIB|Enable */
    isb();
    WRITE_SYSREG(0xff, S3_0_C4_C6_0);            /* ICC_PMR_EL1: let all through */
    WRITE_SYSREG(0, S3_0_C12_C12_3);             /* ICC_BPR1_EL1 */
    /* ICC_CTLR_EL1.EOImode = 1: EOI only drops priority; deactivation is
     * separate so a guest can deactivate an interrupt it was handed. */
    WRITE_SYSREG(1UL << 1, S3_0_C12_C12_4);
    WRITE_SYSREG(1, S3_0_C12_C12_7);             /* ICC_IGRPEN1_EL1 */
    isb();
    return 0;
}

void gic_enable_ppi(unsigned int intid, bool on)
{
    uintptr_t rd = cpu_redist[smp_processor_id()];

    if (intid < 32 && rd)
        wr32(rd + (on ? GICR_ISENABLER0 : GICR_ICENABLER0), 1u << intid);
}

unsigned int gic_ack(void)
{
    unsigned int intid = READ_SYSREG(S3_0_C12_C12_0) & 0xffffff;   /* ICC_IAR1_EL1 */

    dsb_sy();
    return intid;
}

void gic_eoi(unsigned int intid)
{
    WRITE_SYSREG(intid, S3_0_C12_C12_1);                            /* ICC_EOIR1_EL1 */
    isb();
}

void gic_deactivate(unsigned int intid)
{
    WRITE_SYSREG(intid, S3_0_C12_C11_1);                            /* ICC_DIR_EL1 */
    isb();
}

uint64_t cpu_logical_mpidr(unsigned int cpu);

void gic_send_sgi(unsigned int cpu, unsigned int sgi)
{
    uint64_t mpidr = cpu_logical_mpidr(cpu);
    uint64_t v = (1UL << (mpidr & 0xf)) |                /* target list (Aff0) */
                 (((mpidr >> 8) & 0xff) << 16) |         /* Aff1 */
                 ((uint64_t)(sgi & 0xf) << 24) |
                 (((mpidr >> 16) & 0xff) << 32) |        /* Aff2 */
                 (((mpidr >> 32) & 0xff) << 48);         /* Aff3 */

    dsb_ish();
    WRITE_SYSREG(v, S3_0_C12_C11_5);                                /* ICC_SGI1R_EL1 */
    isb();
}

void gic_enable_spi(unsigned int intid, bool on)
{
    if (intid < 32 || intid >= nr_lines)
        return;
    wr32(dist + (on ? 0x100 : GICD_ICENABLER) + (intid / 32) * 4, 1u << (intid % 32));
}
