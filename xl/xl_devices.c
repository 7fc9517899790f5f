/* xl's PV device commands: block-attach/-detach/-list and
 * network-attach/-detach/-list, with Xen's arguments and output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xl.h"
#include "xlcfg.h"

static int need_args(int argc, int n, const char *cmd, const char *usage)
{
    if (argc >= n)
        return 0;
    fprintf(stderr, "'xl %s' requires at least %d argument%s.\n\n%s\n", cmd, n - 1,
            n - 1 > 1 ? "s" : "", usage);
    return -1;
}

/* A device spec given as one argument or as several (argv[2]...), as Xen's
 * xl takes it: the parts joined with commas, malloc'd. */
static char *join_spec(int argc, char **argv)
{
    size_t len = 1;
    char *spec;

    for (int i = 2; i < argc; i++)
        len += strlen(argv[i]) + 1;
    spec = calloc(1, len);
    if (!spec)
        return NULL;
    for (int i = 2; i < argc; i++) {
        if (i > 2)
            strcat(spec, ",");
        strcat(spec, argv[i]);
    }
    return spec;
}

int main_blockattach(int argc, char **argv)
{
    static const char usage[] = "Usage: xl block-attach <Domain> <disk-spec-component(s)>...";
    struct xlcfg_log log = { 0 };
    libxl_device_disk disk;
    uint32_t domid;
    char *spec;
    int rc;

    if (need_args(argc, 3, argv[0], usage) || find_domain(argv[1], &domid))
        return 1;
    if (!(spec = join_spec(argc, argv)))
        return 1;
    libxl_device_disk_init(&disk);
    rc = xlcfg_parse_disk(&disk, spec, &log);
    free(spec);
    if (rc) {
        fprintf(stderr, "%s\n", log.error);
        return 1;
    }
    rc = libxl_device_disk_add(ctx, domid, &disk);
    libxl_device_disk_dispose(&disk);
    if (rc) {
        fprintf(stderr, "libxl_device_disk_add failed.\n");
        return 1;
    }
    return 0;
}

int main_blockdetach(int argc, char **argv)
{
    static const char usage[] = "Usage: xl block-detach <Domain> <DevId>";
    uint32_t domid;

    if (need_args(argc, 3, argv[0], usage) || find_domain(argv[1], &domid))
        return 1;
    if (libxl_device_disk_remove(ctx, domid, argv[2])) {
        fprintf(stderr, "Error: Device %s not connected.\n", argv[2]);
        return 1;
    }
    return 0;
}

int main_blocklist(int argc, char **argv)
{
    static const char usage[] = "Usage: xl block-list <Domain(s)>";
    int rc = 0;

    if (need_args(argc, 2, argv[0], usage))
        return 1;
    printf("%-5s %-3s %-6s %-5s %-6s %-8s %-30s\n", "Vdev", "BE", "handle", "state", "evt-ch",
           "ring-ref", "BE-path");
    for (int i = 1; i < argc; i++) {
        libxl_diskinfo *disks;
        uint32_t domid;
        int n;

        if (find_domain(argv[i], &domid)) {
            rc = 1;
            continue;
        }
        disks = libxl_device_disk_list(ctx, domid, &n);
        for (int j = 0; disks && j < n; j++)
            printf("%-5d %-3u %-6u %-5d %-6d %-8d %-30s\n", disks[j].devid, disks[j].backend_id,
                   disks[j].frontend_id, disks[j].state, disks[j].evtch, disks[j].rref,
                   disks[j].backend);
        free(disks);
    }
    return rc;
}

int main_networkattach(int argc, char **argv)
{
    static const char usage[] =
        "Usage: xl network-attach <Domain> [type=<type>] [mac=<mac>] [bridge=<bridge>] "
        "[ip=<ip>] [script=<script>] [backend=<BackDomain>] [vifname=<name>] [model=<model>]";
    struct xlcfg_log log = { 0 };
    libxl_device_nic nic;
    uint32_t domid;
    char *spec;
    int rc;

    if (need_args(argc, 2, argv[0], usage) || find_domain(argv[1], &domid))
        return 1;
    if (!(spec = join_spec(argc, argv)))
        return 1;
    libxl_device_nic_init(&nic);
    rc = xlcfg_parse_vif(&nic, spec, -1, &log);
    free(spec);
    if (rc) {
        fprintf(stderr, "%s\n", log.error);
        return 1;
    }
    rc = libxl_device_nic_add(ctx, domid, &nic);
    libxl_device_nic_dispose(&nic);
    if (rc) {
        fprintf(stderr, "libxl_device_nic_add failed.\n");
        return 1;
    }
    return 0;
}

int main_networkdetach(int argc, char **argv)
{
    static const char usage[] = "Usage: xl network-detach <Domain> <DevId|mac>";
    libxl_nicinfo *nics;
    libxl_mac mac;
    uint32_t domid;
    int devid = -1, n;
    char *end;

    if (need_args(argc, 3, argv[0], usage) || find_domain(argv[1], &domid))
        return 1;
    if (!libxl_mac_from_string(mac, argv[2])) {
        nics = libxl_device_nic_list(ctx, domid, &n);
        for (int i = 0; nics && i < n; i++)
            if (!memcmp(nics[i].mac, mac, sizeof(mac)))
                devid = nics[i].devid;
        free(nics);
    } else {
        long v = strtol(argv[2], &end, 10);

        if (*argv[2] && !*end && v >= 0)
            devid = (int)v;
    }
    if (devid < 0 || libxl_device_nic_remove(ctx, domid, devid)) {
        fprintf(stderr, "Unknown device %s.\n", argv[2]);
        return 1;
    }
    return 0;
}

int main_networklist(int argc, char **argv)
{
    static const char usage[] = "Usage: xl network-list <Domain(s)>";
    int rc = 0;

    if (need_args(argc, 2, argv[0], usage))
        return 1;
    printf("%-3s %-2s %-17s %-6s %-5s %-6s %5s/%-5s %-30s\n", "Idx", "BE", "Mac Addr.",
           "handle", "state", "evt-ch", "tx-", "rx-ring-ref", "BE-path");
    for (int i = 1; i < argc; i++) {
        libxl_nicinfo *nics;
        uint32_t domid;
        int n;

        if (find_domain(argv[i], &domid)) {
            rc = 1;
            continue;
        }
        nics = libxl_device_nic_list(ctx, domid, &n);
        for (int j = 0; nics && j < n; j++) {
            char mac[18];

            libxl_mac_to_string(nics[j].mac, mac);
            printf("%-3d %-2u %s %6d %5d %6d %5d/%-11d %-30s\n", nics[j].devid,
                   nics[j].backend_id, mac, nics[j].devid, nics[j].state, nics[j].evtch,
                   nics[j].rref_tx, nics[j].rref_rx, nics[j].backend);
        }
        free(nics);
    }
    return rc;
}
