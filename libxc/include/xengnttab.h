/* Mapping other domains' grants from dom0 userspace over /dev/xen/gntdev
 * (libxengnttab's API). Map calls return NULL with errno set on failure;
 * the others return 0 or a negative errno. */
#ifndef XENGNTTAB_H
#define XENGNTTAB_H

#include <stdint.h>
#include "xentoollog.h"

typedef struct xengntdev_handle xengnttab_handle;

xengnttab_handle *xengnttab_open(xentoollog_logger *logger, unsigned open_flags);
int xengnttab_close(xengnttab_handle *xgt);
int xengnttab_fd(xengnttab_handle *xgt);
int xengnttab_set_max_grants(xengnttab_handle *xgt, uint32_t nr_grants);
/* prot: PROT_READ or PROT_READ|PROT_WRITE. */
void *xengnttab_map_grant_ref(xengnttab_handle *xgt, uint32_t domid,
			      uint32_t ref, int prot);
void *xengnttab_map_grant_refs(xengnttab_handle *xgt, uint32_t count,
			       const uint32_t *domids, const uint32_t *refs,
			       int prot);
void *xengnttab_map_domain_grant_refs(xengnttab_handle *xgt, uint32_t count,
				      uint32_t domid, const uint32_t *refs,
				      int prot);
int xengnttab_unmap(xengnttab_handle *xgt, void *start_address, uint32_t count);

#endif
