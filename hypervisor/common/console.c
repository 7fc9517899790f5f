/*
 * printk and panic: format a message, hand it to the console hardware and
 * keep a copy in a fixed-size log ring that a later `xl dmesg` can read.
 */
#include <xenlet/console.h>
#include <xenlet/lib.h>
#include <xenlet/types.h>

#define CONSOLE_RING_SIZE (16 * 1024)
#define PRINTK_LINE_MAX   1024
#define PANIC_LINE_MAX    256

/* Protected by console_lock(), except on the panic path. */
static char ring[CONSOLE_RING_SIZE];
static uint64_t ring_written;           /* bytes ever logged; the ring holds the last ones */
static char line[PRINTK_LINE_MAX];      /* static: keeps printk off small EL2 stacks */

static bool panicking;
/* A guest's unfinished line is on the UART: printk starts on a fresh line so
 * neither its message nor the guest's line is spliced into the other. */
static bool guest_mid_line;

static void console_emit(const char *s, size_t n)
{
    console_hw_write(s, n);
    for (size_t i = 0; i < n; i++)
        ring[ring_written++ % CONSOLE_RING_SIZE] = s[i];
}

void vprintk(const char *fmt, va_list ap)
{
    static const char cut[] = " [truncated]\n";
    size_t n;

    console_lock();
    if (guest_mid_line) {
        console_hw_write("\n", 1);
        guest_mid_line = false;
    }
    n = (size_t)vsnprintf(line, sizeof(line), fmt, ap);
    if (n < sizeof(line)) {
        console_emit(line, n);
    } else {
        console_emit(line, sizeof(line) - 1);
        console_emit(cut, sizeof(cut) - 1);
    }
    console_unlock();
}

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

void console_guest_write(const char *s, size_t n)
{
    if (!n)
        return;
    console_hw_write(s, n);
    guest_mid_line = s[n - 1] != '\n';
}

size_t console_ring_read(char *buf, size_t size)
{
    uint64_t held, n, first;

    console_lock();
    held = ring_written < CONSOLE_RING_SIZE ? ring_written : CONSOLE_RING_SIZE;
    n = size < held ? size : held;
    first = ring_written - n;
    for (uint64_t i = 0; i < n; i++)
        buf[i] = ring[(first + i) % CONSOLE_RING_SIZE];
    console_unlock();
    return (size_t)n;
}

void console_reset(void)
{
    ring_written = 0;
    panicking = false;
    guest_mid_line = false;
}

void panic(const char *fmt, ...)
{
    static const char prefix[] = "PANIC: ";
    char msg[PANIC_LINE_MAX];           /* on the stack: this path takes no lock */
    va_list ap;
    size_t n;

    /* A panic while printing a panic (e.g. from the UART driver): just stop. */
    if (panicking)
        arch_halt_cpu();
    panicking = true;

    va_start(ap, fmt);
    n = (size_t)vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (n >= sizeof(msg))
        n = sizeof(msg) - 1;

    if (guest_mid_line)
        console_hw_write("\n", 1);
    console_emit(prefix, sizeof(prefix) - 1);
    console_emit(msg, n);
    if (n == 0 || msg[n - 1] != '\n')
        console_emit("\n", 1);
    arch_halt_cpu();
}

size_t console_ring_read_from(uint64_t *index, char *buf, size_t size)
{
    uint64_t oldest, from, n;

    console_lock();
    oldest = ring_written > CONSOLE_RING_SIZE ? ring_written - CONSOLE_RING_SIZE : 0;
    from = *index < oldest ? oldest : *index;
    if (from > ring_written)
        from = ring_written;
    n = ring_written - from;
    if (n > size)
        n = size;
    for (uint64_t i = 0; i < n; i++)
        buf[i] = ring[(from + i) % CONSOLE_RING_SIZE];
    *index = from + n;
    console_unlock();
    return n;
}
