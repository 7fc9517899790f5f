/*
 * The Linux boundary for hypercalls and foreign memory: /dev/xen/privcmd
 * (hypercall and mapping ioctls) and /dev/xen/hypercall (locked buffers).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../xc_private.h"

/* Linux's include/uapi/xen/privcmd.h (not installed on every host). */
struct privcmd_hypercall {
	uint64_t op;
	uint64_t arg[5];
};

struct privcmd_mmapbatch_v2 {
	unsigned int num;
	domid_t dom;
	uint64_t addr;
	const xen_pfn_t *arr;
	int *err;
};

struct privcmd_mmap_resource {
	domid_t dom;
	uint32_t type;
	uint32_t id;
	uint32_t idx;
	uint64_t num;
	uint64_t addr;
};

#define IOCTL_PRIVCMD_HYPERCALL \
	_IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall))
#define IOCTL_PRIVCMD_MMAPBATCH_V2 \
	_IOC(_IOC_NONE, 'P', 4, sizeof(struct privcmd_mmapbatch_v2))
#define IOCTL_PRIVCMD_MMAP_RESOURCE \
	_IOC(_IOC_NONE, 'P', 7, sizeof(struct privcmd_mmap_resource))

struct privcmd_state {
	int privcmd_fd;
	int hypercall_fd; /* -1: fall back to mlock'ed anonymous memory */
	xengnttab_handle *gnttab; /* opened on the first grant copy */
};

static struct privcmd_state *state(xc_interface *xch)
{
	return xch->os_priv;
}

static long linux_hypercall(xc_interface *xch, unsigned int op,
			    const uint64_t arg[5])
{
	struct privcmd_hypercall h = { .op = op };
	long rc;

	memcpy(h.arg, arg, sizeof(h.arg));
	rc = ioctl(state(xch)->privcmd_fd, IOCTL_PRIVCMD_HYPERCALL, &h);
	return rc < 0 ? -errno : rc;
}

static void *linux_alloc_hbuf(xc_interface *xch, size_t npages)
{
	size_t len = npages << XC_PAGE_SHIFT;
	void *p;

	if (state(xch)->hypercall_fd >= 0) {
		p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED,
			 state(xch)->hypercall_fd, 0);
		return p == MAP_FAILED ? NULL : p;
	}
	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	/* A child's copy-on-write would move the pages under the hypervisor. */
	madvise(p, len, MADV_DONTFORK);
	return p;
}

static void linux_free_hbuf(xc_interface *xch, void *p, size_t npages)
{
	(void)xch;
	munmap(p, npages << XC_PAGE_SHIFT);
}

static void *linux_map_foreign(xc_interface *xch, uint32_t dom, int prot,
			       const xen_pfn_t *arr, int *err,
			       unsigned int num)
{
	int fd = state(xch)->privcmd_fd;
	size_t len = (size_t)num << XC_PAGE_SHIFT;
	struct privcmd_mmapbatch_v2 batch;
	void *addr;
	int rc, saved;

	if (num == 0) {
		errno = EINVAL;
		return NULL;
	}
	addr = mmap(NULL, len, prot, MAP_SHARED, fd, 0);
	if (addr == MAP_FAILED)
		return NULL;
	batch = (struct privcmd_mmapbatch_v2){
		.num = num, .dom = (domid_t)dom,
		.addr = (uint64_t)(uintptr_t)addr, .arr = arr, .err = err,
	};
	rc = ioctl(fd, IOCTL_PRIVCMD_MMAPBATCH_V2, &batch);
	/* -ENOENT only says some frame is paged out: err[] tells which. */
	if (rc < 0 && errno != ENOENT) {
		saved = errno;
		munmap(addr, len);
		errno = saved;
		return NULL;
	}
	return addr;
}

static void *linux_map_resource(xc_interface *xch, uint32_t dom,
				unsigned int type, unsigned int id,
				unsigned long frame, unsigned long nr_frames,
				int prot)
{
	int fd = state(xch)->privcmd_fd;
	size_t len = (size_t)nr_frames << XC_PAGE_SHIFT;
	struct privcmd_mmap_resource res;
	void *addr;
	int saved;

	if (nr_frames == 0) {
		errno = EINVAL;
		return NULL;
	}
	addr = mmap(NULL, len, prot, MAP_SHARED, fd, 0);
	if (addr == MAP_FAILED)
		return NULL;
	res = (struct privcmd_mmap_resource){
		.dom = (domid_t)dom, .type = type, .id = id,
		.idx = (uint32_t)frame, .num = nr_frames,
		.addr = (uint64_t)(uintptr_t)addr,
	};
	if (ioctl(fd, IOCTL_PRIVCMD_MMAP_RESOURCE, &res) < 0) {
		saved = errno;
		munmap(addr, len);
		errno = saved;
		return NULL;
	}
	return addr;
}

static int linux_unmap(xc_interface *xch, void *addr, size_t npages)
{
	(void)xch;
	/* privcmd's vma close removes the frames from dom0's physmap. */
	return munmap(addr, npages << XC_PAGE_SHIFT) < 0 ? -errno : 0;
}

static int linux_grant_copy(xc_interface *xch, uint32_t count,
			    xengnttab_grant_copy_segment_t *segs)
{
	struct privcmd_state *s = state(xch);

	if (!s->gnttab) {
		s->gnttab = xengnttab_open(NULL, 0);
		if (!s->gnttab)
			return -errno;
	}
	return xengnttab_grant_copy(s->gnttab, count, segs);
}

static void linux_close(xc_interface *xch)
{
	struct privcmd_state *s = state(xch);

	if (!s)
		return;
	xengnttab_close(s->gnttab);
	if (s->hypercall_fd >= 0)
		close(s->hypercall_fd);
	close(s->privcmd_fd);
	free(s);
	xch->os_priv = NULL;
}

static const struct xc_osdep_ops linux_ops = {
	.hypercall = linux_hypercall,
	.alloc_hbuf = linux_alloc_hbuf,
	.free_hbuf = linux_free_hbuf,
	.map_foreign = linux_map_foreign,
	.map_resource = linux_map_resource,
	.unmap = linux_unmap,
	.grant_copy = linux_grant_copy,
	.close = linux_close,
};

int xc_osdep_linux_open(xc_interface *xch)
{
	struct privcmd_state *s = calloc(1, sizeof(*s));

	if (!s)
		return -ENOMEM;
	s->privcmd_fd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);
	if (s->privcmd_fd < 0)
		s->privcmd_fd = open("/proc/xen/privcmd", O_RDWR | O_CLOEXEC);
	if (s->privcmd_fd < 0) {
		int rc = -errno;

		free(s);
		return rc;
	}
	/* Linux >= 4.18 hands out hypercall-safe buffers itself. */
	s->hypercall_fd = open("/dev/xen/hypercall", O_RDWR | O_CLOEXEC);
	xch->ops = &linux_ops;
	xch->os_priv = s;
	return 0;
}
