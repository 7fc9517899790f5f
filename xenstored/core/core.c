/* Core lifetime: the root node, connections, replies and error names. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xs_core.h"

static void account_initial(struct xs_node *n, void *arg)
{
	account_node(arg, node_owner(n), 1, (long)node_mem_size(n));
}

int core_init(struct xs_core *core)
{
	static const struct xs_perm dom0_only = { .id = 0, .perms = XS_PERM_NONE };
	int i;

	memset(core, 0, sizeof(*core));
	quota_defaults(&core->quota);
	if (node_table_init(&core->nodes))
		return -ENOMEM;
	for (i = 0; i < 2; i++) {
		core->special_perms[i] = malloc(sizeof(dom0_only));
		if (!core->special_perms[i])
			return -ENOMEM;
		core->special_perms[i][0] = dom0_only;
		core->special_nperms[i] = 1;
	}
	/* Xen's initial tree: "/", "/tool" and "/tool/xenstored", owned by dom0. */
	{
		static const char *const paths[] = { "/", "/tool", "/tool/xenstored" };
		struct xs_node *prev = NULL;

		for (i = 0; i < 3; i++) {
			struct xs_node *n = node_new(paths[i]);

			if (!n || (prev && node_add_child(prev, path_basename(paths[i])))) {
				node_free(n);
				return -ENOMEM;
			}
			n->generation = ++core->generation;
			node_table_insert(&core->nodes, n);
			prev = n;
		}
		node_table_each(&core->nodes, account_initial, core);
	}
	core->log_enabled = true;
	core->quota_soft_memory = XS_QUOTA_MEMORY_SOFT_DEFAULT;
	core->timeout_watch_event_ms = XS_TIMEOUT_WATCH_EVENT_DEFAULT_MS;
	return 0;
}

void core_destroy(struct xs_core *core)
{
	int i;

	while (core->conns)
		core_conn_destroy(core->conns);
	node_table_destroy(&core->nodes);
	while (core->domains) {
		struct xs_domain *d = core->domains;

		core->domains = d->next;
		free(d);
	}
	for (i = 0; i < 2; i++)
		free(core->special_perms[i]);
	core_set_trace(core, NULL);
}

void core_set_trace(struct xs_core *core, FILE *f)
{
	/* The file is the core's, whether -T or CONTROL logfile opened it;
	 * stderr is not. */
	if (core->trace && core->trace != stderr)
		fclose(core->trace);
	core->trace = f;
}

void core_conn_init(struct xs_core *core, struct xs_conn *conn,
		    const struct xs_conn_ops *ops, uint32_t domid)
{
	memset(conn, 0, sizeof(*conn));
	conn->ops = ops;
	conn->core = core;
	conn->id = domid;
	conn->next_tx_id = 1;
	conn->next = core->conns;
	if (core->conns)
		core->conns->prev = conn;
	core->conns = conn;
}

void core_conn_destroy(struct xs_conn *conn)
{
	struct xs_core *core = conn->core;

	watch_remove_all(core, conn);
	while (conn->txs)
		tx_free(core, conn, conn->txs);
	if (conn->prev)
		conn->prev->next = conn->next;
	else if (core->conns == conn)
		core->conns = conn->next;
	if (conn->next)
		conn->next->prev = conn->prev;
	conn->next = conn->prev = NULL;
}

bool conn_is_privileged(const struct xs_conn *conn)
{
	return conn->id == 0;
}

const char *xs_error_name(int err)
{
	size_t i;

	for (i = 0; i < sizeof(xsd_errors) / sizeof(xsd_errors[0]); i++)
		if (xsd_errors[i].errnum == err)
			return xsd_errors[i].errstring;
	return "EINVAL"; /* what Xen sends for anything it has no name for */
}

void core_reply(struct xs_conn *conn, const struct xsd_sockmsg *req,
		uint32_t type, const void *body, uint32_t len)
{
	struct xsd_sockmsg hdr = {
		.type = type, .req_id = req->req_id, .tx_id = req->tx_id, .len = len,
	};

	conn->ops->send(conn, &hdr, body);
}

void core_reply_error(struct xs_conn *conn, const struct xsd_sockmsg *req, int err)
{
	const char *name = xs_error_name(err);

	conn->core->stats.errors++;
	core_reply(conn, req, XS_ERROR, name, (uint32_t)strlen(name) + 1);
}

void core_trace(struct xs_core *core, const char *fmt, ...)
{
	va_list ap;
	time_t now;
	struct tm tm;

	if (!core->trace || !core->log_enabled)
		return;
	now = time(NULL);
	localtime_r(&now, &tm);
	fprintf(core->trace, "%04d%02d%02d %02d:%02d:%02d ", tm.tm_year + 1900,
		tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	va_start(ap, fmt);
	vfprintf(core->trace, fmt, ap);
	va_end(ap);
	fputc('\n', core->trace);
	fflush(core->trace);
}
