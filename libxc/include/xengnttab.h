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

/* One GNTTABOP_copy from or to a grant reference: flags say which side is
 * the grant (GNTCOPY_source_gref, GNTCOPY_dest_gref); the other is a local
 * address. offset + len must stay within one 4 KiB page of the grant. */
struct xengnttab_grant_copy_segment {
	union xengnttab_copy_ptr {
		void *virt;
		struct {
			uint32_t ref;
			uint16_t offset;
			uint16_t domid;
		} foreign;
	} source, dest;
	uint16_t len;
	uint16_t flags;
	int16_t status;   /* GNTST_*, per segment */
};
typedef struct xengnttab_grant_copy_segment xengnttab_grant_copy_segment_t;

/* 0 once every segment was tried (each has its status); a negative errno
 * when the copy could not be issued at all. */
int xengnttab_grant_copy(xengnttab_handle *xgt, uint32_t count,
			 xengnttab_grant_copy_segment_t *segs);

#endif
