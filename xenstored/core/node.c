/* One XenStore node: value, permission list and the names of its children,
 * kept small: a store holds tens of thousands of them. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "xs_core.h"

static const struct xs_perm default_perm = { .id = 0, .perms = XS_PERM_NONE };

struct xs_node *node_new(const char *path)
{
	size_t len = strlen(path) + 1;
	struct xs_node *n = calloc(1, offsetof(struct xs_node, path) + len);

	if (!n)
		return NULL;
	memcpy(n->path, path, len);
	n->perms.one = default_perm;
	n->nperms = 1;
	return n;
}

static bool value_is_inline(const struct xs_node *n)
{
	return n->value_len <= sizeof(n->value);
}

void node_free(struct xs_node *n)
{
	if (!n)
		return;
	free(n->children);
	if (n->nperms > 1)
		free(n->perms.many);
	if (!value_is_inline(n))
		free(n->value.ptr);
	free(n);
}

/* The packed child list's allocation for bytes: powers of two from 16, so
 * adding names one by one costs few reallocations. */
static uint32_t children_cap(uint32_t bytes)
{
	uint32_t cap = 16;

	while (cap < bytes)
		cap *= 2;
	return cap;
}

struct xs_node *node_clone(const struct xs_node *src)
{
	struct xs_node *n = node_new(src->path);

	if (!n)
		return NULL;
	if (node_set_value(n, node_value(src), src->value_len) ||
	    node_set_perms(n, node_perms_c(src), src->nperms))
		goto fail;
	if (src->children_bytes) {
		n->children = malloc(children_cap(src->children_bytes));
		if (!n->children)
			goto fail;
		memcpy(n->children, src->children, src->children_bytes);
		n->children_bytes = src->children_bytes;
	}
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
	char *big = NULL;

	if (len > sizeof(n->value)) {
		big = malloc(len);
		if (!big)
			return -1;
		memcpy(big, data, len);
	}
	if (!value_is_inline(n))
		free(n->value.ptr);
	n->value_len = len;
	if (big)
		n->value.ptr = big;
	else if (len)
		memcpy(n->value.inline_bytes, data, len);
	return 0;
}

int node_set_perms(struct xs_node *n, const struct xs_perm *perms, uint32_t num)
{
	struct xs_perm *many = NULL;

	if (num > 1) {
		many = malloc(num * sizeof(*many));
		if (!many)
			return -1;
		memcpy(many, perms, num * sizeof(*many));
	}
	if (n->nperms > 1)
		free(n->perms.many);
	n->nperms = num;
	if (many)
		n->perms.many = many;
	else
		n->perms.one = num ? perms[0] : default_perm;
	return 0;
}

int node_add_child(struct xs_node *n, const char *name)
{
	uint32_t len = (uint32_t)strlen(name) + 1, need = n->children_bytes + len;

	if (!n->children_bytes || children_cap(need) != children_cap(n->children_bytes)) {
		char *c = realloc(n->children, children_cap(need));

		if (!c)
			return -1;
		n->children = c;
	}
	memcpy(n->children + n->children_bytes, name, len);
	n->children_bytes = need;
	return 0;
}

/* Where name starts in the child list, or NULL. */
static char *find_child(const struct xs_node *n, const char *name)
{
	node_for_each_child(n, c)
		if (strcmp(c, name) == 0)
			return (char *)c;
	return NULL;
}

bool node_has_child(const struct xs_node *n, const char *name)
{
	return find_child(n, name) != NULL;
}

bool node_remove_child(struct xs_node *n, const char *name)
{
	char *c = find_child(n, name);
	size_t len, after;

	if (!c)
		return false;
	len = strlen(c) + 1;
	after = (size_t)(n->children + n->children_bytes - (c + len));
	memmove(c, c + len, after);
	n->children_bytes -= (uint32_t)len;
	if (!n->children_bytes)
		node_clear_children(n);
	return true;
}

void node_clear_children(struct xs_node *n)
{
	free(n->children);
	n->children = NULL;
	n->children_bytes = 0;
}

void node_swap_contents(struct xs_node *dst, struct xs_node *src)
{
	struct xs_node tmp = *dst;

	/* The unions hold either the data or a pointer to it: they move whole. */
	dst->value = src->value;
	dst->value_len = src->value_len;
	dst->perms = src->perms;
	dst->nperms = src->nperms;
	dst->children = src->children;
	dst->children_bytes = src->children_bytes;
	src->value = tmp.value;
	src->value_len = tmp.value_len;
	src->perms = tmp.perms;
	src->nperms = tmp.nperms;
	src->children = tmp.children;
	src->children_bytes = tmp.children_bytes;
}

/* What the node costs its owner: Xen counts data, permissions and names. */
size_t node_mem_size(const struct xs_node *n)
{
	return n->value_len + n->nperms * sizeof(struct xs_perm) +
	       strlen(n->path) + 1 + n->children_bytes;
}

uint32_t node_owner(const struct xs_node *n)
{
	return n->nperms ? node_perms_c(n)->id : 0;
}
