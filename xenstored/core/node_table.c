/* Hash table from absolute path to node, chained, doubling as it fills. */
#include <stdlib.h>
#include <string.h>

#include "xs_core.h"

static uint32_t path_hash(const char *s)
{
	uint32_t h = 2166136261U; /* FNV-1a */

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 16777619U;
	}
	return h;
}

int node_table_init(struct xs_node_table *t)
{
	t->nbuckets = 64;
	t->count = 0;
	t->buckets = calloc(t->nbuckets, sizeof(*t->buckets));
	return t->buckets ? 0 : -1;
}

void node_table_destroy(struct xs_node_table *t)
{
	size_t i;

	if (!t->buckets)
		return;
	for (i = 0; i < t->nbuckets; i++) {
		struct xs_node *n = t->buckets[i];

		while (n) {
			struct xs_node *next = n->hnext;

			node_free(n);
			n = next;
		}
	}
	free(t->buckets);
	t->buckets = NULL;
	t->count = 0;
}

struct xs_node *node_table_get(const struct xs_node_table *t, const char *path)
{
	uint32_t h = path_hash(path);
	struct xs_node *n;

	for (n = t->buckets[h & (t->nbuckets - 1)]; n; n = n->hnext)
		if (strcmp(n->path, path) == 0)
			return n;
	return NULL;
}

static void grow(struct xs_node_table *t)
{
	size_t nb = t->nbuckets * 2, i;
	struct xs_node **b = calloc(nb, sizeof(*b));

	if (!b)
		return; /* keep working with longer chains */
	for (i = 0; i < t->nbuckets; i++) {
		struct xs_node *n = t->buckets[i];

		while (n) {
			struct xs_node *next = n->hnext;
			size_t j = path_hash(n->path) & (nb - 1);

			n->hnext = b[j];
			b[j] = n;
			n = next;
		}
	}
	free(t->buckets);
	t->buckets = b;
	t->nbuckets = nb;
}

int node_table_insert(struct xs_node_table *t, struct xs_node *n)
{
	size_t i;

	if (t->count >= t->nbuckets)
		grow(t);
	i = path_hash(n->path) & (t->nbuckets - 1);
	n->hnext = t->buckets[i];
	t->buckets[i] = n;
	t->count++;
	return 0;
}

struct xs_node *node_table_remove(struct xs_node_table *t, const char *path)
{
	uint32_t h = path_hash(path);
	struct xs_node **pp = &t->buckets[h & (t->nbuckets - 1)];

	for (; *pp; pp = &(*pp)->hnext) {
		struct xs_node *n = *pp;

		if (strcmp(n->path, path) == 0) {
			*pp = n->hnext;
			n->hnext = NULL;
			t->count--;
			return n;
		}
	}
	return NULL;
}

void node_table_each(const struct xs_node_table *t,
		     void (*fn)(struct xs_node *n, void *arg), void *arg)
{
	size_t i;

	for (i = 0; i < t->nbuckets; i++) {
		struct xs_node *n;

		for (n = t->buckets[i]; n; n = n->hnext)
			fn(n, arg);
	}
}
