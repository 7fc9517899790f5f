/* xenlet-qdisk's devices: the XenStore side of each one (the xenbus state
 * machine) and its connection to the frontend (ring and event channel). */
#ifndef XENLET_QDISK_BACKEND_H
#define XENLET_QDISK_BACKEND_H

#include <xenctrl.h>
#include <xenevtchn.h>
#include <xengnttab.h>
#include <xenstore.h>

#include <public/io/xenbus.h>

#include "qdisk.h"

#define QDISK_BACKEND_ROOT "/local/domain/0/backend/qdisk"

struct qdisk_dev {
	unsigned int domid, devid;
	char be[96];                  /* our backend directory */
	char *fe;                     /* the frontend directory, as "frontend" says */
	struct qdisk_image img;
	enum xenbus_state state;      /* what we last wrote to be/state */
	bool refused;                 /* bad set-up: waits for its nodes to go */
	bool fe_watched;
	struct blkif_sring *sring;    /* the mapped ring page, or NULL */
	uint32_t port;                /* our end of the event channel, 0 = none */
	struct qdisk_ring ring;
	unsigned long reads, writes, flushes, failed;   /* requests, for the log */
	bool seen;                    /* found by the current scan */
	struct qdisk_dev *next;
};

struct qdisk_backend {
	struct xs_handle *xs;
	xenevtchn_handle *xce;
	xengnttab_handle *xgt;
	xc_interface *xch;
	struct qdisk_grant_ops grants;
	struct qdisk_dev *devs;
	bool verbose;                 /* log every event */
};

/* Opens the handles; 0, or -1 with the reason on stderr. */
int qdisk_backend_open(struct qdisk_backend *b);
/* Brings every device in line with XenStore: new ones are set up, gone ones
 * freed, and each follows its frontend's state. Run on every watch event. */
void qdisk_backend_scan(struct qdisk_backend *b);
/* The event channel @port fired: serve its ring. */
void qdisk_backend_kick(struct qdisk_backend *b, uint32_t port);
/* Rings that stopped with requests left (their fair share used up). */
bool qdisk_backend_has_more(const struct qdisk_backend *b);
void qdisk_backend_run_more(struct qdisk_backend *b);

#endif
