/* The guest device tree, parsed back with libfdt, against xen-arm-abi.md §2.3. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libfdt.h>

#include "dom_arm64.h"

static uint8_t seed[XC_DOM_RNG_SEED_SIZE];
static uint8_t blob[65536];

static struct xc_dom_fdt_args base_args(void)
{
	struct xc_dom_fdt_args a = {
		.vcpus = 2, .gic_version = XEN_DOMCTL_CONFIG_GIC_V3,
		.clock_frequency = 62500000, .xen_major = 4, .xen_minor = 17,
		.cmdline = "console=hvc0 root=/dev/ram0",
		.ramdisk_base = 0x48000000, .ramdisk_size = 0x123456,
		.nr_banks = 1, .bank_base = { GUEST_RAM0_BASE },
		.bank_size = { XC_DOM_MiB(256) }, .gpaddr_bits = 40,
		.rng_seed = seed,
	};
	return a;
}

static int node(const char *path)
{
	int off = fdt_path_offset(blob, path);

	if (off < 0)
		fail_msg("node %s missing: %s", path, fdt_strerror(off));
	return off;
}

static const void *prop(const char *path, const char *name, int *len)
{
	const void *v = fdt_getprop(blob, node(path), name, len);

	if (!v)
		fail_msg("%s:%s missing", path, name);
	return v;
}

static uint32_t u32(const char *path, const char *name)
{
	int len;
	const fdt32_t *v = prop(path, name, &len);

	assert_int_equal(len, 4);
	return fdt32_to_cpu(*v);
}

static uint64_t u64(const char *path, const char *name)
{
	int len;
	const fdt64_t *v = prop(path, name, &len);

	assert_int_equal(len, 8);
	return fdt64_to_cpu(*v);
}

static void assert_strs(const char *path, const char *name, const char *want,
			size_t want_len)
{
	int len;
	const char *v = prop(path, name, &len);

	assert_int_equal(len, (int)want_len);
	assert_memory_equal(v, want, want_len);
}

static void assert_cells(const char *path, const char *name,
			 const uint32_t *want, int n)
{
	int len, i;
	const fdt32_t *v = prop(path, name, &len);

	assert_int_equal(len, n * 4);
	for (i = 0; i < n; i++)
		assert_int_equal(fdt32_to_cpu(v[i]), want[i]);
}

static void build(const struct xc_dom_fdt_args *a)
{
	memset(blob, 0, sizeof(blob));
	assert_int_equal(xc_dom_fdt_build(a, blob, sizeof(blob)), 0);
	assert_int_equal(fdt_check_full(blob, fdt_totalsize(blob)), 0);
}

static void root_and_chosen(void **state)
{
	struct xc_dom_fdt_args a = base_args();
	int len;

	(void)state;
	build(&a);
	assert_int_equal(u32("/", "#address-cells"), 2);
	assert_int_equal(u32("/", "#size-cells"), 2);
	assert_int_equal(u32("/", "interrupt-parent"), 65000);
	assert_strs("/", "model", "XENVM-4.17", 11);
	assert_strs("/", "compatible", "xen,xenvm-4.17\0xen,xenvm", 25);
	assert_string_equal(prop("/chosen", "bootargs", &len),
			    "console=hvc0 root=/dev/ram0");
	assert_int_equal(u64("/chosen", "linux,initrd-start"), 0x48000000);
	assert_int_equal(u64("/chosen", "linux,initrd-end"), 0x48123456);
	assert_memory_equal(prop("/chosen", "rng-seed", &len), seed, 128);
	assert_int_equal(len, 128);
}

static void no_initrd_no_props(void **state)
{
	struct xc_dom_fdt_args a = base_args();

	(void)state;
	a.ramdisk_size = 0;
	a.cmdline = NULL;
	build(&a);
	assert_null(fdt_getprop(blob, node("/chosen"), "linux,initrd-start", NULL));
	assert_null(fdt_getprop(blob, node("/chosen"), "linux,initrd-end", NULL));
	assert_null(fdt_getprop(blob, node("/chosen"), "bootargs", NULL));
}

static void cpus(void **state)
{
	struct xc_dom_fdt_args a = base_args();
	int cpu, n = 0, len;

	(void)state;
	a.vcpus = 18;
	build(&a);
	assert_int_equal(u32("/cpus", "#address-cells"), 1);
	assert_int_equal(u32("/cpus", "#size-cells"), 0);
	assert_string_equal(prop("/cpus/cpu@0", "device_type", &len), "cpu");
	assert_string_equal(prop("/cpus/cpu@0", "compatible", &len), "arm,armv8");
	assert_string_equal(prop("/cpus/cpu@0", "enable-method", &len), "psci");
	assert_int_equal(u32("/cpus/cpu@0", "reg"), 0);
	assert_int_equal(u32("/cpus/cpu@f", "reg"), 0xf);
	/* vCPU 16 and 17: Aff1 = 1. */
	assert_int_equal(u32("/cpus/cpu@100", "reg"), 0x100);
	assert_int_equal(u32("/cpus/cpu@101", "reg"), 0x101);
	/* In vCPU order. */
	fdt_for_each_subnode(cpu, blob, node("/cpus")) {
		const fdt32_t *r = fdt_getprop(blob, cpu, "reg", NULL);

		assert_int_equal(fdt32_to_cpu(*r), (n & 0xf) | ((n >> 4) << 8));
		n++;
	}
	assert_int_equal(n, 18);
}

static void psci(void **state)
{
	struct xc_dom_fdt_args a = base_args();
	int len;

	(void)state;
	build(&a);
	assert_strs("/psci", "compatible",
		    "arm,psci-1.0\0arm,psci-0.2\0arm,psci", 35);
	assert_string_equal(prop("/psci", "method", &len), "hvc");
	assert_int_equal(u32("/psci", "cpu_off"), 1);
	assert_int_equal(u32("/psci", "cpu_on"), 2);
}

static void memory_nodes(void **state)
{
	struct xc_dom_fdt_args a = base_args();
	const uint32_t one[] = { 0, 0x40000000, 0, 0x10000000 };
	const uint32_t b0[] = { 0, 0x40000000, 0, 0xC0000000 };
	const uint32_t b1[] = { 2, 0, 0, 0x40000000 };
	int len;

	(void)state;
	build(&a);
	assert_string_equal(prop("/memory@40000000", "device_type", &len),
			    "memory");
	assert_cells("/memory@40000000", "reg", one, 4);
	assert_true(fdt_path_offset(blob, "/memory@200000000") < 0);

	a.nr_banks = 2;
	a.bank_size[0] = GUEST_RAM0_SIZE;
	a.bank_base[1] = GUEST_RAM1_BASE;
	a.bank_size[1] = XC_DOM_MiB(1024);
	build(&a);
	assert_cells("/memory@40000000", "reg", b0, 4);
	assert_cells("/memory@200000000", "reg", b1, 4);
}

static void gicv3(void **state)
{
	struct xc_dom_fdt_args a = base_args();
	const char *ic = "/interrupt-controller@3001000";
	const uint32_t reg[] = { 0, 0x03001000, 0, 0x10000,
				 0, 0x03020000, 0, 0x1000000 };
	int len;

	(void)state;
	build(&a);
	assert_string_equal(prop(ic, "compatible", &len), "arm,gic-v3");
	assert_int_equal(u32(ic, "#interrupt-cells"), 3);
	assert_int_equal(u32(ic, "#address-cells"), 0);
	prop(ic, "interrupt-controller", &len);
	assert_int_equal(len, 0);
	assert_cells(ic, "reg", reg, 8);
	assert_int_equal(u32(ic, "phandle"), 65000);
	assert_int_equal(u32(ic, "linux,phandle"), 65000);
	assert_int_equal(fdt_node_offset_by_phandle(blob, 65000), node(ic));
}

static void gicv2(void **state)
{
	struct xc_dom_fdt_args a = base_args();
	const char *ic = "/interrupt-controller@3001000";
	const uint32_t reg[] = { 0, 0x03001000, 0, 0x1000,
				 0, 0x03002000, 0, 0x2000 };

	(void)state;
	a.gic_version = XEN_DOMCTL_CONFIG_GIC_V2;
	build(&a);
	assert_strs(ic, "compatible", "arm,cortex-a15-gic\0arm,cortex-a9-gic", 37);
	assert_cells(ic, "reg", reg, 8);
	assert_int_equal(u32(ic, "phandle"), 65000);
	/* GICv2 guests are limited to 8 vCPUs. */
	a.vcpus = 9;
	assert_int_equal(xc_dom_fdt_build(&a, blob, sizeof(blob)), -EINVAL);
}

static void timer(void **state)
{
	struct xc_dom_fdt_args a = base_args();
	const uint32_t irqs[] = { 1, 13, 0xf08, 1, 14, 0xf08, 1, 11, 0xf08 };
	int len;

	(void)state;
	build(&a);
	assert_string_equal(prop("/timer", "compatible", &len), "arm,armv8-timer");
	assert_cells("/timer", "interrupts", irqs, 9);
	assert_int_equal(u32("/timer", "clock-frequency"), 62500000);
	a.clock_frequency = 0;
	build(&a);
	assert_null(fdt_getprop(blob, node("/timer"), "clock-frequency", NULL));
}

static void hypervisor(void **state)
{
	struct xc_dom_fdt_args a = base_args();
	/* gnttab window, then bank 0's unused tail (256 MiB .. 4 GiB) and
	 * bank 1 up to 2^40. */
	const uint32_t reg[] = { 0, 0x38000000, 0, 0x01000000,
				 0, 0x50000000, 0, 0xB0000000,
				 2, 0, 0xFE, 0 };
	const uint32_t irq[] = { 1, 15, 0xf08 };

	(void)state;
	build(&a);
	assert_int_equal(fdt_parent_offset(blob, node("/hypervisor")), 0);
	assert_strs("/hypervisor", "compatible", "xen,xen-4.17\0xen,xen", 21);
	assert_cells("/hypervisor", "reg", reg, 12);
	assert_cells("/hypervisor", "interrupts", irq, 3);
	assert_int_equal(u32("/hypervisor", "interrupt-parent"), 65000);
}

static void ext_regions_respect_gpaddr_bits(void **state)
{
	struct xc_dom_fdt_args a = base_args();
	uint64_t r[2][2];

	(void)state;
	a.gpaddr_bits = 32;    /* nothing above 4 GiB */
	assert_int_equal(xc_dom_ext_regions(&a, r, 2), 1);
	assert_int_equal(r[0][0], 0x50000000);
	assert_int_equal(r[0][1], 0xB0000000);
	/* A full bank 0 leaves no room there. */
	a.bank_size[0] = GUEST_RAM0_SIZE - XC_DOM_MiB(32);
	assert_int_equal(xc_dom_ext_regions(&a, r, 2), 0);
}

static void too_small_buffer(void **state)
{
	struct xc_dom_fdt_args a = base_args();

	(void)state;
	assert_int_equal(xc_dom_fdt_build(&a, blob, 256), -ENOSPC);
	a.vcpus = 0;
	assert_int_equal(xc_dom_fdt_build(&a, blob, sizeof(blob)), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(root_and_chosen),
		cmocka_unit_test(no_initrd_no_props),
		cmocka_unit_test(cpus),
		cmocka_unit_test(psci),
		cmocka_unit_test(memory_nodes),
		cmocka_unit_test(gicv3),
		cmocka_unit_test(gicv2),
		cmocka_unit_test(timer),
		cmocka_unit_test(hypervisor),
		cmocka_unit_test(ext_regions_respect_gpaddr_bits),
		cmocka_unit_test(too_small_buffer),
	};
	size_t i;

	for (i = 0; i < sizeof(seed); i++)
		seed[i] = (uint8_t)(i ^ 0x5a);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
