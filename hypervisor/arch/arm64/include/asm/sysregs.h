/* System-register access and the EL2 register bits the hypervisor uses. */
#ifndef ASM_SYSREGS_H
#define ASM_SYSREGS_H

#ifdef __ASSEMBLY__
#define _UL(x) x
#else
#define _UL(x) x##UL
#include <xenlet/types.h>

#define READ_SYSREG(name) ({                                  \
    uint64_t _v;                                              \
    asm volatile("mrs %0, " #name : "=r"(_v) :: "memory");    \
    _v; })
#define WRITE_SYSREG(v, name) \
    asm volatile("msr " #name ", %0" :: "r"((uint64_t)(v)) : "memory")

static inline void isb(void) { asm volatile("isb" ::: "memory"); }
static inline void dsb_sy(void) { asm volatile("dsb sy" ::: "memory"); }
static inline void dsb_ish(void) { asm volatile("dsb ish" ::: "memory"); }
static inline void cpu_relax(void) { asm volatile("yield" ::: "memory"); }
static inline void wfi(void) { asm volatile("wfi" ::: "memory"); }
static inline void wfe(void) { asm volatile("wfe" ::: "memory"); }
static inline void sev(void) { asm volatile("sev" ::: "memory"); }
static inline void local_irq_enable(void) { asm volatile("msr daifclr, #2" ::: "memory"); }
static inline void local_irq_disable(void) { asm volatile("msr daifset, #2" ::: "memory"); }
#endif

/* SCTLR_EL2 (E2H = 0). */
#define SCTLR_EL2_RES1   _UL(0x30C50830)
#define SCTLR_M          (_UL(1) << 0)
#define SCTLR_A          (_UL(1) << 1)
#define SCTLR_C          (_UL(1) << 2)
#define SCTLR_SA         (_UL(1) << 3)
#define SCTLR_I          (_UL(1) << 12)
#define SCTLR_WXN        (_UL(1) << 19)

/* CPTR_EL2 (E2H = 0): RES1 bits (SVE/SME traps on); TFP (bit 10) clear = FP/SIMD untrapped. */
#define CPTR_EL2_RES1    _UL(0x000033FF)

/* HCR_EL2. */
#define HCR_FMO          (_UL(1) << 3)
#define HCR_IMO          (_UL(1) << 4)          /* physical IRQs go to EL2 */
#define HCR_AMO          (_UL(1) << 5)
#define HCR_RW           (_UL(1) << 31)          /* EL1 is AArch64 */
#define HCR_BOOT         (HCR_RW | HCR_AMO | HCR_IMO | HCR_FMO)

#endif
