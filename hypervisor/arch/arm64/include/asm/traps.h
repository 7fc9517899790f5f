/* The register frame entry.S saves on every exception taken to EL2. */
#ifndef ASM_TRAPS_H
#define ASM_TRAPS_H

#define FRAME_SIZE   288
#define FRAME_SP     248
#define FRAME_ELR    256
#define FRAME_SPSR   264
#define FRAME_ESR    272
#define FRAME_FAR    280

#ifndef __ASSEMBLY__
#include <xenlet/types.h>

struct trap_frame {
    uint64_t x[31];
    uint64_t sp;          /* SP at the time of the exception (EL2 traps) */
    uint64_t elr;
    uint64_t spsr;
    uint64_t esr;
    uint64_t far;
};
_Static_assert(sizeof(struct trap_frame) == FRAME_SIZE, "entry.S frame layout");

/* Vector slots, in VBAR order. */
enum trap_vector {
    VEC_CUR_SP0_SYNC, VEC_CUR_SP0_IRQ, VEC_CUR_SP0_FIQ, VEC_CUR_SP0_SERROR,
    VEC_CUR_SPX_SYNC, VEC_CUR_SPX_IRQ, VEC_CUR_SPX_FIQ, VEC_CUR_SPX_SERROR,
    VEC_LOW64_SYNC, VEC_LOW64_IRQ, VEC_LOW64_FIQ, VEC_LOW64_SERROR,
    VEC_LOW32_SYNC, VEC_LOW32_IRQ, VEC_LOW32_FIQ, VEC_LOW32_SERROR,
};

void do_trap(struct trap_frame *f, unsigned int vector);
void trap_report_and_stop(const struct trap_frame *f, unsigned int vector) __noreturn;
#endif

#endif
