/* Domain ring connections: set up on XS_INTRODUCE, served on event-channel
 * kicks; VIRQ_DOM_EXC, on the same device, starts the check for domains that
 * shut down or died. Inactive (never set up) when the daemon runs with -D. */
#include <errno.h>
#include <stdlib.h>
#include <sys/epoll.h>

#include <public/xen.h>

#include "conn_ring.h"
#include "ring.h"
#include "xen_if.h"

struct ring_conn {
	struct daemon_conn dc;
	struct xenstore_domain_interface *intf;
	uint32_t port; /* local */
	struct xs_domain *d;
	bool is_dom0;
};

static struct loop_handler evtchn_handler = { .fd = -1 };
static struct daemon *ring_daemon;
static int virq_port = -1; /* VIRQ_DOM_EXC: some domain shut down or died */

static struct ring_conn *find_by_port(uint32_t port)
{
	struct daemon_conn *c;

	for (c = ring_daemon->conns; c; c = c->next) {
		if (c->dead || !c->base.is_domain)
			continue;
		if (((struct ring_conn *)c)->port == port)
			return (struct ring_conn *)c;
	}
	return NULL;
}

static void ring_flush(struct daemon_conn *dc)
{
	struct ring_conn *r = (struct ring_conn *)dc;
	long n;

	if (!outq_pending(&dc->out))
		return;
	n = ring_write_responses(r->intf, dc->out.data + dc->out.off,
				 outq_pending(&dc->out));
	if (n < 0) {
		daemon_conn_kill(dc);
		return;
	}
	outq_consumed(&dc->out, (size_t)n);
	if (n)
		xen_if_notify(r->port);
}

static void ring_service(struct ring_conn *r)
{
	char buf[XENSTORE_RING_SIZE + 1]; /* + daemon_conn_input's guard byte */
	long n, used;

	ring_flush(&r->dc); /* the guest may have made room */
	for (;;) {
		n = ring_peek_requests(r->intf, buf, XENSTORE_RING_SIZE);
		if (n <= 0)
			break;
		used = daemon_conn_input(&r->dc, buf, (size_t)n);
		if (used < 0) {
			r->intf->error = XENSTORE_ERROR_PROTO;
			daemon_conn_kill(&r->dc);
			return;
		}
		ring_consume_requests(r->intf, (size_t)used);
		xen_if_notify(r->port);
		if (used < n)
			break; /* backed up: continue on the next kick */
	}
	if (n < 0)
		daemon_conn_kill(&r->dc);
}

static int query_domain(void *arg, uint32_t domid, struct xs_domstate *st)
{
	(void)arg;
	return xen_if_domain_state(domid, &st->shutdown, &st->dying);
}

static void evtchn_event(struct loop_handler *h, uint32_t revents)
{
	int port;

	(void)h;
	(void)revents;
	while ((port = xen_if_pending()) >= 0) {
		struct ring_conn *r;

		if (port == virq_port) {
			core_check_domains(&ring_daemon->core, query_domain, NULL);
			continue;
		}
		r = find_by_port((uint32_t)port);
		if (r && !r->dc.dead)
			ring_service(r);
	}
}

static void ring_destroy(struct daemon_conn *dc)
{
	struct ring_conn *r = (struct ring_conn *)dc;

	xen_if_unbind(r->port);
	if (!r->is_dom0)
		xen_if_unmap_ring(r->intf);
	if (r->d && r->d->conn == &dc->base)
		r->d->conn = NULL;
	free(r);
}

static int ring_attach(struct daemon *dmn, struct xs_domain *d,
		       struct xenstore_domain_interface *intf, uint32_t remote_port,
		       bool is_dom0)
{
	struct ring_conn *r = calloc(1, sizeof(*r));
	int port;

	if (!r)
		return -ENOMEM;
	port = xen_if_bind_interdomain(d->domid, remote_port);
	if (port < 0) {
		free(r);
		return port;
	}
	r->intf = intf;
	r->port = (uint32_t)port;
	r->d = d;
	r->is_dom0 = is_dom0;
	r->dc.flush = ring_flush;
	r->dc.destroy = ring_destroy;
	daemon_conn_register(dmn, &r->dc, d->domid);
	r->dc.base.is_domain = true;
	d->conn = &r->dc.base;
	intf->server_features |= XENSTORE_SERVER_FEATURE_ERROR;
	xen_if_notify(r->port);
	return 0;
}

static int hook_introduce(void *arg, struct xs_domain *d)
{
	struct xenstore_domain_interface *intf = xen_if_map_ring(d->domid);
	int rc;

	(void)arg;
	if (!intf)
		return -errno;
	rc = ring_attach(ring_daemon, d, intf, d->port, false);
	if (rc)
		xen_if_unmap_ring(intf);
	return rc;
}

void rings_resume(struct daemon *dmn)
{
	struct daemon_conn *c;

	for (c = dmn->conns; c; c = c->next)
		if (!c->dead && c->base.is_domain && c->throttled &&
		    c->out.replies < dmn->core.quota.val[XS_QUOTA_OUTSTANDING])
			ring_service((struct ring_conn *)c);
}

static void hook_release(void *arg, struct xs_domain *d)
{
	(void)arg;
	if (d->conn) {
		/* d may be freed before the connection is reaped. */
		((struct ring_conn *)d->conn)->d = NULL;
		daemon_conn_kill((struct daemon_conn *)d->conn);
	}
	d->conn = NULL;
}

/* No-domain mode: introductions are recorded but no ring is mapped. */
static int hook_introduce_inactive(void *arg, struct xs_domain *d)
{
	(void)arg;
	(void)d;
	return 0;
}

int rings_init(struct daemon *dmn, bool active)
{
	struct xenstore_domain_interface *intf;
	struct xs_domain *d0;
	uint32_t port;
	int fd;

	ring_daemon = dmn;
	dmn->core.hooks.arg = dmn;
	dmn->core.hooks.release = hook_release;
	if (!active) {
		dmn->core.hooks.introduce = hook_introduce_inactive;
		return 0;
	}
	fd = xen_if_open();
	if (fd < 0)
		return fd;
	evtchn_handler.fd = fd;
	evtchn_handler.fn = evtchn_event;
	if (loop_add(&dmn->loop, &evtchn_handler, EPOLLIN))
		return -errno;
	dmn->core.hooks.introduce = hook_introduce;
	/* Shutdowns and deaths, which Xen announces to dom0 only. */
	virq_port = xen_if_bind_virq(VIRQ_DOM_EXC);
	if (virq_port < 0)
		return virq_port;
	/* dom0's own kernel talks to us through the page xenfs exports. */
	intf = xen_if_dom0_ring(&port);
	d0 = domain_get(&dmn->core, 0);
	if (intf && d0)
		return ring_attach(dmn, d0, intf, port, true);
	return 0;
}
