/* Xen 4.17 ABI: the xen_version hypercall (cmd, arg). */
#ifndef XENLET_PUBLIC_VERSION_H
#define XENLET_PUBLIC_VERSION_H

#include "xen.h"
#include "features.h"

#define XENVER_version 0 /* returns major << 16 | minor */

#define XENVER_extraversion 1
typedef char xen_extraversion_t[16];
#define XEN_EXTRAVERSION_LEN (sizeof(xen_extraversion_t))

#define XENVER_compile_info 2
struct xen_compile_info {
	char compiler[64];
	char compile_by[16];
	char compile_domain[32];
	char compile_date[32];
};

#define XENVER_capabilities 3
typedef char xen_capabilities_info_t[1024];
#define XEN_CAPABILITIES_INFO_LEN (sizeof(xen_capabilities_info_t))

#define XENVER_changeset 4
typedef char xen_changeset_info_t[64];
#define XEN_CHANGESET_INFO_LEN (sizeof(xen_changeset_info_t))

#define XENVER_platform_parameters 5
struct xen_platform_parameters {
	xen_ulong_t virt_start; /* OUT */
};

#define XENVER_get_features 6
struct xen_feature_info {
	uint32_t submap_idx; /* IN: which 32-bit word of feature bits */
	uint32_t submap;     /* OUT: XENFEAT_* bits of that word */
};

#define XENVER_pagesize 7     /* returns the page size */
#define XENVER_guest_handle 8 /* arg: xen_domain_handle_t OUT */

#define XENVER_commandline 9
typedef char xen_commandline_t[1024];

#define XENVER_build_id 10
struct xen_build_id {
	uint32_t len;      /* IN: size of buf; OUT: bytes written */
	unsigned char buf[];
};

#endif
