/* Domain ring transport setup. */
#ifndef XENLET_CONN_RING_H
#define XENLET_CONN_RING_H

#include <stdbool.h>

#include "daemon.h"

/* Installs the core's introduce/release hooks; with active, opens the Xen
 * devices and attaches dom0's ring. */
int rings_init(struct daemon *dmn, bool active);
/* Serves again the rings held back by the outstanding quota once their
 * replies have gone out (a guest need not kick us for that). */
void rings_resume(struct daemon *dmn);

#endif
