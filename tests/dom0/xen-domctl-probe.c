/*
 * Runs in dom0: drives domain life cycles through raw domctl/sysctl/memory_op
 * hypercalls (no libxc), as a toolstack would, and checks the hypervisor's
 * answers: 50 create/populate/destroy cycles must leave free memory where it
 * was, a new domain's grant frame serves dom0's grant copies, and malformed
 * requests must be refused with Xen's error codes.
 * Lines start with "DOMCTL:"; the last says "result ok" or "result FAILED".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <public/domctl.h>
#include <public/grant_table.h>
#include <public/memory.h>
#include <public/sysctl.h>
#include <public/xen.h>

struct privcmd_hypercall {
    uint64_t op;
    uint64_t arg[5];
};
#define IOCTL_PRIVCMD_HYPERCALL _IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall))
/* Linux's privcmd and gntdev interfaces (include/uapi/xen/). */
struct privcmd_mmap_resource {
    domid_t dom;
    uint32_t type, id, idx;
    uint64_t num, addr;
};
#define IOCTL_PRIVCMD_MMAP_RESOURCE _IOC(_IOC_NONE, 'P', 7, sizeof(struct privcmd_mmap_resource))
struct gntdev_copy_segment {
    union {
        void *virt;
        struct { uint32_t ref; uint16_t offset; domid_t domid; } foreign;
    } source, dest;
    uint16_t len, flags;
    int16_t status;
};
struct ioctl_gntdev_grant_copy {
    unsigned int count;
    struct gntdev_copy_segment *segments;
};
#define IOCTL_GNTDEV_GRANT_COPY _IOC(_IOC_NONE, 'G', 8, sizeof(struct ioctl_gntdev_grant_copy))
struct ioctl_gntdev_map_grant_ref {
    uint32_t count, pad;
    uint64_t index;                     /* out: the mmap offset */
    struct { uint32_t domid, ref; } refs[1];
};
#define IOCTL_GNTDEV_MAP_GRANT_REF _IOC(_IOC_NONE, 'G', 0, sizeof(struct ioctl_gntdev_map_grant_ref))
struct ioctl_gntdev_unmap_grant_ref {
    uint64_t index;
    uint32_t count, pad;
};
#define IOCTL_GNTDEV_UNMAP_GRANT_REF _IOC(_IOC_NONE, 'G', 1, sizeof(struct ioctl_gntdev_unmap_grant_ref))

static int fd, gntdev_fd;
static uint8_t *mem;                    /* locked pages shared with the hypervisor */
#define BIG_EXTENTS 16384ULL            /* 64 MiB of 4 KiB pages */
#define BIG_GPFNS_OFFSET (4 * 4096)
#define MEM_BYTES (BIG_GPFNS_OFFSET + BIG_EXTENTS * 8)
static int failures;

static long hcall(uint64_t op, uint64_t a0, uint64_t a1)
{
    struct privcmd_hypercall h = { op, { a0, a1, 0, 0, 0 } };
    long rc = ioctl(fd, IOCTL_PRIVCMD_HYPERCALL, &h);

    return rc < 0 ? -errno : rc;
}

static void check(int ok, const char *what)
{
    printf("DOMCTL: %s %s\n", ok ? "ok" : "FAIL", what);
    if (!ok)
        failures++;
}

static struct xen_domctl *domctl_new(uint32_t cmd, domid_t dom)
{
    struct xen_domctl *d = (struct xen_domctl *)mem;

    memset(d, 0, sizeof(*d));
    d->cmd = cmd;
    d->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    d->domain = dom;
    return d;
}

static long domctl(struct xen_domctl *d)
{
    return hcall(__HYPERVISOR_domctl, (uintptr_t)d, 0);
}

static uint64_t free_pages(void)
{
    struct xen_sysctl *s = (struct xen_sysctl *)mem;

    memset(s, 0, sizeof(*s));
    s->cmd = XEN_SYSCTL_physinfo;
    s->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    if (hcall(__HYPERVISOR_sysctl, (uintptr_t)s, 0))
        return 0;
    /* Pages waiting to be scrubbed (Xen scrubs freed memory lazily) are free too. */
    return s->u.physinfo.free_pages + s->u.physinfo.scrub_pages;
}

/* A new domain, given id @want (0: the hypervisor picks). */
static long create_id(domid_t want, uint32_t vcpus, domid_t *out)
{
    struct xen_domctl *d = domctl_new(XEN_DOMCTL_createdomain, want);
    long rc;

    d->u.createdomain.flags = XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap;
    d->u.createdomain.max_vcpus = vcpus;
    d->u.createdomain.max_evtchn_port = 1023;
    d->u.createdomain.max_grant_frames = -1;
    d->u.createdomain.max_maptrack_frames = -1;
    d->u.createdomain.grant_opts = XEN_DOMCTL_GRANT_version(1);
    rc = domctl(d);
    if (rc == 0)
        *out = d->domain;
    return rc;
}

static long create(uint32_t vcpus, domid_t *out)
{
    return create_id(0, vcpus, out);
}

/* A domain allowed @kb of memory, given id @want (0: any). */
static long create_sized_id(domid_t want, uint32_t vcpus, uint64_t kb, domid_t *out)
{
    struct xen_domctl *d;
    long rc = create_id(want, vcpus, out);

    if (rc)
        return rc;
    d = domctl_new(XEN_DOMCTL_max_mem, *out);
    d->u.max_mem.max_memkb = kb;
    rc = domctl(d);
    if (rc)
        domctl(domctl_new(XEN_DOMCTL_destroydomain, *out));
    return rc;
}

/* 16 MiB at GUEST_RAM0 in 2 MiB extents. */
static long populate(domid_t dom)
{
    struct xen_memory_reservation *r = (struct xen_memory_reservation *)(mem + 2048);
    uint64_t *gpfns = (uint64_t *)(mem + 4096);

    for (int i = 0; i < 8; i++)
        gpfns[i] = 0x40000 + i * 512;
    memset(r, 0, sizeof(*r));
    set_xen_guest_handle(r->extent_start, gpfns);
    r->nr_extents = 8;
    r->extent_order = 9;
    r->domid = dom;
    return hcall(__HYPERVISOR_memory_op, XENMEM_populate_physmap, (uintptr_t)r);
}

/* nr order-0 extents from GUEST_RAM0, the command carrying @start as Xen's
 * MEMOP_EXTENT_SHIFT progress field. */
static long reservation(unsigned int op, domid_t dom, uint64_t nr, uint64_t start)
{
    struct xen_memory_reservation *r = (struct xen_memory_reservation *)(mem + 2048);
    uint64_t *gpfns = (uint64_t *)(mem + BIG_GPFNS_OFFSET);

    for (uint64_t i = 0; i < nr; i++)
        gpfns[i] = 0x40000 + i;
    memset(r, 0, sizeof(*r));
    set_xen_guest_handle(r->extent_start, gpfns);
    r->nr_extents = nr;
    r->domid = dom;
    return hcall(__HYPERVISOR_memory_op, op | (start << 6), (uintptr_t)r);
}

static uint64_t tot_pages(domid_t dom)
{
    struct xen_domctl *d = domctl_new(XEN_DOMCTL_getdomaininfo, dom);

    return domctl(d) == 0 && d->domain == dom ? d->u.getdomaininfo.tot_pages : ~0ULL;
}

/* Calls long enough that a hypervisor must work through them in slices
 * (Xen continues them; so must Xenlet) still give whole answers; and a
 * caller's own progress field is honoured. */
static void big_reservations(void)
{
    struct xen_domctl *d;
    domid_t dom;

    if (create_sized_id(0, 1, 80 * 1024, &dom)) {
        check(0, "64 MiB populate_physmap in 4 KiB extents");
        return;
    }
    /* Xen keeps a domain's stage-2 tables in a pool the toolstack sizes
     * (4 KiB pages need leaf tables); 1 MiB is plenty for 64 MiB. */
    d = domctl_new(XEN_DOMCTL_set_paging_mempool_size, dom);
    d->u.paging_mempool.size = 1 << 20;
    domctl(d);
    check(reservation(XENMEM_populate_physmap, dom, BIG_EXTENTS, 0) == BIG_EXTENTS &&
              tot_pages(dom) == BIG_EXTENTS,
          "64 MiB populate_physmap in 4 KiB extents");
    check(reservation(XENMEM_decrease_reservation, dom, BIG_EXTENTS, 0) == BIG_EXTENTS &&
              tot_pages(dom) == 0,
          "64 MiB decrease_reservation in 4 KiB extents");
    check(reservation(XENMEM_populate_physmap, dom, 32, 16) == 32 && tot_pages(dom) == 16,
          "populate_physmap resumes from the progress in its command");
    d = domctl_new(XEN_DOMCTL_destroydomain, dom);
    domctl(d);
}

/* Maps grant frame 0 of @dom into this process (acquire_resource, as the
 * toolstack's builder does); NULL on failure. */
static struct grant_entry_v1 *map_grant_frame(domid_t dom)
{
    void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    struct privcmd_mmap_resource r = {
        .dom = dom, .type = XENMEM_resource_grant_table,
        .id = XENMEM_resource_grant_table_id_shared, .num = 1,
        .addr = (uintptr_t)p,
    };

    if (p == MAP_FAILED)
        return NULL;
    if (ioctl(fd, IOCTL_PRIVCMD_MMAP_RESOURCE, &r) < 0) {
        munmap(p, 4096);
        return NULL;
    }
    return p;
}

/* One grant copy between @buf and ref @ref of @dom; its status. */
static int grant_copy(domid_t dom, uint32_t ref, void *buf, uint16_t len, int to_guest)
{
    struct gntdev_copy_segment seg = { .len = len };
    struct ioctl_gntdev_grant_copy c = { 1, &seg };

    if (to_guest) {
        seg.source.virt = buf;
        seg.dest.foreign.ref = ref;
        seg.dest.foreign.domid = dom;
        seg.flags = GNTCOPY_dest_gref;
    } else {
        seg.source.foreign.ref = ref;
        seg.source.foreign.domid = dom;
        seg.dest.virt = buf;
        seg.flags = GNTCOPY_source_gref;
    }
    if (ioctl(gntdev_fd, IOCTL_GNTDEV_GRANT_COPY, &c) < 0)
        return -1000 - errno;
    return seg.status;
}

/* A domain with ref 8 granted to dom0 (writable) over its first page. */
static struct grant_entry_v1 *granting_domain(domid_t want, domid_t *dom)
{
    struct grant_entry_v1 *gt;

    if (create_sized_id(want, 1, 16 * 1024, dom))
        return NULL;
    gt = populate(*dom) == 8 ? map_grant_frame(*dom) : NULL;
    if (!gt) {
        domctl(domctl_new(XEN_DOMCTL_destroydomain, *dom));
        return NULL;
    }
    gt[8].domid = 0;
    gt[8].frame = 0x40000;
    __atomic_store_n(&gt[8].flags, (uint16_t)GTF_permit_access, __ATOMIC_RELEASE);
    return gt;
}

/*
 * What the domain builder relies on: dom0 maps a new domain's grant frame,
 * grants itself one of the domain's pages there, and copies into and out
 * of it; once the entry is cleared the page is out of reach again.
 */
static void grant_frames(void)
{
    struct privcmd_mmap_resource q = { .type = XENMEM_resource_grant_table,
                                       .id = XENMEM_resource_grant_table_id_shared };
    struct grant_entry_v1 *gt;
    char out[32] = "written by dom0's grant copy", back[32] = "";
    domid_t dom;
    int ok;

    gt = granting_domain(0, &dom);
    if (!gt) {
        check(0, "a new domain, populated, its grant frame mapped");
        return;
    }
    q.dom = dom;
    check(ioctl(fd, IOCTL_PRIVCMD_MMAP_RESOURCE, &q) == 0 && q.num >= 1 && q.num <= 1024,
          "acquire_resource gives the size of a domain's grant table");
    ok = grant_copy(dom, 8, out, sizeof(out), 1) == GNTST_okay &&
         grant_copy(dom, 8, back, sizeof(back), 0) == GNTST_okay &&
         memcmp(out, back, sizeof(out)) == 0;
    check(ok, "grant copy into a new domain through an entry dom0 wrote in its mapped frame");
    __atomic_store_n(&gt[8].flags, 0, __ATOMIC_RELEASE);
    check(grant_copy(dom, 8, out, sizeof(out), 1) != GNTST_okay,
          "the cleared entry refuses the copy");
    munmap(gt, 4096);
    domctl(domctl_new(XEN_DOMCTL_destroydomain, dom));
}

/* dom0 maps ref @ref of @dom through gntdev; the mapping, or NULL. */
static char *gntdev_map(domid_t dom, uint32_t ref, uint64_t *index)
{
    struct ioctl_gntdev_map_grant_ref m = { .count = 1, .refs = { { dom, ref } } };
    void *p;

    if (ioctl(gntdev_fd, IOCTL_GNTDEV_MAP_GRANT_REF, &m) < 0)
        return NULL;
    p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, gntdev_fd, (off_t)m.index);
    if (p == MAP_FAILED) {
        struct ioctl_gntdev_unmap_grant_ref u = { m.index, 1, 0 };

        ioctl(gntdev_fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &u);
        return NULL;
    }
    *index = m.index;
    return p;
}

static void gntdev_unmap(char *p, uint64_t index)
{
    struct ioctl_gntdev_unmap_grant_ref u = { index, 1, 0 };

    munmap(p, 4096);
    ioctl(gntdev_fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &u);
}

/*
 * dom0 still maps a grant of a destroyed domain when a new domain takes its
 * id (Xen keeps the id until that unmap and refuses with EEXIST; Xenlet
 * lets it be reused). Whatever dom0 does with the old mapping must not
 * touch the new domain's entry of the same number, and the new domain's
 * own grant must be released normally while the old one is still mapped.
 */
static void domid_reuse(void)
{
    struct grant_entry_v1 *old_gt, *gt;
    uint64_t old_index, index;
    char *old_map, *map;
    domid_t dom, again;
    int ok;

    old_gt = granting_domain(777, &dom);
    old_map = old_gt ? gntdev_map(dom, 8, &old_index) : NULL;
    check(old_map && (old_gt[8].flags & GTF_writing), "dom0 maps a grant of domain 777");
    if (old_gt)
        munmap(old_gt, 4096);
    if (!old_map) {
        if (old_gt)
            domctl(domctl_new(XEN_DOMCTL_destroydomain, dom));
        return;
    }
    old_map[0] = 'o';
    domctl(domctl_new(XEN_DOMCTL_destroydomain, dom));

    gt = granting_domain(777, &again);
    if (!gt) {
        /* Refused while the old domain lingers: nothing for the mapping to reach. */
        ok = create_id(777, 1, &again) == -EEXIST;
        check(ok, "a reused domid: the new domain's grant unmaps cleanly beside the old mapping");
        check(ok, "a reused domid: unmapping the dead domain's grant leaves the new entry alone");
        gntdev_unmap(old_map, old_index);
        return;
    }
    map = gntdev_map(again, 8, &index);
    ok = map && (gt[8].flags & GTF_writing);
    if (map)
        gntdev_unmap(map, index);
    ok = ok && __atomic_load_n(&gt[8].flags, __ATOMIC_ACQUIRE) == GTF_permit_access;
    check(ok, "a reused domid: the new domain's grant unmaps cleanly beside the old mapping");
    /* As if another backend had the new grant mapped now. */
    __atomic_store_n(&gt[8].flags, (uint16_t)(GTF_permit_access | GTF_reading), __ATOMIC_RELEASE);
    ok = old_map[0] == 'o';
    gntdev_unmap(old_map, old_index);
    ok = ok && __atomic_load_n(&gt[8].flags, __ATOMIC_ACQUIRE) == (GTF_permit_access | GTF_reading);
    check(ok, "a reused domid: unmapping the dead domain's grant leaves the new entry alone");
    __atomic_store_n(&gt[8].flags, 0, __ATOMIC_RELEASE);
    munmap(gt, 4096);
    domctl(domctl_new(XEN_DOMCTL_destroydomain, again));
}

static int one_cycle_warmup(void)
{
    domid_t dom;
    struct xen_domctl *d;

    if (create(1, &dom))
        return -1;
    d = domctl_new(XEN_DOMCTL_destroydomain, dom);
    return (int)domctl(d);
}

static int cycles(void)
{
    uint64_t before, after;
    int ok = 1;

    /* One cycle first: a hypervisor may keep structures it made for the first
     * domain (Xen does); what must not happen is growth with every cycle. */
    one_cycle_warmup();
    usleep(200000);
    before = free_pages();

    for (int i = 0; i < 50 && ok; i++) {
        domid_t dom;
        struct xen_domctl *d;
        void *gt;

        if (create(2, &dom)) {
            ok = 0;
            break;
        }
        d = domctl_new(XEN_DOMCTL_max_vcpus, dom);
        d->u.max_vcpus.max = 2;
        ok &= domctl(d) == 0;
        d = domctl_new(XEN_DOMCTL_max_mem, dom);
        d->u.max_mem.max_memkb = 64 * 1024;
        ok &= domctl(d) == 0;
        ok &= populate(dom) == 8;
        d = domctl_new(XEN_DOMCTL_getdomaininfo, dom);
        ok &= domctl(d) == 0 && d->domain == dom && d->u.getdomaininfo.tot_pages == 4096 &&
              (d->u.getdomaininfo.flags & XEN_DOMINF_paused);
        /* Its grant frame mapped as the builder maps it, let go before the
         * destroy on even cycles and after it on odd ones. */
        gt = map_grant_frame(dom);
        ok &= gt != NULL;
        if (gt && !(i & 1))
            munmap(gt, 4096);
        d = domctl_new(XEN_DOMCTL_destroydomain, dom);
        ok &= domctl(d) == 0;
        if (gt && (i & 1))
            munmap(gt, 4096);
        d = domctl_new(XEN_DOMCTL_getdomaininfo, dom);
        ok &= domctl(d) != 0 || d->domain != dom;    /* gone */
        if (!ok)
            printf("DOMCTL: cycle %d failed (domain %u)\n", i, dom);
    }
    /* Xen frees a dead domain's last pages after an RCU grace period:
     * give the count a moment to settle before comparing. */
    for (int i = 0; i < 40 && (after = free_pages()) != before; i++)
        usleep(50000);
    printf("DOMCTL: free pages before %llu after %llu\n", (unsigned long long)before,
           (unsigned long long)after);
    check(ok, "50 create/populate/map-grant-frame/destroy cycles");
    return ok && before == after && before != 0;
}

static void refusals(void)
{
    struct xen_domctl *d;
    domid_t dom;

    d = domctl_new(XEN_DOMCTL_getdomaininfo, 0);
    d->interface_version = 0x14;
    check(domctl(d) == -EACCES, "old interface version refused with EACCES");
    d = domctl_new(XEN_DOMCTL_createdomain, 0);
    d->u.createdomain.max_vcpus = 1;
    check(domctl(d) == -EINVAL, "createdomain without hvm|hap refused with EINVAL");
    check(create(0, &dom) == -EINVAL, "createdomain with 0 vCPUs refused");
    check(create(1000, &dom) == -EINVAL, "createdomain with 1000 vCPUs refused");
    d = domctl_new(XEN_DOMCTL_destroydomain, 0);
    check(domctl(d) == -EINVAL, "destroying dom0 refused");
    d = domctl_new(XEN_DOMCTL_pausedomain, 4242);
    check(domctl(d) == -ESRCH, "unknown domain gives ESRCH");
    d = domctl_new(0xdead, 0);
    check(domctl(d) == -ENOSYS, "unknown domctl gives ENOSYS");
    check(hcall(__HYPERVISOR_domctl, 0x10, 0) == -EFAULT, "domctl from a bad pointer gives EFAULT");
    if (create(1, &dom) == 0) {
        d = domctl_new(XEN_DOMCTL_max_vcpus, dom);
        d->u.max_vcpus.max = 3;
        check(domctl(d) == -EINVAL, "max_vcpus different from createdomain's refused");
        d = domctl_new(XEN_DOMCTL_destroydomain, dom);
        check(domctl(d) == 0, "destroy after refusals");
    } else {
        check(0, "create for refusal checks");
    }
}

static void readconsole(void)
{
    struct xen_sysctl *s = (struct xen_sysctl *)mem;
    char *buf = (char *)mem + 8192;

    memset(buf, 0, 8192);
    memset(s, 0, sizeof(*s));
    s->cmd = XEN_SYSCTL_readconsole;
    s->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    set_xen_guest_handle(s->u.readconsole.buffer, buf);
    s->u.readconsole.count = 8191;
    check(hcall(__HYPERVISOR_sysctl, (uintptr_t)s, 0) == 0 && s->u.readconsole.count > 0 &&
              strstr(buf, "dom0") != NULL,
          "readconsole returns the hypervisor log");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    fd = open("/dev/xen/privcmd", O_RDWR);
    gntdev_fd = open("/dev/xen/gntdev", O_RDWR);
    mem = mmap(NULL, MEM_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED,
               -1, 0);
    if (fd < 0 || mem == MAP_FAILED) {
        printf("DOMCTL: result FAILED (no privcmd or no memory)\n");
        return 1;
    }
    memset(mem, 0, MEM_BYTES);
    check(cycles(), "free memory back to its starting value after 50 cycles");
    big_reservations();
    grant_frames();
    domid_reuse();
    refusals();
    readconsole();
    printf("DOMCTL: result %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
