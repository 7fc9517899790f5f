/* Recognising arm64 Images: plain, gzip'd, truncated, wrong magic, too big. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dom_arm64.h"
#include "test_image.h"

static void put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void plain_image(void **state)
{
	uint8_t *img = make_image(100000, 0, 300000);
	struct xc_dom_kernel k;

	(void)state;
	assert_int_equal(xc_dom_kernel_parse(img, 100000, XC_DOM_MiB(64), &k), 0);
	assert_ptr_equal(k.data, img);
	assert_int_equal(k.size, 100000);
	assert_int_equal(k.text_offset, 0);
	assert_int_equal(k.image_size, 300000);
	assert_int_equal(k.flags, 0xA);
	assert_null(k.owned);
	xc_dom_kernel_free(&k);
	free(img);
}

static void text_offset_read(void **state)
{
	uint8_t *img = make_image(4096, 0x80000, 0);
	struct xc_dom_kernel k;

	(void)state;
	assert_int_equal(xc_dom_kernel_parse(img, 4096, 0, &k), 0);
	assert_int_equal(k.text_offset, 0x80000);
	xc_dom_kernel_free(&k);
	free(img);
}

/* parse + load, as the builder does them: the Image in a fresh buffer. */
static int parse_load(const uint8_t *buf, size_t len, uint64_t ram,
		      struct xc_dom_kernel *k, uint8_t **out)
{
	int rc = xc_dom_kernel_parse(buf, len, ram, k);

	*out = NULL;
	if (rc < 0)
		return rc;
	*out = malloc(k->size);
	assert_non_null(*out);
	rc = xc_dom_kernel_load(k, *out, k->size);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		xc_dom_kernel_free(k);
	}
	return rc;
}

static void gzip_image(void **state)
{
	uint8_t *img = make_image(3 << 20, 0x80000, 4 << 20), *gz, *out;
	struct xc_dom_kernel k;
	size_t gz_len;

	(void)state;
	gz = gzip_bytes(img, 3 << 20, &gz_len);
	assert_true(gz_len < (3 << 20));
	/* Only the header is read: the stream stays compressed. */
	assert_int_equal(xc_dom_kernel_parse(gz, gz_len, XC_DOM_MiB(64), &k), 0);
	assert_null(k.data);
	assert_ptr_equal(k.gz, gz);
	assert_int_equal(k.size, 3 << 20);
	assert_int_equal(k.text_offset, 0x80000);
	assert_int_equal(k.image_size, 4 << 20);
	assert_null(k.owned);
	out = malloc((3 << 20) + 4096);
	assert_int_equal(xc_dom_kernel_load(&k, out, (3 << 20) - 1), -ENOSPC);
	assert_int_equal(xc_dom_kernel_load(&k, out, (3 << 20) + 4096), 0);
	assert_memory_equal(out, img, 3 << 20);
	xc_dom_kernel_free(&k);
	free(out);
	/* A plain Image loads by copying. */
	assert_int_equal(parse_load(img, 3 << 20, 0, &k, &out), 0);
	assert_memory_equal(out, img, 3 << 20);
	xc_dom_kernel_free(&k);
	free(out);
	free(gz);
	free(img);
}

/* A trailer that cannot be the size (bytes after the stream): inflated up
 * front with zlib, as before. */
static void gzip_trailing_bytes(void **state)
{
	uint8_t *img = make_image(1 << 20, 0, 0), *gz, *out;
	struct xc_dom_kernel k;
	size_t gz_len;

	(void)state;
	gz = gzip_bytes(img, 1 << 20, &gz_len);
	gz = realloc(gz, gz_len + 16);
	memset(gz + gz_len, 0, 16);
	assert_int_equal(parse_load(gz, gz_len + 16, XC_DOM_MiB(64), &k, &out), 0);
	assert_non_null(k.data);
	assert_non_null(k.owned);
	assert_int_equal(k.size, 1 << 20);
	assert_memory_equal(out, img, 1 << 20);
	xc_dom_kernel_free(&k);
	free(out);
	free(gz);
	free(img);
}

/* A stream that does not inflate to what its header and trailer said. */
static void gzip_corrupt(void **state)
{
	uint8_t *img = make_image(1 << 20, 0, 0), *gz, *out;
	struct xc_dom_kernel k;
	size_t gz_len;

	(void)state;
	gz = gzip_bytes(img, 1 << 20, &gz_len);
	/* The trailer's size one page short: the data does not fit. */
	put_le32(gz + gz_len - 4, (1 << 20) - 4096);
	assert_int_equal(parse_load(gz, gz_len, 0, &k, &out), -ENOEXEC);
	/* The right size but a wrong CRC. */
	put_le32(gz + gz_len - 4, 1 << 20);
	gz[gz_len - 8] ^= 1;
	assert_int_equal(parse_load(gz, gz_len, 0, &k, &out), -ENOEXEC);
	gz[gz_len - 8] ^= 1;
	assert_int_equal(parse_load(gz, gz_len, 0, &k, &out), 0);
	xc_dom_kernel_free(&k);
	free(out);
	free(gz);
	free(img);
}

static void truncated(void **state)
{
	uint8_t *img = make_image(4096, 0, 0), *gz, *out;
	struct xc_dom_kernel k;
	size_t gz_len;

	(void)state;
	assert_int_equal(xc_dom_kernel_parse(img, 63, 0, &k), -ENOEXEC);
	assert_int_equal(xc_dom_kernel_parse(img, 0, 0, &k), -ENOEXEC);
	/* A gzip stream cut short fails to parse or to load. */
	gz = gzip_bytes(img, 4096, &gz_len);
	assert_int_equal(parse_load(gz, gz_len / 2, 0, &k, &out), -ENOEXEC);
	/* Gzip of something too short to be an Image. */
	free(gz);
	gz = gzip_bytes(img, 40, &gz_len);
	assert_int_equal(xc_dom_kernel_parse(gz, gz_len, 0, &k), -ENOEXEC);
	free(gz);
	free(img);
}

static void wrong_magic(void **state)
{
	uint8_t *img = make_image(4096, 0, 0);
	struct xc_dom_kernel k;

	(void)state;
	img[59] = 0x65;
	assert_int_equal(xc_dom_kernel_parse(img, 4096, 0, &k), -ENOEXEC);
	memset(img, 0x7f, 4); /* an ELF, say */
	assert_int_equal(xc_dom_kernel_parse(img, 4096, 0, &k), -ENOEXEC);
	free(img);
}

static void big_endian_refused(void **state)
{
	uint8_t *img = make_image(4096, 0, 0);
	struct xc_dom_kernel k;

	(void)state;
	img[24] |= 1;
	assert_int_equal(xc_dom_kernel_parse(img, 4096, 0, &k), -ENOEXEC);
	free(img);
}

static void too_big_for_ram(void **state)
{
	uint8_t *img = make_image(1 << 20, 0, 0), *gz;
	struct xc_dom_kernel k;
	size_t gz_len;

	(void)state;
	/* File larger than RAM. */
	assert_int_equal(xc_dom_kernel_parse(img, 1 << 20, 512 << 10, &k),
			 -EFBIG);
	/* image_size (with BSS) larger than RAM. */
	put_le64(img + 16, XC_DOM_MiB(65));
	assert_int_equal(xc_dom_kernel_parse(img, 1 << 20, XC_DOM_MiB(64), &k),
			 -EFBIG);
	/* Decompressing past the RAM size stops early. */
	put_le64(img + 16, 0);
	gz = gzip_bytes(img, 1 << 20, &gz_len);
	assert_int_equal(xc_dom_kernel_parse(gz, gz_len, 256 << 10, &k), -EFBIG);
	free(gz);
	free(img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_image),
		cmocka_unit_test(text_offset_read),
		cmocka_unit_test(gzip_image),
		cmocka_unit_test(gzip_trailing_bytes),
		cmocka_unit_test(gzip_corrupt),
		cmocka_unit_test(truncated),
		cmocka_unit_test(wrong_magic),
		cmocka_unit_test(big_endian_refused),
		cmocka_unit_test(too_big_for_ram),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
