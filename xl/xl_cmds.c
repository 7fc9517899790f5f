/* xl's subcommands about domains that already exist, and the host. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <public/sched.h>
#include <public/sysctl.h>
#include <public/version.h>
#include <xenctrl.h>
#include <xenstore.h>

#include "xl.h"

static int one_domain(int argc, char **argv, const char *usage, uint32_t *domid)
{
    if (optind >= argc) {
        fprintf(stderr, "'xl %s' requires at least 1 argument.\n\n%s\n", argv[0], usage);
        return -1;
    }
    return find_domain(argv[optind], domid);
}

/* The six State letters: running, blocked, paused, shut down, why (Xen's
 * "-rscwS" indexed by SHUTDOWN_* reason), dying. */
static void state_letters(const libxl_dominfo *d, char out[7])
{
    static const char why[] = "-rscwS";
    unsigned int r = d->shutdown ? d->shutdown_reason : 0;

    out[0] = d->running ? 'r' : '-';
    out[1] = d->blocked ? 'b' : '-';
    out[2] = d->paused ? 'p' : '-';
    out[3] = d->shutdown ? 's' : '-';
    out[4] = r < sizeof(why) - 1 ? why[r] : '?';
    out[5] = d->dying ? 'd' : '-';
    out[6] = '\0';
}

static void list_json(const libxl_dominfo *all, int n)
{
    printf("[\n");
    for (int i = 0; i < n; i++) {
        char *cfg = libxl_domain_config_json(ctx, all[i].domid);

        printf("%s    {\n        \"domid\": %u,\n        \"config\": %s\n    }",
               i ? ",\n" : "", all[i].domid, cfg ? cfg : "{}");
        free(cfg);
    }
    printf("\n]\n");
}

static void list_table(const libxl_dominfo *all, int n, bool verbose)
{
    printf("Name                                        ID   Mem VCPUs\tState\tTime(s)");
    if (verbose)
        printf("   UUID                            Reason-Code\tSecurity Label");
    printf("\n");
    for (int i = 0; i < n; i++) {
        const libxl_dominfo *d = &all[i];
        char state[7];

        state_letters(d, state);
        printf("%-40s %5u %5lu %5u     %s  %8.1f", d->name, d->domid,
               (unsigned long)(d->current_memkb / 1024), d->vcpu_online, state,
               (double)d->cpu_time_ns / 1e9);
        if (verbose) {
            char uuid[37];

            libxl_uuid_to_string(&d->uuid, uuid);
            printf(" %s", uuid);
            if (d->shutdown)
                printf(" %8x", d->shutdown_reason);
            else
                printf(" %8s", "-");
            printf(" %16s", "-");
        }
        printf("\n");
    }
}

int main_list(int argc, char **argv)
{
    static const struct option opts[] = {
        { "long", no_argument, NULL, 'l' },
        { "verbose", no_argument, NULL, 'v' },
        { NULL, 0, NULL, 0 },
    };
    int opt, n = 0;
    bool details = false, verbose = false;
    libxl_dominfo *all, one;

    optind = 1;
    while ((opt = getopt_long(argc, argv, "lvZcn", opts, NULL)) != -1) {
        switch (opt) {
        case 'l': details = true; break;
        case 'v': verbose = true; break;
        case 'Z': case 'c': case 'n': break;   /* no labels, pools or NUMA here */
        default: return 1;
        }
    }
    if (optind + 1 < argc) {
        fprintf(stderr, "Usage: xl [-v] list [options] [Domain]\n");
        return 1;
    }
    if (optind < argc) {
        uint32_t domid;

        if (find_domain(argv[optind], &domid))
            return 1;
        if (libxl_domain_info(ctx, &one, domid)) {
            fprintf(stderr, "Error: Domain '%s' does not exist.\n", argv[optind]);
            return 1;
        }
        all = &one;
        n = 1;
    } else if (!(all = libxl_list_domain(ctx, &n))) {
        fprintf(stderr, "libxl_list_domain failed.\n");
        return 1;
    }
    if (details)
        list_json(all, n);
    else
        list_table(all, n, verbose);
    if (all != &one)
        free(all);
    return 0;
}

int main_destroy(int argc, char **argv)
{
    uint32_t domid;
    int opt, force = 0, rc;

    optind = 1;
    while ((opt = getopt(argc, argv, "f")) != -1)
        if (opt == 'f')
            force = 1;
    if (one_domain(argc, argv, "Usage: xl destroy [-f] <Domain>", &domid))
        return 1;
    if (domid == 0 && !force) {
        /* Xen's wording: only a disaggregated setup could mean this. */
        fprintf(stderr, "Not destroying domain 0; use -f to force.\n"
                        "This can only be done when using a disaggregated "
                        "hardware domain and toolstack.\n\n");
        return 1;
    }
    rc = domid == 0 ? -6 : libxl_domain_destroy(ctx, domid);
    if (rc) {
        fprintf(stderr, "destroy failed (rc=%d)\n", rc < 0 ? rc : -3);
        return 1;
    }
    return 0;
}

/* Whether xl create's watcher leaves @domid in place after this shutdown
 * (its saved config says preserve), rather than destroying it. */
static bool stays_after(uint32_t domid, unsigned int reason)
{
    char *json = libxl_domain_config_json(ctx, domid);
    libxl_domain_config d;
    bool stays = false;

    libxl_domain_config_init(&d);
    if (json && libxl_domain_config_from_json(&d, json, NULL, 0) == 0) {
        stays = xl_action_for(&d, reason) == LIBXL_ACTION_ON_SHUTDOWN_PRESERVE;
        libxl_domain_config_dispose(&d);
    }
    free(json);
    return stays;
}

/* Wait (bounded) until @domid has shut down, saying so as Xen's xl does,
 * and then, unless its config keeps it, until the watcher has destroyed it
 * and it has left the hypervisor's list (a dying domain still holds its
 * name): a script may create it again as soon as we return. */
static int wait_gone(uint32_t domid)
{
    bool said = false;

    for (int i = 0; i < 1200; i++) {
        libxl_dominfo info;

        if (libxl_domain_info(ctx, &info, domid)) {
            if (!said)
                fprintf(stderr, "Domain %u has been destroyed\n", domid);
            return 0;
        }
        if (info.dying) {               /* its memory is being released */
            usleep(100000);
            continue;
        }
        if (info.shutdown && !said) {
            fprintf(stderr, "Domain %u has been shut down, reason code %u\n", domid,
                    info.shutdown_reason);
            said = true;
            if (stays_after(domid, info.shutdown_reason))
                return 0;
        }
        usleep(100000);
    }
    fprintf(stderr, "Domain %u did not %s in time.\n", domid, said ? "go away" : "shut down");
    return 1;
}

static int shutdown_one(uint32_t domid, bool reboot)
{
    fprintf(stderr, "%s domain %u\n", reboot ? "Rebooting" : "Shutting down", domid);
    if ((reboot ? libxl_domain_reboot : libxl_domain_shutdown)(ctx, domid)) {
        fprintf(stderr, "%s failed (rc=-3)\n", reboot ? "reboot" : "shutdown");
        return 1;
    }
    return 0;
}

/* xl shutdown|reboot [-w] [-a | Domain]: ask through control/shutdown; with
 * -w, wait until each has shut down or gone. */
static int shutdown_or_reboot(int argc, char **argv, bool reboot)
{
    uint32_t ids[256];
    int opt, wait = 0, every = 0, n = 0, rc = 0;

    optind = 1;
    while ((opt = getopt(argc, argv, "waF")) != -1) {
        if (opt == 'w')
            wait = 1;
        else if (opt == 'a')
            every = 1;
    }
    if (every) {
        int nb = 0;
        libxl_dominfo *all = libxl_list_domain(ctx, &nb);

        if (!all) {
            fprintf(stderr, "libxl_list_domain failed.\n");
            return 1;
        }
        for (int i = 0; i < nb && n < (int)(sizeof(ids) / sizeof(ids[0])); i++)
            if (all[i].domid != 0)
                ids[n++] = all[i].domid;
        free(all);
    } else if (optind >= argc) {
        fprintf(stderr, "You must specify -a or a domain id.\n\n");
        return 1;
    } else if (find_domain(argv[optind], &ids[0])) {
        return 1;
    } else {
        n = 1;
    }
    for (int i = 0; i < n; i++)
        rc |= shutdown_one(ids[i], reboot);
    if (wait && !rc) {
        fprintf(stderr, "Waiting for %d domains\n", n);
        for (int i = 0; i < n; i++)
            rc |= wait_gone(ids[i]);
    }
    return rc ? 1 : 0;
}

int main_shutdown(int argc, char **argv) { return shutdown_or_reboot(argc, argv, false); }
int main_reboot(int argc, char **argv) { return shutdown_or_reboot(argc, argv, true); }

int main_pause(int argc, char **argv)
{
    uint32_t domid;

    optind = 1;
    if (one_domain(argc, argv, "Usage: xl pause <Domain>", &domid))
        return 1;
    return libxl_domain_pause(ctx, domid) ? 1 : 0;
}

int main_unpause(int argc, char **argv)
{
    uint32_t domid;

    optind = 1;
    if (one_domain(argc, argv, "Usage: xl unpause <Domain>", &domid))
        return 1;
    return libxl_domain_unpause(ctx, domid) ? 1 : 0;
}

int main_domid(int argc, char **argv)
{
    uint32_t domid;

    if (argc < 2 || libxl_name_to_domid(ctx, argv[1], &domid)) {
        fprintf(stderr, "Can't get domid of domain name '%s', maybe this domain does not exist.\n",
                argc > 1 ? argv[1] : "");
        return 1;
    }
    printf("%u\n", domid);
    return 0;
}

int main_domname(int argc, char **argv)
{
    libxl_dominfo info;

    if (argc < 2 || libxl_domain_info(ctx, &info, (uint32_t)strtoul(argv[1], NULL, 10))) {
        fprintf(stderr, "Can't get domain name of domain id '%s', maybe this domain does not exist.\n",
                argc > 1 ? argv[1] : "");
        return 1;
    }
    printf("%s\n", info.name);
    return 0;
}

int main_info(int argc, char **argv)
{
    xc_interface *xch = libxl_xc(ctx);
    xc_physinfo_t pi;
    struct utsname u;
    char extra[16] = "", caps[1024] = "", cmdline[1024] = "";
    int v = xc_version(xch, XENVER_version, NULL), sched = 0;

    (void)argc;
    (void)argv;
    if (xc_physinfo(xch, &pi) < 0 || v < 0) {
        fprintf(stderr, "xl: cannot read host information\n");
        return 1;
    }
    xc_version(xch, XENVER_extraversion, extra);
    xc_version(xch, XENVER_capabilities, caps);
    xc_version(xch, XENVER_commandline, cmdline);
    xc_sched_id(xch, &sched);
    uname(&u);
    printf("host                   : %s\n", u.nodename);
    printf("release                : %s\n", u.release);
    printf("version                : %s\n", u.version);
    printf("machine                : %s\n", u.machine);
    printf("nr_cpus                : %u\n", pi.nr_cpus);
    printf("max_cpu_id             : %u\n", pi.max_cpu_id);
    printf("nr_nodes               : %u\n", pi.nr_nodes);
    printf("cores_per_socket       : %u\n", pi.cores_per_socket);
    printf("threads_per_core       : %u\n", pi.threads_per_core);
    printf("cpu_mhz                : %u.%03u\n", pi.cpu_khz / 1000, pi.cpu_khz % 1000);
    printf("virt_caps              :%s%s\n", (pi.capabilities & XEN_SYSCTL_PHYSCAP_hvm) ? " hvm" : "",
           (pi.capabilities & XEN_SYSCTL_PHYSCAP_hap) ? " hap" : "");
    printf("total_memory           : %llu\n", (unsigned long long)(pi.total_pages / 256));
    printf("free_memory            : %llu\n", (unsigned long long)(pi.free_pages / 256));
    printf("xen_major              : %d\n", v >> 16);
    printf("xen_minor              : %d\n", v & 0xffff);
    printf("xen_extra              : %s\n", extra);
    printf("xen_version            : %d.%d%s\n", v >> 16, v & 0xffff, extra);
    printf("xen_caps               : %s\n", caps);
    printf("xen_scheduler          : %s\n", sched == XEN_SCHEDULER_CREDIT2 ? "credit2" : "unknown");
    printf("xen_pagesize           : %d\n", xc_version(xch, XENVER_pagesize, NULL));
    printf("xen_commandline        : %s\n", cmdline);
    printf("xend_config_format     : 4\n");
    return 0;
}

int main_dmesg(int argc, char **argv)
{
    static char buf[65536];
    unsigned int n = sizeof(buf) - 1;
    int clear = argc > 1 && !strcmp(argv[1], "-c");

    if (xc_readconsolering(libxl_xc(ctx), buf, &n, clear, 0, NULL) < 0) {
        fprintf(stderr, "xl: cannot read the hypervisor's console ring\n");
        return 1;
    }
    fwrite(buf, 1, n, stdout);
    return 0;
}

int main_vcpulist(int argc, char **argv)
{
    int n = 0;
    libxl_dominfo *all = libxl_list_domain(ctx, &n);

    printf("%-32s %5s %5s %5s %5s %9s %s\n", "Name", "ID", "VCPU", "CPU", "State", "Time(s)",
           "Affinity (Hard / Soft)");
    for (int i = 0; all && i < n; i++) {
        if (argc > 1 && strcmp(argv[1], all[i].name) &&
            strtoul(argv[1], NULL, 10) != all[i].domid)
            continue;
        for (unsigned int v = 0; v <= all[i].vcpu_max_id; v++) {
            xc_vcpuinfo_t vi;

            if (xc_vcpu_getinfo(libxl_xc(ctx), all[i].domid, v, &vi) < 0)
                continue;
            printf("%-32s %5u %5u %5u   %c%c%c %9.1f all / all\n", all[i].name, all[i].domid, v,
                   vi.cpu, vi.online ? (vi.running ? 'r' : '-') : '-',
                   vi.online ? (vi.blocked ? 'b' : '-') : '-', vi.online ? '-' : 'p',
                   (double)vi.cpu_time / 1e9);
        }
    }
    free(all);
    return 0;
}

int main_uptime(int argc, char **argv)
{
    int n = 0;
    libxl_dominfo *all = libxl_list_domain(ctx, &n);
    time_t now = time(NULL);

    (void)argc;
    (void)argv;
    printf("%-32s %5s %s\n", "Name", "ID", "Uptime");
    for (int i = 0; all && i < n; i++) {
        char path[96], *vm, *start = NULL;
        long up = 0;

        snprintf(path, sizeof(path), "/local/domain/%u/vm", all[i].domid);
        vm = xs_read(libxl_xs(ctx), XBT_NULL, path, NULL);
        if (vm) {
            unsigned int len;

            snprintf(path, sizeof(path), "%s/start_time", vm);
            start = xs_read(libxl_xs(ctx), XBT_NULL, path, &len);
        }
        if (start)
            up = (long)(now - (time_t)strtoll(start, NULL, 10));
        printf("%-32s %5u %ld:%02ld:%02ld\n", all[i].name, all[i].domid, up / 3600,
               (up / 60) % 60, up % 60);
        free(vm);
        free(start);
    }
    free(all);
    return 0;
}
