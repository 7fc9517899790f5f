/* Per-domain records: introduction state, SET_TARGET and quota accounting. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "xs_core.h"

struct xs_domain *domain_find(const struct xs_core *core, uint32_t domid)
{
	struct xs_domain *d;

	for (d = core->domains; d; d = d->next)
		if (d->domid == domid)
			return d;
	return NULL;
}

struct xs_domain *domain_get(struct xs_core *core, uint32_t domid)
{
	struct xs_domain *d = domain_find(core, domid);

	if (d)
		return d;
	d = calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	d->domid = domid;
	d->target = XS_DOMID_INVALID;
	d->next = core->domains;
	core->domains = d;
	return d;
}

/* Records exist for accounting too; drop one that no longer carries anything. */
void domain_forget_unused(struct xs_core *core, struct xs_domain *d)
{
	struct xs_domain **pp;

	if (d->introduced || d->nodes || d->watches || d->transactions || d->conn ||
	    d->target != XS_DOMID_INVALID)
		return;
	for (pp = &core->domains; *pp; pp = &(*pp)->next) {
		if (*pp == d) {
			*pp = d->next;
			free(d);
			return;
		}
	}
}

void account_node(struct xs_core *core, uint32_t owner, long nodes, long mem)
{
	struct xs_domain *d = domain_get(core, owner);

	if (!d)
		return;
	d->nodes += nodes;
	d->memory += mem;
}

void domain_soft_quota_check(struct xs_core *core, uint32_t domid)
{
	struct xs_domain *d = domain_find(core, domid);
	long soft = (long)core->quota_soft_memory;
	char msg[96];

	if (!d || domid == 0 || !soft)
		return;
	if (d->memory > soft && !d->soft_quota_reported) {
		d->soft_quota_reported = true;
		snprintf(msg, sizeof(msg), "Domain %u exceeds soft memory quota by %ld bytes",
			 domid, d->memory - soft);
	} else if (d->memory <= soft && d->soft_quota_reported) {
		d->soft_quota_reported = false;
		snprintf(msg, sizeof(msg), "Domain %u below soft memory quota again", domid);
	} else {
		return;
	}
	core_trace(core, "%s", msg);
	if (core->warn)
		core->warn(msg);
}

int quota_check_nodes(struct xs_core *core, struct xs_conn *conn, struct xs_tx *tx,
		      long n)
{
	const struct xs_domain *d;
	long cur;

	if (conn_is_privileged(conn))
		return 0;
	d = domain_find(core, conn->id);
	cur = d ? d->nodes : 0;
	if (tx)
		cur += tx->created;
	return cur + n > (long)core->quota.val[XS_QUOTA_NODES] ? ENOSPC : 0;
}
