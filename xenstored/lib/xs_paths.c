/* Where the library finds xenstored: the environment, then the defaults. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xenstore.h"

const char *xs_daemon_rundir(void)
{
	const char *s = getenv("XENSTORED_RUNDIR");

	return s && *s ? s : "/run/xenstored";
}

const char *xs_daemon_socket(void)
{
	static __thread char buf[4096];
	const char *s = getenv("XENSTORED_PATH");

	if (s && *s)
		return s;
	snprintf(buf, sizeof(buf), "%s/socket", xs_daemon_rundir());
	return buf;
}

const char *xs_daemon_socket_ro(void)
{
	return xs_daemon_socket(); /* one socket, as in current Xen */
}

const char *xs_domain_dev(void)
{
	const char *s = getenv("XENSTORED_PATH");

	if (s && *s)
		return s;
	if (access("/dev/xen/xenbus", F_OK) == 0)
		return "/dev/xen/xenbus";
	return "/proc/xen/xenbus";
}

bool xs_path_is_subpath(const char *parent, const char *child)
{
	size_t n = strlen(parent);

	if (n && parent[n - 1] == '/')
		n--;
	return strncmp(child, parent, n) == 0 && (child[n] == '/' || child[n] == '\0');
}

unsigned int xs_count_strings(const char *strings, unsigned int len)
{
	unsigned int n = 0, i;

	for (i = 0; i < len; i++)
		if (strings[i] == '\0')
			n++;
	return n;
}

bool xs_perm_to_string(const struct xs_permissions *perm, char *buf, size_t len)
{
	char c;

	switch ((int)perm->perms & (XS_PERM_READ | XS_PERM_WRITE)) {
	case XS_PERM_READ: c = 'r'; break;
	case XS_PERM_WRITE: c = 'w'; break;
	case XS_PERM_READ | XS_PERM_WRITE: c = 'b'; break;
	default: c = 'n'; break;
	}
	return snprintf(buf, len, "%c%u", c, perm->id) < (int)len;
}

bool xs_strings_to_perms(struct xs_permissions *perms, unsigned int num,
			 const char *strings)
{
	const char *p = strings;
	unsigned int i;

	for (i = 0; i < num; i++, p += strlen(p) + 1) {
		char *end;

		switch (*p) {
		case 'n': perms[i].perms = XS_PERM_NONE; break;
		case 'r': perms[i].perms = XS_PERM_READ; break;
		case 'w': perms[i].perms = XS_PERM_WRITE; break;
		case 'b': perms[i].perms = XS_PERM_READ | XS_PERM_WRITE; break;
		default: return false;
		}
		perms[i].id = (unsigned int)strtoul(p + 1, &end, 10);
		if (end == p + 1 || *end)
			return false;
	}
	return true;
}
