/* Byte transfer over the shared xenstore ring page, with Xen's index rules. */
#ifndef XENLET_RING_H
#define XENLET_RING_H

#include <stddef.h>

#include "xs_wire.h"

/* Copies up to len request bytes without consuming them; -1 if the guest's
 * indexes are impossible (the ring is then marked broken). */
long ring_peek_requests(struct xenstore_domain_interface *intf, char *buf,
			size_t len);
void ring_consume_requests(struct xenstore_domain_interface *intf, size_t n);
/* Copies as much of buf as fits into the response ring; bytes written or -1. */
long ring_write_responses(struct xenstore_domain_interface *intf, const char *buf,
			  size_t len);

#endif
