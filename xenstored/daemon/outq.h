/* A connection's output queue: bytes plus a record per queued message. */
#ifndef XENLET_OUTQ_H
#define XENLET_OUTQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How far back a new event is compared with those waiting: a repeat of a
 * recent change is caught, and a long queue costs no more per event. */
#define OUTQ_DEDUP_SCAN 64

struct outq_msg {
	size_t start, end; /* offsets in data */
	bool reply;        /* the answer to a request (not a watch event) */
	uint64_t deadline; /* watch event: dropped if not begun by then (ms); 0 never */
};

struct outq {
	char *data;
	size_t off, len, cap; /* data[off..len) is still to be sent */
	struct outq_msg *msgs; /* messages not completely sent, in order */
	size_t nmsgs;
	/* msgs lies in msgs_base[0..msgs_cap): sent records are stepped over,
	 * not moved, so a partial send costs no more than what it completes. */
	struct outq_msg *msgs_base;
	size_t msgs_cap;
	unsigned int replies; /* replies among them */
	size_t timed;         /* events among them with a deadline */
};

/* Queues one message made of a and b; -1 when out of memory. */
int outq_append(struct outq *q, const void *a, size_t alen, const void *b,
		size_t blen, bool reply, uint64_t deadline);
/* n bytes from data + off went out. */
void outq_consumed(struct outq *q, size_t n);
/* Drops the events whose deadline has passed and that have not begun to go
 * out; returns how many. */
unsigned int outq_drop_expired(struct outq *q, uint64_t now);
/* Whether an event made of exactly a and b waits, not yet begun, among the
 * last OUTQ_DEDUP_SCAN messages queued. */
bool outq_has_waiting_event(const struct outq *q, const void *a, size_t alen,
			    const void *b, size_t blen);
/* The earliest deadline among droppable events, 0 if none. Deadlines are
 * queued in order (one timeout, a monotonic clock): the first one is it. */
uint64_t outq_next_deadline(const struct outq *q);
/* Whether the records frame data[off..len) exactly, the first alone having
 * begun, and the counts agree: for the tests and the fuzzer. */
bool outq_consistent(const struct outq *q);
void outq_free(struct outq *q);
static inline size_t outq_pending(const struct outq *q)
{
	return q->len - q->off;
}

#endif
