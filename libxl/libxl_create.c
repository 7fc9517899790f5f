/*
 * Creating a domain, the way Xen's libxl lays it out: createdomain, limits,
 * XenStore layout (/local/domain/N, /vm/UUID, /libxl/N), the arm64 build
 * through libxc, XS_INTRODUCE, the saved config, unpause. Any failure
 * destroys what was made.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "libxl_internal.h"

#define DEFAULT_MEMKB (32 * 1024)       /* libxl's default when none is given */

static uint64_t memkb(const libxl_domain_build_info *b)
{
    if (b->target_memkb != LIBXL_MEMKB_DEFAULT)
        return b->target_memkb;
    if (b->max_memkb != LIBXL_MEMKB_DEFAULT)
        return b->max_memkb;
    return DEFAULT_MEMKB;
}

/* Permissions: read-only for the guest (owned by dom0), or its own. */
static bool set_perms(libxl_ctx *ctx, xs_transaction_t t, const char *path, uint32_t domid,
                      bool guest_writable)
{
    struct xs_permissions p[2];

    if (guest_writable) {
        p[0] = (struct xs_permissions){ .id = domid, .perms = XS_PERM_NONE };
        return xs_set_permissions(ctx->xsh, t, path, p, 1);
    }
    p[0] = (struct xs_permissions){ .id = 0, .perms = XS_PERM_NONE };
    p[1] = (struct xs_permissions){ .id = domid, .perms = XS_PERM_READ };
    return xs_set_permissions(ctx->xsh, t, path, p, 2);
}

static bool write_layout(libxl_ctx *ctx, uint32_t domid, const libxl_domain_config *d,
                         const char *uuid)
{
    static const char *const rw_dirs[] = { "control", "data", "drivers", "attr", "error" };
    static const char *const ro_dirs[] = { "device", "memory", "cpu", "console", "store" };
    const libxl_domain_build_info *b = &d->b_info;
    char dp[64], vm[80], p[160];
    uint64_t mem = memkb(b);
    xs_transaction_t t;
    bool ok = true;

    snprintf(dp, sizeof(dp), "/local/domain/%u", domid);
    snprintf(vm, sizeof(vm), "/vm/%s", uuid);
    for (int attempt = 0; attempt < 5; attempt++) {
        t = xs_transaction_start(ctx->xsh);
        if (!t)
            return false;
        ok = xs_mkdir(ctx->xsh, t, dp) && set_perms(ctx, t, dp, domid, false);
        for (size_t i = 0; ok && i < sizeof(rw_dirs) / sizeof(rw_dirs[0]); i++) {
            snprintf(p, sizeof(p), "%s/%s", dp, rw_dirs[i]);
            ok = xs_mkdir(ctx->xsh, t, p) && set_perms(ctx, t, p, domid, true);
        }
        for (size_t i = 0; ok && i < sizeof(ro_dirs) / sizeof(ro_dirs[0]); i++) {
            snprintf(p, sizeof(p), "%s/%s", dp, ro_dirs[i]);
            ok = xs_mkdir(ctx->xsh, t, p) && set_perms(ctx, t, p, domid, false);
        }
        ok = ok && xs_mkdir(ctx->xsh, t, vm) && set_perms(ctx, t, vm, domid, false);
#define W(path, ...) (snprintf(p, sizeof(p), path, dp), \
                      ok = ok && libxl__xs_printf(ctx, t, p, __VA_ARGS__))
        W("%s/name", "%s", d->c_info.name);
        W("%s/domid", "%u", domid);
        W("%s/vm", "%s", vm);
        W("%s/memory/target", "%llu", (unsigned long long)mem);
        W("%s/memory/static-max", "%llu", (unsigned long long)(b->max_memkb != LIBXL_MEMKB_DEFAULT ? b->max_memkb : mem));
        W("%s/control/shutdown", "%s", "");
        W("%s/control/platform-feature-multiprocessor-suspend", "%s", "1");
        for (int i = 0; ok && i < b->max_vcpus; i++) {
            snprintf(p, sizeof(p), "%s/cpu/%d/availability", dp, i);
            ok = libxl__xs_printf(ctx, t, p, "%s", "online");
        }
#undef W
        snprintf(p, sizeof(p), "%s/name", vm);
        ok = ok && libxl__xs_printf(ctx, t, p, "%s", d->c_info.name);
        snprintf(p, sizeof(p), "%s/uuid", vm);
        ok = ok && libxl__xs_printf(ctx, t, p, "%s", uuid);
        snprintf(p, sizeof(p), "%s/start_time", vm);
        ok = ok && libxl__xs_printf(ctx, t, p, "%lld.00", (long long)time(NULL));
        snprintf(p, sizeof(p), "/libxl/%u/type", domid);
        ok = ok && libxl__xs_printf(ctx, t, p, "%s", "pvh");
        snprintf(p, sizeof(p), "/libxl/%u/dm-version", domid);
        ok = ok && libxl__xs_printf(ctx, t, p, "%s", "qemu_xen");
        if (!ok) {
            xs_transaction_end(ctx->xsh, t, true);
            return false;
        }
        if (xs_transaction_end(ctx->xsh, t, false))
            return true;
        if (errno != EAGAIN)
            return false;
    }
    return false;
}

static bool write_rings(libxl_ctx *ctx, uint32_t domid, const struct xc_dom_result *r)
{
    char dp[64], p[128];
    bool ok = true;

    snprintf(dp, sizeof(dp), "/local/domain/%u", domid);
#define W(path, ...) (snprintf(p, sizeof(p), path, dp), \
                      ok = ok && libxl__xs_printf(ctx, XBT_NULL, p, __VA_ARGS__))
    W("%s/store/port", "%u", r->store_port);
    W("%s/store/ring-ref", "%llu", (unsigned long long)r->store_pfn);
    W("%s/console/port", "%u", r->console_port);
    W("%s/console/ring-ref", "%llu", (unsigned long long)r->console_pfn);
    W("%s/console/type", "%s", "xenconsoled");
    W("%s/console/output", "%s", "pty");
    W("%s/console/limit", "%u", 1048576);
#undef W
    return ok;
}

/* Xen keeps each domain's config in /var/lib/xen, for `xl list -l`. */
static void save_config(libxl_ctx *ctx, uint32_t domid, const libxl_domain_config *d,
                        const char *uuid)
{
    char *json = libxl_domain_config_to_json(d), path[256];
    FILE *f;

    if (!json)
        return;
    mkdir(LIBXL_USERDATA_DIR, 0755);
    snprintf(path, sizeof(path), LIBXL_USERDATA_DIR "/userdata-d.%u.%s.libxl-json", domid, uuid);
    f = fopen(path, "w");
    if (f) {
        fputs(json, f);
        fclose(f);
    } else {
        libxl__log(ctx, "cannot save the config in %s: %s", path, strerror(errno));
    }
    free(json);
}

/* A file the builder will need, checked before any domain exists. */
static bool readable(libxl_ctx *ctx, const char *what, const char *path)
{
    if (access(path, R_OK) == 0)
        return true;
    libxl__log(ctx, "cannot read %s %s: %s", what, path, strerror(errno));
    return false;
}

/* Refuse up front what the host cannot hold, rather than build most of it
 * and tear it down again. */
static bool enough_free_memory(libxl_ctx *ctx, const char *name, uint64_t need_kb)
{
    xc_physinfo_t pi;
    uint64_t free_kb;

    if (xc_physinfo(ctx->xch, &pi) < 0)
        return true;                    /* let the build itself find out */
    free_kb = (uint64_t)pi.free_pages * (XC_PAGE_SIZE / 1024);
    if (need_kb <= free_kb)
        return true;
    libxl__log(ctx, "not enough free memory for domain \"%s\": it needs %" PRIu64
               " KiB, the host has %" PRIu64 " KiB free", name, need_kb, free_kb);
    return false;
}

int libxl_domain_create_new(libxl_ctx *ctx, libxl_domain_config *d, uint32_t *domid_out,
                            bool paused)
{
    const libxl_domain_build_info *b = &d->b_info;
    struct xen_domctl_createdomain cfg;
    struct xc_dom_args args = { 0 };
    struct xc_dom_result res;
    uint32_t domid = 0, existing;
    uint64_t mem = memkb(b);
    char uuid[37];
    int rc;

    if (!d->c_info.name || !*d->c_info.name || !b->kernel) {
        libxl__log(ctx, "a domain needs a name and a kernel");
        return ERROR_INVAL;
    }
    if (libxl_name_to_domid(ctx, d->c_info.name, &existing) == 0) {
        libxl__log(ctx, "domain with name \"%s\" already exists", d->c_info.name);
        return ERROR_INVAL;
    }
    if (!readable(ctx, "kernel", b->kernel) ||
        (b->ramdisk && !readable(ctx, "ramdisk", b->ramdisk)))
        return ERROR_INVAL;
    if (!enough_free_memory(ctx, d->c_info.name, mem))
        return ERROR_NOMEM;
    if (libxl_uuid_is_nil(&d->c_info.uuid))
        libxl_uuid_generate(&d->c_info.uuid);
    libxl_uuid_to_string(&d->c_info.uuid, uuid);

    xc_dom_arm64_createdomain_config(&cfg, (unsigned int)b->max_vcpus, 0, 0);
    memcpy(cfg.handle, d->c_info.uuid.uuid, 16);
    rc = xc_domain_create(ctx->xch, &domid, &cfg);
    if (rc < 0) {
        libxl__log(ctx, "creating the domain failed: %s", strerror(-rc));
        return ERROR_FAIL;
    }
    if (xc_domain_max_vcpus(ctx->xch, domid, (unsigned int)b->max_vcpus) < 0 ||
        xc_domain_setmaxmem(ctx->xch, domid, mem + 1024) < 0) {
        libxl__log(ctx, "setting the limits of domain %u failed", domid);
        goto fail;
    }
    if (!write_layout(ctx, domid, d, uuid)) {
        libxl__log(ctx, "writing the XenStore nodes of domain %u failed", domid);
        goto fail;
    }
    args.kernel_path = b->kernel;
    args.ramdisk_path = b->ramdisk;
    args.cmdline = b->cmdline ? b->cmdline : "";
    args.mem_mib = mem / 1024;
    args.vcpus = (unsigned int)b->max_vcpus;
    args.gic_version = cfg.arch.gic_version;
    args.clock_frequency = cfg.arch.clock_frequency;
    args.console_domid = 0;
    args.store_domid = 0;
    rc = xc_dom_build_arm64(ctx->xch, domid, &args, &res);
    if (rc < 0) {
        libxl__log(ctx, "building domain %u failed: %s", domid, strerror(-rc));
        goto fail;
    }
    if (!write_rings(ctx, domid, &res) ||
        !xs_introduce_domain(ctx->xsh, domid, res.store_pfn, res.store_port)) {
        libxl__log(ctx, "introducing domain %u to xenstored failed", domid);
        goto fail;
    }
    /* Devices before the guest runs, so its drivers find them at boot. */
    for (int i = 0; i < d->num_disks; i++)
        if (libxl_device_disk_add(ctx, domid, &d->disks[i]))
            goto fail;
    for (int i = 0; i < d->num_nics; i++)
        if (libxl_device_nic_add(ctx, domid, &d->nics[i]))
            goto fail;
    save_config(ctx, domid, d, uuid);
    if (!paused && xc_domain_unpause(ctx->xch, domid) < 0) {
        libxl__log(ctx, "unpausing domain %u failed", domid);
        goto fail;
    }
    *domid_out = domid;
    return 0;

fail:
    libxl_domain_destroy(ctx, domid);
    return ERROR_FAIL;
}
