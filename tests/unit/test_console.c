/* printk, the log ring behind `xl dmesg`, and panic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <xenlet/console.h>
#include <xenlet/lib.h>

#include "fakes.h"

#define RING_SIZE (16 * 1024)

static int setup(void **state)
{
    (void)state;
    console_reset();
    fake_console_clear();
    fake_lock_calls = fake_unlock_calls = 0;
    fake_halt_calls = 0;
    fake_halt_jmp = NULL;
    return 0;
}

static void test_printk_reaches_hardware_and_ring(void **state)
{
    char ring[64];
    size_t n;

    (void)state;
    printk("hello %s %d\n", "world", 42);
    assert_string_equal(fake_console, "hello world 42\n");
    n = console_ring_read(ring, sizeof(ring));
    assert_int_equal(n, 15);
    assert_memory_equal(ring, "hello world 42\n", 15);
    assert_int_equal(fake_lock_calls, 2);       /* printk and the ring read */
    assert_int_equal(fake_unlock_calls, 2);
}

static void test_ring_keeps_the_newest_16k(void **state)
{
    static char ring[RING_SIZE + 100];
    char line[32];
    size_t n;

    (void)state;
    /* 2000 lines of 10 bytes: 20000 bytes, more than the ring holds. */
    for (int i = 0; i < 2000; i++)
        printk("line %04d\n", i);
    assert_int_equal(fake_console_len, 20000);

    n = console_ring_read(ring, sizeof(ring));
    assert_int_equal(n, RING_SIZE);
    /* The oldest byte kept is byte 20000 - 16384 = 3616, i.e. offset 6 of line 361. */
    assert_memory_equal(ring, "361\nline 0362\n", 14);
    snprintf(line, sizeof(line), "line %04d\n", 1999);
    assert_memory_equal(ring + RING_SIZE - 10, line, 10);
}

static void test_ring_read_small_buffer_gets_the_tail(void **state)
{
    char buf[6];

    (void)state;
    printk("first\n");
    printk("second\n");
    assert_int_equal(console_ring_read(buf, sizeof(buf)), 6);
    assert_memory_equal(buf, "econd\n", 6);
    assert_int_equal(console_ring_read(buf, 0), 0);
}

static void test_long_line_is_truncated_visibly(void **state)
{
    char big[3000];

    (void)state;
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    printk("%s\n", big);
    assert_int_equal(fake_console_len, 1023 + strlen(" [truncated]\n"));
    assert_string_equal(fake_console + 1023, " [truncated]\n");
}

static void test_printk_after_a_guest_half_line_starts_a_new_line(void **state)
{
    char ring[64];

    (void)state;
    console_guest_write("guest says=0", 12);    /* its newline comes in a later write */
    printk("hv note\n");
    console_guest_write("\n", 1);
    assert_string_equal(fake_console, "guest says=0\nhv note\n\n");
    /* Guest bytes stay out of the hypervisor's own log. */
    assert_int_equal(console_ring_read(ring, sizeof(ring)), 8);
    assert_memory_equal(ring, "hv note\n", 8);
}

static void test_printk_after_a_whole_guest_line_adds_nothing(void **state)
{
    (void)state;
    console_guest_write("line\n", 5);
    printk("hv\n");
    console_guest_write("", 0);
    printk("again\n");
    console_guest_write("\r", 1);             /* a bare CR still leaves the line open */
    printk("cr\n");
    assert_string_equal(fake_console, "line\nhv\nagain\n\r\ncr\n");
}

static void test_panic_prints_and_halts(void **state)
{
    jmp_buf halted;
    char ring[128];
    size_t n;

    (void)state;
    fake_halt_jmp = &halted;
    if (setjmp(halted) == 0) {
        panic("bad thing %d", 7);
        fail_msg("panic returned");
    }
    fake_halt_jmp = NULL;
    assert_int_equal(fake_halt_calls, 1);
    assert_string_equal(fake_console, "PANIC: bad thing 7\n");
    n = console_ring_read(ring, sizeof(ring));
    assert_int_equal(n, strlen("PANIC: bad thing 7\n"));
    assert_int_equal(fake_lock_calls, 1);       /* only the ring read: panic takes no lock */
}

static void test_panic_keeps_a_newline(void **state)
{
    jmp_buf halted;

    (void)state;
    fake_halt_jmp = &halted;
    if (setjmp(halted) == 0)
        panic("ends with newline\n");
    fake_halt_jmp = NULL;
    assert_string_equal(fake_console, "PANIC: ends with newline\n");
}

static void test_nested_panic_just_halts(void **state)
{
    jmp_buf halted;

    (void)state;
    fake_halt_jmp = &halted;
    if (setjmp(halted) == 0)
        panic("first");
    if (setjmp(halted) == 0)
        panic("second");                /* as if raised while printing the first */
    fake_halt_jmp = NULL;
    assert_int_equal(fake_halt_calls, 2);
    assert_string_equal(fake_console, "PANIC: first\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_printk_reaches_hardware_and_ring, setup),
        cmocka_unit_test_setup(test_ring_keeps_the_newest_16k, setup),
        cmocka_unit_test_setup(test_ring_read_small_buffer_gets_the_tail, setup),
        cmocka_unit_test_setup(test_long_line_is_truncated_visibly, setup),
        cmocka_unit_test_setup(test_printk_after_a_guest_half_line_starts_a_new_line, setup),
        cmocka_unit_test_setup(test_printk_after_a_whole_guest_line_adds_nothing, setup),
        cmocka_unit_test_setup(test_panic_prints_and_halts, setup),
        cmocka_unit_test_setup(test_panic_keeps_a_newline, setup),
        cmocka_unit_test_setup(test_nested_panic_just_halts, setup),
    };

    return cmocka_run_group_tests_name("console", tests, NULL, NULL);
}
