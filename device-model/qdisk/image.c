/* The raw image file behind a device, opened from the backend's "params"
 * and "mode" nodes. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qdisk.h"

/* The path in @params, or NULL if it names a format other than raw. libxl
 * writes "<format>:<path>" with format "aio" for raw images. */
static const char *raw_path(const char *params, char *format, size_t format_len)
{
	const char *colon = strchr(params, ':');
	size_t n;

	format[0] = '\0';
	if (!colon || memchr(params, '/', (size_t)(colon - params)))
		return params;
	n = (size_t)(colon - params);
	snprintf(format, format_len, "%.*s", (int)n, params);
	if (!strcmp(format, "aio") || !strcmp(format, "raw"))
		return colon + 1;
	return NULL;
}

int qdisk_image_open(struct qdisk_image *img, const char *params, const char *mode,
		     char *err, size_t err_len)
{
	char format[32];
	const char *path;
	struct stat st;
	off_t end;
	int rc;

	img->fd = -1;
	img->sectors = 0;
	if (!params || !mode) {
		snprintf(err, err_len, "no %s node", !params ? "params" : "mode");
		return -EINVAL;
	}
	if (strcmp(mode, "r") && strcmp(mode, "w")) {
		snprintf(err, err_len, "mode '%s' is neither r nor w", mode);
		return -EINVAL;
	}
	path = raw_path(params, format, sizeof(format));
	if (!path) {
		snprintf(err, err_len, "format '%s' is not supported (raw images only)", format);
		return -ENOTSUP;
	}
	if (!*path) {
		snprintf(err, err_len, "no image path in params '%s'", params);
		return -EINVAL;
	}
	img->readonly = !strcmp(mode, "r");
	img->fd = open(path, (img->readonly ? O_RDONLY : O_RDWR) | O_CLOEXEC);
	if (img->fd < 0) {
		rc = -errno;
		snprintf(err, err_len, "cannot open %s: %s", path, strerror(errno));
		return rc;
	}
	if (fstat(img->fd, &st) < 0 || !(S_ISREG(st.st_mode) || S_ISBLK(st.st_mode))) {
		snprintf(err, err_len, "%s is not a regular file or block device", path);
		rc = -EINVAL;
		goto fail;
	}
	/* lseek gives the size of block devices as well as files. */
	end = lseek(img->fd, 0, SEEK_END);
	if (end < (off_t)QDISK_SECTOR_SIZE) {
		snprintf(err, err_len, "%s is smaller than one sector", path);
		rc = -EINVAL;
		goto fail;
	}
	img->sectors = (uint64_t)end / QDISK_SECTOR_SIZE;
	return 0;
fail:
	close(img->fd);
	img->fd = -1;
	return rc;
}

void qdisk_image_close(struct qdisk_image *img)
{
	if (img->fd >= 0)
		close(img->fd);
	img->fd = -1;
}
