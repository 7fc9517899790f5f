/*
 * Output through the PV console ring the toolstack set up (HVM params
 * CONSOLE_PFN/CONSOLE_EVTCHN): xenconsoled in dom0 copies it to
 * /var/log/xen/console/guest-NAME.log. The ring page is identity-mapped
 * Normal cacheable memory, as dom0 maps it.
 */
#include <public/event_channel.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>
#include <public/io/console.h>
#include <public/sched.h>
#include <public/xen.h>

#include "guest.h"

static struct xencons_interface *ring;
static evtchn_port_t port;

static long get_param(uint32_t index, uint64_t *value)
{
    struct xen_hvm_param p = { .domid = DOMID_SELF, .index = index };
    long rc = HCALL(__HYPERVISOR_hvm_op, HVMOP_get_param, &p, 0);

    *value = p.value;
    return rc;
}

int console_init(void)
{
    uint64_t pfn, evtchn;

    if (get_param(HVM_PARAM_CONSOLE_PFN, &pfn) || get_param(HVM_PARAM_CONSOLE_EVTCHN, &evtchn))
        return -1;
    /* Only the magic page window is mapped for it (head.S). */
    if (pfn < 0x38000 || pfn >= 0x3a000 || !evtchn)
        return -1;
    ring = (struct xencons_interface *)(uintptr_t)(pfn << 12);
    port = (evtchn_port_t)evtchn;
    return 0;
}

static void notify(void)
{
    struct evtchn_send s = { .port = port };

    HCALL(__HYPERVISOR_event_channel_op, EVTCHNOP_send, &s, 0);
}

static void write_bytes(const char *s, size_t n)
{
    unsigned int spins = 0;

    if (!ring)
        return;
    while (n) {
        uint32_t cons = __atomic_load_n(&ring->out_cons, __ATOMIC_ACQUIRE);
        uint32_t prod = ring->out_prod;

        if (prod - cons >= sizeof(ring->out)) {
            /* Full: let xenconsoled run; give up if it never does. */
            notify();
            HCALL(__HYPERVISOR_sched_op, SCHEDOP_yield, 0, 0);
            if (++spins > 1000000)
                return;
            continue;
        }
        while (n && prod - cons < sizeof(ring->out)) {
            ring->out[prod & (sizeof(ring->out) - 1)] = *s++;
            prod++;
            n--;
        }
        __atomic_store_n(&ring->out_prod, prod, __ATOMIC_RELEASE);
        notify();
    }
}

void cons_puts(const char *s)
{
    write_bytes(s, strlen(s));
}

void cons_putdec(long v)
{
    char buf[24];
    int i = sizeof(buf);
    unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;

    buf[--i] = 0;
    do {
        buf[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        buf[--i] = '-';
    cons_puts(&buf[i]);
}

void cons_puthex(unsigned long v)
{
    char buf[19];
    int i = sizeof(buf);

    buf[--i] = 0;
    do {
        buf[--i] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v);
    buf[--i] = 'x';
    buf[--i] = '0';
    cons_puts(&buf[i]);
}

/* Wait until xenconsoled has taken everything, so nothing is lost at power-off. */
void console_drain(void)
{
    for (unsigned int i = 0; ring && i < 2000000; i++) {
        if (__atomic_load_n(&ring->out_cons, __ATOMIC_ACQUIRE) == ring->out_prod)
            return;
        HCALL(__HYPERVISOR_sched_op, SCHEDOP_yield, 0, 0);
    }
}

void power_off(unsigned int reason)
{
    struct sched_shutdown sd = { .reason = reason };

    for (;;)
        HCALL(__HYPERVISOR_sched_op, SCHEDOP_shutdown, &sd, 0);
}
