/*
 * What the unit tests stand in for: the console hardware, the arch's halt
 * and lock hooks, and machine memory (a mapped arena at a fake physical
 * base). Also declares the hypervisor's printf family under the names it is
 * compiled with for the host, so it never interposes on the C library's.
 */
#ifndef XENLET_TESTS_FAKES_H
#define XENLET_TESTS_FAKES_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <xenlet/types.h>

int xenlet_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int xenlet_snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* Everything console_hw_write received since the last fake_console_clear(). */
extern char fake_console[];
extern size_t fake_console_len;
void fake_console_clear(void);

/* console_lock/unlock calls seen; a recursive lock fails the test. */
extern unsigned int fake_lock_calls, fake_unlock_calls;

/* arch_halt_cpu longjmps here when set (the test's setjmp then returns 1). */
extern jmp_buf *fake_halt_jmp;
extern unsigned int fake_halt_calls;

/* Machine memory [base, base + size) for maddr_to_virt; pages are mapped lazily. */
void fake_ram_map(paddr_t base, uint64_t size);
void fake_ram_unmap(void);

#endif
