/* The wire: message framing (every malformed-input case), argument decoding,
 * id echo, error names, and the ring byte transfer. */
#include <dirent.h>
#include <stdio.h>
#include <unistd.h>

#include "harness.h"
#include "msg_reader.h"
#include "ring.h"

static void feed_whole_message(void **state)
{
	static struct msg_reader r;
	struct xsd_sockmsg h = { .type = XS_READ, .req_id = 9, .tx_id = 0, .len = 3 };
	char buf[sizeof(h) + 3];
	bool done;

	(void)state;
	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), "/a", 3);
	msg_reader_init(&r);
	assert_int_equal(msg_reader_feed(&r, buf, sizeof(buf), &done), sizeof(buf));
	assert_true(done);
	assert_int_equal(r.hdr.req_id, 9);
	assert_string_equal(r.body, "/a");
	msg_reader_consume(&r);
	assert_null(r.body);
}

static void whole_messages_are_found_in_place(void **state)
{
	struct xsd_sockmsg h = { .type = XS_READ, .req_id = 4, .len = 3 }, got;
	char buf[sizeof(h) + 3];

	(void)state;
	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), "/a", 3);
	assert_int_equal(msg_in_place(buf, sizeof(buf), &got), sizeof(buf));
	assert_int_equal(got.req_id, 4);
	/* Short by a byte of the body, or of the header: not yet. */
	assert_int_equal(msg_in_place(buf, sizeof(buf) - 1, &got), 0);
	assert_int_equal(msg_in_place(buf, sizeof(h) - 1, &got), 0);
	h.len = XENSTORE_PAYLOAD_MAX + 1;
	memcpy(buf, &h, sizeof(h));
	assert_int_equal(msg_in_place(buf, sizeof(h), &got), -EPROTO);
}

static void feed_byte_by_byte_and_back_to_back(void **state)
{
	static struct msg_reader r;
	struct xsd_sockmsg h = { .type = XS_WRITE, .req_id = 1, .len = 4 };
	char buf[2 * (sizeof(h) + 4)];
	size_t i, off = 0;
	int msgs = 0;

	(void)state;
	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), "/x\0v", 4);
	h.req_id = 2;
	memcpy(buf + sizeof(h) + 4, &h, sizeof(h));
	memcpy(buf + 2 * sizeof(h) + 4, "/y\0w", 4);
	msg_reader_init(&r);
	for (i = 0; i < sizeof(buf); i++) {
		bool done;

		assert_int_equal(msg_reader_feed(&r, buf + i, 1, &done), 1);
		if (done) {
			msgs++;
			assert_int_equal(r.hdr.req_id, (uint32_t)msgs);
			msg_reader_consume(&r);
		}
	}
	assert_int_equal(msgs, 2);
	/* Two messages in one buffer: the reader stops after the first. */
	msg_reader_init(&r);
	while (off < sizeof(buf)) {
		bool done;
		long n = msg_reader_feed(&r, buf + off, sizeof(buf) - off, &done);

		assert_true(n > 0);
		off += (size_t)n;
		if (done)
			msg_reader_consume(&r);
	}
	assert_int_equal(off, sizeof(buf));
}

static void oversized_and_garbage_are_fatal(void **state)
{
	static struct msg_reader r;
	struct xsd_sockmsg h = { .type = XS_READ, .len = XENSTORE_PAYLOAD_MAX + 1 };
	char garbage[64];
	bool done;

	(void)state;
	msg_reader_init(&r);
	assert_int_equal(msg_reader_feed(&r, &h, sizeof(h), &done), -EPROTO);
	memset(garbage, 0xA5, sizeof(garbage));
	msg_reader_init(&r);
	assert_int_equal(msg_reader_feed(&r, garbage, sizeof(garbage), &done), -EPROTO);
	/* Exactly the maximum is fine. */
	h.len = XENSTORE_PAYLOAD_MAX;
	msg_reader_init(&r);
	assert_int_equal(msg_reader_feed(&r, &h, sizeof(h), &done), sizeof(h));
	assert_false(done);
	msg_reader_consume(&r);
}

static void truncated_header_waits(void **state)
{
	static struct msg_reader r;
	struct xsd_sockmsg h = { .type = XS_READ, .len = 2 };
	bool done;

	(void)state;
	msg_reader_init(&r);
	assert_int_equal(msg_reader_feed(&r, &h, 7, &done), 7);
	assert_false(done);
	assert_int_equal(msg_reader_feed(&r, (char *)&h + 7, sizeof(h) - 7, &done),
			 sizeof(h) - 7);
	assert_false(done);
	assert_int_equal(msg_reader_feed(&r, "/", 1, &done), 1);
	assert_false(done);
	assert_int_equal(msg_reader_feed(&r, "", 1, &done), 1);
	assert_true(done);
	msg_reader_consume(&r);
}

static void malformed_arguments(void **state)
{
	struct xs_core core;
	struct t_conn *c;

	(void)state;
	assert_int_equal(core_init(&core), 0);
	c = t_conn_new(&core, 0);
	/* Missing terminator, empty payload, two strings where one is wanted. */
	assert_err(t_req(&core, c, XS_READ, 0, "/tool", 5), "EINVAL");
	assert_err(t_req(&core, c, XS_READ, 0, "", 0), "EINVAL");
	assert_err(t_req(&core, c, XS_READ, 0, "/tool\0/x\0", 9), "EINVAL");
	assert_err(t_req(&core, c, XS_RM, 0, "/tool\0x", 7), "EINVAL");
	assert_err(t_req(&core, c, XS_WRITE, 0, "/tool", 5), "EINVAL");
	assert_err(t_req(&core, c, XS_WATCH, 0, "/tool\0", 6), "EINVAL");
	assert_err(t_req(&core, c, XS_WATCH, 0, "/tool\0tok", 9), "EINVAL");
	assert_err(t_req(&core, c, XS_SET_PERMS, 0, "/tool", 5), "EINVAL");
	assert_err(t_req(&core, c, XS_DIRECTORY_PART, 0, "/tool\0", 6), "EINVAL");
	assert_err(t_req(&core, c, XS_CONTROL, 0, "", 0), "EINVAL");
	assert_err(t_req(&core, c, XS_CONTROL, 0, "nosuch\0", 7), "EINVAL");
	assert_err(t_req(&core, c, XS_SET_TARGET, 0, "1\0", 2), "EINVAL");
	/* A request with an unknown transaction id. */
	assert_err(t_req(&core, c, XS_READ, 77, "/tool\0", 6), "ENOENT");
	/* The store is intact after all that. */
	assert_value(&core, c, "/tool", "");
	t_conn_free(c);
	core_destroy(&core);
}

static void control_commands(void **state)
{
	struct xs_core core;
	struct t_conn *c, *d;
	struct t_msg *m;

	(void)state;
	assert_int_equal(core_init(&core), 0);
	c = t_conn_new(&core, 0);
	d = t_conn_new(&core, 3);
	m = t_req(&core, c, XS_CONTROL, 0, "help\0", 5);
	assert_int_equal(m->hdr.type, XS_CONTROL);
	assert_non_null(strstr(m->body, "memreport"));
	/* Xen's help layout: "%-15s %s" per command. */
	assert_non_null(strstr(m->body, "log             on|off\n"));
	assert_non_null(strstr(m->body, "memreport       [<file>]\n"));
	assert_string_equal(t_req(&core, c, XS_CONTROL, 0, "check\0", 6)->body, "OK");
	/* memreport <file> writes the report there and answers OK. */
	{
		char path[] = "/tmp/xs-memreport.XXXXXX", body[64], line[128] = "";
		int fd = mkstemp(path);
		FILE *f;
		uint32_t len;

		assert_true(fd >= 0);
		close(fd);
		len = (uint32_t)snprintf(body, sizeof(body), "memreport%c%s", 0, path) + 1;
		assert_string_equal(t_req(&core, c, XS_CONTROL, 0, body, len)->body, "OK");
		f = fopen(path, "r");
		assert_non_null(f);
		assert_non_null(fgets(line, sizeof(line), f));
		fclose(f);
		unlink(path);
		assert_non_null(strstr(line, "nodes: "));
		assert_err(t_req(&core, c, XS_CONTROL, 0, "memreport\0/nonexistent/dir/f\0", 29),
			   "ENOENT");
	}
	/* Xen 4.17's quota commands: list, set, a domain's usage, soft quota. */
	assert_ok(t_req(&core, c, XS_CONTROL, 0, "quota\0set\0nodes\0" "42\0", 19));
	assert_int_equal(core.quota.val[XS_QUOTA_NODES], 42);
	m = t_req(&core, c, XS_CONTROL, 0, "quota\0", 6);
	assert_memory_equal(m->body, "Quota settings:\n", 16);
	assert_non_null(strstr(m->body, "\nnodes            :       42 Nodes per domain\n"));
	assert_non_null(strstr(m->body, "\nnode-size        :     2048 Max. size of a node\n"));
	assert_err(t_req(&core, c, XS_CONTROL, 0, "quota\0set\0nodes\0" "0\0", 18), "EINVAL");
	assert_err(t_req(&core, c, XS_CONTROL, 0, "quota\0set\0bogus\0" "5\0", 18), "EINVAL");
	assert_err(t_req(&core, c, XS_CONTROL, 0, "quota\0set\0nodes\0" "5\0x\0", 20),
		   "EINVAL");
	assert_int_equal(core.quota.val[XS_QUOTA_NODES], 42);
	m = t_req(&core, c, XS_CONTROL, 0, "quota\0" "0\0", 8);
	assert_memory_equal(m->body, "Domain 0:\nnodes            : ", 29);
	assert_err(t_req(&core, c, XS_CONTROL, 0, "quota\0" "77\0", 9), "ENOENT");
	assert_ok(t_req(&core, c, XS_CONTROL, 0, "quota-soft\0set\0memory\0" "4096\0", 27));
	assert_int_equal(core.quota_soft_memory, 4096);
	m = t_req(&core, c, XS_CONTROL, 0, "quota-soft\0", 11);
	assert_string_equal(m->body, "Quota settings:\nmemory           :     4096 "
				     "Total Xenstore memory per domain (warning level)\n");
	assert_err(t_req(&core, c, XS_CONTROL, 0, "quota-soft\0set\0nodes\0" "5\0", 23),
		   "EINVAL");
	assert_err(t_req(&core, d, XS_CONTROL, 0, "check\0", 6), "EACCES");
	t_conn_free(c);
	t_conn_free(d);
	core_destroy(&core);
}

static void error_names_match_xen(void **state)
{
	(void)state;
	assert_string_equal(xs_error_name(EINVAL), "EINVAL");
	assert_string_equal(xs_error_name(EAGAIN), "EAGAIN");
	assert_string_equal(xs_error_name(E2BIG), "E2BIG");
	assert_string_equal(xs_error_name(EPERM), "EPERM");
	assert_string_equal(xs_error_name(12345), "EINVAL");
	assert_int_equal(sizeof(xsd_errors) / sizeof(xsd_errors[0]), 16);
	assert_int_equal(xsd_errors[0].errnum, EINVAL);
	assert_int_equal(xsd_errors[15].errnum, EPERM);
	assert_int_equal(XS_DIRECTORY_PART, 22);
	assert_int_equal(XS_RESET_WATCHES, 21);
	assert_int_equal(sizeof(struct xsd_sockmsg), 16);
	assert_int_equal(sizeof(struct xenstore_domain_interface), 2076);
}

static void ring_transfer_wraps(void **state)
{
	static struct xenstore_domain_interface intf;
	char out[XENSTORE_RING_SIZE];
	char msg[600];
	long n;
	int i;

	(void)state;
	memset(&intf, 0, sizeof(intf));
	/* Start near the wrap of the 32-bit index and of the ring. */
	intf.req_cons = intf.req_prod = 0xFFFFFF00U;
	for (i = 0; i < 600; i++)
		msg[i] = (char)i;
	for (i = 0; i < 600; i++)
		intf.req[MASK_XENSTORE_IDX(intf.req_prod + i)] = msg[i];
	intf.req_prod += 600;
	n = ring_peek_requests(&intf, out, sizeof(out));
	assert_int_equal(n, 600);
	assert_memory_equal(out, msg, 600);
	ring_consume_requests(&intf, 600);
	assert_int_equal(intf.req_cons, intf.req_prod);
	/* Responses stop when the ring is full. */
	intf.rsp_cons = intf.rsp_prod = 1000;
	assert_int_equal(ring_write_responses(&intf, msg, 600), 600);
	assert_int_equal(ring_write_responses(&intf, msg, 600), 424);
	assert_int_equal(ring_write_responses(&intf, msg, 600), 0);
	assert_int_equal(intf.rsp[MASK_XENSTORE_IDX(1000 + 600)], msg[0]);
	/* Impossible indexes from a guest are refused. */
	intf.req_prod = intf.req_cons + XENSTORE_RING_SIZE + 1;
	assert_int_equal(ring_peek_requests(&intf, out, sizeof(out)), -1);
	assert_int_equal(intf.error, XENSTORE_ERROR_RINGIDX);
}

/* The files in /proc/self/fd: a count to catch a descriptor left open. */
static int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/* CONTROL logfile hands the core a file; destroying the core closes it
 * (a fuzz run of many cores ran out of descriptors before). */
static void logfile_closed_with_core(void **state)
{
	char path[] = "/tmp/xs-logfile.XXXXXX", body[64];
	int fd = mkstemp(path), before, k;
	struct xs_core core;
	struct t_conn *c;
	uint32_t len;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	before = open_fds();
	assert_int_equal(core_init(&core), 0);
	c = t_conn_new(&core, 0);
	len = (uint32_t)snprintf(body, sizeof(body), "logfile%c%s", 0, path) + 1;
	/* A second logfile replaces the first: still one file open. */
	for (k = 0; k < 2; k++)
		assert_string_equal(t_req(&core, c, XS_CONTROL, 0, body, len)->body, "OK");
	assert_int_equal(open_fds(), before + 1);
	t_conn_free(c);
	core_destroy(&core);
	assert_int_equal(open_fds(), before);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(feed_whole_message),
		cmocka_unit_test(whole_messages_are_found_in_place),
		cmocka_unit_test(feed_byte_by_byte_and_back_to_back),
		cmocka_unit_test(oversized_and_garbage_are_fatal),
		cmocka_unit_test(truncated_header_waits),
		cmocka_unit_test(malformed_arguments),
		cmocka_unit_test(control_commands),
		cmocka_unit_test(logfile_closed_with_core),
		cmocka_unit_test(error_names_match_xen),
		cmocka_unit_test(ring_transfer_wraps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
