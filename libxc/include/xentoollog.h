/* The caller-supplied logger every libxc handle reports through (Xen's names). */
#ifndef XENTOOLLOG_H
#define XENTOOLLOG_H

#include <stdarg.h>
#include <stdio.h>

typedef enum {
	XTL_NONE,
	XTL_DEBUG,
	XTL_VERBOSE,
	XTL_DETAIL,
	XTL_PROGRESS,
	XTL_INFO,
	XTL_NOTICE,
	XTL_WARN,
	XTL_ERROR,
	XTL_CRITICAL,
	XTL_NUM_LEVELS
} xentoollog_level;

typedef struct xentoollog_logger xentoollog_logger;
struct xentoollog_logger {
	/* errnoval: -1 when none; context: a short subsystem tag or NULL. */
	void (*vmessage)(xentoollog_logger *logger, xentoollog_level level,
			 int errnoval, const char *context,
			 const char *format, va_list al);
	void (*destroy)(xentoollog_logger *logger);
};

/* A logger printing messages at or above min_level to f, one per line. */
typedef struct xentoollog_logger_stdiostream xentoollog_logger_stdiostream;
xentoollog_logger_stdiostream *xtl_createlogger_stdiostream(FILE *f,
		xentoollog_level min_level, unsigned flags);

void xtl_log(xentoollog_logger *logger, xentoollog_level level, int errnoval,
	     const char *context, const char *format, ...)
	__attribute__((format(printf, 5, 6)));
void xtl_logger_destroy(xentoollog_logger *logger);

#endif
