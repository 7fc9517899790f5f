/* The backend half of the xenbus handshake for each device under
 * /local/domain/0/backend/qdisk/<domid>/<devid>, as QEMU's qdisk does it:
 * publish the disk and go InitWait; when the frontend is Initialised, map
 * its ring, bind its event channel and go Connected; follow it to Closing
 * and Closed; drop the device when the toolstack removes its nodes. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "backend.h"

#define FE_GONE (-1)   /* no frontend state node */
#define FE_DEAD (-2)   /* the frontend's domain is dying or gone */

static void say(const struct qdisk_dev *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void say(const struct qdisk_dev *d, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "xenlet-qdisk: d%u/%u: ", d->domid, d->devid);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static char *read_node(struct qdisk_backend *b, const char *dir, const char *name)
{
	char path[256];
	unsigned int len;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return xs_read(b->xs, XBT_NULL, path, &len);
}

/* A decimal node that must be a whole number up to @max; -1 if not. */
static long long read_number(struct qdisk_backend *b, const char *dir, const char *name,
			     unsigned long long max)
{
	char *s = read_node(b, dir, name), *end;
	unsigned long long v;

	if (!s)
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || v > max)
		v = (unsigned long long)-1;
	free(s);
	return v == (unsigned long long)-1 ? -1 : (long long)v;
}

static bool write_node(struct qdisk_backend *b, struct qdisk_dev *d, const char *name,
		       const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static bool write_node(struct qdisk_backend *b, struct qdisk_dev *d, const char *name,
		       const char *fmt, ...)
{
	char path[256], value[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	snprintf(path, sizeof(path), "%s/%s", d->be, name);
	return xs_write(b->xs, XBT_NULL, path, value, (unsigned int)strlen(value));
}

static void set_state(struct qdisk_backend *b, struct qdisk_dev *d, enum xenbus_state s)
{
	if (d->state == s)
		return;
	d->state = s;
	write_node(b, d, "state", "%d", (int)s);
}

/* --- grants through gntdev ------------------------------------------------ */

static void *gnt_map(void *opaque, uint32_t domid, uint32_t count, const uint32_t *refs,
		     bool writable)
{
	return xengnttab_map_domain_grant_refs(opaque, count, domid, refs,
					       writable ? PROT_READ | PROT_WRITE : PROT_READ);
}

static void gnt_unmap(void *opaque, void *addr, uint32_t count)
{
	xengnttab_unmap(opaque, addr, count);
}

int qdisk_backend_open(struct qdisk_backend *b)
{
	memset(b, 0, sizeof(*b));
	b->xch = xc_interface_open(NULL, NULL, 0);
	b->xce = xenevtchn_open(NULL, 0);
	b->xgt = xengnttab_open(NULL, 0);
	b->xs = xs_open(0);
	if (!b->xch || !b->xce || !b->xgt || !b->xs) {
		fprintf(stderr, "xenlet-qdisk: cannot open %s\n",
			!b->xch ? "privcmd" : !b->xce ? "/dev/xen/evtchn" :
			!b->xgt ? "/dev/xen/gntdev" : "xenstored");
		return -1;
	}
	b->grants = (struct qdisk_grant_ops){ .map = gnt_map, .unmap = gnt_unmap,
					      .opaque = b->xgt };
	return 0;
}

/* --- the connection --------------------------------------------------------- */

static void disconnect(struct qdisk_backend *b, struct qdisk_dev *d)
{
	if (d->sring)
		say(d, "disconnected after %lu reads, %lu writes, %lu flushes, %lu failed requests",
		    d->reads, d->writes, d->flushes, d->failed);
	if (d->port)
		xenevtchn_unbind(b->xce, d->port);
	d->port = 0;
	if (d->sring)
		xengnttab_unmap(b->xgt, d->sring, 1);
	d->sring = NULL;
}

struct serve_ctx {
	struct qdisk_backend *b;
	struct qdisk_dev *d;
};

static int16_t serve_one(void *opaque, const struct blkif_request *req)
{
	struct serve_ctx *c = opaque;
	int16_t status = qdisk_request_serve(&c->d->img, &c->b->grants, c->d->domid, req);

	if (status != BLKIF_RSP_OKAY)
		c->d->failed++;
	else if (req->operation == BLKIF_OP_READ)
		c->d->reads++;
	else if (req->operation == BLKIF_OP_WRITE)
		c->d->writes++;
	else
		c->d->flushes++;
	return status;
}

static void run_ring(struct qdisk_backend *b, struct qdisk_dev *d)
{
	struct serve_ctx c = { b, d };
	int rc;

	if (!d->sring)
		return;
	rc = qdisk_ring_run(&d->ring, serve_one, &c);
	if (rc == -EPROTO) {
		say(d, "frontend's request producer ran ahead of the ring: disconnecting it");
		disconnect(b, d);
		set_state(b, d, XenbusStateClosing);
		return;
	}
	if (rc > 0)
		xenevtchn_notify(b->xce, d->port);
}

/* Frontend Initialised: map what it published. 0, or -1 (already said why). */
static int connect(struct qdisk_backend *b, struct qdisk_dev *d)
{
	long long ref = read_number(b, d->fe, "ring-ref", UINT32_MAX);
	long long evtchn = read_number(b, d->fe, "event-channel", UINT32_MAX);
	char *protocol = read_node(b, d->fe, "protocol");
	bool native = !protocol || !strcmp(protocol, "arm-abi");
	int port;

	free(protocol);
	if (!native) {
		say(d, "frontend's protocol is not arm-abi: not supported");
		return -1;
	}
	if (ref < 0 || evtchn < 0) {
		say(d, "frontend published no valid %s", ref < 0 ? "ring-ref" : "event-channel");
		return -1;
	}
	d->sring = xengnttab_map_grant_ref(b->xgt, d->domid, (uint32_t)ref,
					   PROT_READ | PROT_WRITE);
	if (!d->sring) {
		say(d, "cannot map ring-ref %lld: %s", ref, strerror(errno));
		return -1;
	}
	port = xenevtchn_bind_interdomain(b->xce, d->domid, (evtchn_port_t)evtchn);
	if (port < 0) {
		say(d, "cannot bind event channel %lld: %s", evtchn, strerror(-port));
		disconnect(b, d);
		return -1;
	}
	d->port = (uint32_t)port;
	qdisk_ring_attach(&d->ring, d->sring, QDISK_PAGE_SIZE);
	/* The indexes show whether we see the frontend's page: it set them up
	 * (the events to 1) before it granted the page. */
	say(d, "connected: ring-ref %lld, event channel %lld, %llu sectors%s; ring req_prod %u "
	    "rsp_event %u", ref, evtchn, (unsigned long long)d->img.sectors,
	    d->img.readonly ? ", read-only" : "", d->sring->req_prod, d->sring->rsp_event);
	return 0;
}

/* --- set-up and the state machine ------------------------------------------- */

static void refuse(struct qdisk_backend *b, struct qdisk_dev *d, const char *why)
{
	say(d, "refused: %s", why);
	d->refused = true;
	write_node(b, d, "hotplug-error", "%s", why);
	set_state(b, d, XenbusStateClosed);
}

/* A new device: open its image and publish it, then wait for the frontend. */
static void setup(struct qdisk_backend *b, struct qdisk_dev *d)
{
	char *params = read_node(b, d->be, "params"), *mode = read_node(b, d->be, "mode");
	long long fe_id = read_number(b, d->be, "frontend-id", UINT16_MAX);
	char err[320], prefix[64];

	d->fe = read_node(b, d->be, "frontend");
	snprintf(prefix, sizeof(prefix), "/local/domain/%u/", d->domid);
	if (fe_id != d->domid || !d->fe || strncmp(d->fe, prefix, strlen(prefix)) ||
	    strstr(d->fe, "/.")) {
		refuse(b, d, "frontend-id or frontend does not name the device's own domain");
	} else if (qdisk_image_open(&d->img, params, mode, err, sizeof(err)) < 0) {
		refuse(b, d, err);
	} else {
		write_node(b, d, "sector-size", "%u", QDISK_SECTOR_SIZE);
		write_node(b, d, "sectors", "%llu", (unsigned long long)d->img.sectors);
		write_node(b, d, "info", "%u", d->img.readonly ? VDISK_READONLY : 0);
		write_node(b, d, "feature-flush-cache", "1");
		set_state(b, d, XenbusStateInitWait);
		say(d, "%s, %llu sectors, %s: waiting for the frontend", params,
		    (unsigned long long)d->img.sectors, d->img.readonly ? "read-only" : "read-write");
	}
	free(params);
	free(mode);
}

static int frontend_state(struct qdisk_backend *b, struct qdisk_dev *d)
{
	xc_domaininfo_t info;
	long long s;

	if (xc_domain_getinfo_single(b->xch, d->domid, &info) < 0 ||
	    (info.flags & XEN_DOMINF_dying))
		return FE_DEAD;
	s = read_number(b, d->fe, "state", XenbusStateReconfigured);
	return s < 0 ? FE_GONE : (int)s;
}

static void follow(struct qdisk_backend *b, struct qdisk_dev *d)
{
	int fe = frontend_state(b, d);

	switch (d->state) {
	case XenbusStateInitWait:
		if (fe == XenbusStateInitialised || fe == XenbusStateConnected) {
			if (connect(b, d) == 0) {
				set_state(b, d, XenbusStateConnected);
				run_ring(b, d);     /* requests sent before we were ready */
			} else {
				set_state(b, d, XenbusStateClosing);
			}
		} else if (fe == FE_DEAD) {
			set_state(b, d, XenbusStateClosed);
		}
		/* Otherwise wait: the frontend may not be written yet. */
		break;
	case XenbusStateConnected:
		if (fe == XenbusStateConnected || fe == XenbusStateInitialised)
			break;
		say(d, "frontend %s", fe == FE_DEAD ? "domain gone" : fe == FE_GONE ? "node gone" :
		    "closing");
		disconnect(b, d);
		set_state(b, d, fe == XenbusStateClosing ? XenbusStateClosing : XenbusStateClosed);
		break;
	case XenbusStateClosing:
		disconnect(b, d);
		if (fe == XenbusStateClosed || fe < 0 || fe == XenbusStateInitialising)
			set_state(b, d, XenbusStateClosed);
		break;
	case XenbusStateClosed:
		/* A frontend starting over (a rebound driver) gets a new handshake. */
		if (fe == XenbusStateInitialising && read_number(b, d->be, "online", 1) == 1)
			set_state(b, d, XenbusStateInitWait);
		break;
	default:
		break;
	}
}

static void dev_free(struct qdisk_backend *b, struct qdisk_dev *d)
{
	char path[256];

	disconnect(b, d);
	if (d->fe_watched) {
		snprintf(path, sizeof(path), "%s/state", d->fe);
		xs_unwatch(b->xs, path, "fe");
	}
	qdisk_image_close(&d->img);
	say(d, "removed");
	free(d->fe);
	free(d);
}

static struct qdisk_dev *dev_find(struct qdisk_backend *b, unsigned int domid,
				  unsigned int devid)
{
	for (struct qdisk_dev *d = b->devs; d; d = d->next)
		if (d->domid == domid && d->devid == devid)
			return d;
	return NULL;
}

static unsigned long parse_id(const char *s, bool *ok)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	*ok = *s && !*end && v <= INT32_MAX;
	return v;
}

static void dev_add(struct qdisk_backend *b, unsigned int domid, unsigned int devid)
{
	struct qdisk_dev *d = calloc(1, sizeof(*d));
	char path[256];
	long long state;

	if (!d)
		return;
	d->domid = domid;
	d->devid = devid;
	d->img.fd = -1;
	d->seen = true;
	snprintf(d->be, sizeof(d->be), QDISK_BACKEND_ROOT "/%u/%u", domid, devid);
	/* The toolstack writes all the nodes in one transaction, state among them. */
	state = read_number(b, d->be, "state", XenbusStateReconfigured);
	if (state != XenbusStateInitialising) {
		free(d);
		return;
	}
	d->state = XenbusStateInitialising;
	d->next = b->devs;
	b->devs = d;
	setup(b, d);
	if (!d->refused) {
		snprintf(path, sizeof(path), "%s/state", d->fe);
		d->fe_watched = xs_watch(b->xs, path, "fe");
	}
}

void qdisk_backend_scan(struct qdisk_backend *b)
{
	unsigned int ndom = 0;
	char **doms = xs_directory(b->xs, XBT_NULL, QDISK_BACKEND_ROOT, &ndom);

	for (struct qdisk_dev *d = b->devs; d; d = d->next)
		d->seen = false;
	for (unsigned int i = 0; doms && i < ndom; i++) {
		char path[128];
		unsigned int ndev = 0;
		char **devs;
		bool ok;
		unsigned long domid = parse_id(doms[i], &ok);

		if (!ok || domid == 0)
			continue;
		snprintf(path, sizeof(path), QDISK_BACKEND_ROOT "/%lu", domid);
		devs = xs_directory(b->xs, XBT_NULL, path, &ndev);
		for (unsigned int j = 0; devs && j < ndev; j++) {
			unsigned long devid = parse_id(devs[j], &ok);
			struct qdisk_dev *d;

			if (!ok)
				continue;
			d = dev_find(b, (unsigned int)domid, (unsigned int)devid);
			if (d)
				d->seen = true;
			else
				dev_add(b, (unsigned int)domid, (unsigned int)devid);
		}
		free(devs);
	}
	free(doms);
	for (struct qdisk_dev **pp = &b->devs; *pp;) {
		struct qdisk_dev *d = *pp;

		if (!d->seen) {
			*pp = d->next;
			dev_free(b, d);
			continue;
		}
		if (!d->refused)
			follow(b, d);
		pp = &d->next;
	}
}

void qdisk_backend_kick(struct qdisk_backend *b, uint32_t port)
{
	for (struct qdisk_dev *d = b->devs; d; d = d->next) {
		if (d->port != port || !d->sring)
			continue;
		if (b->verbose)
			say(d, "event: req_prod %u, req_cons %u", d->sring->req_prod, d->ring.req_cons);
		run_ring(b, d);
	}
}

bool qdisk_backend_has_more(const struct qdisk_backend *b)
{
	for (const struct qdisk_dev *d = b->devs; d; d = d->next)
		if (d->sring && d->ring.more)
			return true;
	return false;
}

void qdisk_backend_run_more(struct qdisk_backend *b)
{
	for (struct qdisk_dev *d = b->devs; d; d = d->next)
		if (d->sring && d->ring.more)
			run_ring(b, d);
}
