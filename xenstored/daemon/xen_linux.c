/* Linux implementation of xen_if.h over /dev/xen/evtchn, /dev/xen/gntdev and
 * /proc/xen/xsd_{kva,port}. Ioctl numbers are Linux's uapi values. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "xen_if.h"
#include "xs_wire.h"

#define IOCTL_EVTCHN_BIND_VIRQ 0x00044500UL
#define IOCTL_EVTCHN_BIND_INTERDOMAIN 0x00084501UL
#define IOCTL_EVTCHN_UNBIND 0x00044503UL
#define IOCTL_EVTCHN_NOTIFY 0x00044504UL
#define IOCTL_GNTDEV_MAP_GRANT_REF 0x00184700UL
#define IOCTL_GNTDEV_UNMAP_GRANT_REF 0x00104701UL
#define IOCTL_GNTDEV_SET_MAX_GRANTS 0x00044703UL
#define GNTTAB_RESERVED_XENSTORE 1
#define PAGE_SZ 4096

struct evtchn_bind_interdomain { uint32_t remote_domain, remote_port; };
struct evtchn_port { uint32_t port; };
struct gntdev_grant_ref { uint32_t domid, ref; };
struct gntdev_map_one {
	uint32_t count, pad;
	uint64_t index;
	struct gntdev_grant_ref refs[1];
};
struct gntdev_unmap { uint64_t index; uint32_t count, pad; };

static int evtchn_fd = -1, gntdev_fd = -1;

/* The gntdev index behind each ring mapping, to release it on unmap. */
struct mapped_ring {
	struct mapped_ring *next;
	void *addr;
	uint64_t index;
};
static struct mapped_ring *mapped_rings;

int xen_if_open(void)
{
	struct { uint32_t count; } max = { 0x7FF0 };

	evtchn_fd = open("/dev/xen/evtchn", O_RDWR | O_CLOEXEC | O_NONBLOCK);
	if (evtchn_fd < 0)
		return -errno;
	gntdev_fd = open("/dev/xen/gntdev", O_RDWR | O_CLOEXEC);
	if (gntdev_fd >= 0)
		ioctl(gntdev_fd, IOCTL_GNTDEV_SET_MAX_GRANTS, &max);
	return evtchn_fd;
}

void xen_if_close(void)
{
	if (evtchn_fd >= 0)
		close(evtchn_fd);
	if (gntdev_fd >= 0)
		close(gntdev_fd);
	evtchn_fd = gntdev_fd = -1;
}

int xen_if_bind_interdomain(uint32_t domid, uint32_t remote_port)
{
	struct evtchn_bind_interdomain b = { domid, remote_port };
	int rc = ioctl(evtchn_fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, &b);

	return rc < 0 ? -errno : rc;
}

int xen_if_bind_virq(unsigned int virq)
{
	struct { uint32_t virq; } b = { virq };
	int rc = ioctl(evtchn_fd, IOCTL_EVTCHN_BIND_VIRQ, &b);

	return rc < 0 ? -errno : rc;
}

void xen_if_unbind(uint32_t port)
{
	struct evtchn_port p = { port };

	ioctl(evtchn_fd, IOCTL_EVTCHN_UNBIND, &p);
}

void xen_if_notify(uint32_t port)
{
	struct evtchn_port p = { port };

	ioctl(evtchn_fd, IOCTL_EVTCHN_NOTIFY, &p);
}

int xen_if_pending(void)
{
	uint32_t port;
	ssize_t n = read(evtchn_fd, &port, sizeof(port));

	if (n != sizeof(port))
		return -EAGAIN;
	/* Unmask so the next kick is delivered. */
	if (write(evtchn_fd, &port, sizeof(port)) != sizeof(port))
		return -EIO;
	return (int)port;
}

struct xenstore_domain_interface *xen_if_map_ring(uint32_t domid)
{
	struct gntdev_map_one m = { .count = 1, .refs = { { domid, GNTTAB_RESERVED_XENSTORE } } };
	void *p;

	if (gntdev_fd < 0) {
		errno = ENODEV;
		return NULL;
	}
	if (ioctl(gntdev_fd, IOCTL_GNTDEV_MAP_GRANT_REF, &m))
		return NULL;
	p = mmap(NULL, PAGE_SZ, PROT_READ | PROT_WRITE, MAP_SHARED, gntdev_fd,
		 (off_t)m.index);
	if (p != MAP_FAILED) {
		struct mapped_ring *mr = malloc(sizeof(*mr));

		if (mr) {
			mr->addr = p;
			mr->index = m.index;
			mr->next = mapped_rings;
			mapped_rings = mr;
			return p;
		}
		munmap(p, PAGE_SZ);
		errno = ENOMEM;
	}
	{
		struct gntdev_unmap u = { .index = m.index, .count = 1 };
		int err = errno;

		ioctl(gntdev_fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &u);
		errno = err;
	}
	return NULL;
}

void xen_if_unmap_ring(struct xenstore_domain_interface *intf)
{
	struct mapped_ring **pp;

	munmap(intf, PAGE_SZ);
	/* Without ptemod (arm64) gntdev keeps the grant mapped until its
	 * index is released too, and a mapped page keeps a dead domain from
	 * being freed. */
	for (pp = &mapped_rings; *pp; pp = &(*pp)->next) {
		struct mapped_ring *mr = *pp;

		if (mr->addr == (void *)intf) {
			struct gntdev_unmap u = { .index = mr->index, .count = 1 };

			ioctl(gntdev_fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &u);
			*pp = mr->next;
			free(mr);
			return;
		}
	}
}

struct xenstore_domain_interface *xen_if_dom0_ring(uint32_t *port)
{
	char buf[32] = "";
	int fd = open("/proc/xen/xsd_port", O_RDONLY | O_CLOEXEC);
	ssize_t n;
	void *p;

	if (fd < 0)
		return NULL;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return NULL;
	*port = (uint32_t)strtoul(buf, NULL, 10);
	fd = open("/proc/xen/xsd_kva", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	p = mmap(NULL, PAGE_SZ, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	return p == MAP_FAILED ? NULL : p;
}
