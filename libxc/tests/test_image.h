/* Synthetic arm64 Images (plain and gzip'd) for the libxc tests. */
#ifndef TEST_IMAGE_H
#define TEST_IMAGE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static inline void put_le64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* len bytes: header with text_offset/image_size, then a byte pattern. */
static inline uint8_t *make_image(size_t len, uint64_t text_offset,
				  uint64_t image_size)
{
	uint8_t *p = malloc(len);
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (uint8_t)(i * 7 + 3);
	memset(p, 0, 64);
	p[0] = 'M';
	p[1] = 'Z';
	put_le64(p + 8, text_offset);
	put_le64(p + 16, image_size);
	put_le64(p + 24, 0xA);
	memcpy(p + 56, "ARM\x64", 4);
	return p;
}

static inline uint8_t *gzip_bytes(const uint8_t *in, size_t len, size_t *out_len)
{
	z_stream zs;
	size_t cap = len + len / 100 + 1024;
	uint8_t *out = malloc(cap);

	memset(&zs, 0, sizeof(zs));
	deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
	zs.next_in = (Bytef *)in;
	zs.avail_in = (uInt)len;
	zs.next_out = out;
	zs.avail_out = (uInt)cap;
	deflate(&zs, Z_FINISH);
	*out_len = cap - zs.avail_out;
	deflateEnd(&zs);
	return out;
}

#endif
