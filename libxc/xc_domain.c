/* Domain and vCPU control: thin wrappers over XEN_DOMCTL_* and SCHEDOP. */
#include <errno.h>
#include <string.h>

#include "xc_private.h"

static int simple_domctl(xc_interface *xch, uint32_t cmd, uint32_t domid)
{
	struct xen_domctl d;

	xc_domctl_init(&d, cmd, domid);
	return xc_do_domctl(xch, &d);
}

int xc_domain_create(xc_interface *xch, uint32_t *pdomid,
		     struct xen_domctl_createdomain *config)
{
	struct xen_domctl d;
	int rc;

	xc_domctl_init(&d, XEN_DOMCTL_createdomain, *pdomid);
	d.u.createdomain = *config;
	rc = xc_do_domctl(xch, &d);
	if (rc < 0) {
		XC_ERROR(xch, rc, "createdomain failed");
		return rc;
	}
	*pdomid = d.domain;
	*config = d.u.createdomain;
	return 0;
}

int xc_domain_max_vcpus(xc_interface *xch, uint32_t domid, unsigned int max)
{
	struct xen_domctl d;

	xc_domctl_init(&d, XEN_DOMCTL_max_vcpus, domid);
	d.u.max_vcpus.max = max;
	return xc_do_domctl(xch, &d);
}

int xc_domain_setmaxmem(xc_interface *xch, uint32_t domid, uint64_t max_memkb)
{
	struct xen_domctl d;

	xc_domctl_init(&d, XEN_DOMCTL_max_mem, domid);
	d.u.max_mem.max_memkb = max_memkb;
	return xc_do_domctl(xch, &d);
}

int xc_domain_pause(xc_interface *xch, uint32_t domid)
{
	return simple_domctl(xch, XEN_DOMCTL_pausedomain, domid);
}

int xc_domain_unpause(xc_interface *xch, uint32_t domid)
{
	return simple_domctl(xch, XEN_DOMCTL_unpausedomain, domid);
}

int xc_domain_destroy(xc_interface *xch, uint32_t domid)
{
	int rc;

	/* Xen may ask the caller to retry while it tears down memory. */
	do {
		rc = simple_domctl(xch, XEN_DOMCTL_destroydomain, domid);
	} while (rc == -EAGAIN);
	return rc;
}

int xc_domain_shutdown(xc_interface *xch, uint32_t domid, int reason)
{
	struct sched_remote_shutdown arg = {
		.domain_id = (domid_t)domid, .reason = (uint32_t)reason,
	};

	return (int)xc_do_op(xch, __HYPERVISOR_sched_op,
			     SCHEDOP_remote_shutdown, &arg, sizeof(arg));
}

int xc_domain_sethandle(xc_interface *xch, uint32_t domid,
			xen_domain_handle_t handle)
{
	struct xen_domctl d;

	xc_domctl_init(&d, XEN_DOMCTL_setdomainhandle, domid);
	memcpy(d.u.setdomainhandle.handle, handle, sizeof(xen_domain_handle_t));
	return xc_do_domctl(xch, &d);
}

int xc_domain_set_paging_mempool_size(xc_interface *xch, uint32_t domid,
				      uint64_t size)
{
	struct xen_domctl d;

	xc_domctl_init(&d, XEN_DOMCTL_set_paging_mempool_size, domid);
	d.u.paging_mempool.size = size;
	return xc_do_domctl(xch, &d);
}

int xc_domain_get_paging_mempool_size(xc_interface *xch, uint32_t domid,
				      uint64_t *size)
{
	struct xen_domctl d;
	int rc;

	xc_domctl_init(&d, XEN_DOMCTL_get_paging_mempool_size, domid);
	rc = xc_do_domctl(xch, &d);
	if (rc == 0)
		*size = d.u.paging_mempool.size;
	return rc;
}

int xc_domain_cacheflush(xc_interface *xch, uint32_t domid,
			 xen_pfn_t start_pfn, xen_pfn_t nr_pfns)
{
	struct xen_domctl d;

	xc_domctl_init(&d, XEN_DOMCTL_cacheflush, domid);
	d.u.cacheflush.start_pfn = start_pfn;
	d.u.cacheflush.nr_pfns = nr_pfns;
	return xc_do_domctl(xch, &d);
}

int xc_domain_set_address_size(xc_interface *xch, uint32_t domid,
			       unsigned int width)
{
	struct xen_domctl d;

	xc_domctl_init(&d, XEN_DOMCTL_set_address_size, domid);
	d.u.address_size.size = width;
	return xc_do_domctl(xch, &d);
}

void xc_dominfo_from_domaininfo(xc_dominfo_t *out, const xc_domaininfo_t *in)
{
	uint32_t f = in->flags;

	memset(out, 0, sizeof(*out));
	out->domid = in->domain;
	out->ssidref = in->ssidref;
	out->dying = !!(f & XEN_DOMINF_dying);
	out->shutdown = !!(f & XEN_DOMINF_shutdown);
	out->paused = !!(f & XEN_DOMINF_paused);
	out->blocked = !!(f & XEN_DOMINF_blocked);
	out->running = !!(f & XEN_DOMINF_running);
	out->hvm = !!(f & XEN_DOMINF_hvm_guest);
	out->debugged = !!(f & XEN_DOMINF_debugged);
	out->xenstore = !!(f & XEN_DOMINF_xs_domain);
	out->hap = !!(f & XEN_DOMINF_hap);
	out->shutdown_reason = (f >> XEN_DOMINF_shutdownshift) &
			       XEN_DOMINF_shutdownmask;
	out->crashed = out->shutdown && out->shutdown_reason == SHUTDOWN_crash;
	out->nr_pages = in->tot_pages;
	out->nr_outstanding_pages = in->outstanding_pages;
	out->nr_shared_pages = in->shr_pages;
	out->nr_paged_pages = in->paged_pages;
	out->shared_info_frame = in->shared_info_frame;
	out->cpu_time = in->cpu_time;
	/* Xen reports max_pages; ~0 means "no limit". */
	out->max_memkb = in->max_pages == ~0ULL ? ~0UL :
			 (unsigned long)(in->max_pages << (XC_PAGE_SHIFT - 10));
	out->nr_online_vcpus = in->nr_online_vcpus;
	out->max_vcpu_id = in->max_vcpu_id;
	memcpy(out->handle, in->handle, sizeof(out->handle));
	out->cpupool = in->cpupool;
	out->gpaddr_bits = in->gpaddr_bits;
	out->arch_config = in->arch_config;
}

/* getdomaininfo for domid: the hypervisor answers for the first existing
 * domain with an id >= domid (d.domain says which). */
static int getdomaininfo_at_or_above(xc_interface *xch, uint32_t domid,
				     xc_domaininfo_t *info)
{
	struct xen_domctl d;
	int rc;

	xc_domctl_init(&d, XEN_DOMCTL_getdomaininfo, domid);
	rc = xc_do_domctl(xch, &d);
	if (rc < 0)
		return rc;
	*info = d.u.getdomaininfo;
	info->domain = d.domain;
	return 0;
}

int xc_domain_getinfo(xc_interface *xch, uint32_t first_domid,
		      unsigned int max_doms, xc_dominfo_t *info)
{
	uint32_t next = first_domid;
	unsigned int n;

	for (n = 0; n < max_doms && next < DOMID_FIRST_RESERVED; n++) {
		xc_domaininfo_t raw;
		int rc = getdomaininfo_at_or_above(xch, next, &raw);

		if (rc < 0)
			/* Past the last domain: the walk just ends. */
			return n > 0 || rc == -ESRCH ? (int)n : rc;
		xc_dominfo_from_domaininfo(&info[n], &raw);
		next = (uint32_t)raw.domain + 1;
	}
	return (int)n;
}

int xc_domain_getinfo_single(xc_interface *xch, uint32_t domid,
			     xc_domaininfo_t *info)
{
	int rc = getdomaininfo_at_or_above(xch, domid, info);

	if (rc == 0 && info->domain != domid)
		return -ESRCH;
	return rc;
}

int xc_vcpu_setcontext(xc_interface *xch, uint32_t domid, uint32_t vcpu,
		       vcpu_guest_context_any_t *ctxt)
{
	struct xen_domctl d;
	struct vcpu_guest_context *buf;
	int rc;

	buf = xc_hbuf_bounce(xch, &ctxt->c, sizeof(*buf));
	if (!buf)
		return -ENOMEM;
	xc_domctl_init(&d, XEN_DOMCTL_setvcpucontext, domid);
	d.u.vcpucontext.vcpu = vcpu;
	set_xen_guest_handle(d.u.vcpucontext.ctxt, buf);
	rc = xc_do_domctl(xch, &d);
	xc_hbuf_free(xch, buf, sizeof(*buf));
	return rc;
}

int xc_vcpu_getcontext(xc_interface *xch, uint32_t domid, uint32_t vcpu,
		       vcpu_guest_context_any_t *ctxt)
{
	struct xen_domctl d;
	struct vcpu_guest_context *buf;
	int rc;

	buf = xc_hbuf_alloc(xch, sizeof(*buf));
	if (!buf)
		return -ENOMEM;
	xc_domctl_init(&d, XEN_DOMCTL_getvcpucontext, domid);
	d.u.vcpucontext.vcpu = vcpu;
	set_xen_guest_handle(d.u.vcpucontext.ctxt, buf);
	rc = xc_do_domctl(xch, &d);
	if (rc == 0)
		ctxt->c = *buf;
	xc_hbuf_free(xch, buf, sizeof(*buf));
	return rc;
}

int xc_vcpu_getinfo(xc_interface *xch, uint32_t domid, uint32_t vcpu,
		    xc_vcpuinfo_t *info)
{
	struct xen_domctl d;
	int rc;

	xc_domctl_init(&d, XEN_DOMCTL_getvcpuinfo, domid);
	d.u.getvcpuinfo.vcpu = vcpu;
	rc = xc_do_domctl(xch, &d);
	if (rc == 0)
		*info = d.u.getvcpuinfo;
	return rc;
}
