/* PL011 output for the hypervisor console; polled, usable with the MMU off. */
#include <drivers/pl011.h>
#include <xenlet/console.h>

#define UARTDR   0x00
#define UARTFR   0x18
#define UARTIMSC 0x38
#define UARTICR  0x44
#define FR_RXFE  (1u << 4)
#define FR_TXFF  (1u << 5)
#define INT_RX   (1u << 4)
#define INT_RT   (1u << 6)

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

/* Receive interrupts on: each character goes to console_input_char(). */
void pl011_enable_rx(void)
{
    if (uart)
        *(volatile uint32_t *)(uart + UARTIMSC) |= INT_RX | INT_RT;
}

void pl011_rx_interrupt(void)
{
    volatile uint32_t *fr = (volatile uint32_t *)(uart + UARTFR);

    while (!(*fr & FR_RXFE))
        console_input_char((char)(*(volatile uint32_t *)(uart + UARTDR) & 0xff));
    *(volatile uint32_t *)(uart + UARTICR) = INT_RX | INT_RT;
}
