/* Host-wide queries: sysctl physinfo/sched_id/readconsole/getdomaininfolist
 * and xen_version. */
#include <errno.h>
#include <string.h>

#include "xc_private.h"

int xc_physinfo(xc_interface *xch, xc_physinfo_t *info)
{
	struct xen_sysctl s;
	int rc;

	xc_sysctl_init(&s, XEN_SYSCTL_physinfo);
	rc = xc_do_sysctl(xch, &s);
	if (rc == 0)
		*info = s.u.physinfo;
	return rc;
}

int xc_sched_id(xc_interface *xch, int *sched_id)
{
	struct xen_sysctl s;
	int rc;

	xc_sysctl_init(&s, XEN_SYSCTL_sched_id);
	rc = xc_do_sysctl(xch, &s);
	if (rc == 0)
		*sched_id = (int)s.u.sched_id.sched_id;
	return rc;
}

int xc_readconsolering(xc_interface *xch, char *buffer,
		       unsigned int *pnr_chars, int clear, int incremental,
		       uint32_t *pindex)
{
	struct xen_sysctl s;
	char *buf;
	int rc;

	buf = xc_hbuf_alloc(xch, *pnr_chars);
	if (!buf)
		return -ENOMEM;
	xc_sysctl_init(&s, XEN_SYSCTL_readconsole);
	s.u.readconsole.clear = !!clear;
	s.u.readconsole.incremental = !!incremental;
	s.u.readconsole.index = pindex ? *pindex : 0;
	s.u.readconsole.count = *pnr_chars;
	set_xen_guest_handle(s.u.readconsole.buffer, buf);
	rc = xc_do_sysctl(xch, &s);
	if (rc == 0) {
		if (s.u.readconsole.count > *pnr_chars)
			s.u.readconsole.count = *pnr_chars;
		memcpy(buffer, buf, s.u.readconsole.count);
		*pnr_chars = s.u.readconsole.count;
		if (pindex)
			*pindex = s.u.readconsole.index;
	}
	xc_hbuf_free(xch, buf, *pnr_chars);
	return rc;
}

int xc_domain_getinfolist(xc_interface *xch, uint32_t first_domain,
			  unsigned int max_domains, xc_domaininfo_t *info)
{
	size_t size = (size_t)max_domains * sizeof(*info);
	struct xen_sysctl s;
	xc_domaininfo_t *buf;
	int rc;

	if (max_domains == 0)
		return 0;
	buf = xc_hbuf_alloc(xch, size);
	if (!buf)
		return -ENOMEM;
	xc_sysctl_init(&s, XEN_SYSCTL_getdomaininfolist);
	s.u.getdomaininfolist.first_domain = (domid_t)first_domain;
	s.u.getdomaininfolist.max_domains = max_domains;
	set_xen_guest_handle(s.u.getdomaininfolist.buffer, buf);
	rc = xc_do_sysctl(xch, &s);
	if (rc == 0) {
		unsigned int n = s.u.getdomaininfolist.num_domains;

		if (n > max_domains)
			n = max_domains;
		memcpy(info, buf, n * sizeof(*info));
		rc = (int)n;
	}
	xc_hbuf_free(xch, buf, size);
	return rc;
}

static size_t version_arg_size(int cmd)
{
	switch (cmd) {
	case XENVER_extraversion: return sizeof(xen_extraversion_t);
	case XENVER_compile_info: return sizeof(struct xen_compile_info);
	case XENVER_capabilities: return sizeof(xen_capabilities_info_t);
	case XENVER_changeset:    return sizeof(xen_changeset_info_t);
	case XENVER_get_features: return sizeof(struct xen_feature_info);
	case XENVER_commandline:  return sizeof(xen_commandline_t);
	default:                  return 0;
	}
}

int xc_version(xc_interface *xch, int cmd, void *arg)
{
	size_t size = version_arg_size(cmd);
	void *buf = NULL;
	long rc;

	if (size) {
		if (!arg)
			return -EINVAL;
		/* get_features reads submap_idx: bounce the caller's copy in. */
		buf = xc_hbuf_bounce(xch, arg, size);
		if (!buf)
			return -ENOMEM;
	}
	rc = xc_hypercall(xch, __HYPERVISOR_xen_version, (uint64_t)cmd,
			  (uint64_t)(uintptr_t)buf, 0, 0, 0);
	if (buf) {
		if (rc >= 0)
			memcpy(arg, buf, size);
		xc_hbuf_free(xch, buf, size);
	}
	return (int)rc;
}
