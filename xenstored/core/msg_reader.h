/* Incremental message framing shared by the socket and ring transports. */
#ifndef XENLET_MSG_READER_H
#define XENLET_MSG_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "xs_wire.h"

struct msg_reader {
	struct xsd_sockmsg hdr;
	size_t hdr_got;
	size_t body_got;
	char body[XENSTORE_PAYLOAD_MAX + 1];
};

void msg_reader_init(struct msg_reader *r);
/* Takes bytes; returns how many were used (stops after one message) or
 * -EPROTO. *complete says a whole message is in hdr/body: handle it, then
 * call msg_reader_consume() before feeding more. */
long msg_reader_feed(struct msg_reader *r, const void *data, size_t len,
		     bool *complete);
void msg_reader_consume(struct msg_reader *r);

#endif
