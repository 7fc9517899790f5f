/* xenconsoled: one guest console (ring page, event channel, pty, log). */
#ifndef XENCONSOLED_CONSOLE_H
#define XENCONSOLED_CONSOLE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <public/io/console.h>

struct console {
    unsigned int domid;
    struct xencons_interface *ring;     /* the guest's page, foreign-mapped */
    uint32_t local_port;                /* our end of its event channel */
    int master;                         /* pty master; the slave is console/tty */
    int slave;                          /* held open, so the master never hangs up */
    FILE *log;
    struct console *next;
};

/* Move what the guest wrote to the pty and the log; true if anything moved. */
bool console_drain_output(struct console *c);
/* Move what was typed on the pty into the guest's input ring. */
bool console_feed_input(struct console *c);

#endif
