/* The daemon's single-threaded epoll loop. */
#include <errno.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "event_loop.h"

int loop_init(struct event_loop *l)
{
	l->epfd = epoll_create1(EPOLL_CLOEXEC);
	return l->epfd < 0 ? -errno : 0;
}

void loop_destroy(struct event_loop *l)
{
	if (l->epfd >= 0)
		close(l->epfd);
	l->epfd = -1;
}

int loop_add(struct event_loop *l, struct loop_handler *h, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = h };

	h->events = events;
	return epoll_ctl(l->epfd, EPOLL_CTL_ADD, h->fd, &ev) ? -errno : 0;
}

int loop_mod(struct event_loop *l, struct loop_handler *h, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = h };

	if (events == h->events)
		return 0;
	h->events = events;
	return epoll_ctl(l->epfd, EPOLL_CTL_MOD, h->fd, &ev) ? -errno : 0;
}

void loop_del(struct event_loop *l, struct loop_handler *h)
{
	epoll_ctl(l->epfd, EPOLL_CTL_DEL, h->fd, NULL);
}

int loop_run_once(struct event_loop *l, int timeout_ms, const sigset_t *sigmask)
{
	struct epoll_event evs[64];
	int n, i;

	n = epoll_pwait(l->epfd, evs, 64, timeout_ms, sigmask);
	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	for (i = 0; i < n; i++) {
		struct loop_handler *h = evs[i].data.ptr;

		h->fn(h, evs[i].events);
	}
	return n;
}
