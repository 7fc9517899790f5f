/* libFuzzer target: arbitrary bytes as the traffic of three connections
 * (dom0, an unprivileged domain, a second socket) through the framing and
 * the request handler. Replies are checked against the wire's limits, then
 * queued as the daemon queues them (its output queue, event deduplication,
 * expiry of the guest's events) and read back a few bytes at a time, as
 * much as each request's id says: what comes out must frame as messages. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg_reader.h"
#include "outq.h"
#include "xs_core.h"

struct fuzz_conn {
	struct xs_conn c; /* first: sink gets &c */
	struct msg_reader rd;
	bool live;
	struct outq out;
	struct msg_reader client; /* the other end, reading what out sends */
};

/* Fake milliseconds: one per chunk of input; guest events live for 4. */
static uint64_t now_ms;

static int sink(struct xs_conn *c, const struct xsd_sockmsg *hdr, const void *body)
{
	struct fuzz_conn *fc = (struct fuzz_conn *)c;
	bool reply = hdr->type != XS_WATCH_EVENT;

	/* Nothing the daemon sends may break the protocol's own rules. */
	if (hdr->len > XENSTORE_PAYLOAD_MAX)
		abort();
	if (hdr->type == XS_ERROR && memchr(body, '\0', hdr->len) == NULL)
		abort();
	if (hdr->len)
		(void)((const volatile char *)body)[hdr->len - 1];
	if (!reply && hdr->len && ((const char *)body)[0] != '@' &&
	    outq_has_waiting_event(&fc->out, hdr, sizeof(*hdr), body, hdr->len))
		return 0;
	outq_append(&fc->out, hdr, sizeof(*hdr), body, hdr->len, reply,
		    !reply && c->id ? now_ms + 4 : 0);
	return 0;
}

/* The client end takes up to n bytes: they must frame as whole messages. */
static void client_read(struct fuzz_conn *fc, size_t n)
{
	size_t used = 0;

	if (n > outq_pending(&fc->out))
		n = outq_pending(&fc->out);
	while (used < n) {
		bool done;
		long k = msg_reader_feed(&fc->client, fc->out.data + fc->out.off + used,
					 n - used, &done);

		if (k <= 0)
			abort();
		used += (size_t)k;
		if (done)
			msg_reader_consume(&fc->client);
	}
	outq_consumed(&fc->out, n);
	if (!outq_consistent(&fc->out))
		abort();
}

static const struct xs_conn_ops ops = { .send = sink };

/* CONTROL logfile / memreport open the file an input names: keep them in
 * the run's own directory (linked with -Wl,--wrap=fopen). */
FILE *__real_fopen(const char *path, const char *mode);
FILE *__wrap_fopen(const char *path, const char *mode)
{
	if (path[0] == '/' || strstr(path, "..")) {
		errno = EACCES;
		return NULL;
	}
	return __real_fopen(path, mode);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t domids[3] = { 0, 1, 0 };
	static struct fuzz_conn conns[3];
	struct xs_core core;
	size_t off = 0;
	int i;

	if (core_init(&core))
		return 0;
	now_ms = 1;
	for (i = 0; i < 3; i++) {
		core_conn_init(&core, &conns[i].c, &ops, domids[i]);
		msg_reader_init(&conns[i].rd);
		msg_reader_init(&conns[i].client);
		memset(&conns[i].out, 0, sizeof(conns[i].out));
		conns[i].live = true;
	}
	/* Chunks: one selector byte (connection, length) then bytes for it. */
	while (off < size) {
		uint8_t sel = data[off++];
		struct fuzz_conn *fc = &conns[sel % 3];
		size_t len = (size_t)(sel >> 2) * 8 + 1, used = 0;

		if (len > size - off)
			len = size - off;
		while (used < len && fc->live) {
			bool done;
			long n = msg_reader_feed(&fc->rd, data + off + used, len - used, &done);

			if (n < 0) {
				/* The transport drops such a client. */
				core_conn_destroy(&fc->c);
				fc->live = false;
				break;
			}
			used += (size_t)n;
			if (done) {
				uint32_t take = fc->rd.hdr.req_id;

				core_process(&core, &fc->c, &fc->rd.hdr, fc->rd.body);
				msg_reader_consume(&fc->rd);
				if (!outq_consistent(&fc->out))
					abort();
				client_read(fc, take & 0x3ff);
			}
		}
		off += len;
		now_ms++;
		for (i = 0; i < 3; i++) {
			outq_drop_expired(&conns[i].out, now_ms);
			if (!outq_consistent(&conns[i].out))
				abort();
		}
	}
	for (i = 0; i < 3; i++) {
		client_read(&conns[i], outq_pending(&conns[i].out));
		if (msg_reader_busy(&conns[i].client))
			abort(); /* the queue ended inside a message */
		msg_reader_consume(&conns[i].rd); /* a message left half-fed */
	}
	core_destroy(&core); /* destroys the live connections too */
	for (i = 0; i < 3; i++)
		outq_free(&conns[i].out);
	return 0;
}
