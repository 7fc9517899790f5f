/* Permission strings ("b3", "r0", ...) and the access rules Xen applies. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xs_core.h"

static int perm_char(char c, uint32_t *bits)
{
	switch (c) {
	case 'n': *bits = XS_PERM_NONE; return 0;
	case 'r': *bits = XS_PERM_READ; return 0;
	case 'w': *bits = XS_PERM_WRITE; return 0;
	case 'b': *bits = XS_PERM_READ | XS_PERM_WRITE; return 0;
	default: return -1;
	}
}

static int parse_one(const char *s, struct xs_perm *p)
{
	char *end;
	unsigned long id;

	if (perm_char(s[0], &p->perms) || s[1] < '0' || s[1] > '9')
		return -1;
	errno = 0;
	id = strtoul(s + 1, &end, 10);
	if (*end || errno || id > 0xFFFF)
		return -1;
	p->id = (uint32_t)id;
	return 0;
}

/* strings: len bytes of NUL-terminated perm strings. */
int perms_parse(const char *strings, size_t len, struct xs_perm **out,
		uint32_t *num)
{
	size_t off;
	uint32_t n = 0, i = 0;
	struct xs_perm *p;

	if (len == 0 || strings[len - 1] != '\0')
		return EINVAL;
	for (off = 0; off < len; off += strlen(strings + off) + 1)
		n++;
	p = calloc(n, sizeof(*p));
	if (!p)
		return ENOMEM;
	for (off = 0; off < len; off += strlen(strings + off) + 1) {
		if (parse_one(strings + off, &p[i++])) {
			free(p);
			return EINVAL;
		}
	}
	*out = p;
	*num = n;
	return 0;
}

int perms_format(const struct xs_perm *perms, uint32_t num, char *buf, size_t len)
{
	size_t used = 0;
	uint32_t i;

	for (i = 0; i < num; i++) {
		char c;
		int n;

		switch (perms[i].perms & (XS_PERM_READ | XS_PERM_WRITE)) {
		case XS_PERM_READ: c = 'r'; break;
		case XS_PERM_WRITE: c = 'w'; break;
		case XS_PERM_READ | XS_PERM_WRITE: c = 'b'; break;
		default: c = 'n'; break;
		}
		n = snprintf(buf + used, len - used, "%c%u", c, perms[i].id);
		if (n < 0 || (size_t)n + 1 > len - used)
			return -1;
		used += n + 1; /* keep the NUL as separator */
	}
	return (int)used;
}

uint32_t perms_for_conn(const struct xs_core *core, const struct xs_conn *conn,
			const struct xs_perm *perms, uint32_t num)
{
	const uint32_t all = XS_PERM_READ | XS_PERM_WRITE | XS_PERM_OWNER;
	const struct xs_domain *d;
	uint32_t target = XS_DOMID_INVALID, i;

	if (conn_is_privileged(conn))
		return all;
	d = domain_find(core, conn->id);
	if (d)
		target = d->target;
	if (num == 0)
		return 0;
	/* Owners, and domains acting for the owner (SET_TARGET), may do anything. */
	if (perms[0].id == conn->id || perms[0].id == target)
		return all;
	for (i = 1; i < num; i++) {
		if (perms[i].perms & XS_PERM_IGNORE)
			continue;
		if (perms[i].id == conn->id || perms[i].id == target)
			return perms[i].perms & all;
	}
	return perms[0].perms & all;
}
