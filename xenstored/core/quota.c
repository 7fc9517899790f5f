/* Quotas with Xen's names and default values. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "xs_core.h"

static const struct {
	const char *name;
	unsigned int def;
	const char *descr; /* as "xenstore-control quota" shows it */
} quota_table[XS_QUOTA_COUNT] = {
	[XS_QUOTA_NODES] = { "nodes", 1000, "Nodes per domain" },
	[XS_QUOTA_WATCHES] = { "watches", 128, "Watches per domain" },
	[XS_QUOTA_OUTSTANDING] = { "outstanding", 20, "Outstanding requests per domain" },
	[XS_QUOTA_MEMORY] = { "memory", 2 * 1024 * 1024 + 512 * 1024,
			      "Total Xenstore memory per domain (error level)" },
	[XS_QUOTA_TRANSACTIONS] = { "transactions", 10, "Transactions per domain" },
	[XS_QUOTA_TRANSACTION_NODES] = { "transaction-nodes", 1024,
					 "Max. number of accessed nodes per transaction" },
	[XS_QUOTA_NODE_PERMS] = { "node-permissions", 5, "Max. number of permissions per node" },
	[XS_QUOTA_PATH_MAX] = { "path-max", XENSTORE_REL_PATH_MAX, "Max. length of a node path" },
	[XS_QUOTA_NODE_SIZE] = { "node-size", 2048, "Max. size of a node" },
};

void quota_defaults(struct xs_quota *q)
{
	int i;

	for (i = 0; i < XS_QUOTA_COUNT; i++)
		q->val[i] = quota_table[i].def;
}

const char *quota_name(enum xs_quota_kind k)
{
	return quota_table[k].name;
}

const char *quota_descr(enum xs_quota_kind k)
{
	return quota_table[k].descr;
}

int quota_find(const char *name)
{
	int i;

	for (i = 0; i < XS_QUOTA_COUNT; i++)
		if (strcmp(name, quota_table[i].name) == 0)
			return i;
	return -1;
}

int quota_set_from_arg(struct xs_quota *q, const char *arg)
{
	const char *eq = strchr(arg, '=');
	unsigned long val;
	char *end;
	int i;

	if (!eq || !eq[1])
		return -EINVAL;
	errno = 0;
	val = strtoul(eq + 1, &end, 10);
	if (*end || errno || val > INT_MAX || eq[1] == '-')
		return -EINVAL;
	for (i = 0; i < XS_QUOTA_COUNT; i++) {
		size_t n = strlen(quota_table[i].name);

		if ((size_t)(eq - arg) == n && strncmp(arg, quota_table[i].name, n) == 0) {
			q->val[i] = (unsigned int)val;
			if (i == XS_QUOTA_PATH_MAX && val > XENSTORE_REL_PATH_MAX)
				q->val[i] = XENSTORE_REL_PATH_MAX;
			return 0;
		}
	}
	return -EINVAL;
}

/* "<what>=<uint>" with what matched exactly; the value, or -1. */
static long what_value(const char *arg, const char *what)
{
	size_t n = strlen(what);
	unsigned long val;
	char *end;

	if (strncmp(arg, what, n) != 0 || arg[n] != '=' || !arg[n + 1] || arg[n + 1] == '-')
		return -1;
	errno = 0;
	val = strtoul(arg + n + 1, &end, 10);
	if (*end || errno || val > INT_MAX)
		return -1;
	return (long)val;
}

int quota_soft_from_arg(unsigned int *soft_memory, const char *arg)
{
	long v = what_value(arg, "memory");

	if (v < 0)
		return -EINVAL;
	*soft_memory = (unsigned int)v;
	return 0;
}

int timeout_from_arg(unsigned int *watch_event_ms, const char *arg)
{
	long v = what_value(arg, "watch-event");

	if (v < 0 || v > INT_MAX / 1000)
		return -EINVAL;
	*watch_event_ms = (unsigned int)v * 1000U;
	return 0;
}
