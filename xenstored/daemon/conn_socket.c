/* The Unix socket transport: a listener and one connection per client. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "daemon.h"

struct sock_conn {
	struct daemon_conn dc; /* first: the core sees &dc.base */
	struct loop_handler h;
	/* Input read but not yet taken (backpressure), + a guard byte; NULL
	 * almost always. */
	char *held;
	size_t held_off, held_len;
	uint32_t events; /* what epoll watches for now */
};

/* Every connection reads into this one buffer (the loop handles one at a
 * time), so an idle connection costs a few hundred bytes, not 16 KiB.
 * The extra byte is daemon_conn_input's guard. */
static char rx[16384 + 1];

static struct {
	struct loop_handler h;
	struct daemon *dmn;
	char path[108];
} listener = { .h = { .fd = -1 } };

static void sock_update_events(struct sock_conn *s)
{
	uint32_t ev = 0;

	if (s->dc.dead)
		return;
	if (outq_pending(&s->dc.out) <= XS_OUTQ_PAUSE && !s->held)
		ev |= EPOLLIN;
	if (outq_pending(&s->dc.out))
		ev |= EPOLLOUT;
	ev |= EPOLLRDHUP;
	/* Unchanged on almost every request: skip the system call then. */
	if (ev != s->events && loop_mod(&s->dc.dmn->loop, &s->h, ev) == 0)
		s->events = ev;
}

/* Keeps what the core could not take yet; false if out of memory. */
static bool sock_hold(struct sock_conn *s, const char *rest, size_t len)
{
	s->held = malloc(len + 1);
	if (!s->held)
		return false;
	memcpy(s->held, rest, len);
	s->held_off = 0;
	s->held_len = len;
	return true;
}

static void sock_drop_held(struct sock_conn *s)
{
	free(s->held);
	s->held = NULL;
	s->held_off = s->held_len = 0;
}

/* Runs what is held back; false if the connection died. */
static bool sock_take_held(struct sock_conn *s)
{
	long n = daemon_conn_input(&s->dc, s->held + s->held_off, s->held_len - s->held_off);

	if (n < 0) {
		daemon_conn_kill(&s->dc);
		return false;
	}
	s->held_off += (size_t)n;
	if (s->held_off == s->held_len)
		sock_drop_held(s);
	return !s->dc.dead;
}

/* Reads what the client sent and runs it; false if the connection died. */
static bool sock_read(struct sock_conn *s)
{
	ssize_t n = recv(s->h.fd, rx, sizeof(rx) - 1, MSG_DONTWAIT);
	long used;

	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		daemon_conn_kill(&s->dc);
		return false;
	}
	if (n < 0)
		return true;
	used = daemon_conn_input(&s->dc, rx, (size_t)n);
	if (used < 0 || (used < n && !s->dc.dead && !sock_hold(s, rx + used, (size_t)(n - used)))) {
		daemon_conn_kill(&s->dc);
		return false;
	}
	return !s->dc.dead;
}

static void sock_flush(struct daemon_conn *dc)
{
	struct sock_conn *s = (struct sock_conn *)dc;

	while (outq_pending(&dc->out)) {
		ssize_t n = send(s->h.fd, dc->out.data + dc->out.off,
				 outq_pending(&dc->out), MSG_NOSIGNAL | MSG_DONTWAIT);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				daemon_conn_kill(dc);
			break;
		}
		outq_consumed(&dc->out, (size_t)n);
	}
	/* Output drained below the mark: resume input held back. */
	if (!dc->dead && s->held && outq_pending(&dc->out) <= XS_OUTQ_PAUSE)
		sock_take_held(s);
	sock_update_events(s);
}

static void sock_event(struct loop_handler *h, uint32_t revents)
{
	struct sock_conn *s = (struct sock_conn *)((char *)h - offsetof(struct sock_conn, h));

	if (s->dc.dead)
		return;
	if (revents & EPOLLOUT)
		sock_flush(&s->dc);
	if ((revents & EPOLLIN) && !s->held && !s->dc.dead && !sock_read(s))
		return;
	if ((revents & (EPOLLHUP | EPOLLERR)) ||
	    ((revents & EPOLLRDHUP) && !(revents & EPOLLIN))) {
		daemon_conn_kill(&s->dc);
		return;
	}
	/* A reply waiting to be flushed: the flush sets the events once sent. */
	if (!s->dc.in_pending)
		sock_update_events(s);
}

static void sock_destroy(struct daemon_conn *dc)
{
	struct sock_conn *s = (struct sock_conn *)dc;

	loop_del(&dc->dmn->loop, &s->h);
	close(s->h.fd);
	sock_drop_held(s);
	free(s);
}

static void listener_event(struct loop_handler *h, uint32_t revents)
{
	struct sock_conn *s;
	int fd;

	(void)revents;
	fd = accept4(h->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0)
		return;
	s = calloc(1, sizeof(*s));
	if (!s) {
		close(fd);
		return;
	}
	s->h.fd = fd;
	s->h.fn = sock_event;
	s->dc.flush = sock_flush;
	s->dc.destroy = sock_destroy;
	/* Local sockets act for dom0, as in Xen. */
	daemon_conn_register(listener.dmn, &s->dc, 0);
	s->events = EPOLLIN | EPOLLRDHUP;
	if (loop_add(&listener.dmn->loop, &s->h, s->events)) {
		daemon_conn_kill(&s->dc);
		return;
	}
}

int socket_listen(struct daemon *dmn, const char *path)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof(addr.sun_path))
		return -ENAMETOOLONG;
	strcpy(addr.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	unlink(path);
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) || chmod(path, 0600) ||
	    listen(fd, 128)) {
		int err = -errno;

		close(fd);
		return err;
	}
	listener.h.fd = fd;
	listener.h.fn = listener_event;
	listener.dmn = dmn;
	snprintf(listener.path, sizeof(listener.path), "%s", path);
	return loop_add(&dmn->loop, &listener.h, EPOLLIN);
}

void socket_close_listener(struct daemon *dmn)
{
	if (listener.h.fd < 0)
		return;
	loop_del(&dmn->loop, &listener.h);
	close(listener.h.fd);
	unlink(listener.path);
	listener.h.fd = -1;
}
