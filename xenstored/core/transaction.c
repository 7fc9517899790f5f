/* Transactions: a private overlay of the nodes touched, checked against the
 * main tree's generations on commit (EAGAIN on conflict), then applied. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xs_core.h"

int tx_start(struct xs_core *core, struct xs_conn *conn, uint32_t *id)
{
	struct xs_tx *tx;
	struct xs_domain *d;
	unsigned int count = 0;

	for (tx = conn->txs; tx; tx = tx->next)
		count++;
	if (!conn_is_privileged(conn) &&
	    count >= core->quota.val[XS_QUOTA_TRANSACTIONS])
		return ENOSPC;
	tx = calloc(1, sizeof(*tx));
	if (!tx || node_table_init(&tx->overlay)) {
		free(tx);
		return ENOMEM;
	}
	do {
		tx->id = conn->next_tx_id++;
	} while (tx->id == 0 || tx_find(conn, tx->id));
	tx->next = conn->txs;
	conn->txs = tx;
	d = domain_get(core, conn->id);
	if (d)
		d->transactions++;
	*id = tx->id;
	return 0;
}

struct xs_tx *tx_find(struct xs_conn *conn, uint32_t id)
{
	struct xs_tx *tx;

	for (tx = conn->txs; tx; tx = tx->next)
		if (tx->id == id)
			return tx;
	return NULL;
}

void tx_free(struct xs_core *core, struct xs_conn *conn, struct xs_tx *tx)
{
	struct xs_tx **pp;
	struct xs_domain *d;

	for (pp = &conn->txs; *pp; pp = &(*pp)->next) {
		if (*pp == tx) {
			*pp = tx->next;
			break;
		}
	}
	node_table_destroy(&tx->overlay);
	free(tx);
	d = domain_find(core, conn->id);
	if (d && d->transactions)
		d->transactions--;
}

struct collect {
	struct xs_node **v;
	size_t n;
	bool conflict;
	const struct xs_core *core;
};

static void check_and_collect(struct xs_node *n, void *arg)
{
	struct collect *c = arg;
	const struct xs_node *cur = node_table_get(&c->core->nodes, n->path);

	if ((cur ? cur->generation : 0) != n->base_gen)
		c->conflict = true;
	if (n->flags & XS_NODE_DIRTY)
		c->v[c->n++] = n;
}

static int by_path(const void *a, const void *b)
{
	return strcmp((*(struct xs_node *const *)a)->path,
		      (*(struct xs_node *const *)b)->path);
}

static int apply(struct xs_core *core, struct xs_conn *conn, struct collect *c)
{
	struct xs_view main_view = { .core = core, .conn = conn, .tx = NULL };
	size_t i;

	qsort(c->v, c->n, sizeof(c->v[0]), by_path);
	for (i = 0; i < c->n; i++) {
		struct xs_node *n = c->v[i];
		struct xs_node *cur = node_table_get(&core->nodes, n->path);

		if (n->flags & XS_NODE_ABSENT) {
			if (!cur)
				continue;
			view_remove(&main_view, n->path);
			watch_fire(core, n->path, true, node_perms_c(n), n->nperms);
			continue;
		}
		if (cur) {
			uint32_t old_owner = node_owner(cur);
			size_t old_mem = node_mem_size(cur);

			/* The tree takes the overlay's contents; the overlay, freed
			 * with the transaction, takes the old ones. */
			node_swap_contents(cur, n);
			view_changed(&main_view, cur, old_owner, old_mem);
			watch_fire(core, cur->path, false, node_perms_c(cur), cur->nperms);
		} else {
			struct xs_node *moved = node_clone(n);

			if (!moved)
				return ENOMEM;
			view_insert(&main_view, moved);
			watch_fire(core, moved->path, false, node_perms_c(moved),
				   moved->nperms);
		}
	}
	return 0;
}

/* Nodes and memory the commit adds to the caller's domain, measured against
 * the tree as it is now (other connections may have grown it meanwhile). */
static int quota_check_commit(struct xs_core *core, struct xs_conn *conn,
			      const struct collect *c)
{
	const struct xs_domain *d;
	long nodes = 0, mem = 0;
	size_t i;

	if (conn_is_privileged(conn))
		return 0;
	for (i = 0; i < c->n; i++) {
		const struct xs_node *n = c->v[i];
		const struct xs_node *cur = node_table_get(&core->nodes, n->path);
		bool gone = n->flags & XS_NODE_ABSENT;

		if (cur && node_owner(cur) == conn->id) {
			nodes--;
			mem -= (long)node_mem_size(cur);
		}
		if (!gone && node_owner(n) == conn->id) {
			nodes++;
			mem += (long)node_mem_size(n);
		}
	}
	d = domain_find(core, conn->id);
	if (nodes > 0 && (d ? d->nodes : 0) + nodes > (long)core->quota.val[XS_QUOTA_NODES])
		return ENOSPC;
	if (mem > 0 && (d ? d->memory : 0) + mem > (long)core->quota.val[XS_QUOTA_MEMORY])
		return ENOMEM;
	return 0;
}

int tx_end(struct xs_core *core, struct xs_conn *conn, struct xs_tx *tx, bool commit)
{
	struct collect c = { .core = core };
	int err = 0;

	if (!commit)
		goto out;
	c.v = malloc((tx->overlay.count + 1) * sizeof(*c.v));
	if (!c.v) {
		err = ENOMEM;
		goto out;
	}
	node_table_each(&tx->overlay, check_and_collect, &c);
	/* Quotas first, as Xen checks them before looking for conflicts. */
	err = quota_check_commit(core, conn, &c);
	if (err) {
		core_trace(core, "transaction %u of domain %u over quota", tx->id, conn->id);
	} else if (c.conflict) {
		core->stats.conflicts++;
		err = EAGAIN;
	} else {
		err = apply(core, conn, &c);
		core->stats.commits++;
	}
	free(c.v);
out:
	tx_free(core, conn, tx);
	return err;
}
