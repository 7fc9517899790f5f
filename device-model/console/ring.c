/* Copying between a guest's console ring and the pty, by the ring protocol:
 * indexes run free, the consumer reads, then publishes its index. */
#include <errno.h>
#include <unistd.h>

#include "console.h"

bool console_drain_output(struct console *c)
{
    struct xencons_interface *r = c->ring;
    XENCONS_RING_IDX cons = r->out_cons, prod = __atomic_load_n(&r->out_prod, __ATOMIC_ACQUIRE);
    bool moved = false;

    if (prod - cons > sizeof(r->out))
        cons = prod - sizeof(r->out);      /* a guest lying about its indexes */
    while (cons != prod) {
        char buf[sizeof(r->out)];
        size_t n = 0;

        while (cons != prod && n < sizeof(buf))
            buf[n++] = r->out[MASK_XENCONS_IDX(cons++, r->out)];
        if (c->log) {
            fwrite(buf, 1, n, c->log);
            fflush(c->log);
        }
        /* Nobody on the pty: the bytes are still in the log; never block on it. */
        if (c->master >= 0 && write(c->master, buf, n) < 0 && errno != EAGAIN)
            (void)0;
        moved = true;
    }
    __atomic_store_n(&r->out_cons, cons, __ATOMIC_RELEASE);
    return moved;
}

bool console_feed_input(struct console *c)
{
    struct xencons_interface *r = c->ring;
    XENCONS_RING_IDX cons = __atomic_load_n(&r->in_cons, __ATOMIC_ACQUIRE), prod = r->in_prod;
    size_t space = sizeof(r->in) - (prod - cons);
    char buf[sizeof(r->in)];
    ssize_t n;

    if (prod - cons > sizeof(r->in) || space == 0)
        return false;
    n = read(c->master, buf, space);
    if (n <= 0)
        return false;
    for (ssize_t i = 0; i < n; i++)
        r->in[MASK_XENCONS_IDX(prod++, r->in)] = buf[i];
    __atomic_store_n(&r->in_prod, prod, __ATOMIC_RELEASE);
    return true;
}
