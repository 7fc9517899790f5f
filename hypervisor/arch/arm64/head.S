/*
 * Entry from the boot loader: the arm64 Image header, then EL2 set-up with the
 * MMU off: self-relocation (the image is position independent), BSS, stack,
 * vectors, and into C. Secondary CPUs arrive at secondary_entry via PSCI.
 */
#include <asm/asm_macros.h>
#include <asm/cpu.h>
#include <asm/sysregs.h>

#define R_AARCH64_RELATIVE 1027

    .section .text.head, "ax"
ENTRY(_start)
    /* The 64-byte arm64 Image header (Linux Documentation/arm64/booting.rst). */
    b       primary_entry           /* code0 */
    .long   0                       /* code1 */
    .quad   0                       /* text_offset: anywhere 2 MiB aligned */
    .long   __image_size_lo         /* image_size, BSS included */
    .long   __image_size_hi
    .quad   0xa                     /* flags: LE, 4 KiB pages, any placement */
    .quad   0, 0, 0                 /* res2..res4 */
    .ascii  "ARM\x64"               /* magic */
    .long   0                       /* res5 */

primary_entry:
    mov     x21, x0                 /* x0 = DTB physical address */
    msr     daifset, #0xf
    mrs     x0, CurrentEL
    cmp     x0, #(2 << 2)
    b.ne    not_el2

    ldr     x0, =SCTLR_EL2_RES1     /* MMU, caches and alignment checks off */
    msr     sctlr_el2, x0
    ldr     x0, =CPTR_EL2_RES1      /* FP/SIMD usable: EL1 guests own it */
    msr     cptr_el2, x0
    ldr     x0, =HCR_BOOT           /* interrupts are taken to EL2 */
    msr     hcr_el2, x0
    isb

    /* Apply R_AARCH64_RELATIVE relocations for the address we run at. */
    adr     x22, _start
    adr_l   x0, __rela_start
    adr_l   x1, __rela_end
1:  cmp     x0, x1
    b.hs    2f
    ldp     x2, x3, [x0], #16       /* r_offset, r_info */
    ldr     x4, [x0], #8            /* r_addend */
    cmp     w3, #R_AARCH64_RELATIVE
    b.ne    bad_reloc
    add     x4, x4, x22
    str     x4, [x22, x2]
    b       1b

2:  adr_l   x0, __bss_start
    adr_l   x1, __bss_end
3:  cmp     x0, x1
    b.hs    4f
    stp     xzr, xzr, [x0], #16
    b       3b

4:  msr     tpidr_el2, xzr          /* CPU 0 */
    adr_l   x0, boot_stacks
    add     sp, x0, #STACK_SIZE
    adr_l   x0, hyp_vectors
    msr     vbar_el2, x0
    isb
    mov     x0, x21
    mov     x1, x22
    bl      arch_boot_primary       /* never returns */
    b       park

not_el2:
bad_reloc:
    /* Nothing can be trusted yet: say so on the early UART, if there is one. */
    adr     x0, early_fail_msg
    bl      early_puts_asm
park:
    wfe
    b       park
END(_start)

/* PSCI CPU_ON lands here, MMU off, with x0 = the logical CPU index. */
ENTRY(secondary_entry)
    msr     daifset, #0xf
    ldr     x1, =SCTLR_EL2_RES1
    msr     sctlr_el2, x1
    ldr     x1, =CPTR_EL2_RES1
    msr     cptr_el2, x1
    ldr     x1, =HCR_BOOT
    msr     hcr_el2, x1
    msr     tpidr_el2, x0
    adr_l   x1, boot_stacks
    add     x2, x0, #1
    lsl     x2, x2, #STACK_SHIFT
    add     sp, x1, x2
    adr_l   x1, hyp_vectors
    msr     vbar_el2, x1
    isb
    bl      mmu_enable_secondary
    bl      arch_boot_secondary     /* never returns */
    b       park
END(secondary_entry)

/* Early UART output that needs neither a stack nor the MMU (x0 = string). */
ENTRY(early_puts_asm)
#ifdef EARLY_UART_PL011
    ldr     x1, =EARLY_UART_PL011
1:  ldrb    w2, [x0], #1
    cbz     w2, 3f
2:  ldr     w3, [x1, #0x18]         /* UARTFR */
    tbnz    w3, #5, 2b              /* TXFF: wait while the FIFO is full */
    str     w2, [x1]                /* UARTDR */
    b       1b
#endif
3:  ret
END(early_puts_asm)

early_fail_msg:
    .asciz "Xenlet: not entered at EL2, or bad relocation: stopping\r\n"
    .balign 8

    .section .bss.stacks, "aw", %nobits
    .balign 16
    .globl boot_stacks
boot_stacks:
    .space STACK_SIZE * NR_CPUS
