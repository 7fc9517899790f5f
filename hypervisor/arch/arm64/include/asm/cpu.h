/* Per-CPU identity and the arch's limits. */
#ifndef ASM_CPU_H
#define ASM_CPU_H

#define NR_CPUS          8
#define STACK_SHIFT      14                     /* 16 KiB per CPU stack */
#define STACK_SIZE       (1 << STACK_SHIFT)

#ifndef __ASSEMBLY__
#include <asm/sysregs.h>

/* TPIDR_EL2 holds this CPU's logical index, set at entry. */
static inline unsigned int smp_processor_id(void)
{
    return (unsigned int)READ_SYSREG(tpidr_el2);
}

static inline uint64_t read_mpidr(void)
{
    return READ_SYSREG(mpidr_el1) & 0xff00ffffffUL;
}
#endif

#endif
