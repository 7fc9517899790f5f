/* The daemon's shared state: the core, the loop, and connection bookkeeping. */
#ifndef XENLET_DAEMON_H
#define XENLET_DAEMON_H

#include <stdbool.h>
#include <stddef.h>

#include "event_loop.h"
#include "msg_reader.h"
#include "outq.h"
#include "xs_core.h"

/* Replies queued beyond this stop a connection's input until it reads. */
#define XS_OUTQ_PAUSE (256 * 1024)
/* A client this far behind on its replies and events is dropped. */
#define XS_OUTQ_DROP (16 * 1024 * 1024)

struct daemon {
	struct xs_core core;
	struct event_loop loop;
	struct daemon_conn *conns;   /* every live transport connection */
	struct daemon_conn *pending; /* connections with output to flush */
	bool stop;
};

/* One transport connection (socket or ring) wrapping a core connection. */
struct daemon_conn {
	struct xs_conn base;
	struct daemon *dmn;
	struct daemon_conn *next;         /* daemon->conns */
	struct daemon_conn *next_pending; /* daemon->pending */
	bool in_pending;
	bool dead;
	bool throttled; /* input held back by the outstanding quota */
	struct msg_reader rd;
	struct outq out;
	/* The transport: */
	void (*flush)(struct daemon_conn *c);
	void (*destroy)(struct daemon_conn *c);
};

extern const struct xs_conn_ops daemon_conn_ops;

void daemon_conn_register(struct daemon *dmn, struct daemon_conn *c, uint32_t domid);
/* Marks the connection dead; it is freed by daemon_reap(). */
void daemon_conn_kill(struct daemon_conn *c);
void daemon_flush_pending(struct daemon *dmn);
/* A domain other than dom0, bound by Xen's per-domain limits. */
bool daemon_conn_is_guest(const struct daemon_conn *c);
uint64_t daemon_now_ms(void);
/* Drops watch events older than -w watch-event= that no guest took;
 * returns the ms until the next one can expire, -1 if none can. */
int daemon_expire_events(struct daemon *dmn);
void daemon_reap(struct daemon *dmn);
/* Feeds transport bytes into the framing and the core; -1: kill the conn.
 * Returns the bytes used, which is less than len when output is backed up.
 * buf[len] must be writable: messages are handled where they lie, each
 * body NUL-terminated for a moment in the byte after it. */
long daemon_conn_input(struct daemon_conn *c, char *buf, size_t len);

/* Unix socket transport. */
int socket_listen(struct daemon *dmn, const char *path);
void socket_close_listener(struct daemon *dmn);

#endif
