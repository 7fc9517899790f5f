/*
 * The C-library string and memory functions the freestanding hypervisor and
 * libfdt need. Word-at-a-time only when both sides are 8-byte aligned: the
 * image is built with -mstrict-align and runs with the MMU off at first,
 * where an unaligned access faults.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * GCC recognises a copy or fill loop and replaces it with a call to memcpy
 * or memset, which here would call itself forever; forbid that rewrite in the
 * functions that implement them.
 */
#define NO_LOOP_CALLS __attribute__((optimize("no-tree-loop-distribute-patterns")))

/* Word accesses may touch objects of any type: tell the optimiser so. */
typedef uint64_t __attribute__((may_alias)) word_t;
#define WORD sizeof(word_t)

static inline int both_aligned(const void *a, const void *b)
{
    return (((uintptr_t)a | (uintptr_t)b) & (WORD - 1)) == 0;
}

NO_LOOP_CALLS void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if (both_aligned(d, s)) {
        for (; n >= WORD; n -= WORD, d += WORD, s += WORD)
            *(word_t *)d = *(const word_t *)s;
    }
    while (n--)
        *d++ = *s++;
    return dst;
}

NO_LOOP_CALLS void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if (d <= s || d >= s + n)
        return memcpy(dst, src, n);         /* forward copy is safe */

    /* Overlapping with dst above src: copy from the end. */
    d += n;
    s += n;
    if (both_aligned(d, s)) {
        for (; n >= WORD; n -= WORD) {
            d -= WORD;
            s -= WORD;
            *(word_t *)d = *(const word_t *)s;
        }
    }
    while (n--)
        *--d = *--s;
    return dst;
}

NO_LOOP_CALLS void *memset(void *p, int c, size_t n)
{
    unsigned char *d = p;
    uint64_t pattern = (unsigned char)c * 0x0101010101010101ULL;

    while (n && ((uintptr_t)d & (WORD - 1))) {
        *d++ = (unsigned char)c;
        n--;
    }
    for (; n >= WORD; n -= WORD, d += WORD)
        *(word_t *)d = pattern;
    while (n--)
        *d++ = (unsigned char)c;
    return p;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    for (; n; n--, x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
}

void *memchr(const void *p, int c, size_t n)
{
    const unsigned char *s = p;

    for (; n; n--, s++)
        if (*s == (unsigned char)c)
            return (void *)s;
    return NULL;
}

size_t strlen(const char *s)
{
    const char *e = s;

    while (*e)
        e++;
    return (size_t)(e - s);
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;

    while (n < max && s[n])
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;

    while (*x && *x == *y) {
        x++;
        y++;
    }
    return *x - *y;
}

int strncmp(const char *a, const char *b, size_t n)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;

    for (; n; n--, x++, y++) {
        if (*x != *y)
            return *x - *y;
        if (!*x)
            break;
    }
    return 0;
}

char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char *)s;
        if (!*s)
            return NULL;
    }
}

char *strrchr(const char *s, int c)
{
    const char *last = NULL;

    for (;; s++) {
        if (*s == (char)c)
            last = s;
        if (!*s)
            return (char *)last;
    }
}

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/* C's strtoul, minus errno (there is none): overflow saturates at ULONG_MAX. */
unsigned long strtoul(const char *s, char **end, int base)
{
    const char *p = s;
    unsigned long v = 0;
    int neg = 0, any = 0, overflow = 0;

    while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
        p++;
    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
        digit_value(p[2]) < 16) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = p[0] == '0' ? 8 : 10;
    }
    if (base < 2 || base > 36) {
        if (end)
            *end = (char *)s;
        return 0;
    }

    for (; digit_value(*p) < base; p++) {
        unsigned long d = (unsigned long)digit_value(*p);

        any = 1;
        if (v > (~0UL - d) / (unsigned long)base)
            overflow = 1;
        else
            v = v * (unsigned long)base + d;
    }
    if (end)
        *end = (char *)(any ? p : s);
    if (overflow)
        return ~0UL;
    return neg ? -v : v;
}
