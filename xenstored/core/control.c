/* XS_CONTROL: the daemon's own commands (Xen's names where they exist). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xs_core.h"

static void reply_text(struct xs_conn *conn, const struct xsd_sockmsg *hdr,
		       const char *text)
{
	core_reply(conn, hdr, XS_CONTROL, text, (uint32_t)strlen(text) + 1);
}

static void ok(struct xs_conn *conn, const struct xsd_sockmsg *hdr)
{
	reply_text(conn, hdr, "OK");
}

static unsigned int count_args(const char *body, uint32_t len, const char **vec,
			       unsigned int max)
{
	uint32_t off = 0;
	unsigned int n = 0;

	while (off < len && n < max) {
		const char *nul = memchr(body + off, '\0', len - off);

		if (!nul)
			return 0; /* unterminated: reject the whole message */
		vec[n++] = body + off;
		off = (uint32_t)(nul - body) + 1;
	}
	return n;
}

static void memreport(struct xs_core *core, char *buf, size_t len)
{
	const struct xs_domain *d;
	size_t used;

	used = (size_t)snprintf(buf, len, "nodes: %zu\ngeneration: %llu\n",
				core->nodes.count,
				(unsigned long long)core->generation);
	for (d = core->domains; d && used < len; d = d->next)
		used += (size_t)snprintf(buf + used, len - used,
					 "domain %u: nodes %ld memory %ld watches %u transactions %u%s\n",
					 d->domid, d->nodes, d->memory, d->watches,
					 d->transactions, d->introduced ? " introduced" : "");
}

/* Xen's "quota [set <name> <val>|<domid>]" and "quota-soft [set <name>
 * <val>]": list the limits, change one, or show a domain's usage. */
static void quota_command(struct xs_core *core, struct xs_conn *conn,
			  const struct xsd_sockmsg *hdr, const char **vec, unsigned int n,
			  bool soft, char *buf, size_t len)
{
	size_t used = (size_t)snprintf(buf, len, "Quota settings:\n");
	const struct xs_domain *d;
	int i, val;

	if (n == 1) {
		if (soft)
			snprintf(buf + used, len - used, "%-17s: %8u %s\n", "memory",
				 core->quota_soft_memory,
				 "Total Xenstore memory per domain (warning level)");
		for (i = 0; !soft && i < XS_QUOTA_COUNT; i++)
			used += (size_t)snprintf(buf + used, len - used, "%-17s: %8u %s\n",
						 quota_name(i), core->quota.val[i],
						 quota_descr(i));
		reply_text(conn, hdr, buf);
		return;
	}
	if (strcmp(vec[1], "set") == 0) {
		/* As in Xen, the value reads as atoi() reads it; under 1 is refused. */
		val = n == 4 ? atoi(vec[3]) : 0;
		i = soft ? (strcmp(vec[2], "memory") == 0 ? XS_QUOTA_MEMORY : -1)
			 : n == 4 ? quota_find(vec[2]) : -1;
		if (val < 1 || i < 0) {
			core_reply_error(conn, hdr, EINVAL);
			return;
		}
		if (soft)
			core->quota_soft_memory = (unsigned int)val;
		else if (i == XS_QUOTA_PATH_MAX && val > XENSTORE_REL_PATH_MAX)
			core->quota.val[i] = XENSTORE_REL_PATH_MAX;
		else
			core->quota.val[i] = (unsigned int)val;
		ok(conn, hdr);
		return;
	}
	if (soft || n != 2) {
		core_reply_error(conn, hdr, EINVAL);
		return;
	}
	d = domain_find(core, (uint32_t)atoi(vec[1]));
	if (!d) {
		core_reply_error(conn, hdr, ENOENT);
		return;
	}
	snprintf(buf, len, "Domain %u:\n%-17s: %8ld\n%-17s: %8u\n%-17s: %8u\n%-17s: %8ld\n",
		 d->domid, "nodes", d->nodes, "watches", d->watches, "transactions",
		 d->transactions, "memory", d->memory);
	reply_text(conn, hdr, buf);
}

void control_command(struct xs_core *core, struct xs_conn *conn,
		     const struct xsd_sockmsg *hdr, const char *body)
{
	const char *vec[5];
	unsigned int n = count_args(body, hdr->len, vec, 5);
	char buf[XENSTORE_PAYLOAD_MAX - 1];

	if (n == 0) {
		core_reply_error(conn, hdr, EINVAL);
		return;
	}
	if (strcmp(vec[0], "help") == 0) {
		static const char *const cmds[][2] = {
			{ "check", "" }, { "log", "on|off" }, { "logfile", "<file>" },
			{ "memreport", "[<file>]" }, { "print", "<string>" },
			{ "quota", "[set <name> <val>|<domid>]" },
			{ "quota-soft", "[set <name> <val>]" }, { "help", "" },
		};
		size_t i, used = 0;

		/* Xen's layout: the command in 15 columns, then its arguments. */
		for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
			used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%-15s %s\n",
						 cmds[i][0], cmds[i][1]);
		reply_text(conn, hdr, buf);
	} else if (strcmp(vec[0], "check") == 0) {
		ok(conn, hdr);
	} else if (strcmp(vec[0], "log") == 0) {
		if (n >= 2 && strcmp(vec[1], "on") == 0)
			core->log_enabled = true;
		else if (n >= 2 && strcmp(vec[1], "off") == 0)
			core->log_enabled = false;
		else {
			core_reply_error(conn, hdr, EINVAL);
			return;
		}
		ok(conn, hdr);
	} else if (strcmp(vec[0], "logfile") == 0) {
		FILE *f;

		if (n < 2 || !(f = fopen(vec[1], "a"))) {
			core_reply_error(conn, hdr, EINVAL);
			return;
		}
		core_set_trace(core, f);
		ok(conn, hdr);
	} else if (strcmp(vec[0], "print") == 0) {
		if (n < 2) {
			core_reply_error(conn, hdr, EINVAL);
			return;
		}
		core_trace(core, "control: %s", vec[1]);
		ok(conn, hdr);
	} else if (strcmp(vec[0], "memreport") == 0) {
		memreport(core, buf, sizeof(buf));
		if (n >= 2) {
			/* Xen's "memreport <file>": the report goes to the file. */
			FILE *f = fopen(vec[1], "a");

			if (!f) {
				core_reply_error(conn, hdr, errno == ENOENT ? ENOENT : EACCES);
				return;
			}
			fputs(buf, f);
			fclose(f);
			ok(conn, hdr);
		} else {
			reply_text(conn, hdr, buf);
		}
	} else if (strcmp(vec[0], "quota") == 0 || strcmp(vec[0], "quota-soft") == 0) {
		quota_command(core, conn, hdr, vec, n, vec[0][5] == '-', buf, sizeof(buf));
	} else {
		core_reply_error(conn, hdr, EINVAL);
	}
}
