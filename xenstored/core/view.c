/* The store as one operation sees it: the main tree, or a transaction's
 * private copies of the nodes it touched layered over the main tree. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xs_core.h"

/* Whether an ancestor of path was removed inside the transaction. */
static bool removed_in_tx(const struct xs_tx *tx, const char *path)
{
	char buf[XENSTORE_ABS_PATH_MAX + 1];
	size_t len = strlen(path);
	char *slash;

	if (len > XENSTORE_ABS_PATH_MAX)
		return false;
	memcpy(buf, path, len + 1);
	while ((slash = strrchr(buf, '/')) && slash != buf) {
		const struct xs_node *n;

		*slash = '\0';
		n = node_table_get(&tx->overlay, buf);
		if (n)
			return n->flags & XS_NODE_ABSENT;
	}
	return false;
}

struct xs_node *view_get(struct xs_view *v, const char *path, int *err)
{
	struct xs_core *core = v->core;
	struct xs_node *n, *db;
	bool gone;

	*err = 0;
	if (!v->tx)
		return node_table_get(&core->nodes, path);

	n = node_table_get(&v->tx->overlay, path);
	if (n)
		return (n->flags & XS_NODE_ABSENT) ? NULL : n;

	if (!conn_is_privileged(v->conn) &&
	    v->tx->overlay.count >= core->quota.val[XS_QUOTA_TRANSACTION_NODES]) {
		*err = ENOSPC;
		return NULL;
	}
	gone = removed_in_tx(v->tx, path);
	db = node_table_get(&core->nodes, path);
	n = (db && !gone) ? node_clone(db) : node_new(path);
	if (!n) {
		*err = ENOMEM;
		return NULL;
	}
	/* The tree's generation, so a concurrent change conflicts on commit. */
	n->base_gen = db ? db->generation : 0;
	n->flags = (db && !gone) ? 0 : XS_NODE_ABSENT;
	node_table_insert(&v->tx->overlay, n);
	return (n->flags & XS_NODE_ABSENT) ? NULL : n;
}

void view_changed(struct xs_view *v, struct xs_node *n, uint32_t old_owner,
		  size_t old_mem)
{
	if (v->tx) {
		n->flags |= XS_NODE_DIRTY;
		return;
	}
	n->generation = ++v->core->generation;
	account_node(v->core, old_owner, -1, -(long)old_mem);
	account_node(v->core, node_owner(n), 1, (long)node_mem_size(n));
	domain_soft_quota_check(v->core, old_owner);
	domain_soft_quota_check(v->core, node_owner(n));
}

int view_insert(struct xs_view *v, struct xs_node *n)
{
	if (v->tx) {
		struct xs_node *stub = node_table_remove(&v->tx->overlay, n->path);

		n->base_gen = stub ? stub->base_gen : 0;
		node_free(stub);
		n->flags = XS_NODE_DIRTY;
		node_table_insert(&v->tx->overlay, n);
		v->tx->created++;
		return 0;
	}
	n->flags = 0;
	n->generation = ++v->core->generation;
	node_table_insert(&v->core->nodes, n);
	account_node(v->core, node_owner(n), 1, (long)node_mem_size(n));
	domain_soft_quota_check(v->core, node_owner(n));
	return 0;
}

static char *child_path(const char *parent, const char *name)
{
	size_t pl = strlen(parent), nl = strlen(name);
	char *p = malloc(pl + nl + 2);

	if (!p)
		return NULL;
	memcpy(p, parent, pl);
	if (pl == 1) /* "/" */
		pl = 0;
	p[pl] = '/';
	memcpy(p + pl + 1, name, nl + 1);
	return p;
}

int view_remove(struct xs_view *v, const char *path)
{
	struct xs_node *n;
	int err;

	n = view_get(v, path, &err);
	if (!n)
		return err;
	node_for_each_child(n, c) {
		char *cp = child_path(path, c);

		if (!cp)
			return ENOMEM;
		err = view_remove(v, cp);
		free(cp);
		if (err)
			return err;
	}
	if (v->tx) {
		if (v->tx->created && n->base_gen == 0)
			v->tx->created--;
		node_set_value(n, NULL, 0);
		node_clear_children(n);
		n->flags = XS_NODE_ABSENT | XS_NODE_DIRTY;
		return 0;
	}
	n = node_table_remove(&v->core->nodes, path);
	account_node(v->core, node_owner(n), -1, -(long)node_mem_size(n));
	domain_soft_quota_check(v->core, node_owner(n));
	node_free(n);
	v->core->generation++;
	return 0;
}

/* Exposed for the operations: "<parent>/<name>" with "/" handled. */
char *view_child_path(const char *parent, const char *name)
{
	return child_path(parent, name);
}
