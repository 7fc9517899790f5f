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

void control_command(struct xs_core *core, struct xs_conn *conn,
		     const struct xsd_sockmsg *hdr, const char *body)
{
	const char *vec[4];
	unsigned int n = count_args(body, hdr->len, vec, 4);
	char buf[XENSTORE_PAYLOAD_MAX - 1];

	if (n == 0) {
		core_reply_error(conn, hdr, EINVAL);
		return;
	}
	if (strcmp(vec[0], "help") == 0) {
		static const char *const cmds[][2] = {
			{ "check", "" }, { "log", "on|off" }, { "logfile", "<file>" },
			{ "memreport", "[<file>]" }, { "print", "<string>" },
			{ "quota", "[<what> <nb>]" }, { "help", "" },
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
		if (core->trace && core->trace != stderr)
			fclose(core->trace);
		core->trace = f;
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
	} else if (strcmp(vec[0], "quota") == 0) {
		if (n == 1) {
			size_t used = 0;
			int i;

			for (i = 0; i < XS_QUOTA_COUNT && used < sizeof(buf); i++)
				used += (size_t)snprintf(buf + used, sizeof(buf) - used,
							 "%-18s %u\n", quota_name(i),
							 core->quota.val[i]);
			reply_text(conn, hdr, buf);
		} else {
			char arg[64];

			if (n < 3 || snprintf(arg, sizeof(arg), "%s=%s", vec[1], vec[2]) >=
					     (int)sizeof(arg) ||
			    quota_set_from_arg(&core->quota, arg)) {
				core_reply_error(conn, hdr, EINVAL);
				return;
			}
			ok(conn, hdr);
		}
	} else {
		core_reply_error(conn, hdr, EINVAL);
	}
}
