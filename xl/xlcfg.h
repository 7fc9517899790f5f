/* The xl.cfg reader: Xen's domain configuration syntax (xl.cfg(5)) into a
 * libxl_domain_config. Three layers, each usable alone:
 *   xlcfg_parse_text   text -> settings (key = value tree), with positions
 *   xlcfg_apply        settings -> libxl_domain_config, through a key table
 *   xlcfg_parse_disk / xlcfg_parse_vif   one device spec string -> device
 * and xlcfg_load, which is what `xl create FILE [KEY=VALUE...]` needs.
 * Nothing here exits or prints on its own: errors come back as a return
 * code plus a message in the log; warnings go to the log's callback. */
#ifndef XENLET_XLCFG_H
#define XENLET_XLCFG_H

#include <stddef.h>

#include "libxl_types.h"

#define XLCFG_ERROR_MAX 512

typedef void xlcfg_warn_fn(void *opaque, const char *msg);

struct xlcfg_log {
	xlcfg_warn_fn *warn;   /* NULL: each warning is a line on stderr */
	void *opaque;
	/* Where the current item is, "guest.cfg:5:9: ", put before every
	 * message; the spec parsers leave it alone, xlcfg_apply sets it. */
	char where[128];
	/* Set when a call fails: "guest.cfg:3:9: expected a value after '='". */
	char error[XLCFG_ERROR_MAX];
	int nr_warnings;
};

/* ---- layer 1: syntax ---- */

enum xlcfg_value_type { XLCFG_ATOM, XLCFG_LIST };

struct xlcfg_value {
	enum xlcfg_value_type type;
	int line, col;              /* where the value starts */
	/* XLCFG_ATOM: the text, unquoted and unescaped (never contains NUL);
	 * quoted says it was a "string" rather than a number. */
	char *str;
	int quoted;
	/* XLCFG_LIST */
	struct xlcfg_value **items;
	int nr_items;
};

struct xlcfg_setting {
	char *key;
	struct xlcfg_value *value;
	const char *source;         /* the file name, owned by struct xlcfg */
	int line, col;              /* where the key starts */
};

struct xlcfg {
	struct xlcfg_setting *settings; /* in file order; later ones win */
	int nr_settings;
	char **sources;
	int nr_sources;
	/* The first text parsed (the file, before any override): its name
	 * and where it ended, for messages about the whole file. */
	const char *main_source;
	int main_end_line, main_end_col;
};

void xlcfg_init(struct xlcfg *cfg);
void xlcfg_dispose(struct xlcfg *cfg);

/* Appends the settings in text[0..len) to cfg. source names the text in
 * messages; line numbers start at first_line. 0, ERROR_INVAL (syntax: the
 * message is in log->error and cfg is unchanged) or ERROR_NOMEM. */
int xlcfg_parse_text(struct xlcfg *cfg, const char *source, const char *text,
		     size_t len, int first_line, struct xlcfg_log *log);

/* One command-line override, "key=value" in xl.cfg syntax, appended to cfg
 * (so it wins over the file). As a convenience that Xen's xl lacks, a value
 * that does not start like a number, a quote or a list is taken as a
 * string: `memory=512 kernel=/boot/Image` work. index is the override's
 * number (from 1) and is the "line" in messages from "<command line>". */
int xlcfg_parse_override(struct xlcfg *cfg, const char *arg, int index,
			 struct xlcfg_log *log);

/* ---- layer 2: meaning ---- */

/* Fills d (initialised by the caller) from the settings: the key table
 * (xlcfg_keys.c), then the rules that tie keys together (memory/maxmem,
 * vcpus/maxvcpus, cmdline/root/extra, xl's defaults for the on_* actions,
 * a fresh UUID when none is given). Unknown keys give a warning. 0 or
 * ERROR_INVAL / ERROR_NOMEM with log->error set; on error d is disposed. */
int xlcfg_apply(const struct xlcfg *cfg, libxl_domain_config *d,
		struct xlcfg_log *log);

/* Parse one disk= spec (xl-disk-configuration(5)) / one vif= spec
 * (xl-network-configuration(5)) into an initialised device. 0 or
 * ERROR_INVAL with a reason in log->error. devid is the vif's index in the
 * list, used when the spec has no devid=. */
int xlcfg_parse_disk(libxl_device_disk *disk, const char *spec, struct xlcfg_log *log);
int xlcfg_parse_vif(libxl_device_nic *nic, const char *spec, int devid,
		    struct xlcfg_log *log);

/* ---- all of it ---- */

/* What `xl create path key=value...` does before calling libxl: reads the
 * file (text == NULL) or uses text[0..len), adds the overrides, applies. */
int xlcfg_load(const char *path, const char *text, size_t len,
	       const char *const *overrides, int nr_overrides,
	       libxl_domain_config *d, struct xlcfg_log *log);

/* Limits that keep hostile input cheap. */
#define XLCFG_MAX_FILE   (16u << 20) /* bytes in a config file */
#define XLCFG_MAX_STRING 65536       /* bytes in one string value */
#define XLCFG_MAX_KEY    128         /* bytes in a key name */
#define XLCFG_MAX_DEPTH  8           /* nested lists */
#define XLCFG_MAX_WARNINGS 20        /* then one "more suppressed" line */

#endif
