/*
 * Entry of the isolation test guest: an arm64 Linux Image header (so the
 * domain builder loads it as a kernel), then the switch to a small stage-1
 * identity map with caches on, a stack, and guest_main(dtb).
 *
 * The image is linked at GUEST_RAM0_BASE (0x40000000), where the builder
 * puts a kernel with text_offset 0. The page tables are static data in the
 * image: the builder wrote and cleaned them to memory, so no store with the
 * MMU off is needed (such stores would not be coherent with cached reads).
 */

/* Block descriptors: AF, inner shareable; AttrIndx 2 = Normal WB, 1 = Device. */
#define BLOCK_NORMAL 0x709
#define BLOCK_DEVICE (0x405 | (3 << 53))
#define TABLE 0x3

/* MAIR: attr0 Device-nGnRnE, attr1 Device-nGnRE, attr2 Normal WB RW-allocate. */
#define MAIR_VALUE 0xff0400
/* TCR: T0SZ 32 (4 GiB, walks start at level 1), WB WA inner/outer, inner
 * shareable, 4K granule, no TTBR1 walks (EPD1), 40-bit IPS. */
#define TCR_VALUE 0x200803520
#define SCTLR_M (1 << 0)
#define SCTLR_C (1 << 2)
#define SCTLR_I (1 << 12)

#define HYPERVISOR_sched_op 29
#define SCHEDOP_shutdown 2

    .section .text.head, "ax"
    .globl _start
_start:
    b       entry                   /* code0 */
    .long   0                       /* code1 */
    .quad   0                       /* text_offset */
    .quad   _image_size             /* image_size, bss included */
    .quad   0xa                     /* LE, 4K pages, anywhere */
    .quad   0, 0, 0                 /* res2..res4 */
    .ascii  "ARM\x64"               /* magic */
    .long   0                       /* res5: no PE header */

entry:
    msr     daifset, #0xf
    mov     x19, x0                 /* the device tree */
    adr     x1, _start
    ldr     x2, =_start
    cmp     x1, x2
    b.ne    misplaced

    ldr     x1, =MAIR_VALUE
    msr     mair_el1, x1
    ldr     x1, =TCR_VALUE
    msr     tcr_el1, x1
    adrp    x1, l1_table
    msr     ttbr0_el1, x1
    isb
    tlbi    vmalle1
    dsb     nsh
    ic      iallu
    dsb     nsh
    isb
    mrs     x1, sctlr_el1
    mov     x2, #(SCTLR_M | SCTLR_C)
    orr     x2, x2, #SCTLR_I
    orr     x1, x1, x2
    msr     sctlr_el1, x1
    isb

    ldr     x1, =stack_top
    mov     sp, x1
    ldr     x1, =vectors
    msr     vbar_el1, x1
    isb
    ldr     x1, =__bss_start
    ldr     x2, =__bss_end
1:  cmp     x1, x2
    b.hs    2f
    str     xzr, [x1], #8
    b       1b
2:  mov     x0, x19
    bl      guest_main
3:  wfi
    b       3b

/* Not where we were linked: nothing can be trusted; tell the toolstack. */
misplaced:
    adr     x1, crash_reason
    mov     x0, #SCHEDOP_shutdown
    mov     x16, #HYPERVISOR_sched_op
    hvc     #0xea1
    b       misplaced
    .balign 4
crash_reason:
    .long   3                       /* SHUTDOWN_crash */
    .ltorg

/*
 * 0-1 GiB in 2 MiB blocks: Device, except the grant table and magic page
 * windows (0x38000000-0x39ffffff), which are Normal like the guest's RAM.
 * 1-2 GiB (RAM bank 0, the image, its device tree): one Normal block.
 */
    .section .data.pagetables, "aw"
    .balign 4096
l1_table:
    .quad   l2_low + TABLE
    .quad   0x40000000 + BLOCK_NORMAL
    .fill   510, 8, 0
l2_low:
    .set    i, 0
    .rept   512
    .if     (i >= 0x1c0) && (i < 0x1d0)
    .quad   (i << 21) + BLOCK_NORMAL
    .else
    .quad   (i << 21) + BLOCK_DEVICE
    .endif
    .set    i, i + 1
    .endr

    .section .bss.stack, "aw", %nobits
    .balign 16
stack:
    .skip   16384
stack_top:
