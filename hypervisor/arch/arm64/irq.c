/* The EL2 interrupt dispatcher: GIC acknowledge -> handler table -> EOI. */
#include <asm/irq.h>
#include <drivers/gicv3.h>
#include <xenlet/errno.h>
#include <xenlet/lib.h>

#define NR_IRQ_HANDLERS 1020

static struct {
    irq_handler_t fn;
    void *data;
    bool forwarded;
} handlers[NR_IRQ_HANDLERS];

void irq_set_forwarded(unsigned int intid, bool fwd)
{
    if (intid < NR_IRQ_HANDLERS)
        handlers[intid].forwarded = fwd;
}

int irq_register(unsigned int intid, irq_handler_t fn, void *data)
{
    if (intid >= NR_IRQ_HANDLERS)
        return -EINVAL;
    handlers[intid].data = data;
    handlers[intid].fn = fn;
    return 0;
}

void irq_handle(void)
{
    for (;;) {
        unsigned int intid = gic_ack();

        if (intid >= NR_IRQ_HANDLERS)      /* 1020..1023: nothing (more) pending */
            return;
        if (handlers[intid].fn)
            handlers[intid].fn(intid, handlers[intid].data);
        else
            printk("Xenlet: unexpected interrupt %u, ignored\n", intid);
        gic_eoi(intid);
        if (!handlers[intid].forwarded)
            gic_deactivate(intid);
    }
}
