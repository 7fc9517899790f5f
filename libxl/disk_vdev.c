/* A disk's vdev name ("xvda", "hdc1", "sdb", "d0p1", "51712") to the device
 * number the guest and the backend know it by, computed as Xen's libxl does
 * so that paths like backend/vbd/N/51712 match Xen's. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libxl_types.h"

/* "<prefix><letters>[<partition>]": the letters are a bijective base-26
 * number (a=0, z=25, aa=26), the partition a decimal with no leading 0. */
static int letters_and_partition(const char *s, const char *prefix, int max_disk,
				 int max_part, int *disk, int *part)
{
	size_t n = strlen(prefix);
	long d = -1, p;
	char *end;

	if (strncmp(s, prefix, n))
		return 0;
	for (s += n; *s >= 'a' && *s <= 'z'; s++) {
		d = (d + 1) * 26 + (*s - 'a');
		if (d > max_disk)
			return 0;
	}
	if (d < 0)
		return 0;
	*disk = (int)d;
	if (!*s) {
		*part = 0;
		return 1;
	}
	if (*s < '1' || *s > '9')
		return 0;
	errno = 0;
	p = strtol(s, &end, 10);
	if (errno || *end || p > max_part)
		return 0;
	*part = (int)p;
	return 1;
}

/* "d<disk>p<partition>", Xen's generic form. */
static int generic_form(const char *s, int *disk, int *part)
{
	int used = -1;

	return sscanf(s, "d%dp%d%n", disk, part, &used) == 2 && used == (int)strlen(s) &&
	       *disk >= 0 && *disk < (1 << 20) && *part >= 0 && *part < 256;
}

int libxl__device_disk_dev_number(const char *vdev, int *pdisk, int *ppartition)
{
	int disk, part;
	unsigned long ul;
	char *end;

	if (!vdev || !*vdev)
		return -1;
	if (generic_form(vdev, &disk, &part) ||
	    letters_and_partition(vdev, "xvd", (1 << 20) - 1, 255, &disk, &part)) {
		if (pdisk)
			*pdisk = disk;
		if (ppartition)
			*ppartition = part;
		/* The extended form when the classic 202:x encoding runs out. */
		if (disk <= 15 && part <= 15)
			return (202 << 8) | (disk << 4) | part;
		return (1 << 28) | (disk << 8) | part;
	}
	errno = 0;
	ul = strtoul(vdev, &end, 0);
	if (vdev[0] >= '0' && vdev[0] <= '9' && !errno && !*end && ul <= INT_MAX)
		return (pdisk || ppartition) ? -1 : (int)ul;
	if (letters_and_partition(vdev, "hd", 3, 63, &disk, &part)) {
		if (pdisk)
			*pdisk = disk;
		if (ppartition)
			*ppartition = part;
		/* IDE: hda/hdb on major 3, hdc/hdd on 22, 64 minors each. */
		return ((disk < 2 ? 3 : 22) << 8) | ((disk & 1) << 6) | part;
	}
	if (letters_and_partition(vdev, "sd", 15, 15, &disk, &part)) {
		if (pdisk)
			*pdisk = disk;
		if (ppartition)
			*ppartition = part;
		return (8 << 8) | (disk << 4) | part;
	}
	return -1;
}
