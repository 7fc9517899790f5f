/* Assembler helpers shared by head.S and entry.S. */
#ifndef ASM_ASM_MACROS_H
#define ASM_ASM_MACROS_H

/* PC-relative address of a symbol (position independent, +/- 4 GiB). */
.macro adr_l, reg, sym
    adrp \reg, \sym
    add  \reg, \reg, :lo12:\sym
.endm

#define ENTRY(name) .globl name; .type name, %function; name:
#define END(name) .size name, . - name

#endif
