/* Xen 4.17 ABI: the PV block device protocol (blkfront <-> blkback/qdisk),
 * with the shared request/response ring of one page. Sectors are always
 * 512 bytes on the wire, whatever the disk's sector-size node says. */
#ifndef XENLET_PUBLIC_IO_BLKIF_H
#define XENLET_PUBLIC_IO_BLKIF_H

#include <stdint.h>
#include "../grant_table.h"

typedef uint16_t blkif_vdev_t;
typedef uint64_t blkif_sector_t;

#define BLKIF_OP_READ 0
#define BLKIF_OP_WRITE 1
#define BLKIF_OP_WRITE_BARRIER 2
#define BLKIF_OP_FLUSH_DISKCACHE 3
#define BLKIF_OP_RESERVED_1 4
#define BLKIF_OP_DISCARD 5
#define BLKIF_OP_INDIRECT 6

#define BLKIF_MAX_SEGMENTS_PER_REQUEST 11

/* One page of a request: sectors first_sect..last_sect (inclusive, 0..7)
 * of the granted frame. */
struct blkif_request_segment {
	grant_ref_t gref;
	uint8_t first_sect;
	uint8_t last_sect;
};

struct blkif_request {
	uint8_t operation;        /* BLKIF_OP_* */
	uint8_t nr_segments;      /* 1..BLKIF_MAX_SEGMENTS_PER_REQUEST for r/w */
	blkif_vdev_t handle;
	uint64_t id;              /* the frontend's, echoed in the response */
	blkif_sector_t sector_number;
	struct blkif_request_segment seg[BLKIF_MAX_SEGMENTS_PER_REQUEST];
};

struct blkif_response {
	uint64_t id;
	uint8_t operation;
	int16_t status;           /* BLKIF_RSP_* */
};

#define BLKIF_RSP_EOPNOTSUPP -2
#define BLKIF_RSP_ERROR -1
#define BLKIF_RSP_OKAY 0

/* The "info" node's bits. */
#define VDISK_CDROM 0x1
#define VDISK_REMOVABLE 0x2
#define VDISK_READONLY 0x4

/* The shared ring (io/ring.h's layout for blkif): free-running 32-bit
 * indexes, a 64-byte header, then as many entries as fit, rounded down to
 * a power of two (32 in one 4 KiB page). */
union blkif_sring_entry {
	struct blkif_request req;
	struct blkif_response rsp;
};

struct blkif_sring {
	uint32_t req_prod;        /* written by the frontend */
	uint32_t req_event;       /* frontend wants an event at this req_prod */
	uint32_t rsp_prod;        /* written by the backend */
	uint32_t rsp_event;       /* backend owes an event at this rsp_prod */
	union {
		uint8_t pvt_pad[4];
	} pvt;
	uint8_t __pad[44];
	union blkif_sring_entry ring[1];  /* really: the rest of the page(s) */
};

#endif
