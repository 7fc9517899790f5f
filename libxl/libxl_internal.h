/* libxl's context and the helpers its files share. */
#ifndef XENLET_LIBXL_INTERNAL_H
#define XENLET_LIBXL_INTERNAL_H

#include <xenctrl.h>
#include <xenguest.h>
#include <xenstore.h>

#include "libxl.h"

struct libxl_ctx {
    xc_interface *xch;
    struct xs_handle *xsh;
    struct xentoollog_logger *lg;
};

/* Log a failure through the caller's logger (or stderr). */
void libxl__log(libxl_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* xs_write of a formatted value at a formatted path; false on failure. */
bool libxl__xs_printf(libxl_ctx *ctx, xs_transaction_t t, const char *path,
                      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The string at @path (malloc'd) or NULL. */
char *libxl__xs_read(libxl_ctx *ctx, const char *path);

#define LIBXL_USERDATA_DIR "/var/lib/xen"

/* ---- PV devices (libxl_device.c) ---- */

#define LIBXL_SCRIPT_DIR "/etc/xen/scripts"
/* Seconds: a backend to take a new device (Xen waits 10; a backend driver
 * in a dom0 under QEMU's TCG on a loaded host has been seen to need more),
 * a hotplug script to finish, a backend to close when asked to (as Xen). */
#define LIBXL_INIT_TIMEOUT 30
#define LIBXL_HOTPLUG_TIMEOUT 40
#define LIBXL_DESTROY_TIMEOUT 10

/* xenbus states (Xen's io/xenbus.h). */
enum {
    XENBUS_INITIALISING = 1, XENBUS_INITWAIT = 2, XENBUS_INITIALISED = 3,
    XENBUS_CONNECTED = 4, XENBUS_CLOSING = 5, XENBUS_CLOSED = 6,
};

/* One device: the frontend kind ("vbd", "vif") in the guest, the backend
 * kind ("vbd", "qdisk", "vif") in the backend domain. */
typedef struct {
    const char *kind;
    const char *backend_kind;
    uint32_t domid, backend_domid;
    int devid;
} libxl__device;

/* A key/value list for a device directory, NULL-terminated pairs. */
typedef const char *const *libxl__kvs;

void libxl__device_frontend_path(const libxl__device *dev, char *buf, size_t len);
void libxl__device_backend_path(const libxl__device *dev, char *buf, size_t len);
void libxl__device_libxl_path(const libxl__device *dev, char *buf, size_t len);
/* Whether the frontend or the backend directory of @dev is there. */
bool libxl__device_exists(libxl_ctx *ctx, const libxl__device *dev);
/* Writes the frontend, backend and /libxl nodes in one transaction with
 * Xen's permissions (each side owns its directory, the other may read).
 * 0, ERROR_DEVICE_EXISTS when either directory is already there, or
 * ERROR_FAIL. */
int libxl__device_generic_add(libxl_ctx *ctx, const libxl__device *dev,
                              libxl__kvs back, libxl__kvs front);
/* Waits until the backend's state is @state, up to @secs. 0, or
 * ERROR_TIMEDOUT with *last the last state seen (0: none). */
int libxl__device_wait_backend(libxl_ctx *ctx, const libxl__device *dev, int state,
                               int secs, int *last);
/* Runs the backend's hotplug script ("script" in its directory, if any)
 * with @action, Xen's environment (XENBUS_PATH...) plus @extra_env
 * ("NAME=value" strings, NULL-terminated, may be NULL). 0 or ERROR_FAIL,
 * with the script's hotplug-error in the log. */
int libxl__device_hotplug(libxl_ctx *ctx, const libxl__device *dev, const char *action,
                          const char *const *extra_env);
/* Waits for the backend to reach InitWait, then runs the hotplug script;
 * on failure the device is removed again. */
int libxl__device_connect(libxl_ctx *ctx, const libxl__device *dev,
                          const char *hotplug_add, const char *const *extra_env);
/* Asks the backend to close (Closing; online=0), waits for Closed, runs the
 * script's @hotplug_remove and removes every node. force: the frontend is
 * gone or will not answer, so its directory goes first (as Xen does on
 * destroy); without force a timeout turns into a forced removal. */
/* The number in DIR/NODE, or dflt when it is missing or empty. */
int libxl__xs_read_int(libxl_ctx *ctx, const char *dir, const char *node, int dflt);
int libxl__device_remove(libxl_ctx *ctx, const libxl__device *dev, bool force,
                         const char *hotplug_remove, const char *const *extra_env);
/* Removes every device of @domid (destroy). */
void libxl__devices_destroy(libxl_ctx *ctx, uint32_t domid);

/* Per kind (libxl_disk.c, libxl_nic.c): the removal a destroy does. */
int libxl__disk_destroy(libxl_ctx *ctx, uint32_t domid, int devid, const char *backend_kind);
int libxl__nic_destroy(libxl_ctx *ctx, uint32_t domid, int devid);

#endif
