/* The rest of the life cycle: listing, pausing, shutdown requests, destroy. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libxl_internal.h"

static void fill_info(libxl_dominfo *out, const xc_domaininfo_t *in, const char *name)
{
    memset(out, 0, sizeof(*out));
    out->domid = in->domain;
    memcpy(out->uuid.uuid, in->handle, 16);
    out->current_memkb = in->tot_pages * 4;
    out->max_memkb = in->max_pages * 4;
    out->vcpu_online = in->nr_online_vcpus;
    out->vcpu_max_id = in->max_vcpu_id;
    out->cpu_time_ns = in->cpu_time;
    out->dying = in->flags & XEN_DOMINF_dying;
    out->shutdown = in->flags & XEN_DOMINF_shutdown;
    out->paused = in->flags & XEN_DOMINF_paused;
    out->blocked = in->flags & XEN_DOMINF_blocked;
    out->running = in->flags & XEN_DOMINF_running;
    out->shutdown_reason = (in->flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;
    snprintf(out->name, sizeof(out->name), "%s",
             name ? name : in->domain == 0 ? "Domain-0" : "");
}

libxl_dominfo *libxl_list_domain(libxl_ctx *ctx, int *nb)
{
    xc_domaininfo_t info[256];
    char paths[256][32];
    const char *pp[256];
    char **names;
    libxl_dominfo *out;
    int n = xc_domain_getinfolist(ctx->xch, 0, 256, info);

    if (n < 0)
        return NULL;
    out = calloc((size_t)n + 1, sizeof(*out));
    if (!out)
        return NULL;
    /* Every name in one XenStore round trip: xl list stays quick with many
     * domains. */
    for (int i = 0; i < n; i++) {
        snprintf(paths[i], sizeof(paths[i]), "/local/domain/%u/name", info[i].domain);
        pp[i] = paths[i];
    }
    names = xs_read_many(ctx->xsh, XBT_NULL, pp, (unsigned int)n);
    for (int i = 0; i < n; i++) {
        fill_info(&out[i], &info[i], names ? names[i] : NULL);
        if (names)
            free(names[i]);
    }
    free(names);
    *nb = n;
    return out;
}

int libxl_domain_info(libxl_ctx *ctx, libxl_dominfo *info, uint32_t domid)
{
    xc_domaininfo_t di;

    char path[64], *name;

    if (xc_domain_getinfo_single(ctx->xch, domid, &di) < 0)
        return ERROR_INVAL;
    snprintf(path, sizeof(path), "/local/domain/%u/name", domid);
    name = libxl__xs_read(ctx, path);
    fill_info(info, &di, name);
    free(name);
    return 0;
}

int libxl_name_to_domid(libxl_ctx *ctx, const char *name, uint32_t *domid)
{
    int n = 0, rc = ERROR_INVAL;
    libxl_dominfo *all = libxl_list_domain(ctx, &n);

    for (int i = 0; all && i < n; i++) {
        if (!strcmp(all[i].name, name)) {
            *domid = all[i].domid;
            rc = 0;
            break;
        }
    }
    free(all);
    return rc;
}

int libxl_domain_pause(libxl_ctx *ctx, uint32_t domid)
{
    return xc_domain_pause(ctx->xch, domid) < 0 ? ERROR_FAIL : 0;
}

int libxl_domain_unpause(libxl_ctx *ctx, uint32_t domid)
{
    return xc_domain_unpause(ctx->xch, domid) < 0 ? ERROR_FAIL : 0;
}

static int request(libxl_ctx *ctx, uint32_t domid, const char *what)
{
    char path[64];
    libxl_dominfo info;

    if (libxl_domain_info(ctx, &info, domid))
        return ERROR_INVAL;
    if (domid == 0)
        return ERROR_INVAL;
    snprintf(path, sizeof(path), "/local/domain/%u/control/shutdown", domid);
    return libxl__xs_printf(ctx, XBT_NULL, path, "%s", what) ? 0 : ERROR_FAIL;
}

int libxl_domain_shutdown(libxl_ctx *ctx, uint32_t domid)
{
    return request(ctx, domid, "poweroff");
}

int libxl_domain_reboot(libxl_ctx *ctx, uint32_t domid)
{
    return request(ctx, domid, "reboot");
}

int libxl_domain_destroy(libxl_ctx *ctx, uint32_t domid)
{
    char path[96], *vm, uuid[37];
    libxl_dominfo info;
    int rc;

    if (domid == 0)
        return ERROR_INVAL;
    if (libxl_domain_info(ctx, &info, domid))
        return ERROR_INVAL;
    snprintf(path, sizeof(path), "/local/domain/%u/vm", domid);
    vm = libxl__xs_read(ctx, path);
    /* Backends first, while the guest is held still: they let go of its
     * grants, and their loop devices and vifs go with them. */
    xc_domain_pause(ctx->xch, domid);
    libxl__devices_destroy(ctx, domid);
    rc = xc_domain_destroy(ctx->xch, domid);
    if (rc < 0) {
        libxl__log(ctx, "destroying domain %u failed: %s", domid, strerror(-rc));
        free(vm);
        return ERROR_FAIL;
    }
    xs_release_domain(ctx->xsh, domid);
    snprintf(path, sizeof(path), "/local/domain/%u", domid);
    xs_rm(ctx->xsh, XBT_NULL, path);
    snprintf(path, sizeof(path), "/libxl/%u", domid);
    xs_rm(ctx->xsh, XBT_NULL, path);
    if (vm && !strncmp(vm, "/vm/", 4))
        xs_rm(ctx->xsh, XBT_NULL, vm);
    free(vm);
    libxl_uuid_to_string(&info.uuid, uuid);
    snprintf(path, sizeof(path), LIBXL_USERDATA_DIR "/userdata-d.%u.%s.libxl-json", domid, uuid);
    unlink(path);
    return 0;
}

char *libxl_console_tty(libxl_ctx *ctx, uint32_t domid)
{
    char path[64];

    snprintf(path, sizeof(path), "/local/domain/%u/console/tty", domid);
    return libxl__xs_read(ctx, path);
}

char *libxl_domain_config_json(libxl_ctx *ctx, uint32_t domid)
{
    char path[256], uuid[37], *buf = NULL;
    libxl_dominfo info;
    size_t len = 0;
    FILE *f;

    if (libxl_domain_info(ctx, &info, domid))
        return NULL;
    libxl_uuid_to_string(&info.uuid, uuid);
    snprintf(path, sizeof(path), LIBXL_USERDATA_DIR "/userdata-d.%u.%s.libxl-json", domid, uuid);
    f = fopen(path, "r");
    if (!f)
        return NULL;
    if (getdelim(&buf, &len, '\0', f) < 0) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}
