/* libxl_domain_config: init/dispose, the value helpers, and the JSON form
 * (Xen's field names; round trip; malformed documents refused). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "libxl_types.h"

static void build_sample(libxl_domain_config *d)
{
	libxl_device_disk disk;
	libxl_device_nic nic;

	libxl_domain_config_init(d);
	d->c_info.type = LIBXL_DOMAIN_TYPE_PVH;
	d->c_info.name = strdup("guest");
	assert_int_equal(libxl_uuid_from_string(&d->c_info.uuid,
						"3F2B6C1E-8A4D-4C2E-9B7A-1D2E3F405162"), 0);
	d->b_info.type = LIBXL_DOMAIN_TYPE_PVH;
	d->b_info.max_vcpus = 2;
	assert_int_equal(libxl_bitmap_alloc(&d->b_info.avail_vcpus, 2), 0);
	libxl_bitmap_set(&d->b_info.avail_vcpus, 0);
	libxl_bitmap_set(&d->b_info.avail_vcpus, 1);
	d->b_info.max_memkb = d->b_info.target_memkb = 262144;
	d->b_info.kernel = strdup("/boot/Image");
	d->b_info.cmdline = strdup("console=hvc0 root=/dev/xvda \"quoted\"\\");
	d->b_info.arch_arm.gic_version = LIBXL_GIC_VERSION_V3;

	libxl_device_disk_init(&disk);
	disk.pdev_path = strdup("/dev/vg/guest");
	disk.vdev = strdup("xvda");
	disk.backend = LIBXL_DISK_BACKEND_PHY;
	disk.format = LIBXL_DISK_FORMAT_RAW;
	disk.readwrite = 1;
	libxl_defbool_set(&disk.discard_enable, false);
	assert_int_equal(libxl_domain_config_add_disk(d, &disk), 0);

	libxl_device_nic_init(&nic);
	nic.devid = 0;
	assert_int_equal(libxl_mac_from_string(nic.mac, "00:16:3e:01:02:03"), 0);
	nic.bridge = strdup("xenbr0");
	nic.nictype = LIBXL_NIC_TYPE_VIF;
	assert_int_equal(libxl_domain_config_add_nic(d, &nic), 0);

	d->on_reboot = LIBXL_ACTION_ON_SHUTDOWN_RESTART;
	d->on_crash = LIBXL_ACTION_ON_SHUTDOWN_RESTART_RENAME;
	d->on_soft_reset = LIBXL_ACTION_ON_SHUTDOWN_SOFT_RESET;
}

/* What `xl list -l` prints for such a domain on Xen (its "config" part):
 * members still at their defaults are left out. */
static const char sample_json[] =
	"{\n"
	"    \"c_info\": {\n"
	"        \"type\": \"pvh\",\n"
	"        \"name\": \"guest\",\n"
	"        \"uuid\": \"3f2b6c1e-8a4d-4c2e-9b7a-1d2e3f405162\"\n"
	"    },\n"
	"    \"b_info\": {\n"
	"        \"max_vcpus\": 2,\n"
	"        \"avail_vcpus\": [\n"
	"            0,\n"
	"            1\n"
	"        ],\n"
	"        \"max_memkb\": 262144,\n"
	"        \"target_memkb\": 262144,\n"
	"        \"kernel\": \"/boot/Image\",\n"
	"        \"cmdline\": \"console=hvc0 root=/dev/xvda \\\"quoted\\\"\\\\\",\n"
	"        \"type.pvh\": {\n"
	"\n"
	"        },\n"
	"        \"arch_arm\": {\n"
	"            \"gic_version\": \"v3\"\n"
	"        }\n"
	"    },\n"
	"    \"disks\": [\n"
	"        {\n"
	"            \"pdev_path\": \"/dev/vg/guest\",\n"
	"            \"vdev\": \"xvda\",\n"
	"            \"backend\": \"phy\",\n"
	"            \"format\": \"raw\",\n"
	"            \"readwrite\": 1,\n"
	"            \"discard_enable\": \"False\"\n"
	"        }\n"
	"    ],\n"
	"    \"nics\": [\n"
	"        {\n"
	"            \"devid\": 0,\n"
	"            \"mac\": \"00:16:3e:01:02:03\",\n"
	"            \"bridge\": \"xenbr0\",\n"
	"            \"nictype\": \"vif\"\n"
	"        }\n"
	"    ],\n"
	"    \"on_reboot\": \"restart\",\n"
	"    \"on_crash\": \"restart_rename\",\n"
	"    \"on_soft_reset\": \"soft_reset\"\n"
	"}\n";

static void test_generate_matches_xen_layout(void **state)
{
	libxl_domain_config d;
	char *json;

	(void)state;
	build_sample(&d);
	json = libxl_domain_config_to_json(&d);
	assert_non_null(json);
	assert_string_equal(json, sample_json);
	free(json);
	libxl_domain_config_dispose(&d);
}

static void test_round_trip(void **state)
{
	libxl_domain_config d, back;
	char *j1, *j2, err[256];

	(void)state;
	build_sample(&d);
	j1 = libxl_domain_config_to_json(&d);
	libxl_domain_config_init(&back);
	assert_int_equal(libxl_domain_config_from_json(&back, j1, err, sizeof(err)), 0);
	assert_string_equal(err, "");
	j2 = libxl_domain_config_to_json(&back);
	assert_string_equal(j1, j2);
	/* And the structs agree where it matters. */
	assert_string_equal(back.c_info.name, "guest");
	assert_int_equal(back.b_info.max_memkb, 262144);
	assert_int_equal(back.b_info.max_grant_frames, LIBXL_MAX_GRANT_DEFAULT);
	assert_int_equal(back.num_disks, 1);
	assert_int_equal(back.disks[0].backend, LIBXL_DISK_BACKEND_PHY);
	assert_int_equal(back.nics[0].mac[5], 3);
	assert_int_equal(back.on_poweroff, LIBXL_ACTION_ON_SHUTDOWN_DESTROY);
	assert_int_equal(back.on_crash, LIBXL_ACTION_ON_SHUTDOWN_RESTART_RENAME);
	free(j1);
	free(j2);
	libxl_domain_config_dispose(&d);
	libxl_domain_config_dispose(&back);
}

static void test_empty_config_round_trip(void **state)
{
	libxl_domain_config d;
	char *j1, *j2;

	(void)state;
	libxl_domain_config_init(&d);
	j1 = libxl_domain_config_to_json(&d);
	assert_string_equal(j1, "{\n    \"c_info\": {\n\n    },\n    \"b_info\": {\n"
			    "        \"type.invalid\": {\n\n        },\n"
			    "        \"arch_arm\": {\n\n        }\n    }\n}\n");
	assert_int_equal(libxl_domain_config_from_json(&d, j1, NULL, 0), 0);
	j2 = libxl_domain_config_to_json(&d);
	assert_string_equal(j1, j2);
	free(j1);
	free(j2);
	libxl_domain_config_dispose(&d);
}

/* Xen's output carries many members we do not model: they are skipped. */
static void test_unknown_members_ignored(void **state)
{
	static const char xen[] =
		"{\"c_info\": {\"type\": \"pvh\", \"hap\": \"<default>\", \"ssidref\": 0,"
		" \"name\": \"g\", \"xsdata\": {}, \"run_hotplug_scripts\": \"True\"},"
		" \"b_info\": {\"max_vcpus\": 1, \"avail_vcpus\": [0], \"sched_params\": {},"
		" \"max_memkb\": 131072, \"target_memkb\": 131072, \"shadow_memkb\": 1536,"
		" \"type.pvh\": {\"pvshim\": \"False\"}, \"arch_arm\": {\"gic_version\": \"V3\","
		" \"sve_vl\": \"disabled\"}, \"arch_x86\": {}},"
		" \"disks\": [{\"pdev_path\": \"/dev/loop0\", \"vdev\": \"xvda\", \"backend\": \"phy\","
		" \"format\": \"raw\", \"readwrite\": 1, \"specification\": \"xen\"}],"
		" \"nics\": [], \"vfbs\": [], \"on_reboot\": \"restart\", \"future\": [1, {\"x\": null}]}";
	libxl_domain_config d;
	char err[256];

	(void)state;
	libxl_domain_config_init(&d);
	assert_int_equal(libxl_domain_config_from_json(&d, xen, err, sizeof(err)), 0);
	assert_string_equal(d.c_info.name, "g");
	assert_int_equal(d.b_info.type, LIBXL_DOMAIN_TYPE_PVH);
	assert_int_equal(d.b_info.arch_arm.gic_version, LIBXL_GIC_VERSION_V3);
	assert_int_equal(d.num_disks, 1);
	assert_string_equal(d.disks[0].pdev_path, "/dev/loop0");
	assert_int_equal(d.num_nics, 0);
	assert_int_equal(d.on_reboot, LIBXL_ACTION_ON_SHUTDOWN_RESTART);
	libxl_domain_config_dispose(&d);
}

static void expect_refused(const char *json, const char *msg)
{
	libxl_domain_config d;
	char err[256];

	libxl_domain_config_init(&d);
	d.c_info.name = strdup("stale"); /* disposed by the call either way */
	assert_int_equal(libxl_domain_config_from_json(&d, json, err, sizeof(err)), ERROR_INVAL);
	if (msg)
		assert_string_equal(err, msg);
	else
		assert_true(err[0]);
	/* Nothing half-built is left behind. */
	assert_null(d.c_info.name);
	assert_int_equal(d.num_disks, 0);
	assert_null(d.disks);
	assert_int_equal(d.b_info.max_memkb, LIBXL_MEMKB_DEFAULT);
	libxl_domain_config_dispose(&d);
}

static void test_malformed_refused(void **state)
{
	char *deep;
	int i;

	(void)state;
	/* Not JSON at all (yajl words the detail). */
	expect_refused("", NULL);
	expect_refused("{", NULL);
	expect_refused("{\"c_info\": {\"name\": \"g\"}", NULL);
	expect_refused("{\"c_info\": {\"name\": \"g\",}}", NULL);
	expect_refused("{\"c_info\": {\"name\": \"g\"}} trailing", NULL);
	expect_refused("\"\\ud800\"", NULL);
	assert_int_equal(strncmp("not valid JSON: ", "not valid JSON: ", 16), 0);
	/* JSON, but not a domain config. */
	expect_refused("[]", "expected an object, not an array");
	expect_refused("42", "expected an object, not a number");
	expect_refused("{\"c_info\": []}", "c_info: expected an object, not an array");
	expect_refused("{\"c_info\": {\"name\": 5}}", "c_info.name: expected a string, not a number");
	expect_refused("{\"c_info\": {\"name\": \"a\", \"name\": \"b\"}}", "c_info.name: given twice");
	expect_refused("{\"c_info\": {\"type\": \"hvm2\"}}", "c_info.type: unknown value 'hvm2'");
	expect_refused("{\"c_info\": {\"uuid\": \"1234\"}}", "c_info.uuid: bad UUID '1234'");
	expect_refused("{\"b_info\": {\"max_vcpus\": -1}}",
		       "b_info.max_vcpus: -1 is out of range [0, 2147483647]");
	expect_refused("{\"b_info\": {\"max_vcpus\": 1.5}}",
		       "b_info.max_vcpus: expected an integer, not a number");
	expect_refused("{\"b_info\": {\"max_memkb\": 99999999999999999999999}}",
		       "b_info.max_memkb: expected an integer, not a number");
	expect_refused("{\"b_info\": {\"avail_vcpus\": [0, 5000]}}",
		       "b_info.avail_vcpus: 5000 is out of range [0, 4095]");
	expect_refused("{\"b_info\": {\"max_grant_frames\": 4294967296}}",
		       "b_info.max_grant_frames: 4294967296 is out of range [0, 4294967295]");
	expect_refused("{\"b_info\": {\"type.pvh\": 1}}", "b_info.type.pvh: expected an object, not a number");
	expect_refused("{\"disks\": {}}", "disks: expected an array, not an object");
	expect_refused("{\"disks\": [{\"vdev\": \"xvda\"}, {\"readwrite\": \"yes\"}]}",
		       "disks[1].readwrite: expected an integer, not a string");
	expect_refused("{\"disks\": [{\"discard_enable\": \"maybe\"}]}",
		       "disks[0].discard_enable: 'maybe' is not True, False or <default>");
	expect_refused("{\"disks\": [{\"direct_io_safe\": 1}]}",
		       "disks[0].direct_io_safe: expected true or false, not a number");
	expect_refused("{\"nics\": [{\"mac\": \"00:16:3e:01:02\"}]}",
		       "nics[0].mac: bad MAC address '00:16:3e:01:02'");
	expect_refused("{\"nics\": [{\"devid\": -2}]}", "nics[0].devid: -2 is out of range [-1, 2147483647]");
	expect_refused("{\"on_crash\": \"explode\"}", "on_crash: unknown value 'explode'");
	expect_refused("{\"on_crash\": null}", "on_crash: expected a string, not null");

	deep = malloc(100001);
	assert_non_null(deep);
	for (i = 0; i < 100000; i++)
		deep[i] = i < 50000 ? '[' : ']';
	deep[100000] = '\0';
	expect_refused(deep, "nested deeper than 32 levels");
	free(deep);
}

static void test_helpers(void **state)
{
	libxl_uuid u;
	libxl_bitmap b = { 0 };
	libxl_disk_format f;
	char s[37];

	(void)state;
	memset(&u, 0, sizeof(u));
	assert_true(libxl_uuid_is_nil(&u));
	libxl_uuid_generate(&u);
	assert_false(libxl_uuid_is_nil(&u));
	libxl_uuid_to_string(&u, s);
	assert_int_equal(strlen(s), 36);
	assert_int_equal(libxl_uuid_from_string(&u, "3f2b6c1e-8a4d-4c2e-9b7a-1d2e3f40516"), ERROR_INVAL);

	assert_int_equal(libxl_bitmap_alloc(&b, 9), 0);
	assert_int_equal(b.size, 2);
	libxl_bitmap_set(&b, 8);
	libxl_bitmap_set(&b, 16); /* out of range: ignored */
	assert_true(libxl_bitmap_test(&b, 8));
	assert_false(libxl_bitmap_test(&b, 16));
	assert_int_equal(libxl_bitmap_count_set(&b), 1);
	libxl_bitmap_dispose(&b);

	assert_string_equal(libxl_action_on_shutdown_to_string(LIBXL_ACTION_ON_SHUTDOWN_COREDUMP_DESTROY),
			    "coredump_destroy");
	assert_null(libxl_action_on_shutdown_to_string(99));
	assert_int_equal(libxl_disk_format_from_string("QCOW2", &f), 0);
	assert_int_equal(f, LIBXL_DISK_FORMAT_QCOW2);
	assert_int_equal(libxl_disk_format_from_string("vmdk", &f), ERROR_INVAL);
	assert_string_equal(libxl_nic_type_to_string(LIBXL_NIC_TYPE_VIF_IOEMU), "vif_ioemu");
	assert_string_equal(libxl_disk_backend_to_string(LIBXL_DISK_BACKEND_QDISK), "qdisk");
}

static void test_non_utf8_not_generated(void **state)
{
	libxl_domain_config d;

	(void)state;
	libxl_domain_config_init(&d);
	d.c_info.name = strdup("caf\xe9");
	assert_null(libxl_domain_config_to_json(&d));
	libxl_domain_config_dispose(&d);
}

static void test_dispose_resets(void **state)
{
	libxl_domain_config d, fresh;

	(void)state;
	build_sample(&d);
	libxl_domain_config_dispose(&d);
	libxl_domain_config_init(&fresh);
	assert_memory_equal(&d, &fresh, sizeof(d));
	libxl_domain_config_dispose(&d); /* twice is harmless */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generate_matches_xen_layout),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_empty_config_round_trip),
		cmocka_unit_test(test_unknown_members_ignored),
		cmocka_unit_test(test_malformed_refused),
		cmocka_unit_test(test_helpers),
		cmocka_unit_test(test_non_utf8_not_generated),
		cmocka_unit_test(test_dispose_resets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
