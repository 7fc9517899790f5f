/* The tree operations with Xen's permission and creation rules; they work on
 * a view, so the same code serves the main tree and transactions. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xs_core.h"

static bool may(struct xs_view *v, const struct xs_node *n, uint32_t want)
{
	return (perms_for_conn(v->core, v->conn, node_perms_c(n), n->nperms) & want) == want;
}

static int get_checked(struct xs_view *v, const char *path, uint32_t want,
		       struct xs_node **out)
{
	int err;
	struct xs_node *n = view_get(v, path, &err);

	if (!n)
		return err ? err : ENOENT;
	if (!may(v, n, want))
		return EACCES;
	*out = n;
	return 0;
}

int op_read(struct xs_view *v, const char *path, const struct xs_node **out)
{
	struct xs_node *n;
	int err = get_checked(v, path, XS_PERM_READ, &n);

	if (!err)
		*out = n;
	return err;
}

int op_get_perms(struct xs_view *v, const char *path, const struct xs_node **out)
{
	return op_read(v, path, out);
}

static bool unprivileged(const struct xs_view *v)
{
	return !conn_is_privileged(v->conn);
}

/* Unprivileged writers are bound by node-size and memory. */
static int check_size(struct xs_view *v, const struct xs_node *n, size_t new_size,
		      size_t old_size)
{
	const struct xs_domain *d;

	if (!unprivileged(v))
		return 0;
	if (new_size > v->core->quota.val[XS_QUOTA_NODE_SIZE])
		return ENOSPC;
	(void)n;
	d = domain_find(v->core, v->conn->id);
	if (new_size > old_size && d &&
	    d->memory + (long)(new_size - old_size) >
		    (long)v->core->quota.val[XS_QUOTA_MEMORY])
		return ENOMEM;
	return 0;
}

/* Creates path and its missing ancestors, each inheriting its parent's
 * permissions; an unprivileged creator becomes the owner. */
static int create(struct xs_view *v, const char *path, const void *data,
		  uint32_t len)
{
	char *missing[XENSTORE_ABS_PATH_MAX / 2 + 1];
	int nmissing = 0, err = 0, i;
	struct xs_node *parent = NULL;
	char *p = strdup(path);

	if (!p)
		return ENOMEM;
	/* Walk up to the nearest existing ancestor. */
	for (;;) {
		char *up;

		missing[nmissing++] = p;
		up = path_parent(p);
		if (!up) {
			err = ENOMEM;
			goto out;
		}
		parent = view_get(v, up, &err);
		if (parent || err) {
			free(up);
			break;
		}
		p = up;
	}
	if (err)
		goto out;
	if (!may(v, parent, XS_PERM_WRITE)) {
		err = EACCES;
		goto out;
	}
	err = quota_check_nodes(v->core, v->conn, v->tx, nmissing);
	if (err)
		goto out;
	err = check_size(v, NULL, strlen(path) + 1 + len + parent->nperms * sizeof(struct xs_perm), 0);
	if (err)
		goto out;
	if (unprivileged(v) && parent->nperms > v->core->quota.val[XS_QUOTA_NODE_PERMS]) {
		err = ENOSPC;
		goto out;
	}

	for (i = nmissing - 1; i >= 0; i--) {
		struct xs_node *n = node_new(missing[i]);
		uint32_t old_owner = node_owner(parent);
		size_t old_mem = node_mem_size(parent);

		if (!n || node_set_perms(n, node_perms(parent), parent->nperms) ||
		    (i == 0 && node_set_value(n, data, len)) ||
		    node_add_child(parent, path_basename(missing[i]))) {
			node_free(n);
			err = ENOMEM;
			goto out;
		}
		if (unprivileged(v)) {
			node_perms(n)[0].id = v->conn->id;
			node_perms(n)[0].perms &= ~XS_PERM_IGNORE;
		}
		view_changed(v, parent, old_owner, old_mem);
		view_insert(v, n);
		parent = n;
	}
out:
	for (i = 0; i < nmissing; i++)
		free(missing[i]);
	return err;
}

int op_write(struct xs_view *v, const char *path, const void *data, uint32_t len)
{
	struct xs_node *n;
	int err = get_checked(v, path, XS_PERM_WRITE, &n);
	uint32_t old_owner;
	size_t old_mem;

	if (err == ENOENT)
		return create(v, path, data, len);
	if (err)
		return err;
	old_owner = node_owner(n);
	old_mem = node_mem_size(n);
	err = check_size(v, n, old_mem - n->value_len + len, old_mem);
	if (err)
		return err;
	if (node_set_value(n, data, len))
		return ENOMEM;
	view_changed(v, n, old_owner, old_mem);
	return 0;
}

int op_mkdir(struct xs_view *v, const char *path, bool *created)
{
	struct xs_node *n;
	int err = get_checked(v, path, XS_PERM_WRITE, &n);

	*created = false;
	if (err != ENOENT)
		return err;
	err = create(v, path, NULL, 0);
	*created = !err;
	return err;
}

int op_rm(struct xs_view *v, const char *path, bool *removed,
	  struct xs_perm **old_perms, uint32_t *old_nperms)
{
	struct xs_node *n, *parent;
	char *up;
	int err;
	uint32_t old_owner;
	size_t old_mem;

	*removed = false;
	if (strcmp(path, "/") == 0)
		return EINVAL;
	up = path_parent(path);
	if (!up)
		return ENOMEM;
	err = get_checked(v, path, XS_PERM_WRITE, &n);
	if (err == ENOENT) {
		/* Not an error unless the parent is missing too. */
		parent = view_get(v, up, &err);
		free(up);
		if (err)
			return err;
		return parent ? 0 : ENOENT;
	}
	if (err)
		goto out;
	*old_perms = malloc(n->nperms * sizeof(**old_perms));
	if (!*old_perms) {
		err = ENOMEM;
		goto out;
	}
	memcpy(*old_perms, node_perms(n), n->nperms * sizeof(**old_perms));
	*old_nperms = n->nperms;
	parent = view_get(v, up, &err);
	if (!parent) {
		err = err ? err : ENOENT; /* a broken tree: refuse */
		goto out_perms;
	}
	err = view_remove(v, path);
	if (err)
		goto out_perms;
	/* The parent may have moved in a transaction overlay: look again. */
	parent = view_get(v, up, &err);
	if (parent) {
		old_owner = node_owner(parent);
		old_mem = node_mem_size(parent);
		node_remove_child(parent, path_basename(path));
		view_changed(v, parent, old_owner, old_mem);
	}
	*removed = true;
	err = 0;
	goto out;
out_perms:
	free(*old_perms);
	*old_perms = NULL;
out:
	free(up);
	return err;
}

int op_set_perms(struct xs_view *v, const char *path, const struct xs_perm *perms,
		 uint32_t num)
{
	struct xs_node *n;
	int err = get_checked(v, path, XS_PERM_WRITE | XS_PERM_OWNER, &n);
	uint32_t old_owner;
	size_t old_mem;

	if (err)
		return err;
	if (unprivileged(v)) {
		if (num > v->core->quota.val[XS_QUOTA_NODE_PERMS])
			return ENOSPC;
		/* Only the privileged may give a node away. */
		if (perms[0].id != node_owner(n))
			return EPERM;
	}
	old_owner = node_owner(n);
	old_mem = node_mem_size(n);
	if (node_set_perms(n, perms, num))
		return ENOMEM;
	view_changed(v, n, old_owner, old_mem);
	return 0;
}
