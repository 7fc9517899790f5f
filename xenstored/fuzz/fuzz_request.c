/* libFuzzer target: arbitrary bytes as the traffic of three connections
 * (dom0, an unprivileged domain, a second socket) through the framing and
 * the request handler. Replies are checked against the wire's limits. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg_reader.h"
#include "xs_core.h"

struct fuzz_conn {
	struct xs_conn c;
	struct msg_reader rd;
	bool live;
};

static int sink(struct xs_conn *c, const struct xsd_sockmsg *hdr, const void *body)
{
	(void)c;
	/* Nothing the daemon sends may break the protocol's own rules. */
	if (hdr->len > XENSTORE_PAYLOAD_MAX)
		abort();
	if (hdr->type == XS_ERROR && memchr(body, '\0', hdr->len) == NULL)
		abort();
	if (hdr->len)
		(void)((const volatile char *)body)[hdr->len - 1];
	return 0;
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
	for (i = 0; i < 3; i++) {
		core_conn_init(&core, &conns[i].c, &ops, domids[i]);
		msg_reader_init(&conns[i].rd);
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
				core_process(&core, &fc->c, &fc->rd.hdr, fc->rd.body);
				msg_reader_consume(&fc->rd);
			}
		}
		off += len;
	}
	for (i = 0; i < 3; i++)
		msg_reader_consume(&conns[i].rd); /* a message left half-fed */
	core_destroy(&core); /* destroys the live connections too */
	return 0;
}
