/*
 * libxl: domain life cycle for the toolstack, synchronous and direct: each
 * call does its step through libxc and XenStore and returns 0 or a negative
 * ERROR_* code. Names follow Xen's libxl.
 */
#ifndef XENLET_LIBXL_H
#define XENLET_LIBXL_H

#include <stdbool.h>
#include <stdint.h>

#include "libxl_types.h"

struct xentoollog_logger;

typedef struct libxl_ctx libxl_ctx;

/* What `xl list` shows of a domain. */
typedef struct {
    uint32_t domid;
    char name[64];
    libxl_uuid uuid;
    uint64_t current_memkb, max_memkb;
    unsigned int vcpu_online, vcpu_max_id;
    uint64_t cpu_time_ns;
    bool running, blocked, paused, shutdown, dying;
    unsigned int shutdown_reason;       /* SHUTDOWN_*, when shutdown */
} libxl_dominfo;

int libxl_ctx_alloc(libxl_ctx **pctx, struct xentoollog_logger *lg);
void libxl_ctx_free(libxl_ctx *ctx);

/* Create and build a domain from @d (paused if @paused); *domid gets its id.
 * A failure leaves nothing behind. */
int libxl_domain_create_new(libxl_ctx *ctx, libxl_domain_config *d, uint32_t *domid,
                            bool paused);
int libxl_domain_unpause(libxl_ctx *ctx, uint32_t domid);
int libxl_domain_pause(libxl_ctx *ctx, uint32_t domid);
/* Ask the guest to power off / reboot (control/shutdown, the PV protocol). */
int libxl_domain_shutdown(libxl_ctx *ctx, uint32_t domid);
int libxl_domain_reboot(libxl_ctx *ctx, uint32_t domid);
/* Destroy it now and remove its XenStore nodes. */
int libxl_domain_destroy(libxl_ctx *ctx, uint32_t domid);

/* All domains, ascending ids; *nb gets the count. Free with free(). */
libxl_dominfo *libxl_list_domain(libxl_ctx *ctx, int *nb);
int libxl_domain_info(libxl_ctx *ctx, libxl_dominfo *info, uint32_t domid);
int libxl_name_to_domid(libxl_ctx *ctx, const char *name, uint32_t *domid);

/* The pty of the domain's console (console/tty), malloc'd, or NULL. */
char *libxl_console_tty(libxl_ctx *ctx, uint32_t domid);
/* The saved configuration of a running domain, as JSON (malloc'd). */
char *libxl_domain_config_json(libxl_ctx *ctx, uint32_t domid);

/* ---- PV devices (libxl_disk.c, libxl_nic.c) ----
 * add: writes the frontend and backend nodes (Xen's layout), waits for the
 * backend to take the device and runs its hotplug script; a failure leaves
 * nothing behind. Fills in what was not given (disk backend, nic devid,
 * mac, bridge). remove: asks the frontend to let go, then removes it all;
 * ERROR_INVAL when there is no such device. */
typedef struct {
    char vdev[32];
    char backend[128];
    uint32_t backend_id, frontend_id;
    int devid, state, evtch, rref, backend_state;
} libxl_diskinfo;

typedef struct {
    char backend[128];
    uint32_t backend_id, frontend_id;
    int devid, state, evtch, rref_tx, rref_rx;
    libxl_mac mac;
} libxl_nicinfo;

int libxl_device_disk_add(libxl_ctx *ctx, uint32_t domid, libxl_device_disk *disk);
int libxl_device_disk_remove(libxl_ctx *ctx, uint32_t domid, const char *vdev);
/* The domain's disks (malloc'd array, *num entries), or NULL. */
libxl_diskinfo *libxl_device_disk_list(libxl_ctx *ctx, uint32_t domid, int *num);
int libxl_device_nic_add(libxl_ctx *ctx, uint32_t domid, libxl_device_nic *nic);
int libxl_device_nic_remove(libxl_ctx *ctx, uint32_t domid, int devid);
libxl_nicinfo *libxl_device_nic_list(libxl_ctx *ctx, uint32_t domid, int *num);

/* For xl's own commands. */
struct xc_interface_core *libxl_xc(libxl_ctx *ctx);
struct xs_handle *libxl_xs(libxl_ctx *ctx);

#endif
