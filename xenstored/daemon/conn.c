/* What socket and ring connections share: output queues, framing, lifetime. */
#include <stdlib.h>
#include <string.h>

#include "daemon.h"

int outq_append(struct outq *q, const void *a, size_t alen, const void *b,
		size_t blen)
{
	size_t need = alen + blen;

	if (q->off && q->off == q->len)
		q->off = q->len = 0;
	if (q->len + need > q->cap) {
		size_t pend = q->len - q->off, cap;
		char *d;

		/* Compact first; grow only if that is not enough. */
		if (q->off) {
			memmove(q->data, q->data + q->off, pend);
			q->off = 0;
			q->len = pend;
		}
		cap = q->cap ? q->cap : 4096;
		while (q->len + need > cap)
			cap *= 2;
		if (cap != q->cap) {
			d = realloc(q->data, cap);
			if (!d)
				return -1;
			q->data = d;
			q->cap = cap;
		}
	}
	memcpy(q->data + q->len, a, alen);
	if (blen)
		memcpy(q->data + q->len + alen, b, blen);
	q->len += need;
	return 0;
}

void outq_free(struct outq *q)
{
	free(q->data);
	memset(q, 0, sizeof(*q));
}

static int conn_send(struct xs_conn *xc, const struct xsd_sockmsg *hdr,
		     const void *body)
{
	struct daemon_conn *c = (struct daemon_conn *)xc;

	if (c->dead)
		return -1;
	if (outq_pending(&c->out) > XS_OUTQ_DROP ||
	    outq_append(&c->out, hdr, sizeof(*hdr), body, hdr->len)) {
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

long daemon_conn_input(struct daemon_conn *c, const char *buf, size_t len)
{
	size_t used = 0;

	while (used < len && !c->dead) {
		bool complete;
		long n;

		if (outq_pending(&c->out) > XS_OUTQ_PAUSE)
			break; /* backpressure: the rest waits in the caller */
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
		c->destroy(c);
	}
}
