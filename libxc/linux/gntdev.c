/* The Linux boundary for mapping grants: /dev/xen/gntdev (libxengnttab API). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../xc_abi_local.h"
#include <xen/gntdev.h>

#include "../include/xengnttab.h"

#define GNT_PAGE_SIZE 4096UL

struct xengntdev_handle {
	int fd;
	xentoollog_logger *logger;
};

xengnttab_handle *xengnttab_open(xentoollog_logger *logger, unsigned open_flags)
{
	xengnttab_handle *xgt = calloc(1, sizeof(*xgt));

	(void)open_flags;
	if (!xgt)
		return NULL;
	xgt->logger = logger;
	xgt->fd = open("/dev/xen/gntdev", O_RDWR | O_CLOEXEC);
	if (xgt->fd < 0) {
		int saved = errno;

		xtl_log(logger, XTL_ERROR, saved, "xengnttab",
			"cannot open /dev/xen/gntdev");
		free(xgt);
		errno = saved;
		return NULL;
	}
	return xgt;
}

int xengnttab_close(xengnttab_handle *xgt)
{
	if (!xgt)
		return 0;
	close(xgt->fd);
	free(xgt);
	return 0;
}

int xengnttab_fd(xengnttab_handle *xgt)
{
	return xgt->fd;
}

int xengnttab_set_max_grants(xengnttab_handle *xgt, uint32_t nr_grants)
{
	struct ioctl_gntdev_set_max_grants m = { .count = nr_grants };

	return ioctl(xgt->fd, IOCTL_GNTDEV_SET_MAX_GRANTS, &m) < 0 ? -errno : 0;
}

void *xengnttab_map_grant_refs(xengnttab_handle *xgt, uint32_t count,
			       const uint32_t *domids, const uint32_t *refs,
			       int prot)
{
	struct ioctl_gntdev_map_grant_ref *map;
	struct ioctl_gntdev_unmap_grant_ref unmap;
	size_t size;
	void *addr = MAP_FAILED;
	uint32_t i;
	int saved;

	if (count == 0) {
		errno = EINVAL;
		return NULL;
	}
	/* The struct ends in a one-element array of refs. */
	size = sizeof(*map) + (count - 1) * sizeof(map->refs[0]);
	map = calloc(1, size);
	if (!map)
		return NULL;
	map->count = count;
	for (i = 0; i < count; i++) {
		map->refs[i].domid = domids[i];
		map->refs[i].ref = refs[i];
	}
	if (ioctl(xgt->fd, IOCTL_GNTDEV_MAP_GRANT_REF, map) < 0) {
		saved = errno;
		goto out;
	}
	/* The grant is actually mapped (GNTTABOP_map_grant_ref) by mmap. */
	addr = mmap(NULL, count * GNT_PAGE_SIZE, prot, MAP_SHARED, xgt->fd,
		    (off_t)map->index);
	saved = errno;
	if (addr == MAP_FAILED) {
		unmap = (struct ioctl_gntdev_unmap_grant_ref){
			.index = map->index, .count = count,
		};
		ioctl(xgt->fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &unmap);
	}
out:
	free(map);
	errno = saved;
	return addr == MAP_FAILED ? NULL : addr;
}

void *xengnttab_map_domain_grant_refs(xengnttab_handle *xgt, uint32_t count,
				      uint32_t domid, const uint32_t *refs,
				      int prot)
{
	uint32_t *domids = calloc(count ? count : 1, sizeof(*domids));
	void *p;
	uint32_t i;

	if (!domids)
		return NULL;
	for (i = 0; i < count; i++)
		domids[i] = domid;
	p = xengnttab_map_grant_refs(xgt, count, domids, refs, prot);
	free(domids);
	return p;
}

void *xengnttab_map_grant_ref(xengnttab_handle *xgt, uint32_t domid,
			      uint32_t ref, int prot)
{
	return xengnttab_map_grant_refs(xgt, 1, &domid, &ref, prot);
}

int xengnttab_unmap(xengnttab_handle *xgt, void *start_address, uint32_t count)
{
	struct ioctl_gntdev_get_offset_for_vaddr off = {
		.vaddr = (uint64_t)(uintptr_t)start_address,
	};
	struct ioctl_gntdev_unmap_grant_ref unmap;

	if (!start_address)
		return -EINVAL;
	if (ioctl(xgt->fd, IOCTL_GNTDEV_GET_OFFSET_FOR_VADDR, &off) < 0)
		return -errno;
	if (off.count != count)
		return -EINVAL;
	if (munmap(start_address, count * GNT_PAGE_SIZE) < 0)
		return -errno;
	unmap = (struct ioctl_gntdev_unmap_grant_ref){
		.index = off.offset, .count = count,
	};
	return ioctl(xgt->fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &unmap) < 0 ?
	       -errno : 0;
}

/* gntdev's segment is ours field for field; the kernel splits the work into
 * hypercalls of its own size. */
_Static_assert(sizeof(struct gntdev_grant_copy_segment) ==
	       sizeof(xengnttab_grant_copy_segment_t), "grant copy segment");

int xengnttab_grant_copy(xengnttab_handle *xgt, uint32_t count,
			 xengnttab_grant_copy_segment_t *segs)
{
	struct ioctl_gntdev_grant_copy copy = {
		.count = count,
		.segments = (struct gntdev_grant_copy_segment *)segs,
	};

	return ioctl(xgt->fd, IOCTL_GNTDEV_GRANT_COPY, &copy) < 0 ? -errno : 0;
}
