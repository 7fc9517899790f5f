/* Domain ring transport setup. */
#ifndef XENLET_CONN_RING_H
#define XENLET_CONN_RING_H

#include <stdbool.h>

#include "daemon.h"

/* Installs the core's introduce/release hooks; with active, opens the Xen
 * devices and attaches dom0's ring. */
int rings_init(struct daemon *dmn, bool active);

#endif
