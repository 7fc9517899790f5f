/* The XenStore daemon core: node tree, permissions, transactions, watches,
 * domains and quotas, with no I/O. Transports feed it whole messages. */
#ifndef XENLET_XS_CORE_H
#define XENLET_XS_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "xenstore.h"
#include "xs_wire.h"

#define XS_DOMID_FIRST_RESERVED 0x7FF0U
#define XS_DOMID_SELF 0x7FF0U

struct xs_core;
struct xs_conn;

/* ---- permissions ---- */
struct xs_perm {
	uint32_t id;
	uint32_t perms; /* XS_PERM_* bits */
};

/* ---- nodes ---- */
#define XS_NODE_ABSENT 1U /* transaction overlay: the node does not exist */
#define XS_NODE_DIRTY 2U  /* transaction overlay: changed by the transaction */

/* One node in a single allocation with its path. A value of up to 8 bytes
 * and a single permission (most nodes have one) live in the fields that
 * would otherwise point to them; children are one packed list of
 * NUL-terminated names, the very payload DIRECTORY answers with. Read them
 * through node_value() and node_perms(). */
struct xs_node {
	struct xs_node *hnext; /* hash chain */
	union {
		char *ptr;
		char inline_bytes[sizeof(char *)];
	} value;
	union {
		struct xs_perm *many;
		struct xs_perm one;
	} perms; /* [0]: owner and everybody else's rights */
	char *children;          /* names in creation order, each NUL-terminated */
	uint64_t generation; /* bumped on every change; 0 never used */
	uint64_t base_gen;   /* transaction overlay: generation when first seen */
	/* The 32-bit fields together: no padding before the path. */
	uint32_t flags;
	uint32_t value_len;
	uint32_t nperms;
	uint32_t children_bytes; /* the list's length */
	char path[];         /* absolute path, the table key */
};

static inline const char *node_value(const struct xs_node *n)
{
	return n->value_len <= sizeof(n->value) ? n->value.inline_bytes : n->value.ptr;
}

static inline struct xs_perm *node_perms(struct xs_node *n)
{
	return n->nperms <= 1 ? &n->perms.one : n->perms.many;
}

static inline const struct xs_perm *node_perms_c(const struct xs_node *n)
{
	return n->nperms <= 1 ? &n->perms.one : n->perms.many;
}

/* for (const char *c = ...): each child name of n in turn. */
#define node_for_each_child(n, c)                                     \
	for (const char *c = (n)->children;                            \
	     (n)->children_bytes && c < (n)->children + (n)->children_bytes; \
	     c += strlen(c) + 1)

struct xs_node *node_new(const char *path);
struct xs_node *node_clone(const struct xs_node *n);
void node_free(struct xs_node *n);
int node_set_value(struct xs_node *n, const void *data, uint32_t len);
int node_set_perms(struct xs_node *n, const struct xs_perm *perms, uint32_t num);
int node_add_child(struct xs_node *n, const char *name);
bool node_remove_child(struct xs_node *n, const char *name);
bool node_has_child(const struct xs_node *n, const char *name);
void node_clear_children(struct xs_node *n);
/* dst takes src's value, permissions and children, and src dst's. */
void node_swap_contents(struct xs_node *dst, struct xs_node *src);
size_t node_mem_size(const struct xs_node *n);
uint32_t node_owner(const struct xs_node *n);

/* Hash table of nodes keyed by absolute path. */
struct xs_node_table {
	struct xs_node **buckets;
	size_t nbuckets;
	size_t count;
};

int node_table_init(struct xs_node_table *t);
void node_table_destroy(struct xs_node_table *t);
struct xs_node *node_table_get(const struct xs_node_table *t, const char *path);
int node_table_insert(struct xs_node_table *t, struct xs_node *n);
struct xs_node *node_table_remove(struct xs_node_table *t, const char *path);
/* Calls fn for each node; fn must not change the table. */
void node_table_each(const struct xs_node_table *t,
		     void (*fn)(struct xs_node *n, void *arg), void *arg);

/* ---- paths ---- */
bool path_is_valid(const char *path, bool allow_special);
bool path_is_child(const char *child, const char *parent);
/* Absolute, malloc'ed form of path as seen by domid; NULL + errno on error. */
char *path_canonical(uint32_t domid, const char *path);
char *path_parent(const char *path);  /* malloc'ed; "/" for top level */
const char *path_basename(const char *path);
/* Length of the domain path prefix "/local/domain/<domid>" */
size_t path_domain_prefix_len(uint32_t domid, char *buf, size_t len);

/* ---- permissions ---- */
int perms_parse(const char *strings, size_t len, struct xs_perm **out,
		uint32_t *num);
/* Appends "r5\0..." to buf; returns the length written, -1 if it does not fit. */
int perms_format(const struct xs_perm *perms, uint32_t num, char *buf, size_t len);
/* Effective XS_PERM_* bits of conn on a node with these perms. */
uint32_t perms_for_conn(const struct xs_core *core, const struct xs_conn *conn,
			const struct xs_perm *perms, uint32_t num);

/* ---- quotas (Xen's names and defaults) ---- */
enum xs_quota_kind {
	XS_QUOTA_NODES,
	XS_QUOTA_WATCHES,
	XS_QUOTA_OUTSTANDING,
	XS_QUOTA_MEMORY,
	XS_QUOTA_TRANSACTIONS,
	XS_QUOTA_TRANSACTION_NODES,
	XS_QUOTA_NODE_PERMS,
	XS_QUOTA_PATH_MAX,
	XS_QUOTA_NODE_SIZE,
	XS_QUOTA_COUNT
};

struct xs_quota {
	unsigned int val[XS_QUOTA_COUNT];
};

void quota_defaults(struct xs_quota *q);
const char *quota_name(enum xs_quota_kind k);
const char *quota_descr(enum xs_quota_kind k);
/* The kind called name, or -1. */
int quota_find(const char *name);
/* Parses "<what>=<nb>" (Xen's -Q syntax); 0 or -EINVAL. */
int quota_set_from_arg(struct xs_quota *q, const char *arg);
/* Xen's soft memory quota: over it, a domain only gets a warning logged. */
#define XS_QUOTA_MEMORY_SOFT_DEFAULT (2 * 1024 * 1024)
/* Parses -q's "memory=<nb>", the only soft quota Xen has; 0 or -EINVAL. */
int quota_soft_from_arg(unsigned int *soft_memory, const char *arg);
/* Xen's -w "watch-event=<seconds>"; 0 or -EINVAL. */
#define XS_TIMEOUT_WATCH_EVENT_DEFAULT_MS 20000U
int timeout_from_arg(unsigned int *watch_event_ms, const char *arg);

/* ---- domains ---- */
struct xs_domain {
	struct xs_domain *next;
	uint32_t domid;
	bool introduced;
	bool shutdown;
	uint32_t target; /* XS_DOMID_INVALID if none */
	uint64_t gfn;
	uint32_t port;
	struct xs_conn *conn; /* the ring connection, when there is one */
	/* accounting (only for unprivileged domains are limits applied) */
	long nodes;
	long memory;
	bool soft_quota_reported; /* over the soft memory quota, logged once */
	unsigned int watches;
	unsigned int transactions;
};
#define XS_DOMID_INVALID 0xFFFFFFFFU

struct xs_domain *domain_find(const struct xs_core *core, uint32_t domid);
struct xs_domain *domain_get(struct xs_core *core, uint32_t domid);
void domain_forget_unused(struct xs_core *core, struct xs_domain *d);

/* ---- transactions ---- */
struct xs_tx {
	struct xs_tx *next;
	uint32_t id;
	struct xs_node_table overlay;
	long created; /* nodes created for the caller's domain */
};

/* ---- watches ---- */
struct xs_watch {
	struct xs_watch *next;
	char *path;     /* as registered (maybe relative) */
	char *abs_path; /* canonical */
	char *token;
	bool relative;
};

/* ---- connections ---- */
struct xs_conn_ops {
	/* Queue one message (header + body) for the client. */
	int (*send)(struct xs_conn *conn, const struct xsd_sockmsg *hdr,
		    const void *body);
};

struct xs_conn {
	struct xs_conn *next, *prev;
	const struct xs_conn_ops *ops;
	struct xs_core *core;
	uint32_t id;     /* domain id: 0 for local sockets */
	bool is_domain;  /* a domain ring, not a socket */
	struct xs_watch *watches;
	struct xs_tx *txs;
	uint32_t next_tx_id;
	void *priv; /* the transport's */
};

/* ---- the core ---- */
struct xs_core_hooks {
	/* A domain ring to set up after XS_INTRODUCE; NULL when inactive. */
	int (*introduce)(void *arg, struct xs_domain *d);
	/* Tear down the ring connection of d (XS_RELEASE). */
	void (*release)(void *arg, struct xs_domain *d);
	void *arg;
};

struct xs_stats {
	unsigned long requests, errors, watch_events, commits, conflicts;
};

struct xs_core {
	struct xs_node_table nodes;
	uint64_t generation;
	struct xs_quota quota;
	struct xs_domain *domains;
	struct xs_conn *conns;
	/* Permissions of @introduceDomain [0] and @releaseDomain [1]. */
	struct xs_perm *special_perms[2];
	uint32_t special_nperms[2];
	struct xs_core_hooks hooks;
	FILE *trace;
	bool verbose;
	bool log_enabled;
	bool keep_orphans; /* -K: a dead domain's nodes go to dom0 */
	unsigned int quota_soft_memory; /* -q memory=; 0: off */
	unsigned int timeout_watch_event_ms; /* -w watch-event=; 0: never */
	/* Warnings for the administrator (the daemon sends them to syslog). */
	void (*warn)(const char *msg);
	struct xs_stats stats;
};

int core_init(struct xs_core *core);
void core_destroy(struct xs_core *core);
void core_conn_init(struct xs_core *core, struct xs_conn *conn,
		    const struct xs_conn_ops *ops, uint32_t domid);
/* Drops the connection's watches and transactions and unlinks it. */
void core_conn_destroy(struct xs_conn *conn);
bool conn_is_privileged(const struct xs_conn *conn);
/* Handles one complete request; always sends exactly one reply. */
void core_process(struct xs_core *core, struct xs_conn *conn,
		  const struct xsd_sockmsg *hdr, const char *body);
/* Sends reply type (or XS_ERROR when err != 0) echoing hdr's ids. */
void core_reply(struct xs_conn *conn, const struct xsd_sockmsg *hdr,
		uint32_t type, const void *body, uint32_t len);
void core_reply_error(struct xs_conn *conn, const struct xsd_sockmsg *hdr, int err);
const char *xs_error_name(int err);
/* XS_RELEASE: core_destroy_domain(). */
void core_release_domain(struct xs_core *core, struct xs_domain *d);

/* ---- domain death (domain_death.c) ---- */
/* What the hypervisor says of a domain (Xen's dominfo flags). */
struct xs_domstate {
	bool shutdown; /* shut down or crashed */
	bool dying;
};
/* Disconnects d, deletes the nodes it owned (gives them to dom0 with
 * keep_orphans) and fires @releaseDomain if it was introduced. */
void core_destroy_domain(struct xs_core *core, struct xs_domain *d);
void core_remove_orphans(struct xs_core *core, uint32_t domid);
/* Xen's check_domains(), run on VIRQ_DOM_EXC: query returns 0 and fills st
 * for an existing domain, non-zero for one that is gone. */
void core_check_domains(struct xs_core *core,
			int (*query)(void *arg, uint32_t domid, struct xs_domstate *st),
			void *arg);
void control_command(struct xs_core *core, struct xs_conn *conn,
		     const struct xsd_sockmsg *hdr, const char *body);

/* ---- the store view used by the operations: main tree or a transaction ---- */
struct xs_view {
	struct xs_core *core;
	struct xs_conn *conn;
	struct xs_tx *tx; /* NULL: main tree */
};

/* The node at path, or NULL with *err 0 (absent) or an errno (quota). In a
 * transaction the result is the transaction's private copy. */
struct xs_node *view_get(struct xs_view *v, const char *path, int *err);
/* The node was changed in place; owner and size as before the change. */
void view_changed(struct xs_view *v, struct xs_node *n, uint32_t old_owner,
		  size_t old_mem);
char *view_child_path(const char *parent, const char *name);
int view_insert(struct xs_view *v, struct xs_node *n);
/* Removes path and every node below it. */
int view_remove(struct xs_view *v, const char *path);

/* ---- operations (errno values, 0 on success) ---- */
int op_read(struct xs_view *v, const char *path, const struct xs_node **out);
int op_write(struct xs_view *v, const char *path, const void *data, uint32_t len);
int op_mkdir(struct xs_view *v, const char *path, bool *created);
int op_rm(struct xs_view *v, const char *path, bool *removed,
	  struct xs_perm **old_perms, uint32_t *old_nperms);
int op_get_perms(struct xs_view *v, const char *path, const struct xs_node **out);
int op_set_perms(struct xs_view *v, const char *path, const struct xs_perm *perms,
		 uint32_t num);

/* Transactions. */
int tx_start(struct xs_core *core, struct xs_conn *conn, uint32_t *id);
struct xs_tx *tx_find(struct xs_conn *conn, uint32_t id);
/* Commits (commit == true) or aborts; frees the transaction. EAGAIN on conflict. */
int tx_end(struct xs_core *core, struct xs_conn *conn, struct xs_tx *tx, bool commit);
void tx_free(struct xs_core *core, struct xs_conn *conn, struct xs_tx *tx);

/* Watches. */
int watch_add(struct xs_core *core, struct xs_conn *conn, const char *path,
	      const char *token);
int watch_remove(struct xs_core *core, struct xs_conn *conn, const char *path,
		 const char *token);
void watch_remove_all(struct xs_core *core, struct xs_conn *conn);
void watch_fire_initial(struct xs_conn *conn);
/* A change at abs_path; recursive for removals; perms as seen by readers. */
void watch_fire(struct xs_core *core, const char *abs_path, bool recursive,
		const struct xs_perm *perms, uint32_t nperms);
void watch_fire_special(struct xs_core *core, const char *name);

/* Accounting hooks used by the main tree. */
void account_node(struct xs_core *core, uint32_t owner, long nodes, long mem);
/* Logs once when domid's memory goes over the soft quota, and once when it
 * is back under (Xen's soft quota). */
void domain_soft_quota_check(struct xs_core *core, uint32_t domid);
/* Whether conn may create n more nodes of size sz (0 or ENOSPC). */
int quota_check_nodes(struct xs_core *core, struct xs_conn *conn, struct xs_tx *tx,
		      long n);

/* Replaces the trace file, closing the one before; the core closes the last. */
void core_set_trace(struct xs_core *core, FILE *f);
void core_trace(struct xs_core *core, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
