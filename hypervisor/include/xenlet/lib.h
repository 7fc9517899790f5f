/* Formatting and logging: the hypervisor's printf family. Host-compilable. */
#ifndef XENLET_LIB_H
#define XENLET_LIB_H

#include <stdarg.h>
#include <xenlet/types.h>

/*
 * Formats: %d %i %u %x %X %o %c %s %p %% with flags '-', '0', ' ', '+', '#',
 * a width and precision (numbers or '*'), and length modifiers hh h l ll z j t.
 * Always NUL-terminates (when size > 0) and returns the length the full
 * output would have had, as C99 does.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* Log to the hypervisor console and keep a copy in the log ring. */
void printk(const char *fmt, ...) __printf(1, 2);
void vprintk(const char *fmt, va_list ap);

/*
 * Copy of the most recent console output (the ring keeps the last 16 KiB),
 * oldest first; returns bytes copied. Does not NUL-terminate.
 */
size_t console_ring_read(char *buf, size_t size);
/* The log from byte @*index on (bytes ever logged count from 0); advances it. */
size_t console_ring_read_from(uint64_t *index, char *buf, size_t size);

/* Print a message, then stop this CPU for good. Only for broken invariants. */
void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

#endif
