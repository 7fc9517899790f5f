/* Helpers shared by the xl.cfg reader's tests: load a config from a string
 * with warnings collected, and compare messages exactly. */
#ifndef XLCFG_HARNESS_H
#define XLCFG_HARNESS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xlcfg.h"

struct warnings {
	char text[4096];
	int count;
};

static inline void collect_warning(void *opaque, const char *msg)
{
	struct warnings *w = opaque;
	size_t n = strlen(w->text);

	snprintf(w->text + n, sizeof(w->text) - n, "%s\n", msg);
	w->count++;
}

struct loaded {
	libxl_domain_config d;
	struct xlcfg_log log;
	struct warnings w;
	int rc;
};

/* Loads text as file "guest.cfg" plus the NULL-terminated overrides. */
static inline struct loaded *load_with(const char *text, const char *const *overrides)
{
	struct loaded *l = calloc(1, sizeof(*l));
	int n = 0;

	assert_non_null(l);
	while (overrides && overrides[n])
		n++;
	l->log.warn = collect_warning;
	l->log.opaque = &l->w;
	libxl_domain_config_init(&l->d);
	l->rc = xlcfg_load("guest.cfg", text, strlen(text), overrides, n, &l->d, &l->log);
	return l;
}

static inline struct loaded *load(const char *text)
{
	return load_with(text, NULL);
}

static inline void unload(struct loaded *l)
{
	libxl_domain_config_dispose(&l->d);
	free(l);
}

static inline void expect_ok(struct loaded *l)
{
	if (l->rc)
		fail_msg("unexpected error %d: %s", l->rc, l->log.error);
}

/* The load failed with exactly this message. */
static inline void expect_error(const char *text, const char *msg)
{
	struct loaded *l = load(text);

	assert_int_equal(l->rc, ERROR_INVAL);
	assert_string_equal(l->log.error, msg);
	unload(l);
}

#endif
