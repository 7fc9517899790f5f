/* Interrupts taken at EL2: dispatch from the GIC to registered handlers. */
#ifndef ASM_IRQ_H
#define ASM_IRQ_H

#include <xenlet/types.h>

typedef void (*irq_handler_t)(unsigned int intid, void *data);

/* Register @fn for a PPI or SPI; PPIs are per CPU but share one handler. */
int irq_register(unsigned int intid, irq_handler_t fn, void *data);
/* @intid is handed to a guest, which deactivates it (list register HW bit). */
void irq_set_forwarded(unsigned int intid, bool fwd);
/* Acknowledge, dispatch and end every pending interrupt. */
void irq_handle(void);

#endif
