/*
 * The EL2 exception vector table. Every slot saves the full register frame
 * and calls do_trap(frame, slot); the frame is restored and the exception
 * returns unless the handler stopped the CPU.
 */
#include <asm/asm_macros.h>
#include <asm/traps.h>

.macro ventry slot
    .balign 0x80
    sub     sp, sp, #FRAME_SIZE
    stp     x0, x1, [sp, #16 * 0]
    mov     x1, #\slot
    b       trap_entry
.endm

    .text
    .balign 0x800
ENTRY(hyp_vectors)
    ventry 0
    ventry 1
    ventry 2
    ventry 3
    ventry 4
    ventry 5
    ventry 6
    ventry 7
    ventry 8
    ventry 9
    ventry 10
    ventry 11
    ventry 12
    ventry 13
    ventry 14
    ventry 15
END(hyp_vectors)

trap_entry:
    stp     x2, x3, [sp, #16 * 1]
    stp     x4, x5, [sp, #16 * 2]
    stp     x6, x7, [sp, #16 * 3]
    stp     x8, x9, [sp, #16 * 4]
    stp     x10, x11, [sp, #16 * 5]
    stp     x12, x13, [sp, #16 * 6]
    stp     x14, x15, [sp, #16 * 7]
    stp     x16, x17, [sp, #16 * 8]
    stp     x18, x19, [sp, #16 * 9]
    stp     x20, x21, [sp, #16 * 10]
    stp     x22, x23, [sp, #16 * 11]
    stp     x24, x25, [sp, #16 * 12]
    stp     x26, x27, [sp, #16 * 13]
    stp     x28, x29, [sp, #16 * 14]
    add     x2, sp, #FRAME_SIZE
    stp     x30, x2, [sp, #16 * 15]         /* x30, SP before the trap */
    mrs     x2, elr_el2
    mrs     x3, spsr_el2
    stp     x2, x3, [sp, #FRAME_ELR]
    mrs     x2, esr_el2
    mrs     x3, far_el2
    stp     x2, x3, [sp, #FRAME_ESR]
    mov     x0, sp
    bl      do_trap

trap_return:
    ldp     x2, x3, [sp, #FRAME_ELR]
    msr     elr_el2, x2
    msr     spsr_el2, x3
    ldp     x2, x3, [sp, #16 * 1]
    ldp     x4, x5, [sp, #16 * 2]
    ldp     x6, x7, [sp, #16 * 3]
    ldp     x8, x9, [sp, #16 * 4]
    ldp     x10, x11, [sp, #16 * 5]
    ldp     x12, x13, [sp, #16 * 6]
    ldp     x14, x15, [sp, #16 * 7]
    ldp     x16, x17, [sp, #16 * 8]
    ldp     x18, x19, [sp, #16 * 9]
    ldp     x20, x21, [sp, #16 * 10]
    ldp     x22, x23, [sp, #16 * 11]
    ldp     x24, x25, [sp, #16 * 12]
    ldp     x26, x27, [sp, #16 * 13]
    ldp     x28, x29, [sp, #16 * 14]
    ldr     x30, [sp, #16 * 15]
    ldp     x0, x1, [sp, #16 * 0]
    add     sp, sp, #FRAME_SIZE
    eret
    dsb     nsh
    isb

/*
 * Enter a guest for the first time: copy the frame at x0 to the top of this
 * CPU's stack (where its traps will save theirs) and return through it.
 * x1 = the stack top.
 */
ENTRY(enter_guest_frame)
    sub     x2, x1, #FRAME_SIZE
    mov     x3, x2
1:  ldp     x4, x5, [x0], #16
    stp     x4, x5, [x3], #16
    cmp     x3, x1
    b.lo    1b
    mov     sp, x2
    b       trap_return
END(enter_guest_frame)
