/*
 * Virtual network interfaces: vif= and network-attach/-detach/-list, with
 * Xen's nodes under backend/vif and the vif-bridge hotplug script, which
 * adds the backend's vif<domid>.<devid> to a bridge in dom0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

#include "libxl_internal.h"

static void device_of(libxl__device *dev, uint32_t domid, int devid)
{
    dev->kind = "vif";
    dev->backend_kind = "vif";
    dev->domid = domid;
    dev->backend_domid = 0;
    dev->devid = devid;
}

/* What the hotplug script is told besides XENBUS_PATH (Xen's names). */
static void script_env(uint32_t domid, int devid, const char *gatewaydev, char vif[40],
                       char netdev[80], const char *env[3])
{
    snprintf(vif, 40, "vif=vif%u.%d", domid, devid);
    snprintf(netdev, 80, "netdev=%s", gatewaydev ? gatewaydev : "");
    env[0] = vif;
    env[1] = netdev;
    env[2] = NULL;
}

/* The lowest devid not in use. */
static int free_devid(libxl_ctx *ctx, uint32_t domid)
{
    char p[96];
    unsigned int n = 0;
    char **ids;
    int devid = 0;

    snprintf(p, sizeof(p), "/libxl/%u/device/vif", domid);
    ids = xs_directory(ctx->xsh, XBT_NULL, p, &n);
    for (bool again = true; again;) {
        again = false;
        for (unsigned int i = 0; ids && i < n; i++)
            if (atoi(ids[i]) == devid) {
                devid++;
                again = true;
            }
    }
    free(ids);
    return devid;
}

/* Xen's default: 00:16:3e (the Xen OUI) and three random bytes. */
static void random_mac(libxl_mac mac)
{
    uuid_t u;

    uuid_generate_random(u);
    mac[0] = 0x00;
    mac[1] = 0x16;
    mac[2] = 0x3e;
    mac[3] = u[0] & 0x7f;
    mac[4] = u[1];
    mac[5] = u[2];
}

int libxl_device_nic_add(libxl_ctx *ctx, uint32_t domid, libxl_device_nic *nic)
{
    char domid_s[16], devid_s[16], mac[18], script[512], vif[40], netdev[80];
    const char *env[3], *back[40], *front[9];
    libxl__device dev;
    int nb = 0, rc;

    if (nic->nictype == LIBXL_NIC_TYPE_VIF_IOEMU) {
        libxl__log(ctx, "Domain %u:trying to create PV or PVH guest with an emulated interface",
                   domid);
        return ERROR_INVAL;
    }
    if (nic->backend_domname && strcmp(nic->backend_domname, "0") &&
        strcmp(nic->backend_domname, "Domain-0")) {
        libxl__log(ctx, "Domain %u:vif: only dom0 can be the backend (backend=%s)", domid,
                   nic->backend_domname);
        return ERROR_INVAL;
    }
    nic->nictype = LIBXL_NIC_TYPE_VIF;
    if (nic->devid < 0)
        nic->devid = free_devid(ctx, domid);
    if (libxl_mac_is_zero(nic->mac))
        random_mac(nic->mac);
    if (!nic->bridge && !(nic->bridge = strdup("xenbr0")))
        return ERROR_NOMEM;
    device_of(&dev, domid, nic->devid);
    if (libxl__device_exists(ctx, &dev)) {
        libxl__log(ctx, "Domain %u:device already exists in xenstore (vif devid %d)", domid,
                   nic->devid);
        return ERROR_DEVICE_EXISTS;
    }
    if (!nic->script || nic->script[0] == '/')
        snprintf(script, sizeof(script), "%s",
                 nic->script ? nic->script : LIBXL_SCRIPT_DIR "/vif-bridge");
    else
        snprintf(script, sizeof(script), LIBXL_SCRIPT_DIR "/%s", nic->script);
    snprintf(domid_s, sizeof(domid_s), "%u", domid);
    snprintf(devid_s, sizeof(devid_s), "%d", nic->devid);
    libxl_mac_to_string(nic->mac, mac);

#define KV(k, v) (back[nb++] = (k), back[nb++] = (v))
    KV("frontend-id", domid_s);
    KV("online", "1");
    KV("state", "1");
    KV("script", script);
    if (nic->ifname)
        KV("vifname", nic->ifname);
    KV("mac", mac);
    if (nic->ip)
        KV("ip", nic->ip);
    if (nic->gatewaydev)
        KV("gatewaydev", nic->gatewaydev);
    KV("bridge", nic->bridge);
    KV("handle", devid_s);
    KV("type", "vif");
#undef KV
    back[nb] = NULL;
    front[0] = "backend-id"; front[1] = "0";
    front[2] = "state"; front[3] = "1";
    front[4] = "handle"; front[5] = devid_s;
    front[6] = "mac"; front[7] = mac;
    front[8] = NULL;
    rc = libxl__device_generic_add(ctx, &dev, back, front);
    if (rc == ERROR_DEVICE_EXISTS)
        libxl__log(ctx, "Domain %u:device already exists in xenstore (vif devid %d)", domid,
                   nic->devid);
    if (rc)
        return rc;
    script_env(domid, nic->devid, nic->gatewaydev, vif, netdev, env);
    return libxl__device_connect(ctx, &dev, "online", env);
}

static int remove_nic(libxl_ctx *ctx, uint32_t domid, int devid, bool force)
{
    char vif[40], netdev[80], p[128], *gw;
    const char *env[3];
    libxl__device dev;
    int rc;

    device_of(&dev, domid, devid);
    snprintf(p, sizeof(p), "/libxl/%u/device/vif/%d/gatewaydev", domid, devid);
    gw = libxl__xs_read(ctx, p);
    script_env(domid, devid, gw, vif, netdev, env);
    rc = libxl__device_remove(ctx, &dev, force, "offline", env);
    free(gw);
    return rc;
}

int libxl__nic_destroy(libxl_ctx *ctx, uint32_t domid, int devid)
{
    return remove_nic(ctx, domid, devid, true);
}

int libxl_device_nic_remove(libxl_ctx *ctx, uint32_t domid, int devid)
{
    char p[96], *be;

    snprintf(p, sizeof(p), "/libxl/%u/device/vif/%d/backend", domid, devid);
    be = libxl__xs_read(ctx, p);
    if (!be)
        return ERROR_INVAL;
    free(be);
    return remove_nic(ctx, domid, devid, false);
}

libxl_nicinfo *libxl_device_nic_list(libxl_ctx *ctx, uint32_t domid, int *num)
{
    char p[96], fe[128];
    unsigned int n = 0;
    char **ids;
    libxl_nicinfo *out;

    *num = 0;
    snprintf(p, sizeof(p), "/libxl/%u/device/vif", domid);
    ids = xs_directory(ctx->xsh, XBT_NULL, p, &n);
    out = calloc(n + 1, sizeof(*out));
    if (!out) {
        free(ids);
        return NULL;
    }
    for (unsigned int i = 0; ids && i < n; i++) {
        libxl_nicinfo *d = &out[*num];
        char bp[160], *be, *mac;

        snprintf(bp, sizeof(bp), "%s/%s/backend", p, ids[i]);
        be = libxl__xs_read(ctx, bp);
        if (!be)
            continue;
        snprintf(d->backend, sizeof(d->backend), "%s", be);
        free(be);
        snprintf(bp, sizeof(bp), "%s/%s/mac", p, ids[i]);
        mac = libxl__xs_read(ctx, bp);
        if (!mac || libxl_mac_from_string(d->mac, mac))
            memset(d->mac, 0, sizeof(d->mac));
        free(mac);
        d->devid = atoi(ids[i]);
        d->backend_id = 0;
        d->frontend_id = domid;
        snprintf(fe, sizeof(fe), "/local/domain/%u/device/vif/%d", domid, d->devid);
        d->state = libxl__xs_read_int(ctx, fe, "state", -1);
        d->evtch = libxl__xs_read_int(ctx, fe, "event-channel", -1);
        d->rref_tx = libxl__xs_read_int(ctx, fe, "tx-ring-ref", -1);
        d->rref_rx = libxl__xs_read_int(ctx, fe, "rx-ring-ref", -1);
        (*num)++;
    }
    free(ids);
    return out;
}
