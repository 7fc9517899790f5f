/* Asks the hypervisor about a domain through libxc's getdomaininfo (kept apart
 * from xen_linux.c so the libxc headers meet no other Xen header). */
#include <errno.h>
#include <stddef.h>

#include <xenctrl.h>

#include "xen_if.h"

static xc_interface *xch;

int xen_if_domain_state(uint32_t domid, bool *shutdown, bool *dying)
{
	xc_domaininfo_t info;
	int rc;

	if (!xch) {
		xch = xc_interface_open(NULL, NULL, 0);
		if (!xch)
			return -errno;
	}
	rc = xc_domain_getinfo_single(xch, domid, &info);
	if (rc)
		return rc;
	/* A crash is a shutdown with reason SHUTDOWN_crash: covered too. */
	*shutdown = (info.flags & XEN_DOMINF_shutdown) != 0;
	*dying = (info.flags & XEN_DOMINF_dying) != 0;
	return 0;
}
