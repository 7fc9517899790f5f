/*
 * Recognising an arm64 Linux Image, plain or gzip'd, for the domain builder,
 * and writing it into guest memory. A gzip'd Image is inflated once, straight
 * into its place in the guest (libdeflate, whole-buffer); its header is read
 * first by inflating only its first 64 bytes (zlib, streaming), and its size
 * comes from the gzip trailer, so the layout is known before anything is
 * mapped. Streams whose trailer cannot be trusted (several members, trailing
 * bytes) are inflated up front with zlib instead, as they always were.
 */
#include <errno.h>
#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "dom_arm64.h"

static uint64_t le64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* Inflates a gzip stream; the result may not exceed limit bytes. */
static int gunzip(const uint8_t *in, size_t len, uint64_t limit,
		  uint8_t **out, size_t *out_len)
{
	z_stream zs;
	size_t cap = len * 4 < (1u << 20) ? (1u << 20) : len * 4, used = 0;
	uint8_t *buf = NULL;
	int zrc, rc = 0;

	memset(&zs, 0, sizeof(zs));
	if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
		return -ENOMEM;
	zs.next_in = (Bytef *)in;
	zs.avail_in = (uInt)len;
	do {
		if (used == cap || !buf) {
			uint8_t *nb;

			if (buf)
				cap *= 2;
			if (limit && cap > limit + 1)
				cap = limit + 1;
			if (buf && used == cap) {
				rc = -EFBIG;
				break;
			}
			nb = realloc(buf, cap);
			if (!nb) {
				rc = -ENOMEM;
				break;
			}
			buf = nb;
		}
		zs.next_out = buf + used;
		zs.avail_out = (uInt)(cap - used);
		zrc = inflate(&zs, Z_NO_FLUSH);
		used = cap - zs.avail_out;
		if (zrc == Z_STREAM_END)
			break;
		if (zrc != Z_OK && !(zrc == Z_BUF_ERROR && zs.avail_in)) {
			rc = -ENOEXEC;
			break;
		}
	} while (1);
	inflateEnd(&zs);
	if (rc == 0 && limit && used > limit)
		rc = -EFBIG;
	if (rc < 0) {
		free(buf);
		return rc;
	}
	*out = buf;
	*out_len = used;
	return 0;
}

/* Inflates the first XC_DOM_IMAGE_HDR_SIZE bytes of a gzip stream. */
static int gunzip_head(const uint8_t *in, size_t len, uint8_t *hdr)
{
	z_stream zs;
	int zrc;

	memset(&zs, 0, sizeof(zs));
	if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
		return -ENOMEM;
	zs.next_in = (Bytef *)in;
	zs.avail_in = (uInt)len;
	zs.next_out = hdr;
	zs.avail_out = XC_DOM_IMAGE_HDR_SIZE;
	do {
		zrc = inflate(&zs, Z_SYNC_FLUSH);
	} while (zrc == Z_OK && zs.avail_out && zs.avail_in);
	inflateEnd(&zs);
	return zs.avail_out ? -ENOEXEC : 0;
}

/* The gzip trailer's ISIZE, if it can be the size of a single-member stream
 * holding an Image that fits in limit; 0 otherwise. */
static size_t gzip_trailer_size(const uint8_t *in, size_t len, uint64_t limit)
{
	size_t isize;

	if (len < 18 + 8)       /* header, empty deflate, trailer */
		return 0;
	isize = le32(in + len - 4);
	if (isize < XC_DOM_IMAGE_HDR_SIZE || (limit && isize > limit))
		return 0;
	return isize;
}

int xc_dom_kernel_parse(const void *buf, size_t len, uint64_t ram_bytes,
			struct xc_dom_kernel *k)
{
	const uint8_t *p = buf;
	uint8_t hdr[XC_DOM_IMAGE_HDR_SIZE];
	size_t gz_size;
	uint64_t need;
	int rc;

	memset(k, 0, sizeof(*k));
	if (len >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
		gz_size = gzip_trailer_size(p, len, ram_bytes);
		if (gz_size) {
			rc = gunzip_head(p, len, hdr);
			if (rc < 0)
				return rc;
			k->gz = p;
			k->gz_len = len;
			p = hdr;
			len = gz_size;
		} else {
			uint8_t *img;
			size_t img_len;

			rc = gunzip(p, len, ram_bytes, &img, &img_len);
			if (rc < 0)
				return rc;
			k->owned = img;
			p = img;
			len = img_len;
		}
	}
	rc = -ENOEXEC;
	if (len < XC_DOM_IMAGE_HDR_SIZE || le32(p + 56) != XC_DOM_IMAGE_MAGIC)
		goto fail;
	k->data = k->gz ? NULL : p;
	k->size = len;
	k->text_offset = le64(p + 8);
	k->image_size = le64(p + 16);
	k->flags = le64(p + 24);
	/* Big-endian kernels cannot run on a little-endian guest setup. */
	if (k->flags & 1)
		goto fail;
	need = k->text_offset + (k->image_size > len ? k->image_size : len);
	rc = -EFBIG;
	if (ram_bytes && (need > ram_bytes || need > GUEST_RAM0_SIZE))
		goto fail;
	return 0;
fail:
	xc_dom_kernel_free(k);
	return rc;
}

int xc_dom_kernel_load(const struct xc_dom_kernel *k, void *dst, size_t cap)
{
	struct libdeflate_decompressor *d;
	enum libdeflate_result r;
	size_t got = 0;

	if (cap < k->size)
		return -ENOSPC;
	if (k->data) {
		memcpy(dst, k->data, k->size);
		return 0;
	}
	if (!k->gz)
		return -EINVAL;
	d = libdeflate_alloc_decompressor();
	if (!d)
		return -ENOMEM;
	/* Checks the CRC and ISIZE too; a longer stream does not fit. */
	r = libdeflate_gzip_decompress(d, k->gz, k->gz_len, dst, k->size, &got);
	libdeflate_free_decompressor(d);
	if (r != LIBDEFLATE_SUCCESS || got != k->size ||
	    le32((const uint8_t *)dst + 56) != XC_DOM_IMAGE_MAGIC ||
	    le64((const uint8_t *)dst + 8) != k->text_offset)
		return -ENOEXEC;
	return 0;
}

void xc_dom_kernel_free(struct xc_dom_kernel *k)
{
	free(k->owned);
	memset(k, 0, sizeof(*k));
}
