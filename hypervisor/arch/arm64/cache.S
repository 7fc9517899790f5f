/* Data-cache maintenance by VA over a range, by the smallest line size. */
#include <asm/asm_macros.h>

/* x0 = start, x1 = size; clobbers x2-x4. \op is the DC operation. */
.macro dcache_by_line op
    mrs     x3, ctr_el0
    ubfx    x3, x3, #16, #4         /* DminLine: log2(words) */
    mov     x2, #4
    lsl     x2, x2, x3              /* line size in bytes */
    add     x1, x0, x1
    sub     x4, x2, #1
    bic     x0, x0, x4
1:  dc      \op, x0
    add     x0, x0, x2
    cmp     x0, x1
    b.lo    1b
    dsb     sy
    ret
.endm

ENTRY(dcache_clean_range)
    dcache_by_line cvac
END(dcache_clean_range)

ENTRY(dcache_inval_range)
    dcache_by_line ivac
END(dcache_inval_range)

ENTRY(dcache_clean_inval_range)
    dcache_by_line civac
END(dcache_clean_inval_range)
