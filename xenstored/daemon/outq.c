/* Output queues: the bytes a connection still has to receive, and where each
 * message in them begins and ends, so that replies can be counted (Xen's
 * outstanding-requests quota) and stale watch events dropped (-w). */
#include <stdlib.h>
#include <string.h>

#include "outq.h"

/* Typical replies are tens of bytes: start small, grow by doubling, and give
 * a burst's buffers back once they drain, so idle connections stay cheap. */
#define OUTQ_FIRST_BYTES 256
#define OUTQ_FIRST_MSGS 8
#define OUTQ_KEEP_BYTES 4096
#define OUTQ_KEEP_MSGS 64

static void records_shift(struct outq *q, size_t by)
{
	size_t i;

	for (i = 0; i < q->nmsgs; i++) {
		q->msgs[i].start -= by;
		q->msgs[i].end -= by;
	}
}

int outq_append(struct outq *q, const void *a, size_t alen, const void *b,
		size_t blen, bool reply, uint64_t deadline)
{
	size_t need = alen + blen;

	if (q->off && q->off == q->len)
		q->off = q->len = 0;
	if (!q->msgs_base || q->msgs + q->nmsgs == q->msgs_base + q->msgs_cap) {
		size_t sent = q->msgs_base ? (size_t)(q->msgs - q->msgs_base) : 0;

		/* Reuse the sent records' room when it is at least half: each
		 * record then moves O(1) times on average. */
		if (sent && sent >= q->nmsgs) {
			memmove(q->msgs_base, q->msgs, q->nmsgs * sizeof(*q->msgs));
		} else {
			size_t cap = q->msgs_cap ? q->msgs_cap * 2 : OUTQ_FIRST_MSGS;
			struct outq_msg *m = realloc(q->msgs_base, cap * sizeof(*m));

			if (!m)
				return -1;
			memmove(m, m + sent, q->nmsgs * sizeof(*m));
			q->msgs_base = m;
			q->msgs_cap = cap;
		}
		q->msgs = q->msgs_base;
	}
	if (q->len + need > q->cap) {
		/* A message that has begun to go keeps its sent bytes, so that
		 * every record's start stays in the buffer: whether it has
		 * begun is read off start < off. */
		size_t from = q->nmsgs && q->msgs[0].start < q->off ? q->msgs[0].start : q->off;
		size_t keep = q->len - from, cap;
		char *d;

		/* Compact when that frees at least half as much as it moves:
		 * then the next compaction is that far away, so a byte moves
		 * at most twice however slowly the reader takes them. Grow if
		 * that is not enough room. */
		if (from && 2 * from >= keep) {
			memmove(q->data, q->data + from, keep);
			records_shift(q, from);
			q->off -= from;
			q->len = keep;
		}
		cap = q->cap ? q->cap : OUTQ_FIRST_BYTES;
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
	q->msgs[q->nmsgs++] = (struct outq_msg){
		.start = q->len, .end = q->len + need, .reply = reply, .deadline = deadline,
	};
	q->len += need;
	if (reply)
		q->replies++;
	if (deadline)
		q->timed++;
	return 0;
}

void outq_consumed(struct outq *q, size_t n)
{
	size_t done = 0;

	q->off += n;
	while (done < q->nmsgs && q->msgs[done].end <= q->off) {
		if (q->msgs[done].reply)
			q->replies--;
		if (q->msgs[done].deadline)
			q->timed--;
		done++;
	}
	if (done) {
		q->nmsgs -= done;
		q->msgs = q->nmsgs ? q->msgs + done : q->msgs_base;
	}
	if (q->off != q->len)
		return;
	q->off = q->len = 0;
	if (q->cap > OUTQ_KEEP_BYTES) {
		free(q->data);
		q->data = NULL;
		q->cap = 0;
	}
	if (!q->nmsgs && q->msgs_cap > OUTQ_KEEP_MSGS) {
		free(q->msgs_base);
		q->msgs = q->msgs_base = NULL;
		q->msgs_cap = 0;
	}
}

unsigned int outq_drop_expired(struct outq *q, uint64_t now)
{
	unsigned int dropped = 0;
	size_t i, kept = 0, to = q->off;

	if (!q->timed)
		return 0;
	/* One pass, the kept messages moving down over the dropped ones: a
	 * guest's long queue costs no more than its length. */
	for (i = 0; i < q->nmsgs; i++) {
		struct outq_msg m = q->msgs[i];
		size_t size = m.end - m.start;

		/* Only whole events nothing of which has gone out yet. */
		if (m.deadline && m.deadline <= now && m.start >= q->off) {
			dropped++;
			continue;
		}
		if (m.start >= q->off && m.start != to) {
			memmove(q->data + to, q->data + m.start, size);
			m.start = to;
			m.end = to + size;
		}
		to = m.end;
		q->msgs[kept++] = m;
	}
	q->nmsgs = kept;
	q->len = to;
	q->timed -= dropped;
	return dropped;
}

bool outq_has_waiting_event(const struct outq *q, const void *a, size_t alen,
			    const void *b, size_t blen)
{
	size_t i, seen = 0;

	/* Newest first; those before one already begun have all begun. */
	for (i = q->nmsgs; i-- > 0 && seen++ < OUTQ_DEDUP_SCAN;) {
		const struct outq_msg *m = &q->msgs[i];
		const char *p = q->data + m->start;

		if (m->start < q->off)
			break;
		if (!m->reply && m->end - m->start == alen + blen &&
		    memcmp(p, a, alen) == 0 && memcmp(p + alen, b, blen) == 0)
			return true;
	}
	return false;
}

uint64_t outq_next_deadline(const struct outq *q)
{
	size_t i;

	if (!q->timed)
		return 0; /* the daemon asks on every pass of its loop */
	for (i = 0; i < q->nmsgs; i++)
		if (q->msgs[i].deadline && q->msgs[i].start >= q->off)
			return q->msgs[i].deadline;
	return 0;
}

bool outq_consistent(const struct outq *q)
{
	unsigned int replies = 0;
	size_t timed = 0, i;

	if (!q->nmsgs)
		return q->off == q->len && !q->replies && !q->timed;
	if (q->msgs < q->msgs_base || q->msgs + q->nmsgs > q->msgs_base + q->msgs_cap ||
	    q->msgs[0].start > q->off || q->off >= q->msgs[0].end ||
	    q->msgs[q->nmsgs - 1].end != q->len || q->len > q->cap)
		return false;
	for (i = 0; i < q->nmsgs; i++) {
		if (i && q->msgs[i].start != q->msgs[i - 1].end)
			return false;
		replies += q->msgs[i].reply;
		timed += q->msgs[i].deadline != 0;
	}
	return replies == q->replies && timed == q->timed;
}

void outq_free(struct outq *q)
{
	free(q->data);
	free(q->msgs_base);
	memset(q, 0, sizeof(*q));
}
