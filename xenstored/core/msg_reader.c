/* Reassembles messages from a byte stream; a bad header ends the stream. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "msg_reader.h"

void msg_reader_init(struct msg_reader *r)
{
	memset(r, 0, sizeof(*r));
}

void msg_reader_consume(struct msg_reader *r)
{
	free(r->body);
	r->body = NULL;
	r->hdr_got = 0;
	r->body_got = 0;
}

long msg_in_place(const char *data, size_t len, struct xsd_sockmsg *hdr)
{
	if (len < sizeof(*hdr))
		return 0;
	memcpy(hdr, data, sizeof(*hdr));
	/* Oversized payloads kill the connection, as in Xen. */
	if (hdr->len > XENSTORE_PAYLOAD_MAX)
		return -EPROTO;
	if (len - sizeof(*hdr) < hdr->len)
		return 0;
	return (long)(sizeof(*hdr) + hdr->len);
}

long msg_reader_feed(struct msg_reader *r, const void *data, size_t len,
		     bool *complete)
{
	const char *p = data;
	size_t used = 0;

	*complete = false;
	if (r->hdr_got < sizeof(r->hdr)) {
		size_t want = sizeof(r->hdr) - r->hdr_got;
		size_t n = len < want ? len : want;

		memcpy((char *)&r->hdr + r->hdr_got, p, n);
		r->hdr_got += n;
		used += n;
		if (r->hdr_got < sizeof(r->hdr))
			return (long)used;
		if (r->hdr.len > XENSTORE_PAYLOAD_MAX)
			return -EPROTO;
		r->body = malloc(r->hdr.len + 1);
		if (!r->body)
			return -ENOMEM;
	}
	if (r->body_got < r->hdr.len) {
		size_t want = r->hdr.len - r->body_got;
		size_t n = len - used < want ? len - used : want;

		memcpy(r->body + r->body_got, p + used, n);
		r->body_got += n;
		used += n;
	}
	if (r->body_got == r->hdr.len) {
		r->body[r->hdr.len] = '\0'; /* a guard for string handling */
		*complete = true;
	}
	return (long)used;
}
