/* Struct layouts of the ABI slice libxc uses (xen-arm-abi.md §3.4, §9) and
 * how each call encodes its domctl/sysctl/hypercall for the hypervisor. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "dom_arm64.h"
#include "fake_xen.h"
#include "include/xenguest.h"

static struct fake_xen fx;

#define OFF(t, f) offsetof(struct t, f)

static void layouts(void **state)
{
	(void)state;
	assert_int_equal(sizeof(struct xen_domctl), 144);
	assert_int_equal(OFF(xen_domctl, interface_version), 4);
	assert_int_equal(OFF(xen_domctl, domain), 8);
	assert_int_equal(OFF(xen_domctl, u), 16);
	assert_int_equal(sizeof(struct xen_sysctl), 136);
	assert_int_equal(OFF(xen_sysctl, u), 8);

	assert_int_equal(sizeof(struct xen_domctl_createdomain), 68);
	assert_int_equal(OFF(xen_domctl_createdomain, handle), 4);
	assert_int_equal(OFF(xen_domctl_createdomain, flags), 20);
	assert_int_equal(OFF(xen_domctl_createdomain, max_vcpus), 28);
	assert_int_equal(OFF(xen_domctl_createdomain, max_evtchn_port), 32);
	assert_int_equal(OFF(xen_domctl_createdomain, max_grant_frames), 36);
	assert_int_equal(OFF(xen_domctl_createdomain, grant_opts), 44);
	assert_int_equal(OFF(xen_domctl_createdomain, cpupool_id), 52);
	assert_int_equal(OFF(xen_domctl_createdomain, arch), 56);
	assert_int_equal(sizeof(struct xen_arch_domainconfig), 12);
	assert_int_equal(OFF(xen_arch_domainconfig, tee_type), 2);
	assert_int_equal(OFF(xen_arch_domainconfig, nr_spis), 4);
	assert_int_equal(OFF(xen_arch_domainconfig, clock_frequency), 8);

	assert_int_equal(sizeof(struct xen_domctl_getdomaininfo), 120);
	assert_int_equal(OFF(xen_domctl_getdomaininfo, flags), 4);
	assert_int_equal(OFF(xen_domctl_getdomaininfo, tot_pages), 8);
	assert_int_equal(OFF(xen_domctl_getdomaininfo, shared_info_frame), 48);
	assert_int_equal(OFF(xen_domctl_getdomaininfo, cpu_time), 56);
	assert_int_equal(OFF(xen_domctl_getdomaininfo, nr_online_vcpus), 64);
	assert_int_equal(OFF(xen_domctl_getdomaininfo, handle), 76);
	assert_int_equal(OFF(xen_domctl_getdomaininfo, cpupool), 92);
	assert_int_equal(OFF(xen_domctl_getdomaininfo, gpaddr_bits), 96);
	assert_int_equal(OFF(xen_domctl_getdomaininfo, arch_config), 104);

	assert_int_equal(sizeof(struct xen_sysctl_getdomaininfolist), 24);
	assert_int_equal(OFF(xen_sysctl_getdomaininfolist, buffer), 8);
	assert_int_equal(OFF(xen_sysctl_getdomaininfolist, num_domains), 16);
	assert_int_equal(sizeof(struct xen_sysctl_physinfo), 112);
	assert_int_equal(OFF(xen_sysctl_physinfo, total_pages), 40);
	assert_int_equal(OFF(xen_sysctl_physinfo, max_mfn), 72);
	assert_int_equal(OFF(xen_sysctl_physinfo, hw_cap), 80);
	assert_int_equal(sizeof(struct xen_sysctl_readconsole), 24);
	assert_int_equal(OFF(xen_sysctl_readconsole, buffer), 8);
	assert_int_equal(OFF(xen_sysctl_readconsole, count), 16);

	assert_int_equal(sizeof(struct vcpu_guest_core_regs), 312);
	assert_int_equal(OFF(vcpu_guest_core_regs, pc64), 248);
	assert_int_equal(OFF(vcpu_guest_core_regs, cpsr), 256);
	assert_int_equal(OFF(vcpu_guest_core_regs, spsr_el1), 264);
	assert_int_equal(OFF(vcpu_guest_core_regs, spsr_fiq), 272);
	assert_int_equal(OFF(vcpu_guest_core_regs, sp_el0), 288);
	assert_int_equal(OFF(vcpu_guest_core_regs, elr_el1), 304);
	assert_int_equal(sizeof(struct vcpu_guest_context), 352);
	assert_int_equal(OFF(vcpu_guest_context, user_regs), 8);
	assert_int_equal(OFF(vcpu_guest_context, sctlr), 320);
	assert_int_equal(OFF(vcpu_guest_context, ttbr1), 344);

	assert_int_equal(sizeof(struct xen_domctl_vcpucontext), 16);
	assert_int_equal(OFF(xen_domctl_vcpucontext, ctxt), 8);
	assert_int_equal(sizeof(struct xen_domctl_getvcpuinfo), 24);
	assert_int_equal(OFF(xen_domctl_getvcpuinfo, cpu_time), 8);
	assert_int_equal(OFF(xen_domctl_getvcpuinfo, cpu), 16);
	assert_int_equal(sizeof(struct xen_domctl_cacheflush), 16);

	assert_int_equal(sizeof(struct xen_memory_reservation), 32);
	assert_int_equal(OFF(xen_memory_reservation, nr_extents), 8);
	assert_int_equal(OFF(xen_memory_reservation, extent_order), 16);
	assert_int_equal(OFF(xen_memory_reservation, domid), 24);
	assert_int_equal(sizeof(struct xen_add_to_physmap), 24);
	assert_int_equal(OFF(xen_add_to_physmap, space), 4);
	assert_int_equal(OFF(xen_add_to_physmap, gpfn), 16);
	assert_int_equal(sizeof(struct xen_remove_from_physmap), 16);
	assert_int_equal(sizeof(struct xen_hvm_param), 16);
	assert_int_equal(OFF(xen_hvm_param, index), 4);
	assert_int_equal(OFF(xen_hvm_param, value), 8);
	assert_int_equal(sizeof(struct evtchn_alloc_unbound), 8);
	assert_int_equal(OFF(evtchn_alloc_unbound, port), 4);
	assert_int_equal(sizeof(struct sched_remote_shutdown), 8);
	assert_int_equal(sizeof(struct grant_entry_v1), 8);
	assert_int_equal(OFF(grant_entry_v1, frame), 4);
}

static void constants(void **state)
{
	(void)state;
	assert_int_equal(XEN_DOMCTL_INTERFACE_VERSION, 0x15);
	assert_int_equal(XEN_SYSCTL_INTERFACE_VERSION, 0x15);
	assert_int_equal(XC_DOM_CALLBACK_IRQ, 0x020000000000021FULL);
	assert_int_equal(PSR_GUEST64_INIT, 0x1C5);
	assert_int_equal(SCTLR_GUEST_INIT, 0x00C50078);
}

static void createdomain_encoding(void **state)
{
	xc_interface *xch = fake_xen_open(&fx);
	struct xen_domctl_createdomain c;
	const struct xen_domctl *d = &fx.last_domctl;
	uint32_t domid = 0;

	(void)state;
	xc_dom_arm64_createdomain_config(&c, 2, XEN_DOMCTL_CONFIG_GIC_NATIVE, 0);
	assert_int_equal(xc_domain_create(xch, &domid, &c), 0);
	assert_int_equal(fx.last_arg[0] != 0, 1);
	assert_int_equal(d->cmd, XEN_DOMCTL_createdomain);
	assert_int_equal(d->interface_version, 0x15);
	assert_int_equal(d->domain, 0);
	assert_int_equal(d->u.createdomain.flags, 3);
	assert_int_equal(d->u.createdomain.max_vcpus, 2);
	assert_int_equal(d->u.createdomain.max_evtchn_port, 1023);
	assert_int_equal(d->u.createdomain.max_grant_frames, -1);
	assert_int_equal(d->u.createdomain.max_maptrack_frames, -1);
	assert_int_equal(d->u.createdomain.grant_opts, 1);
	assert_int_equal(d->u.createdomain.arch.gic_version, 0);
	/* OUT values come back. */
	assert_int_equal(domid, 1);
	assert_int_equal(c.arch.gic_version, XEN_DOMCTL_CONFIG_GIC_V3);
	assert_int_equal(c.arch.clock_frequency, 62500000);
	assert_int_equal(fx.bad_version_seen, 0);
	fake_xen_close(xch, &fx);
}

static void small_domctls(void **state)
{
	xc_interface *xch = fake_xen_open(&fx);
	const struct xen_domctl *d = &fx.last_domctl;
	xen_domain_handle_t h = { 1, 2, 3 };

	(void)state;
	assert_int_equal(xc_domain_max_vcpus(xch, 7, 4), 0);
	assert_int_equal(d->cmd, 15);
	assert_int_equal(d->domain, 7);
	assert_int_equal(d->u.max_vcpus.max, 4);
	assert_int_equal(xc_domain_setmaxmem(xch, 7, 132096), 0);
	assert_int_equal(d->cmd, 11);
	assert_int_equal(d->u.max_mem.max_memkb, 132096);
	assert_int_equal(xc_domain_pause(xch, 7), 0);
	assert_int_equal(d->cmd, 3);
	assert_int_equal(xc_domain_unpause(xch, 7), 0);
	assert_int_equal(d->cmd, 4);
	assert_int_equal(xc_domain_destroy(xch, 7), 0);
	assert_int_equal(d->cmd, 2);
	assert_int_equal(xc_domain_sethandle(xch, 7, h), 0);
	assert_int_equal(d->cmd, 17);
	assert_memory_equal(d->u.setdomainhandle.handle, h, 16);
	assert_int_equal(xc_domain_set_paging_mempool_size(xch, 7, 1 << 21), 0);
	assert_int_equal(d->cmd, 86);
	assert_int_equal(d->u.paging_mempool.size, 1 << 21);
	assert_int_equal(xc_domain_cacheflush(xch, 7, 0x40000, 16), 0);
	assert_int_equal(d->cmd, 71);
	assert_int_equal(d->u.cacheflush.start_pfn, 0x40000);
	assert_int_equal(d->u.cacheflush.nr_pfns, 16);
	assert_int_equal(xc_domain_set_address_size(xch, 7, 64), 0);
	assert_int_equal(d->cmd, 35);
	assert_int_equal(d->u.address_size.size, 64);
	assert_int_equal(fx.bad_version_seen, 0);
	fake_xen_close(xch, &fx);
}

static void getinfo_walks_next_at_or_above(void **state)
{
	xc_interface *xch = fake_xen_open(&fx);
	xc_dominfo_t info[8];
	xc_domaininfo_t raw;

	(void)state;
	fx.domids[2] = 5;
	fx.nr_domids = 3;
	assert_int_equal(xc_domain_getinfo(xch, 0, 8, info), 3);
	assert_int_equal(info[0].domid, 0);
	assert_int_equal(info[1].domid, 1);
	assert_int_equal(info[2].domid, 5);
	assert_true(info[2].paused && info[2].hvm && info[2].hap);
	assert_int_equal(info[2].nr_pages, 102);
	assert_int_equal(xc_domain_getinfo(xch, 2, 1, info), 1);
	assert_int_equal(info[0].domid, 5);
	assert_int_equal(xc_domain_getinfo(xch, 6, 4, info), 0);
	assert_int_equal(xc_domain_getinfo_single(xch, 2, &raw), -ESRCH);
	assert_int_equal(xc_domain_getinfo_single(xch, 5, &raw), 0);
	assert_int_equal(raw.domain, 5);
	fake_xen_close(xch, &fx);
}

static void sysctls(void **state)
{
	xc_interface *xch = fake_xen_open(&fx);
	const struct xen_sysctl *s = &fx.last_sysctl;
	xc_domaininfo_t list[4];
	xc_physinfo_t pi;

	(void)state;
	assert_int_equal(xc_physinfo(xch, &pi), 0);
	assert_int_equal(s->cmd, 3);
	assert_int_equal(s->interface_version, 0x15);
	assert_int_equal(pi.nr_cpus, 2);
	assert_true(pi.capabilities & XEN_SYSCTL_PHYSCAP_gnttab_v1);
	fx.domids[2] = 9;
	fx.nr_domids = 3;
	assert_int_equal(xc_domain_getinfolist(xch, 1, 4, list), 2);
	assert_int_equal(s->cmd, 6);
	assert_int_equal(s->u.getdomaininfolist.first_domain, 1);
	assert_int_equal(s->u.getdomaininfolist.max_domains, 4);
	assert_int_equal(list[0].domain, 1);
	assert_int_equal(list[1].domain, 9);
	fake_xen_close(xch, &fx);
}

static void other_hypercalls(void **state)
{
	xc_interface *xch = fake_xen_open(&fx);
	xen_extraversion_t extra;
	uint64_t v = 0;
	struct fake_call *c;

	(void)state;
	assert_int_equal(xc_version(xch, XENVER_version, NULL), 0x40011);
	assert_int_equal(fx.last_arg[0], XENVER_version);
	assert_int_equal(xc_version(xch, XENVER_extraversion, extra), 0);
	assert_string_equal(extra, ".5-fake");

	assert_int_equal(xc_evtchn_alloc_unbound(xch, 3, 0), 1);
	c = &fx.calls[fx.nr_calls - 1];
	assert_int_equal(c->op, __HYPERVISOR_event_channel_op);
	assert_int_equal(c->cmd, EVTCHNOP_alloc_unbound);
	assert_int_equal(c->dom, 3);
	assert_int_equal(c->a, 0);

	assert_int_equal(xc_hvm_param_set(xch, 3, HVM_PARAM_STORE_PFN, 0x39001), 0);
	c = &fx.calls[fx.nr_calls - 1];
	assert_int_equal(c->op, __HYPERVISOR_hvm_op);
	assert_int_equal(c->cmd, HVMOP_set_param);
	assert_int_equal(c->a, 1);
	assert_int_equal(c->b, 0x39001);
	assert_int_equal(xc_hvm_param_get(xch, 3, HVM_PARAM_STORE_PFN, &v), 0);
	assert_int_equal(v, 0x39001);

	assert_int_equal(xc_domain_shutdown(xch, 3, SHUTDOWN_reboot), 0);
	c = &fx.calls[fx.nr_calls - 1];
	assert_int_equal(c->op, __HYPERVISOR_sched_op);
	assert_int_equal(c->cmd, SCHEDOP_remote_shutdown);
	assert_int_equal(c->dom, 3);
	assert_int_equal(c->a, SHUTDOWN_reboot);
	fake_xen_close(xch, &fx);
}

static void populate_exact(void **state)
{
	xc_interface *xch = fake_xen_open(&fx);
	xen_pfn_t ext[2] = { 0x40000, 0x40200 };

	(void)state;
	assert_int_equal(xc_domain_populate_physmap_exact(xch, 3, 2, 9, 0, ext),
			 0);
	assert_true(fake_xen_populated(&fx, 0x403ff));
	fx.refuse_order = 9;
	assert_int_equal(xc_domain_populate_physmap_exact(xch, 3, 2, 9, 0, ext),
			 -ENOMEM);
	fake_xen_close(xch, &fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(layouts),
		cmocka_unit_test(constants),
		cmocka_unit_test(createdomain_encoding),
		cmocka_unit_test(small_domctls),
		cmocka_unit_test(getinfo_walks_next_at_or_above),
		cmocka_unit_test(sysctls),
		cmocka_unit_test(other_hypercalls),
		cmocka_unit_test(populate_exact),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
