/* Event channels, HVM params and guest physmap changes (memory_op). */
#include <errno.h>
#include <string.h>

#include "xc_private.h"

int xc_evtchn_alloc_unbound(xc_interface *xch, uint32_t dom,
			    uint32_t remote_dom)
{
	struct evtchn_alloc_unbound arg = {
		.dom = (domid_t)dom, .remote_dom = (domid_t)remote_dom,
	};
	long rc = xc_do_op(xch, __HYPERVISOR_event_channel_op,
			   EVTCHNOP_alloc_unbound, &arg, sizeof(arg));

	return rc < 0 ? (int)rc : (int)arg.port;
}

int xc_hvm_param_set(xc_interface *xch, uint32_t dom, uint32_t param,
		     uint64_t value)
{
	struct xen_hvm_param arg = {
		.domid = (domid_t)dom, .index = param, .value = value,
	};

	return (int)xc_do_op(xch, __HYPERVISOR_hvm_op, HVMOP_set_param, &arg,
			     sizeof(arg));
}

int xc_hvm_param_get(xc_interface *xch, uint32_t dom, uint32_t param,
		     uint64_t *value)
{
	struct xen_hvm_param arg = { .domid = (domid_t)dom, .index = param };
	long rc = xc_do_op(xch, __HYPERVISOR_hvm_op, HVMOP_get_param, &arg,
			   sizeof(arg));

	if (rc == 0)
		*value = arg.value;
	return (int)rc;
}

/* XENMEM_{populate_physmap,decrease_reservation}: returns extents done. */
static int reservation_op(xc_interface *xch, unsigned int cmd, uint32_t domid,
			  unsigned long nr_extents, unsigned int extent_order,
			  unsigned int mem_flags, xen_pfn_t *extent_start)
{
	size_t size = nr_extents * sizeof(xen_pfn_t);
	struct xen_memory_reservation res;
	xen_pfn_t *buf;
	long rc;

	if (nr_extents == 0)
		return 0;
	buf = xc_hbuf_bounce(xch, extent_start, size);
	if (!buf)
		return -ENOMEM;
	memset(&res, 0, sizeof(res));
	set_xen_guest_handle(res.extent_start, buf);
	res.nr_extents = nr_extents;
	res.extent_order = extent_order;
	res.mem_flags = mem_flags;
	res.domid = (domid_t)domid;
	rc = xc_do_op(xch, __HYPERVISOR_memory_op, cmd, &res, sizeof(res));
	memcpy(extent_start, buf, size);
	xc_hbuf_free(xch, buf, size);
	return (int)rc;
}

int xc_domain_populate_physmap(xc_interface *xch, uint32_t domid,
			       unsigned long nr_extents,
			       unsigned int extent_order,
			       unsigned int mem_flags, xen_pfn_t *extent_start)
{
	return reservation_op(xch, XENMEM_populate_physmap, domid, nr_extents,
			      extent_order, mem_flags, extent_start);
}

int xc_domain_populate_physmap_exact(xc_interface *xch, uint32_t domid,
				     unsigned long nr_extents,
				     unsigned int extent_order,
				     unsigned int mem_flags,
				     xen_pfn_t *extent_start)
{
	int rc = xc_domain_populate_physmap(xch, domid, nr_extents,
					    extent_order, mem_flags,
					    extent_start);

	if (rc >= 0 && (unsigned long)rc != nr_extents) {
		XC_ERROR(xch, -ENOMEM, "populate_physmap: %d of %lu extents "
			 "(order %u) for dom%u", rc, nr_extents, extent_order,
			 domid);
		return -ENOMEM;
	}
	return rc < 0 ? rc : 0;
}

int xc_domain_decrease_reservation_exact(xc_interface *xch, uint32_t domid,
					 unsigned long nr_extents,
					 unsigned int extent_order,
					 xen_pfn_t *extent_start)
{
	int rc = reservation_op(xch, XENMEM_decrease_reservation, domid,
				nr_extents, extent_order, 0, extent_start);

	if (rc >= 0 && (unsigned long)rc != nr_extents)
		return -EINVAL;
	return rc < 0 ? rc : 0;
}

int xc_domain_add_to_physmap(xc_interface *xch, uint32_t domid,
			     unsigned int space, unsigned long idx,
			     xen_pfn_t gpfn)
{
	struct xen_add_to_physmap arg = {
		.domid = (domid_t)domid, .space = space, .idx = idx,
		.gpfn = gpfn,
	};

	return (int)xc_do_op(xch, __HYPERVISOR_memory_op,
			     XENMEM_add_to_physmap, &arg, sizeof(arg));
}

int xc_domain_remove_from_physmap(xc_interface *xch, uint32_t domid,
				  xen_pfn_t gpfn)
{
	struct xen_remove_from_physmap arg = {
		.domid = (domid_t)domid, .gpfn = gpfn,
	};

	return (int)xc_do_op(xch, __HYPERVISOR_memory_op,
			     XENMEM_remove_from_physmap, &arg, sizeof(arg));
}
