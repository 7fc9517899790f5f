/*
 * xl: Xen's command-line tool for domains, with Xen's subcommand names,
 * options and output formats.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xl.h"

libxl_ctx *ctx;

static const struct cmd {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *help;
} cmds[] = {
    { "create", main_create, "Create a domain from config file <filename>" },
    { "list", main_list, "List information about all/some domains" },
    { "destroy", main_destroy, "Terminate a domain immediately" },
    { "shutdown", main_shutdown, "Issue a shutdown signal to a domain" },
    { "reboot", main_reboot, "Issue a reboot signal to a domain" },
    { "pause", main_pause, "Pause execution of a domain" },
    { "unpause", main_unpause, "Unpause a paused domain" },
    { "console", main_console, "Attach to domain's console" },
    { "info", main_info, "Get information about Xen host" },
    { "dmesg", main_dmesg, "Read and/or clear dmesg buffer" },
    { "domid", main_domid, "Convert a domain name to domain id" },
    { "domname", main_domname, "Convert a domain id to domain name" },
    { "vcpu-list", main_vcpulist, "List the VCPUs for all/some domains" },
    { "uptime", main_uptime, "Print uptime for all/some domains" },
    { "block-attach", main_blockattach, "Create a new virtual block device" },
    { "block-detach", main_blockdetach, "Destroy a domain's virtual block device" },
    { "block-list", main_blocklist, "List virtual block devices for a domain" },
    { "network-attach", main_networkattach, "Create a new virtual network device" },
    { "network-detach", main_networkdetach, "Destroy a domain's virtual network device" },
    { "network-list", main_networklist, "List virtual network interfaces for a domain" },
};

int find_domain(const char *arg, uint32_t *domid)
{
    char *end;
    unsigned long id = strtoul(arg, &end, 10);
    libxl_dominfo info;

    if (*arg && !*end) {
        if (libxl_domain_info(ctx, &info, (uint32_t)id) == 0) {
            *domid = (uint32_t)id;
            return 0;
        }
    } else if (libxl_name_to_domid(ctx, arg, domid) == 0) {
        return 0;
    }
    fprintf(stderr, "%s is an invalid domain identifier (rc=-6)\n", arg);
    return -1;
}

static void usage(FILE *f)
{
    fprintf(f, "Usage xl [-v] <subcommand> [args]\n\nxl full list of subcommands:\n\n");
    for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
        fprintf(f, " %-20s%s\n", cmds[i].name, cmds[i].help);
}

int main(int argc, char **argv)
{
    int first = 1, rc;

    while (first < argc && argv[first][0] == '-' && strcmp(argv[first], "-h") &&
           strcmp(argv[first], "--help"))
        first++;                        /* -v and friends: accepted, quiet */
    if (first >= argc || !strcmp(argv[first], "help") || !strcmp(argv[first], "-h") ||
        !strcmp(argv[first], "--help")) {
        usage(first >= argc ? stderr : stdout);
        return first >= argc ? 1 : 0;
    }
    for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
        if (strcmp(argv[first], cmds[i].name))
            continue;
        if (libxl_ctx_alloc(&ctx, NULL))
            return 1;
        rc = cmds[i].fn(argc - first, argv + first);
        libxl_ctx_free(ctx);
        return rc;
    }
    fprintf(stderr, "command not implemented\n");
    return 1;
}
