/* Output queues and the limits built on them: Xen's outstanding-requests
 * quota (a guest's unread replies hold back its next requests), the
 * watch-event timeout (-w) and the dropping of an event identical to one
 * still waiting, over the daemon's real connection code. */
#include <stdio.h>

#include "harness.h"
#include "daemon.h"

/* Everything sent: the queue is empty and its counts back to 0. */
static void drain_and_free(struct outq *q)
{
	outq_consumed(q, outq_pending(q));
	assert_int_equal(q->nmsgs, 0);
	assert_int_equal(q->replies, 0);
	outq_free(q);
}

static void records_follow_the_bytes(void **state)
{
	struct outq q = { 0 };
	char big[3000];

	(void)state;
	memset(big, 'b', sizeof(big));
	assert_int_equal(outq_append(&q, "R1", 2, "xx", 2, true, 0), 0);
	assert_int_equal(outq_append(&q, "E1", 2, "yy", 2, false, 50), 0);
	assert_int_equal(outq_append(&q, "R2", 2, NULL, 0, true, 0), 0);
	assert_int_equal(q.replies, 2);
	assert_int_equal(q.nmsgs, 3);
	outq_consumed(&q, 3); /* part of R1 */
	assert_int_equal(q.replies, 2);
	outq_consumed(&q, 1);
	assert_int_equal(q.replies, 1);
	assert_int_equal(q.nmsgs, 2);
	assert_int_equal(outq_next_deadline(&q), 50);
	/* Growth compacts the sent bytes away; records move with the data. */
	assert_int_equal(outq_append(&q, big, sizeof(big), big, sizeof(big), true, 0), 0);
	assert_int_equal(q.off, 0);
	assert_memory_equal(q.data + q.msgs[0].start, "E1yy", 4);
	assert_memory_equal(q.data + q.msgs[1].start, "R2", 2);
	drain_and_free(&q);
}

static void expired_events_go_replies_stay(void **state)
{
	struct outq q = { 0 };

	(void)state;
	outq_append(&q, "E1", 2, NULL, 0, false, 10);
	outq_append(&q, "R1", 2, NULL, 0, true, 0);
	outq_append(&q, "E2", 2, NULL, 0, false, 100);
	outq_append(&q, "E3", 2, NULL, 0, false, 10);
	outq_consumed(&q, 1); /* E1 has begun to go out: it must finish */
	assert_int_equal(outq_drop_expired(&q, 5), 0);
	assert_int_equal(outq_drop_expired(&q, 20), 1); /* E3 only */
	assert_int_equal(outq_pending(&q), 5);
	assert_memory_equal(q.data + q.off, "1R1E2", 5);
	assert_int_equal(outq_next_deadline(&q), 100);
	assert_int_equal(outq_drop_expired(&q, 100), 1); /* E2 */
	assert_memory_equal(q.data + q.off, "1R1", 3);
	assert_int_equal(q.replies, 1);
	assert_int_equal(outq_next_deadline(&q), 0);
	outq_free(&q);
}

/* Stale events among replies, many of them: the replies stay, in order,
 * each record still framing its own bytes. */
static void a_long_queue_keeps_its_replies_in_order(void **state)
{
	struct outq q = { 0 };
	char want[3000], ev[8], rp[8];
	size_t wlen = 0, i;

	(void)state;
	for (i = 0; i < 500; i++) {
		snprintf(ev, sizeof(ev), "E%03zu", i);
		snprintf(rp, sizeof(rp), "R%03zu", i);
		assert_int_equal(outq_append(&q, ev, 4, NULL, 0, false, i < 250 ? 10 : 30), 0);
		assert_int_equal(outq_append(&q, rp, 4, NULL, 0, true, 0), 0);
	}
	outq_consumed(&q, 2); /* E000 has begun: it stays */
	assert_int_equal(outq_drop_expired(&q, 20), 249);
	assert_int_equal(outq_next_deadline(&q), 30);
	assert_int_equal(outq_drop_expired(&q, 30), 250);
	assert_int_equal(outq_next_deadline(&q), 0);
	memcpy(want, "00", 2);
	wlen = 2;
	for (i = 0; i < 500; i++)
		wlen += (size_t)snprintf(want + wlen, sizeof(want) - wlen, "R%03zu", i);
	assert_int_equal(outq_pending(&q), wlen);
	assert_memory_equal(q.data + q.off, want, wlen);
	assert_int_equal(q.nmsgs, 501);
	assert_int_equal(q.replies, 500);
	assert_true(outq_consistent(&q));
	for (i = 1; i < q.nmsgs; i++)
		assert_memory_equal(q.data + q.msgs[i].start, want + 2 + 4 * (i - 1), 4);
	drain_and_free(&q);
}

/* An event that has begun to go out must finish even when the buffer is
 * compacted under it (the fuzzer found compaction moving its start before
 * the buffer, after which expiry dropped its rest and the reader got half
 * a message followed by the next). */
static void a_begun_event_survives_compaction(void **state)
{
	struct outq q = { 0 };
	char big[300];

	(void)state;
	memset(big, 'b', sizeof(big));
	assert_int_equal(outq_append(&q, "R1", 2, "xxxx", 4, true, 0), 0);
	assert_int_equal(outq_append(&q, "E1", 2, "yyyy", 4, false, 10), 0);
	outq_consumed(&q, 8); /* R1 and two bytes of E1 */
	assert_int_equal(outq_append(&q, big, sizeof(big), NULL, 0, true, 0), 0);
	assert_true(outq_consistent(&q));
	assert_true(q.msgs[0].start < q.off);
	assert_int_equal(outq_drop_expired(&q, 20), 0);
	assert_false(outq_has_waiting_event(&q, "E1", 2, "yyyy", 4));
	assert_int_equal(outq_pending(&q), 4 + sizeof(big));
	assert_memory_equal(q.data + q.off, "yyyy", 4);
	assert_memory_equal(q.data + q.off + 4, big, sizeof(big));
	drain_and_free(&q);
}

/* A reader that takes a few bytes at a time while more is queued: every
 * byte comes out once and in order, the records keep framing them, and the
 * room of what has gone is reused (neither array grows past a few times the
 * most that waited at once). */
static void a_slow_reader_gets_every_byte_in_order(void **state)
{
	enum { N = 20000 };
	struct outq q = { 0 };
	char *want = malloc(N * 8), *got = malloc(N * 8), msg[16];
	size_t wlen = 0, glen = 0, take = 1, peak_msgs = 0, peak_bytes = 0, i;
	size_t peak_msgs_cap = 0, peak_cap = 0;

	(void)state;
	assert_non_null(want);
	assert_non_null(got);
	for (i = 0; i < N || outq_pending(&q); i++) {
		if (i < N) {
			int n = snprintf(msg, sizeof(msg), "<%zu>", i);

			assert_int_equal(outq_append(&q, msg, (size_t)n, NULL, 0, i % 3 == 0, 0), 0);
			memcpy(want + wlen, msg, (size_t)n);
			wlen += (size_t)n;
		}
		if (q.nmsgs > peak_msgs)
			peak_msgs = q.nmsgs;
		if (outq_pending(&q) > peak_bytes)
			peak_bytes = outq_pending(&q);
		if (q.msgs_cap > peak_msgs_cap)
			peak_msgs_cap = q.msgs_cap;
		if (q.cap > peak_cap)
			peak_cap = q.cap;
		/* First less than comes in (the queue grows), then about as
		 * much: many times what waits at once goes through. */
		if (i % 2 || i >= N / 4) {
			size_t n = take < outq_pending(&q) ? take : outq_pending(&q);

			memcpy(got + glen, q.data + q.off, n);
			glen += n;
			outq_consumed(&q, n);
			take = take % 13 + 1;
		}
		assert_true(outq_consistent(&q));
	}
	assert_int_equal(glen, wlen);
	assert_memory_equal(got, want, wlen);
	assert_int_equal(q.nmsgs, 0);
	assert_int_equal(q.replies, 0);
	assert_true(peak_msgs > 1000 && glen > 4 * peak_bytes);
	assert_true(peak_msgs_cap <= 4 * peak_msgs);
	assert_true(peak_cap <= 4 * peak_bytes);
	outq_free(&q);
	free(want);
	free(got);
}

/* A new event is compared with the newest OUTQ_DEDUP_SCAN messages only, so
 * a long queue costs no more per event (Xen compares with the whole queue,
 * which a guest that stops reading makes quadratic): a repeat of a recent
 * change is still caught, one of a change far back is queued again, and one
 * that has begun to go out no longer counts. */
static void only_recent_events_are_compared(void **state)
{
	struct outq q = { 0 };
	char ev[8];
	int i;

	(void)state;
	for (i = 0; i < 1000; i++) {
		snprintf(ev, sizeof(ev), "E%04d", i);
		assert_int_equal(outq_append(&q, ev, 5, NULL, 0, false, 0), 0);
	}
	assert_true(outq_has_waiting_event(&q, "E0999", 5, NULL, 0));
	snprintf(ev, sizeof(ev), "E%04d", 1000 - OUTQ_DEDUP_SCAN);
	assert_true(outq_has_waiting_event(&q, ev, 5, NULL, 0));
	snprintf(ev, sizeof(ev), "E%04d", 999 - OUTQ_DEDUP_SCAN);
	assert_false(outq_has_waiting_event(&q, ev, 5, NULL, 0));
	assert_false(outq_has_waiting_event(&q, "E0000", 5, NULL, 0));
	assert_true(outq_has_waiting_event(&q, "E09", 3, "99", 2)); /* a and b joined */
	outq_consumed(&q, outq_pending(&q) - 3); /* E0999 has begun */
	assert_false(outq_has_waiting_event(&q, "E0999", 5, NULL, 0));
	outq_free(&q);
}

/* A daemon connection of domain 1 whose transport never sends anything. */
static void no_flush(struct daemon_conn *c) { (void)c; }
static void no_destroy(struct daemon_conn *c) { (void)c; }

static struct daemon dmn;
static struct daemon_conn guest, dom0;

static void setup_conn(struct daemon_conn *c, uint32_t domid, bool ring)
{
	memset(c, 0, sizeof(*c));
	c->flush = no_flush;
	c->destroy = no_destroy;
	daemon_conn_register(&dmn, c, domid);
	c->base.is_domain = ring;
}

static int setup(void **state)
{
	(void)state;
	memset(&dmn, 0, sizeof(dmn));
	assert_int_equal(core_init(&dmn.core), 0);
	setup_conn(&dom0, 0, false);
	setup_conn(&guest, 1, true);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	daemon_conn_kill(&guest);
	daemon_conn_kill(&dom0);
	outq_free(&guest.out);
	outq_free(&dom0.out);
	msg_reader_consume(&guest.rd);
	msg_reader_consume(&dom0.rd);
	core_destroy(&dmn.core);
	return 0;
}

/* n READ requests of "/" back to back, as a ring would carry them. */
static size_t reads(char *buf, unsigned int n)
{
	size_t used = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		struct xsd_sockmsg h = { .type = XS_READ, .req_id = i, .len = 2 };

		memcpy(buf + used, &h, sizeof(h));
		memcpy(buf + used + sizeof(h), "/", 2);
		used += sizeof(h) + 2;
	}
	return used;
}

static void outstanding_quota_holds_back_a_guest(void **state)
{
	char buf[64 * 32];
	size_t one = sizeof(struct xsd_sockmsg) + 2, len = reads(buf, 25);
	long used;

	(void)state;
	assert_int_equal(dmn.core.quota.val[XS_QUOTA_OUTSTANDING], 20);
	used = daemon_conn_input(&guest, buf, len);
	/* Twenty replies unread: the rest stays in the ring. */
	assert_int_equal(used, (long)(20 * one));
	assert_int_equal(guest.out.replies, 20);
	assert_true(guest.throttled);
	assert_int_equal(daemon_conn_input(&guest, buf + used, len - (size_t)used), 0);
	/* The guest takes five replies: five more requests go through. */
	outq_consumed(&guest.out, 5 * (guest.out.msgs[0].end - guest.out.msgs[0].start));
	assert_int_equal(guest.out.replies, 15);
	assert_int_equal(daemon_conn_input(&guest, buf + used, len - (size_t)used),
			 (long)(5 * one));
	assert_int_equal(guest.out.replies, 20);
	/* dom0 is never held back. */
	len = reads(buf, 40);
	assert_int_equal(daemon_conn_input(&dom0, buf, len), (long)len);
	assert_int_equal(dom0.out.replies, 40);
}

static void stale_events_for_a_guest_are_dropped(void **state)
{
	struct xsd_sockmsg h = { .type = XS_WATCH, .len = 7 };
	char buf[64];
	uint64_t deadline;

	(void)state;
	dmn.core.timeout_watch_event_ms = 3000;
	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), "/w\0tok", 7);
	assert_int_equal(daemon_conn_input(&guest, buf, sizeof(h) + 7), (long)(sizeof(h) + 7));
	assert_int_equal(daemon_conn_input(&dom0, buf, sizeof(h) + 7), (long)(sizeof(h) + 7));
	/* Reply and initial event each. */
	assert_int_equal(guest.out.nmsgs, 2);
	deadline = outq_next_deadline(&guest.out);
	assert_true(deadline >= daemon_now_ms() + 2000);
	assert_int_equal(outq_next_deadline(&dom0.out), 0); /* dom0's never expire */
	assert_int_equal(outq_drop_expired(&guest.out, deadline - 1), 0);
	assert_int_equal(outq_drop_expired(&guest.out, deadline), 1);
	assert_int_equal(guest.out.nmsgs, 1);
	assert_int_equal(guest.out.replies, 1);
	/* 0 turns the timeout off, as in Xen. */
	dmn.core.timeout_watch_event_ms = 0;
	h.type = XS_WATCH;
	memcpy(buf + sizeof(h), "/v\0tok", 7);
	memcpy(buf, &h, sizeof(h));
	daemon_conn_input(&guest, buf, sizeof(h) + 7);
	assert_int_equal(outq_next_deadline(&guest.out), 0);
}

/* The loop sleeps with no timer unless an event can expire, then until the
 * first one does, and drops it then. */
static void the_loop_waits_for_the_first_deadline_only(void **state)
{
	struct xsd_sockmsg h = { .type = XS_WATCH, .len = 7 };
	char buf[64];
	int wait;
	size_t i;

	(void)state;
	dmn.core.timeout_watch_event_ms = 3000;
	assert_int_equal(daemon_expire_events(&dmn), -1);
	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), "/w\0tok", 7);
	daemon_conn_input(&dom0, buf, sizeof(h) + 7);
	assert_int_equal(daemon_expire_events(&dmn), -1); /* dom0's never expire */
	daemon_conn_input(&guest, buf, sizeof(h) + 7);
	wait = daemon_expire_events(&dmn);
	assert_true(wait > 2000 && wait <= 3000);
	assert_int_equal(guest.out.nmsgs, 2);
	/* Its time passes: dropped, and nothing is left to wait for. */
	for (i = 0; i < guest.out.nmsgs; i++)
		if (guest.out.msgs[i].deadline)
			guest.out.msgs[i].deadline = 1;
	assert_int_equal(daemon_expire_events(&dmn), -1);
	assert_int_equal(guest.out.nmsgs, 1);
	assert_int_equal(guest.out.replies, 1);
}

/* One request of type with the given payload, fed to c; all of it taken. */
static void send_req(struct daemon_conn *c, uint32_t type, const char *payload, uint32_t len)
{
	struct xsd_sockmsg h = { .type = type, .len = len };
	char buf[sizeof(h) + 256];

	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), payload, len);
	assert_int_equal(daemon_conn_input(c, buf, sizeof(h) + len), (long)(sizeof(h) + len));
}

static unsigned int events(const struct outq *q)
{
	return (unsigned int)(q->nmsgs - q->replies);
}

static void identical_waiting_events_are_not_repeated(void **state)
{
	(void)state;
	send_req(&dom0, XS_WRITE, "/w\0" "1", 4);
	send_req(&dom0, XS_SET_PERMS, "/w\0" "n0\0" "r1\0", 9);
	send_req(&guest, XS_WATCH, "/w\0" "tok\0", 7);
	outq_consumed(&guest.out, outq_pending(&guest.out)); /* reply and initial event taken */
	send_req(&dom0, XS_WRITE, "/w\0" "2", 4);
	send_req(&dom0, XS_WRITE, "/w\0" "3", 4);
	send_req(&dom0, XS_WRITE, "/w/child\0" "4", 10);
	/* Two writes of /w while the first event waits: one "/w" event. */
	assert_int_equal(events(&guest.out), 2);
	/* Once it has gone, the next change is reported again. */
	outq_consumed(&guest.out, outq_pending(&guest.out));
	send_req(&dom0, XS_WRITE, "/w\0" "5", 4);
	assert_int_equal(events(&guest.out), 1);
	/* Special events are all kept, as in Xen. */
	send_req(&dom0, XS_WATCH, "@introduceDomain\0" "in\0", 20);
	outq_consumed(&dom0.out, outq_pending(&dom0.out));
	send_req(&dom0, XS_INTRODUCE, "7\0" "1\0" "1\0", 6);
	send_req(&dom0, XS_INTRODUCE, "8\0" "1\0" "1\0", 6);
	assert_int_equal(events(&dom0.out), 2);
}


/* Requests are run where they lie in the transport's buffer, which is left
 * as it was; one split across two reads is put together first. */
static void requests_run_in_place_and_split_ones_are_joined(void **state)
{
	struct xsd_sockmsg w = { .type = XS_WRITE, .req_id = 1, .len = 6 };
	struct xsd_sockmsg r = { .type = XS_READ, .req_id = 2, .len = 3 };
	char buf[128], copy[128];
	size_t one = sizeof(w) + 6, len = 0, cut;
	const struct outq_msg *m;

	(void)state;
	memset(buf, 0, sizeof(buf));
	memcpy(buf, &w, sizeof(w));
	memcpy(buf + sizeof(w), "/a\0xyz", 6);
	memcpy(buf + one, &w, sizeof(w));
	memcpy(buf + one + sizeof(w), "/b\0pqr", 6);
	memcpy(buf + 2 * one, &r, sizeof(r));
	memcpy(buf + 2 * one + sizeof(r), "/b", 3);
	len = 2 * one + sizeof(r) + 3;
	memcpy(copy, buf, sizeof(buf));
	/* Two writes whole, the read cut inside its header. */
	cut = 2 * one + 5;
	assert_int_equal(daemon_conn_input(&dom0, buf, cut), (long)cut);
	assert_memory_equal(buf, copy, sizeof(buf));
	assert_int_equal(dom0.out.replies, 2);
	assert_true(dom0.rd.hdr_got == 5);
	assert_int_equal(daemon_conn_input(&dom0, buf + cut, len - cut), (long)(len - cut));
	assert_int_equal(dom0.out.replies, 3);
	assert_false(msg_reader_busy(&dom0.rd));
	m = &dom0.out.msgs[2];
	assert_int_equal(m->end - m->start, sizeof(r) + 3);
	assert_memory_equal(dom0.out.data + m->start + sizeof(r), "pqr", 3);
	/* A body without its own NUL still reads as a string of its length. */
	w.len = 5;
	memcpy(buf, &w, sizeof(w));
	memcpy(buf + sizeof(w), "/c\0zz", 5);
	buf[sizeof(w) + 5] = 'Q';
	assert_int_equal(daemon_conn_input(&dom0, buf, sizeof(w) + 5), (long)(sizeof(w) + 5));
	assert_int_equal(buf[sizeof(w) + 5], 'Q');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(records_follow_the_bytes),
		cmocka_unit_test(expired_events_go_replies_stay),
		cmocka_unit_test(a_long_queue_keeps_its_replies_in_order),
		cmocka_unit_test(a_begun_event_survives_compaction),
		cmocka_unit_test(a_slow_reader_gets_every_byte_in_order),
		cmocka_unit_test(only_recent_events_are_compared),
		cmocka_unit_test_setup_teardown(outstanding_quota_holds_back_a_guest, setup, teardown),
		cmocka_unit_test_setup_teardown(stale_events_for_a_guest_are_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(the_loop_waits_for_the_first_deadline_only, setup, teardown),
		cmocka_unit_test_setup_teardown(identical_waiting_events_are_not_repeated, setup, teardown),
		cmocka_unit_test_setup_teardown(requests_run_in_place_and_split_ones_are_joined, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
