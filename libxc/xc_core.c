/* The libxc handle, logging, hypercall buffers and the domctl/sysctl envelopes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xc_private.h"

xc_interface *xc_interface_open_ops(xentoollog_logger *logger,
				    xentoollog_logger *dombuild_logger,
				    const struct xc_osdep_ops *ops,
				    void *os_priv)
{
	xc_interface *xch = calloc(1, sizeof(*xch));

	if (!xch)
		return NULL;
	xch->logger = logger;
	xch->dombuild_logger = dombuild_logger;
	xch->ops = ops;
	xch->os_priv = os_priv;
	return xch;
}

xc_interface *xc_interface_open(xentoollog_logger *logger,
				xentoollog_logger *dombuild_logger,
				unsigned open_flags)
{
	xc_interface *xch;
	int rc;

	(void)open_flags;
	xch = xc_interface_open_ops(logger, dombuild_logger, NULL, NULL);
	if (!xch)
		return NULL;
	rc = xc_osdep_linux_open(xch);
	if (rc < 0) {
		xc_log(xch, XTL_ERROR, -rc, "cannot open the privcmd device");
		free(xch);
		errno = -rc;
		return NULL;
	}
	return xch;
}

int xc_interface_close(xc_interface *xch)
{
	if (!xch)
		return 0;
	if (xch->ops && xch->ops->close)
		xch->ops->close(xch);
	free(xch);
	return 0;
}

static void vlog(xentoollog_logger *logger, xentoollog_level level,
		 int errnoval, const char *context, const char *fmt,
		 va_list al)
{
	if (logger && logger->vmessage)
		logger->vmessage(logger, level, errnoval, context, fmt, al);
}

void xc_log(xc_interface *xch, xentoollog_level level, int errnoval,
	    const char *fmt, ...)
{
	va_list al;

	va_start(al, fmt);
	vlog(xch->logger, level, errnoval, "xc", fmt, al);
	va_end(al);
}

void xc_dom_log(xc_interface *xch, xentoollog_level level, const char *fmt,
		...)
{
	va_list al;

	va_start(al, fmt);
	vlog(xch->dombuild_logger ? xch->dombuild_logger : xch->logger,
	     level, -1, "xc_dom", fmt, al);
	va_end(al);
}

static size_t pages_for(size_t size)
{
	return (size + XC_PAGE_SIZE - 1) >> XC_PAGE_SHIFT;
}

void *xc_hbuf_alloc(xc_interface *xch, size_t size)
{
	void *p = xch->ops->alloc_hbuf(xch, pages_for(size ? size : 1));

	if (p)
		memset(p, 0, size);
	return p;
}

void xc_hbuf_free(xc_interface *xch, void *p, size_t size)
{
	if (p)
		xch->ops->free_hbuf(xch, p, pages_for(size ? size : 1));
}

void *xc_hbuf_bounce(xc_interface *xch, const void *src, size_t size)
{
	void *p = xc_hbuf_alloc(xch, size);

	if (p && src)
		memcpy(p, src, size);
	return p;
}

long xc_hypercall(xc_interface *xch, unsigned int op, uint64_t a0,
		  uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4)
{
	const uint64_t arg[5] = { a0, a1, a2, a3, a4 };

	return xch->ops->hypercall(xch, op, arg);
}

void xc_domctl_init(struct xen_domctl *d, uint32_t cmd, uint32_t domid)
{
	memset(d, 0, sizeof(*d));
	d->cmd = cmd;
	d->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
	d->domain = (domid_t)domid;
}

void xc_sysctl_init(struct xen_sysctl *s, uint32_t cmd)
{
	memset(s, 0, sizeof(*s));
	s->cmd = cmd;
	s->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
}

long xc_do_op(xc_interface *xch, unsigned int hypercall, unsigned int cmd,
	      void *arg, size_t size)
{
	void *buf = xc_hbuf_bounce(xch, arg, size);
	long rc;

	if (!buf)
		return -ENOMEM;
	rc = xc_hypercall(xch, hypercall, cmd, (uint64_t)(uintptr_t)buf,
			  0, 0, 0);
	memcpy(arg, buf, size);
	xc_hbuf_free(xch, buf, size);
	return rc;
}

int xc_do_domctl(xc_interface *xch, struct xen_domctl *d)
{
	void *buf = xc_hbuf_bounce(xch, d, sizeof(*d));
	long rc;

	if (!buf)
		return -ENOMEM;
	rc = xc_hypercall(xch, __HYPERVISOR_domctl, (uint64_t)(uintptr_t)buf,
			  0, 0, 0, 0);
	memcpy(d, buf, sizeof(*d));
	xc_hbuf_free(xch, buf, sizeof(*d));
	if (rc < 0)
		XC_DEBUG(xch, "domctl %u dom %u: %ld", d->cmd, d->domain, rc);
	return (int)rc;
}

int xc_do_sysctl(xc_interface *xch, struct xen_sysctl *s)
{
	void *buf = xc_hbuf_bounce(xch, s, sizeof(*s));
	long rc;

	if (!buf)
		return -ENOMEM;
	rc = xc_hypercall(xch, __HYPERVISOR_sysctl, (uint64_t)(uintptr_t)buf,
			  0, 0, 0, 0);
	memcpy(s, buf, sizeof(*s));
	xc_hbuf_free(xch, buf, sizeof(*s));
	if (rc < 0)
		XC_DEBUG(xch, "sysctl %u: %ld", s->cmd, rc);
	return (int)rc;
}
