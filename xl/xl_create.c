/* xl create: parse the config, build the domain, and (as Xen's xl does)
 * leave a watcher behind that applies on_poweroff/on_reboot/on_crash. */
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <public/sched.h>
#include <xenstore.h>

#include "xl.h"
#include "xlcfg.h"

/* Fallback look at the domain when no @releaseDomain arrives. */
#define DEATH_FALLBACK_POLL_MS 10000

libxl_action_on_shutdown xl_action_for(const libxl_domain_config *d, unsigned int reason)
{
    switch (reason) {
    case SHUTDOWN_poweroff: return d->on_poweroff;
    case SHUTDOWN_reboot: return d->on_reboot;
    case SHUTDOWN_watchdog: return d->on_watchdog;
    default: return d->on_crash;
    }
}

/* Runs in the background after create: wait for the domain to shut down and
 * do what its config says. Restart rebuilds it under the same name. */
void monitor_domain(libxl_domain_config *d, uint32_t domid)
{
    struct xs_handle *xs = libxl_xs(ctx);

    if (!xs_watch(xs, "@releaseDomain", "death"))
        return;
    for (;;) {
        struct pollfd p = { .fd = xs_fileno(xs), .events = POLLIN };
        libxl_dominfo info;

        /* xenstored fires @releaseDomain on every shutdown and death; the
         * slow poll only covers a daemon that misses one. */
        if (poll(&p, 1, DEATH_FALLBACK_POLL_MS) > 0) {
            unsigned int n;
            char **w = xs_read_watch(xs, &n);

            free(w);
        }
        if (libxl_domain_info(ctx, &info, domid))
            return;                     /* destroyed by someone else */
        if (!info.shutdown)
            continue;
        switch (xl_action_for(d, info.shutdown_reason)) {
        case LIBXL_ACTION_ON_SHUTDOWN_PRESERVE:
            return;
        case LIBXL_ACTION_ON_SHUTDOWN_RESTART:
        case LIBXL_ACTION_ON_SHUTDOWN_RESTART_RENAME:
        case LIBXL_ACTION_ON_SHUTDOWN_COREDUMP_RESTART:
            libxl_domain_destroy(ctx, domid);
            memset(&d->c_info.uuid, 0, sizeof(d->c_info.uuid));
            if (libxl_domain_create_new(ctx, d, &domid, false))
                return;
            continue;
        default:
            libxl_domain_destroy(ctx, domid);
            return;
        }
    }
}

int main_create(int argc, char **argv)
{
    static const struct option opts[] = {
        { "dryrun", no_argument, NULL, 'n' },
        { "quiet", no_argument, NULL, 'q' },
        { NULL, 0, NULL, 0 },
    };
    int opt, console = 0, paused = 0, dryrun = 0, quiet = 0;
    const char *file = NULL;
    libxl_domain_config d;
    struct xlcfg_log log = { 0 };
    uint32_t domid;
    pid_t pid;

    optind = 1;
    while ((opt = getopt_long(argc, argv, "cpnqf:e", opts, NULL)) != -1) {
        switch (opt) {
        case 'c': console = 1; break;
        case 'p': paused = 1; break;
        case 'n': dryrun = 1; break;
        case 'q': quiet = 1; break;
        case 'f': file = optarg; break;
        case 'e': break;
        default: return 2;
        }
    }
    if (!file && optind < argc && !strchr(argv[optind], '='))
        file = argv[optind++];
    if (!file) {
        fprintf(stderr, "Usage: xl create <ConfigFile> [options] [vars]\n");
        return 2;
    }
    if (!quiet)
        fprintf(stderr, "Parsing config from %s\n", file);
    libxl_domain_config_init(&d);
    if (xlcfg_load(file, NULL, 0, (const char *const *)&argv[optind], argc - optind, &d, &log)) {
        fprintf(stderr, "%s\n", log.error);
        return 1;
    }
    if (dryrun) {
        char *json = libxl_domain_config_to_json(&d);

        printf("%s\n", json ? json : "{}");
        free(json);
        libxl_domain_config_dispose(&d);
        return 0;
    }
    if (libxl_domain_create_new(ctx, &d, &domid, paused)) {
        fprintf(stderr, "libxl: error: domain creation failed\n");
        libxl_domain_config_dispose(&d);
        return 1;
    }
    /* The watcher, detached as Xen's "xl create" leaves one. */
    pid = fork();
    if (pid == 0) {
        setsid();
        if (fork() == 0) {
            /* A fresh connection: the parent's is not ours to close. */
            if (libxl_ctx_alloc(&ctx, NULL) == 0)
                monitor_domain(&d, domid);
            _exit(0);
        }
        _exit(0);
    }
    if (console) {
        char *args[] = { "console", NULL, NULL };
        char id[16];

        snprintf(id, sizeof(id), "%u", domid);
        args[1] = id;
        libxl_domain_config_dispose(&d);
        return main_console(2, args);
    }
    libxl_domain_config_dispose(&d);
    return 0;
}
