/* The floor under any xenstored: a stand-in daemon for xs_bench that keeps
 * no tree, checks nothing and answers each request at once with a reply of
 * the size a real store would give (watches fire on writes below the watched
 * path). Its ops/s are what the client, the kernel's socket round trip and
 * the wake-ups alone allow, so they bound what a real daemon can reach in
 * the same place. Not a xenstored: a measuring stick.
 *   xs_floor SOCKET-PATH          (serves until killed) */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "xs_wire.h"

#define MAX_CONNS 1024

struct conn {
	int fd;
	size_t got;
	char in[sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX];
	char watch_path[256], watch_token[64]; /* one watch is all xs_bench sets */
};

static struct conn *conns[MAX_CONNS];

static void send_msg(struct conn *c, uint32_t type, uint32_t req_id, uint32_t tx_id,
		     const void *body, uint32_t len)
{
	struct xsd_sockmsg h = { .type = type, .req_id = req_id, .tx_id = tx_id, .len = len };
	char buf[sizeof(h) + XENSTORE_PAYLOAD_MAX];

	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), body, len);
	if (send(c->fd, buf, sizeof(h) + len, MSG_NOSIGNAL) < 0) {
		/* the client went away: its hang-up closes it */
	}
}

static void fire(const char *path)
{
	char ev[512];
	int i, n;

	for (i = 0; i < MAX_CONNS; i++) {
		struct conn *w = conns[i];

		if (!w || !w->watch_path[0] ||
		    strncmp(path, w->watch_path, strlen(w->watch_path)) != 0)
			continue;
		n = snprintf(ev, sizeof(ev), "%s%c%s", path, '\0', w->watch_token);
		send_msg(w, XS_WATCH_EVENT, 0, 0, ev, (uint32_t)n + 1);
	}
}

static void answer(struct conn *c, const struct xsd_sockmsg *h, const char *body)
{
	static char dir[64 * 8];
	static uint32_t dir_len;
	uint32_t t = h->type;

	if (!dir_len)
		for (int i = 0; i < 50; i++)
			dir_len += (uint32_t)sprintf(dir + dir_len, "entry%02d", i) + 1;
	switch (t) {
	case XS_READ:
		send_msg(c, t, h->req_id, h->tx_id, "x", 1);
		break;
	case XS_DIRECTORY:
		send_msg(c, t, h->req_id, h->tx_id, dir, dir_len);
		break;
	case XS_TRANSACTION_START:
		send_msg(c, t, h->req_id, h->tx_id, "1", 2);
		break;
	case XS_WATCH:
		snprintf(c->watch_path, sizeof(c->watch_path), "%s", body);
		snprintf(c->watch_token, sizeof(c->watch_token), "%s", body + strlen(body) + 1);
		send_msg(c, t, h->req_id, h->tx_id, "OK", 3);
		fire(c->watch_path); /* a new watch fires once */
		break;
	case XS_WRITE:
		send_msg(c, t, h->req_id, h->tx_id, "OK", 3);
		fire(body);
		break;
	default:
		send_msg(c, t, h->req_id, h->tx_id, "OK", 3);
		break;
	}
}

static void serve(struct conn *c, int ep)
{
	ssize_t n = recv(c->fd, c->in + c->got, sizeof(c->in) - c->got, 0);
	size_t off = 0;

	if (n <= 0) {
		epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
		close(c->fd);
		for (int i = 0; i < MAX_CONNS; i++)
			if (conns[i] == c)
				conns[i] = NULL;
		free(c);
		return;
	}
	c->got += (size_t)n;
	for (;;) {
		struct xsd_sockmsg h;

		if (c->got - off < sizeof(h))
			break;
		memcpy(&h, c->in + off, sizeof(h));
		if (h.len > XENSTORE_PAYLOAD_MAX || c->got - off - sizeof(h) < h.len)
			break;
		answer(c, &h, c->in + off + sizeof(h));
		off += sizeof(h) + h.len;
	}
	memmove(c->in, c->in + off, c->got - off);
	c->got -= off;
}

int main(int argc, char **argv)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	struct epoll_event ev = { .events = EPOLLIN };
	int lfd, ep;

	if (argc != 2 || strlen(argv[1]) >= sizeof(a.sun_path)) {
		fprintf(stderr, "usage: xs_floor SOCKET-PATH\n");
		return 2;
	}
	strcpy(a.sun_path, argv[1]);
	unlink(argv[1]);
	lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	ep = epoll_create1(0);
	if (lfd < 0 || ep < 0 || bind(lfd, (struct sockaddr *)&a, sizeof(a)) || listen(lfd, 128)) {
		perror("xs_floor");
		return 1;
	}
	ev.data.ptr = NULL;
	epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
	for (;;) {
		struct epoll_event evs[64];
		int n = epoll_wait(ep, evs, 64, -1);

		for (int i = 0; i < n; i++) {
			struct conn *c = evs[i].data.ptr;

			if (c) {
				serve(c, ep);
				continue;
			}
			int fd = accept(lfd, NULL, NULL);
			int slot = 0;

			while (slot < MAX_CONNS && conns[slot])
				slot++;
			if (fd < 0 || slot == MAX_CONNS || !(c = calloc(1, sizeof(*c)))) {
				if (fd >= 0)
					close(fd);
				continue;
			}
			c->fd = fd;
			conns[slot] = c;
			ev.data.ptr = c;
			epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
		}
	}
}
