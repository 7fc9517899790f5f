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
#include <stdbool.h>
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

/* Numbers that neither Xen 4.17 on ARM nor Xenlet implements. */
static bool unknown_number(uint64_t nr)
{
    static const uint8_t known[] = { 7, 12, 13, 17, 18, 20, 21, 24, 27, 29, 32, 33, 34, 35,
                                     36, 39, 41, 42 };

    for (unsigned int i = 0; i < sizeof(known); i++)
        if (known[i] == nr)
            return false;
    return true;
}

/*
 * 1. Every number up to 70 (but multicall), and a few far past the table,
 *    with sub-op values no interface defines: each must be refused with a negative errno, and
 *    unknown numbers with -ENOSYS.
 * 2. Defined sub-ops with buffers that point nowhere: whatever each answers,
 *    the hypervisor must survive it (counted, not judged: Xen answers some
 *    with 0, e.g. a console read when there is no input). sched_op is left
 *    out: yield and block act on dom0 itself.
 */
static int wild_calls(void)
{
    static const uint64_t wild_ops[] = { 0xdeadbeef, 0x7fffffff, ~0ULL };
    static const uint64_t far_numbers[] = { 100, 1000, 0x7fffffff, ~0ULL };
    unsigned int calls = 0, refused = 0, unknown = 0, enosys = 0, bad = 0, errors = 0;
    uint64_t numbers[70 + 4];
    unsigned int n = 0;

    for (uint64_t nr = 0; nr < 70; nr++)
        numbers[n++] = nr;
    for (unsigned int i = 0; i < 4; i++)
        numbers[n++] = far_numbers[i];

    for (unsigned int k = 0; k < n; k++) {
        uint64_t nr = numbers[k];

        if (nr == 13)       /* multicall: its first argument is a list, not an op */
            continue;
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
                if (unknown_number(nr)) {
                    unknown++;
                    if (rc == -ENOSYS)
                        enosys++;
                    else
                        printf("PROBE: unknown call %lu answered %ld, not -ENOSYS\n",
                               (unsigned long)nr, rc);
                }
            }
        }
    }
    for (uint64_t nr = 0; nr < 70; nr++) {
        if (nr == 29 || unknown_number(nr))
            continue;
        for (uint64_t op = 0; op < 32; op++) {
            for (unsigned int p = 0; p < 3; p++) {
                long rc = hcall(nr, nr == 35 || nr == 36 ? bad_pointers[p] : op,
                                bad_pointers[p], 1, bad_pointers[p], 0);

                bad++;
                if (rc < 0)
                    errors++;
            }
        }
    }
    printf("PROBE: wild calls %u, refused %u\n", calls, refused);
    printf("PROBE: unknown numbers %u, ENOSYS %u\n", unknown, enosys);
    printf("PROBE: bad-pointer calls %u, errors %u\n", bad, errors);
    return calls == refused && unknown == enosys ? 0 : -1;
}

/* dom0 is mapped 1:1, so a page's physical frame (from /proc/self/pagemap)
 * is its guest frame: copy between two of our pages with GNTTABOP_copy. */
static uint64_t frame_of(void *va)
{
    uint64_t entry = 0;
    int pm = open("/proc/self/pagemap", O_RDONLY);

    if (pm < 0)
        return 0;
    if (pread(pm, &entry, 8, (off_t)((uintptr_t)va / 4096) * 8) != 8)
        entry = 0;
    close(pm);
    return (entry & (1ULL << 63)) ? entry & ((1ULL << 55) - 1) : 0;
}

struct copy_op {
    uint64_t src_gmfn;
    uint16_t src_dom, src_off;
    uint32_t pad0;
    uint64_t dst_gmfn;
    uint16_t dst_dom, dst_off;
    uint32_t pad1;
    uint16_t len, flags;
    int16_t status;
    uint16_t pad2;
};

static int grant_copy(void)
{
    uint8_t *pages = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
    struct copy_op *op;
    long rc;
    int ok = 1;

    if (pages == MAP_FAILED)
        return -1;
    memset(pages, 0, 3 * 4096);
    op = (struct copy_op *)(pages + 8192);
    strcpy((char *)pages + 100, "granted-bytes-travel");
    *op = (struct copy_op){ .src_gmfn = frame_of(pages), .src_dom = 0x7ff0, .src_off = 100,
                            .dst_gmfn = frame_of(pages + 4096), .dst_dom = 0x7ff0,
                            .dst_off = 200, .len = 21 };
    rc = hcall(20, 5 /* GNTTABOP_copy */, (uintptr_t)op, 1, 0, 0);
    ok &= rc == 0 && op->status == 0 && !strcmp((char *)pages + 4096 + 200, "granted-bytes-travel");
    printf("PROBE: grant copy rc=%ld status=%d copied=%s\n", rc, op->status,
           (char *)pages + 4096 + 200);
    op->status = 99;
    op->dst_off = 4090;                         /* runs off the page */
    rc = hcall(20, 5, (uintptr_t)op, 1, 0, 0);
    printf("PROBE: grant copy past the page rc=%ld status=%d\n", rc, op->status);
    ok &= rc == 0 && op->status < 0;
    op->dst_off = 0;
    op->flags = 1;                              /* source is a grant of a missing domain */
    op->src_dom = 4242;
    op->status = 99;
    rc = hcall(20, 5, (uintptr_t)op, 1, 0, 0);
    printf("PROBE: grant copy from a missing domain rc=%ld status=%d\n", rc, op->status);
    ok &= rc == 0 && op->status < 0;
    printf("PROBE: grant copy %s\n", ok ? "ok" : "FAILED");
    return ok ? 0 : -1;
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
    rc |= grant_copy();
    /* Still answering? */
    if (version_checks()) {
        printf("PROBE: result FAILED (no answer after wild calls)\n");
        return 1;
    }
    printf("PROBE: result %s\n", rc == 0 ? "ok" : "FAILED (a wild call was accepted)");
    return rc == 0 ? 0 : 1;
}
