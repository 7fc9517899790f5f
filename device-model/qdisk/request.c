/* One blkif request: checked against the disk and the protocol's limits
 * before any grant is mapped or byte moved. The request is the frontend's
 * word and may be hostile; a bad one gets BLKIF_RSP_ERROR, nothing else. */
#include <errno.h>
#include <unistd.h>

#include "qdisk.h"

/* Sectors the request's segments cover, or 0 if a segment is malformed
 * or the whole run does not lie inside the disk. */
static uint64_t checked_sectors(const struct qdisk_image *img, const struct blkif_request *req)
{
	uint64_t total = 0;

	if (req->nr_segments == 0 || req->nr_segments > BLKIF_MAX_SEGMENTS_PER_REQUEST)
		return 0;
	for (unsigned int i = 0; i < req->nr_segments; i++) {
		const struct blkif_request_segment *s = &req->seg[i];

		if (s->first_sect > s->last_sect || s->last_sect >= QDISK_SECTORS_PER_PAGE)
			return 0;
		total += (uint64_t)(s->last_sect - s->first_sect) + 1;
	}
	/* Written so that no sum can wrap. */
	if (req->sector_number > img->sectors || total > img->sectors - req->sector_number)
		return 0;
	return total;
}

/* pread/pwrite of all @len bytes; false on an error or a short file. */
static bool move_all(int fd, bool to_disk, uint8_t *buf, size_t len, off_t off)
{
	while (len) {
		ssize_t n = to_disk ? pwrite(fd, buf, len, off) : pread(fd, buf, len, off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		buf += n;
		len -= (size_t)n;
		off += n;
	}
	return true;
}

/* The segments are consecutive on the disk, each a slice of its own page. */
static int16_t transfer(const struct qdisk_image *img, const struct qdisk_grant_ops *g,
			uint32_t domid, const struct blkif_request *req, bool to_disk)
{
	uint32_t refs[BLKIF_MAX_SEGMENTS_PER_REQUEST];
	off_t off = (off_t)(req->sector_number * QDISK_SECTOR_SIZE);
	int16_t status = BLKIF_RSP_OKAY;
	uint8_t *pages;

	if (!checked_sectors(img, req))
		return BLKIF_RSP_ERROR;
	if (to_disk && img->readonly)
		return BLKIF_RSP_ERROR;
	for (unsigned int i = 0; i < req->nr_segments; i++)
		refs[i] = req->seg[i].gref;
	/* A read from the disk writes into the guest's pages. */
	pages = g->map(g->opaque, domid, req->nr_segments, refs, !to_disk);
	if (!pages)
		return BLKIF_RSP_ERROR;
	for (unsigned int i = 0; i < req->nr_segments; i++) {
		const struct blkif_request_segment *s = &req->seg[i];
		size_t len = (size_t)(s->last_sect - s->first_sect + 1) * QDISK_SECTOR_SIZE;
		uint8_t *buf = pages + (size_t)i * QDISK_PAGE_SIZE + s->first_sect * QDISK_SECTOR_SIZE;

		if (!move_all(img->fd, to_disk, buf, len, off)) {
			status = BLKIF_RSP_ERROR;
			break;
		}
		off += (off_t)len;
	}
	g->unmap(g->opaque, pages, req->nr_segments);
	return status;
}

int16_t qdisk_request_serve(const struct qdisk_image *img, const struct qdisk_grant_ops *g,
			    uint32_t domid, const struct blkif_request *req)
{
	int16_t status;

	switch (req->operation) {
	case BLKIF_OP_READ:
		return transfer(img, g, domid, req, false);
	case BLKIF_OP_WRITE:
		return transfer(img, g, domid, req, true);
	case BLKIF_OP_FLUSH_DISKCACHE:
		/* Linux sends its flushes with the data of a write attached
		 * (REQ_PREFLUSH/FUA): write it, then make it durable. */
		if (req->nr_segments) {
			status = transfer(img, g, domid, req, true);
			if (status != BLKIF_RSP_OKAY)
				return status;
		}
		if (img->readonly)
			return BLKIF_RSP_OKAY;
		return fdatasync(img->fd) == 0 ? BLKIF_RSP_OKAY : BLKIF_RSP_ERROR;
	default:
		/* Barriers, discard and indirect requests are not advertised. */
		return BLKIF_RSP_EOPNOTSUPP;
	}
}
