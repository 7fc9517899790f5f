/* libxl_domain_config <-> JSON with yajl. One table per struct names each
 * member as Xen's IDL does and says how to write, read and default it; the
 * generator and the parser both walk those tables, so they cannot drift. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_tree.h>

#include "libxl_types.h"

/* Deeper documents are refused before yajl builds (and recursively frees)
 * a tree for them; the real format nests four levels. */
#define JSON_MAX_DEPTH 32
/* vCPU numbers accepted in avail_vcpus. */
#define JSON_MAX_VCPU 4095

enum kind {
	K_STRING,  /* char * */
	K_INT,     /* int, >= 0 unless dflt is -1 */
	K_U32,     /* uint32_t */
	K_MEMKB,   /* uint64_t */
	K_BOOL,    /* bool */
	K_DEFBOOL, /* libxl_defbool */
	K_ENUM,    /* an enum (int sized) */
	K_UUID,    /* libxl_uuid */
	K_MAC,     /* libxl_mac */
	K_BITMAP,  /* libxl_bitmap */
	K_STRUCT,  /* a nested struct, always written */
	K_ARRAY,   /* a counted array of structs */
	K_UNION,   /* Xen's keyed union: "<name>.<type>": {} */
};

struct enum_ops {
	const char *(*to_s)(int v);
	int (*from_s)(const char *s, int *v);
};

struct field;

struct array_ops {
	size_t elem_size;
	size_t count_off; /* int count, in the parent struct */
	const struct field *elem;
	void (*init)(void *elem);
	void (*dispose)(void *elem);
};

struct field {
	const char *name;
	enum kind kind;
	size_t off;
	long long dflt;               /* K_INT/K_U32/K_MEMKB/K_ENUM: not written when equal */
	const struct enum_ops *e;     /* K_ENUM, K_UNION */
	const struct field *sub;      /* K_STRUCT */
	const struct array_ops *arr;  /* K_ARRAY */
};

#define ENUM_OPS(type)                                                       \
	static const char *type##_to_s(int v)                                \
	{                                                                    \
		return type##_to_string((type)v);                             \
	}                                                                    \
	static int type##_from_s(const char *s, int *v)                      \
	{                                                                    \
		type t;                                                      \
		int rc = type##_from_string(s, &t);                          \
		if (!rc)                                                     \
			*v = (int)t;                                         \
		return rc;                                                   \
	}                                                                    \
	static const struct enum_ops type##_ops = { type##_to_s, type##_from_s };

ENUM_OPS(libxl_domain_type)
ENUM_OPS(libxl_action_on_shutdown)
ENUM_OPS(libxl_disk_format)
ENUM_OPS(libxl_disk_backend)
ENUM_OPS(libxl_nic_type)
ENUM_OPS(libxl_gic_version)
ENUM_OPS(libxl_vuart_type)

#define END { NULL, 0, 0, 0, NULL, NULL, NULL }
#define F(st, kind, member) { #member, kind, offsetof(st, member), 0, NULL, NULL, NULL }
#define FD(st, kind, member, d) { #member, kind, offsetof(st, member), d, NULL, NULL, NULL }
#define FE(st, member, type, d) { #member, K_ENUM, offsetof(st, member), d, &type##_ops, NULL, NULL }

/* Members in Xen's IDL order, so the output reads like Xen's. */
static const struct field c_info_fields[] = {
	FE(libxl_domain_create_info, type, libxl_domain_type, LIBXL_DOMAIN_TYPE_INVALID),
	F(libxl_domain_create_info, K_STRING, name),
	F(libxl_domain_create_info, K_UUID, uuid),
	F(libxl_domain_create_info, K_STRING, pool_name),
	END,
};

static const struct field arch_arm_fields[] = {
	{ "gic_version", K_ENUM, offsetof(libxl_domain_build_info, arch_arm.gic_version), 0,
	  &libxl_gic_version_ops, NULL, NULL },
	{ "vuart", K_ENUM, offsetof(libxl_domain_build_info, arch_arm.vuart), 0,
	  &libxl_vuart_type_ops, NULL, NULL },
	END,
};

static const struct field b_info_fields[] = {
	F(libxl_domain_build_info, K_INT, max_vcpus),
	F(libxl_domain_build_info, K_BITMAP, avail_vcpus),
	FD(libxl_domain_build_info, K_MEMKB, max_memkb, -1),
	FD(libxl_domain_build_info, K_MEMKB, target_memkb, -1),
	FD(libxl_domain_build_info, K_U32, max_grant_frames, UINT32_MAX),
	FD(libxl_domain_build_info, K_U32, max_maptrack_frames, UINT32_MAX),
	F(libxl_domain_build_info, K_U32, event_channels),
	F(libxl_domain_build_info, K_STRING, kernel),
	F(libxl_domain_build_info, K_STRING, cmdline),
	F(libxl_domain_build_info, K_STRING, ramdisk),
	{ "type", K_UNION, offsetof(libxl_domain_build_info, type), 0,
	  &libxl_domain_type_ops, NULL, NULL },
	{ "arch_arm", K_STRUCT, 0, 0, NULL, arch_arm_fields, NULL },
	END,
};

static const struct field disk_fields[] = {
	F(libxl_device_disk, K_U32, backend_domid),
	F(libxl_device_disk, K_STRING, backend_domname),
	F(libxl_device_disk, K_STRING, pdev_path),
	F(libxl_device_disk, K_STRING, vdev),
	FE(libxl_device_disk, backend, libxl_disk_backend, 0),
	FE(libxl_device_disk, format, libxl_disk_format, 0),
	F(libxl_device_disk, K_STRING, script),
	F(libxl_device_disk, K_INT, removable),
	F(libxl_device_disk, K_INT, readwrite),
	F(libxl_device_disk, K_INT, is_cdrom),
	F(libxl_device_disk, K_BOOL, direct_io_safe),
	F(libxl_device_disk, K_DEFBOOL, discard_enable),
	F(libxl_device_disk, K_DEFBOOL, trusted),
	END,
};

static const struct field nic_fields[] = {
	F(libxl_device_nic, K_U32, backend_domid),
	F(libxl_device_nic, K_STRING, backend_domname),
	FD(libxl_device_nic, K_INT, devid, -1),
	F(libxl_device_nic, K_INT, mtu),
	F(libxl_device_nic, K_STRING, model),
	F(libxl_device_nic, K_MAC, mac),
	F(libxl_device_nic, K_STRING, ip),
	F(libxl_device_nic, K_STRING, bridge),
	F(libxl_device_nic, K_STRING, ifname),
	F(libxl_device_nic, K_STRING, script),
	FE(libxl_device_nic, nictype, libxl_nic_type, 0),
	F(libxl_device_nic, K_STRING, gatewaydev),
	F(libxl_device_nic, K_DEFBOOL, trusted),
	END,
};

static void disk_init(void *p) { libxl_device_disk_init(p); }
static void disk_dispose(void *p) { libxl_device_disk_dispose(p); }
static void nic_init(void *p) { libxl_device_nic_init(p); }
static void nic_dispose(void *p) { libxl_device_nic_dispose(p); }

static const struct array_ops disks_ops = {
	sizeof(libxl_device_disk), offsetof(libxl_domain_config, num_disks),
	disk_fields, disk_init, disk_dispose,
};
static const struct array_ops nics_ops = {
	sizeof(libxl_device_nic), offsetof(libxl_domain_config, num_nics),
	nic_fields, nic_init, nic_dispose,
};

#define DESTROY LIBXL_ACTION_ON_SHUTDOWN_DESTROY
static const struct field config_fields[] = {
	{ "c_info", K_STRUCT, offsetof(libxl_domain_config, c_info), 0, NULL, c_info_fields, NULL },
	{ "b_info", K_STRUCT, offsetof(libxl_domain_config, b_info), 0, NULL, b_info_fields, NULL },
	{ "disks", K_ARRAY, offsetof(libxl_domain_config, disks), 0, NULL, NULL, &disks_ops },
	{ "nics", K_ARRAY, offsetof(libxl_domain_config, nics), 0, NULL, NULL, &nics_ops },
	FE(libxl_domain_config, on_poweroff, libxl_action_on_shutdown, DESTROY),
	FE(libxl_domain_config, on_reboot, libxl_action_on_shutdown, DESTROY),
	FE(libxl_domain_config, on_watchdog, libxl_action_on_shutdown, DESTROY),
	FE(libxl_domain_config, on_crash, libxl_action_on_shutdown, DESTROY),
	FE(libxl_domain_config, on_soft_reset, libxl_action_on_shutdown, DESTROY),
	END,
};

#define AT(base, f, type) ((type *)((char *)(base) + (f)->off))
#define CAT(base, f, type) ((const type *)((const char *)(base) + (f)->off))

/* ================= generation ================= */

static bool gen_key(yajl_gen g, const char *k)
{
	return yajl_gen_string(g, (const unsigned char *)k, strlen(k)) == yajl_gen_status_ok;
}

static bool gen_str(yajl_gen g, const char *s)
{
	return gen_key(g, s);
}

static bool gen_u64(yajl_gen g, uint64_t v)
{
	char buf[24];

	if (v <= (uint64_t)LLONG_MAX)
		return yajl_gen_integer(g, (long long)v) == yajl_gen_status_ok;
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
	return yajl_gen_number(g, buf, strlen(buf)) == yajl_gen_status_ok;
}

static bool gen_struct(yajl_gen g, const struct field *fields, const void *base);

/* Writes "name": value unless the member is at its "not given" value. */
static bool gen_field(yajl_gen g, const struct field *f, const void *base)
{
	switch (f->kind) {
	case K_STRING: {
		const char *s = *CAT(base, f, char *);
		return !s || (gen_key(g, f->name) && gen_str(g, s));
	}
	case K_INT: {
		int v = *CAT(base, f, int);
		return v == f->dflt || (gen_key(g, f->name) &&
			yajl_gen_integer(g, v) == yajl_gen_status_ok);
	}
	case K_U32: {
		uint32_t v = *CAT(base, f, uint32_t);
		return v == (uint32_t)f->dflt || (gen_key(g, f->name) && gen_u64(g, v));
	}
	case K_MEMKB: {
		uint64_t v = *CAT(base, f, uint64_t);
		return v == (uint64_t)f->dflt || (gen_key(g, f->name) && gen_u64(g, v));
	}
	case K_BOOL:
		return !*CAT(base, f, bool) || (gen_key(g, f->name) &&
			yajl_gen_bool(g, 1) == yajl_gen_status_ok);
	case K_DEFBOOL: {
		libxl_defbool db = *CAT(base, f, libxl_defbool);
		return libxl_defbool_is_default(db) || (gen_key(g, f->name) &&
			gen_str(g, libxl_defbool_val(db) ? "True" : "False"));
	}
	case K_ENUM: {
		int v = *CAT(base, f, int);
		const char *s = f->e->to_s(v);
		if (v == f->dflt)
			return true;
		return s && gen_key(g, f->name) && gen_str(g, s);
	}
	case K_UUID: {
		const libxl_uuid *u = CAT(base, f, libxl_uuid);
		char s[37];
		if (libxl_uuid_is_nil(u))
			return true;
		libxl_uuid_to_string(u, s);
		return gen_key(g, f->name) && gen_str(g, s);
	}
	case K_MAC: {
		const uint8_t *m = CAT(base, f, uint8_t);
		char s[18];
		if (libxl_mac_is_zero(m))
			return true;
		libxl_mac_to_string(m, s);
		return gen_key(g, f->name) && gen_str(g, s);
	}
	case K_BITMAP: {
		const libxl_bitmap *b = CAT(base, f, libxl_bitmap);
		unsigned int i;
		if (!libxl_bitmap_count_set(b))
			return true;
		if (!gen_key(g, f->name) || yajl_gen_array_open(g) != yajl_gen_status_ok)
			return false;
		for (i = 0; i < b->size * 8; i++)
			if (libxl_bitmap_test(b, i) && yajl_gen_integer(g, i) != yajl_gen_status_ok)
				return false;
		return yajl_gen_array_close(g) == yajl_gen_status_ok;
	}
	case K_STRUCT:
		return gen_key(g, f->name) && gen_struct(g, f->sub, CAT(base, f, char));
	case K_ARRAY: {
		const struct array_ops *a = f->arr;
		int i, n = *(const int *)((const char *)base + a->count_off);
		const char *elems = *CAT(base, f, char *);
		if (n <= 0 || !elems)
			return true;
		if (!gen_key(g, f->name) || yajl_gen_array_open(g) != yajl_gen_status_ok)
			return false;
		for (i = 0; i < n; i++)
			if (!gen_struct(g, a->elem, elems + (size_t)i * a->elem_size))
				return false;
		return yajl_gen_array_close(g) == yajl_gen_status_ok;
	}
	case K_UNION: {
		const char *t = f->e->to_s(*CAT(base, f, int));
		char key[64];
		if (!t)
			return false;
		snprintf(key, sizeof(key), "%s.%s", f->name, t);
		return gen_key(g, key) && yajl_gen_map_open(g) == yajl_gen_status_ok &&
		       yajl_gen_map_close(g) == yajl_gen_status_ok;
	}
	}
	return false;
}

static bool gen_struct(yajl_gen g, const struct field *fields, const void *base)
{
	const struct field *f;

	if (yajl_gen_map_open(g) != yajl_gen_status_ok)
		return false;
	for (f = fields; f->name; f++)
		if (!gen_field(g, f, base))
			return false;
	return yajl_gen_map_close(g) == yajl_gen_status_ok;
}

char *libxl_domain_config_to_json(const libxl_domain_config *d)
{
	yajl_gen g = yajl_gen_alloc(NULL);
	const unsigned char *buf;
	size_t len;
	char *out = NULL;

	if (!g)
		return NULL;
	yajl_gen_config(g, yajl_gen_beautify, 1);
	yajl_gen_config(g, yajl_gen_indent_string, "    ");
	/* Otherwise yajl writes bytes that no JSON reader (ours included)
	 * takes back. */
	yajl_gen_config(g, yajl_gen_validate_utf8, 1);
	if (gen_struct(g, config_fields, d) &&
	    yajl_gen_get_buf(g, &buf, &len) == yajl_gen_status_ok) {
		out = malloc(len + 1);
		if (out) {
			memcpy(out, buf, len);
			out[len] = '\0';
		}
	}
	yajl_gen_free(g);
	return out;
}

/* ================= parsing ================= */

struct pctx {
	char *err;
	size_t errlen;
	char path[256]; /* where we are, for messages: "disks[1].vdev" */
};

static int perr(struct pctx *p, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!p->err || !p->errlen)
		return ERROR_INVAL;
	n = snprintf(p->err, p->errlen, "%s%s", p->path, p->path[0] ? ": " : "");
	if (n < 0 || (size_t)n >= p->errlen)
		return ERROR_INVAL;
	va_start(ap, fmt);
	vsnprintf(p->err + n, p->errlen - n, fmt, ap);
	va_end(ap);
	return ERROR_INVAL;
}

static const char *type_name(yajl_val v)
{
	if (YAJL_IS_STRING(v)) return "a string";
	if (YAJL_IS_NUMBER(v)) return "a number";
	if (YAJL_IS_OBJECT(v)) return "an object";
	if (YAJL_IS_ARRAY(v)) return "an array";
	if (YAJL_IS_TRUE(v) || YAJL_IS_FALSE(v)) return "a boolean";
	return "null";
}

static int want(struct pctx *p, yajl_val v, bool ok, const char *what)
{
	return ok ? 0 : perr(p, "expected %s, not %s", what, type_name(v));
}

static int get_int(struct pctx *p, yajl_val v, long long lo, long long hi, long long *out)
{
	int rc = want(p, v, YAJL_IS_INTEGER(v), "an integer");

	if (rc)
		return rc;
	if (YAJL_GET_INTEGER(v) < lo || YAJL_GET_INTEGER(v) > hi)
		return perr(p, "%lld is out of range [%lld, %lld]", YAJL_GET_INTEGER(v), lo, hi);
	*out = YAJL_GET_INTEGER(v);
	return 0;
}

static int parse_struct(struct pctx *p, const struct field *fields, void *base, yajl_val obj);

static int parse_array(struct pctx *p, const struct field *f, void *base, yajl_val v)
{
	const struct array_ops *a = f->arr;
	int *count = (int *)((char *)base + a->count_off);
	char **elems = AT(base, f, char *);
	size_t plen = strlen(p->path);
	size_t i, n;
	int rc;

	if ((rc = want(p, v, YAJL_IS_ARRAY(v), "an array")))
		return rc;
	n = v->u.array.len;
	if (n > INT_MAX / 2)
		return perr(p, "too many elements");
	*elems = calloc(n ? n : 1, a->elem_size);
	if (!*elems)
		return ERROR_NOMEM;
	/* Count as we go, so the caller's dispose frees exactly what we built. */
	for (i = 0; i < n; i++) {
		void *e = *elems + i * a->elem_size;

		a->init(e);
		*count = (int)i + 1;
		snprintf(p->path + plen, sizeof(p->path) - plen, "[%zu]", i);
		rc = parse_struct(p, a->elem, e, v->u.array.values[i]);
		if (rc)
			return rc;
	}
	p->path[plen] = '\0';
	return 0;
}

static int parse_field(struct pctx *p, const struct field *f, void *base, yajl_val v)
{
	const char *str;
	long long x;
	int rc, e;

	switch (f->kind) {
	case K_STRING: {
		char **s = AT(base, f, char *);
		if ((rc = want(p, v, YAJL_IS_STRING(v), "a string")))
			return rc;
		str = YAJL_GET_STRING(v);
		free(*s);
		*s = strdup(str ? str : "");
		return *s ? 0 : ERROR_NOMEM;
	}
	case K_INT:
		if ((rc = get_int(p, v, f->dflt < 0 ? f->dflt : 0, INT_MAX, &x)))
			return rc;
		*AT(base, f, int) = (int)x;
		return 0;
	case K_U32:
		if ((rc = get_int(p, v, 0, UINT32_MAX, &x)))
			return rc;
		*AT(base, f, uint32_t) = (uint32_t)x;
		return 0;
	case K_MEMKB:
		if ((rc = get_int(p, v, 0, LLONG_MAX, &x)))
			return rc;
		*AT(base, f, uint64_t) = (uint64_t)x;
		return 0;
	case K_BOOL:
		if ((rc = want(p, v, YAJL_IS_TRUE(v) || YAJL_IS_FALSE(v), "true or false")))
			return rc;
		*AT(base, f, bool) = YAJL_IS_TRUE(v);
		return 0;
	case K_DEFBOOL: {
		libxl_defbool *db = AT(base, f, libxl_defbool);
		const char *s;
		if ((rc = want(p, v, YAJL_IS_STRING(v), "a string")))
			return rc;
		s = YAJL_GET_STRING(v);
		if (!strcasecmp(s, "true"))
			libxl_defbool_set(db, true);
		else if (!strcasecmp(s, "false"))
			libxl_defbool_set(db, false);
		else if (!strcmp(s, "<default>"))
			db->val = 0;
		else
			return perr(p, "'%s' is not True, False or <default>", s);
		return 0;
	}
	case K_ENUM:
		if ((rc = want(p, v, YAJL_IS_STRING(v), "a string")))
			return rc;
		if (f->e->from_s(YAJL_GET_STRING(v), &e))
			return perr(p, "unknown value '%s'", YAJL_GET_STRING(v));
		*AT(base, f, int) = e;
		return 0;
	case K_UUID:
		if ((rc = want(p, v, YAJL_IS_STRING(v), "a string")))
			return rc;
		if (libxl_uuid_from_string(AT(base, f, libxl_uuid), YAJL_GET_STRING(v)))
			return perr(p, "bad UUID '%s'", YAJL_GET_STRING(v));
		return 0;
	case K_MAC:
		if ((rc = want(p, v, YAJL_IS_STRING(v), "a string")))
			return rc;
		if (libxl_mac_from_string(AT(base, f, uint8_t), YAJL_GET_STRING(v)))
			return perr(p, "bad MAC address '%s'", YAJL_GET_STRING(v));
		return 0;
	case K_BITMAP: {
		libxl_bitmap *b = AT(base, f, libxl_bitmap);
		long long max = 0;
		size_t i;
		if ((rc = want(p, v, YAJL_IS_ARRAY(v), "an array")))
			return rc;
		for (i = 0; i < v->u.array.len; i++) {
			if ((rc = get_int(p, v->u.array.values[i], 0, JSON_MAX_VCPU, &x)))
				return rc;
			if (x > max)
				max = x;
		}
		if ((rc = libxl_bitmap_alloc(b, (unsigned int)max + 1)))
			return rc;
		for (i = 0; i < v->u.array.len; i++)
			libxl_bitmap_set(b, (unsigned int)YAJL_GET_INTEGER(v->u.array.values[i]));
		return 0;
	}
	case K_STRUCT:
		return parse_struct(p, f->sub, AT(base, f, char), v);
	case K_ARRAY:
		return parse_array(p, f, base, v);
	case K_UNION:
		/* The key carried the type (see match()); the members of the
		 * per-type struct are all Xen-only, so they are skipped. */
		return want(p, v, YAJL_IS_OBJECT(v), "an object");
	}
	return ERROR_FAIL;
}

/* The field a member name is for, or NULL (unknown: ignored, as Xen does). */
static const struct field *match(const struct field *fields, const char *key, int *union_val)
{
	const struct field *f;

	for (f = fields; f->name; f++) {
		size_t n = strlen(f->name);

		if (f->kind == K_UNION) {
			if (!strncmp(key, f->name, n) && key[n] == '.' &&
			    !f->e->from_s(key + n + 1, union_val))
				return f;
		} else if (!strcmp(key, f->name)) {
			return f;
		}
	}
	return NULL;
}

static int parse_struct(struct pctx *p, const struct field *fields, void *base, yajl_val obj)
{
	size_t plen = strlen(p->path), i, j, nf = 0;
	const struct field *f;
	int rc;

	if ((rc = want(p, obj, YAJL_IS_OBJECT(obj), "an object")))
		return rc;
	for (f = fields; f->name; f++)
		nf++;
	{
		bool seen[nf ? nf : 1];

		memset(seen, 0, sizeof(seen));
		for (i = 0; i < obj->u.object.len; i++) {
			const char *key = obj->u.object.keys[i];
			int uval = 0;

			f = match(fields, key, &uval);
			if (!f)
				continue;
			j = (size_t)(f - fields);
			snprintf(p->path + plen, sizeof(p->path) - plen, "%s%s",
				 plen ? "." : "", f->kind == K_UNION ? key : f->name);
			if (seen[j])
				return perr(p, "given twice");
			seen[j] = true;
			if (f->kind == K_UNION)
				*AT(base, f, int) = uval;
			rc = parse_field(p, f, base, obj->u.object.values[i]);
			if (rc)
				return rc;
			p->path[plen] = '\0';
		}
	}
	return 0;
}

/* The deepest nesting of [ and { outside strings; stops counting past max. */
static int json_depth(const char *s, int max)
{
	int depth = 0, deepest = 0;
	bool in_str = false;

	for (; *s; s++) {
		if (in_str) {
			if (*s == '\\' && s[1])
				s++;
			else if (*s == '"')
				in_str = false;
		} else if (*s == '"') {
			in_str = true;
		} else if (*s == '[' || *s == '{') {
			if (++depth > deepest && (deepest = depth) > max)
				break;
		} else if ((*s == ']' || *s == '}') && depth > 0) {
			depth--;
		}
	}
	return deepest;
}

int libxl_domain_config_from_json(libxl_domain_config *d, const char *json,
				  char *err, size_t errlen)
{
	struct pctx p = { err, errlen, "" };
	char yerr[256] = "";
	yajl_val tree;
	int rc;

	if (err && errlen)
		err[0] = '\0';
	libxl_domain_config_dispose(d);
	if (json_depth(json, JSON_MAX_DEPTH) > JSON_MAX_DEPTH)
		return perr(&p, "nested deeper than %d levels", JSON_MAX_DEPTH);
	tree = yajl_tree_parse(json, yerr, sizeof(yerr));
	if (!tree) {
		char *nl;

		/* yajl's message spans lines (it quotes the input); keep one. */
		if ((nl = strchr(yerr, '\n')))
			*nl = '\0';
		return perr(&p, "not valid JSON: %s", yerr[0] ? yerr : "parse error");
	}
	rc = parse_struct(&p, config_fields, d, tree);
	yajl_tree_free(tree);
	if (rc)
		libxl_domain_config_dispose(d);
	return rc;
}
