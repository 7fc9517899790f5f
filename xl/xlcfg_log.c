/* Error and warning messages of the xl.cfg reader, each prefixed with the
 * position of what it is about. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xlcfg_internal.h"

void xlcfg_set_where(struct xlcfg_log *log, const char *source, int line, int col)
{
	snprintf(log->where, sizeof(log->where), "%s:%d:%d: ", source, line, col);
}

int xlcfg_error(struct xlcfg_log *log, const char *fmt, ...)
{
	size_t n;
	va_list ap;

	snprintf(log->error, sizeof(log->error), "%s", log->where);
	n = strlen(log->error);
	va_start(ap, fmt);
	vsnprintf(log->error + n, sizeof(log->error) - n, fmt, ap);
	va_end(ap);
	return ERROR_INVAL;
}

void xlcfg_warn(struct xlcfg_log *log, const char *fmt, ...)
{
	char msg[XLCFG_ERROR_MAX];
	size_t n;
	va_list ap;

	if (++log->nr_warnings > XLCFG_MAX_WARNINGS + 1)
		return;
	if (log->nr_warnings == XLCFG_MAX_WARNINGS + 1) {
		snprintf(msg, sizeof(msg), "%swarning: further warnings suppressed", log->where);
	} else {
		snprintf(msg, sizeof(msg), "%swarning: ", log->where);
		n = strlen(msg);
		va_start(ap, fmt);
		vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
		va_end(ap);
	}
	if (log->warn)
		log->warn(log->opaque, msg);
	else
		fprintf(stderr, "%s\n", msg);
}

const char *xlcfg_quote(const char *s, int slot)
{
	static char bufs[4][80];
	char *b = bufs[slot & 3];
	size_t n = 0;

	for (; *s && n < 60; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x20 && c < 0x7f)
			b[n++] = (char)c;
		else
			n += (size_t)snprintf(b + n, 5, "\\x%02x", c);
	}
	if (*s) {
		memcpy(b + n, "...", 3);
		n += 3;
	}
	b[n] = '\0';
	return b;
}
