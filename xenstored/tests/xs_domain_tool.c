/* Test helper: introduce or release a domain through our library, for the
 * interop scripts (Debian's xenstore-utils have no command for either). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xenstore.h"

int main(int argc, char **argv)
{
	struct xs_handle *h;
	unsigned int domid;
	bool ok;

	if (argc != 3 || (strcmp(argv[1], "introduce") && strcmp(argv[1], "release"))) {
		fprintf(stderr, "usage: xs_domain_tool introduce|release <domid>\n");
		return 2;
	}
	domid = (unsigned int)strtoul(argv[2], NULL, 10);
	h = xs_open(0);
	if (!h) {
		perror("xs_open");
		return 1;
	}
	if (strcmp(argv[1], "introduce") == 0)
		ok = xs_introduce_domain(h, domid, 1, 1);
	else
		ok = xs_release_domain(h, domid);
	if (!ok)
		perror(argv[1]);
	xs_close(h);
	return ok ? 0 : 1;
}
