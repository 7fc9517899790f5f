/* What socket and ring connections share: output queues, framing, lifetime. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon.h"

uint64_t daemon_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

bool daemon_conn_is_guest(const struct daemon_conn *c)
{
	return c->base.is_domain && !conn_is_privileged(&c->base);
}

int daemon_expire_events(struct daemon *dmn)
{
	uint64_t now = 0, next = 0;
	struct daemon_conn *c;

	for (c = dmn->conns; c; c = c->next) {
		uint64_t due;
		unsigned int n;

		if (c->dead || !c->out.nmsgs || !(due = outq_next_deadline(&c->out)))
			continue;
		/* The clock is read only when some event can expire. */
		if (!now)
			now = daemon_now_ms();
		if (due <= now) {
			n = outq_drop_expired(&c->out, now);
			if (n)
				core_trace(&dmn->core,
					   "%u watch events for domain %u discarded (timeout)",
					   n, c->base.id);
			due = outq_next_deadline(&c->out);
			if (!due)
				continue;
		}
		if (!next || due < next)
			next = due;
	}
	if (!next)
		return -1;
	return next - now > INT_MAX ? INT_MAX : (int)(next - now);
}

static int conn_send(struct xs_conn *xc, const struct xsd_sockmsg *hdr,
		     const void *body)
{
	struct daemon_conn *c = (struct daemon_conn *)xc;
	bool reply = hdr->type != XS_WATCH_EVENT;
	unsigned int timeout = c->dmn->core.timeout_watch_event_ms;
	uint64_t deadline = 0;

	if (c->dead)
		return -1;
	/* Xen bounds how long an event may wait for an unprivileged domain. */
	if (!reply && timeout && daemon_conn_is_guest(c))
		deadline = daemon_now_ms() + timeout;
	/* Nor does it queue an event twice (special ones excepted). */
	if (!reply && hdr->len && ((const char *)body)[0] != '@' &&
	    outq_has_waiting_event(&c->out, hdr, sizeof(*hdr), body, hdr->len))
		return 0;
	if (outq_pending(&c->out) > XS_OUTQ_DROP ||
	    outq_append(&c->out, hdr, sizeof(*hdr), body, hdr->len, reply, deadline)) {
		daemon_conn_kill(c);
		return -1;
	}
	if (!c->in_pending) {
		c->in_pending = true;
		c->next_pending = c->dmn->pending;
		c->dmn->pending = c;
	}
	return 0;
}

const struct xs_conn_ops daemon_conn_ops = { .send = conn_send };

void daemon_conn_register(struct daemon *dmn, struct daemon_conn *c, uint32_t domid)
{
	core_conn_init(&dmn->core, &c->base, &daemon_conn_ops, domid);
	c->dmn = dmn;
	msg_reader_init(&c->rd);
	c->next = dmn->conns;
	dmn->conns = c;
}

void daemon_conn_kill(struct daemon_conn *c)
{
	if (c->dead)
		return;
	c->dead = true;
	/* Out of the core at once: no more events are queued for it. */
	core_conn_destroy(&c->base);
}

/* Runs one message that lies whole in buf: its body is followed by a NUL
 * for the core's string handling, in the byte after it, put back after. */
static void process_in_place(struct daemon_conn *c, const struct xsd_sockmsg *hdr,
			     char *body)
{
	char saved = body[hdr->len];

	body[hdr->len] = '\0';
	core_process(c->base.core, &c->base, hdr, body);
	body[hdr->len] = saved;
}

long daemon_conn_input(struct daemon_conn *c, char *buf, size_t len)
{
	size_t used = 0;

	while (used < len && !c->dead) {
		struct xsd_sockmsg hdr;
		bool complete;
		long n;

		if (outq_pending(&c->out) > XS_OUTQ_PAUSE)
			break; /* backpressure: the rest waits in the caller */
		/* Xen's outstanding quota: a domain with that many replies it
		 * has not taken yet sends no more requests for now. */
		if (daemon_conn_is_guest(c) &&
		    c->out.replies >= c->base.core->quota.val[XS_QUOTA_OUTSTANDING]) {
			c->throttled = true;
			break;
		}
		c->throttled = false;
		if (!msg_reader_busy(&c->rd)) {
			n = msg_in_place(buf + used, len - used, &hdr);
			if (n < 0)
				return -1;
			if (n > 0) {
				process_in_place(c, &hdr, buf + used + sizeof(hdr));
				used += (size_t)n;
				continue;
			}
		}
		n = msg_reader_feed(&c->rd, buf + used, len - used, &complete);
		if (n < 0)
			return -1;
		used += (size_t)n;
		if (complete) {
			core_process(c->base.core, &c->base, &c->rd.hdr, c->rd.body);
			msg_reader_consume(&c->rd);
		}
	}
	return (long)used;
}

void daemon_flush_pending(struct daemon *dmn)
{
	while (dmn->pending) {
		struct daemon_conn *c = dmn->pending;

		dmn->pending = c->next_pending;
		c->in_pending = false;
		if (!c->dead)
			c->flush(c);
	}
}

void daemon_reap(struct daemon *dmn)
{
	struct daemon_conn **pp = &dmn->conns;

	while (*pp) {
		struct daemon_conn *c = *pp;

		if (!c->dead) {
			pp = &c->next;
			continue;
		}
		*pp = c->next;
		if (c->in_pending) {
			struct daemon_conn **q = &dmn->pending;

			while (*q && *q != c)
				q = &(*q)->next_pending;
			if (*q)
				*q = c->next_pending;
		}
		outq_free(&c->out);
		msg_reader_consume(&c->rd);
		c->destroy(c);
	}
}
