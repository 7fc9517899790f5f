/* libxc internals: the handle, the OS-boundary operations it calls through,
 * logging helpers and the hypercall envelopes (domctl, sysctl, ...). */
#ifndef XC_PRIVATE_H
#define XC_PRIVATE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "include/xenctrl.h"
#include "include/xengnttab.h"

/*
 * Everything libxc needs from the OS, so that the rest is plain C and the
 * unit tests can run it against a fake hypervisor. linux/privcmd.c provides
 * the real table. All return negative errno values on failure.
 */
struct xc_osdep_ops {
	/* Issue hypercall op with five register arguments; returns its result. */
	long (*hypercall)(xc_interface *xch, unsigned int op,
			  const uint64_t arg[5]);
	/* Page-aligned memory the hypervisor may read and write (locked). */
	void *(*alloc_hbuf)(xc_interface *xch, size_t npages);
	void (*free_hbuf)(xc_interface *xch, void *p, size_t npages);
	/* Map num foreign frames of dom contiguously; per-frame errors in err.
	 * NULL (errno set) if nothing could be mapped. */
	void *(*map_foreign)(xc_interface *xch, uint32_t dom, int prot,
			     const xen_pfn_t *arr, int *err, unsigned int num);
	/* Map frames of a domain resource; NULL and errno on failure. */
	void *(*map_resource)(xc_interface *xch, uint32_t dom,
			      unsigned int type, unsigned int id,
			      unsigned long frame, unsigned long nr_frames,
			      int prot);
	int (*unmap)(xc_interface *xch, void *addr, size_t npages);
	/* GNTTABOP_copy over local addresses and grant references (NULL: not
	 * available); as xengnttab_grant_copy. */
	int (*grant_copy)(xc_interface *xch, uint32_t count,
			  xengnttab_grant_copy_segment_t *segs);
	void (*close)(xc_interface *xch);
};

struct xc_interface_core {
	xentoollog_logger *logger;
	xentoollog_logger *dombuild_logger;
	const struct xc_osdep_ops *ops;
	void *os_priv;        /* owned by the ops (fds, or a test's fake) */
};

/* linux/privcmd.c: opens the devices and installs its ops. */
int xc_osdep_linux_open(xc_interface *xch);

/* Builds a handle over any ops table (the tests' fake hypervisor). */
xc_interface *xc_interface_open_ops(xentoollog_logger *logger,
				    xentoollog_logger *dombuild_logger,
				    const struct xc_osdep_ops *ops,
				    void *os_priv);

void xc_log(xc_interface *xch, xentoollog_level level, int errnoval,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void xc_dom_log(xc_interface *xch, xentoollog_level level, const char *fmt,
		...) __attribute__((format(printf, 3, 4)));
#define XC_ERROR(xch, rc, ...) xc_log(xch, XTL_ERROR, -(rc), __VA_ARGS__)
#define XC_DEBUG(xch, ...) xc_log(xch, XTL_DEBUG, -1, __VA_ARGS__)

/* Hypercall buffers: size bytes rounded up to pages. */
void *xc_hbuf_alloc(xc_interface *xch, size_t size);
void xc_hbuf_free(xc_interface *xch, void *p, size_t size);
/* alloc + copy size bytes from src (src may be NULL: zeroed). */
void *xc_hbuf_bounce(xc_interface *xch, const void *src, size_t size);

long xc_hypercall(xc_interface *xch, unsigned int op, uint64_t a0,
		  uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4);

/* Envelopes: fill interface_version, bounce the struct, copy results back. */
void xc_domctl_init(struct xen_domctl *d, uint32_t cmd, uint32_t domid);
void xc_sysctl_init(struct xen_sysctl *s, uint32_t cmd);
int xc_do_domctl(xc_interface *xch, struct xen_domctl *d);
int xc_do_sysctl(xc_interface *xch, struct xen_sysctl *s);
/* memory_op / hvm_op / event_channel_op / sched_op over a bounced arg. */
long xc_do_op(xc_interface *xch, unsigned int hypercall, unsigned int cmd,
	      void *arg, size_t size);

#endif
