/* A minimal epoll loop: one handler per file descriptor. */
#ifndef XENLET_EVENT_LOOP_H
#define XENLET_EVENT_LOOP_H

#include <signal.h>
#include <stdint.h>

struct loop_handler {
	int fd;
	uint32_t events; /* EPOLLIN/EPOLLOUT currently asked for */
	void (*fn)(struct loop_handler *h, uint32_t revents);
};

struct event_loop {
	int epfd;
};

int loop_init(struct event_loop *l);
void loop_destroy(struct event_loop *l);
int loop_add(struct event_loop *l, struct loop_handler *h, uint32_t events);
int loop_mod(struct event_loop *l, struct loop_handler *h, uint32_t events);
void loop_del(struct event_loop *l, struct loop_handler *h);
/* Waits up to timeout_ms (-1: until something happens), with the signal
 * mask set to sigmask meanwhile, and runs the ready handlers; returns how
 * many ran (0 when a signal came), -errno on failure. */
int loop_run_once(struct event_loop *l, int timeout_ms, const sigset_t *sigmask);

#endif
