/* The meaning of xl.cfg keys: a typical Debian guest, Xen's defaults and
 * the rules tying keys together, warnings, and semantic errors. */
#include "xlcfg_harness.h"

static const char debian_cfg[] =
	"# Debian 12 guest, as xen-create-image writes them (trimmed)\n"
	"name        = 'debian12'\n"
	"type        = \"pvh\"\n"
	"uuid        = \"3f2b6c1e-8a4d-4c2e-9b7a-1d2e3f405162\"\n"
	"kernel      = '/var/lib/xen/images/vmlinuz-6.1.0-18-arm64'\n"
	"ramdisk     = '/var/lib/xen/images/initrd.img-6.1.0-18-arm64'\n"
	"root        = '/dev/xvda2 ro'\n"
	"extra       = 'console=hvc0 elevator=noop'\n"
	"vcpus       = 2\n"
	"maxvcpus    = 4\n"
	"memory      = 512\n"
	"maxmem      = 1024\n"
	"disk        = [\n"
	"                  'file:/srv/xen/domains/debian12/disk.img,xvda2,w',\n"
	"                  'file:/srv/xen/domains/debian12/swap.img,xvda1,w',\n"
	"              ]\n"
	"vif         = [ 'ip=192.168.1.42 ,mac=00:16:3E:5F:48:E4,bridge=xenbr0' ]\n"
	"on_poweroff = 'destroy'\n"
	"on_reboot   = 'restart'\n"
	"on_crash    = 'restart'\n";

static void test_debian_guest(void **state)
{
	struct loaded *l = load(debian_cfg);
	const libxl_domain_config *d = &l->d;
	char uuid[37];

	(void)state;
	expect_ok(l);
	assert_int_equal(l->w.count, 0);
	assert_string_equal(d->c_info.name, "debian12");
	assert_int_equal(d->c_info.type, LIBXL_DOMAIN_TYPE_PVH);
	assert_int_equal(d->b_info.type, LIBXL_DOMAIN_TYPE_PVH);
	libxl_uuid_to_string(&d->c_info.uuid, uuid);
	assert_string_equal(uuid, "3f2b6c1e-8a4d-4c2e-9b7a-1d2e3f405162");
	assert_string_equal(d->b_info.kernel, "/var/lib/xen/images/vmlinuz-6.1.0-18-arm64");
	assert_string_equal(d->b_info.ramdisk, "/var/lib/xen/images/initrd.img-6.1.0-18-arm64");
	assert_string_equal(d->b_info.cmdline, "root=/dev/xvda2 ro console=hvc0 elevator=noop");
	assert_int_equal(d->b_info.max_vcpus, 4);
	assert_int_equal(libxl_bitmap_count_set(&d->b_info.avail_vcpus), 2);
	assert_true(libxl_bitmap_test(&d->b_info.avail_vcpus, 1));
	assert_false(libxl_bitmap_test(&d->b_info.avail_vcpus, 2));
	assert_int_equal(d->b_info.target_memkb, 512 * 1024);
	assert_int_equal(d->b_info.max_memkb, 1024 * 1024);
	assert_int_equal(d->num_disks, 2);
	assert_string_equal(d->disks[0].pdev_path, "/srv/xen/domains/debian12/disk.img");
	assert_string_equal(d->disks[0].vdev, "xvda2");
	assert_int_equal(d->disks[0].readwrite, 1);
	assert_int_equal(d->disks[0].format, LIBXL_DISK_FORMAT_RAW);
	assert_string_equal(d->disks[1].vdev, "xvda1");
	assert_int_equal(d->num_nics, 1);
	assert_string_equal(d->nics[0].ip, "192.168.1.42");
	assert_string_equal(d->nics[0].bridge, "xenbr0");
	assert_int_equal(d->nics[0].mac[5], 0xe4);
	assert_int_equal(d->nics[0].devid, 0);
	assert_int_equal(d->on_poweroff, LIBXL_ACTION_ON_SHUTDOWN_DESTROY);
	assert_int_equal(d->on_reboot, LIBXL_ACTION_ON_SHUTDOWN_RESTART);
	assert_int_equal(d->on_crash, LIBXL_ACTION_ON_SHUTDOWN_RESTART);
	unload(l);
}

/* What a config with only a name gets: xl's defaults. */
static void test_defaults(void **state)
{
	struct loaded *l = load("name = \"tiny\"\n");
	const libxl_domain_config *d = &l->d;

	(void)state;
	expect_ok(l);
	assert_int_equal(d->c_info.type, LIBXL_DOMAIN_TYPE_PVH);
	assert_false(libxl_uuid_is_nil(&d->c_info.uuid));
	assert_int_equal(d->b_info.max_vcpus, 1);
	assert_int_equal(libxl_bitmap_count_set(&d->b_info.avail_vcpus), 1);
	assert_true(libxl_bitmap_test(&d->b_info.avail_vcpus, 0));
	/* Memory is left for libxl to default. */
	assert_int_equal(d->b_info.target_memkb, LIBXL_MEMKB_DEFAULT);
	assert_int_equal(d->b_info.max_memkb, LIBXL_MEMKB_DEFAULT);
	assert_null(d->b_info.cmdline);
	assert_int_equal(d->on_poweroff, LIBXL_ACTION_ON_SHUTDOWN_DESTROY);
	assert_int_equal(d->on_reboot, LIBXL_ACTION_ON_SHUTDOWN_RESTART);
	assert_int_equal(d->on_watchdog, LIBXL_ACTION_ON_SHUTDOWN_DESTROY);
	assert_int_equal(d->on_crash, LIBXL_ACTION_ON_SHUTDOWN_DESTROY);
	assert_int_equal(d->on_soft_reset, LIBXL_ACTION_ON_SHUTDOWN_SOFT_RESET);
	assert_int_equal(d->b_info.max_grant_frames, LIBXL_MAX_GRANT_DEFAULT);
	unload(l);
}

static void test_memory_and_maxmem(void **state)
{
	struct loaded *l;

	(void)state;
	l = load("name='a'\nmemory = 300\n");
	expect_ok(l);
	assert_int_equal(l->d.b_info.target_memkb, 300 * 1024);
	assert_int_equal(l->d.b_info.max_memkb, 300 * 1024); /* maxmem defaults to memory */
	unload(l);
	l = load("name='a'\nmaxmem = 300\n");
	expect_ok(l);
	assert_int_equal(l->d.b_info.target_memkb, LIBXL_MEMKB_DEFAULT);
	assert_int_equal(l->d.b_info.max_memkb, 300 * 1024);
	unload(l);
	expect_error("name='a'\nmemory = 512\nmaxmem = 256\n",
		     "guest.cfg:3:10: maxmem (256 MiB) is less than memory (512 MiB)");
}

static void test_vcpus_and_maxvcpus(void **state)
{
	struct loaded *l;

	(void)state;
	l = load("name='a'\nvcpus = 3\n");
	expect_ok(l);
	assert_int_equal(l->d.b_info.max_vcpus, 3);
	assert_int_equal(libxl_bitmap_count_set(&l->d.b_info.avail_vcpus), 3);
	unload(l);
	l = load("name='a'\nmaxvcpus = 8\n");
	expect_ok(l);
	assert_int_equal(l->d.b_info.max_vcpus, 8);
	assert_int_equal(libxl_bitmap_count_set(&l->d.b_info.avail_vcpus), 1);
	unload(l);
	expect_error("name='a'\nvcpus = 4\nmaxvcpus = 2\n",
		     "guest.cfg:3:12: maxvcpus (2) is less than vcpus (4)");
}

static void test_cmdline_root_extra(void **state)
{
	struct loaded *l;

	(void)state;
	l = load("name='a'\nroot='/dev/xvda1'\n");
	expect_ok(l);
	assert_string_equal(l->d.b_info.cmdline, "root=/dev/xvda1");
	unload(l);
	l = load("name='a'\nextra='console=hvc0'\n");
	expect_ok(l);
	assert_string_equal(l->d.b_info.cmdline, "console=hvc0");
	unload(l);
	l = load("name='a'\nroot='/dev/xvda1'\nextra='console=hvc0'\ncmdline='quiet'\n");
	expect_ok(l);
	assert_string_equal(l->d.b_info.cmdline, "quiet");
	assert_string_equal(l->w.text, "guest.cfg:4:1: warning: root= and extra= are ignored "
			    "because cmdline= is given\n");
	unload(l);
}

static void test_type_and_builder(void **state)
{
	struct loaded *l;

	(void)state;
	l = load("name='a'\ntype='pv'\n");
	expect_ok(l);
	assert_int_equal(l->d.c_info.type, LIBXL_DOMAIN_TYPE_PVH);
	assert_string_equal(l->w.text, "guest.cfg:2:6: warning: type \"pv\" means \"pvh\" on Arm\n");
	unload(l);
	l = load("name='a'\nbuilder='generic'\n");
	expect_ok(l);
	assert_int_equal(l->d.c_info.type, LIBXL_DOMAIN_TYPE_PVH);
	unload(l);
	expect_error("name='a'\ntype='hvm'\n",
		     "guest.cfg:2:6: type: \"hvm\" guests do not exist on Arm (use \"pvh\")");
	expect_error("name='a'\ntype='xyz'\n", "guest.cfg:2:6: type: unknown guest type 'xyz' (pvh, or pv)");
	expect_error("name='a'\nbuilder='hvm'\n", "guest.cfg:2:9: builder: \"hvm\" guests do not exist on Arm");
}

static void test_actions(void **state)
{
	struct loaded *l = load("name='a'\non_poweroff='preserve'\non_reboot='rename-restart'\n"
				"on_watchdog='coredump-destroy'\non_crash='coredump-restart'\n"
				"on_soft_reset='destroy'\n");

	(void)state;
	expect_ok(l);
	assert_int_equal(l->d.on_poweroff, LIBXL_ACTION_ON_SHUTDOWN_PRESERVE);
	assert_int_equal(l->d.on_reboot, LIBXL_ACTION_ON_SHUTDOWN_RESTART_RENAME);
	assert_int_equal(l->d.on_watchdog, LIBXL_ACTION_ON_SHUTDOWN_COREDUMP_DESTROY);
	assert_int_equal(l->d.on_crash, LIBXL_ACTION_ON_SHUTDOWN_COREDUMP_RESTART);
	assert_int_equal(l->d.on_soft_reset, LIBXL_ACTION_ON_SHUTDOWN_DESTROY);
	unload(l);
	expect_error("name='a'\non_crash='explode'\n",
		     "guest.cfg:2:10: on_crash: unknown action 'explode' (destroy, restart, "
		     "rename-restart, preserve, coredump-destroy, coredump-restart or soft-reset)");
}

static void test_arm_and_limits(void **state)
{
	struct loaded *l = load("name='a'\ngic_version='v3'\nvuart='sbsa_uart'\n"
				"max_grant_frames=64\nmax_maptrack_frames=0\nmax_event_channels=2047\n"
				"pool='Pool-0'\n");

	(void)state;
	expect_ok(l);
	assert_int_equal(l->d.b_info.arch_arm.gic_version, LIBXL_GIC_VERSION_V3);
	assert_int_equal(l->d.b_info.arch_arm.vuart, LIBXL_VUART_TYPE_SBSA_UART);
	assert_int_equal(l->d.b_info.max_grant_frames, 64);
	assert_int_equal(l->d.b_info.max_maptrack_frames, 0);
	assert_int_equal(l->d.b_info.event_channels, 2047);
	assert_string_equal(l->d.c_info.pool_name, "Pool-0");
	unload(l);
	expect_error("name='a'\ngic_version='v4'\n",
		     "guest.cfg:2:13: gic_version: unknown value 'v4' (native, v2 or v3)");
}

static void test_unknown_and_unsupported_keys_warn(void **state)
{
	struct loaded *l = load("name='a'\nfrobnicate = 1\ncpus = \"0-3\"\nvfb = [ 'vnc=1' ]\n");

	(void)state;
	expect_ok(l);
	assert_string_equal(l->w.text,
			    "guest.cfg:2:1: warning: unknown key 'frobnicate' ignored\n"
			    "guest.cfg:3:8: warning: 'cpus' is not supported by Xenlet, ignored\n"
			    "guest.cfg:4:7: warning: 'vfb' is not supported by Xenlet, ignored\n");
	unload(l);
}

static void test_later_setting_wins(void **state)
{
	struct loaded *l = load("name='a'\nmemory=128\nname='b'\nmemory=256\n"
				"disk=['/x,,xvda']\ndisk=['/y,,xvdb','/z,,xvdc']\n");

	(void)state;
	expect_ok(l);
	assert_string_equal(l->d.c_info.name, "b");
	assert_int_equal(l->d.b_info.target_memkb, 256 * 1024);
	assert_int_equal(l->d.num_disks, 2);
	assert_string_equal(l->d.disks[0].pdev_path, "/y");
	unload(l);
}

static void test_semantic_errors(void **state)
{
	(void)state;
	expect_error("memory = 128\n", "guest.cfg:2:1: no name given (name = \"...\" is mandatory)");
	expect_error("name = ''\n", "guest.cfg:2:1: no name given (name = \"...\" is mandatory)");
	expect_error("name = ['a']\n", "guest.cfg:1:8: name: expected a string, not a list");
	expect_error("name='a'\nuuid='not-a-uuid'\n", "guest.cfg:2:6: uuid: bad UUID 'not-a-uuid'");
	expect_error("name='a'\ndisk='/dev/x,,xvda'\n", "guest.cfg:2:6: disk: expected a list [ '...', ... ]");
	expect_error("name='a'\ndisk=[['/dev/x,,xvda']]\n",
		     "guest.cfg:2:7: disk: expected a string in the list, not a list");
	expect_error("name='a'\ndisk = [ '/a,,xvda',\n         '/b,,xvdb',\n         '/c,,xvda' ]\n",
		     "guest.cfg:4:10: disk: vdev 'xvda' is used twice (first at 2:10)");
	expect_error("name='a'\ndisk = [ '/a,,xvda,rx' ]\n",
		     "guest.cfg:2:10: disk: unknown access mode 'rx' (r, ro, w or rw)");
	expect_error("name='a'\nvif = [ '', 'mac=00:16:3e:zz:00:01' ]\n",
		     "guest.cfg:2:13: vif: bad MAC address '00:16:3e:zz:00:01' "
		     "(six hex pairs: 00:16:3e:xx:xx:xx)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_debian_guest),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_memory_and_maxmem),
		cmocka_unit_test(test_vcpus_and_maxvcpus),
		cmocka_unit_test(test_cmdline_root_extra),
		cmocka_unit_test(test_type_and_builder),
		cmocka_unit_test(test_actions),
		cmocka_unit_test(test_arm_and_limits),
		cmocka_unit_test(test_unknown_and_unsupported_keys_warn),
		cmocka_unit_test(test_later_setting_wins),
		cmocka_unit_test(test_semantic_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
