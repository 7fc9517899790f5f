/* One XenStore node: value, permission list and the names of its children. */
#include <stdlib.h>
#include <string.h>

#include "xs_core.h"

static const struct xs_perm default_perm = { .id = 0, .perms = XS_PERM_NONE };

struct xs_node *node_new(const char *path)
{
	struct xs_node *n = calloc(1, sizeof(*n));

	if (!n)
		return NULL;
	n->path = strdup(path);
	if (!n->path || node_set_perms(n, &default_perm, 1)) {
		node_free(n);
		return NULL;
	}
	return n;
}

void node_free(struct xs_node *n)
{
	uint32_t i;

	if (!n)
		return;
	for (i = 0; i < n->nchildren; i++)
		free(n->children[i]);
	free(n->children);
	free(n->perms);
	free(n->value);
	free(n->path);
	free(n);
}

struct xs_node *node_clone(const struct xs_node *src)
{
	struct xs_node *n = node_new(src->path);
	uint32_t i;

	if (!n)
		return NULL;
	if (node_set_value(n, src->value, src->value_len) ||
	    node_set_perms(n, src->perms, src->nperms))
		goto fail;
	for (i = 0; i < src->nchildren; i++)
		if (node_add_child(n, src->children[i]))
			goto fail;
	n->generation = src->generation;
	n->flags = src->flags;
	n->base_gen = src->base_gen;
	return n;
fail:
	node_free(n);
	return NULL;
}

int node_set_value(struct xs_node *n, const void *data, uint32_t len)
{
	char *v = NULL;

	if (len) {
		v = malloc(len);
		if (!v)
			return -1;
		memcpy(v, data, len);
	}
	free(n->value);
	n->value = v;
	n->value_len = len;
	return 0;
}

int node_set_perms(struct xs_node *n, const struct xs_perm *perms, uint32_t num)
{
	struct xs_perm *p = malloc(num * sizeof(*p));

	if (!p)
		return -1;
	memcpy(p, perms, num * sizeof(*p));
	free(n->perms);
	n->perms = p;
	n->nperms = num;
	return 0;
}

int node_add_child(struct xs_node *n, const char *name)
{
	if (n->nchildren == n->children_cap) {
		uint32_t cap = n->children_cap ? n->children_cap * 2 : 4;
		char **c = realloc(n->children, cap * sizeof(*c));

		if (!c)
			return -1;
		n->children = c;
		n->children_cap = cap;
	}
	n->children[n->nchildren] = strdup(name);
	if (!n->children[n->nchildren])
		return -1;
	n->nchildren++;
	n->children_bytes += strlen(name) + 1;
	return 0;
}

static int child_index(const struct xs_node *n, const char *name)
{
	uint32_t i;

	/* Newest first: creation and removal usually touch recent children. */
	for (i = n->nchildren; i-- > 0;)
		if (strcmp(n->children[i], name) == 0)
			return (int)i;
	return -1;
}

bool node_has_child(const struct xs_node *n, const char *name)
{
	return child_index(n, name) >= 0;
}

bool node_remove_child(struct xs_node *n, const char *name)
{
	int i = child_index(n, name);

	if (i < 0)
		return false;
	n->children_bytes -= strlen(n->children[i]) + 1;
	free(n->children[i]);
	memmove(&n->children[i], &n->children[i + 1],
		(n->nchildren - i - 1) * sizeof(n->children[0]));
	n->nchildren--;
	return true;
}

/* What the node costs its owner: Xen counts data, permissions and names. */
size_t node_mem_size(const struct xs_node *n)
{
	return n->value_len + n->nperms * sizeof(struct xs_perm) +
	       strlen(n->path) + 1 + n->children_bytes;
}

uint32_t node_owner(const struct xs_node *n)
{
	return n->nperms ? n->perms[0].id : 0;
}
