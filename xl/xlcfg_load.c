/* xlcfg_load: a config file plus command-line overrides, start to end. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlcfg_internal.h"

static int read_file(const char *path, char **text, size_t *len, struct xlcfg_log *log)
{
	FILE *f = fopen(path, "rb");
	size_t n = 0, cap = 65536;
	char *buf;

	if (!f) {
		snprintf(log->error, sizeof(log->error), "%s: %s", path, strerror(errno));
		return ERROR_FAIL;
	}
	buf = malloc(cap);
	while (buf) {
		size_t got = fread(buf + n, 1, cap - n, f);

		n += got;
		if (n < cap)
			break;
		if (cap >= XLCFG_MAX_FILE) {
			snprintf(log->error, sizeof(log->error), "%s: larger than %u bytes",
				 path, XLCFG_MAX_FILE);
			free(buf);
			fclose(f);
			return ERROR_INVAL;
		}
		cap *= 2;
		{
			char *b = realloc(buf, cap);

			if (!b)
				free(buf);
			buf = b;
		}
	}
	if (!buf) {
		fclose(f);
		return ERROR_NOMEM;
	}
	if (ferror(f)) {
		snprintf(log->error, sizeof(log->error), "%s: %s", path, strerror(errno));
		free(buf);
		fclose(f);
		return ERROR_FAIL;
	}
	fclose(f);
	*text = buf;
	*len = n;
	return 0;
}

int xlcfg_load(const char *path, const char *text, size_t len,
	       const char *const *overrides, int nr_overrides,
	       libxl_domain_config *d, struct xlcfg_log *log)
{
	struct xlcfg cfg;
	char *owned = NULL;
	int i, rc;

	log->error[0] = '\0';
	if (!text) {
		if ((rc = read_file(path, &owned, &len, log)))
			return rc;
		text = owned;
	}
	xlcfg_init(&cfg);
	rc = xlcfg_parse_text(&cfg, path, text, len, 1, log);
	for (i = 0; !rc && i < nr_overrides; i++)
		rc = xlcfg_parse_override(&cfg, overrides[i], i + 1, log);
	if (!rc)
		rc = xlcfg_apply(&cfg, d, log);
	xlcfg_dispose(&cfg);
	free(owned);
	return rc;
}
