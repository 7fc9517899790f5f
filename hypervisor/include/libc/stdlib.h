/* Just what libfdt's environment header asks of <stdlib.h>. */
#ifndef XENLET_LIBC_STDLIB_H
#define XENLET_LIBC_STDLIB_H

#include <stddef.h>

unsigned long strtoul(const char *s, char **end, int base);

#endif
