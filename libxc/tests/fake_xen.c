/* A fake hypervisor for libxc's host tests (see fake_xen.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fake_xen.h"

static struct fake_xen *fx_of(xc_interface *xch)
{
	return xch->os_priv;
}

static void log_call(struct fake_xen *fx, unsigned int op, unsigned int cmd,
		     uint32_t dom, uint64_t a, uint64_t b)
{
	if (fx->nr_calls < FAKE_MAX_CALLS)
		fx->calls[fx->nr_calls++] = (struct fake_call){ op, cmd, dom, a, b };
}

int fake_xen_populated(struct fake_xen *fx, xen_pfn_t gfn)
{
	unsigned int i;

	if (fx->gnttab_gfn && gfn == fx->gnttab_gfn)
		return 1;
	for (i = 0; i < fx->nr_ranges; i++)
		if (gfn >= fx->ranges[i].gfn &&
		    gfn < fx->ranges[i].gfn + fx->ranges[i].nr)
			return 1;
	return 0;
}

static uint8_t *page_of(struct fake_xen *fx, xen_pfn_t gfn, int create)
{
	unsigned int i;

	if (fx->gnttab_gfn && gfn == fx->gnttab_gfn)
		return fx->gnttab;
	for (i = 0; i < fx->nr_pages; i++)
		if (fx->pages[i].gfn == gfn)
			return fx->pages[i].page;
	if (!create || fx->nr_pages == FAKE_MAX_PAGES)
		return NULL;
	fx->pages[fx->nr_pages].gfn = gfn;
	fx->pages[fx->nr_pages].page = calloc(1, 4096);
	return fx->pages[fx->nr_pages++].page;
}

const uint8_t *fake_xen_page(struct fake_xen *fx, xen_pfn_t gfn)
{
	return page_of(fx, gfn, 0);
}

static long do_domctl(struct fake_xen *fx, struct xen_domctl *d)
{
	unsigned int i;

	fx->last_domctl = *d;
	log_call(fx, __HYPERVISOR_domctl, d->cmd, d->domain, 0, 0);
	if (d->interface_version != XEN_DOMCTL_INTERFACE_VERSION) {
		fx->bad_version_seen++;
		return -EACCES;
	}
	switch (d->cmd) {
	case XEN_DOMCTL_createdomain:
		d->domain = 1;
		if (d->u.createdomain.arch.gic_version == 0)
			d->u.createdomain.arch.gic_version = XEN_DOMCTL_CONFIG_GIC_V3;
		d->u.createdomain.arch.clock_frequency = 62500000;
		return 0;
	case XEN_DOMCTL_getdomaininfo:
		for (i = 0; i < fx->nr_domids; i++) {
			if (fx->domids[i] >= d->domain) {
				memset(&d->u.getdomaininfo, 0,
				       sizeof(d->u.getdomaininfo));
				d->domain = fx->domids[i];
				d->u.getdomaininfo.domain = fx->domids[i];
				d->u.getdomaininfo.tot_pages = 100 + i;
				d->u.getdomaininfo.flags = XEN_DOMINF_hvm_guest |
					XEN_DOMINF_hap | XEN_DOMINF_paused;
				d->u.getdomaininfo.gpaddr_bits = 40;
				return 0;
			}
		}
		return -ESRCH;
	case XEN_DOMCTL_setvcpucontext:
		fx->ctx = *d->u.vcpucontext.ctxt.p;
		fx->ctx_set = 1;
		fx->calls[fx->nr_calls - 1].a = d->u.vcpucontext.vcpu;
		return 0;
	case XEN_DOMCTL_cacheflush:
		fx->calls[fx->nr_calls - 1].a = d->u.cacheflush.start_pfn;
		fx->calls[fx->nr_calls - 1].b = d->u.cacheflush.nr_pfns;
		return 0;
	case XEN_DOMCTL_set_paging_mempool_size:
		fx->calls[fx->nr_calls - 1].a = d->u.paging_mempool.size;
		return 0;
	case XEN_DOMCTL_set_address_size:
		fx->calls[fx->nr_calls - 1].a = d->u.address_size.size;
		return 0;
	default:
		return 0;
	}
}

static long do_sysctl(struct fake_xen *fx, struct xen_sysctl *s)
{
	unsigned int i, n = 0;

	fx->last_sysctl = *s;
	log_call(fx, __HYPERVISOR_sysctl, s->cmd, 0, 0, 0);
	if (s->interface_version != XEN_SYSCTL_INTERFACE_VERSION) {
		fx->bad_version_seen++;
		return -EACCES;
	}
	switch (s->cmd) {
	case XEN_SYSCTL_physinfo:
		s->u.physinfo.nr_cpus = 2;
		s->u.physinfo.total_pages = 262144;
		s->u.physinfo.capabilities = XEN_SYSCTL_PHYSCAP_hvm |
			XEN_SYSCTL_PHYSCAP_hap | XEN_SYSCTL_PHYSCAP_gnttab_v1;
		return 0;
	case XEN_SYSCTL_getdomaininfolist:
		for (i = 0; i < fx->nr_domids &&
		     n < s->u.getdomaininfolist.max_domains; i++) {
			struct xen_domctl_getdomaininfo *o;

			if (fx->domids[i] < s->u.getdomaininfolist.first_domain)
				continue;
			o = &s->u.getdomaininfolist.buffer.p[n++];
			memset(o, 0, sizeof(*o));
			o->domain = fx->domids[i];
		}
		s->u.getdomaininfolist.num_domains = n;
		return 0;
	default:
		return -ENOSYS;
	}
}

static long do_memory_op(struct fake_xen *fx, unsigned int cmd, void *arg)
{
	struct xen_memory_reservation *r = arg;
	struct xen_add_to_physmap *atp = arg;
	struct xen_remove_from_physmap *rfp = arg;
	unsigned long i;

	switch (cmd) {
	case XENMEM_populate_physmap:
		log_call(fx, __HYPERVISOR_memory_op, cmd, r->domid,
			 r->extent_start.p[0], r->extent_order);
		if (fx->refuse_order && r->extent_order == fx->refuse_order)
			return 0;
		for (i = 0; i < r->nr_extents; i++) {
			if (fx->nr_ranges == FAKE_MAX_RANGES)
				return (long)i;
			fx->ranges[fx->nr_ranges].gfn = r->extent_start.p[i];
			fx->ranges[fx->nr_ranges++].nr = 1ULL << r->extent_order;
		}
		return (long)r->nr_extents;
	case XENMEM_add_to_physmap:
		log_call(fx, __HYPERVISOR_memory_op, cmd, atp->domid,
			 atp->space, atp->gpfn);
		if (atp->space != XENMAPSPACE_grant_table || atp->idx != 0)
			return -EINVAL;
		fx->gnttab_gfn = atp->gpfn;
		return 0;
	case XENMEM_remove_from_physmap:
		log_call(fx, __HYPERVISOR_memory_op, cmd, rfp->domid,
			 rfp->gpfn, 0);
		if (rfp->gpfn == fx->gnttab_gfn)
			fx->gnttab_gfn = 0;
		return 0;
	default:
		log_call(fx, __HYPERVISOR_memory_op, cmd, 0, 0, 0);
		return -ENOSYS;
	}
}

static long fake_hypercall(xc_interface *xch, unsigned int op,
			   const uint64_t arg[5])
{
	struct fake_xen *fx = fx_of(xch);
	void *p = (void *)(uintptr_t)arg[1];

	memcpy(fx->last_arg, arg, sizeof(fx->last_arg));
	switch (op) {
	case __HYPERVISOR_domctl:
		return do_domctl(fx, (void *)(uintptr_t)arg[0]);
	case __HYPERVISOR_sysctl:
		return do_sysctl(fx, (void *)(uintptr_t)arg[0]);
	case __HYPERVISOR_xen_version:
		log_call(fx, op, (unsigned int)arg[0], 0, 0, 0);
		if (arg[0] == XENVER_version)
			return 0x40011;
		if (arg[0] == XENVER_extraversion) {
			strcpy(p, ".5-fake");
			return 0;
		}
		return -ENOSYS;
	case __HYPERVISOR_memory_op:
		return do_memory_op(fx, (unsigned int)arg[0], p);
	case __HYPERVISOR_hvm_op: {
		struct xen_hvm_param *hp = p;

		log_call(fx, op, (unsigned int)arg[0], hp->domid, hp->index,
			 hp->value);
		if (hp->index >= 64)
			return -EINVAL;
		if (arg[0] == HVMOP_set_param)
			fx->hvm_params[hp->index] = hp->value;
		else
			hp->value = fx->hvm_params[hp->index];
		return 0;
	}
	case __HYPERVISOR_event_channel_op: {
		struct evtchn_alloc_unbound *au = p;

		log_call(fx, op, (unsigned int)arg[0], au->dom, au->remote_dom, 0);
		if (arg[0] != EVTCHNOP_alloc_unbound)
			return -ENOSYS;
		au->port = ++fx->next_port;
		return 0;
	}
	case __HYPERVISOR_sched_op: {
		struct sched_remote_shutdown *rs = p;

		log_call(fx, op, (unsigned int)arg[0], rs->domain_id,
			 rs->reason, 0);
		return 0;
	}
	default:
		log_call(fx, op, (unsigned int)arg[0], 0, 0, 0);
		return -ENOSYS;
	}
}

static void *fake_alloc_hbuf(xc_interface *xch, size_t npages)
{
	(void)xch;
	return aligned_alloc(4096, npages * 4096);
}

static void fake_free_hbuf(xc_interface *xch, void *p, size_t npages)
{
	(void)xch;
	(void)npages;
	free(p);
}

static int new_map(struct fake_xen *fx)
{
	int i;

	for (i = 0; i < FAKE_MAX_MAPS; i++)
		if (!fx->maps[i].addr)
			return i;
	return -1;
}

static void *fake_map_foreign(xc_interface *xch, uint32_t dom, int prot,
			      const xen_pfn_t *arr, int *err, unsigned int num)
{
	struct fake_xen *fx = fx_of(xch);
	int m = new_map(fx);
	uint8_t *buf;
	unsigned int i;

	(void)dom;
	(void)prot;
	if (m < 0 || num > 1024) {
		errno = ENOMEM;
		return NULL;
	}
	buf = calloc(num, 4096);
	fx->mapped_pages += num;
	for (i = 0; i < num; i++) {
		const uint8_t *pg;

		err[i] = fake_xen_populated(fx, arr[i]) ? 0 : -EINVAL;
		pg = err[i] ? NULL : page_of(fx, arr[i], 0);
		if (pg)
			memcpy(buf + i * 4096, pg, 4096);
		fx->maps[m].gfn[i] = arr[i];
	}
	fx->maps[m].addr = buf;
	fx->maps[m].n = num;
	fx->maps[m].resource = 0;
	return buf;
}

static void *fake_map_resource(xc_interface *xch, uint32_t dom,
			       unsigned int type, unsigned int id,
			       unsigned long frame, unsigned long nr_frames,
			       int prot)
{
	struct fake_xen *fx = fx_of(xch);
	int m;

	(void)prot;
	log_call(fx, FAKE_OP_MAP_RESOURCE, type, dom, id, frame);
	if (!fx->has_resource) {
		errno = EOPNOTSUPP;
		return NULL;
	}
	m = new_map(fx);
	if (m < 0 || type != XENMEM_resource_grant_table || id != 0 ||
	    frame != 0 || nr_frames != 1) {
		errno = EINVAL;
		return NULL;
	}
	fx->maps[m].addr = malloc(4096);
	memcpy(fx->maps[m].addr, fx->gnttab, 4096);
	fx->maps[m].n = 1;
	fx->maps[m].resource = 1;
	return fx->maps[m].addr;
}

static int fake_unmap(xc_interface *xch, void *addr, size_t npages)
{
	struct fake_xen *fx = fx_of(xch);
	unsigned int i;
	int m;

	for (m = 0; m < FAKE_MAX_MAPS; m++)
		if (fx->maps[m].addr == addr)
			break;
	if (m == FAKE_MAX_MAPS || fx->maps[m].n != npages)
		return -EINVAL;
	if (fx->maps[m].resource) {
		memcpy(fx->gnttab, addr, 4096);
	} else {
		for (i = 0; i < npages; i++) {
			uint8_t *pg;

			if (!fake_xen_populated(fx, fx->maps[m].gfn[i]))
				continue;
			pg = page_of(fx, fx->maps[m].gfn[i], 1);
			if (pg)
				memcpy(pg, (uint8_t *)addr + i * 4096, 4096);
		}
	}
	free(addr);
	fx->maps[m].addr = NULL;
	return 0;
}

/* The grant frame as the builder sees it: its live mapping, if any. */
static const struct grant_entry_v1 *live_gnttab(struct fake_xen *fx)
{
	int m;

	for (m = 0; m < FAKE_MAX_MAPS; m++)
		if (fx->maps[m].addr && fx->maps[m].resource)
			return fx->maps[m].addr;
	return (const struct grant_entry_v1 *)fx->gnttab;
}

/* Copies into the domain being built, checking its grant entries as the
 * hypervisor would: dom0 may write a page the entry grants it. */
static int16_t copy_one(struct fake_xen *fx, xengnttab_grant_copy_segment_t *g)
{
	const struct grant_entry_v1 *e;
	uint8_t *pg;

	if ((g->flags & ~GNTCOPY_dest_gref) || !(g->flags & GNTCOPY_dest_gref))
		return GNTST_bad_copy_arg;
	if (g->dest.foreign.ref >= 4096 / sizeof(*e))
		return GNTST_bad_gntref;
	if (g->dest.foreign.offset + g->len > 4096)
		return GNTST_bad_copy_arg;
	e = &live_gnttab(fx)[g->dest.foreign.ref];
	if (fx->copy_refusal)
		return fx->copy_refusal;
	if (g->dest.foreign.domid != 1 || !(e->flags & GTF_permit_access) ||
	    e->domid != 0)
		return GNTST_permission_denied;
	pg = fake_xen_populated(fx, e->frame) ? page_of(fx, e->frame, 1) : NULL;
	if (!pg)
		return GNTST_bad_page;
	memcpy(pg + g->dest.foreign.offset, g->source.virt, g->len);
	fx->copied_pages++;
	return GNTST_okay;
}

static int fake_grant_copy(xc_interface *xch, uint32_t count,
			   xengnttab_grant_copy_segment_t *segs)
{
	struct fake_xen *fx = fx_of(xch);
	uint32_t i;

	log_call(fx, FAKE_OP_GRANT_COPY, count, 1, 0, 0);
	for (i = 0; i < count; i++)
		segs[i].status = copy_one(fx, &segs[i]);
	return 0;
}

static const struct xc_osdep_ops fake_ops = {
	.hypercall = fake_hypercall,
	.alloc_hbuf = fake_alloc_hbuf,
	.free_hbuf = fake_free_hbuf,
	.map_foreign = fake_map_foreign,
	.map_resource = fake_map_resource,
	.unmap = fake_unmap,
	.grant_copy = fake_grant_copy,
};

xc_interface *fake_xen_open(struct fake_xen *fx)
{
	memset(fx, 0, sizeof(*fx));
	fx->domids[0] = 0;
	fx->domids[1] = 1;
	fx->nr_domids = 2;
	fx->has_resource = 1;
	return xc_interface_open_ops(NULL, NULL, &fake_ops, fx);
}

void fake_xen_close(xc_interface *xch, struct fake_xen *fx)
{
	unsigned int i;

	for (i = 0; i < fx->nr_pages; i++)
		free(fx->pages[i].page);
	xc_interface_close(xch);
}

int fake_xen_find(struct fake_xen *fx, unsigned int from, unsigned int op,
		  unsigned int cmd)
{
	unsigned int i;

	for (i = from; i < fx->nr_calls; i++)
		if (fx->calls[i].op == op && fx->calls[i].cmd == cmd)
			return (int)i;
	return -1;
}
