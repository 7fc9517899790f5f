/* arm64 uses the common ticket lock. */
#ifndef ASM_SPINLOCK_H
#define ASM_SPINLOCK_H

#include <xenlet/spinlock.h>

#endif
