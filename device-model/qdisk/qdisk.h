/* xenlet-qdisk: a userspace PV block backend serving raw image files to
 * blkfront. This header joins its parts: the image, the request worker and
 * the ring; none of them knows XenStore, so they are unit tested on the host. */
#ifndef XENLET_QDISK_H
#define XENLET_QDISK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <public/io/blkif.h>

#define QDISK_SECTOR_SIZE 512u   /* blkif sectors, and what we publish */
#define QDISK_PAGE_SIZE 4096u
#define QDISK_SECTORS_PER_PAGE (QDISK_PAGE_SIZE / QDISK_SECTOR_SIZE)

/* The disk behind one device: an open raw image. */
struct qdisk_image {
	int fd;
	uint64_t sectors;        /* whole 512-byte sectors in the file */
	bool readonly;
};

/* Opens "params" as libxl writes it for backendtype=qdisk ("aio:PATH",
 * "raw:PATH" or a bare PATH; other formats are refused), read-only when
 * @mode is "r". 0, or a negative errno with a message in @err. */
int qdisk_image_open(struct qdisk_image *img, const char *params, const char *mode,
		     char *err, size_t err_len);
void qdisk_image_close(struct qdisk_image *img);

/* How requests reach the frontend's pages: gntdev in the daemon, plain
 * memory in the unit tests. map returns the @count pages contiguously, or
 * NULL if any grant is refused. */
struct qdisk_grant_ops {
	void *(*map)(void *opaque, uint32_t domid, uint32_t count, const uint32_t *refs,
		     bool writable);
	void (*unmap)(void *opaque, void *addr, uint32_t count);
	void *opaque;
};

/* Checks and carries out one request (copied out of the shared ring);
 * returns its BLKIF_RSP_* status. */
int16_t qdisk_request_serve(const struct qdisk_image *img, const struct qdisk_grant_ops *g,
			    uint32_t domid, const struct blkif_request *req);

/* The backend's half of a shared ring. */
struct qdisk_ring {
	struct blkif_sring *sring;
	uint32_t size;            /* entries, a power of two */
	uint32_t req_cons;        /* next request to take */
	uint32_t rsp_prod_pvt;    /* next response slot, not yet published */
	bool more;                /* the last run stopped with requests left */
};

/* @bytes: the mapped ring's size. -EINVAL if not even one entry fits. */
int qdisk_ring_attach(struct qdisk_ring *r, void *sring, size_t bytes);

typedef int16_t qdisk_serve_fn(void *ctx, const struct blkif_request *req);

/* Serves the pending requests (at most four rings' worth: then it sets
 * r->more and the caller runs it again soon) and publishes the responses.
 * Returns 1 if
 * the frontend asked to be notified, 0 if not, -EPROTO if its producer
 * index ran further ahead than the ring holds (a broken or hostile frontend:
 * the caller disconnects it). */
int qdisk_ring_run(struct qdisk_ring *r, qdisk_serve_fn *serve, void *ctx);

#endif
