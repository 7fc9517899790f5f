/* Basic types shared by every part of the hypervisor; host-compilable. */
#ifndef XENLET_TYPES_H
#define XENLET_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t paddr_t;   /* a physical (machine) address */
typedef uint64_t vaddr_t;   /* a hypervisor virtual address */

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)
#define PAGE_MASK  (~(PAGE_SIZE - 1))

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ROUND_UP(x, a)   (((x) + (a) - 1) & ~((typeof(x))(a) - 1))
#define ROUND_DOWN(x, a) ((x) & ~((typeof(x))(a) - 1))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#define __unused      __attribute__((unused))
#define __noreturn    __attribute__((noreturn))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __aligned(n)  __attribute__((aligned(n)))
#define __section(s)  __attribute__((section(s)))

#endif
