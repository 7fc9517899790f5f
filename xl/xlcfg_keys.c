/* The meaning of xl.cfg keys: one table says, for every key Xenlet knows,
 * what value it takes and where it lands in libxl_domain_config; a few
 * rules afterwards tie keys together the way Xen's xl does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlcfg_internal.h"

#define NOT_GIVEN (-1LL)

/* Keys whose meaning depends on other keys wait here until the end. */
struct pending {
	long long memory, maxmem, vcpus, maxvcpus; /* NOT_GIVEN or the number */
	const struct xlcfg_setting *maxmem_at, *maxvcpus_at;
	const char *cmdline, *root, *extra;
	const struct xlcfg_setting *cmdline_at;
	bool type_given;
	bool uuid_given;
	bool reboot_given, soft_reset_given;
};

struct apply {
	libxl_domain_config *d;
	struct pending p;
	struct xlcfg_log *log;
};

struct key;
typedef int key_fn(struct apply *a, const struct key *k, const struct xlcfg_setting *s);

enum where { IN_CONFIG, IN_PENDING };

struct key {
	const char *name;
	key_fn *fn;
	enum where where;
	size_t off;
	long long min, max; /* numbers */
};

static void *target(struct apply *a, const struct key *k)
{
	return (char *)(k->where == IN_CONFIG ? (void *)a->d : (void *)&a->p) + k->off;
}

static void at(struct apply *a, const struct xlcfg_setting *s, const struct xlcfg_value *v)
{
	xlcfg_set_where(a->log, s->source, v->line, v->col);
}

/* ---- value shapes ---- */

static int want_string(struct apply *a, const struct xlcfg_setting *s,
		       const struct xlcfg_value *v, const char **out)
{
	at(a, s, v);
	if (v->type != XLCFG_ATOM)
		return xlcfg_error(a->log, "%s: expected a string, not a list", s->key);
	*out = v->str;
	return 0;
}

static int want_number(struct apply *a, const struct key *k, const struct xlcfg_setting *s,
		       long long *out)
{
	const struct xlcfg_value *v = s->value;
	unsigned long long n;

	at(a, s, v);
	if (v->type != XLCFG_ATOM)
		return xlcfg_error(a->log, "%s: expected a number, not a list", s->key);
	/* Xen reads "512" and 512 alike. */
	if (xlcfg_parse_u64(v->str, &n))
		return xlcfg_error(a->log, "%s: bad number '%s'", s->key, xlcfg_quote(v->str, 0));
	if ((long long)n < k->min || n > (unsigned long long)k->max)
		return xlcfg_error(a->log, "%s: %llu is out of range [%lld, %lld]", s->key, n,
				   k->min, k->max);
	*out = (long long)n;
	return 0;
}

static int want_list(struct apply *a, const struct xlcfg_setting *s)
{
	int i;

	at(a, s, s->value);
	if (s->value->type != XLCFG_LIST)
		return xlcfg_error(a->log, "%s: expected a list [ '...', ... ]", s->key);
	for (i = 0; i < s->value->nr_items; i++) {
		const struct xlcfg_value *it = s->value->items[i];

		if (it->type != XLCFG_ATOM) {
			at(a, s, it);
			return xlcfg_error(a->log, "%s: expected a string in the list, not a list",
					   s->key);
		}
	}
	return 0;
}

static int dup_into(char **dst, const char *s)
{
	char *c = strdup(s);

	if (!c)
		return ERROR_NOMEM;
	free(*dst);
	*dst = c;
	return 0;
}

/* ---- handlers ---- */

static int k_string(struct apply *a, const struct key *k, const struct xlcfg_setting *s)
{
	const char *str = "";
	int rc = want_string(a, s, s->value, &str);

	return rc ? rc : dup_into(target(a, k), str);
}

/* Kept by reference: the settings outlive the apply step. */
static int k_string_ref(struct apply *a, const struct key *k, const struct xlcfg_setting *s)
{
	const char *str = "";
	int rc = want_string(a, s, s->value, &str);

	if (!rc)
		*(const char **)target(a, k) = str;
	if (!rc && !strcmp(k->name, "cmdline"))
		a->p.cmdline_at = s;
	return rc;
}

static int k_u32(struct apply *a, const struct key *k, const struct xlcfg_setting *s)
{
	long long n;
	int rc = want_number(a, k, s, &n);

	if (!rc)
		*(uint32_t *)target(a, k) = (uint32_t)n;
	return rc;
}

static int k_pending_number(struct apply *a, const struct key *k, const struct xlcfg_setting *s)
{
	long long n;
	int rc = want_number(a, k, s, &n);

	if (rc)
		return rc;
	*(long long *)target(a, k) = n;
	if (!strcmp(k->name, "maxmem"))
		a->p.maxmem_at = s;
	if (!strcmp(k->name, "maxvcpus"))
		a->p.maxvcpus_at = s;
	return 0;
}

static int k_action(struct apply *a, const struct key *k, const struct xlcfg_setting *s)
{
	static const struct { const char *name; libxl_action_on_shutdown act; } names[] = {
		{ "destroy", LIBXL_ACTION_ON_SHUTDOWN_DESTROY },
		{ "restart", LIBXL_ACTION_ON_SHUTDOWN_RESTART },
		{ "rename-restart", LIBXL_ACTION_ON_SHUTDOWN_RESTART_RENAME },
		{ "preserve", LIBXL_ACTION_ON_SHUTDOWN_PRESERVE },
		{ "coredump-destroy", LIBXL_ACTION_ON_SHUTDOWN_COREDUMP_DESTROY },
		{ "coredump-restart", LIBXL_ACTION_ON_SHUTDOWN_COREDUMP_RESTART },
		{ "soft-reset", LIBXL_ACTION_ON_SHUTDOWN_SOFT_RESET },
	};
	const char *str = "";
	size_t i;
	int rc = want_string(a, s, s->value, &str);

	if (rc)
		return rc;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(str, names[i].name)) {
			*(libxl_action_on_shutdown *)target(a, k) = names[i].act;
			if (!strcmp(k->name, "on_reboot"))
				a->p.reboot_given = true;
			if (!strcmp(k->name, "on_soft_reset"))
				a->p.soft_reset_given = true;
			return 0;
		}
	return xlcfg_error(a->log, "%s: unknown action '%s' (destroy, restart, rename-restart, "
			   "preserve, coredump-destroy, coredump-restart or soft-reset)",
			   s->key, xlcfg_quote(str, 0));
}

static void set_type(struct apply *a, libxl_domain_type t)
{
	a->d->c_info.type = t;
	a->d->b_info.type = t;
	a->p.type_given = true;
}

/* Xenlet runs on Arm, where every guest is PVH: "pv" is taken to mean it,
 * as Xen's xl on Arm does, and HVM does not exist. */
static int k_type(struct apply *a, const struct key *k, const struct xlcfg_setting *s)
{
	const char *str = "";
	int rc = want_string(a, s, s->value, &str);

	(void)k;
	if (rc)
		return rc;
	if (!strcmp(str, "pvh")) {
		set_type(a, LIBXL_DOMAIN_TYPE_PVH);
	} else if (!strcmp(str, "pv")) {
		xlcfg_warn(a->log, "type \"pv\" means \"pvh\" on Arm");
		set_type(a, LIBXL_DOMAIN_TYPE_PVH);
	} else if (!strcmp(str, "hvm")) {
		return xlcfg_error(a->log, "type: \"hvm\" guests do not exist on Arm (use \"pvh\")");
	} else {
		return xlcfg_error(a->log, "type: unknown guest type '%s' (pvh, or pv)",
				   xlcfg_quote(str, 0));
	}
	return 0;
}

static int k_builder(struct apply *a, const struct key *k, const struct xlcfg_setting *s)
{
	const char *str = "";
	int rc = want_string(a, s, s->value, &str);

	(void)k;
	if (rc)
		return rc;
	if (!strcmp(str, "generic")) {
		set_type(a, LIBXL_DOMAIN_TYPE_PVH);
		return 0;
	}
	if (!strcmp(str, "hvm"))
		return xlcfg_error(a->log, "builder: \"hvm\" guests do not exist on Arm");
	return xlcfg_error(a->log, "builder: unknown builder '%s' (generic)", xlcfg_quote(str, 0));
}

static int k_uuid(struct apply *a, const struct key *k, const struct xlcfg_setting *s)
{
	const char *str = "";
	int rc = want_string(a, s, s->value, &str);

	(void)k;
	if (rc)
		return rc;
	if (libxl_uuid_from_string(&a->d->c_info.uuid, str))
		return xlcfg_error(a->log, "uuid: bad UUID '%s'", xlcfg_quote(str, 0));
	a->p.uuid_given = true;
	return 0;
}

static int k_gic_version(struct apply *a, const struct key *k, const struct xlcfg_setting *s)
{
	libxl_gic_version *g = &a->d->b_info.arch_arm.gic_version;
	const char *str = "";
	int rc = want_string(a, s, s->value, &str);

	(void)k;
	if (rc)
		return rc;
	if (!strcmp(str, "native"))
		*g = LIBXL_GIC_VERSION_DEFAULT;
	else if (!strcmp(str, "v2"))
		*g = LIBXL_GIC_VERSION_V2;
	else if (!strcmp(str, "v3"))
		*g = LIBXL_GIC_VERSION_V3;
	else
		return xlcfg_error(a->log, "gic_version: unknown value '%s' (native, v2 or v3)",
				   xlcfg_quote(str, 0));
	return 0;
}

static int k_vuart(struct apply *a, const struct key *k, const struct xlcfg_setting *s)
{
	const char *str = "";
	int rc = want_string(a, s, s->value, &str);

	(void)k;
	if (rc)
		return rc;
	if (strcmp(str, "sbsa_uart"))
		return xlcfg_error(a->log, "vuart: unknown value '%s' (sbsa_uart)", xlcfg_quote(str, 0));
	a->d->b_info.arch_arm.vuart = LIBXL_VUART_TYPE_SBSA_UART;
	return 0;
}

static int k_disk(struct apply *a, const struct key *k, const struct xlcfg_setting *s)
{
	libxl_domain_config *d = a->d;
	int i, j, rc = want_list(a, s);

	(void)k;
	if (rc)
		return rc;
	for (i = 0; i < s->value->nr_items; i++) {
		const struct xlcfg_value *it = s->value->items[i];
		libxl_device_disk disk;

		libxl_device_disk_init(&disk);
		at(a, s, it);
		rc = xlcfg_parse_disk(&disk, it->str, a->log);
		if (rc) {
			/* The reason came without the key; put it in. */
			char reason[XLCFG_ERROR_MAX];

			snprintf(reason, sizeof(reason), "%s", a->log->error + strlen(a->log->where));
			return rc == ERROR_INVAL ? xlcfg_error(a->log, "disk: %s", reason) : rc;
		}
		for (j = 0; j < d->num_disks; j++)
			if (!strcmp(d->disks[j].vdev, disk.vdev)) {
				const struct xlcfg_value *first = s->value->items[j];

				libxl_device_disk_dispose(&disk);
				return xlcfg_error(a->log, "disk: vdev '%s' is used twice (first at %d:%d)",
						   xlcfg_quote(d->disks[j].vdev, 0), first->line, first->col);
			}
		if ((rc = libxl_domain_config_add_disk(d, &disk))) {
			libxl_device_disk_dispose(&disk);
			return rc;
		}
	}
	return 0;
}

static int k_vif(struct apply *a, const struct key *k, const struct xlcfg_setting *s)
{
	libxl_domain_config *d = a->d;
	int i, rc = want_list(a, s);

	(void)k;
	if (rc)
		return rc;
	for (i = 0; i < s->value->nr_items; i++) {
		const struct xlcfg_value *it = s->value->items[i];
		libxl_device_nic nic;

		libxl_device_nic_init(&nic);
		at(a, s, it);
		rc = xlcfg_parse_vif(&nic, it->str, i, a->log);
		if (rc) {
			char reason[XLCFG_ERROR_MAX];

			snprintf(reason, sizeof(reason), "%s", a->log->error + strlen(a->log->where));
			return rc == ERROR_INVAL ? xlcfg_error(a->log, "vif: %s", reason) : rc;
		}
		if ((rc = libxl_domain_config_add_nic(d, &nic))) {
			libxl_device_nic_dispose(&nic);
			return rc;
		}
	}
	return 0;
}

/* xl.cfg(5) keys Xenlet does not act on (yet): named so that they get a
 * clearer warning than a misspelt key does. */
static int k_unsupported(struct apply *a, const struct key *k, const struct xlcfg_setting *s)
{
	at(a, s, s->value);
	xlcfg_warn(a->log, "'%s' is not supported by Xenlet, ignored", k->name);
	return 0;
}

#define CFG(m) IN_CONFIG, offsetof(libxl_domain_config, m)
#define PEND(m) IN_PENDING, offsetof(struct pending, m)
#define NONE IN_CONFIG, 0
#define MIB_MAX (1LL << 30) /* 1 PiB in MiB: keeps the KiB sums far from overflow */
#define VCPU_MAX 128        /* Xen's limit for Arm guests */

/* Order matters only where two keys write the same thing: the later entry
 * wins (type= over builder=). */
static const struct key keys[] = {
	{ "name", k_string, CFG(c_info.name), 0, 0 },
	{ "uuid", k_uuid, NONE, 0, 0 },
	{ "pool", k_string, CFG(c_info.pool_name), 0, 0 },
	{ "builder", k_builder, NONE, 0, 0 },
	{ "type", k_type, NONE, 0, 0 },
	{ "memory", k_pending_number, PEND(memory), 1, MIB_MAX },
	{ "maxmem", k_pending_number, PEND(maxmem), 1, MIB_MAX },
	{ "vcpus", k_pending_number, PEND(vcpus), 1, VCPU_MAX },
	{ "maxvcpus", k_pending_number, PEND(maxvcpus), 1, VCPU_MAX },
	{ "kernel", k_string, CFG(b_info.kernel), 0, 0 },
	{ "ramdisk", k_string, CFG(b_info.ramdisk), 0, 0 },
	{ "cmdline", k_string_ref, PEND(cmdline), 0, 0 },
	{ "root", k_string_ref, PEND(root), 0, 0 },
	{ "extra", k_string_ref, PEND(extra), 0, 0 },
	{ "on_poweroff", k_action, CFG(on_poweroff), 0, 0 },
	{ "on_reboot", k_action, CFG(on_reboot), 0, 0 },
	{ "on_watchdog", k_action, CFG(on_watchdog), 0, 0 },
	{ "on_crash", k_action, CFG(on_crash), 0, 0 },
	{ "on_soft_reset", k_action, CFG(on_soft_reset), 0, 0 },
	{ "max_grant_frames", k_u32, CFG(b_info.max_grant_frames), 1, 1 << 20 },
	{ "max_maptrack_frames", k_u32, CFG(b_info.max_maptrack_frames), 0, 1 << 20 },
	{ "max_event_channels", k_u32, CFG(b_info.event_channels), 1, 1 << 17 },
	{ "gic_version", k_gic_version, NONE, 0, 0 },
	{ "vuart", k_vuart, NONE, 0, 0 },
	{ "disk", k_disk, NONE, 0, 0 },
	{ "vif", k_vif, NONE, 0, 0 },
	/* Known to xl.cfg(5), not acted on. */
	{ "cpus", k_unsupported, NONE, 0, 0 },
	{ "cpus_soft", k_unsupported, NONE, 0, 0 },
	{ "cpu_weight", k_unsupported, NONE, 0, 0 },
	{ "cap", k_unsupported, NONE, 0, 0 },
	{ "seclabel", k_unsupported, NONE, 0, 0 },
	{ "init_seclabel", k_unsupported, NONE, 0, 0 },
	{ "bootloader", k_unsupported, NONE, 0, 0 },
	{ "bootloader_args", k_unsupported, NONE, 0, 0 },
	{ "device_tree", k_unsupported, NONE, 0, 0 },
	{ "dtdev", k_unsupported, NONE, 0, 0 },
	{ "iomem", k_unsupported, NONE, 0, 0 },
	{ "irqs", k_unsupported, NONE, 0, 0 },
	{ "pci", k_unsupported, NONE, 0, 0 },
	{ "vfb", k_unsupported, NONE, 0, 0 },
	{ "vkb", k_unsupported, NONE, 0, 0 },
	{ "vtpm", k_unsupported, NONE, 0, 0 },
	{ "p9", k_unsupported, NONE, 0, 0 },
	{ "channel", k_unsupported, NONE, 0, 0 },
	{ "virtio", k_unsupported, NONE, 0, 0 },
	{ "vdispl", k_unsupported, NONE, 0, 0 },
	{ "vsnd", k_unsupported, NONE, 0, 0 },
	{ "usbctrl", k_unsupported, NONE, 0, 0 },
	{ "usbdev", k_unsupported, NONE, 0, 0 },
	{ "vnuma", k_unsupported, NONE, 0, 0 },
	{ "tee", k_unsupported, NONE, 0, 0 },
	{ "localtime", k_unsupported, NONE, 0, 0 },
	{ "rtc_timeoffset", k_unsupported, NONE, 0, 0 },
	{ "claim_mode", k_unsupported, NONE, 0, 0 },
	{ "driver_domain", k_unsupported, NONE, 0, 0 },
	{ "max_grant_version", k_unsupported, NONE, 0, 0 },
	{ "nr_spis", k_unsupported, NONE, 0, 0 },
	{ "nomigrate", k_unsupported, NONE, 0, 0 },
	{ "vpmu", k_unsupported, NONE, 0, 0 },
	{ "sve", k_unsupported, NONE, 0, 0 },
	{ "passthrough", k_unsupported, NONE, 0, 0 },
	{ "xen_platform_pci", k_unsupported, NONE, 0, 0 },
};
#define NR_KEYS ((int)(sizeof(keys) / sizeof(keys[0])))

static int find_key(const char *name)
{
	int i;

	for (i = 0; i < NR_KEYS; i++)
		if (!strcmp(keys[i].name, name))
			return i;
	return -1;
}

static int set_cmdline(struct apply *a)
{
	struct pending *p = &a->p;
	char **out = &a->d->b_info.cmdline;
	size_t n;

	if (p->cmdline) {
		if (p->root || p->extra) {
			xlcfg_set_where(a->log, p->cmdline_at->source, p->cmdline_at->line,
					p->cmdline_at->col);
			xlcfg_warn(a->log, "root= and extra= are ignored because cmdline= is given");
		}
		return dup_into(out, p->cmdline);
	}
	if (!p->root)
		return p->extra ? dup_into(out, p->extra) : 0;
	n = strlen("root=") + strlen(p->root) + (p->extra ? 1 + strlen(p->extra) : 0) + 1;
	free(*out);
	if (!(*out = malloc(n)))
		return ERROR_NOMEM;
	snprintf(*out, n, "root=%s%s%s", p->root, p->extra ? " " : "", p->extra ? p->extra : "");
	return 0;
}

static int set_vcpus(struct apply *a)
{
	struct pending *p = &a->p;
	libxl_domain_build_info *b = &a->d->b_info;
	long long online = p->vcpus != NOT_GIVEN ? p->vcpus : 1;
	long long i;
	int rc;

	if (p->maxvcpus != NOT_GIVEN && p->maxvcpus < online) {
		xlcfg_set_where(a->log, p->maxvcpus_at->source, p->maxvcpus_at->value->line,
				p->maxvcpus_at->value->col);
		return xlcfg_error(a->log, "maxvcpus (%lld) is less than vcpus (%lld)",
				   p->maxvcpus, online);
	}
	b->max_vcpus = (int)(p->maxvcpus != NOT_GIVEN ? p->maxvcpus : online);
	if ((rc = libxl_bitmap_alloc(&b->avail_vcpus, (unsigned int)b->max_vcpus)))
		return rc;
	for (i = 0; i < online; i++)
		libxl_bitmap_set(&b->avail_vcpus, (unsigned int)i);
	return 0;
}

static int set_memory(struct apply *a)
{
	struct pending *p = &a->p;
	libxl_domain_build_info *b = &a->d->b_info;

	if (p->memory != NOT_GIVEN)
		b->target_memkb = b->max_memkb = (uint64_t)p->memory * 1024;
	if (p->maxmem != NOT_GIVEN) {
		if (p->memory != NOT_GIVEN && p->maxmem < p->memory) {
			xlcfg_set_where(a->log, p->maxmem_at->source, p->maxmem_at->value->line,
					p->maxmem_at->value->col);
			return xlcfg_error(a->log, "maxmem (%lld MiB) is less than memory (%lld MiB)",
					   p->maxmem, p->memory);
		}
		b->max_memkb = (uint64_t)p->maxmem * 1024;
	}
	return 0;
}

static int apply(const struct xlcfg *cfg, struct apply *a)
{
	libxl_domain_config *d = a->d;
	int *last, i, rc = 0;

	last = malloc(sizeof(*last) * NR_KEYS);
	if (!last)
		return ERROR_NOMEM;
	for (i = 0; i < NR_KEYS; i++)
		last[i] = -1;
	/* Later settings win, as in Xen: the file, then each override. */
	for (i = 0; i < cfg->nr_settings; i++) {
		const struct xlcfg_setting *s = &cfg->settings[i];
		int k = find_key(s->key);

		if (k >= 0) {
			last[k] = i;
		} else {
			xlcfg_set_where(a->log, s->source, s->line, s->col);
			xlcfg_warn(a->log, "unknown key '%s' ignored", xlcfg_quote(s->key, 0));
		}
	}
	for (i = 0; i < NR_KEYS && !rc; i++)
		if (last[i] >= 0)
			rc = keys[i].fn(a, &keys[i], &cfg->settings[last[i]]);
	free(last);
	if (rc)
		return rc;

	if (!a->p.type_given)
		set_type(a, LIBXL_DOMAIN_TYPE_PVH);
	if (!a->p.uuid_given)
		libxl_uuid_generate(&d->c_info.uuid);
	/* xl's defaults, which differ from libxl's for these two. */
	if (!a->p.reboot_given)
		d->on_reboot = LIBXL_ACTION_ON_SHUTDOWN_RESTART;
	if (!a->p.soft_reset_given)
		d->on_soft_reset = LIBXL_ACTION_ON_SHUTDOWN_SOFT_RESET;
	if ((rc = set_memory(a)) || (rc = set_vcpus(a)) || (rc = set_cmdline(a)))
		return rc;
	if (!d->c_info.name || !*d->c_info.name) {
		xlcfg_set_where(a->log, cfg->main_source ? cfg->main_source : "<config>",
				cfg->main_end_line, cfg->main_end_col);
		return xlcfg_error(a->log, "no name given (name = \"...\" is mandatory)");
	}
	return 0;
}

int xlcfg_apply(const struct xlcfg *cfg, libxl_domain_config *d, struct xlcfg_log *log)
{
	struct apply a = { .d = d, .log = log };
	int rc;

	log->error[0] = '\0';
	a.p.memory = a.p.maxmem = a.p.vcpus = a.p.maxvcpus = NOT_GIVEN;
	libxl_domain_config_dispose(d);
	rc = apply(cfg, &a);
	if (rc)
		libxl_domain_config_dispose(d);
	return rc;
}
