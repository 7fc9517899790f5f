/* libxl_domain_config and its parts: init, dispose, and the small value
 * types (uuid, mac, bitmap, defbool, enum names) they are built from. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdio.h>
#include <uuid/uuid.h>

#include "libxl_types.h"

void libxl_device_disk_init(libxl_device_disk *disk)
{
	memset(disk, 0, sizeof(*disk));
}

void libxl_device_disk_dispose(libxl_device_disk *disk)
{
	free(disk->backend_domname);
	free(disk->pdev_path);
	free(disk->vdev);
	free(disk->script);
	libxl_device_disk_init(disk);
}

void libxl_device_nic_init(libxl_device_nic *nic)
{
	memset(nic, 0, sizeof(*nic));
	nic->devid = -1;
}

void libxl_device_nic_dispose(libxl_device_nic *nic)
{
	free(nic->backend_domname);
	free(nic->model);
	free(nic->ip);
	free(nic->bridge);
	free(nic->ifname);
	free(nic->script);
	free(nic->gatewaydev);
	libxl_device_nic_init(nic);
}

void libxl_domain_config_init(libxl_domain_config *d)
{
	memset(d, 0, sizeof(*d));
	d->c_info.type = LIBXL_DOMAIN_TYPE_INVALID;
	d->b_info.type = LIBXL_DOMAIN_TYPE_INVALID;
	d->b_info.max_memkb = LIBXL_MEMKB_DEFAULT;
	d->b_info.target_memkb = LIBXL_MEMKB_DEFAULT;
	d->b_info.max_grant_frames = LIBXL_MAX_GRANT_DEFAULT;
	d->b_info.max_maptrack_frames = LIBXL_MAX_GRANT_DEFAULT;
	d->on_poweroff = LIBXL_ACTION_ON_SHUTDOWN_DESTROY;
	d->on_reboot = LIBXL_ACTION_ON_SHUTDOWN_DESTROY;
	d->on_watchdog = LIBXL_ACTION_ON_SHUTDOWN_DESTROY;
	d->on_crash = LIBXL_ACTION_ON_SHUTDOWN_DESTROY;
	d->on_soft_reset = LIBXL_ACTION_ON_SHUTDOWN_DESTROY;
}

void libxl_domain_config_dispose(libxl_domain_config *d)
{
	int i;

	free(d->c_info.name);
	free(d->c_info.pool_name);
	libxl_bitmap_dispose(&d->b_info.avail_vcpus);
	free(d->b_info.kernel);
	free(d->b_info.cmdline);
	free(d->b_info.ramdisk);
	for (i = 0; i < d->num_disks; i++)
		libxl_device_disk_dispose(&d->disks[i]);
	free(d->disks);
	for (i = 0; i < d->num_nics; i++)
		libxl_device_nic_dispose(&d->nics[i]);
	free(d->nics);
	libxl_domain_config_init(d);
}

int libxl_domain_config_add_disk(libxl_domain_config *d, libxl_device_disk *disk)
{
	libxl_device_disk *a = realloc(d->disks, (d->num_disks + 1) * sizeof(*a));

	if (!a)
		return ERROR_NOMEM;
	d->disks = a;
	a[d->num_disks++] = *disk;
	libxl_device_disk_init(disk);
	return 0;
}

int libxl_domain_config_add_nic(libxl_domain_config *d, libxl_device_nic *nic)
{
	libxl_device_nic *a = realloc(d->nics, (d->num_nics + 1) * sizeof(*a));

	if (!a)
		return ERROR_NOMEM;
	d->nics = a;
	a[d->num_nics++] = *nic;
	libxl_device_nic_init(nic);
	return 0;
}

/* ---- uuid ---- */

bool libxl_uuid_is_nil(const libxl_uuid *u)
{
	return uuid_is_null(u->uuid);
}

void libxl_uuid_generate(libxl_uuid *u)
{
	uuid_generate(u->uuid);
}

int libxl_uuid_from_string(libxl_uuid *u, const char *s)
{
	return uuid_parse(s, u->uuid) ? ERROR_INVAL : 0;
}

void libxl_uuid_to_string(const libxl_uuid *u, char out[37])
{
	uuid_unparse_lower(u->uuid, out);
}

/* ---- mac ---- */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int libxl_mac_from_string(libxl_mac mac, const char *s)
{
	libxl_mac m;
	int i;

	for (i = 0; i < 6; i++) {
		int hi = hexval(s[0]), lo = hi < 0 ? -1 : hexval(s[1]);

		if (hi < 0 || lo < 0)
			return ERROR_INVAL;
		m[i] = (uint8_t)(hi << 4 | lo);
		s += 2;
		if (i < 5 && *s++ != ':')
			return ERROR_INVAL;
	}
	if (*s)
		return ERROR_INVAL;
	memcpy(mac, m, sizeof(m));
	return 0;
}

void libxl_mac_to_string(const libxl_mac mac, char out[18])
{
	snprintf(out, 18, "%02x:%02x:%02x:%02x:%02x:%02x",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

bool libxl_mac_is_zero(const libxl_mac mac)
{
	static const libxl_mac zero;

	return !memcmp(mac, zero, sizeof(zero));
}

/* ---- bitmap ---- */

int libxl_bitmap_alloc(libxl_bitmap *b, unsigned int nr_bits)
{
	uint32_t size = (nr_bits + 7) / 8;
	uint8_t *map = calloc(size ? size : 1, 1);

	if (!map)
		return ERROR_NOMEM;
	libxl_bitmap_dispose(b);
	b->map = map;
	b->size = size;
	return 0;
}

void libxl_bitmap_dispose(libxl_bitmap *b)
{
	free(b->map);
	b->map = NULL;
	b->size = 0;
}

void libxl_bitmap_set(libxl_bitmap *b, unsigned int bit)
{
	if (bit / 8 < b->size)
		b->map[bit / 8] |= (uint8_t)(1u << (bit % 8));
}

bool libxl_bitmap_test(const libxl_bitmap *b, unsigned int bit)
{
	return bit / 8 < b->size && (b->map[bit / 8] >> (bit % 8)) & 1;
}

unsigned int libxl_bitmap_count_set(const libxl_bitmap *b)
{
	unsigned int i, n = 0;

	for (i = 0; i < b->size * 8; i++)
		n += libxl_bitmap_test(b, i);
	return n;
}

/* ---- defbool ---- */

void libxl_defbool_set(libxl_defbool *db, bool b)
{
	db->val = b ? 1 : -1;
}

bool libxl_defbool_is_default(libxl_defbool db)
{
	return db.val == 0;
}

bool libxl_defbool_val(libxl_defbool db)
{
	return db.val > 0;
}

/* ---- enum names ---- */

struct enum_name {
	int val;
	const char *name;
};

static const char *enum_to_string(const struct enum_name *t, int v)
{
	for (; t->name; t++)
		if (t->val == v)
			return t->name;
	return NULL;
}

static int enum_from_string(const struct enum_name *t, const char *s, int *v)
{
	for (; t->name; t++)
		if (!strcasecmp(t->name, s)) {
			*v = t->val;
			return 0;
		}
	return ERROR_INVAL;
}

#define ENUM_FUNCS(type, table)                                             \
	const char *type##_to_string(type v)                                 \
	{                                                                    \
		return enum_to_string(table, (int)v);                        \
	}                                                                    \
	int type##_from_string(const char *s, type *v)                       \
	{                                                                    \
		int x, rc = enum_from_string(table, s, &x);                   \
		if (!rc)                                                     \
			*v = (type)x;                                        \
		return rc;                                                   \
	}

static const struct enum_name domain_types[] = {
	{ LIBXL_DOMAIN_TYPE_INVALID, "invalid" },
	{ LIBXL_DOMAIN_TYPE_HVM, "hvm" },
	{ LIBXL_DOMAIN_TYPE_PV, "pv" },
	{ LIBXL_DOMAIN_TYPE_PVH, "pvh" },
	{ 0, NULL },
};
ENUM_FUNCS(libxl_domain_type, domain_types)

static const struct enum_name actions[] = {
	{ LIBXL_ACTION_ON_SHUTDOWN_DESTROY, "destroy" },
	{ LIBXL_ACTION_ON_SHUTDOWN_RESTART, "restart" },
	{ LIBXL_ACTION_ON_SHUTDOWN_RESTART_RENAME, "restart_rename" },
	{ LIBXL_ACTION_ON_SHUTDOWN_PRESERVE, "preserve" },
	{ LIBXL_ACTION_ON_SHUTDOWN_COREDUMP_DESTROY, "coredump_destroy" },
	{ LIBXL_ACTION_ON_SHUTDOWN_COREDUMP_RESTART, "coredump_restart" },
	{ LIBXL_ACTION_ON_SHUTDOWN_SOFT_RESET, "soft_reset" },
	{ 0, NULL },
};
ENUM_FUNCS(libxl_action_on_shutdown, actions)

static const struct enum_name disk_formats[] = {
	{ LIBXL_DISK_FORMAT_UNKNOWN, "unknown" },
	{ LIBXL_DISK_FORMAT_QCOW, "qcow" },
	{ LIBXL_DISK_FORMAT_QCOW2, "qcow2" },
	{ LIBXL_DISK_FORMAT_VHD, "vhd" },
	{ LIBXL_DISK_FORMAT_RAW, "raw" },
	{ LIBXL_DISK_FORMAT_EMPTY, "empty" },
	{ LIBXL_DISK_FORMAT_QED, "qed" },
	{ 0, NULL },
};
ENUM_FUNCS(libxl_disk_format, disk_formats)

static const struct enum_name disk_backends[] = {
	{ LIBXL_DISK_BACKEND_UNKNOWN, "unknown" },
	{ LIBXL_DISK_BACKEND_PHY, "phy" },
	{ LIBXL_DISK_BACKEND_TAP, "tap" },
	{ LIBXL_DISK_BACKEND_QDISK, "qdisk" },
	{ LIBXL_DISK_BACKEND_STANDALONE, "standalone" },
	{ 0, NULL },
};
ENUM_FUNCS(libxl_disk_backend, disk_backends)

static const struct enum_name nic_types[] = {
	{ LIBXL_NIC_TYPE_UNKNOWN, "unknown" },
	{ LIBXL_NIC_TYPE_VIF_IOEMU, "vif_ioemu" },
	{ LIBXL_NIC_TYPE_VIF, "vif" },
	{ 0, NULL },
};
ENUM_FUNCS(libxl_nic_type, nic_types)

static const struct enum_name gic_versions[] = {
	{ LIBXL_GIC_VERSION_DEFAULT, "default" },
	{ LIBXL_GIC_VERSION_V2, "v2" },
	{ LIBXL_GIC_VERSION_V3, "v3" },
	{ 0, NULL },
};
ENUM_FUNCS(libxl_gic_version, gic_versions)

static const struct enum_name vuart_types[] = {
	{ LIBXL_VUART_TYPE_UNKNOWN, "unknown" },
	{ LIBXL_VUART_TYPE_SBSA_UART, "sbsa_uart" },
	{ 0, NULL },
};
ENUM_FUNCS(libxl_vuart_type, vuart_types)
