/* The isolation test guest's few services: hypercalls, its PV console, the
 * device tree's command line. Freestanding: no libc. */
#ifndef GUEST_H
#define GUEST_H

#include <stddef.h>
#include <stdint.h>

/* Xen's arm64 hypercall: x16 = number, x0..x4 = arguments, HVC #0xEA1. */
static inline long hypercall(unsigned long nr, unsigned long a0, unsigned long a1,
                             unsigned long a2, unsigned long a3, unsigned long a4)
{
    register unsigned long x0 __asm__("x0") = a0;
    register unsigned long x1 __asm__("x1") = a1;
    register unsigned long x2 __asm__("x2") = a2;
    register unsigned long x3 __asm__("x3") = a3;
    register unsigned long x4 __asm__("x4") = a4;
    register unsigned long x16 __asm__("x16") = nr;

    __asm__ volatile("hvc #0xea1"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x16)
                     :
                     : "memory");
    return (long)x0;
}
#define HCALL(nr, a0, a1, a2) hypercall((nr), (unsigned long)(a0), \
                                        (unsigned long)(a1), (unsigned long)(a2), 0, 0)

/* console.c */
int console_init(void);
void cons_puts(const char *s);
void cons_putdec(long v);
void cons_puthex(unsigned long v);
void console_drain(void);
void power_off(unsigned int reason) __attribute__((noreturn));

/* fdt.c: the value of "key=" in /chosen/bootargs, or -1. */
long bootarg_number(const void *dtb, const char *key);

/* lib.c */
void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
size_t strlen(const char *s);

/* traps.S: provoke an exception; trap_esr holds the ESR_EL1 it brought (0: none). */
extern volatile uint64_t trap_esr;
long trap_hvc_other_imm(long x0);
long trap_smc(long function_id);
long trap_read(unsigned long va);
void trap_write(unsigned long va);
void unexpected_exception(uint64_t esr, uint64_t vector) __attribute__((noreturn));

/* checks.c */
void guest_main(const void *dtb) __attribute__((noreturn));

#endif
