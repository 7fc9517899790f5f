/* The request dispatcher: decodes each message's arguments, checks them,
 * runs the operation and sends exactly one reply (plus any watch events). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xs_core.h"

struct req {
	struct xs_core *core;
	struct xs_conn *conn;
	const struct xsd_sockmsg *hdr;
	const char *body;
	struct xs_tx *tx;
};

/* Splits the body into up to max NUL-terminated strings; returns how many
 * complete strings there are (a trailing unterminated piece is not one). */
static unsigned int get_strings(const struct req *r, const char **vec,
				unsigned int max)
{
	uint32_t off = 0, len = r->hdr->len;
	unsigned int n = 0;

	while (off < len && n < max) {
		const char *s = r->body + off;
		const char *nul = memchr(s, '\0', len - off);

		if (!nul)
			break;
		vec[n++] = s;
		off += (uint32_t)(nul - s) + 1;
	}
	return n;
}

static unsigned int count_nuls(const struct req *r)
{
	unsigned int n = 0;
	uint32_t i;

	for (i = 0; i < r->hdr->len; i++)
		n += r->body[i] == '\0';
	return n;
}

/* Exactly one NUL-terminated string, as Xen's onearg() demands. */
static const char *one_arg(const struct req *r)
{
	uint32_t len = r->hdr->len;

	if (len == 0 || r->body[len - 1] != '\0' || strlen(r->body) != len - 1)
		return NULL;
	return r->body;
}

static void ok(const struct req *r)
{
	core_reply(r->conn, r->hdr, r->hdr->type, "OK", 3);
}

static void reply_err(const struct req *r, int err)
{
	core_reply_error(r->conn, r->hdr, err);
}

/* Validates a path argument and makes it absolute; NULL after replying. */
static char *canonical_arg(const struct req *r, const char *arg, bool allow_special)
{
	char *abs;

	if (!arg) {
		reply_err(r, EINVAL);
		return NULL;
	}
	abs = path_canonical(r->conn->id, arg);
	if (!abs) {
		reply_err(r, ENOMEM);
		return NULL;
	}
	if (!path_is_valid(abs, allow_special)) {
		free(abs);
		reply_err(r, EINVAL);
		return NULL;
	}
	/* path-max bounds the part below a domain's home, for domains. */
	if (!conn_is_privileged(r->conn) && strncmp(abs, "/local/domain/", 14) == 0) {
		const char *rest = strchr(abs + 14, '/');

		if (rest && strlen(rest + 1) > r->core->quota.val[XS_QUOTA_PATH_MAX]) {
			free(abs);
			reply_err(r, EINVAL);
			return NULL;
		}
	}
	return abs;
}

static bool parse_domid(const char *s, uint32_t *domid)
{
	char *end;
	unsigned long v;

	if (!s || !*s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (*end || errno || v > 0xFFFF)
		return false;
	*domid = (uint32_t)v;
	return true;
}

static struct xs_view view_of(const struct req *r)
{
	struct xs_view v = { .core = r->core, .conn = r->conn, .tx = r->tx };

	return v;
}

static void do_read(const struct req *r)
{
	char *path = canonical_arg(r, one_arg(r), false);
	struct xs_view v = view_of(r);
	const struct xs_node *n;
	int err;

	if (!path)
		return;
	err = op_read(&v, path, &n);
	if (err)
		reply_err(r, err);
	else
		core_reply(r->conn, r->hdr, XS_READ, node_value(n), n->value_len);
	free(path);
}

static void do_directory(const struct req *r)
{
	char *path = canonical_arg(r, one_arg(r), false);
	struct xs_view v = view_of(r);
	const struct xs_node *n;
	int err;

	if (!path)
		return;
	err = op_read(&v, path, &n);
	if (err)
		reply_err(r, err);
	else if (n->children_bytes > XENSTORE_PAYLOAD_MAX)
		reply_err(r, E2BIG); /* the client moves on to DIRECTORY_PART */
	else /* the packed child list is the answer as it stands */
		core_reply(r->conn, r->hdr, XS_DIRECTORY, n->children, n->children_bytes);
	free(path);
}

static void do_directory_part(const struct req *r)
{
	const char *vec[2];
	char *path, *out = NULL;
	struct xs_view v = view_of(r);
	const struct xs_node *n;
	unsigned int off;
	size_t used, total, gen_len, pos;
	int err;

	/* Exactly two strings, as Xen counts them (by their NULs). */
	if (get_strings(r, vec, 2) != 2 || count_nuls(r) != 2) {
		reply_err(r, EINVAL);
		return;
	}
	path = canonical_arg(r, vec[0], false);
	if (!path)
		return;
	err = op_read(&v, path, &n);
	if (err) {
		reply_err(r, err);
		goto out;
	}
	/* The offset reads as C's atoi() reads it, into an unsigned int, as
	 * in Xen: garbage is 0, a negative number lands past the end. */
	off = (unsigned int)strtol(vec[1], NULL, 10);
	total = n->children_bytes;
	out = malloc(XENSTORE_PAYLOAD_MAX);
	if (!out) {
		reply_err(r, ENOMEM);
		goto out;
	}
	gen_len = (size_t)snprintf(out, 32, "%" PRIu64, n->generation) + 1;
	used = gen_len;
	/* At or past the end (an empty directory too): just the end marker,
	 * as Xen answers. */
	if (off >= total) {
		out[used++] = '\0';
		core_reply(r->conn, r->hdr, XS_DIRECTORY_PART, out, (uint32_t)used);
		goto out;
	}
	/* The strings from byte off on (a client passes where the last answer
	 * stopped), as many as fit; a final empty string marks the end. */
	for (pos = off; pos < total;) {
		size_t l = strnlen(n->children + pos, total - pos) + 1;

		if (used + l + 1 > XENSTORE_PAYLOAD_MAX)
			break;
		memcpy(out + used, n->children + pos, l);
		used += l;
		pos += l;
	}
	if (pos >= total)
		out[used++] = '\0';
	core_reply(r->conn, r->hdr, XS_DIRECTORY_PART, out, (uint32_t)used);
out:
	free(out);
	free(path);
}

/* The path a WRITE or SET_PERMS starts with, canonical (NULL after an error
 * reply); *plen gets its length with the NUL, where the rest begins. */
static char *leading_path(const struct req *r, bool special_ok, uint32_t *plen)
{
	const char *vec[1];
	char *path;

	if (get_strings(r, vec, 1) != 1) {
		reply_err(r, EINVAL);
		return NULL;
	}
	path = canonical_arg(r, vec[0], special_ok);
	if (path)
		*plen = (uint32_t)strlen(vec[0]) + 1;
	return path;
}

/* Answer a request that may have changed @path: an error, or OK after the
 * watches fire (a transaction's changes fire at commit instead). */
static void reply_changed(const struct req *r, const char *path, int err, bool changed)
{
	if (err) {
		reply_err(r, err);
		return;
	}
	if (changed && !r->tx) {
		const struct xs_node *n = node_table_get(&r->core->nodes, path);

		if (n)
			watch_fire(r->core, path, false, node_perms_c(n), n->nperms);
	}
	ok(r);
}

static void do_write(const struct req *r)
{
	struct xs_view v = view_of(r);
	uint32_t plen;
	char *path = leading_path(r, false, &plen);
	int err;

	if (!path)
		return;
	err = op_write(&v, path, r->body + plen, r->hdr->len - plen);
	reply_changed(r, path, err, true);
	free(path);
}

static void do_mkdir(const struct req *r)
{
	char *path = canonical_arg(r, one_arg(r), false);
	struct xs_view v = view_of(r);
	bool created;
	int err;

	if (!path)
		return;
	err = op_mkdir(&v, path, &created);
	reply_changed(r, path, err, created);
	free(path);
}

static void do_rm(const struct req *r)
{
	char *path = canonical_arg(r, one_arg(r), false);
	struct xs_view v = view_of(r);
	struct xs_perm *old = NULL;
	uint32_t nold = 0;
	bool removed;
	int err;

	if (!path)
		return;
	err = op_rm(&v, path, &removed, &old, &nold);
	if (err) {
		reply_err(r, err);
	} else {
		if (removed && !r->tx)
			watch_fire(r->core, path, true, old, nold);
		ok(r);
	}
	free(old);
	free(path);
}

static int special_index(const char *path)
{
	if (strcmp(path, "@introduceDomain") == 0)
		return 0;
	if (strcmp(path, "@releaseDomain") == 0)
		return 1;
	return -1;
}

static void do_get_perms(const struct req *r)
{
	char *path = canonical_arg(r, one_arg(r), true);
	struct xs_view v = view_of(r);
	const struct xs_node *n;
	const struct xs_perm *perms;
	uint32_t nperms;
	char buf[XENSTORE_PAYLOAD_MAX];
	int len, err;

	if (!path)
		return;
	if (path[0] == '@') {
		int i = special_index(path);

		if (i < 0) {
			reply_err(r, ENOENT);
			goto out;
		}
		perms = r->core->special_perms[i];
		nperms = r->core->special_nperms[i];
	} else {
		err = op_get_perms(&v, path, &n);
		if (err) {
			reply_err(r, err);
			goto out;
		}
		perms = node_perms_c(n);
		nperms = n->nperms;
	}
	len = perms_format(perms, nperms, buf, sizeof(buf));
	if (len < 0)
		reply_err(r, E2BIG);
	else
		core_reply(r->conn, r->hdr, XS_GET_PERMS, buf, (uint32_t)len);
out:
	free(path);
}

static void do_set_perms(const struct req *r)
{
	struct xs_view v = view_of(r);
	struct xs_perm *perms = NULL;
	uint32_t nperms, plen;
	char *path = leading_path(r, true, &plen);
	int err;

	if (!path)
		return;
	err = perms_parse(r->body + plen, r->hdr->len - plen, &perms, &nperms);
	if (err)
		goto out;
	if (path[0] == '@') {
		int i = special_index(path);

		if (i < 0) {
			err = ENOENT;
		} else if (!conn_is_privileged(r->conn)) {
			err = EACCES;
		} else {
			free(r->core->special_perms[i]);
			r->core->special_perms[i] = perms;
			r->core->special_nperms[i] = nperms;
			perms = NULL;
		}
		goto out;
	}
	err = op_set_perms(&v, path, perms, nperms);
	if (!err && !r->tx)
		watch_fire(r->core, path, false, perms, nperms);
out:
	if (err)
		reply_err(r, err);
	else
		ok(r);
	free(perms);
	free(path);
}

static void do_watch(const struct req *r, bool add)
{
	const char *vec[2];
	char *path;
	int err;

	if (get_strings(r, vec, 2) != 2) {
		reply_err(r, EINVAL);
		return;
	}
	path = canonical_arg(r, vec[0], true);
	if (!path)
		return;
	free(path);
	err = add ? watch_add(r->core, r->conn, vec[0], vec[1])
		  : watch_remove(r->core, r->conn, vec[0], vec[1]);
	if (err) {
		reply_err(r, err);
		return;
	}
	ok(r);
	if (add)
		watch_fire_initial(r->conn);
}

static void do_transaction_start(const struct req *r)
{
	char buf[16];
	uint32_t id;
	int err;

	if (r->tx) {
		reply_err(r, EBUSY);
		return;
	}
	err = tx_start(r->core, r->conn, &id);
	if (err) {
		reply_err(r, err);
		return;
	}
	snprintf(buf, sizeof(buf), "%u", id);
	core_reply(r->conn, r->hdr, XS_TRANSACTION_START, buf,
		   (uint32_t)strlen(buf) + 1);
}

static void do_transaction_end(const struct req *r)
{
	const char *arg = one_arg(r);
	bool commit;
	int err;

	if (!r->tx) {
		reply_err(r, ENOENT);
		return;
	}
	if (!arg || (strcmp(arg, "T") != 0 && strcmp(arg, "F") != 0)) {
		reply_err(r, EINVAL);
		return;
	}
	commit = arg[0] == 'T';
	err = tx_end(r->core, r->conn, r->tx, commit);
	if (err)
		reply_err(r, err);
	else
		ok(r);
}

static bool require_priv(const struct req *r)
{
	if (conn_is_privileged(r->conn))
		return true;
	reply_err(r, EACCES);
	return false;
}

static void do_introduce(const struct req *r)
{
	const char *vec[3];
	uint32_t domid;
	unsigned long long gfn;
	unsigned long port;
	struct xs_domain *d;
	char *end;

	if (!require_priv(r))
		return;
	if (get_strings(r, vec, 3) != 3 || !parse_domid(vec[0], &domid) ||
	    domid == 0 || domid >= XS_DOMID_FIRST_RESERVED) {
		reply_err(r, EINVAL);
		return;
	}
	errno = 0;
	gfn = strtoull(vec[1], &end, 10);
	if (!vec[1][0] || *end || errno) {
		reply_err(r, EINVAL);
		return;
	}
	port = strtoul(vec[2], &end, 10);
	if (!vec[2][0] || *end || errno || port > UINT32_MAX) {
		reply_err(r, EINVAL);
		return;
	}
	d = domain_get(r->core, domid);
	if (!d) {
		reply_err(r, ENOMEM);
		return;
	}
	if (d->introduced) {
		ok(r); /* a repeated introduction changes nothing */
		return;
	}
	d->gfn = gfn;
	d->port = (uint32_t)port;
	if (r->core->hooks.introduce &&
	    r->core->hooks.introduce(r->core->hooks.arg, d) != 0) {
		domain_forget_unused(r->core, d);
		reply_err(r, EINVAL);
		return;
	}
	d->introduced = true;
	d->shutdown = false;
	core_trace(r->core, "introduced domain %u (gfn %llu, port %lu)", domid, gfn,
		   port);
	ok(r);
	watch_fire_special(r->core, "@introduceDomain");
}

/* XS_RELEASE tears the domain down as its death would (Xen frees the
 * connection, and the domain with it). */
void core_release_domain(struct xs_core *core, struct xs_domain *d)
{
	core_destroy_domain(core, d);
}

static struct xs_domain *introduced_arg(const struct req *r, const char *arg)
{
	uint32_t domid;
	struct xs_domain *d;

	/* dom0 is never released or resumed: EINVAL, as Xen says. */
	if (!parse_domid(arg, &domid) || domid == 0 || domid >= XS_DOMID_FIRST_RESERVED) {
		reply_err(r, EINVAL);
		return NULL;
	}
	d = domain_find(r->core, domid);
	if (!d || !d->introduced) {
		reply_err(r, ENOENT);
		return NULL;
	}
	return d;
}

static void do_release(const struct req *r)
{
	struct xs_domain *d;

	if (!require_priv(r))
		return;
	d = introduced_arg(r, one_arg(r));
	if (!d)
		return;
	ok(r);
	core_release_domain(r->core, d);
}

static void do_resume(const struct req *r)
{
	struct xs_domain *d;

	if (!require_priv(r))
		return;
	d = introduced_arg(r, one_arg(r));
	if (!d)
		return;
	d->shutdown = false;
	ok(r);
}

static void do_set_target(const struct req *r)
{
	const char *vec[2];
	struct xs_domain *d;
	uint32_t target;

	if (!require_priv(r))
		return;
	if (get_strings(r, vec, 2) != 2 || !parse_domid(vec[1], &target) ||
	    target >= XS_DOMID_FIRST_RESERVED) {
		reply_err(r, EINVAL);
		return;
	}
	d = introduced_arg(r, vec[0]);
	if (!d)
		return;
	/* The target must be known too (dom0 always is), as in Xen. */
	if (target != 0) {
		const struct xs_domain *t = domain_find(r->core, target);

		if (!t || !t->introduced) {
			reply_err(r, ENOENT);
			return;
		}
	}
	d->target = target;
	ok(r);
}

static void do_is_domain_introduced(const struct req *r)
{
	uint32_t domid;
	const struct xs_domain *d;
	bool yes;

	if (!parse_domid(one_arg(r), &domid)) {
		reply_err(r, EINVAL);
		return;
	}
	if (domid == XS_DOMID_SELF)
		domid = r->conn->id;
	d = domain_find(r->core, domid);
	yes = domid == 0 || (d && d->introduced);
	core_reply(r->conn, r->hdr, XS_IS_DOMAIN_INTRODUCED, yes ? "T" : "F", 2);
}

static void do_get_domain_path(const struct req *r)
{
	uint32_t domid;
	char buf[32];
	size_t n;

	if (!parse_domid(one_arg(r), &domid)) {
		reply_err(r, EINVAL);
		return;
	}
	n = path_domain_prefix_len(domid, buf, sizeof(buf));
	core_reply(r->conn, r->hdr, XS_GET_DOMAIN_PATH, buf, (uint32_t)n + 1);
}

static void do_reset_watches(const struct req *r)
{
	watch_remove_all(r->core, r->conn);
	while (r->conn->txs)
		tx_free(r->core, r->conn, r->conn->txs);
	ok(r);
}

static void do_control(const struct req *r)
{
	if (!require_priv(r))
		return;
	control_command(r->core, r->conn, r->hdr, r->body);
}

void core_process(struct xs_core *core, struct xs_conn *conn,
		  const struct xsd_sockmsg *hdr, const char *body)
{
	struct req r = { .core = core, .conn = conn, .hdr = hdr, .body = body };

	core->stats.requests++;
	if (core->trace)
		core_trace(core, "IN  conn %u type %u req %u tx %u len %u", conn->id,
			   hdr->type, hdr->req_id, hdr->tx_id, hdr->len);

	/* Requests that act on the store carry a transaction id. */
	switch (hdr->type) {
	case XS_READ: case XS_WRITE: case XS_MKDIR: case XS_RM: case XS_DIRECTORY:
	case XS_DIRECTORY_PART: case XS_GET_PERMS: case XS_SET_PERMS:
	case XS_TRANSACTION_START: case XS_TRANSACTION_END:
		if (hdr->tx_id) {
			r.tx = tx_find(conn, hdr->tx_id);
			if (!r.tx) {
				reply_err(&r, ENOENT);
				return;
			}
		}
		break;
	default:
		break;
	}

	switch (hdr->type) {
	case XS_CONTROL: do_control(&r); break;
	case XS_DIRECTORY: do_directory(&r); break;
	case XS_READ: do_read(&r); break;
	case XS_GET_PERMS: do_get_perms(&r); break;
	case XS_WATCH: do_watch(&r, true); break;
	case XS_UNWATCH: do_watch(&r, false); break;
	case XS_TRANSACTION_START: do_transaction_start(&r); break;
	case XS_TRANSACTION_END: do_transaction_end(&r); break;
	case XS_INTRODUCE: do_introduce(&r); break;
	case XS_RELEASE: do_release(&r); break;
	case XS_GET_DOMAIN_PATH: do_get_domain_path(&r); break;
	case XS_WRITE: do_write(&r); break;
	case XS_MKDIR: do_mkdir(&r); break;
	case XS_RM: do_rm(&r); break;
	case XS_SET_PERMS: do_set_perms(&r); break;
	case XS_IS_DOMAIN_INTRODUCED: do_is_domain_introduced(&r); break;
	case XS_RESUME: do_resume(&r); break;
	case XS_SET_TARGET: do_set_target(&r); break;
	case XS_RESET_WATCHES: do_reset_watches(&r); break;
	case XS_DIRECTORY_PART: do_directory_part(&r); break;
	default: reply_err(&r, EINVAL); break;
	}
}
