/* The boundary between common code and whatever console hardware exists. */
#ifndef XENLET_CONSOLE_H
#define XENLET_CONSOLE_H

#include <xenlet/types.h>

/* Provided by the platform (the PL011 driver, or a test). Must not fail. */
void console_hw_write(const char *s, size_t n);

/* Provided by the arch: stop this CPU forever (after a panic). */
void arch_halt_cpu(void) __noreturn;

#endif
