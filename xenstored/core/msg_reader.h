/* Message framing shared by the socket and ring transports. A message that
 * arrives whole is handled where it lies (msg_in_place); only one split
 * across reads is reassembled, in a body allocated for its length, so an
 * idle connection holds no buffer. */
#ifndef XENLET_MSG_READER_H
#define XENLET_MSG_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "xs_wire.h"

struct msg_reader {
	struct xsd_sockmsg hdr;
	size_t hdr_got;
	size_t body_got;
	char *body; /* hdr.len + 1 bytes once the header is in; NUL-terminated */
};

void msg_reader_init(struct msg_reader *r);
/* Whether part of a message has been fed and not yet completed. */
static inline bool msg_reader_busy(const struct msg_reader *r)
{
	return r->hdr_got != 0;
}
/* Takes bytes; returns how many were used (stops after one message),
 * -EPROTO for an oversized payload or -ENOMEM. *complete says a whole message
 * is in hdr/body: handle it, then call msg_reader_consume() before feeding
 * more. */
long msg_reader_feed(struct msg_reader *r, const void *data, size_t len,
		     bool *complete);
/* Ends the current message (frees its body). Also for teardown. */
void msg_reader_consume(struct msg_reader *r);
/* A whole message at the start of data: copies its header to *hdr and
 * returns its size (header + payload); 0 if data holds less than one
 * message, -EPROTO if the header announces an oversized payload. */
long msg_in_place(const char *data, size_t len, struct xsd_sockmsg *hdr);

#endif
