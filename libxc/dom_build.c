/* The arm64 domain builder: drives the hypercalls around the pure layout,
 * kernel and device-tree code (docs/xen-arm-abi.md §9.4 steps 5-13). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libfdt.h>

#include "dom_arm64.h"
#include "dom_copy.h"
#include "include/xenguest.h"
#include "xc_private.h"

#define FLUSH_CHUNK_PAGES 1024  /* 4 MiB of guest memory per cacheflush */
#define DTB_BUF_SIZE (64UL << 10)

void xc_dom_arm64_createdomain_config(struct xen_domctl_createdomain *c,
				      unsigned int vcpus,
				      unsigned int gic_version,
				      uint32_t nr_spis)
{
	memset(c, 0, sizeof(*c));
	c->flags = XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap;
	c->max_vcpus = vcpus;
	c->max_evtchn_port = 1023;
	c->max_grant_frames = -1;
	c->max_maptrack_frames = -1;
	c->grant_opts = XEN_DOMCTL_GRANT_version(1);
	c->arch.gic_version = (uint8_t)gic_version;
	c->arch.tee_type = XEN_DOMCTL_CONFIG_TEE_NONE;
	c->arch.nr_spis = nr_spis;
}

static int read_whole_file(const char *path, uint64_t limit, void **buf,
			   size_t *len)
{
	struct stat st;
	uint8_t *p;
	size_t got = 0;
	int fd, rc = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		rc = -errno;
		goto out;
	}
	if ((uint64_t)st.st_size > limit) {
		rc = -EFBIG;
		goto out;
	}
	p = malloc(st.st_size ? (size_t)st.st_size : 1);
	if (!p) {
		rc = -ENOMEM;
		goto out;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, p + got, (size_t)st.st_size - got);

		if (n <= 0) {
			rc = n < 0 ? -errno : -EIO;
			free(p);
			goto out;
		}
		got += (size_t)n;
	}
	*buf = p;
	*len = got;
out:
	close(fd);
	return rc;
}

/* Populates [base, base + nr) with the largest extents Xen will give. */
static int populate_range(xc_interface *xch, uint32_t domid, xen_pfn_t base,
			  xen_pfn_t nr, unsigned int max_order)
{
	xen_pfn_t cursor = base, end = base + nr;
	xen_pfn_t extents[XC_DOM_MAX_EXTENTS];

	while (cursor < end) {
		struct xc_dom_extent_run run;
		unsigned long i;
		int done;

		xc_dom_next_extent_run(cursor, end, max_order,
				       XC_DOM_MAX_EXTENTS, &run);
		for (i = 0; i < run.count; i++)
			extents[i] = run.gfn + (i << run.order);
		done = xc_domain_populate_physmap(xch, domid, run.count,
						  run.order, 0, extents);
		if (done < 0)
			return done;
		cursor += (xen_pfn_t)done << run.order;
		if ((unsigned long)done < run.count) {
			/* No more superpages of this size: finish the run
			 * with smaller ones, as Xen's builder does. */
			xen_pfn_t run_end = run.gfn + (run.count << run.order);
			int rc;

			if (run.order == 0)
				return -ENOMEM;
			rc = populate_range(xch, domid, cursor,
					    run_end - cursor,
					    run.order == 18 ? 9 : 0);
			if (rc < 0)
				return rc;
			cursor = run_end;
		}
	}
	return 0;
}

/* Cleans the guest's [gpa, gpa + len) to the point of coherency, for a
 * guest that starts with its MMU and caches off. */
static int clean_guest(xc_interface *xch, uint32_t domid, uint64_t gpa,
		       size_t len)
{
	xen_pfn_t gfn = gpa >> XC_PAGE_SHIFT;
	size_t npages = (len + XC_PAGE_SIZE - 1) >> XC_PAGE_SHIFT, i;

	/* In pieces: Xen bounds one cacheflush domctl. */
	for (i = 0; i < npages; i += FLUSH_CHUNK_PAGES) {
		size_t n = npages - i < FLUSH_CHUNK_PAGES ? npages - i :
			   FLUSH_CHUNK_PAGES;
		int rc = xc_domain_cacheflush(xch, domid, gfn + i, n);

		if (rc < 0) {
			XC_ERROR(xch, rc, "cacheflush dom%u", domid);
			return rc;
		}
	}
	return 0;
}

/*
 * Maps the guest's [gpa, gpa + len) (gpa page aligned, len rounded up to
 * pages) writable into this process in one piece, lets fill() write it,
 * unmaps it and cleans it to the point of coherency. The guest's pages come
 * zeroed from populate_physmap (the hypervisor scrubs what it hands out), so
 * only what fill() writes is written.
 */
static int fill_guest(xc_interface *xch, uint32_t domid, uint64_t gpa,
		      size_t len, int (*fill)(void *map, size_t cap, void *arg),
		      void *arg)
{
	xen_pfn_t gfn = gpa >> XC_PAGE_SHIFT, *arr;
	size_t npages = (len + XC_PAGE_SIZE - 1) >> XC_PAGE_SHIFT, i;
	uint8_t *map;
	int rc;

	if (npages == 0)
		return 0;
	if (npages > INT_MAX)
		return -EFBIG;
	arr = malloc(npages * sizeof(*arr));
	if (!arr)
		return -ENOMEM;
	for (i = 0; i < npages; i++)
		arr[i] = gfn + i;
	map = xc_map_foreign_pages(xch, domid, PROT_READ | PROT_WRITE, arr,
				   (int)npages);
	free(arr);
	if (!map) {
		rc = -errno;
		XC_ERROR(xch, rc, "mapping dom%u gfn %#llx+%zu", domid,
			 (unsigned long long)gfn, npages);
		return rc;
	}
	rc = fill(map, npages << XC_PAGE_SHIFT, arg);
	xc_unmap(xch, map, npages);
	return rc < 0 ? rc : clean_guest(xch, domid, gpa, len);
}

struct bytes {
	const void *src;
	size_t len;
};

static int fill_bytes(void *map, size_t cap, void *arg)
{
	const struct bytes *b = arg;

	if (b->src)
		memcpy(map, b->src, b->len);
	else
		memset(map, 0, cap);
	return 0;
}

/*
 * Copies len bytes to guest physical gpa (page aligned; src NULL: zeroes)
 * and cleans them: by grant copy while *c is open, else through a foreign
 * mapping. A refused copy closes *c, and the mapping takes over for the
 * rest of the build.
 */
static int copy_to_guest(xc_interface *xch, struct xc_dom_copier **c,
			 uint32_t domid, uint64_t gpa, const void *src,
			 size_t len)
{
	struct bytes b = { src, len };

	if (*c) {
		int rc = xc_dom_copy_in(*c, gpa, src, len);

		if (rc == 0)
			return clean_guest(xch, domid, gpa, len);
		xc_dom_log(xch, XTL_INFO, "dom%u: grant copy failed (%d), "
			   "mapping the pages instead", domid, rc);
		xc_dom_copier_close(*c);
		*c = NULL;
	}
	return fill_guest(xch, domid, gpa, len, fill_bytes, &b);
}

static int fill_kernel(void *map, size_t cap, void *arg)
{
	return xc_dom_kernel_load(arg, map, cap);
}

/* The kernel at gpa: a gzip'd one is inflated here and copied in, or
 * inflated straight into a mapping of its place when it cannot be. */
static int load_kernel(xc_interface *xch, struct xc_dom_copier **c,
		       uint32_t domid, uint64_t gpa,
		       const struct xc_dom_kernel *k)
{
	size_t cap = XC_DOM_ROUNDUP(k->size, XC_PAGE_SIZE);
	void *buf;
	int rc;

	if (*c && k->data)
		return copy_to_guest(xch, c, domid, gpa, k->data, k->size);
	buf = *c ? mmap(NULL, cap, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0) :
		   MAP_FAILED;
	if (buf == MAP_FAILED)
		return fill_guest(xch, domid, gpa, k->size, fill_kernel,
				  (void *)k);
	rc = xc_dom_kernel_load(k, buf, cap);
	if (rc == 0)
		rc = copy_to_guest(xch, c, domid, gpa, buf, k->size);
	munmap(buf, cap);
	return rc;
}

static void seed_entries(struct grant_entry_v1 *gt,
			 const struct xc_dom_args *a,
			 const struct xc_dom_result *out)
{
	xc_dom_grant_entry_write(&gt[GNTTAB_RESERVED_CONSOLE],
				 (domid_t)a->console_domid, out->console_pfn);
	xc_dom_grant_entry_write(&gt[GNTTAB_RESERVED_XENSTORE],
				 (domid_t)a->store_domid, out->store_pfn);
}

/* Grant refs 0 (console) and 1 (xenstore) to their backends, so that
 * xenconsoled and xenstored can map the rings with gntdev. c: the copier,
 * if still open, whose mapping of the grant frame serves. */
static int gnttab_seed(xc_interface *xch, uint32_t domid,
		       const struct xc_dom_args *a, struct xc_dom_result *out,
		       struct xc_dom_copier *c)
{
	const xen_pfn_t scratch = GUEST_GNTTAB_BASE >> XC_PAGE_SHIFT;
	struct grant_entry_v1 *gt;
	int rc, err;

	if (c) {
		seed_entries(xc_dom_copier_grant_frame(c), a, out);
		out->gnttab_seeded_by_resource = 1;
		return 0;
	}
	gt = xc_map_resource(xch, domid, XENMEM_resource_grant_table,
			     XENMEM_resource_grant_table_id_shared, 0, 1,
			     PROT_READ | PROT_WRITE);
	if (gt) {
		seed_entries(gt, a, out);
		xc_unmap(xch, gt, 1);
		out->gnttab_seeded_by_resource = 1;
		return 0;
	}
	err = errno;
	if (err != EOPNOTSUPP && err != ENOSYS && err != ENOTTY) {
		XC_ERROR(xch, -err, "acquire_resource grant table dom%u", domid);
		return -err;
	}
	/* Without acquire_resource: put the domain's grant frame 0 in its
	 * physmap, map it from here, and take it out again. */
	rc = xc_domain_add_to_physmap(xch, domid, XENMAPSPACE_grant_table, 0,
				      scratch);
	if (rc < 0) {
		XC_ERROR(xch, rc, "add_to_physmap grant_table dom%u", domid);
		return rc;
	}
	gt = xc_map_foreign_range(xch, domid, XC_PAGE_SIZE,
				  PROT_READ | PROT_WRITE, scratch);
	if (!gt) {
		rc = -errno;
		XC_ERROR(xch, rc, "mapping grant frame of dom%u", domid);
	} else {
		seed_entries(gt, a, out);
		xc_unmap(xch, gt, 1);
	}
	err = xc_domain_remove_from_physmap(xch, domid, scratch);
	if (rc == 0 && err < 0)
		rc = err;
	if (rc == 0)
		rc = xc_domain_cacheflush(xch, domid, scratch, 1);
	return rc;
}

static int set_params(xc_interface *xch, uint32_t domid,
		      const struct xc_dom_result *out)
{
	const struct { uint32_t param; uint64_t value; } p[] = {
		{ HVM_PARAM_CONSOLE_PFN, out->console_pfn },
		{ HVM_PARAM_STORE_PFN, out->store_pfn },
		{ HVM_PARAM_MONITOR_RING_PFN, XC_DOM_MONITOR_PFN },
		{ HVM_PARAM_CONSOLE_EVTCHN, out->console_port },
		{ HVM_PARAM_STORE_EVTCHN, out->store_port },
	};
	unsigned int i;

	for (i = 0; i < sizeof(p) / sizeof(p[0]); i++) {
		int rc = xc_hvm_param_set(xch, domid, p[i].param, p[i].value);

		if (rc < 0) {
			XC_ERROR(xch, rc, "set HVM param %u", p[i].param);
			return rc;
		}
	}
	return 0;
}

/* The guest DT for a layout; its size does not depend on the addresses. */
static int make_dtb(const struct xc_dom_args *a, const struct xc_dom_layout *l,
		    unsigned int gic, unsigned int gpaddr_bits,
		    const uint8_t *seed, void *buf)
{
	struct xc_dom_fdt_args f = {
		.vcpus = a->vcpus, .gic_version = gic,
		.clock_frequency = a->clock_frequency,
		.xen_major = a->xen_major, .xen_minor = a->xen_minor,
		.cmdline = a->cmdline,
		.ramdisk_base = l->ramdisk_base, .ramdisk_size = l->ramdisk_size,
		.nr_banks = l->nr_banks, .gpaddr_bits = gpaddr_bits,
		.rng_seed = seed,
	};

	memcpy(f.bank_base, l->bank_base, sizeof(f.bank_base));
	memcpy(f.bank_size, l->bank_size, sizeof(f.bank_size));
	return xc_dom_fdt_build(&f, buf, DTB_BUF_SIZE);
}

int xc_dom_build_arm64(xc_interface *xch, uint32_t domid,
		       const struct xc_dom_args *args,
		       struct xc_dom_result *out)
{
	struct xc_dom_args a = *args;
	struct xc_dom_kernel k = { 0 };
	struct xc_dom_layout l;
	xc_domaininfo_t info;
	vcpu_guest_context_any_t ctx;
	uint64_t ram = a.mem_mib << 20;
	void *kfile = NULL, *rdfile = NULL, *dtb = NULL;
	const void *rd = a.ramdisk;
	size_t kfile_len = 0, rd_len = a.ramdisk_size;
	unsigned int gic = a.gic_version ? a.gic_version : XEN_DOMCTL_CONFIG_GIC_V3;
	uint8_t seed[XC_DOM_RNG_SEED_SIZE];
	xen_pfn_t magic[XC_DOM_NR_MAGIC_PAGES];
	struct xc_dom_copier *copier = NULL;
	unsigned int i;
	int rc;

	memset(out, 0, sizeof(*out));
	if (a.vcpus == 0 || a.mem_mib == 0)
		return -EINVAL;

	/* Images first: nothing is asked of the hypervisor for a bad file. */
	if (!a.kernel) {
		if (!a.kernel_path)
			return -EINVAL;
		rc = read_whole_file(a.kernel_path, GUEST_RAM0_SIZE, &kfile,
				     &kfile_len);
		if (rc < 0) {
			XC_ERROR(xch, rc, "reading %s", a.kernel_path);
			return rc;
		}
		a.kernel = kfile;
		a.kernel_size = kfile_len;
	}
	rc = xc_dom_kernel_parse(a.kernel, a.kernel_size, ram, &k);
	if (rc < 0) {
		XC_ERROR(xch, rc, "kernel is not a usable arm64 Image");
		goto out;
	}
	if (!rd && a.ramdisk_path) {
		rc = read_whole_file(a.ramdisk_path, ram, &rdfile, &rd_len);
		if (rc < 0) {
			XC_ERROR(xch, rc, "reading %s", a.ramdisk_path);
			goto out;
		}
		rd = rdfile;
	}
	if (!rd)
		rd_len = 0;

	if (!a.xen_major && !a.xen_minor) {
		rc = xc_version(xch, XENVER_version, NULL);
		if (rc < 0)
			goto out;
		a.xen_major = (unsigned int)rc >> 16;
		a.xen_minor = (unsigned int)rc & 0xffff;
	}
	rc = xc_domain_getinfo_single(xch, domid, &info);
	if (rc < 0) {
		XC_ERROR(xch, rc, "no domain %u", domid);
		goto out;
	}
	if (getrandom(seed, sizeof(seed), 0) != (ssize_t)sizeof(seed))
		memset(seed, 0, sizeof(seed)); /* the guest still boots */

	/* Lay out with the DT's size, then write it with the real addresses. */
	rc = -ENOMEM;
	dtb = calloc(1, DTB_BUF_SIZE);
	if (!dtb)
		goto out;
	rc = xc_dom_layout_compute(ram, k.text_offset, k.size, rd_len, 4096, &l);
	if (rc == 0)
		rc = make_dtb(&a, &l, gic, info.gpaddr_bits, seed, dtb);
	if (rc == 0)
		rc = xc_dom_layout_compute(ram, k.text_offset, k.size, rd_len,
					   fdt_totalsize(dtb), &l);
	if (rc == 0)
		rc = make_dtb(&a, &l, gic, info.gpaddr_bits, seed, dtb);
	if (rc < 0) {
		XC_ERROR(xch, rc, "guest memory layout / device tree");
		goto out;
	}

	/* §9.4 step 5: store port first, then console (libxl's order). */
	rc = xc_evtchn_alloc_unbound(xch, domid, a.store_domid);
	if (rc < 0)
		goto fail_step;
	out->store_port = (evtchn_port_t)rc;
	rc = xc_evtchn_alloc_unbound(xch, domid, a.console_domid);
	if (rc < 0)
		goto fail_step;
	out->console_port = (evtchn_port_t)rc;

	rc = xc_domain_set_paging_mempool_size(xch, domid,
		a.paging_mempool_bytes ? a.paging_mempool_bytes :
		xc_dom_paging_mempool_bytes(a.vcpus, a.mem_mib));
	if (rc < 0)
		goto fail_step;
	rc = xc_hvm_param_set(xch, domid, HVM_PARAM_CALLBACK_IRQ,
			      XC_DOM_CALLBACK_IRQ);
	if (rc < 0)
		goto fail_step;
	rc = xc_domain_set_address_size(xch, domid, 64);
	if (rc < 0)
		goto fail_step;

	for (i = 0; i < l.nr_banks; i++) {
		rc = populate_range(xch, domid, l.bank_base[i] >> XC_PAGE_SHIFT,
				    l.bank_size[i] >> XC_PAGE_SHIFT, 18);
		if (rc < 0) {
			XC_ERROR(xch, rc, "populating RAM bank %u of dom%u",
				 i, domid);
			goto out;
		}
	}
	for (i = 0; i < XC_DOM_NR_MAGIC_PAGES; i++)
		magic[i] = (GUEST_MAGIC_BASE >> XC_PAGE_SHIFT) + i;
	rc = xc_domain_populate_physmap_exact(xch, domid, XC_DOM_NR_MAGIC_PAGES,
					      0, 0, magic);
	if (rc < 0)
		goto fail_step;
	copier = xc_dom_copier_open(xch, domid);
	rc = copy_to_guest(xch, &copier, domid, GUEST_MAGIC_BASE, NULL,
			   XC_DOM_NR_MAGIC_PAGES * XC_PAGE_SIZE);
	if (rc < 0)
		goto out;
	out->console_pfn = XC_DOM_CONSOLE_PFN;
	out->store_pfn = XC_DOM_STORE_PFN;
	rc = set_params(xch, domid, out);
	if (rc < 0)
		goto out;

	rc = load_kernel(xch, &copier, domid, l.kernel_base, &k);
	if (rc < 0)
		XC_ERROR(xch, rc, "loading the kernel into dom%u", domid);
	if (rc == 0 && rd_len)
		rc = copy_to_guest(xch, &copier, domid, l.ramdisk_base, rd,
				   rd_len);
	if (rc == 0)
		rc = copy_to_guest(xch, &copier, domid, l.dtb_base, dtb,
				   l.dtb_size);
	if (rc < 0)
		goto out;

	memset(&ctx, 0, sizeof(ctx));
	ctx.c.flags = VGCF_online;
	ctx.c.user_regs.pc64 = l.kernel_base;
	ctx.c.user_regs.x0 = l.dtb_base;
	ctx.c.user_regs.cpsr = PSR_GUEST64_INIT;
	ctx.c.sctlr = SCTLR_GUEST_INIT;
	rc = xc_vcpu_setcontext(xch, domid, 0, &ctx);
	if (rc < 0)
		goto fail_step;

	rc = gnttab_seed(xch, domid, &a, out, copier);
	if (rc < 0)
		goto out;

	out->kernel_base = l.kernel_base;
	out->entry = l.kernel_base;
	out->ramdisk_base = l.ramdisk_base;
	out->ramdisk_size = l.ramdisk_size;
	out->dtb_base = l.dtb_base;
	out->dtb_size = l.dtb_size;
	xc_dom_log(xch, XTL_INFO, "dom%u: kernel %#llx (%zu bytes), initrd "
		   "%#llx (%llu), dtb %#llx (%llu), store port %u console "
		   "port %u", domid, (unsigned long long)l.kernel_base,
		   k.size, (unsigned long long)l.ramdisk_base,
		   (unsigned long long)l.ramdisk_size,
		   (unsigned long long)l.dtb_base,
		   (unsigned long long)l.dtb_size, out->store_port,
		   out->console_port);
	rc = 0;
	goto out;

fail_step:
	XC_ERROR(xch, rc, "building dom%u", domid);
out:
	xc_dom_copier_close(copier);
	free(dtb);
	xc_dom_kernel_free(&k);
	free(kfile);
	free(rdfile);
	return rc;
}
