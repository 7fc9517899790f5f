/* The stdio logger callers may hand to libxc, and the logging entry points. */
#include <stdlib.h>
#include <string.h>

#include "include/xentoollog.h"

struct xentoollog_logger_stdiostream {
	xentoollog_logger vtable; /* first: the handle callers pass around */
	FILE *f;
	xentoollog_level min_level;
};

static const char *const level_names[XTL_NUM_LEVELS] = {
	"none", "debug", "verbose", "detail", "progress",
	"info", "notice", "warning", "error", "critical",
};

static void stdio_vmessage(xentoollog_logger *logger, xentoollog_level level,
			   int errnoval, const char *context,
			   const char *format, va_list al)
{
	struct xentoollog_logger_stdiostream *s = (void *)logger;

	if (level < s->min_level || level >= XTL_NUM_LEVELS)
		return;
	if (context)
		fprintf(s->f, "%s: ", context);
	fprintf(s->f, "%s: ", level_names[level]);
	vfprintf(s->f, format, al);
	if (errnoval >= 0)
		fprintf(s->f, ": %s", strerror(errnoval));
	fputc('\n', s->f);
	fflush(s->f);
}

static void stdio_destroy(xentoollog_logger *logger)
{
	free(logger);
}

xentoollog_logger_stdiostream *xtl_createlogger_stdiostream(FILE *f,
		xentoollog_level min_level, unsigned flags)
{
	struct xentoollog_logger_stdiostream *s = calloc(1, sizeof(*s));

	(void)flags;
	if (!s)
		return NULL;
	s->vtable.vmessage = stdio_vmessage;
	s->vtable.destroy = stdio_destroy;
	s->f = f;
	s->min_level = min_level;
	return s;
}

void xtl_log(xentoollog_logger *logger, xentoollog_level level, int errnoval,
	     const char *context, const char *format, ...)
{
	va_list al;

	if (!logger || !logger->vmessage)
		return;
	va_start(al, format);
	logger->vmessage(logger, level, errnoval, context, format, al);
	va_end(al);
}

void xtl_logger_destroy(xentoollog_logger *logger)
{
	if (logger && logger->destroy)
		logger->destroy(logger);
}
