/* The XenStore wire format: Xen's public io/xs_wire.h, the one copy shared
 * with the hypervisor's ABI headers. <errno.h> comes first so that it also
 * declares the xsd_errors[] name table. */
#ifndef XENLET_XS_WIRE_H
#define XENLET_XS_WIRE_H

#include <errno.h>

#include <public/io/xs_wire.h>

#endif
