/*
 * What every PV device shares: Xen's XenStore layout for a frontend and its
 * backend, the xenbus handshake seen from the toolstack (wait for InitWait,
 * run the hotplug script; ask to close, wait for Closed), and removal.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "libxl_internal.h"

void libxl__device_frontend_path(const libxl__device *dev, char *buf, size_t len)
{
    snprintf(buf, len, "/local/domain/%u/device/%s/%d", dev->domid, dev->kind, dev->devid);
}

void libxl__device_backend_path(const libxl__device *dev, char *buf, size_t len)
{
    snprintf(buf, len, "/local/domain/%u/backend/%s/%u/%d", dev->backend_domid,
             dev->backend_kind, dev->domid, dev->devid);
}

void libxl__device_libxl_path(const libxl__device *dev, char *buf, size_t len)
{
    snprintf(buf, len, "/libxl/%u/device/%s/%d", dev->domid, dev->kind, dev->devid);
}

static bool node_exists(libxl_ctx *ctx, xs_transaction_t t, const char *path)
{
    unsigned int n;
    char **d = xs_directory(ctx->xsh, t, path, &n);

    free(d);
    return d != NULL;
}

bool libxl__device_exists(libxl_ctx *ctx, const libxl__device *dev)
{
    char fe[128], be[128];

    libxl__device_frontend_path(dev, fe, sizeof(fe));
    libxl__device_backend_path(dev, be, sizeof(be));
    return node_exists(ctx, XBT_NULL, fe) || node_exists(ctx, XBT_NULL, be);
}

static bool write_kvs(libxl_ctx *ctx, xs_transaction_t t, const char *dir, libxl__kvs kvs)
{
    char p[256];

    for (; kvs && kvs[0]; kvs += 2) {
        snprintf(p, sizeof(p), "%s/%s", dir, kvs[0]);
        if (!xs_write(ctx->xsh, t, p, kvs[1], (unsigned int)strlen(kvs[1])))
            return false;
    }
    return true;
}

int libxl__device_generic_add(libxl_ctx *ctx, const libxl__device *dev,
                              libxl__kvs back, libxl__kvs front)
{
    /* Each side owns its directory; the other side may read it. */
    struct xs_permissions fe_perms[2] = {
        { .id = dev->domid, .perms = XS_PERM_NONE },
        { .id = dev->backend_domid, .perms = XS_PERM_READ },
    };
    struct xs_permissions be_perms[2] = {
        { .id = dev->backend_domid, .perms = XS_PERM_NONE },
        { .id = dev->domid, .perms = XS_PERM_READ },
    };
    char fe[128], be[128], lp[128], p[160];

    libxl__device_frontend_path(dev, fe, sizeof(fe));
    libxl__device_backend_path(dev, be, sizeof(be));
    libxl__device_libxl_path(dev, lp, sizeof(lp));
    for (int attempt = 0; attempt < 10; attempt++) {
        xs_transaction_t t = xs_transaction_start(ctx->xsh);
        bool ok;

        if (!t)
            return ERROR_FAIL;
        if (node_exists(ctx, t, fe) || node_exists(ctx, t, be)) {
            xs_transaction_end(ctx->xsh, t, true);
            return ERROR_DEVICE_EXISTS;
        }
        ok = xs_rm(ctx->xsh, t, lp) || errno == ENOENT;
        snprintf(p, sizeof(p), "%s/frontend", lp);
        ok = ok && xs_write(ctx->xsh, t, p, fe, (unsigned int)strlen(fe));
        snprintf(p, sizeof(p), "%s/backend", lp);
        ok = ok && xs_write(ctx->xsh, t, p, be, (unsigned int)strlen(be));

        ok = ok && xs_mkdir(ctx->xsh, t, fe) && xs_set_permissions(ctx->xsh, t, fe, fe_perms, 2);
        snprintf(p, sizeof(p), "%s/backend", fe);
        ok = ok && xs_write(ctx->xsh, t, p, be, (unsigned int)strlen(be));
        ok = ok && write_kvs(ctx, t, fe, front);

        ok = ok && xs_mkdir(ctx->xsh, t, be) && xs_set_permissions(ctx->xsh, t, be, be_perms, 2);
        snprintf(p, sizeof(p), "%s/frontend", be);
        ok = ok && xs_write(ctx->xsh, t, p, fe, (unsigned int)strlen(fe));
        ok = ok && write_kvs(ctx, t, be, back);
        /* The /libxl copy of the backend's settings, as Xen keeps one. */
        ok = ok && write_kvs(ctx, t, lp, back);
        if (!ok) {
            xs_transaction_end(ctx->xsh, t, true);
            return ERROR_FAIL;
        }
        if (xs_transaction_end(ctx->xsh, t, false))
            return 0;
        if (errno != EAGAIN)
            return ERROR_FAIL;
    }
    return ERROR_FAIL;
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int read_state(libxl_ctx *ctx, const char *dir)
{
    char p[160], *v;
    int s;

    snprintf(p, sizeof(p), "%s/state", dir);
    v = libxl__xs_read(ctx, p);
    s = v ? atoi(v) : 0;
    free(v);
    return s;
}

/* Polled rather than watched: the handle's watch queue is shared with
 * xl's own watches, and a 20 ms look costs nothing beside a backend's
 * start-up. */
int libxl__device_wait_backend(libxl_ctx *ctx, const libxl__device *dev, int state,
                               int secs, int *last)
{
    double end = now() + secs;
    char be[128];
    int s;

    libxl__device_backend_path(dev, be, sizeof(be));
    for (;;) {
        s = read_state(ctx, be);
        if (last)
            *last = s;
        if (s == state)
            return 0;
        if (now() >= end)
            return ERROR_TIMEDOUT;
        usleep(20000);
    }
}

static char *backend_node(libxl_ctx *ctx, const libxl__device *dev, const char *node)
{
    char be[128], p[192];

    libxl__device_backend_path(dev, be, sizeof(be));
    snprintf(p, sizeof(p), "%s/%s", be, node);
    return libxl__xs_read(ctx, p);
}

int libxl__device_hotplug(libxl_ctx *ctx, const libxl__device *dev, const char *action,
                          const char *const *extra_env)
{
    char *script = backend_node(ctx, dev, "script"), be[128], *err;
    double end = now() + LIBXL_HOTPLUG_TIMEOUT;
    int status = 0, rc = 0;
    pid_t pid, w;

    if (!script || !*script) {
        free(script);
        return 0;                       /* qdisk: no script */
    }
    libxl__device_backend_path(dev, be, sizeof(be));
    pid = fork();
    if (pid < 0) {
        libxl__log(ctx, "cannot run %s: %s", script, strerror(errno));
        free(script);
        return ERROR_FAIL;
    }
    if (pid == 0) {
        setenv("script", script, 1);
        setenv("XENBUS_TYPE", dev->backend_kind, 1);
        setenv("XENBUS_PATH", be, 1);
        setenv("XENBUS_BASE_PATH", "backend", 1);
        for (; extra_env && *extra_env; extra_env++)
            putenv((char *)*extra_env);
        if (!strcmp(dev->kind, "vif"))
            execl(script, script, action, "type_if=vif", (char *)NULL);
        else
            execl(script, script, action, (char *)NULL);
        fprintf(stderr, "libxl: error: cannot run %s: %s\n", script, strerror(errno));
        _exit(127);
    }
    while ((w = waitpid(pid, &status, WNOHANG)) == 0 && now() < end)
        usleep(20000);
    if (w == 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        libxl__log(ctx, "%s %s: timed out after %d seconds", script, action,
                   LIBXL_HOTPLUG_TIMEOUT);
        rc = ERROR_FAIL;
    } else if (w < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
        err = backend_node(ctx, dev, "hotplug-error");
        libxl__log(ctx, "%s %s [%d] exited with error status %d%s%s", script, action,
                   (int)pid, WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                   err ? ": " : "", err ? err : "");
        free(err);
        rc = ERROR_FAIL;
    }
    free(script);
    return rc;
}

static const char *state_name(int s)
{
    static const char *const names[] = { "none", "Initialising", "InitWait", "Initialised",
                                         "Connected", "Closing", "Closed" };

    return s >= 0 && s <= 6 ? names[s] : "unknown";
}

int libxl__device_connect(libxl_ctx *ctx, const libxl__device *dev,
                          const char *hotplug_add, const char *const *extra_env)
{
    char be[128];
    int last = 0;

    libxl__device_backend_path(dev, be, sizeof(be));
    if (libxl__device_wait_backend(ctx, dev, XENBUS_INITWAIT, LIBXL_INIT_TIMEOUT, &last)) {
        libxl__log(ctx, "Domain %u:timed out after %d seconds waiting for the %s backend at %s "
                   "to reach InitWait (state %d, %s): is its backend driver loaded?",
                   dev->domid, LIBXL_INIT_TIMEOUT, dev->backend_kind, be, last,
                   state_name(last));
        libxl__device_remove(ctx, dev, true, NULL, NULL);
        return ERROR_TIMEDOUT;
    }
    if (libxl__device_hotplug(ctx, dev, hotplug_add, extra_env)) {
        libxl__device_remove(ctx, dev, true, NULL, extra_env);
        return ERROR_FAIL;
    }
    return 0;
}

static void rm_if_empty(libxl_ctx *ctx, const char *path)
{
    unsigned int n = 0;
    char **d = xs_directory(ctx->xsh, XBT_NULL, path, &n);

    if (d && n == 0)
        xs_rm(ctx->xsh, XBT_NULL, path);
    free(d);
}

int libxl__xs_read_int(libxl_ctx *ctx, const char *dir, const char *node, int dflt)
{
    char p[192], *v;
    int r;

    snprintf(p, sizeof(p), "%s/%s", dir, node);
    v = libxl__xs_read(ctx, p);
    r = v && *v ? atoi(v) : dflt;
    free(v);
    return r;
}

int libxl__device_remove(libxl_ctx *ctx, const libxl__device *dev, bool force,
                         const char *hotplug_remove, const char *const *extra_env)
{
    char fe[128], be[128], lp[128], p[160];
    int state;

    libxl__device_frontend_path(dev, fe, sizeof(fe));
    libxl__device_backend_path(dev, be, sizeof(be));
    libxl__device_libxl_path(dev, lp, sizeof(lp));
    state = read_state(ctx, be);
    if (force)
        xs_rm(ctx->xsh, XBT_NULL, fe);
    /* A backend driver that never took the device (still Initialising)
     * has nothing to close. */
    if (state >= XENBUS_INITWAIT && state != XENBUS_CLOSED) {
        snprintf(p, sizeof(p), "%s/online", be);
        libxl__xs_printf(ctx, XBT_NULL, p, "0");
        snprintf(p, sizeof(p), "%s/state", be);
        libxl__xs_printf(ctx, XBT_NULL, p, "%d", XENBUS_CLOSING);
        if (libxl__device_wait_backend(ctx, dev, XENBUS_CLOSED, LIBXL_DESTROY_TIMEOUT, NULL) &&
            !force) {
            /* The frontend did not answer: take it away, as Xen does. */
            return libxl__device_remove(ctx, dev, true, hotplug_remove, extra_env);
        }
    }
    if (hotplug_remove)
        libxl__device_hotplug(ctx, dev, hotplug_remove, extra_env);
    xs_rm(ctx->xsh, XBT_NULL, fe);
    xs_rm(ctx->xsh, XBT_NULL, be);
    xs_rm(ctx->xsh, XBT_NULL, lp);
    /* The parent left empty (backend/vbd/N), as Xen cleans it up. */
    snprintf(p, sizeof(p), "/local/domain/%u/backend/%s/%u", dev->backend_domid,
             dev->backend_kind, dev->domid);
    rm_if_empty(ctx, p);
    return 0;
}

void libxl__devices_destroy(libxl_ctx *ctx, uint32_t domid)
{
    static const char *const kinds[] = { "vbd", "vif" };
    char p[96];

    for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
        unsigned int n = 0;
        char **ids;

        snprintf(p, sizeof(p), "/libxl/%u/device/%s", domid, kinds[k]);
        ids = xs_directory(ctx->xsh, XBT_NULL, p, &n);
        for (unsigned int i = 0; ids && i < n; i++) {
            int devid = atoi(ids[i]);

            if (!strcmp(kinds[k], "vif")) {
                libxl__nic_destroy(ctx, domid, devid);
            } else {
                char bp[160], *backend;

                snprintf(bp, sizeof(bp), "%s/%s/backend", p, ids[i]);
                backend = libxl__xs_read(ctx, bp);
                libxl__disk_destroy(ctx, domid, devid,
                                    backend && strstr(backend, "/backend/qdisk/") ? "qdisk"
                                                                                  : "vbd");
                free(backend);
            }
        }
        free(ids);
    }
}
