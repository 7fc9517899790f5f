/*
 * Runs in an unprivileged domU (with xen-privcmd loaded): tries what only
 * the control domain may do - domctl, sysctl, the console, mapping dom0's
 * memory, binding an event channel it was not offered, mapping a grant it
 * was not given, shutting dom0 down - and checks each is refused. Lines
 * start with "DOMU-PROBE:"; the last says "result ok" or "result FAILED".
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
#include <public/event_channel.h>
#include <public/grant_table.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>
#include <public/memory.h>
#include <public/sched.h>
#include <public/sysctl.h>
#include <public/xen.h>

struct privcmd_hypercall {
    uint64_t op;
    uint64_t arg[5];
};
#define IOCTL_PRIVCMD_HYPERCALL _IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall))

static int fd, failures;
static uint8_t *mem;

static long hcall(uint64_t op, uint64_t a0, uint64_t a1, uint64_t a2)
{
    struct privcmd_hypercall h = { op, { a0, a1, a2, 0, 0 } };
    long rc = ioctl(fd, IOCTL_PRIVCMD_HYPERCALL, &h);

    return rc < 0 ? -errno : rc;
}

static void refused(const char *what, long rc)
{
    printf("DOMU-PROBE: %s rc=%ld %s\n", what, rc, rc < 0 ? "refused" : "ALLOWED");
    if (rc >= 0)
        failures++;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    fd = open("/dev/xen/privcmd", O_RDWR);
    mem = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED,
               -1, 0);
    if (fd < 0 || mem == MAP_FAILED) {
        printf("DOMU-PROBE: result FAILED (no privcmd: %s)\n", strerror(errno));
        return 1;
    }
    memset(mem, 0, 4 * 4096);
    /* The probe means something only if privcmd reaches the hypervisor. */
    long v = hcall(__HYPERVISOR_xen_version, 0, 0, 0);
    printf("DOMU-PROBE: xen_version answers 0x%lx\n", v);
    if (v <= 0) {
        printf("DOMU-PROBE: result FAILED (hypercalls do not reach the hypervisor)\n");
        return 1;
    }

    struct xen_domctl *dc = (struct xen_domctl *)mem;
    dc->cmd = XEN_DOMCTL_getdomaininfo;
    dc->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    refused("domctl getdomaininfo", hcall(__HYPERVISOR_domctl, (uintptr_t)dc, 0, 0));
    memset(dc, 0, sizeof(*dc));
    dc->cmd = XEN_DOMCTL_destroydomain;
    dc->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    refused("domctl destroydomain of dom0", hcall(__HYPERVISOR_domctl, (uintptr_t)dc, 0, 0));

    struct xen_sysctl *sc = (struct xen_sysctl *)mem;
    memset(sc, 0, sizeof(*sc));
    sc->cmd = XEN_SYSCTL_physinfo;
    sc->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    refused("sysctl physinfo", hcall(__HYPERVISOR_sysctl, (uintptr_t)sc, 0, 0));

    strcpy((char *)mem + 2048, "hello");
    refused("console_io write", hcall(__HYPERVISOR_console_io, CONSOLEIO_write, 5,
                                      (uintptr_t)mem + 2048));

    /* Map a page of dom0 (its RAM is 1:1 around 0x60000000 on QEMU virt). */
    struct xen_add_to_physmap_batch *b = (struct xen_add_to_physmap_batch *)mem;
    uint64_t *idx = (uint64_t *)(mem + 4096), *gpfn = idx + 1;
    int32_t *err = (int32_t *)(idx + 2);
    memset(b, 0, sizeof(*b));
    *idx = 0x60000;
    *gpfn = 0x39100;
    b->domid = DOMID_SELF;
    b->space = XENMAPSPACE_gmfn_foreign;
    b->size = 1;
    b->u.foreign_domid = 0;
    set_xen_guest_handle(b->idxs, idx);
    set_xen_guest_handle(b->gpfns, gpfn);
    set_xen_guest_handle(b->errs, err);
    long rc = hcall(__HYPERVISOR_memory_op, XENMEM_add_to_physmap_batch, (uintptr_t)b, 0);
    refused("map dom0's memory (add_to_physmap_batch)", rc < 0 ? rc : *err);

    struct xen_memory_reservation *r = (struct xen_memory_reservation *)mem;
    memset(r, 0, sizeof(*r));
    *idx = 0x70000;
    set_xen_guest_handle(r->extent_start, idx);
    r->nr_extents = 1;
    r->domid = 0;
    rc = hcall(__HYPERVISOR_memory_op, XENMEM_decrease_reservation, (uintptr_t)r, 0);
    refused("take dom0's memory away (decrease_reservation)", rc <= 0 ? (rc ? rc : -1) : rc);

    struct evtchn_bind_interdomain *bi = (struct evtchn_bind_interdomain *)mem;
    memset(bi, 0, sizeof(*bi));
    bi->remote_dom = 0;
    bi->remote_port = 1;
    refused("bind dom0's event channel 1", hcall(__HYPERVISOR_event_channel_op,
                                                   EVTCHNOP_bind_interdomain, (uintptr_t)bi, 0));
    struct evtchn_alloc_unbound *au = (struct evtchn_alloc_unbound *)mem;
    memset(au, 0, sizeof(*au));
    au->dom = 0;
    au->remote_dom = DOMID_SELF;
    refused("allocate a port in dom0", hcall(__HYPERVISOR_event_channel_op,
                                               EVTCHNOP_alloc_unbound, (uintptr_t)au, 0));

    struct gnttab_map_grant_ref *m = (struct gnttab_map_grant_ref *)mem;
    memset(m, 0, sizeof(*m));
    m->host_addr = 0x39200000ULL;
    m->flags = GNTMAP_host_map;
    m->ref = 0;
    m->dom = 0;
    rc = hcall(__HYPERVISOR_grant_table_op, GNTTABOP_map_grant_ref, (uintptr_t)m, 1);
    refused("map a grant dom0 never gave", rc < 0 ? rc : m->status);

    struct xen_hvm_param *hp = (struct xen_hvm_param *)mem;
    memset(hp, 0, sizeof(*hp));
    hp->domid = DOMID_SELF;
    hp->index = HVM_PARAM_STORE_PFN;
    hp->value = 0x1234;
    refused("set its own HVM param", hcall(__HYPERVISOR_hvm_op, HVMOP_set_param, (uintptr_t)hp, 0));

    struct sched_remote_shutdown *rs = (struct sched_remote_shutdown *)mem;
    memset(rs, 0, sizeof(*rs));
    rs->domain_id = 0;
    rs->reason = SHUTDOWN_poweroff;
    refused("shut dom0 down", hcall(__HYPERVISOR_sched_op, SCHEDOP_remote_shutdown,
                                      (uintptr_t)rs, 0));

    printf("DOMU-PROBE: result %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
