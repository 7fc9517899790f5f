/* Watches: registration per connection and event delivery with Xen's rules
 * (children match, recursive removal, relative paths, read permission). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xs_core.h"

static void watch_free(struct xs_watch *w)
{
	free(w->path);
	free(w->abs_path);
	free(w->token);
	free(w);
}

static void send_event(struct xs_conn *conn, const struct xs_watch *w,
		       const char *path)
{
	size_t plen, tlen;
	char buf[XENSTORE_PAYLOAD_MAX];
	struct xsd_sockmsg hdr = { .type = XS_WATCH_EVENT };

	if (w->relative && path[0] == '/') {
		char prefix[32];
		size_t n = path_domain_prefix_len(conn->id, prefix, sizeof(prefix));

		if (strncmp(path, prefix, n) == 0) {
			path += n;
			if (*path == '/')
				path++;
		}
	}
	plen = strlen(path) + 1;
	tlen = strlen(w->token) + 1;
	if (plen + tlen > sizeof(buf))
		return; /* cannot be expressed on the wire */
	memcpy(buf, path, plen);
	memcpy(buf + plen, w->token, tlen);
	hdr.len = (uint32_t)(plen + tlen);
	conn->core->stats.watch_events++;
	conn->ops->send(conn, &hdr, buf);
}

int watch_add(struct xs_core *core, struct xs_conn *conn, const char *path,
	      const char *token)
{
	struct xs_watch *w;
	struct xs_domain *d;
	unsigned int count = 0;
	char *abs = path_canonical(conn->id, path);

	if (!abs)
		return ENOMEM;
	for (w = conn->watches; w; w = w->next) {
		if (strcmp(w->abs_path, abs) == 0 && strcmp(w->token, token) == 0) {
			free(abs);
			return EEXIST;
		}
		count++;
	}
	if (!conn_is_privileged(conn) && count >= core->quota.val[XS_QUOTA_WATCHES]) {
		free(abs);
		return E2BIG;
	}
	w = calloc(1, sizeof(*w));
	if (!w) {
		free(abs);
		return ENOMEM;
	}
	w->abs_path = abs;
	w->path = strdup(path);
	w->token = strdup(token);
	w->relative = path[0] != '/' && path[0] != '@';
	if (!w->path || !w->token) {
		watch_free(w);
		return ENOMEM;
	}
	/* Appended, so events of one change go out in registration order. */
	{
		struct xs_watch **pp = &conn->watches;

		while (*pp)
			pp = &(*pp)->next;
		*pp = w;
	}
	d = domain_get(core, conn->id);
	if (d)
		d->watches++;
	/* Xen fires every new watch once, after the reply. */
	return 0;
}

/* Sends the initial event of the watch just added (the last one). */
void watch_fire_initial(struct xs_conn *conn)
{
	struct xs_watch *w = conn->watches;

	if (!w)
		return;
	while (w->next)
		w = w->next;
	send_event(conn, w, w->path);
}

int watch_remove(struct xs_core *core, struct xs_conn *conn, const char *path,
		 const char *token)
{
	struct xs_watch **pp;
	char *abs = path_canonical(conn->id, path);

	if (!abs)
		return ENOMEM;
	for (pp = &conn->watches; *pp; pp = &(*pp)->next) {
		struct xs_watch *w = *pp;

		if (strcmp(w->abs_path, abs) == 0 && strcmp(w->token, token) == 0) {
			struct xs_domain *d = domain_find(core, conn->id);

			*pp = w->next;
			watch_free(w);
			free(abs);
			if (d && d->watches)
				d->watches--;
			return 0;
		}
	}
	free(abs);
	return ENOENT;
}

void watch_remove_all(struct xs_core *core, struct xs_conn *conn)
{
	struct xs_domain *d = domain_find(core, conn->id);

	while (conn->watches) {
		struct xs_watch *w = conn->watches;

		conn->watches = w->next;
		watch_free(w);
		if (d && d->watches)
			d->watches--;
	}
}

void watch_fire(struct xs_core *core, const char *abs_path, bool recursive,
		const struct xs_perm *perms, uint32_t nperms)
{
	struct xs_conn *conn;

	for (conn = core->conns; conn; conn = conn->next) {
		struct xs_watch *w;

		if (!conn->watches)
			continue;
		if (!(perms_for_conn(core, conn, perms, nperms) & XS_PERM_READ))
			continue;
		for (w = conn->watches; w; w = w->next) {
			if (path_is_child(abs_path, w->abs_path))
				send_event(conn, w, abs_path);
			else if (recursive && path_is_child(w->abs_path, abs_path))
				send_event(conn, w, w->abs_path);
		}
	}
}

void watch_fire_special(struct xs_core *core, const char *name)
{
	int i = strcmp(name, "@releaseDomain") == 0 ? 1 : 0;
	const struct xs_perm *p = core->special_perms[i];
	struct xs_conn *conn;

	for (conn = core->conns; conn; conn = conn->next) {
		struct xs_watch *w;

		if (!conn_is_privileged(conn) &&
		    !(perms_for_conn(core, conn, p, core->special_nperms[i]) &
		      XS_PERM_READ))
			continue;
		for (w = conn->watches; w; w = w->next)
			if (strcmp(w->abs_path, name) == 0)
				send_event(conn, w, name);
	}
}
