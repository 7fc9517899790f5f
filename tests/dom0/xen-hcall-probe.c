/*
 * Runs in dom0: issues hypercalls through /dev/xen/privcmd and prints what
 * the hypervisor answers, then fires hypercalls with wild numbers and
 * arguments and checks every one is refused with an error code, and that
 * the hypervisor still answers afterwards. Works the same on Xen and Xenlet.
 *
 * Output lines start with "PROBE:"; the last is "PROBE: result ok" or
 * "PROBE: result FAILED (...)"; the exit status says the same.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

/* Linux's privcmd interface (include/uapi/xen/privcmd.h); its header needs
 * kernel-internal ones, so the two facts used here are restated. */
struct privcmd_hypercall {
    uint64_t op;
    uint64_t arg[5];
};
#define IOCTL_PRIVCMD_HYPERCALL _IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall))

#define HYPERVISOR_xen_version 17
#define XENVER_version      0
#define XENVER_extraversion 1
#define XENVER_capabilities 3
#define XENVER_get_features 6
#define XENVER_pagesize     7

/* Guest addresses nothing maps in dom0's user space. */
static const uint64_t bad_pointers[] = { 0x10, 0xdead0000, 0xffff000000000000ULL };

static int fd;
static char *buf;                       /* a locked page for answers */

static long hcall(uint64_t op, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                  uint64_t a4)
{
    struct privcmd_hypercall h = { op, { a0, a1, a2, a3, a4 } };
    long rc = ioctl(fd, IOCTL_PRIVCMD_HYPERCALL, &h);

    return rc < 0 ? -errno : rc;
}

static int version_checks(void)
{
    long v = hcall(HYPERVISOR_xen_version, XENVER_version, 0, 0, 0, 0);
    long rc;

    if (v < 0) {
        printf("PROBE: xen_version failed: %ld\n", v);
        return -1;
    }
    printf("PROBE: version %ld.%ld\n", v >> 16, v & 0xffff);
    memset(buf, 0, 4096);
    rc = hcall(HYPERVISOR_xen_version, XENVER_extraversion, (uintptr_t)buf, 0, 0, 0);
    printf("PROBE: extraversion rc=%ld \"%.16s\"\n", rc, buf);
    memset(buf, 0, 4096);
    rc = hcall(HYPERVISOR_xen_version, XENVER_capabilities, (uintptr_t)buf, 0, 0, 0);
    printf("PROBE: capabilities rc=%ld \"%s\"\n", rc, buf);
    memset(buf, 0, 8);
    rc = hcall(HYPERVISOR_xen_version, XENVER_get_features, (uintptr_t)buf, 0, 0, 0);
    printf("PROBE: features rc=%ld submap0=0x%x\n", rc, *(uint32_t *)(buf + 4));
    rc = hcall(HYPERVISOR_xen_version, XENVER_pagesize, 0, 0, 0, 0);
    printf("PROBE: pagesize %ld\n", rc);
    return 0;
}

/*
 * Every hypercall number (and some past the table) with sub-op values no
 * interface defines, then the defined ones with unmapped buffers. Each must
 * come back as a negative errno. Skipped: calls that would act on dom0
 * itself without reading a buffer (sched_op yield/block), and domctl/sysctl
 * whose first argument is the buffer, covered by the bad pointers.
 */
static int wild_calls(void)
{
    static const uint64_t wild_ops[] = { 0xdeadbeef, 0x7fffffff, ~0ULL };
    unsigned int calls = 0, refused = 0;

    for (uint64_t nr = 0; nr < 70; nr++) {
        for (unsigned int i = 0; i < 3; i++) {
            for (unsigned int p = 0; p < 3; p++) {
                long rc = hcall(nr, wild_ops[i], bad_pointers[p], bad_pointers[p], 0x7fffffff,
                                bad_pointers[p]);

                calls++;
                if (rc < 0)
                    refused++;
                else
                    printf("PROBE: wild call %lu op 0x%lx answered %ld\n",
                           (unsigned long)nr, (unsigned long)wild_ops[i], rc);
            }
        }
    }
    /* Defined sub-ops with arguments that point nowhere. */
    for (uint64_t nr = 0; nr < 70; nr++) {
        if (nr == 29 || nr == 6)            /* sched_op: yield/block act on dom0 */
            continue;
        for (uint64_t op = 0; op < 32; op++) {
            for (unsigned int p = 0; p < 3; p++) {
                long rc = hcall(nr, nr == 35 || nr == 36 ? bad_pointers[p] : op,
                                bad_pointers[p], 1, bad_pointers[p], 0);

                calls++;
                if (rc < 0)
                    refused++;
                else if (!(nr == 17 && (op == XENVER_version || op == XENVER_pagesize)) &&
                         !(nr == 24 && op == 3))      /* vcpu_op is_up: a plain answer */
                    printf("PROBE: call %lu op %lu bad pointer answered %ld\n",
                           (unsigned long)nr, (unsigned long)op, rc);
                else
                    refused++;                        /* harmless, defined answers */
            }
        }
    }
    printf("PROBE: wild calls %u, refused %u\n", calls, refused);
    return calls == refused ? 0 : -1;
}

int main(void)
{
    int rc;

    setvbuf(stdout, NULL, _IONBF, 0);
    fd = open("/dev/xen/privcmd", O_RDWR);
    if (fd < 0) {
        printf("PROBE: result FAILED (open /dev/xen/privcmd: %s)\n", strerror(errno));
        return 1;
    }
    buf = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED,
               -1, 0);
    if (buf == MAP_FAILED) {
        printf("PROBE: result FAILED (mmap: %s)\n", strerror(errno));
        return 1;
    }
    memset(buf, 0, 4096);
    if (version_checks()) {
        printf("PROBE: result FAILED (version)\n");
        return 1;
    }
    rc = wild_calls();
    /* Still answering? */
    if (version_checks()) {
        printf("PROBE: result FAILED (no answer after wild calls)\n");
        return 1;
    }
    printf("PROBE: result %s\n", rc == 0 ? "ok" : "FAILED (a wild call was accepted)");
    return rc == 0 ? 0 : 1;
}
