/* The domain configuration that xl hands to libxl: plain C structs whose
 * names, enum values and defaults follow Xen's libxl IDL, so that the JSON
 * form (config_json.c) reads like `xl list -l` on Xen. */
#ifndef XENLET_LIBXL_TYPES_H
#define XENLET_LIBXL_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Error codes: Xen's libxl values, so callers can share their checks. */
#define ERROR_FAIL  (-3)
#define ERROR_NOMEM (-5)
#define ERROR_INVAL (-6)
#define ERROR_TIMEDOUT (-9)
#define ERROR_DEVICE_EXISTS (-17)

/* "Not given" markers, as in Xen: the library fills in a real value later. */
#define LIBXL_MEMKB_DEFAULT     (~(uint64_t)0)
#define LIBXL_MAX_GRANT_DEFAULT (~(uint32_t)0)

typedef struct {
	uint8_t uuid[16];
} libxl_uuid;

typedef uint8_t libxl_mac[6];

/* A set of small integers (vCPU numbers). size is in bytes, as in Xen. */
typedef struct {
	uint32_t size;
	uint8_t *map;
} libxl_bitmap;

/* A tri-state: unset, false or true. JSON: "<default>", "False", "True". */
typedef struct {
	int val; /* 0 unset, -1 false, 1 true */
} libxl_defbool;

typedef enum {
	LIBXL_DOMAIN_TYPE_INVALID = -1,
	LIBXL_DOMAIN_TYPE_HVM = 1,
	LIBXL_DOMAIN_TYPE_PV = 2,
	LIBXL_DOMAIN_TYPE_PVH = 3,
} libxl_domain_type;

typedef enum {
	LIBXL_ACTION_ON_SHUTDOWN_DESTROY = 1,
	LIBXL_ACTION_ON_SHUTDOWN_RESTART = 2,
	LIBXL_ACTION_ON_SHUTDOWN_RESTART_RENAME = 3,
	LIBXL_ACTION_ON_SHUTDOWN_PRESERVE = 4,
	LIBXL_ACTION_ON_SHUTDOWN_COREDUMP_DESTROY = 5,
	LIBXL_ACTION_ON_SHUTDOWN_COREDUMP_RESTART = 6,
	LIBXL_ACTION_ON_SHUTDOWN_SOFT_RESET = 7,
} libxl_action_on_shutdown;

typedef enum {
	LIBXL_DISK_FORMAT_UNKNOWN = 0,
	LIBXL_DISK_FORMAT_QCOW = 1,
	LIBXL_DISK_FORMAT_QCOW2 = 2,
	LIBXL_DISK_FORMAT_VHD = 3,
	LIBXL_DISK_FORMAT_RAW = 4,
	LIBXL_DISK_FORMAT_EMPTY = 5,
	LIBXL_DISK_FORMAT_QED = 6,
} libxl_disk_format;

typedef enum {
	LIBXL_DISK_BACKEND_UNKNOWN = 0,
	LIBXL_DISK_BACKEND_PHY = 1,
	LIBXL_DISK_BACKEND_TAP = 2,
	LIBXL_DISK_BACKEND_QDISK = 3,
	LIBXL_DISK_BACKEND_STANDALONE = 4,
} libxl_disk_backend;

typedef enum {
	LIBXL_NIC_TYPE_UNKNOWN = 0,
	LIBXL_NIC_TYPE_VIF_IOEMU = 1,
	LIBXL_NIC_TYPE_VIF = 2,
} libxl_nic_type;

typedef enum {
	LIBXL_GIC_VERSION_DEFAULT = 0,
	LIBXL_GIC_VERSION_V2 = 0x20,
	LIBXL_GIC_VERSION_V3 = 0x30,
} libxl_gic_version;

typedef enum {
	LIBXL_VUART_TYPE_UNKNOWN = 0,
	LIBXL_VUART_TYPE_SBSA_UART = 1,
} libxl_vuart_type;

typedef struct {
	libxl_domain_type type;
	char *name;
	libxl_uuid uuid;
	char *pool_name;
} libxl_domain_create_info;

typedef struct {
	int max_vcpus;
	libxl_bitmap avail_vcpus;  /* vCPUs online at boot */
	uint64_t max_memkb;        /* LIBXL_MEMKB_DEFAULT when not given */
	uint64_t target_memkb;     /* LIBXL_MEMKB_DEFAULT when not given */
	uint32_t max_grant_frames;    /* LIBXL_MAX_GRANT_DEFAULT when not given */
	uint32_t max_maptrack_frames; /* LIBXL_MAX_GRANT_DEFAULT when not given */
	uint32_t event_channels;      /* 0 when not given */
	char *kernel;
	char *cmdline;
	char *ramdisk;
	/* Xen keys its per-type union on this; Xenlet has no per-type fields
	 * yet, but the JSON still carries the "type.pvh": {} member. */
	libxl_domain_type type;
	struct {
		libxl_gic_version gic_version;
		libxl_vuart_type vuart;
	} arch_arm;
} libxl_domain_build_info;

typedef struct {
	uint32_t backend_domid;
	char *backend_domname;
	char *pdev_path;
	char *vdev;
	libxl_disk_backend backend;
	libxl_disk_format format;
	char *script;
	int removable;
	int readwrite;
	int is_cdrom;
	bool direct_io_safe;
	libxl_defbool discard_enable;
	libxl_defbool trusted;
} libxl_device_disk;

typedef struct {
	uint32_t backend_domid;
	char *backend_domname;
	int devid; /* -1 when not given */
	int mtu;
	char *model;
	libxl_mac mac; /* all zero: generate one when the device is added */
	char *ip;
	char *bridge;
	char *ifname;
	char *script;
	libxl_nic_type nictype;
	char *gatewaydev;
	libxl_defbool trusted;
} libxl_device_nic;

typedef struct {
	libxl_domain_create_info c_info;
	libxl_domain_build_info b_info;
	int num_disks;
	libxl_device_disk *disks;
	int num_nics;
	libxl_device_nic *nics;
	libxl_action_on_shutdown on_poweroff;
	libxl_action_on_shutdown on_reboot;
	libxl_action_on_shutdown on_watchdog;
	libxl_action_on_shutdown on_crash;
	libxl_action_on_shutdown on_soft_reset;
} libxl_domain_config;

/* ---- init / dispose (config.c) ----
 * init sets every field to its "not given" value; dispose frees what the
 * struct owns and leaves it as after init. */
void libxl_domain_config_init(libxl_domain_config *d);
void libxl_domain_config_dispose(libxl_domain_config *d);
void libxl_device_disk_init(libxl_device_disk *disk);
void libxl_device_disk_dispose(libxl_device_disk *disk);
void libxl_device_nic_init(libxl_device_nic *nic);
void libxl_device_nic_dispose(libxl_device_nic *nic);

/* Moves *disk / *nic (ownership included) onto the end of d's array; the
 * source is re-initialised. 0 or ERROR_NOMEM (then the source is untouched). */
int libxl_domain_config_add_disk(libxl_domain_config *d, libxl_device_disk *disk);
int libxl_domain_config_add_nic(libxl_domain_config *d, libxl_device_nic *nic);

/* ---- small value helpers (config.c) ---- */
bool libxl_uuid_is_nil(const libxl_uuid *u);
void libxl_uuid_generate(libxl_uuid *u);
int libxl_uuid_from_string(libxl_uuid *u, const char *s); /* 0 or ERROR_INVAL */
void libxl_uuid_to_string(const libxl_uuid *u, char out[37]);

/* "xx:xx:xx:xx:xx:xx", hex digits either case: 0 or ERROR_INVAL. */
int libxl_mac_from_string(libxl_mac mac, const char *s);
void libxl_mac_to_string(const libxl_mac mac, char out[18]);
bool libxl_mac_is_zero(const libxl_mac mac);

int libxl_bitmap_alloc(libxl_bitmap *b, unsigned int nr_bits); /* all clear */
void libxl_bitmap_dispose(libxl_bitmap *b);
void libxl_bitmap_set(libxl_bitmap *b, unsigned int bit);
bool libxl_bitmap_test(const libxl_bitmap *b, unsigned int bit);
unsigned int libxl_bitmap_count_set(const libxl_bitmap *b);

void libxl_defbool_set(libxl_defbool *db, bool b);
bool libxl_defbool_is_default(libxl_defbool db);
bool libxl_defbool_val(libxl_defbool db); /* false when unset */

/* Enum names as Xen's JSON spells them ("destroy", "restart_rename",
 * "qcow2", "vif_ioemu", "pvh", ...). to_string returns NULL for a value
 * outside the enum; from_string ignores case, 0 or ERROR_INVAL. */
const char *libxl_domain_type_to_string(libxl_domain_type t);
int libxl_domain_type_from_string(const char *s, libxl_domain_type *t);
const char *libxl_action_on_shutdown_to_string(libxl_action_on_shutdown a);
int libxl_action_on_shutdown_from_string(const char *s, libxl_action_on_shutdown *a);
const char *libxl_disk_format_to_string(libxl_disk_format f);
int libxl_disk_format_from_string(const char *s, libxl_disk_format *f);
const char *libxl_disk_backend_to_string(libxl_disk_backend b);
int libxl_disk_backend_from_string(const char *s, libxl_disk_backend *b);
const char *libxl_nic_type_to_string(libxl_nic_type t);
int libxl_nic_type_from_string(const char *s, libxl_nic_type *t);
const char *libxl_gic_version_to_string(libxl_gic_version g);
int libxl_gic_version_from_string(const char *s, libxl_gic_version *g);
const char *libxl_vuart_type_to_string(libxl_vuart_type v);
int libxl_vuart_type_from_string(const char *s, libxl_vuart_type *v);

/* ---- device numbers (disk_vdev.c) ----
 * A disk's vdev ("xvda", "xvdb1", "hdc", "sda", "d0p1", or a number) to its
 * device id as Xen computes it (xvda = 51712); -1 when it is not one.
 * *pdisk / *ppartition (either may be NULL) get the disk index and the
 * partition where the name says them. */
int libxl__device_disk_dev_number(const char *vdev, int *pdisk, int *ppartition);

/* ---- JSON (config_json.c) ----
 * to_json: the config as `xl list -l` prints it (4-space indented, fields
 * still at their "not given" value left out, as Xen's libxl does); NULL on
 * allocation failure or a string that is not UTF-8. Caller frees.
 * from_json: parses such a document into d, which must be initialised
 * (libxl_domain_config_init); unknown members are ignored as Xen does,
 * members of the wrong type and malformed documents are refused. Returns 0
 * or ERROR_INVAL / ERROR_NOMEM; on error d is disposed (left as after init)
 * and, if err is not NULL, a reason is written to err[0..errlen). */
char *libxl_domain_config_to_json(const libxl_domain_config *d);
int libxl_domain_config_from_json(libxl_domain_config *d, const char *json,
				  char *err, size_t errlen);

#endif
