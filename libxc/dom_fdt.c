/* The domU device tree, as libxl 4.17 writes it for an ARM guest (libfdt). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <libfdt.h>

#include "dom_arm64.h"

#define PSCI_0_1_CPU_OFF 1
#define PSCI_0_1_CPU_ON  2
/* GIC interrupt specifier flags: all-CPU mask, level low. */
#define DT_PPI_FLAGS 0xf08
#define EXT_REGION_MIN XC_DOM_MiB(64)

/* Property writers that stop at the first libfdt error. */
struct fdt_w {
	void *fdt;
	int err;
};

static void begin(struct fdt_w *w, const char *name)
{
	if (!w->err)
		w->err = fdt_begin_node(w->fdt, name);
}

static void end(struct fdt_w *w)
{
	if (!w->err)
		w->err = fdt_end_node(w->fdt);
}

static void prop(struct fdt_w *w, const char *name, const void *v, int len)
{
	if (!w->err)
		w->err = fdt_property(w->fdt, name, v, len);
}

static void prop_u32(struct fdt_w *w, const char *name, uint32_t v)
{
	if (!w->err)
		w->err = fdt_property_u32(w->fdt, name, v);
}

static void prop_u64(struct fdt_w *w, const char *name, uint64_t v)
{
	if (!w->err)
		w->err = fdt_property_u64(w->fdt, name, v);
}

static void prop_str(struct fdt_w *w, const char *name, const char *s)
{
	if (!w->err)
		w->err = fdt_property_string(w->fdt, name, s);
}

/* A string list given as "a\0b" with its full length. */
static void prop_strs(struct fdt_w *w, const char *name, const char *s,
		      size_t len)
{
	prop(w, name, s, (int)len);
}

/* reg of (address, size) pairs with 2 cells each. */
static void prop_regs(struct fdt_w *w, const char *name,
		      const uint64_t (*r)[2], unsigned int n)
{
	fdt64_t cells[2 * 8];
	unsigned int i;

	for (i = 0; i < n && i < 8; i++) {
		cells[2 * i] = cpu_to_fdt64(r[i][0]);
		cells[2 * i + 1] = cpu_to_fdt64(r[i][1]);
	}
	prop(w, name, cells, (int)(i * sizeof(cells[0]) * 2));
}

static void prop_irqs(struct fdt_w *w, const uint32_t *ppis, unsigned int n)
{
	fdt32_t cells[3 * 4];
	unsigned int i;

	for (i = 0; i < n && i < 4; i++) {
		cells[3 * i] = cpu_to_fdt32(1);            /* PPI */
		cells[3 * i + 1] = cpu_to_fdt32(ppis[i] - 16);
		cells[3 * i + 2] = cpu_to_fdt32(DT_PPI_FLAGS);
	}
	prop(w, "interrupts", cells, (int)(i * 3 * sizeof(cells[0])));
}

unsigned int xc_dom_ext_regions(const struct xc_dom_fdt_args *a,
				uint64_t (*regions)[2], unsigned int max)
{
	static const uint64_t bank_base[] = { GUEST_RAM0_BASE, GUEST_RAM1_BASE };
	static const uint64_t bank_max[] = { GUEST_RAM0_SIZE, GUEST_RAM1_SIZE };
	unsigned int bits = a->gpaddr_bits ? a->gpaddr_bits : 40, i, n = 0;
	uint64_t top = bits >= 64 ? ~0ULL : (1ULL << bits) - 1;

	for (i = 0; i < GUEST_RAM_BANKS && n < max; i++) {
		uint64_t used = i < a->nr_banks ? a->bank_size[i] : 0;
		uint64_t start = bank_base[i] + XC_DOM_ROUNDUP(used, XC_DOM_MiB(2));
		uint64_t end = bank_base[i] + bank_max[i] - 1;

		if (end > top)
			end = top;
		if (start > end || end - start + 1 < EXT_REGION_MIN)
			continue;
		regions[n][0] = start;
		regions[n][1] = end - start + 1;
		n++;
	}
	return n;
}

static void cpus_node(struct fdt_w *w, unsigned int vcpus)
{
	unsigned int i;
	char name[32];

	begin(w, "cpus");
	prop_u32(w, "#address-cells", 1);
	prop_u32(w, "#size-cells", 0);
	for (i = 0; i < vcpus; i++) {
		/* vCPU n: Aff0 = n & 0xf, Aff1 = n >> 4. */
		uint32_t mpidr = (i & 0xf) | ((i >> 4) << 8);

		snprintf(name, sizeof(name), "cpu@%x", mpidr);
		begin(w, name);
		prop_str(w, "device_type", "cpu");
		prop_str(w, "compatible", "arm,armv8");
		prop_str(w, "enable-method", "psci");
		prop_u32(w, "reg", mpidr);
		end(w);
	}
	end(w);
}

static void gic_node(struct fdt_w *w, unsigned int version)
{
	static const char v2_compat[] = "arm,cortex-a15-gic\0arm,cortex-a9-gic";
	uint64_t reg[2][2];
	char name[48];

	snprintf(name, sizeof(name), "interrupt-controller@%llx",
		 (unsigned long long)GUEST_GICD_BASE);
	begin(w, name);
	if (version == XEN_DOMCTL_CONFIG_GIC_V2) {
		prop_strs(w, "compatible", v2_compat, sizeof(v2_compat));
		reg[0][0] = GUEST_GICD_BASE;
		reg[0][1] = GUEST_GICD_SIZE;
		reg[1][0] = GUEST_GICC_BASE;
		reg[1][1] = GUEST_GICC_SIZE;
	} else {
		prop_str(w, "compatible", "arm,gic-v3");
		reg[0][0] = GUEST_GICV3_GICD_BASE;
		reg[0][1] = GUEST_GICV3_GICD_SIZE;
		reg[1][0] = GUEST_GICV3_GICR0_BASE;
		reg[1][1] = GUEST_GICV3_GICR0_SIZE;
	}
	prop_u32(w, "#interrupt-cells", 3);
	prop_u32(w, "#address-cells", 0);
	prop(w, "interrupt-controller", NULL, 0);
	prop_regs(w, "reg", (const uint64_t (*)[2])reg, 2);
	prop_u32(w, "phandle", GUEST_PHANDLE_GIC);
	prop_u32(w, "linux,phandle", GUEST_PHANDLE_GIC);
	end(w);
}

int xc_dom_fdt_build(const struct xc_dom_fdt_args *a, void *buf,
		     size_t bufsize)
{
	static const char psci_compat[] =
		"arm,psci-1.0\0arm,psci-0.2\0arm,psci";
	static const uint32_t timer_ppis[] = {
		GUEST_TIMER_PHYS_S_PPI, GUEST_TIMER_PHYS_NS_PPI,
		GUEST_TIMER_VIRT_PPI,
	};
	static const uint32_t evtchn_ppi[] = { GUEST_EVTCHN_PPI };
	struct fdt_w w = { .fdt = buf };
	uint64_t hv_reg[1 + GUEST_RAM_BANKS][2];
	char str[64], name[48];
	int n, i;

	if (a->vcpus == 0 || a->vcpus > GUEST_MAX_VCPUS || a->nr_banks == 0 ||
	    a->nr_banks > GUEST_RAM_BANKS ||
	    (a->gic_version != XEN_DOMCTL_CONFIG_GIC_V2 &&
	     a->gic_version != XEN_DOMCTL_CONFIG_GIC_V3) ||
	    (a->gic_version == XEN_DOMCTL_CONFIG_GIC_V2 && a->vcpus > 8))
		return -EINVAL;

	w.err = fdt_create(buf, (int)bufsize);
	if (!w.err)
		w.err = fdt_finish_reservemap(buf);
	begin(&w, "");
	prop_u32(&w, "#address-cells", 2);
	prop_u32(&w, "#size-cells", 2);
	prop_u32(&w, "interrupt-parent", GUEST_PHANDLE_GIC);
	snprintf(str, sizeof(str), "XENVM-%u.%u", a->xen_major, a->xen_minor);
	prop_str(&w, "model", str);
	n = snprintf(str, sizeof(str), "xen,xenvm-%u.%u%cxen,xenvm",
		     a->xen_major, a->xen_minor, 0);
	prop_strs(&w, "compatible", str, (size_t)n + 1);

	begin(&w, "chosen");
	if (a->cmdline && a->cmdline[0])
		prop_str(&w, "bootargs", a->cmdline);
	if (a->ramdisk_size) {
		prop_u64(&w, "linux,initrd-start", a->ramdisk_base);
		prop_u64(&w, "linux,initrd-end",
			 a->ramdisk_base + a->ramdisk_size);
	}
	if (a->rng_seed)
		prop(&w, "rng-seed", a->rng_seed, XC_DOM_RNG_SEED_SIZE);
	end(&w);

	cpus_node(&w, a->vcpus);

	begin(&w, "psci");
	prop_strs(&w, "compatible", psci_compat, sizeof(psci_compat));
	prop_str(&w, "method", "hvc");
	prop_u32(&w, "cpu_off", PSCI_0_1_CPU_OFF);
	prop_u32(&w, "cpu_on", PSCI_0_1_CPU_ON);
	end(&w);

	for (i = 0; i < (int)a->nr_banks; i++) {
		uint64_t reg[1][2] = { { a->bank_base[i], a->bank_size[i] } };

		if (!a->bank_size[i])
			continue;
		snprintf(name, sizeof(name), "memory@%llx",
			 (unsigned long long)a->bank_base[i]);
		begin(&w, name);
		prop_str(&w, "device_type", "memory");
		prop_regs(&w, "reg", (const uint64_t (*)[2])reg, 1);
		end(&w);
	}

	gic_node(&w, a->gic_version);

	begin(&w, "timer");
	prop_str(&w, "compatible", "arm,armv8-timer");
	prop_irqs(&w, timer_ppis, 3);
	if (a->clock_frequency)
		prop_u32(&w, "clock-frequency", a->clock_frequency);
	end(&w);

	begin(&w, "hypervisor");
	n = snprintf(str, sizeof(str), "xen,xen-%u.%u%cxen,xen",
		     a->xen_major, a->xen_minor, 0);
	prop_strs(&w, "compatible", str, (size_t)n + 1);
	hv_reg[0][0] = GUEST_GNTTAB_BASE;
	hv_reg[0][1] = GUEST_GNTTAB_SIZE;
	n = (int)xc_dom_ext_regions(a, &hv_reg[1], GUEST_RAM_BANKS);
	prop_regs(&w, "reg", (const uint64_t (*)[2])hv_reg, (unsigned int)n + 1);
	prop_irqs(&w, evtchn_ppi, 1);
	prop_u32(&w, "interrupt-parent", GUEST_PHANDLE_GIC);
	end(&w);

	end(&w); /* root */
	if (!w.err)
		w.err = fdt_finish(buf);
	if (w.err == -FDT_ERR_NOSPACE)
		return -ENOSPC;
	return w.err ? -EINVAL : 0;
}
