/* Xen 4.17 ABI: the xenstore wire protocol (message header and types) and
 * the shared ring page between a domain and xenstored. */
#ifndef XENLET_PUBLIC_IO_XS_WIRE_H
#define XENLET_PUBLIC_IO_XS_WIRE_H

#include <stdint.h>

enum xsd_sockmsg_type {
	XS_CONTROL = 0,
	XS_DIRECTORY = 1,
	XS_READ = 2,
	XS_GET_PERMS = 3,
	XS_WATCH = 4,
	XS_UNWATCH = 5,
	XS_TRANSACTION_START = 6,
	XS_TRANSACTION_END = 7,
	XS_INTRODUCE = 8,
	XS_RELEASE = 9,
	XS_GET_DOMAIN_PATH = 10,
	XS_WRITE = 11,
	XS_MKDIR = 12,
	XS_RM = 13,
	XS_SET_PERMS = 14,
	XS_WATCH_EVENT = 15,
	XS_ERROR = 16,
	XS_IS_DOMAIN_INTRODUCED = 17,
	XS_RESUME = 18,
	XS_SET_TARGET = 19,
	/* 20 was XS_RESTRICT, gone */
	XS_RESET_WATCHES = 21,
	XS_DIRECTORY_PART = 22,
	XS_TYPE_COUNT = 23,
	XS_INVALID = 0xffff
};
#define XS_DEBUG XS_CONTROL /* the old name */

#define XS_WRITE_NONE "NONE"
#define XS_WRITE_CREATE "CREATE"
#define XS_WRITE_CREATE_EXCL "CREATE|EXCL"

/* An XS_ERROR reply carries one of these names (NUL-terminated). */
struct xsd_errors {
	int errnum;
	const char *errstring;
};
#ifdef EINVAL /* only with the host's <errno.h> */
#define XSD_ERROR(x) { x, #x }
static const struct xsd_errors xsd_errors[] __attribute__((unused)) = {
	XSD_ERROR(EINVAL),  XSD_ERROR(EACCES), XSD_ERROR(EEXIST),
	XSD_ERROR(EISDIR),  XSD_ERROR(ENOENT), XSD_ERROR(ENOMEM),
	XSD_ERROR(ENOSPC),  XSD_ERROR(EIO),    XSD_ERROR(ENOTEMPTY),
	XSD_ERROR(ENOSYS),  XSD_ERROR(EROFS),  XSD_ERROR(EBUSY),
	XSD_ERROR(EAGAIN),  XSD_ERROR(EISCONN), XSD_ERROR(E2BIG),
	XSD_ERROR(EPERM),
};
#endif

/* Every message starts with this; len bytes of payload follow. */
struct xsd_sockmsg {
	uint32_t type;   /* XS_*; replies echo it, or XS_ERROR */
	uint32_t req_id; /* echoed in the reply */
	uint32_t tx_id;  /* transaction, 0 = none */
	uint32_t len;    /* payload bytes, <= XENSTORE_PAYLOAD_MAX */
};

/* The two strings of an XS_WATCH_EVENT payload. */
enum xs_watch_type {
	XS_WATCH_PATH = 0,
	XS_WATCH_TOKEN
};

#define XENSTORE_RING_SIZE 1024
typedef uint32_t XENSTORE_RING_IDX;
#define MASK_XENSTORE_IDX(idx) ((idx) & (XENSTORE_RING_SIZE - 1))

/* The ring page: indexes run free and are masked on use. */
struct xenstore_domain_interface {
	char req[XENSTORE_RING_SIZE]; /* domain -> xenstored */
	char rsp[XENSTORE_RING_SIZE]; /* xenstored -> domain: replies, watch events */
	XENSTORE_RING_IDX req_cons;
	XENSTORE_RING_IDX req_prod;
	XENSTORE_RING_IDX rsp_cons;
	XENSTORE_RING_IDX rsp_prod;
	uint32_t server_features; /* XENSTORE_SERVER_FEATURE_* */
	uint32_t connection;      /* XENSTORE_CONNECTED / _RECONNECT */
	uint32_t error;           /* XENSTORE_ERROR_* */
};

#define XENSTORE_PAYLOAD_MAX 4096
#define XENSTORE_ABS_PATH_MAX 3072
#define XENSTORE_REL_PATH_MAX 2048

#define XENSTORE_SERVER_FEATURE_RECONNECTION 1
#define XENSTORE_SERVER_FEATURE_ERROR 2

#define XENSTORE_CONNECTED 0
#define XENSTORE_RECONNECT 1

#define XENSTORE_ERROR_NONE 0
#define XENSTORE_ERROR_COMM 1
#define XENSTORE_ERROR_RINGIDX 2
#define XENSTORE_ERROR_PROTO 3

#endif
