/* What happens to a domain's store state when it shuts down or goes away:
 * the @releaseDomain events and the fate of the nodes it owned, as Xen 4.17's
 * xenstored does it (the daemon asks the hypervisor on each VIRQ_DOM_EXC). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xs_core.h"

struct owned {
	char **paths;
	size_t n, cap;
	uint32_t domid;
	bool oom;
};

static void collect_owned(struct xs_node *n, void *arg)
{
	struct owned *o = arg;

	if (node_owner(n) != o->domid || strcmp(n->path, "/") == 0)
		return;
	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 16;
		char **p = realloc(o->paths, cap * sizeof(*p));

		if (!p) {
			o->oom = true;
			return;
		}
		o->paths = p;
		o->cap = cap;
	}
	o->paths[o->n] = strdup(n->path);
	if (o->paths[o->n])
		o->n++;
	else
		o->oom = true;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Deletes the subtree at path (an orphan), as an XS_RM by dom0 would. */
static void remove_orphan(struct xs_core *core, const char *path)
{
	struct xs_view v = { .core = core };
	struct xs_node *n = node_table_get(&core->nodes, path);
	struct xs_node *parent;
	struct xs_perm *perms;
	uint32_t nperms;
	char *up;

	if (!n)
		return; /* went with an orphaned ancestor */
	nperms = n->nperms;
	perms = malloc(nperms * sizeof(*perms));
	up = path_parent(path);
	if (!perms || !up)
		goto out;
	memcpy(perms, node_perms(n), nperms * sizeof(*perms));
	if (view_remove(&v, path))
		goto out;
	parent = node_table_get(&core->nodes, up);
	if (parent) {
		uint32_t old_owner = node_owner(parent);
		size_t old_mem = node_mem_size(parent);

		node_remove_child(parent, path_basename(path));
		view_changed(&v, parent, old_owner, old_mem);
	}
	core_trace(core, "orphaned node %s deleted", path);
	watch_fire(core, path, true, perms, nperms);
out:
	free(up);
	free(perms);
}

/* Gives the node to dom0 (-K): only the owner changes, as in Xen. */
static void adopt_orphan(struct xs_core *core, const char *path)
{
	struct xs_view v = { .core = core };
	struct xs_node *n = node_table_get(&core->nodes, path);
	size_t old_mem;
	uint32_t old_owner;

	if (!n)
		return;
	old_owner = node_owner(n);
	old_mem = node_mem_size(n);
	node_perms(n)[0].id = 0;
	view_changed(&v, n, old_owner, old_mem);
	core_trace(core, "orphaned node %s moved to dom0", path);
}

/* The special nodes cannot go: they lose the domain instead (owner becomes
 * dom0, its own entries are dropped). */
static void special_forget(struct xs_core *core, uint32_t domid)
{
	int i;

	for (i = 0; i < 2; i++) {
		struct xs_perm *p = core->special_perms[i];
		uint32_t cur, keep = 1;

		if (p[0].id == domid)
			p[0].id = 0;
		for (cur = 1; cur < core->special_nperms[i]; cur++)
			if (p[cur].id != domid)
				p[keep++] = p[cur];
		core->special_nperms[i] = keep;
	}
}

/* Entries naming the dead domain in other nodes' lists stop counting, so a
 * later domain given the same id inherits no rights (Xen ignores them once
 * the domain is gone). The lists still show them. */
static void ignore_stale_entry(struct xs_node *n, void *arg)
{
	uint32_t domid = *(const uint32_t *)arg, i;

	for (i = 1; i < n->nperms; i++)
		if (node_perms(n)[i].id == domid)
			node_perms(n)[i].perms |= XS_PERM_IGNORE;
}

void core_remove_orphans(struct xs_core *core, uint32_t domid)
{
	struct owned o = { .domid = domid };
	size_t i;

	if (domid == 0)
		return;
	special_forget(core, domid);
	node_table_each(&core->nodes, collect_owned, &o);
	/* Parents before children: a removed subtree takes its own orphans. */
	if (o.n)
		qsort(o.paths, o.n, sizeof(*o.paths), by_path);
	for (i = 0; i < o.n; i++) {
		if (core->keep_orphans)
			adopt_orphan(core, o.paths[i]);
		else
			remove_orphan(core, o.paths[i]);
		free(o.paths[i]);
	}
	free(o.paths);
	node_table_each(&core->nodes, ignore_stale_entry, &domid);
}

/* Xen's destroy_domain(): the ring goes, the orphans go (or move to dom0),
 * and an introduced domain's watchers hear @releaseDomain. */
void core_destroy_domain(struct xs_core *core, struct xs_domain *d)
{
	bool introduced = d->introduced;

	if (core->hooks.release)
		core->hooks.release(core->hooks.arg, d);
	d->introduced = false;
	d->shutdown = false;
	d->target = XS_DOMID_INVALID;
	core_remove_orphans(core, d->domid);
	if (introduced)
		watch_fire_special(core, "@releaseDomain");
	domain_forget_unused(core, d);
}

void core_check_domains(struct xs_core *core,
			int (*query)(void *arg, uint32_t domid, struct xs_domstate *st),
			void *arg)
{
	struct xs_domain *d;
	bool notify = false;

again:
	for (d = core->domains; d; d = d->next) {
		struct xs_domstate st = { 0 };
		bool valid;

		if (d->domid == 0)
			continue;
		valid = query(arg, d->domid, &st) == 0;
		if (!d->introduced) {
			/* Records kept for accounting go with their domain. */
			if (!valid) {
				uint32_t domid = d->domid; /* d may be freed below */

				core_remove_orphans(core, domid);
				domain_forget_unused(core, d);
				if (!domain_find(core, domid))
					goto again;
			}
			continue;
		}
		if (valid) {
			if (st.shutdown && !d->shutdown) {
				d->shutdown = true;
				notify = true;
			}
			if (!st.dying)
				continue;
		}
		core_trace(core, "domain %u is gone: releasing it", d->domid);
		core_destroy_domain(core, d);
		notify = false; /* the teardown fired the watch */
		goto again;
	}
	if (notify)
		watch_fire_special(core, "@releaseDomain");
}
