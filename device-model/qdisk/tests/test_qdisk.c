/* xenlet-qdisk's image, request and ring handling over real files. The
 * frontend's granted pages are plain memory here: grant ref N is page N of
 * a small pool, refs past it are refused as Xen refuses a bad ref. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "qdisk.h"

#define POOL_PAGES 16
#define DISK_SECTORS 128          /* 64 KiB */
#define TEST_DOMID 7

static uint8_t pool[POOL_PAGES][QDISK_PAGE_SIZE];
static bool granted_readonly[POOL_PAGES];
static unsigned int maps, unmaps;
static bool last_writable;
static uint8_t scratch[BLKIF_MAX_SEGMENTS_PER_REQUEST * QDISK_PAGE_SIZE];
static uint32_t mapped_refs[BLKIF_MAX_SEGMENTS_PER_REQUEST];
static uint32_t mapped_count;

/* Maps as gntdev does: the refs' pages side by side in one fresh area. */
static void *fake_map(void *opaque, uint32_t domid, uint32_t count, const uint32_t *refs,
		      bool writable)
{
	(void)opaque;
	assert_int_equal(domid, TEST_DOMID);
	assert_true(count >= 1 && count <= BLKIF_MAX_SEGMENTS_PER_REQUEST);
	for (uint32_t i = 0; i < count; i++)
		if (refs[i] >= POOL_PAGES || (writable && granted_readonly[refs[i]]))
			return NULL;
	for (uint32_t i = 0; i < count; i++)
		memcpy(scratch + i * QDISK_PAGE_SIZE, pool[refs[i]], QDISK_PAGE_SIZE);
	memcpy(mapped_refs, refs, count * sizeof(*refs));
	mapped_count = count;
	last_writable = writable;
	maps++;
	return scratch;
}

static void fake_unmap(void *opaque, void *addr, uint32_t count)
{
	(void)opaque;
	assert_ptr_equal(addr, scratch);
	assert_int_equal(count, mapped_count);
	for (uint32_t i = 0; i < count; i++)
		memcpy(pool[mapped_refs[i]], scratch + i * QDISK_PAGE_SIZE, QDISK_PAGE_SIZE);
	unmaps++;
}

static const struct qdisk_grant_ops grants = { .map = fake_map, .unmap = fake_unmap };

static char image_path[64];

/* Sector s of the image is filled with the byte (s * 3 + 1). */
static uint8_t disk_byte(uint64_t sector)
{
	return (uint8_t)(sector * 3 + 1);
}

static int setup(void **state)
{
	uint8_t sector[QDISK_SECTOR_SIZE];
	int fd;

	(void)state;
	snprintf(image_path, sizeof(image_path), "/tmp/test_qdisk.XXXXXX");
	fd = mkstemp(image_path);
	assert_true(fd >= 0);
	for (uint64_t s = 0; s < DISK_SECTORS; s++) {
		memset(sector, disk_byte(s), sizeof(sector));
		assert_int_equal(write(fd, sector, sizeof(sector)), sizeof(sector));
	}
	close(fd);
	memset(pool, 0xee, sizeof(pool));
	memset(granted_readonly, 0, sizeof(granted_readonly));
	maps = unmaps = 0;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(image_path);
	return 0;
}

static void open_image(struct qdisk_image *img, const char *mode)
{
	char params[96], err[256];

	snprintf(params, sizeof(params), "aio:%s", image_path);
	assert_int_equal(qdisk_image_open(img, params, mode, err, sizeof(err)), 0);
}

static uint8_t file_byte(uint64_t offset)
{
	uint8_t b = 0;
	int fd = open(image_path, O_RDONLY);

	assert_true(fd >= 0);
	assert_int_equal(pread(fd, &b, 1, (off_t)offset), 1);
	close(fd);
	return b;
}

static struct blkif_request rw(uint8_t op, uint64_t sector, unsigned int nseg)
{
	struct blkif_request req = { .operation = op, .nr_segments = (uint8_t)nseg,
				     .id = 0x1234567890abcdefULL, .sector_number = sector };

	for (unsigned int i = 0; i < nseg && i < BLKIF_MAX_SEGMENTS_PER_REQUEST; i++)
		req.seg[i] = (struct blkif_request_segment){ .gref = i, .first_sect = 0,
							     .last_sect = 7 };
	return req;
}

/* --- the image ------------------------------------------------------------- */

static void test_image_params(void **state)
{
	struct qdisk_image img;
	char params[96], err[256];

	(void)state;
	snprintf(params, sizeof(params), "raw:%s", image_path);
	assert_int_equal(qdisk_image_open(&img, params, "w", err, sizeof(err)), 0);
	assert_int_equal(img.sectors, DISK_SECTORS);
	assert_false(img.readonly);
	qdisk_image_close(&img);
	/* A bare path is raw too. */
	assert_int_equal(qdisk_image_open(&img, image_path, "r", err, sizeof(err)), 0);
	assert_true(img.readonly);
	/* Opened read-only for real: the file cannot be written through it. */
	assert_int_equal(pwrite(img.fd, "x", 1, 0), -1);
	qdisk_image_close(&img);
}

static void test_image_refusals(void **state)
{
	struct qdisk_image img;
	char params[96], err[256];

	(void)state;
	snprintf(params, sizeof(params), "qcow2:%s", image_path);
	assert_int_equal(qdisk_image_open(&img, params, "w", err, sizeof(err)), -ENOTSUP);
	assert_non_null(strstr(err, "'qcow2' is not supported"));
	assert_int_equal(img.fd, -1);
	assert_int_equal(qdisk_image_open(&img, "aio:/nonexistent/disk.img", "w", err,
					  sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, "cannot open /nonexistent/disk.img"));
	snprintf(params, sizeof(params), "aio:%s", image_path);
	assert_int_equal(qdisk_image_open(&img, params, "rw", err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "mode 'rw'"));
	assert_int_equal(qdisk_image_open(&img, "aio:", "w", err, sizeof(err)), -EINVAL);
	assert_int_equal(qdisk_image_open(&img, "aio:/tmp", "w", err, sizeof(err)), -EISDIR);
	assert_int_equal(qdisk_image_open(&img, NULL, "w", err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "no params"));
}

/* --- requests -------------------------------------------------------------- */

static void test_read_whole_pages(void **state)
{
	struct qdisk_image img;
	struct blkif_request req = rw(BLKIF_OP_READ, 8, 3);

	(void)state;
	open_image(&img, "w");
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_OKAY);
	assert_true(last_writable);   /* a disk read writes the guest's pages */
	for (unsigned int p = 0; p < 3; p++)
		for (unsigned int s = 0; s < 8; s++)
			assert_int_equal(pool[p][s * QDISK_SECTOR_SIZE + 17], disk_byte(8 + p * 8 + s));
	assert_int_equal(pool[3][0], 0xee);
	assert_int_equal(maps, 1);
	assert_int_equal(unmaps, 1);
	qdisk_image_close(&img);
}

static void test_read_partial_segments(void **state)
{
	struct qdisk_image img;
	struct blkif_request req = rw(BLKIF_OP_READ, 5, 2);

	(void)state;
	open_image(&img, "w");
	req.seg[0].first_sect = 2;
	req.seg[0].last_sect = 5;   /* disk sectors 5..8 into bytes 1024..3071 */
	req.seg[1].first_sect = 7;
	req.seg[1].last_sect = 7;   /* disk sector 9 into the last 512 bytes */
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_OKAY);
	assert_int_equal(pool[0][1023], 0xee);
	assert_int_equal(pool[0][1024], disk_byte(5));
	assert_int_equal(pool[0][3071], disk_byte(8));
	assert_int_equal(pool[0][3072], 0xee);
	assert_int_equal(pool[1][7 * 512 - 1], 0xee);
	assert_int_equal(pool[1][7 * 512], disk_byte(9));
	assert_int_equal(pool[1][4095], disk_byte(9));
	qdisk_image_close(&img);
}

static void test_write(void **state)
{
	struct qdisk_image img;
	struct blkif_request req = rw(BLKIF_OP_WRITE, 16, 2);

	(void)state;
	open_image(&img, "w");
	memset(pool[0], 0xa1, QDISK_PAGE_SIZE);
	memset(pool[1], 0xb2, QDISK_PAGE_SIZE);
	req.seg[1].last_sect = 0;   /* only its first sector */
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_OKAY);
	assert_false(last_writable);
	assert_int_equal(file_byte(16 * 512), 0xa1);
	assert_int_equal(file_byte(24 * 512 - 1), 0xa1);
	assert_int_equal(file_byte(24 * 512), 0xb2);
	assert_int_equal(file_byte(25 * 512 - 1), 0xb2);
	assert_int_equal(file_byte(25 * 512), disk_byte(25));
	assert_int_equal(file_byte(16 * 512 - 1), disk_byte(15));
	qdisk_image_close(&img);
}

static void test_write_readonly_refused(void **state)
{
	struct qdisk_image img;
	struct blkif_request req = rw(BLKIF_OP_WRITE, 0, 1);

	(void)state;
	open_image(&img, "r");
	memset(pool[0], 0x55, QDISK_PAGE_SIZE);
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_ERROR);
	assert_int_equal(maps, 0);
	assert_int_equal(file_byte(0), disk_byte(0));
	/* A flush carrying write data is a write too. */
	req.operation = BLKIF_OP_FLUSH_DISKCACHE;
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_ERROR);
	assert_int_equal(file_byte(0), disk_byte(0));
	/* Reads still work. */
	req = rw(BLKIF_OP_READ, 0, 1);
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_OKAY);
	assert_int_equal(pool[0][0], disk_byte(0));
	qdisk_image_close(&img);
}

static void test_bad_segment_counts(void **state)
{
	struct qdisk_image img;
	struct blkif_request req;

	(void)state;
	open_image(&img, "w");
	req = rw(BLKIF_OP_READ, 0, 0);
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_ERROR);
	req = rw(BLKIF_OP_WRITE, 0, 0);
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_ERROR);
	req = rw(BLKIF_OP_READ, 0, BLKIF_MAX_SEGMENTS_PER_REQUEST);
	req.nr_segments = BLKIF_MAX_SEGMENTS_PER_REQUEST + 1;
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_ERROR);
	req.nr_segments = 255;
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_ERROR);
	assert_int_equal(maps, 0);
	/* The most a request may carry is fine. */
	req.nr_segments = BLKIF_MAX_SEGMENTS_PER_REQUEST;
	req.sector_number = 0;
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_OKAY);
	assert_int_equal(pool[10][4095], disk_byte(87));
	qdisk_image_close(&img);
}

static void test_bad_sector_bounds(void **state)
{
	struct qdisk_image img;
	struct blkif_request req;

	(void)state;
	open_image(&img, "w");
	req = rw(BLKIF_OP_READ, 0, 1);
	req.seg[0].first_sect = 4;
	req.seg[0].last_sect = 3;
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_ERROR);
	req.seg[0].first_sect = 0;
	req.seg[0].last_sect = 8;     /* past the page */
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_ERROR);
	req.seg[0].first_sect = 8;
	req.seg[0].last_sect = 8;
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_ERROR);
	assert_int_equal(maps, 0);
	qdisk_image_close(&img);
}

static void test_past_the_end(void **state)
{
	struct qdisk_image img;
	struct blkif_request req;

	(void)state;
	open_image(&img, "w");
	/* The last 8 sectors: fine. One more: refused, for reads and writes. */
	req = rw(BLKIF_OP_READ, DISK_SECTORS - 8, 1);
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_OKAY);
	req.sector_number++;
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_ERROR);
	req.operation = BLKIF_OP_WRITE;
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_ERROR);
	req.sector_number = DISK_SECTORS;
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_ERROR);
	/* Sums that would wrap around 2^64. */
	req.sector_number = UINT64_MAX - 3;
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_ERROR);
	req.sector_number = UINT64_MAX / QDISK_SECTOR_SIZE + 1;
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_ERROR);
	assert_int_equal(maps, 1);
	/* The file did not grow. */
	assert_int_equal(lseek(img.fd, 0, SEEK_END), DISK_SECTORS * QDISK_SECTOR_SIZE);
	qdisk_image_close(&img);
}

static void test_bad_grant(void **state)
{
	struct qdisk_image img;
	struct blkif_request req = rw(BLKIF_OP_WRITE, 0, 2);

	(void)state;
	open_image(&img, "w");
	req.seg[1].gref = POOL_PAGES + 100;   /* not granted */
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_ERROR);
	assert_int_equal(file_byte(0), disk_byte(0));
	/* A page granted read-only cannot receive a disk read. */
	granted_readonly[3] = true;
	req = rw(BLKIF_OP_READ, 0, 1);
	req.seg[0].gref = 3;
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_ERROR);
	assert_int_equal(pool[3][0], 0xee);
	assert_int_equal(maps, 0);
	qdisk_image_close(&img);
}

static void test_flush_and_unknown_ops(void **state)
{
	struct qdisk_image img;
	struct blkif_request req = rw(BLKIF_OP_FLUSH_DISKCACHE, 0, 0);

	(void)state;
	open_image(&img, "w");
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_OKAY);
	assert_int_equal(maps, 0);
	/* With data attached, the data is written. */
	req = rw(BLKIF_OP_FLUSH_DISKCACHE, 32, 1);
	memset(pool[0], 0x77, QDISK_PAGE_SIZE);
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_OKAY);
	assert_int_equal(file_byte(32 * 512), 0x77);
	/* ...and checked like any write. */
	req.sector_number = DISK_SECTORS;
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_ERROR);
	req = rw(BLKIF_OP_DISCARD, 0, 1);
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_EOPNOTSUPP);
	req.operation = BLKIF_OP_INDIRECT;
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_EOPNOTSUPP);
	req.operation = BLKIF_OP_WRITE_BARRIER;
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_EOPNOTSUPP);
	req.operation = 200;
	assert_int_equal(qdisk_request_serve(&img, &grants, TEST_DOMID, &req), BLKIF_RSP_EOPNOTSUPP);
	assert_int_equal(file_byte(0), disk_byte(0));
	qdisk_image_close(&img);
}

/* --- the ring --------------------------------------------------------------- */

static union {
	struct blkif_sring s;
	uint8_t page[QDISK_PAGE_SIZE];
} shared;

/* What the frontend's SHARED_RING_INIT leaves, then its producer at @start. */
static void front_init(uint32_t start)
{
	memset(&shared, 0, sizeof(shared));
	shared.s.req_prod = shared.s.rsp_prod = start;
	shared.s.req_event = shared.s.rsp_event = start + 1;
}

static void front_push(struct blkif_request req)
{
	memcpy(&shared.s.ring[shared.s.req_prod & 31].req, &req, sizeof(req));
	shared.s.req_prod++;
}

struct served {
	unsigned int n;
	uint64_t ids[512];
	bool racing;        /* the frontend adds a request during each one */
};

static int16_t serve_record(void *ctx, const struct blkif_request *req)
{
	struct served *s = ctx;

	s->ids[s->n++ % 512] = req->id;
	if (s->racing && s->n < 1000) {   /* bounded, so a missing budget fails, not hangs */
		struct blkif_request next = { .operation = BLKIF_OP_READ, .id = req->id + 1 };

		front_push(next);
	}
	return req->operation == BLKIF_OP_READ ? BLKIF_RSP_OKAY : BLKIF_RSP_ERROR;
}

static void test_ring_size(void **state)
{
	struct qdisk_ring r;

	(void)state;
	assert_int_equal(offsetof(struct blkif_sring, ring), 64);
	assert_int_equal(sizeof(struct blkif_request), 112);
	assert_int_equal(sizeof(struct blkif_response), 16);
	front_init(0);
	assert_int_equal(qdisk_ring_attach(&r, &shared, QDISK_PAGE_SIZE), 0);
	assert_int_equal(r.size, 32);     /* (4096 - 64) / 112 = 36, rounded down */
	assert_int_equal(qdisk_ring_attach(&r, &shared, 64), -EINVAL);
}

static void ring_round(uint32_t start)
{
	struct served s = { 0 };
	struct qdisk_ring r;
	struct blkif_response rsp;

	front_init(start);
	assert_int_equal(qdisk_ring_attach(&r, &shared, QDISK_PAGE_SIZE), 0);
	for (uint64_t i = 0; i < 3; i++)
		front_push((struct blkif_request){ .operation = i == 1 ? BLKIF_OP_WRITE : BLKIF_OP_READ,
						   .id = 100 + i });
	assert_int_equal(qdisk_ring_run(&r, serve_record, &s), 1);
	assert_int_equal(s.n, 3);
	assert_int_equal(shared.s.rsp_prod, start + 3);
	assert_int_equal(shared.s.req_event, start + 4);
	for (uint32_t i = 0; i < 3; i++) {
		memcpy(&rsp, &shared.s.ring[(start + i) & 31].rsp, sizeof(rsp));
		assert_int_equal(rsp.id, 100 + i);
		assert_int_equal(rsp.operation, i == 1 ? BLKIF_OP_WRITE : BLKIF_OP_READ);
		assert_int_equal(rsp.status, i == 1 ? BLKIF_RSP_ERROR : BLKIF_RSP_OKAY);
	}
	/* Nothing new: no responses, no event. */
	assert_int_equal(qdisk_ring_run(&r, serve_record, &s), 0);
	assert_int_equal(s.n, 3);
}

static void test_ring_responses(void **state)
{
	(void)state;
	ring_round(0);
	ring_round(UINT32_MAX - 1);      /* the indexes wrap */
}

static void test_ring_no_event_unless_asked(void **state)
{
	struct served s = { 0 };
	struct qdisk_ring r;

	(void)state;
	front_init(0);
	assert_int_equal(qdisk_ring_attach(&r, &shared, QDISK_PAGE_SIZE), 0);
	shared.s.rsp_event = 10;   /* the frontend wants no event before the 10th */
	front_push((struct blkif_request){ .operation = BLKIF_OP_READ, .id = 1 });
	assert_int_equal(qdisk_ring_run(&r, serve_record, &s), 0);
	assert_int_equal(shared.s.rsp_prod, 1);
}

static void test_ring_producer_ahead(void **state)
{
	struct served s = { 0 };
	struct qdisk_ring r;

	(void)state;
	front_init(0);
	assert_int_equal(qdisk_ring_attach(&r, &shared, QDISK_PAGE_SIZE), 0);
	shared.s.req_prod = 33;            /* more than the 32 slots */
	assert_int_equal(qdisk_ring_run(&r, serve_record, &s), -EPROTO);
	assert_int_equal(s.n, 0);
	assert_int_equal(shared.s.rsp_prod, 0);
	shared.s.req_prod = UINT32_MAX;    /* "behind" is as far ahead, unsigned */
	assert_int_equal(qdisk_ring_run(&r, serve_record, &s), -EPROTO);
	/* Exactly full is legal. */
	front_init(0);
	assert_int_equal(qdisk_ring_attach(&r, &shared, QDISK_PAGE_SIZE), 0);
	for (uint64_t i = 0; i < 32; i++)
		front_push((struct blkif_request){ .operation = BLKIF_OP_READ, .id = i });
	assert_int_equal(qdisk_ring_run(&r, serve_record, &s), 1);
	assert_int_equal(s.n, 32);
	assert_int_equal(shared.s.rsp_prod, 32);
}

static void test_ring_fair_share(void **state)
{
	struct served s = { .racing = true };
	struct qdisk_ring r;

	(void)state;
	front_init(0);
	assert_int_equal(qdisk_ring_attach(&r, &shared, QDISK_PAGE_SIZE), 0);
	front_push((struct blkif_request){ .operation = BLKIF_OP_READ, .id = 0 });
	/* Each request brings another: the run stops after four rings' worth. */
	qdisk_ring_run(&r, serve_record, &s);
	assert_int_equal(s.n, 4 * 32);
	assert_true(r.more);
	assert_int_equal(shared.s.rsp_prod, 4 * 32);
	assert_int_equal(s.ids[127], 127);
	s.racing = false;
	assert_true(qdisk_ring_run(&r, serve_record, &s) >= 0);
	assert_false(r.more);
	assert_int_equal(s.n, 4 * 32 + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_image_params, setup, teardown),
		cmocka_unit_test_setup_teardown(test_image_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_whole_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_partial_segments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_readonly_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_segment_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_sector_bounds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_past_the_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_grant, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flush_and_unknown_ops, setup, teardown),
		cmocka_unit_test(test_ring_size),
		cmocka_unit_test(test_ring_responses),
		cmocka_unit_test(test_ring_no_event_unless_asked),
		cmocka_unit_test(test_ring_producer_ahead),
		cmocka_unit_test(test_ring_fair_share),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
