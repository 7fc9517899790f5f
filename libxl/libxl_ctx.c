/* libxl's context: the libxc handle and the XenStore connection. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libxl_internal.h"

int libxl_ctx_alloc(libxl_ctx **pctx, struct xentoollog_logger *lg)
{
    libxl_ctx *ctx = calloc(1, sizeof(*ctx));

    if (!ctx)
        return ERROR_NOMEM;
    ctx->lg = lg;
    ctx->xch = xc_interface_open(lg, lg, 0);
    if (!ctx->xch) {
        fprintf(stderr, "libxl: cannot open the hypervisor interface (/dev/xen/privcmd)\n");
        free(ctx);
        return ERROR_FAIL;
    }
    ctx->xsh = xs_open(0);
    if (!ctx->xsh) {
        fprintf(stderr, "libxl: cannot connect to xenstored (is it running?)\n");
        xc_interface_close(ctx->xch);
        free(ctx);
        return ERROR_FAIL;
    }
    *pctx = ctx;
    return 0;
}

void libxl_ctx_free(libxl_ctx *ctx)
{
    if (!ctx)
        return;
    xs_close(ctx->xsh);
    xc_interface_close(ctx->xch);
    free(ctx);
}

struct xc_interface_core *libxl_xc(libxl_ctx *ctx) { return ctx->xch; }
struct xs_handle *libxl_xs(libxl_ctx *ctx) { return ctx->xsh; }

void libxl__log(libxl_ctx *ctx, const char *fmt, ...)
{
    va_list ap;

    (void)ctx;
    fprintf(stderr, "libxl: error: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

bool libxl__xs_printf(libxl_ctx *ctx, xs_transaction_t t, const char *path,
                      const char *fmt, ...)
{
    char *val = NULL;
    va_list ap;
    bool ok;
    int n;

    va_start(ap, fmt);
    n = vasprintf(&val, fmt, ap);
    va_end(ap);
    if (n < 0)
        return false;
    ok = xs_write(ctx->xsh, t, path, val, (unsigned int)n);
    free(val);
    return ok;
}

char *libxl__xs_read(libxl_ctx *ctx, const char *path)
{
    unsigned int len;

    return xs_read(ctx->xsh, XBT_NULL, path, &len);
}
