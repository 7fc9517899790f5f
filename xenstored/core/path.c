/* Path rules: validity, parent/child relations and relative-path resolution. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xs_core.h"

static bool valid_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '/' || c == '_' ||
	       c == '@';
}

bool path_is_valid(const char *path, bool allow_special)
{
	size_t len = strlen(path), i;

	if (len == 0 || len > XENSTORE_ABS_PATH_MAX)
		return false;
	if (path[0] == '@') {
		if (!allow_special || len == 1)
			return false;
	} else if (path[0] != '/') {
		return false;
	} else if (len > 1 && path[len - 1] == '/') {
		return false;
	}
	for (i = 0; i < len; i++) {
		if (!valid_char(path[i]))
			return false;
		if (path[i] == '/' && path[i + 1] == '/')
			return false;
	}
	return true;
}

/* Xen's rule: a path is a child of itself, and everything is a child of "/". */
bool path_is_child(const char *child, const char *parent)
{
	size_t plen;

	if (parent[0] == '/' && parent[1] == '\0')
		return child[0] == '/';
	plen = strlen(parent);
	return strncmp(child, parent, plen) == 0 &&
	       (child[plen] == '/' || child[plen] == '\0');
}

size_t path_domain_prefix_len(uint32_t domid, char *buf, size_t len)
{
	int n = snprintf(buf, len, "/local/domain/%u", domid);

	return n < 0 ? 0 : (size_t)n;
}

char *path_canonical(uint32_t domid, const char *path)
{
	char prefix[32];
	size_t plen, len;
	char *abs;

	if (path[0] == '/' || path[0] == '@')
		return strdup(path);
	plen = path_domain_prefix_len(domid, prefix, sizeof(prefix));
	len = strlen(path);
	abs = malloc(plen + 1 + len + 1);
	if (!abs)
		return NULL;
	memcpy(abs, prefix, plen);
	abs[plen] = '/';
	memcpy(abs + plen + 1, path, len + 1);
	return abs;
}

char *path_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *p;

	if (!slash || slash == path)
		return strdup("/");
	p = malloc(slash - path + 1);
	if (!p)
		return NULL;
	memcpy(p, path, slash - path);
	p[slash - path] = '\0';
	return p;
}

const char *path_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}
