/* Client library for XenStore: Xen's xs_* names and semantics over the Unix
 * socket of xenstored or a xenbus device. Safe to share between threads. */
#ifndef XENLET_XENSTORE_H
#define XENLET_XENSTORE_H

#include <stdbool.h>
#include <stdint.h>
#include "xs_wire.h"

#define XBT_NULL 0

/* xs_open() flags. */
#define XS_OPEN_READONLY (1UL << 0)   /* accepted, has no effect (as in Xen) */
#define XS_OPEN_SOCKETONLY (1UL << 1) /* never fall back to the xenbus device */
#define XS_UNWATCH_FILTER (1UL << 2)  /* drop queued events of removed watches */

typedef uint32_t xs_transaction_t;

enum xs_perm_type {
	XS_PERM_NONE = 0,
	XS_PERM_READ = 1,
	XS_PERM_WRITE = 2,
	XS_PERM_ENOENT_OK = 4, /* internal to xenstored */
	XS_PERM_OWNER = 8,     /* internal to xenstored */
	XS_PERM_IGNORE = 16,   /* internal to xenstored */
};

struct xs_permissions {
	unsigned int id;
	enum xs_perm_type perms;
};

struct xs_handle;

/* Paths: the daemon socket honours XENSTORED_PATH, then XENSTORED_RUNDIR. */
const char *xs_daemon_rundir(void);
const char *xs_daemon_socket(void);
const char *xs_daemon_socket_ro(void);
const char *xs_domain_dev(void);

struct xs_handle *xs_open(unsigned long flags);
void xs_close(struct xs_handle *h);
struct xs_handle *xs_daemon_open(void);
struct xs_handle *xs_domain_open(void);
struct xs_handle *xs_daemon_open_readonly(void);
void xs_daemon_close(struct xs_handle *h);

/* Results are malloc'ed (free() them); NULL/false with errno set on failure. */
char **xs_directory(struct xs_handle *h, xs_transaction_t t, const char *path,
		    unsigned int *num);
void *xs_read(struct xs_handle *h, xs_transaction_t t, const char *path,
	      unsigned int *len);
/* Xenlet's addition: reads n paths in one round trip. Returns an array of n
 * malloc'd values (NUL-terminated; NULL where that read failed), or NULL if
 * the connection failed. Free each value and the array. */
char **xs_read_many(struct xs_handle *h, xs_transaction_t t, const char *const *paths,
		    unsigned int n);
bool xs_write(struct xs_handle *h, xs_transaction_t t, const char *path,
	      const void *data, unsigned int len);
bool xs_mkdir(struct xs_handle *h, xs_transaction_t t, const char *path);
bool xs_rm(struct xs_handle *h, xs_transaction_t t, const char *path);
struct xs_permissions *xs_get_permissions(struct xs_handle *h, xs_transaction_t t,
					  const char *path, unsigned int *num);
bool xs_set_permissions(struct xs_handle *h, xs_transaction_t t, const char *path,
			struct xs_permissions *perms, unsigned int num_perms);

bool xs_watch(struct xs_handle *h, const char *path, const char *token);
bool xs_unwatch(struct xs_handle *h, const char *path, const char *token);
int xs_fileno(struct xs_handle *h);
/* Blocks for the next event: vec[XS_WATCH_PATH], vec[XS_WATCH_TOKEN]. */
char **xs_read_watch(struct xs_handle *h, unsigned int *num);
/* Non-blocking: NULL with errno EAGAIN when nothing is queued. */
char **xs_check_watch(struct xs_handle *h);

xs_transaction_t xs_transaction_start(struct xs_handle *h);
bool xs_transaction_end(struct xs_handle *h, xs_transaction_t t, bool abort);

bool xs_introduce_domain(struct xs_handle *h, unsigned int domid,
			 unsigned long mfn, unsigned int eventchn);
bool xs_set_target(struct xs_handle *h, unsigned int domid, unsigned int target);
bool xs_resume_domain(struct xs_handle *h, unsigned int domid);
bool xs_release_domain(struct xs_handle *h, unsigned int domid);
char *xs_get_domain_path(struct xs_handle *h, unsigned int domid);
bool xs_path_is_subpath(const char *parent, const char *child);
bool xs_is_domain_introduced(struct xs_handle *h, unsigned int domid);
char *xs_control_command(struct xs_handle *h, const char *cmd, void *data,
			 unsigned int len);
char *xs_debug_command(struct xs_handle *h, const char *cmd, void *data,
		       unsigned int len);

/* Helpers shared with the tools. */
bool xs_strings_to_perms(struct xs_permissions *perms, unsigned int num,
			 const char *strings);
bool xs_perm_to_string(const struct xs_permissions *perm, char *buf, size_t len);
unsigned int xs_count_strings(const char *strings, unsigned int len);

#endif
