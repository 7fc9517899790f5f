/* xenlet-ctl: a small dom0 tool to poke the hypervisor's control interface
 * by hand (host info, domain list, a test domU, lifecycle, console ring). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../include/xenctrl.h"
#include "../include/xenguest.h"

static int usage(FILE *f)
{
	fprintf(f,
		"usage: xenlet-ctl [-v] COMMAND [ARGS]\n"
		"  info                       host physinfo and Xen version\n"
		"  list                       domains: id, flags, pages, vcpus\n"
		"  create-test KERNEL [INITRD] [--mem MiB] [--vcpus N] [--cmdline S]\n"
		"                             create, build and unpause a domU\n"
		"  destroy ID | pause ID | unpause ID\n"
		"  dmesg                      the hypervisor's console ring\n");
	return f == stdout ? 0 : 2;
}

static int fail(const char *what, int rc)
{
	fprintf(stderr, "xenlet-ctl: %s: %s\n", what, strerror(-rc));
	return 1;
}

static int cmd_info(xc_interface *xch)
{
	xc_physinfo_t pi;
	xen_extraversion_t extra = "";
	xen_capabilities_info_t caps = "";
	int ver, rc, sched = -1;

	ver = xc_version(xch, XENVER_version, NULL);
	if (ver < 0)
		return fail("xen_version", ver);
	xc_version(xch, XENVER_extraversion, extra);
	xc_version(xch, XENVER_capabilities, caps);
	rc = xc_physinfo(xch, &pi);
	if (rc < 0)
		return fail("physinfo", rc);
	xc_sched_id(xch, &sched);
	extra[sizeof(extra) - 1] = caps[sizeof(caps) - 1] = '\0';
	printf("xen_version      : %d.%d%s\n", ver >> 16, ver & 0xffff, extra);
	printf("xen_caps         : %s\n", caps);
	printf("nr_cpus          : %u\n", pi.nr_cpus);
	printf("threads_per_core : %u\n", pi.threads_per_core);
	printf("cores_per_socket : %u\n", pi.cores_per_socket);
	printf("nr_nodes         : %u\n", pi.nr_nodes);
	printf("cpu_khz          : %u\n", pi.cpu_khz);
	printf("capabilities     : %#x\n", pi.capabilities);
	printf("total_memory     : %" PRIu64 " MiB\n", pi.total_pages >> 8);
	printf("free_memory      : %" PRIu64 " MiB\n", pi.free_pages >> 8);
	printf("sched_id         : %d\n", sched);
	return 0;
}

static int cmd_list(xc_interface *xch)
{
	xc_domaininfo_t info[64];
	uint32_t next = 0;
	int n, i;

	printf("%5s %-8s %10s %10s %5s\n", "ID", "FLAGS", "PAGES", "MAXPAGES",
	       "VCPUS");
	do {
		n = xc_domain_getinfolist(xch, next, 64, info);
		if (n < 0)
			return fail("getdomaininfolist", n);
		for (i = 0; i < n; i++) {
			xc_dominfo_t d;

			xc_dominfo_from_domaininfo(&d, &info[i]);
			printf("%5u %c%c%c%c%c%c%-2s %10lu %10" PRIu64 " %5u\n",
			       d.domid, d.running ? 'r' : '-',
			       d.blocked ? 'b' : '-', d.paused ? 'p' : '-',
			       d.shutdown ? 's' : '-', d.crashed ? 'c' : '-',
			       d.dying ? 'd' : '-', "", d.nr_pages,
			       (uint64_t)info[i].max_pages, d.nr_online_vcpus);
			next = d.domid + 1;
		}
	} while (n == 64);
	return 0;
}

static int cmd_create_test(xc_interface *xch, int argc, char **argv)
{
	struct xc_dom_args a = { .mem_mib = 128, .vcpus = 1 };
	struct xen_domctl_createdomain cfg;
	struct xc_dom_result res;
	uint32_t domid = 0;
	int i, rc;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--mem") && i + 1 < argc)
			a.mem_mib = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--vcpus") && i + 1 < argc)
			a.vcpus = (unsigned int)strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--cmdline") && i + 1 < argc)
			a.cmdline = argv[++i];
		else if (argv[i][0] == '-')
			return usage(stderr);
		else if (!a.kernel_path)
			a.kernel_path = argv[i];
		else if (!a.ramdisk_path)
			a.ramdisk_path = argv[i];
		else
			return usage(stderr);
	}
	if (!a.kernel_path || !a.mem_mib || !a.vcpus)
		return usage(stderr);
	if (!a.cmdline)
		a.cmdline = "console=hvc0";

	xc_dom_arm64_createdomain_config(&cfg, a.vcpus,
					 XEN_DOMCTL_CONFIG_GIC_NATIVE, 0);
	rc = xc_domain_create(xch, &domid, &cfg);
	if (rc < 0)
		return fail("createdomain", rc);
	rc = xc_domain_max_vcpus(xch, domid, a.vcpus);
	if (rc == 0)
		rc = xc_domain_setmaxmem(xch, domid, (a.mem_mib << 10) + 1024);
	if (rc < 0) {
		fail("max_vcpus/max_mem", rc);
		goto destroy;
	}
	a.gic_version = cfg.arch.gic_version;
	a.clock_frequency = cfg.arch.clock_frequency;
	rc = xc_dom_build_arm64(xch, domid, &a, &res);
	if (rc < 0) {
		fail("build", rc);
		goto destroy;
	}
	rc = xc_domain_unpause(xch, domid);
	if (rc < 0) {
		fail("unpause", rc);
		goto destroy;
	}
	printf("%u\n", domid);
	fprintf(stderr, "dom%u: store gfn %#" PRIx64 " port %u, console gfn %#"
		PRIx64 " port %u (no xenstore entries written)\n", domid,
		(uint64_t)res.store_pfn, res.store_port,
		(uint64_t)res.console_pfn, res.console_port);
	return 0;
destroy:
	xc_domain_destroy(xch, domid);
	return 1;
}

static int cmd_dmesg(xc_interface *xch)
{
	static char buf[16384];
	unsigned int n = sizeof(buf);
	int rc = xc_readconsolering(xch, buf, &n, 0, 0, NULL);

	if (rc < 0)
		return fail("readconsole", rc);
	fwrite(buf, 1, n, stdout);
	return 0;
}

static int domid_arg(const char *s, uint32_t *domid)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	if (!*s || *end || v >= DOMID_FIRST_RESERVED)
		return -EINVAL;
	*domid = (uint32_t)v;
	return 0;
}

int main(int argc, char **argv)
{
	xentoollog_logger_stdiostream *log;
	xc_interface *xch;
	xentoollog_level level = XTL_ERROR;
	const char *cmd;
	uint32_t domid = 0;
	int rc;

	if (argc > 1 && !strcmp(argv[1], "-v")) {
		level = XTL_DEBUG;
		argv++;
		argc--;
	}
	if (argc < 2)
		return usage(stderr);
	cmd = argv[1];
	if (!strcmp(cmd, "help") || !strcmp(cmd, "--help"))
		return usage(stdout);
	if ((!strcmp(cmd, "destroy") || !strcmp(cmd, "pause") ||
	     !strcmp(cmd, "unpause")) &&
	    (argc != 3 || domid_arg(argv[2], &domid) < 0))
		return usage(stderr);

	log = xtl_createlogger_stdiostream(stderr, level, 0);
	xch = xc_interface_open((xentoollog_logger *)log, NULL, 0);
	if (!xch) {
		fprintf(stderr, "xenlet-ctl: cannot open privcmd: %s\n",
			strerror(errno));
		xtl_logger_destroy((xentoollog_logger *)log);
		return 1;
	}
	if (!strcmp(cmd, "info"))
		rc = cmd_info(xch);
	else if (!strcmp(cmd, "list"))
		rc = cmd_list(xch);
	else if (!strcmp(cmd, "create-test"))
		rc = cmd_create_test(xch, argc - 2, argv + 2);
	else if (!strcmp(cmd, "destroy"))
		rc = (rc = xc_domain_destroy(xch, domid)) < 0 ? fail(cmd, rc) : 0;
	else if (!strcmp(cmd, "pause"))
		rc = (rc = xc_domain_pause(xch, domid)) < 0 ? fail(cmd, rc) : 0;
	else if (!strcmp(cmd, "unpause"))
		rc = (rc = xc_domain_unpause(xch, domid)) < 0 ? fail(cmd, rc) : 0;
	else if (!strcmp(cmd, "dmesg"))
		rc = cmd_dmesg(xch);
	else
		rc = usage(stderr);
	xc_interface_close(xch);
	xtl_logger_destroy((xentoollog_logger *)log);
	return rc;
}
