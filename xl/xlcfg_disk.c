/* One disk= spec (xl-disk-configuration(5)): comma-separated positional
 * parameters (target, format, vdev, access), key=value parameters, flags,
 * the deprecated "prefix:" forms, and target= which takes the rest. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlcfg_internal.h"

struct disk_parse {
	libxl_device_disk *disk;
	struct xlcfg_log *log;
	bool target_given;      /* positionally or by target=, maybe empty */
	bool format_given;
	bool had_prefix;        /* "phy:/path": the old syntax, no format position */
	bool access_given;      /* a non-empty access */
	bool access_slot_used;  /* the fourth position was taken, maybe empty */
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static int set_string(struct disk_parse *dp, char **dst, const char *what, const char *val)
{
	/* Xen's rule: a parameter is given once, but an empty one may be
	 * given again (",,hda" then target=...). */
	if (*dst && **dst)
		return xlcfg_error(dp->log, "%s given twice ('%s' and '%s')", what,
				   xlcfg_quote(*dst, 0), xlcfg_quote(val, 1));
	free(*dst);
	*dst = strdup(val);
	return *dst ? 0 : ERROR_NOMEM;
}

static int set_format(struct disk_parse *dp, const char *s)
{
	libxl_disk_format f;

	if (!*s)
		f = LIBXL_DISK_FORMAT_RAW;
	else if (!strcmp(s, "raw") || !strcmp(s, "qcow") || !strcmp(s, "qcow2") ||
		 !strcmp(s, "vhd") || !strcmp(s, "qed") || !strcmp(s, "empty"))
		libxl_disk_format_from_string(s, &f);
	else
		return xlcfg_error(dp->log, "unknown disk format '%s' (raw, qcow, qcow2, vhd or qed)",
				   xlcfg_quote(s, 0));
	if (dp->format_given && dp->disk->format != f)
		return xlcfg_error(dp->log, "format given twice ('%s' and '%s')",
				   libxl_disk_format_to_string(dp->disk->format), s);
	dp->disk->format = f;
	dp->format_given = true;
	return 0;
}

static int set_access(struct disk_parse *dp, const char *s)
{
	if (!strcmp(s, "r") || !strcmp(s, "ro"))
		dp->disk->readwrite = 0;
	else if (!*s)
		return 0; /* empty: the default, which depends on devtype */
	else if (!strcmp(s, "w") || !strcmp(s, "rw"))
		dp->disk->readwrite = 1;
	else
		return xlcfg_error(dp->log, "unknown access mode '%s' (r, ro, w or rw)",
				   xlcfg_quote(s, 0));
	dp->access_given = true;
	return 0;
}

static int set_backendtype(struct disk_parse *dp, const char *s)
{
	libxl_disk_backend b;

	if (!strcmp(s, "phy") || !strcmp(s, "qdisk") || !strcmp(s, "tap") ||
	    !strcmp(s, "standalone"))
		libxl_disk_backend_from_string(s, &b);
	else
		return xlcfg_error(dp->log, "unknown backendtype '%s' (phy, qdisk, tap or standalone)",
				   xlcfg_quote(s, 0));
	if (dp->disk->backend != LIBXL_DISK_BACKEND_UNKNOWN && dp->disk->backend != b)
		return xlcfg_error(dp->log, "backendtype given twice");
	dp->disk->backend = b;
	return 0;
}

static int set_devtype(struct disk_parse *dp, const char *s)
{
	if (!strcmp(s, "cdrom"))
		dp->disk->is_cdrom = 1;
	else if (!strcmp(s, "disk"))
		dp->disk->is_cdrom = 0;
	else
		return xlcfg_error(dp->log, "unknown devtype '%s' (cdrom or disk)", xlcfg_quote(s, 0));
	return 0;
}

/* "hdc:cdrom", the old way to give a vdev and its type together. Returns
 * 1 when s had that form, 0 when it did not, or an error. */
static int vdev_with_type(struct disk_parse *dp, const char *s)
{
	const char *colon = strrchr(s, ':');
	char *vdev;
	int rc;

	if (!colon)
		return 0;
	if (!(vdev = strndup(s, (size_t)(colon - s))))
		return ERROR_NOMEM;
	rc = set_string(dp, &dp->disk->vdev, "vdev", vdev);
	free(vdev);
	if (rc)
		return rc;
	rc = set_devtype(dp, colon + 1);
	return rc ? rc : 1;
}

static int positional(struct disk_parse *dp, const char *s)
{
	int rc;

	if (!dp->target_given) {
		dp->target_given = true;
		return set_string(dp, &dp->disk->pdev_path, "target", s);
	}
	if (!dp->had_prefix && !dp->format_given) {
		/* ",hdc:cdrom,r": an empty cdrom in the old syntax. */
		if (!(dp->disk->pdev_path && *dp->disk->pdev_path)) {
			rc = vdev_with_type(dp, s);
			if (rc < 0)
				return rc;
			if (rc) {
				dp->disk->format = LIBXL_DISK_FORMAT_EMPTY;
				dp->format_given = true;
				return 0;
			}
		}
		return set_format(dp, s);
	}
	if (!dp->disk->vdev) {
		rc = vdev_with_type(dp, s);
		return rc < 0 ? rc : rc ? 0 : set_string(dp, &dp->disk->vdev, "vdev", s);
	}
	if (!dp->access_slot_used && !dp->access_given) {
		dp->access_slot_used = true;
		return set_access(dp, s);
	}
	return xlcfg_error(dp->log, "too many positional parameters (at '%s')", xlcfg_quote(s, 0));
}

static bool is_prefix_name(const char *s, size_t n)
{
	size_t i;

	if (!n || s[0] < 'a' || s[0] > 'z')
		return false;
	for (i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')))
			return false;
	return true;
}

/* Strips the deprecated "fmt:", "script:" and ignored "phy:"-style
 * prefixes from the front of a parameter; returns the rest in *rest. */
static int prefixes(struct disk_parse *dp, char *s, char **rest)
{
	static const char *const ignored[] = {
		"tapdisk", "tap", "tap2", "aio", "ioemu", "file", "phy", NULL
	};
	static const char *const formats[] = { "raw", "qcow", "qcow2", "vhd", NULL };
	static const char *const scripts[] = { "iscsi", "nbd", "enbd", "drbd", NULL };

	for (;;) {
		char *colon = strchr(s, ':');
		size_t n = colon ? (size_t)(colon - s) : 0;
		char name[16];
		int i, rc;

		if (!colon || !is_prefix_name(s, n) || n >= sizeof(name))
			break;
		memcpy(name, s, n);
		name[n] = '\0';
		for (i = 0; ignored[i] && strcmp(ignored[i], name); i++)
			;
		if (ignored[i]) {
			dp->had_prefix = true;
			goto next;
		}
		for (i = 0; formats[i] && strcmp(formats[i], name); i++)
			;
		if (formats[i]) {
			if ((rc = set_format(dp, name)))
				return rc;
			dp->had_prefix = true;
			goto next;
		}
		for (i = 0; scripts[i] && strcmp(scripts[i], name); i++)
			;
		if (scripts[i]) {
			char script[24];

			snprintf(script, sizeof(script), "block-%s", name);
			if ((rc = set_string(dp, &dp->disk->script, "script", script)))
				return rc;
			dp->had_prefix = true;
			goto next;
		}
		/* "hdc:cdrom" is a vdev with a type, not a prefix: Xen only
		 * calls it a prefix when no letter or digit follows. */
		if ((colon[1] >= 'a' && colon[1] <= 'z') || (colon[1] >= '0' && colon[1] <= '9'))
			break;
		return xlcfg_error(dp->log, "unknown disk prefix '%s:'", xlcfg_quote(name, 0));
next:
		s = colon + 1;
	}
	*rest = s;
	return 0;
}

static int keyword(struct disk_parse *dp, const char *key, const char *val)
{
	libxl_device_disk *disk = dp->disk;

	if (!strcmp(key, "format"))
		return set_format(dp, val);
	if (!strcmp(key, "vdev"))
		return set_string(dp, &disk->vdev, "vdev", val);
	if (!strcmp(key, "access"))
		return set_access(dp, val);
	if (!strcmp(key, "devtype"))
		return set_devtype(dp, val);
	if (!strcmp(key, "backendtype"))
		return set_backendtype(dp, val);
	if (!strcmp(key, "backend"))
		return set_string(dp, &disk->backend_domname, "backend", val);
	if (!strcmp(key, "script"))
		return set_string(dp, &disk->script, "script", val);
	if (!strcmp(key, "specification")) {
		if (!strcmp(val, "xen"))
			return 0;
		return xlcfg_error(dp->log, "specification '%s' is not supported (only xen)",
				   xlcfg_quote(val, 0));
	}
	if (!strncmp(key, "colo-", 5) || !strcmp(key, "active-disk") ||
	    !strcmp(key, "hidden-disk") || !strcmp(key, "grant_usage")) {
		xlcfg_warn(dp->log, "disk parameter '%s' is not supported, ignored", key);
		return 0;
	}
	return xlcfg_error(dp->log, "unknown disk parameter '%s'", xlcfg_quote(key, 0));
}

static int flag(struct disk_parse *dp, const char *s)
{
	libxl_device_disk *disk = dp->disk;

	if (!strcmp(s, "cdrom"))
		disk->is_cdrom = 1;
	else if (!strcmp(s, "direct-io-safe"))
		disk->direct_io_safe = true;
	else if (!strcmp(s, "discard"))
		libxl_defbool_set(&disk->discard_enable, true);
	else if (!strcmp(s, "no-discard"))
		libxl_defbool_set(&disk->discard_enable, false);
	else if (!strcmp(s, "trusted"))
		libxl_defbool_set(&disk->trusted, true);
	else if (!strcmp(s, "untrusted"))
		libxl_defbool_set(&disk->trusted, false);
	else if (!strcmp(s, "colo") || !strcmp(s, "no-colo"))
		xlcfg_warn(dp->log, "disk flag '%s' is not supported, ignored", s);
	else
		return 0;
	return 1;
}

static bool vdev_ok(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
			return false;
	return true;
}

static int parse(struct disk_parse *dp, char *p)
{
	libxl_device_disk *disk = dp->disk;
	int rc;

	while (*p) {
		char *tok, *eq, *end;

		while (is_space(*p))
			p++;
		if (!*p)
			break;
		if (!strncmp(p, "target=", 7)) {
			/* Takes everything left, commas included, so it must
			 * come last; only a single trailing comma is dropped. */
			size_t n = strlen(p);

			if (n > 7 && p[n - 1] == ',')
				p[n - 1] = '\0';
			if (disk->pdev_path && *disk->pdev_path)
				return xlcfg_error(dp->log, "target given twice");
			dp->target_given = true;
			free(disk->pdev_path);
			disk->pdev_path = NULL;
			if ((rc = set_string(dp, &disk->pdev_path, "target", p + 7)))
				return rc;
			break;
		}
		tok = p;
		p = strchr(p, ',');
		p = p ? (*p = '\0', p + 1) : tok + strlen(tok);
		/* Trailing blanks are noise too (Xen would keep them). */
		for (end = tok + strlen(tok); end > tok && is_space(end[-1]); end--)
			end[-1] = '\0';

		if ((eq = strchr(tok, '='))) {
			*eq = '\0';
			rc = keyword(dp, tok, eq + 1);
		} else if ((rc = flag(dp, tok)) == 1) {
			rc = 0;
		} else {
			char *rest = tok;

			rc = prefixes(dp, tok, &rest);
			if (!rc)
				rc = positional(dp, rest);
		}
		if (rc)
			return rc;
	}

	if (!dp->format_given)
		disk->format = LIBXL_DISK_FORMAT_RAW;
	if (!dp->access_given)
		disk->readwrite = !disk->is_cdrom;
	if (disk->pdev_path && !*disk->pdev_path) {
		free(disk->pdev_path);
		disk->pdev_path = NULL;
	}
	if (disk->is_cdrom) {
		disk->removable = 1;
		if (!disk->pdev_path)
			disk->format = LIBXL_DISK_FORMAT_EMPTY;
	} else if (!disk->pdev_path) {
		return xlcfg_error(dp->log, "no target given (only an empty cdrom may have none)");
	}
	if (!disk->vdev || !*disk->vdev)
		return xlcfg_error(dp->log, "no vdev given");
	if (!vdev_ok(disk->vdev))
		return xlcfg_error(dp->log, "bad vdev '%s'", xlcfg_quote(disk->vdev, 0));
	return 0;
}

int xlcfg_parse_disk(libxl_device_disk *disk, const char *spec, struct xlcfg_log *log)
{
	struct disk_parse dp = { .disk = disk, .log = log };
	char *copy = strdup(spec);
	int rc;

	log->error[0] = '\0';
	if (!copy)
		return ERROR_NOMEM;
	libxl_device_disk_dispose(disk);
	rc = parse(&dp, copy);
	free(copy);
	if (rc)
		libxl_device_disk_dispose(disk);
	return rc;
}
