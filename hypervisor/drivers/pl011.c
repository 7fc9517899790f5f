/* PL011 output for the hypervisor console; polled, usable with the MMU off. */
#include <drivers/pl011.h>
#include <xenlet/console.h>

#define UARTDR   0x00
#define UARTFR   0x18
#define FR_TXFF  (1u << 5)

#ifndef EARLY_UART_PL011
#define EARLY_UART_PL011 0
#endif

static uintptr_t uart = EARLY_UART_PL011;

void pl011_set_base(paddr_t base) { uart = base; }
paddr_t pl011_base(void) { return uart; }

static void pl011_putc(char c)
{
    volatile uint32_t *fr = (volatile uint32_t *)(uart + UARTFR);
    volatile uint32_t *dr = (volatile uint32_t *)(uart + UARTDR);

    while (*fr & FR_TXFF)
        ;
    *dr = (unsigned char)c;
}

void console_hw_write(const char *s, size_t n)
{
    if (!uart)
        return;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n')
            pl011_putc('\r');
        pl011_putc(s[i]);
    }
}
