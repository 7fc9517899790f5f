/* The Linux boundary for event channels: /dev/xen/evtchn (libxenevtchn API). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "../xc_abi_local.h"
#include <xen/evtchn.h>

#include "../include/xenevtchn.h"

struct xenevtchn_handle {
	int fd;
	xentoollog_logger *logger;
};

xenevtchn_handle *xenevtchn_open(xentoollog_logger *logger, unsigned open_flags)
{
	xenevtchn_handle *xce = calloc(1, sizeof(*xce));

	(void)open_flags;
	if (!xce)
		return NULL;
	xce->logger = logger;
	xce->fd = open("/dev/xen/evtchn", O_RDWR | O_CLOEXEC);
	if (xce->fd < 0) {
		int saved = errno;

		xtl_log(logger, XTL_ERROR, saved, "xenevtchn",
			"cannot open /dev/xen/evtchn");
		free(xce);
		errno = saved;
		return NULL;
	}
	return xce;
}

int xenevtchn_close(xenevtchn_handle *xce)
{
	if (!xce)
		return 0;
	close(xce->fd);
	free(xce);
	return 0;
}

int xenevtchn_fd(xenevtchn_handle *xce)
{
	return xce->fd;
}

static int evtchn_ioctl(xenevtchn_handle *xce, unsigned long req, void *arg)
{
	int rc = ioctl(xce->fd, req, arg);

	return rc < 0 ? -errno : rc;
}

int xenevtchn_notify(xenevtchn_handle *xce, evtchn_port_t port)
{
	struct ioctl_evtchn_notify n = { .port = port };

	return evtchn_ioctl(xce, IOCTL_EVTCHN_NOTIFY, &n);
}

xenevtchn_port_or_error_t xenevtchn_bind_unbound_port(xenevtchn_handle *xce,
						      uint32_t domid)
{
	struct ioctl_evtchn_bind_unbound_port b = { .remote_domain = domid };

	return evtchn_ioctl(xce, IOCTL_EVTCHN_BIND_UNBOUND_PORT, &b);
}

xenevtchn_port_or_error_t xenevtchn_bind_interdomain(xenevtchn_handle *xce,
						     uint32_t domid,
						     evtchn_port_t remote_port)
{
	struct ioctl_evtchn_bind_interdomain b = {
		.remote_domain = domid, .remote_port = remote_port,
	};

	return evtchn_ioctl(xce, IOCTL_EVTCHN_BIND_INTERDOMAIN, &b);
}

xenevtchn_port_or_error_t xenevtchn_bind_virq(xenevtchn_handle *xce,
					      unsigned int virq)
{
	struct ioctl_evtchn_bind_virq b = { .virq = virq };

	return evtchn_ioctl(xce, IOCTL_EVTCHN_BIND_VIRQ, &b);
}

int xenevtchn_unbind(xenevtchn_handle *xce, evtchn_port_t port)
{
	struct ioctl_evtchn_unbind u = { .port = port };

	return evtchn_ioctl(xce, IOCTL_EVTCHN_UNBIND, &u);
}

xenevtchn_port_or_error_t xenevtchn_pending(xenevtchn_handle *xce)
{
	uint32_t port;
	ssize_t n = read(xce->fd, &port, sizeof(port));

	if (n < 0)
		return -errno;
	if (n != sizeof(port))
		return -EIO;
	return (xenevtchn_port_or_error_t)port;
}

int xenevtchn_unmask(xenevtchn_handle *xce, evtchn_port_t port)
{
	uint32_t p = port;

	/* The driver unmasks every port written to it. */
	if (write(xce->fd, &p, sizeof(p)) != sizeof(p))
		return -errno;
	return 0;
}
