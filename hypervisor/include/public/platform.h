/* Xen 4.17 ABI: the platform_op hypercall (hardware domain only). Only
 * what ARM Linux uses as dom0 is declared: setting the wall clock. */
#ifndef XENLET_PUBLIC_PLATFORM_H
#define XENLET_PUBLIC_PLATFORM_H

#include "xen.h"

/* A mismatch in xen_platform_op.interface_version fails with -EACCES. */
#define XENPF_INTERFACE_VERSION 0x03000001

#define XENPF_settime32 17
struct xenpf_settime32 {
	uint32_t secs;        /* IN */
	uint32_t nsecs;       /* IN */
	uint64_t system_time; /* IN: system time at which secs:nsecs held */
};

#define XENPF_settime64 62
struct xenpf_settime64 {
	uint64_t secs;        /* IN */
	uint32_t nsecs;       /* IN */
	uint32_t mbz;         /* IN: must be 0 */
	uint64_t system_time; /* IN */
};

#define XENPF_settime XENPF_settime64
#define xenpf_settime xenpf_settime64

struct xen_platform_op {
	uint32_t cmd;               /* IN: XENPF_* */
	uint32_t interface_version; /* IN: XENPF_INTERFACE_VERSION */
	union {
		struct xenpf_settime32 settime32;
		struct xenpf_settime64 settime64;
		uint8_t pad[128];
	} u;
};

#endif
