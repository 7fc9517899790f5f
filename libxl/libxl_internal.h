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

#endif
