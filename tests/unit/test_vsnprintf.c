/* vsnprintf/snprintf checked against the host C library's, format by format. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "fakes.h"

/* Format with both implementations into roomy buffers; demand identical text and length. */
#define SAME(...)                                                       \
    do {                                                                \
        char host_[512], ours_[512];                                    \
        int hn_ = snprintf(host_, sizeof(host_), __VA_ARGS__);          \
        int on_ = xenlet_snprintf(ours_, sizeof(ours_), __VA_ARGS__);   \
        assert_string_equal(ours_, host_);                              \
        assert_int_equal(on_, hn_);                                     \
    } while (0)

static void test_decimal(void **state)
{
    (void)state;
    SAME("%d", 0);
    SAME("%d", 42);
    SAME("%d", -42);
    SAME("%i", INT_MAX);
    SAME("%i", INT_MIN);
    SAME("%u", 0u);
    SAME("%u", UINT_MAX);
    SAME("[%5d]", 42);
    SAME("[%-5d]", 42);
    SAME("[%05d]", -42);
    SAME("[%+d]", 42);
    SAME("[%+d]", 0);
    SAME("[% d]", 42);
    SAME("[% d]", -42);
    SAME("[%.3d]", 7);
    SAME("[%.3d]", -7);
    SAME("[%8.3d]", -7);
    SAME("[%-8.3d]", 7);
    SAME("[%.0d]", 0);              /* no digits at all */
    SAME("[%5.0d]", 0);
    SAME("[%.0u]", 1u);
    SAME("[%1d]", 12345);
}

/* Valid C whose flags the standard says to ignore; gcc warns, the host is still the oracle. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
static void test_ignored_flags(void **state)
{
    (void)state;
    SAME("[%+ d]", 7);              /* '+' overrides ' ' */
    SAME("[%08.3d]", 7);            /* a precision turns off '0' */
    SAME("[%-08d]", 7);             /* '-' overrides '0' */
    SAME("[%#08.3x]", 0x7u);
}
#pragma GCC diagnostic pop

static void test_lengths(void **state)
{
    (void)state;
    SAME("%hhd %hhu", (signed char)-128, (unsigned char)255);
    SAME("%hhd", 300);              /* truncated to signed char, as C says */
    SAME("%hd %hu", (short)-32768, (unsigned short)65535);
    SAME("%ld %lu", LONG_MIN, ULONG_MAX);
    SAME("%lld %llu", LLONG_MIN, ULLONG_MAX);
    SAME("%lld", (long long)INT64_MIN);
    SAME("%jd %ju", INTMAX_MIN, UINTMAX_MAX);
    SAME("%zu %zd", (size_t)SIZE_MAX, (ptrdiff_t)-5);
    SAME("%td", (ptrdiff_t)PTRDIFF_MIN);
    SAME("%llx", 0xfedcba9876543210ULL);
    SAME("%lld %d %s", (long long)INT64_MIN, -1, "after");   /* arguments stay in step */
}

static void test_hex_octal(void **state)
{
    (void)state;
    SAME("%x %X", 0xdeadbeefu, 0xdeadbeefu);
    SAME("%#x %#X", 0xbeefu, 0xbeefu);
    SAME("%#x", 0u);                /* no prefix for zero */
    SAME("[%#10x]", 0x1234u);
    SAME("[%#010x]", 0x1234u);      /* zeros go after the prefix */
    SAME("[%-#10x]", 0x1234u);
    SAME("[%#.8x]", 0x1234u);
    SAME("[%.0x]", 0u);
    SAME("[%#.0x]", 0u);
    SAME("%o %o", 8u, 0u);
    SAME("%#o %#o", 8u, 0u);
    SAME("[%#.5o]", 8u);
    SAME("[%#.0o]", 0u);            /* '#' still prints the zero */
    SAME("%#llo", 0xffffffffffffffffULL);
}

static void test_width_precision_star(void **state)
{
    (void)state;
    SAME("[%*d]", 6, 42);
    SAME("[%*d]", -6, 42);          /* negative width: left-justify */
    SAME("[%.*d]", 4, 42);
    SAME("[%.*d]", -4, 42);         /* negative precision: as if none */
    SAME("[%*.*d]", 8, 4, -42);
    SAME("[%-*.*s]", 10, 3, "abcdef");
}

static void test_char_string(void **state)
{
    (void)state;
    SAME("%c%c%c", 'a', 'b', 'c');
    SAME("[%3c] [%-3c]", 'x', 'y');
    SAME("%s", "");
    SAME("%s", "hello");
    SAME("[%10s]", "right");
    SAME("[%-10s]", "left");
    SAME("[%.3s]", "truncate");
    SAME("[%8.3s]", "truncate");
    SAME("[%.0s]", "gone");
    SAME("%%");
    SAME("100%% [%5s%%]", "x");
}

static void test_unterminated_with_precision(void **state)
{
    char raw[4] = { 'a', 'b', 'c', 'd' };       /* no NUL: %.4s must not read past it */
    char out[16];

    (void)state;
    assert_int_equal(xenlet_snprintf(out, sizeof(out), "%.4s|", raw), 5);
    assert_string_equal(out, "abcd|");
}

static void test_pointer(void **state)
{
    int x;
    void *p = &x;
    const void *volatile null = NULL;   /* volatile: keep gcc from reasoning about it */

    (void)state;
    SAME("%p", p);
    SAME("[%20p]", p);
    SAME("[%-20p]", p);
    SAME("%p", (void *)0x1000);
    SAME("%p", (const void *)null);     /* glibc: "(nil)" */
    SAME("[%8p]", (const void *)null);
}

static void test_null_string(void **state)
{
    const char *volatile null = NULL;
    char out[32];

    (void)state;
    assert_int_equal(xenlet_snprintf(out, sizeof(out), "%s", (const char *)null), 6);
    assert_string_equal(out, "(null)");
    assert_int_equal(xenlet_snprintf(out, sizeof(out), "[%8s]", (const char *)null), 10);
    assert_string_equal(out, "[  (null)]");
}

static void test_truncation(void **state)
{
    char buf[8];
    int n;

    (void)state;
    memset(buf, 'Z', sizeof(buf));
    n = xenlet_snprintf(buf, 5, "%s-%d", "abcdef", 123);
    assert_int_equal(n, 10);                /* the length it wanted */
    assert_string_equal(buf, "abcd");
    assert_int_equal(buf[5], 'Z');          /* nothing written past size */

    memset(buf, 'Z', sizeof(buf));
    n = xenlet_snprintf(buf, 1, "xyz");
    assert_int_equal(n, 3);
    assert_int_equal(buf[0], '\0');
    assert_int_equal(buf[1], 'Z');

    memset(buf, 'Z', sizeof(buf));
    n = xenlet_snprintf(buf, 0, "xyz%d", 42);
    assert_int_equal(n, 5);
    assert_int_equal(buf[0], 'Z');          /* size 0: buffer untouched */

    n = xenlet_snprintf(NULL, 0, "%lld", (long long)INT64_MIN);
    assert_int_equal(n, 20);

    n = xenlet_snprintf(buf, sizeof(buf), "exactly");   /* 7 chars + NUL fit */
    assert_int_equal(n, 7);
    assert_string_equal(buf, "exactly");
    n = xenlet_snprintf(buf, sizeof(buf), "exactly8");
    assert_int_equal(n, 8);
    assert_string_equal(buf, "exactly");
}

static int call_v(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = xenlet_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

static void test_vsnprintf_entry(void **state)
{
    char buf[64];

    (void)state;
    assert_int_equal(call_v(buf, sizeof(buf), "%s=%#x", "reg", 0x10u), 8);
    assert_string_equal(buf, "reg=0x10");
}

/*
 * Not valid C formats, so the host is no oracle: an unknown conversion (and
 * %n, which must never write) is printed as written and consumes nothing.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
static void test_unknown_conversions(void **state)
{
    char buf[64];
    int n;

    (void)state;
    n = xenlet_snprintf(buf, sizeof(buf), "a%qb %d", 5);
    assert_string_equal(buf, "a%qb 5");
    assert_int_equal(n, 6);
    n = xenlet_snprintf(buf, sizeof(buf), "x%ny %s", "z");
    assert_string_equal(buf, "x%ny z");
    assert_int_equal(n, 6);
    n = xenlet_snprintf(buf, sizeof(buf), "end%");
    assert_string_equal(buf, "end%");
    assert_int_equal(n, 4);
}
#pragma GCC diagnostic pop

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decimal),
        cmocka_unit_test(test_ignored_flags),
        cmocka_unit_test(test_lengths),
        cmocka_unit_test(test_hex_octal),
        cmocka_unit_test(test_width_precision_star),
        cmocka_unit_test(test_char_string),
        cmocka_unit_test(test_unterminated_with_precision),
        cmocka_unit_test(test_pointer),
        cmocka_unit_test(test_null_string),
        cmocka_unit_test(test_truncation),
        cmocka_unit_test(test_vsnprintf_entry),
        cmocka_unit_test(test_unknown_conversions),
    };

    return cmocka_run_group_tests_name("vsnprintf", tests, NULL, NULL);
}
