/* The boundary between common code and whatever console hardware exists. */
#ifndef XENLET_CONSOLE_H
#define XENLET_CONSOLE_H

#include <xenlet/types.h>

/* Provided by the platform (the PL011 driver, or a test). Must not fail. */
void console_hw_write(const char *s, size_t n);

/* A guest's console bytes, straight to the UART (not the log ring); caller
 * holds console_lock(). */
void console_guest_write(const char *s, size_t n);

/* Serial input (common/console_input.c): the UART driver feeds characters in;
 * CONSOLEIO_read takes them out for dom0. */
void console_input_char(char c);
size_t console_input_read(char *buf, size_t size);

/* Provided by the arch: stop this CPU forever (after a panic). */
void arch_halt_cpu(void) __noreturn;

/*
 * Provided by the arch: serialise console output between CPUs (a spinlock
 * that also masks interrupts on this CPU; no-ops in host tests). printk and
 * console_ring_read hold it while they format and copy. panic deliberately
 * does not take it: the panicking CPU may already hold it.
 */
void console_lock(void);
void console_unlock(void);

/* Forget the log ring and any panic in progress (tests only). */
void console_reset(void);

#endif
