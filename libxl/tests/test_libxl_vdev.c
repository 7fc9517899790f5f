/* Disk vdev names to device numbers, checked against the numbers Xen's
 * libxl gives (and Linux's blkfront decodes): xvda = 202:0 = 51712. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>

#include "libxl_types.h"

static void xvd_classic(void **state)
{
	int disk = -1, part = -1;

	(void)state;
	assert_int_equal(libxl__device_disk_dev_number("xvda", NULL, NULL), 51712);
	assert_int_equal(libxl__device_disk_dev_number("xvdb", NULL, NULL), 51728);
	assert_int_equal(libxl__device_disk_dev_number("xvdc", NULL, NULL), 51744);
	assert_int_equal(libxl__device_disk_dev_number("xvda1", &disk, &part), 51713);
	assert_int_equal(disk, 0);
	assert_int_equal(part, 1);
	assert_int_equal(libxl__device_disk_dev_number("xvdp15", NULL, NULL), (202 << 8) | (15 << 4) | 15);
}

static void xvd_extended(void **state)
{
	int disk = -1, part = -1;

	(void)state;
	/* The 17th disk, or a partition past 15, no longer fits 202:x. */
	assert_int_equal(libxl__device_disk_dev_number("xvdq", &disk, &part), (1 << 28) | (16 << 8));
	assert_int_equal(disk, 16);
	assert_int_equal(libxl__device_disk_dev_number("xvda16", NULL, NULL), (1 << 28) | 16);
	/* Two letters: bijective base 26, so "aa" follows "z". */
	assert_int_equal(libxl__device_disk_dev_number("xvdaa", &disk, NULL), (1 << 28) | (26 << 8));
	assert_int_equal(disk, 26);
	assert_int_equal(libxl__device_disk_dev_number("d0p1", NULL, NULL), 51713);
	assert_int_equal(libxl__device_disk_dev_number("d20p3", NULL, NULL), (1 << 28) | (20 << 8) | 3);
}

static void ide_scsi_numeric(void **state)
{
	(void)state;
	assert_int_equal(libxl__device_disk_dev_number("hda", NULL, NULL), 3 << 8);
	assert_int_equal(libxl__device_disk_dev_number("hdb", NULL, NULL), (3 << 8) | 64);
	assert_int_equal(libxl__device_disk_dev_number("hdc", NULL, NULL), 22 << 8);
	assert_int_equal(libxl__device_disk_dev_number("hdd2", NULL, NULL), (22 << 8) | 64 | 2);
	assert_int_equal(libxl__device_disk_dev_number("sda", NULL, NULL), 8 << 8);
	assert_int_equal(libxl__device_disk_dev_number("sdb3", NULL, NULL), (8 << 8) | 16 | 3);
	assert_int_equal(libxl__device_disk_dev_number("51712", NULL, NULL), 51712);
	assert_int_equal(libxl__device_disk_dev_number("0x100", NULL, NULL), 256);
}

static void refused(void **state)
{
	static const char *const bad[] = {
		"", "xvd", "xvda0", "xvda01", "xvda256", "hde", "hda64", "sdq", "sda16",
		"vda", "xvdA", "d1", "d1p", "d0p256", "xvda1x", "-5", NULL,
	};

	(void)state;
	for (int i = 0; bad[i]; i++) {
		int rc = libxl__device_disk_dev_number(bad[i], NULL, NULL);

		if (rc != -1)
			fail_msg("'%s' gave %d, wanted -1", bad[i], rc);
	}
	assert_int_equal(libxl__device_disk_dev_number(NULL, NULL, NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(xvd_classic),
		cmocka_unit_test(xvd_extended),
		cmocka_unit_test(ide_scsi_numeric),
		cmocka_unit_test(refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
