/* The whole arm64 build against the fake hypervisor: the §9.4 call order,
 * what lands in guest memory, vCPU0's context and the seeded grants. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <libfdt.h>

#include "dom_arm64.h"
#include "include/xenguest.h"
#include "fake_xen.h"
#include "test_image.h"

static struct fake_xen fx;
#define KLEN 20000
#define RDLEN 9000

struct img {
	uint8_t *kernel, *gz, *rd;
	size_t gz_len;
};

static struct xc_dom_args args_for(struct img *im)
{
	struct xc_dom_args a = {
		.kernel = im->gz, .kernel_size = im->gz_len,
		.ramdisk = im->rd, .ramdisk_size = RDLEN,
		.cmdline = "console=hvc0", .mem_mib = 256, .vcpus = 2,
		.gic_version = XEN_DOMCTL_CONFIG_GIC_V3,
		.clock_frequency = 62500000,
	};
	return a;
}

static void make_images(struct img *im)
{
	size_t i;

	im->kernel = make_image(KLEN, 0, 2 << 20);
	im->gz = gzip_bytes(im->kernel, KLEN, &im->gz_len);
	im->rd = malloc(RDLEN);
	for (i = 0; i < RDLEN; i++)
		im->rd[i] = (uint8_t)(i * 13);
}

static void free_images(struct img *im)
{
	free(im->kernel);
	free(im->gz);
	free(im->rd);
}

/* Reads len bytes of guest memory at gpa from the fake. */
static void guest_read(uint64_t gpa, void *dst, size_t len)
{
	uint8_t *d = dst;

	while (len) {
		const uint8_t *pg = fake_xen_page(&fx, gpa >> 12);
		size_t off = gpa & 4095, n = 4096 - off;

		if (n > len)
			n = len;
		assert_non_null(pg);
		memcpy(d, pg + off, n);
		d += n;
		gpa += n;
		len -= n;
	}
}

static int hvm_set_index(unsigned int from, uint32_t param)
{
	unsigned int i;

	for (i = from; i < fx.nr_calls; i++)
		if (fx.calls[i].op == __HYPERVISOR_hvm_op &&
		    fx.calls[i].cmd == HVMOP_set_param && fx.calls[i].a == param)
			return (int)i;
	return -1;
}

static void build_follows_the_libxl_sequence(void **state)
{
	xc_interface *xch = fake_xen_open(&fx);
	struct img im;
	struct xc_dom_args a;
	struct xc_dom_result r;
	int store, console, pool, cb, asz, pop, magic, params, flush, ctx;
	uint8_t *buf;
	const struct grant_entry_v1 *gt = (const void *)fx.gnttab;
	void *dtb;
	int len;

	(void)state;
	make_images(&im);
	a = args_for(&im);
	assert_int_equal(xc_dom_build_arm64(xch, 1, &a, &r), 0);
	assert_int_equal(fx.bad_version_seen, 0);

	/* Order: alloc_unbound x2, paging pool, CALLBACK_IRQ, address size,
	 * populate RAM then magic pages, params, copies + flushes, vCPU0. */
	store = fake_xen_find(&fx, 0, __HYPERVISOR_event_channel_op,
			      EVTCHNOP_alloc_unbound);
	console = fake_xen_find(&fx, store + 1, __HYPERVISOR_event_channel_op,
				EVTCHNOP_alloc_unbound);
	pool = fake_xen_find(&fx, 0, __HYPERVISOR_domctl,
			     XEN_DOMCTL_set_paging_mempool_size);
	cb = hvm_set_index(0, HVM_PARAM_CALLBACK_IRQ);
	asz = fake_xen_find(&fx, 0, __HYPERVISOR_domctl,
			    XEN_DOMCTL_set_address_size);
	pop = fake_xen_find(&fx, 0, __HYPERVISOR_memory_op,
			    XENMEM_populate_physmap);
	magic = pop;
	while (magic >= 0 && fx.calls[magic].a != 0x39000)
		magic = fake_xen_find(&fx, (unsigned int)magic + 1,
				      __HYPERVISOR_memory_op,
				      XENMEM_populate_physmap);
	params = hvm_set_index(0, HVM_PARAM_CONSOLE_PFN);
	/* The zeroed magic pages are flushed too; look for the images'. */
	flush = fake_xen_find(&fx, (unsigned int)params + 1, __HYPERVISOR_domctl,
			      XEN_DOMCTL_cacheflush);
	ctx = fake_xen_find(&fx, 0, __HYPERVISOR_domctl,
			    XEN_DOMCTL_setvcpucontext);
	assert_true(store >= 0 && store < console);
	assert_true(console < pool && pool < cb && cb < asz && asz < pop);
	assert_true(pop < magic && magic < params && params < flush);
	assert_true(flush < ctx);
	assert_int_equal(fx.calls[pool].a,
			 xc_dom_paging_mempool_bytes(2, 256));
	assert_int_equal(fx.calls[asz].a, 64);
	assert_int_equal(fx.calls[pop].a, 0x40000);
	/* 256 MiB from GFN 0x40000: 2 MiB extents (not 1 GiB-sized). */
	assert_int_equal(fx.calls[pop].b, 9);
	for (len = 0; len < 0x10000; len += 0x1000)
		assert_true(fake_xen_populated(&fx, 0x40000 + (xen_pfn_t)len));
	assert_false(fake_xen_populated(&fx, 0x50000));
	assert_int_equal(fx.calls[magic].b, 0);

	assert_int_equal(fx.hvm_params[HVM_PARAM_CALLBACK_IRQ],
			 0x020000000000021FULL);
	assert_int_equal(fx.hvm_params[HVM_PARAM_CONSOLE_PFN], 0x39000);
	assert_int_equal(fx.hvm_params[HVM_PARAM_STORE_PFN], 0x39001);
	assert_int_equal(fx.hvm_params[HVM_PARAM_MONITOR_RING_PFN], 0x39002);
	assert_int_equal(fx.hvm_params[HVM_PARAM_STORE_EVTCHN], r.store_port);
	assert_int_equal(fx.hvm_params[HVM_PARAM_CONSOLE_EVTCHN], r.console_port);
	assert_int_equal(r.store_port, 1);
	assert_int_equal(r.console_port, 2);
	assert_int_equal(r.store_pfn, 0x39001);
	assert_int_equal(r.console_pfn, 0x39000);

	/* Images in guest memory. */
	assert_int_equal(r.kernel_base, 0x40000000);
	buf = malloc(KLEN);
	guest_read(0x40000000, buf, KLEN);
	assert_memory_equal(buf, im.kernel, KLEN);
	free(buf);
	assert_int_equal(r.ramdisk_base, 0x48000000);
	assert_int_equal(r.ramdisk_size, RDLEN);
	buf = malloc(RDLEN);
	guest_read(r.ramdisk_base, buf, RDLEN);
	assert_memory_equal(buf, im.rd, RDLEN);
	free(buf);
	assert_int_equal(r.dtb_base, 0x48000000 + 3 * 4096);
	dtb = malloc(r.dtb_size);
	guest_read(r.dtb_base, dtb, r.dtb_size);
	assert_int_equal(fdt_check_full(dtb, r.dtb_size), 0);
	assert_int_equal(fdt_totalsize(dtb), r.dtb_size);
	assert_string_equal(fdt_getprop(dtb, fdt_path_offset(dtb, "/chosen"),
					"bootargs", &len), "console=hvc0");
	assert_int_equal(fdt64_to_cpu(*(const fdt64_t *)fdt_getprop(dtb,
			 fdt_path_offset(dtb, "/chosen"), "linux,initrd-start",
			 &len)), 0x48000000);
	assert_memory_equal(fdt_getprop(dtb, fdt_path_offset(dtb, "/hypervisor"),
					"compatible", &len), "xen,xen-4.17", 13);
	free(dtb);
	/* Magic pages exist and are zero. */
	for (len = 0; len < 4; len++) {
		const uint8_t *pg = fake_xen_page(&fx, 0x39000 + (xen_pfn_t)len);
		static const uint8_t zero[4096];

		assert_non_null(pg);
		assert_memory_equal(pg, zero, 4096);
	}

	/* vCPU0 enters the kernel with the DTB in x0. */
	assert_true(fx.ctx_set);
	assert_int_equal(fx.calls[ctx].a, 0);
	assert_int_equal(fx.ctx.flags, VGCF_online);
	assert_int_equal(fx.ctx.user_regs.pc64, 0x40000000);
	assert_int_equal(fx.ctx.user_regs.x0, r.dtb_base);
	assert_int_equal(fx.ctx.user_regs.x1, 0);
	assert_int_equal(fx.ctx.user_regs.cpsr, 0x1C5);
	assert_int_equal(fx.ctx.sctlr, 0x00C50078);
	assert_int_equal(fx.ctx.ttbr0 | fx.ctx.ttbr1 | fx.ctx.ttbcr, 0);

	/* Grant refs 0 and 1 for dom0, through acquire_resource. */
	assert_int_equal(r.gnttab_seeded_by_resource, 1);
	assert_int_equal(gt[0].flags, GTF_permit_access);
	assert_int_equal(gt[0].domid, 0);
	assert_int_equal(gt[0].frame, 0x39000);
	assert_int_equal(gt[1].flags, GTF_permit_access);
	assert_int_equal(gt[1].frame, 0x39001);
	assert_int_equal(gt[2].flags, 0);

	/* Every copied range was flushed. */
	assert_true(fake_xen_find(&fx, 0, __HYPERVISOR_domctl,
				  XEN_DOMCTL_cacheflush) >= 0);
	free_images(&im);
	fake_xen_close(xch, &fx);
}

static void flushes_cover_the_images(void **state)
{
	xc_interface *xch = fake_xen_open(&fx);
	struct img im;
	struct xc_dom_args a;
	struct xc_dom_result r;
	unsigned int i;
	int kernel = 0, rd = 0, dtb = 0;

	(void)state;
	make_images(&im);
	a = args_for(&im);
	assert_int_equal(xc_dom_build_arm64(xch, 1, &a, &r), 0);
	for (i = 0; i < fx.nr_calls; i++) {
		if (fx.calls[i].op != __HYPERVISOR_domctl ||
		    fx.calls[i].cmd != XEN_DOMCTL_cacheflush)
			continue;
		if (fx.calls[i].a == 0x40000 && fx.calls[i].b == 5)
			kernel = 1;
		if (fx.calls[i].a == 0x48000 && fx.calls[i].b == 3)
			rd = 1;
		if (fx.calls[i].a == r.dtb_base >> 12)
			dtb = 1;
	}
	assert_true(kernel && rd && dtb);
	free_images(&im);
	fake_xen_close(xch, &fx);
}

/* Only refs 0 and 1 may stay granted once the build is over. */
static void assert_window_cleared(void)
{
	const struct grant_entry_v1 *gt = (const void *)fx.gnttab;
	unsigned int i;

	for (i = 2; i < 4096 / sizeof(*gt); i++) {
		assert_int_equal(gt[i].flags, 0);
		assert_int_equal(gt[i].domid, 0);
		assert_int_equal(gt[i].frame, 0);
	}
}

static void assert_kernel_in_place(const struct img *im)
{
	uint8_t *buf = malloc(KLEN);

	guest_read(0x40000000, buf, KLEN);
	assert_memory_equal(buf, im->kernel, KLEN);
	free(buf);
}

static void images_arrive_by_grant_copy(void **state)
{
	xc_interface *xch = fake_xen_open(&fx);
	struct img im;
	struct xc_dom_args a;
	struct xc_dom_result r;
	unsigned int dtb_pages;

	(void)state;
	make_images(&im);
	a = args_for(&im);
	assert_int_equal(xc_dom_build_arm64(xch, 1, &a, &r), 0);
	dtb_pages = (unsigned int)((r.dtb_size + 4095) / 4096);
	/* Magic pages, kernel, initrd, DT: all copied, nothing mapped. */
	assert_int_equal(fx.copied_pages, 4 + 5 + 3 + dtb_pages);
	assert_int_equal(fx.mapped_pages, 0);
	assert_true(fake_xen_find(&fx, 0, FAKE_OP_GRANT_COPY, 504) < 0);
	assert_kernel_in_place(&im);
	assert_window_cleared();
	assert_int_equal(r.gnttab_seeded_by_resource, 1);
	free_images(&im);
	fake_xen_close(xch, &fx);
}

static void refused_grant_copy_falls_back(void **state)
{
	xc_interface *xch = fake_xen_open(&fx);
	const struct grant_entry_v1 *gt = (const void *)fx.gnttab;
	struct img im;
	struct xc_dom_args a;
	struct xc_dom_result r;

	(void)state;
	fx.copy_refusal = GNTST_permission_denied;
	make_images(&im);
	a = args_for(&im);
	assert_int_equal(xc_dom_build_arm64(xch, 1, &a, &r), 0);
	assert_int_equal(fx.copied_pages, 0);
	assert_true(fx.mapped_pages >= 5 + 3);
	/* Tried once, then mapped for the rest of the build. */
	assert_true(fake_xen_find(&fx, 0, FAKE_OP_GRANT_COPY, 4) >= 0);
	assert_int_equal(fake_xen_find(&fx, 0, FAKE_OP_GRANT_COPY, 5), -1);
	assert_kernel_in_place(&im);
	assert_window_cleared();
	assert_int_equal(gt[1].frame, 0x39001);
	free_images(&im);
	fake_xen_close(xch, &fx);
}

static void compat_grant_seeding(void **state)
{
	xc_interface *xch = fake_xen_open(&fx);
	const struct grant_entry_v1 *gt = (const void *)fx.gnttab;
	struct img im;
	struct xc_dom_args a;
	struct xc_dom_result r;
	int add, rm;

	(void)state;
	fx.has_resource = 0;
	make_images(&im);
	a = args_for(&im);
	a.store_domid = 0;
	a.console_domid = 0;
	assert_int_equal(xc_dom_build_arm64(xch, 1, &a, &r), 0);
	assert_int_equal(r.gnttab_seeded_by_resource, 0);
	add = fake_xen_find(&fx, 0, __HYPERVISOR_memory_op, XENMEM_add_to_physmap);
	rm = fake_xen_find(&fx, 0, __HYPERVISOR_memory_op,
			   XENMEM_remove_from_physmap);
	assert_true(add >= 0 && add < rm);
	assert_int_equal(fx.calls[add].dom, 1);
	assert_int_equal(fx.calls[add].a, XENMAPSPACE_grant_table);
	assert_int_equal(fx.calls[add].b, 0x38000);
	assert_int_equal(fx.calls[rm].a, 0x38000);
	assert_int_equal(fx.gnttab_gfn, 0);
	assert_int_equal(gt[0].flags, GTF_permit_access);
	assert_int_equal(gt[0].frame, 0x39000);
	assert_int_equal(gt[1].flags, GTF_permit_access);
	assert_int_equal(gt[1].frame, 0x39001);
	free_images(&im);
	fake_xen_close(xch, &fx);
}

static void superpage_refusal_falls_back(void **state)
{
	xc_interface *xch = fake_xen_open(&fx);
	struct img im;
	struct xc_dom_args a;
	struct xc_dom_result r;
	xen_pfn_t g;

	(void)state;
	fx.refuse_order = 18;
	make_images(&im);
	a = args_for(&im);
	a.mem_mib = 2048;   /* two whole 1 GiB extents in bank 0 */
	assert_int_equal(xc_dom_build_arm64(xch, 1, &a, &r), 0);
	for (g = 0x40000; g < 0x40000 + (2048 << 8); g += 0x200)
		assert_true(fake_xen_populated(&fx, g));
	assert_false(fake_xen_populated(&fx, 0x40000 + (2048 << 8)));
	free_images(&im);
	fake_xen_close(xch, &fx);
}

static void bad_kernel_touches_nothing(void **state)
{
	xc_interface *xch = fake_xen_open(&fx);
	struct img im;
	struct xc_dom_args a;
	struct xc_dom_result r;

	(void)state;
	make_images(&im);
	a = args_for(&im);
	a.kernel = im.rd;       /* no Image magic */
	a.kernel_size = RDLEN;
	assert_int_equal(xc_dom_build_arm64(xch, 1, &a, &r), -ENOEXEC);
	assert_int_equal(fx.nr_calls, 0);
	a = args_for(&im);
	a.mem_mib = 0;
	assert_int_equal(xc_dom_build_arm64(xch, 1, &a, &r), -EINVAL);
	a = args_for(&im);
	a.kernel = NULL;
	a.kernel_path = "/nonexistent/Image";
	assert_int_equal(xc_dom_build_arm64(xch, 1, &a, &r), -ENOENT);
	assert_int_equal(fx.nr_calls, 0);
	free_images(&im);
	fake_xen_close(xch, &fx);
}

static void unknown_domain(void **state)
{
	xc_interface *xch = fake_xen_open(&fx);
	struct img im;
	struct xc_dom_args a;
	struct xc_dom_result r;

	(void)state;
	make_images(&im);
	a = args_for(&im);
	assert_int_equal(xc_dom_build_arm64(xch, 4, &a, &r), -ESRCH);
	assert_int_equal(fake_xen_find(&fx, 0, __HYPERVISOR_memory_op,
				       XENMEM_populate_physmap), -1);
	free_images(&im);
	fake_xen_close(xch, &fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(build_follows_the_libxl_sequence),
		cmocka_unit_test(flushes_cover_the_images),
		cmocka_unit_test(images_arrive_by_grant_copy),
		cmocka_unit_test(refused_grant_copy_falls_back),
		cmocka_unit_test(compat_grant_seeding),
		cmocka_unit_test(superpage_refusal_falls_back),
		cmocka_unit_test(bad_kernel_touches_nothing),
		cmocka_unit_test(unknown_domain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
