/*
 * Virtual block devices: disk= and block-attach/-detach/-list. The nodes
 * are Xen's (backend/vbd for the kernel's blkback with the `block` hotplug
 * script, backend/qdisk for a userspace backend); the devid comes from the
 * vdev as Xen computes it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "libxl_internal.h"

/* Xen's choice when backendtype= is not given: the kernel backend for raw
 * files and block devices, qdisk for image formats it cannot read. */
static int set_backend(libxl_ctx *ctx, uint32_t domid, libxl_device_disk *disk)
{
    struct stat st;

    if (disk->format == LIBXL_DISK_FORMAT_EMPTY) {
        libxl__log(ctx, "Domain %u:Disk vdev=%s is empty: only cdroms may be", domid,
                   disk->vdev);
        return ERROR_INVAL;
    }
    if (disk->backend == LIBXL_DISK_BACKEND_UNKNOWN)
        disk->backend = disk->format == LIBXL_DISK_FORMAT_RAW ? LIBXL_DISK_BACKEND_PHY
                                                              : LIBXL_DISK_BACKEND_QDISK;
    switch (disk->backend) {
    case LIBXL_DISK_BACKEND_PHY:
        if (disk->format != LIBXL_DISK_FORMAT_RAW) {
            libxl__log(ctx, "Domain %u:Disk vdev=%s: backendtype=phy reads only raw images, "
                       "not %s", domid, disk->vdev, libxl_disk_format_to_string(disk->format));
            return ERROR_INVAL;
        }
        if (disk->script)
            return 0;                   /* the script knows what the target is */
        if (!disk->pdev_path || stat(disk->pdev_path, &st)) {
            libxl__log(ctx, "Domain %u:Disk vdev=%s failed to stat: %s: %s", domid, disk->vdev,
                       disk->pdev_path ? disk->pdev_path : "(none)", strerror(errno));
            return ERROR_INVAL;
        }
        if (!S_ISBLK(st.st_mode) && !S_ISREG(st.st_mode)) {
            libxl__log(ctx, "Domain %u:Disk vdev=%s phys path is not a block dev or file: %s",
                       domid, disk->vdev, disk->pdev_path);
            return ERROR_INVAL;
        }
        return 0;
    case LIBXL_DISK_BACKEND_QDISK:
        if (disk->script) {
            libxl__log(ctx, "Domain %u:Disk vdev=%s: backendtype=qdisk takes no script=",
                       domid, disk->vdev);
            return ERROR_INVAL;
        }
        return 0;
    default:
        libxl__log(ctx, "Domain %u:Disk vdev=%s: backendtype=%s is not supported", domid,
                   disk->vdev, libxl_disk_backend_to_string(disk->backend));
        return ERROR_INVAL;
    }
}

static void device_of(libxl__device *dev, uint32_t domid, int devid, const char *backend_kind)
{
    dev->kind = "vbd";
    dev->backend_kind = backend_kind;
    dev->domid = domid;
    dev->backend_domid = 0;
    dev->devid = devid;
}

/* qdisk's "params" is "<format>:<path>", raw being "aio" (Xen's names). */
static const char *qdisk_format(libxl_disk_format f)
{
    switch (f) {
    case LIBXL_DISK_FORMAT_QCOW: return "qcow";
    case LIBXL_DISK_FORMAT_QCOW2: return "qcow2";
    case LIBXL_DISK_FORMAT_VHD: return "vhd";
    case LIBXL_DISK_FORMAT_QED: return "qed";
    default: return "aio";
    }
}

int libxl_device_disk_add(libxl_ctx *ctx, uint32_t domid, libxl_device_disk *disk)
{
    char domid_s[16], devid_s[16], params[4200], script[512];
    bool qdisk, discard;
    libxl__device dev;
    int devid, rc;

    devid = libxl__device_disk_dev_number(disk->vdev, NULL, NULL);
    if (devid < 0) {
        libxl__log(ctx, "Domain %u:Invalid or unsupported virtual disk identifier %s", domid,
                   disk->vdev ? disk->vdev : "(none)");
        return ERROR_INVAL;
    }
    if (disk->backend_domname && strcmp(disk->backend_domname, "0") &&
        strcmp(disk->backend_domname, "Domain-0")) {
        libxl__log(ctx, "Domain %u:Disk vdev=%s: only dom0 can be the backend (backend=%s)",
                   domid, disk->vdev, disk->backend_domname);
        return ERROR_INVAL;
    }
    rc = set_backend(ctx, domid, disk);
    if (rc)
        return rc;
    qdisk = disk->backend == LIBXL_DISK_BACKEND_QDISK;
    device_of(&dev, domid, devid, qdisk ? "qdisk" : "vbd");
    if (libxl__device_exists(ctx, &dev)) {
        libxl__log(ctx, "Domain %u:device already exists in xenstore (vdev %s, devid %d)",
                   domid, disk->vdev, devid);
        return ERROR_DEVICE_EXISTS;
    }
    /* Xen's default: discard where the guest may write. */
    discard = libxl_defbool_is_default(disk->discard_enable)
                  ? disk->readwrite : libxl_defbool_val(disk->discard_enable);
    snprintf(domid_s, sizeof(domid_s), "%u", domid);
    snprintf(devid_s, sizeof(devid_s), "%d", devid);
    if (qdisk)
        snprintf(params, sizeof(params), "%s:%s", qdisk_format(disk->format),
                 disk->pdev_path ? disk->pdev_path : "");
    else
        snprintf(params, sizeof(params), "%s", disk->pdev_path ? disk->pdev_path : "");
    if (!disk->script || disk->script[0] == '/')
        snprintf(script, sizeof(script), "%s", disk->script ? disk->script
                                                             : LIBXL_SCRIPT_DIR "/block");
    else
        snprintf(script, sizeof(script), LIBXL_SCRIPT_DIR "/%s", disk->script);
    {
        const char *back[32], *front[] = {
            "backend-id", "0",
            "state", "1",
            "virtual-device", devid_s,
            "device-type", disk->is_cdrom ? "cdrom" : "disk",
            NULL,
        };
        int nb = 0;

#define KV(k, v) (back[nb++] = (k), back[nb++] = (v))
        KV("params", params);
        if (!qdisk)
            KV("script", script);
        KV("frontend-id", domid_s);
        KV("online", "1");
        KV("removable", disk->removable ? "1" : "0");
        KV("bootable", "1");
        KV("state", "1");
        KV("dev", disk->vdev);
        KV("type", qdisk ? "qdisk" : "phy");
        KV("mode", disk->readwrite ? "w" : "r");
        KV("device-type", disk->is_cdrom ? "cdrom" : "disk");
        if (disk->direct_io_safe)
            KV("direct-io-safe", "1");
        KV("discard-enable", discard ? "1" : "0");
#undef KV
        back[nb] = NULL;
        rc = libxl__device_generic_add(ctx, &dev, back, front);
    }
    if (rc == ERROR_DEVICE_EXISTS)
        libxl__log(ctx, "Domain %u:device already exists in xenstore (vdev %s)", domid,
                   disk->vdev);
    if (rc)
        return rc;
    rc = libxl__device_connect(ctx, &dev, "add", NULL);
    if (rc == ERROR_TIMEDOUT && qdisk)
        libxl__log(ctx, "Domain %u:no qdisk backend answered for %s: is the qdisk daemon "
                   "running in dom0?", domid, disk->vdev);
    return rc;
}

int libxl__disk_destroy(libxl_ctx *ctx, uint32_t domid, int devid, const char *backend_kind)
{
    libxl__device dev;

    device_of(&dev, domid, devid, backend_kind);
    return libxl__device_remove(ctx, &dev, true, "remove", NULL);
}

/* Which backend a frontend's disk lives in, from its /libxl record. */
static const char *backend_kind_of(libxl_ctx *ctx, uint32_t domid, int devid)
{
    char p[128], *be;
    const char *kind = NULL;

    snprintf(p, sizeof(p), "/libxl/%u/device/vbd/%d/backend", domid, devid);
    be = libxl__xs_read(ctx, p);
    if (be)
        kind = strstr(be, "/backend/qdisk/") ? "qdisk" : "vbd";
    free(be);
    return kind;
}

int libxl_device_disk_remove(libxl_ctx *ctx, uint32_t domid, const char *vdev)
{
    int devid = libxl__device_disk_dev_number(vdev, NULL, NULL);
    const char *kind = devid < 0 ? NULL : backend_kind_of(ctx, domid, devid);
    libxl__device dev;

    if (!kind)
        return ERROR_INVAL;
    device_of(&dev, domid, devid, kind);
    return libxl__device_remove(ctx, &dev, false, "remove", NULL);
}

libxl_diskinfo *libxl_device_disk_list(libxl_ctx *ctx, uint32_t domid, int *num)
{
    char p[96], fe[128];
    unsigned int n = 0;
    char **ids;
    libxl_diskinfo *out;

    *num = 0;
    snprintf(p, sizeof(p), "/libxl/%u/device/vbd", domid);
    ids = xs_directory(ctx->xsh, XBT_NULL, p, &n);
    out = calloc(n + 1, sizeof(*out));
    if (!out) {
        free(ids);
        return NULL;
    }
    for (unsigned int i = 0; ids && i < n; i++) {
        libxl_diskinfo *d = &out[*num];
        char bp[160], *be, *vdev;

        snprintf(bp, sizeof(bp), "%s/%s/backend", p, ids[i]);
        be = libxl__xs_read(ctx, bp);
        if (!be)
            continue;
        snprintf(d->backend, sizeof(d->backend), "%s", be);
        free(be);
        snprintf(bp, sizeof(bp), "%s/%s/dev", p, ids[i]);
        vdev = libxl__xs_read(ctx, bp);
        snprintf(d->vdev, sizeof(d->vdev), "%s", vdev ? vdev : "");
        free(vdev);
        d->devid = atoi(ids[i]);
        d->backend_id = 0;
        d->frontend_id = domid;
        snprintf(fe, sizeof(fe), "/local/domain/%u/device/vbd/%d", domid, d->devid);
        d->state = libxl__xs_read_int(ctx, fe, "state", -1);
        d->evtch = libxl__xs_read_int(ctx, fe, "event-channel", -1);
        d->rref = libxl__xs_read_int(ctx, fe, "ring-ref", libxl__xs_read_int(ctx, fe, "ring-ref0", -1));
        d->backend_state = libxl__xs_read_int(ctx, d->backend, "state", -1);
        (*num)++;
    }
    free(ids);
    return out;
}
