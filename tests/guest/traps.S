/*
 * Exception vectors for the isolation test guest, and the instructions it
 * provokes them with. A synchronous exception at EL1 (from one of the
 * trap_* helpers below) records ESR_EL1 in trap_esr and resumes after the
 * faulting instruction; anything else goes to unexpected_exception().
 */
    .section .text.vectors, "ax"
    .balign 2048
    .globl vectors
vectors:
    .set    n, 0
    .rept   16                      /* EL1t x4, EL1h x4 (sync at +0x200), EL0 x8 */
    .if     n == 4
    mrs     x9, esr_el1
    ldr     x10, =trap_esr
    str     x9, [x10]
    mrs     x9, elr_el1
    add     x9, x9, #4
    msr     elr_el1, x9
    eret
    .else
    mrs     x0, esr_el1
    mov     x1, #(n * 0x80)
    b       unexpected_exception
    .endif
    .balign 0x80
    .set    n, n + 1
    .endr
    .ltorg

    .text
    .globl trap_hvc_other_imm, trap_smc, trap_read, trap_write
/* long trap_hvc_other_imm(long x0): an HVC whose immediate is neither 0
 * (SMCCC) nor 0xEA1 (hypercall). */
trap_hvc_other_imm:
    hvc     #0x1234
    nop                             /* ELR may point here or past the HVC */
    ret
/* long trap_smc(long function_id): an SMC, which EL2 traps. */
trap_smc:
    smc     #0
    ret
/* long trap_read(unsigned long va) */
trap_read:
    ldr     x0, [x0]
    ret
/* void trap_write(unsigned long va) */
trap_write:
    str     xzr, [x0]
    ret
