/* disk= specs, every form xl-disk-configuration(5) describes. */
#include "xlcfg_harness.h"

struct parsed {
	libxl_device_disk disk;
	struct xlcfg_log log;
	struct warnings w;
	int rc;
};

static struct parsed *parse(const char *spec)
{
	struct parsed *p = calloc(1, sizeof(*p));

	assert_non_null(p);
	p->log.warn = collect_warning;
	p->log.opaque = &p->w;
	libxl_device_disk_init(&p->disk);
	p->rc = xlcfg_parse_disk(&p->disk, spec, &p->log);
	if (p->rc == ERROR_INVAL)
		assert_true(p->log.error[0]);
	return p;
}

static void done(struct parsed *p)
{
	libxl_device_disk_dispose(&p->disk);
	free(p);
}

/* spec parses to exactly these fields (NULL strings: not set). */
static void expect_disk(const char *spec, const char *target, libxl_disk_format format,
			const char *vdev, int rw, int cdrom)
{
	struct parsed *p = parse(spec);

	if (p->rc)
		fail_msg("'%s': %s", spec, p->log.error);
	if (target)
		assert_string_equal(p->disk.pdev_path, target);
	else
		assert_null(p->disk.pdev_path);
	assert_int_equal(p->disk.format, format);
	assert_string_equal(p->disk.vdev, vdev);
	assert_int_equal(p->disk.readwrite, rw);
	assert_int_equal(p->disk.is_cdrom, cdrom);
	assert_int_equal(p->disk.removable, cdrom);
	done(p);
}

static void expect_disk_error(const char *spec, const char *msg)
{
	struct parsed *p = parse(spec);

	assert_int_equal(p->rc, ERROR_INVAL);
	assert_string_equal(p->log.error, msg);
	/* A failed parse leaves nothing behind. */
	assert_null(p->disk.pdev_path);
	assert_null(p->disk.vdev);
	done(p);
}

#define RAW LIBXL_DISK_FORMAT_RAW

/* The equivalent forms the man page lists. */
static void test_man_page_examples(void **state)
{
	(void)state;
	expect_disk("/dev/vg/guest-volume,,hda", "/dev/vg/guest-volume", RAW, "hda", 1, 0);
	expect_disk("/dev/vg/guest-volume,raw,hda,rw", "/dev/vg/guest-volume", RAW, "hda", 1, 0);
	expect_disk("format=raw, vdev=hda, access=rw, target=/dev/vg/guest-volume",
		    "/dev/vg/guest-volume", RAW, "hda", 1, 0);
	expect_disk("raw:/dev/vg/guest-volume,hda,w", "/dev/vg/guest-volume", RAW, "hda", 1, 0);

	expect_disk("/root/image.iso,,hdc,cdrom", "/root/image.iso", RAW, "hdc", 0, 1);
	expect_disk("/root/image.iso,,hdc,,cdrom", "/root/image.iso", RAW, "hdc", 0, 1);
	expect_disk("/root/image.iso,raw,hdc,devtype=cdrom", "/root/image.iso", RAW, "hdc", 0, 1);
	expect_disk("format=raw, vdev=hdc, access=ro, devtype=cdrom, target=/root/image.iso",
		    "/root/image.iso", RAW, "hdc", 0, 1);
	expect_disk("raw:/root/image.iso,hdc:cdrom,ro", "/root/image.iso", RAW, "hdc", 0, 1);
}

static void test_positional(void **state)
{
	(void)state;
	expect_disk("/img/a.qcow2,qcow2,xvda,r", "/img/a.qcow2", LIBXL_DISK_FORMAT_QCOW2, "xvda", 0, 0);
	expect_disk("/img/a.vhd,vhd,xvdb", "/img/a.vhd", LIBXL_DISK_FORMAT_VHD, "xvdb", 1, 0);
	expect_disk("/img/a,qed,xvdb,w", "/img/a", LIBXL_DISK_FORMAT_QED, "xvdb", 1, 0);
	expect_disk("/img/a,qcow,xvdc,ro", "/img/a", LIBXL_DISK_FORMAT_QCOW, "xvdc", 0, 0);
	expect_disk("  /img/a , raw , xvdd , rw , ", "/img/a", RAW, "xvdd", 1, 0);
	/* A number is a vdev too (xen-vbd-interface(7)). */
	expect_disk("/img/a,,51712", "/img/a", RAW, "51712", 1, 0);
}

static void test_keywords(void **state)
{
	struct parsed *p;

	(void)state;
	p = parse("vdev=xvda, target=/dev/vg/a, with, commas ");
	assert_int_equal(p->rc, 0);
	assert_string_equal(p->disk.pdev_path, "/dev/vg/a, with, commas ");
	done(p);

	p = parse("/dev/sdb,,xvdb,backendtype=phy,backend=driverdom,script=block-iscsi");
	assert_int_equal(p->rc, 0);
	assert_int_equal(p->disk.backend, LIBXL_DISK_BACKEND_PHY);
	assert_string_equal(p->disk.backend_domname, "driverdom");
	assert_string_equal(p->disk.script, "block-iscsi");
	done(p);

	p = parse("/a,,xvda,backendtype=qdisk,direct-io-safe,no-discard,untrusted,specification=xen");
	assert_int_equal(p->rc, 0);
	assert_int_equal(p->disk.backend, LIBXL_DISK_BACKEND_QDISK);
	assert_true(p->disk.direct_io_safe);
	assert_false(libxl_defbool_is_default(p->disk.discard_enable));
	assert_false(libxl_defbool_val(p->disk.discard_enable));
	assert_false(libxl_defbool_val(p->disk.trusted));
	done(p);

	p = parse("/a,,xvda,backendtype=tap,discard,trusted");
	assert_int_equal(p->rc, 0);
	assert_int_equal(p->disk.backend, LIBXL_DISK_BACKEND_TAP);
	assert_true(libxl_defbool_val(p->disk.discard_enable));
	assert_true(libxl_defbool_val(p->disk.trusted));
	done(p);

	/* An empty positional target may be given again by name. */
	expect_disk(",,xvda,target=/dev/late", "/dev/late", RAW, "xvda", 1, 0);
	/* Keys before positionals still fill the right positions. */
	expect_disk("format=qcow2,/i.qcow2,xvda", "/i.qcow2", LIBXL_DISK_FORMAT_QCOW2, "xvda", 1, 0);
	expect_disk("access=ro,/i,,xvda", "/i", RAW, "xvda", 0, 0);
	expect_disk("devtype=disk,/i,,xvda", "/i", RAW, "xvda", 1, 0);
}

static void test_prefixes(void **state)
{
	struct parsed *p;

	(void)state;
	expect_disk("phy:/dev/vg/a,xvda,w", "/dev/vg/a", RAW, "xvda", 1, 0);
	expect_disk("file:/srv/a.img,xvda1,r", "/srv/a.img", RAW, "xvda1", 0, 0);
	expect_disk("tap:aio:/srv/a.img,xvda,w", "/srv/a.img", RAW, "xvda", 1, 0);
	expect_disk("tap:qcow2:/srv/a.qcow2,xvda,w", "/srv/a.qcow2", LIBXL_DISK_FORMAT_QCOW2, "xvda", 1, 0);
	expect_disk("vhd:/srv/a.vhd,xvda", "/srv/a.vhd", LIBXL_DISK_FORMAT_VHD, "xvda", 1, 0);
	p = parse("iscsi:iqn.2001-05.com.example:disk1,xvda,w");
	assert_int_equal(p->rc, 0);
	assert_string_equal(p->disk.script, "block-iscsi");
	assert_string_equal(p->disk.pdev_path, "iqn.2001-05.com.example:disk1");
	done(p);
	expect_disk_error("nfs:/srv/a,xvda,w", "unknown disk prefix 'nfs:'");
}

static void test_cdroms(void **state)
{
	/* Empty drives: no target, format "empty", read-only. */
	(void)state;
	expect_disk(",,hdc,cdrom", NULL, LIBXL_DISK_FORMAT_EMPTY, "hdc", 0, 1);
	expect_disk(",hdc:cdrom,r", NULL, LIBXL_DISK_FORMAT_EMPTY, "hdc", 0, 1);
	expect_disk("vdev=hdc,devtype=cdrom", NULL, LIBXL_DISK_FORMAT_EMPTY, "hdc", 0, 1);
	/* A cdrom may still be made writable explicitly. */
	expect_disk("/i.iso,,hdc,rw,cdrom", "/i.iso", RAW, "hdc", 1, 1);
}

static void test_bad_specs(void **state)
{
	(void)state;
	expect_disk_error("/a,,xvda,rx", "unknown access mode 'rx' (r, ro, w or rw)");
	expect_disk_error("/a,,xvda,access=rwx", "unknown access mode 'rwx' (r, ro, w or rw)");
	expect_disk_error("/a,vmdk,xvda", "unknown disk format 'vmdk' (raw, qcow, qcow2, vhd or qed)");
	expect_disk_error("/a,,xvda,rw,extra", "too many positional parameters (at 'extra')");
	expect_disk_error("/a,,xvda,colour=blue", "unknown disk parameter 'colour'");
	expect_disk_error("/a,,xvda,backendtype=nbd",
			  "unknown backendtype 'nbd' (phy, qdisk, tap or standalone)");
	expect_disk_error("/a,,xvda,devtype=floppy", "unknown devtype 'floppy' (cdrom or disk)");
	expect_disk_error("/a,,xvda,vdev=xvdb", "vdev given twice ('xvda' and 'xvdb')");
	expect_disk_error("/a,raw,xvda,format=qcow2", "format given twice ('raw' and 'qcow2')");
	expect_disk_error("/a,,xvda,target=/b", "target given twice");
	expect_disk_error("/a", "no vdev given");
	expect_disk_error("", "no target given (only an empty cdrom may have none)");
	expect_disk_error(",,xvda", "no target given (only an empty cdrom may have none)");
	expect_disk_error("/a,,xvd-a", "bad vdev 'xvd-a'");
	expect_disk_error("/a,,hdc:floppy", "unknown devtype 'floppy' (cdrom or disk)");
	expect_disk_error("/a,,xvda,specification=virtio",
			  "specification 'virtio' is not supported (only xen)");
}

static void test_unsupported_parameters_warn(void **state)
{
	struct parsed *p = parse("/a,,xvda,colo,colo-host=10.0.0.1");

	(void)state;
	assert_int_equal(p->rc, 0);
	assert_string_equal(p->w.text, "warning: disk flag 'colo' is not supported, ignored\n"
			    "warning: disk parameter 'colo-host' is not supported, ignored\n");
	done(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_man_page_examples),
		cmocka_unit_test(test_positional),
		cmocka_unit_test(test_keywords),
		cmocka_unit_test(test_prefixes),
		cmocka_unit_test(test_cdroms),
		cmocka_unit_test(test_bad_specs),
		cmocka_unit_test(test_unsupported_parameters_warn),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
