/* The PL011 UART: the hypervisor's console. */
#ifndef DRIVERS_PL011_H
#define DRIVERS_PL011_H

#include <xenlet/types.h>

/* Use the UART at @base from now on (no reprogramming: firmware set it up). */
void pl011_set_base(paddr_t base);
paddr_t pl011_base(void);
void pl011_enable_rx(void);
void pl011_rx_interrupt(void);      /* from the UART's interrupt */

#endif
