/*
 * The isolation checks: from an unprivileged domU, try what only the
 * control domain may do, or what would reach into another domain (dom0, or
 * the domU named by victim=N on the command line), and report each answer:
 *
 *   ISOLATION: <check> ok rc=<rc>      refused, as it must be
 *   ISOLATION: <check> FAIL rc=<rc>    allowed: an isolation hole
 *
 * The "control." checks show the same calls work where they should: on
 * itself, and on the event channel port and the grant dom0 offered it
 * (tests/dom0/xen-isolation-offer), so a refusal means something. dom0
 * offered the other domU a port and a grant too: those must be refused.
 * Checks whose success would harm another domain come last; dom0 then
 * checks that everyone survived.
 */
#include <public/domctl.h>
#include <public/event_channel.h>
#include <public/grant_table.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>
#include <public/memory.h>
#include <public/sched.h>
#include <public/sysctl.h>
#include <public/vcpu.h>
#include <public/version.h>
#include <public/xen.h>

#include "guest.h"

/*
 * A GFN of dom0's RAM, so that a refusal is about permission, not a hole:
 * dom0gfn=N on the command line (the scenario reads dom0's /proc/iomem), else
 * one inside dom0's 1:1 RAM under both Xen (0x50000000-0x6fffffff) and Xenlet
 * (0x60000000-0x7fffffff) on QEMU virt with 1 GiB.
 */
static unsigned long dom0_gfn = 0x6c000UL;
#define DOM0_GFN dom0_gfn
/* The first page of a domU's RAM: its kernel's, always populated. */
#define DOMU_GFN 0x40000UL
/* Where QEMU virt puts the hypervisor image (Xen's and Xenlet's) and its UART. */
#define HYPERVISOR_GFN 0x40200UL
#define HOST_UART_GFN 0x9000UL
/* An empty GFN of our own, inside the mapped magic window, to map things at. */
#define SPARE_GFN 0x39200UL
/* Virtual addresses for wild pointers: one unmapped by our stage 1, one
 * mapped (Device) but with no RAM behind it in stage 2. */
#define VA_UNMAPPED 0xdead0000UL
#define VA_UNBACKED 0x30000000UL
/* Our grant table's window: nothing is mapped there until we ask. */
#define GNTTAB_WINDOW 0x38000000UL

static uint8_t scratch[4][4096] __attribute__((aligned(4096)));
static unsigned int checks, failures;
static long victim = -1;

static void line(const char *name, const char *verdict, long rc)
{
    cons_puts("ISOLATION: ");
    cons_puts(name);
    cons_puts(verdict);
    cons_putdec(rc);
    cons_puts("\n");
}

static void result(const char *name, int good, long rc)
{
    checks++;
    if (!good)
        failures++;
    line(name, good ? " ok rc=" : " FAIL rc=", rc);
}

/* A hypercall that must fail. */
static void refused(const char *name, long rc)
{
    result(name, rc < 0, rc);
}

/* Batched ops (grants, add_to_physmap_batch) answer per entry. */
static void refused_status(const char *name, long rc, long status)
{
    result(name, rc < 0 || status < 0, rc < 0 ? rc : status);
}

/*
 * increase/decrease_reservation and populate_physmap answer with the number
 * of extents done: Xen says 0 (not an error code) when it refuses the one
 * extent asked for.
 */
static void none_done(const char *name, long rc)
{
    result(name, rc <= 0, rc);
}

/* Needs victim=N: otherwise say why it did not run. */
static int have_victim(const char *name)
{
    if (victim >= 0)
        return 1;
    cons_puts("ISOLATION: ");
    cons_puts(name);
    cons_puts(" skip (no victim= on the command line)\n");
    return 0;
}

static void *zeroed(int i)
{
    return memset(scratch[i], 0, sizeof(scratch[i]));
}

static unsigned long gfn_of(const void *p)
{
    return (unsigned long)(uintptr_t)p >> 12;
}

/* --- controls: the same calls on ourselves work ----------------------------- */

static void controls(void)
{
    long v = HCALL(__HYPERVISOR_xen_version, XENVER_version, 0, 0);
    struct evtchn_alloc_unbound *au = zeroed(0);
    struct gnttab_query_size *qs;
    domid_t self = DOMID_SELF;

    cons_puts("ISOLATION: xen_version ");
    cons_puthex((unsigned long)v);
    cons_puts("\n");
    result("control.xen_version", v > 0, v);
    au->dom = DOMID_SELF;
    au->remote_dom = 0;
    v = HCALL(__HYPERVISOR_event_channel_op, EVTCHNOP_alloc_unbound, au, 0);
    result("control.evtchn_alloc_unbound_self", v == 0 && au->port > 0, v);
    qs = zeroed(0);
    qs->dom = DOMID_SELF;
    v = HCALL(__HYPERVISOR_grant_table_op, GNTTABOP_query_size, qs, 1);
    result("control.gnttab_query_size_self", v == 0 && qs->status == 0 && qs->max_nr_frames > 0,
           v ? v : qs->status);
    v = HCALL(__HYPERVISOR_memory_op, XENMEM_current_reservation, &self, 0);
    result("control.current_reservation_self", v > 0, v);
}

/* --- domctl / sysctl ------------------------------------------------------------ */

static long domctl(uint32_t cmd, domid_t dom)
{
    struct xen_domctl *d = zeroed(0);

    d->cmd = cmd;
    d->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    d->domain = dom;
    if (cmd == XEN_DOMCTL_createdomain) {
        d->u.createdomain.flags = XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap;
        d->u.createdomain.max_vcpus = 1;
        d->u.createdomain.max_grant_frames = -1;
        d->u.createdomain.max_maptrack_frames = -1;
        d->u.createdomain.grant_opts = 1;
        d->u.createdomain.max_evtchn_port = 1023;
    } else if (cmd == XEN_DOMCTL_max_mem) {
        d->u.max_mem.max_memkb = 1;
    } else if (cmd == XEN_DOMCTL_getvcpucontext || cmd == XEN_DOMCTL_setvcpucontext) {
        set_xen_guest_handle(d->u.vcpucontext.ctxt, (void *)scratch[1]);
        memset(scratch[1], 0, sizeof(scratch[1]));
    }
    return HCALL(__HYPERVISOR_domctl, d, 0, 0);
}

static long sysctl(uint32_t cmd)
{
    struct xen_sysctl *s = zeroed(0);

    s->cmd = cmd;
    s->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    if (cmd == XEN_SYSCTL_readconsole) {
        set_xen_guest_handle(s->u.readconsole.buffer, (char *)scratch[1]);
        s->u.readconsole.count = sizeof(scratch[1]);
    } else if (cmd == XEN_SYSCTL_getdomaininfolist) {
        set_xen_guest_handle(s->u.getdomaininfolist.buffer,
                             (struct xen_domctl_getdomaininfo *)scratch[1]);
        s->u.getdomaininfolist.max_domains = 4096 / sizeof(struct xen_domctl_getdomaininfo);
    } else if (cmd == XEN_SYSCTL_cpupool_op) {
        s->u.cpupool_op.op = XEN_SYSCTL_CPUPOOL_OP_INFO;
    }
    return HCALL(__HYPERVISOR_sysctl, s, 0, 0);
}

static void control_ops(void)
{
    refused("domctl.createdomain", domctl(XEN_DOMCTL_createdomain, 0));
    refused("domctl.getdomaininfo.dom0", domctl(XEN_DOMCTL_getdomaininfo, 0));
    refused("domctl.getvcpucontext.dom0", domctl(XEN_DOMCTL_getvcpucontext, 0));
    refused("domctl.getdomaininfo.self", domctl(XEN_DOMCTL_getdomaininfo, DOMID_SELF));
    refused("domctl.max_mem.self", domctl(XEN_DOMCTL_max_mem, DOMID_SELF));
    if (have_victim("domctl.getdomaininfo.domU"))
        refused("domctl.getdomaininfo.domU", domctl(XEN_DOMCTL_getdomaininfo, (domid_t)victim));
    refused("sysctl.physinfo", sysctl(XEN_SYSCTL_physinfo));
    refused("sysctl.readconsole", sysctl(XEN_SYSCTL_readconsole));
    refused("sysctl.getdomaininfolist", sysctl(XEN_SYSCTL_getdomaininfolist));
    refused("sysctl.sched_id", sysctl(XEN_SYSCTL_sched_id));
    refused("sysctl.cpupool_info", sysctl(XEN_SYSCTL_cpupool_op));
}

/* --- memory ------------------------------------------------------------------- */

static long foreign_map(domid_t owner, unsigned long gfn, int *err)
{
    struct xen_add_to_physmap_batch *b = zeroed(0);
    uint64_t *idx = (uint64_t *)scratch[1], *gpfn = idx + 1;

    *idx = gfn;
    *gpfn = SPARE_GFN;
    *err = 0;
    b->domid = DOMID_SELF;
    b->space = XENMAPSPACE_gmfn_foreign;
    b->size = 1;
    b->u.foreign_domid = owner;
    set_xen_guest_handle(b->idxs, idx);
    set_xen_guest_handle(b->gpfns, gpfn);
    set_xen_guest_handle(b->errs, err);
    return HCALL(__HYPERVISOR_memory_op, XENMEM_add_to_physmap_batch, b, 0);
}

static long add_to_physmap(domid_t dom, uint32_t space, unsigned long idx, unsigned long gpfn)
{
    struct xen_add_to_physmap *a = zeroed(0);

    a->domid = dom;
    a->space = space;
    a->idx = idx;
    a->gpfn = gpfn;
    return HCALL(__HYPERVISOR_memory_op, XENMEM_add_to_physmap, a, 0);
}

static long reservation(unsigned int op, domid_t dom, unsigned long gfn)
{
    struct xen_memory_reservation *r = zeroed(0);
    uint64_t *extent = (uint64_t *)scratch[1];

    *extent = gfn;
    set_xen_guest_handle(r->extent_start, extent);
    r->nr_extents = 1;
    r->domid = dom;
    return HCALL(__HYPERVISOR_memory_op, op, r, 0);
}

static long acquire_grant_table(domid_t dom)
{
    struct xen_mem_acquire_resource *a = zeroed(0);
    uint64_t *frames = (uint64_t *)scratch[1];

    frames[0] = SPARE_GFN;
    a->domid = dom;
    a->type = XENMEM_resource_grant_table;
    a->id = XENMEM_resource_grant_table_id_shared;
    a->nr_frames = 1;
    a->frame = 0;
    set_xen_guest_handle(a->frame_list, frames);
    return HCALL(__HYPERVISOR_memory_op, XENMEM_acquire_resource, a, 0);
}

static void memory_ops(void)
{
    domid_t dom0 = 0;
    int err;
    long rc;

    rc = foreign_map(0, DOM0_GFN, &err);
    refused_status("mem.foreign_map_batch.dom0", rc, err);
    refused("mem.foreign_map_single.dom0",
            add_to_physmap(DOMID_SELF, XENMAPSPACE_gmfn_foreign, DOM0_GFN, SPARE_GFN));
    refused("mem.acquire_resource.dom0", acquire_grant_table(0));
    none_done("mem.populate_physmap.dom0", reservation(XENMEM_populate_physmap, 0, SPARE_GFN));
    none_done("mem.increase_reservation.dom0", reservation(XENMEM_increase_reservation, 0, 0));
    refused("mem.current_reservation.dom0",
            HCALL(__HYPERVISOR_memory_op, XENMEM_current_reservation, &dom0, 0));
    refused("mem.maximum_reservation.dom0",
            HCALL(__HYPERVISOR_memory_op, XENMEM_maximum_reservation, &dom0, 0));
    refused("mem.add_to_physmap_shared_info.dom0",
            add_to_physmap(0, XENMAPSPACE_shared_info, 0, SPARE_GFN));
    /* Host frames by machine address: dom0's RAM (1:1, so its GFN is the
     * machine frame), the hypervisor's own image, the host's UART. */
    refused("mem.dev_mmio.dom0_ram", add_to_physmap(DOMID_SELF, XENMAPSPACE_dev_mmio, DOM0_GFN,
                                                    SPARE_GFN));
    refused("mem.dev_mmio.hypervisor", add_to_physmap(DOMID_SELF, XENMAPSPACE_dev_mmio,
                                                      HYPERVISOR_GFN, SPARE_GFN));
    refused("mem.dev_mmio.host_uart", add_to_physmap(DOMID_SELF, XENMAPSPACE_dev_mmio,
                                                     HOST_UART_GFN, SPARE_GFN));
    rc = foreign_map(DOMID_XEN, HYPERVISOR_GFN, &err);
    refused_status("mem.foreign_map_batch.domid_xen", rc, err);
    {
        struct xen_memory_exchange *x = zeroed(0);
        uint64_t *in = (uint64_t *)scratch[1], *out = in + 1;

        *in = DOM0_GFN;
        *out = SPARE_GFN;
        set_xen_guest_handle(x->in.extent_start, in);
        set_xen_guest_handle(x->out.extent_start, out);
        x->in.nr_extents = x->out.nr_extents = 1;
        x->in.domid = x->out.domid = 0;
        refused("mem.exchange.dom0", HCALL(__HYPERVISOR_memory_op, XENMEM_exchange, x, 0));
    }
    if (have_victim("mem.*.domU")) {
        domid_t v = (domid_t)victim;

        rc = foreign_map(v, DOMU_GFN, &err);
        refused_status("mem.foreign_map_batch.domU", rc, err);
        refused("mem.acquire_resource.domU", acquire_grant_table(v));
        none_done("mem.populate_physmap.domU", reservation(XENMEM_populate_physmap, v, SPARE_GFN));
        refused("mem.add_to_physmap_grant_table.domU",
                add_to_physmap(v, XENMAPSPACE_grant_table, 0, SPARE_GFN));
    }
}

/* --- event channels ----------------------------------------------------------- */

static long evtchn(unsigned int op, void *arg)
{
    return HCALL(__HYPERVISOR_event_channel_op, op, arg, 0);
}

/* Binding to any of another domain's first ports must fail: none was offered. */
static void bind_all(const char *name, domid_t dom, unsigned int nports)
{
    long rc = -1;
    unsigned int port;

    for (port = 1; port <= nports; port++) {
        struct evtchn_bind_interdomain *b = zeroed(0);

        b->remote_dom = dom;
        b->remote_port = port;
        rc = evtchn(EVTCHNOP_bind_interdomain, b);
        if (rc >= 0)
            break;
    }
    result(name, rc < 0, rc);
}

/*
 * dom0 offered us one port (xen-isolation-offer) and another to the other
 * domU: of dom0's first ports exactly one may bind, the one offered to us.
 */
static void bind_dom0_ports(void)
{
    unsigned int offered = 0, extra = 0;
    long refused_rc = 0;

    for (unsigned int port = 1; port <= 128; port++) {
        struct evtchn_bind_interdomain *b = zeroed(0);
        long rc;

        b->remote_dom = 0;
        b->remote_port = port;
        rc = evtchn(EVTCHNOP_bind_interdomain, b);
        if (rc < 0) {
            refused_rc = rc;
            continue;
        }
        if (offered)
            extra = port;
        else
            offered = port;
        evtchn(EVTCHNOP_close, &b->local_port);
    }
    cons_puts("ISOLATION: offered evtchn port=");
    cons_putdec(offered);
    cons_puts("\n");
    result("control.evtchn_bind_offered", offered != 0, offered ? 0 : refused_rc);
    result("evtchn.bind_interdomain.dom0", extra == 0, extra ? 0 : refused_rc);
}

/* send, close, unmask, bind_vcpu on ports we do not have (each op's
 * argument starts with the port). */
static void ports_refused(const char *name, unsigned int op, unsigned int first)
{
    static const uint32_t not_ours[] = { 200, 1023, 4095, 0x7fffffff, 0xffffffff };
    long rc = -1;

    for (unsigned int i = first; i < sizeof(not_ours) / sizeof(not_ours[0]); i++) {
        uint32_t *arg = zeroed(0);

        arg[0] = not_ours[i];
        rc = evtchn(op, arg);
        if (rc >= 0)
            break;
    }
    refused(name, rc);
}

static void event_ops(void)
{
    struct evtchn_alloc_unbound *au;
    struct evtchn_status *st;

    bind_dom0_ports();
    au = zeroed(0);
    au->dom = 0;
    au->remote_dom = DOMID_SELF;
    refused("evtchn.alloc_unbound_for.dom0", evtchn(EVTCHNOP_alloc_unbound, au));
    st = zeroed(0);
    st->dom = 0;
    st->port = 1;
    refused("evtchn.status.dom0", evtchn(EVTCHNOP_status, st));
    if (have_victim("evtchn.*.domU")) {
        bind_all("evtchn.bind_interdomain.domU", (domid_t)victim, 32);
        au = zeroed(0);
        au->dom = (domid_t)victim;
        au->remote_dom = DOMID_SELF;
        refused("evtchn.alloc_unbound_for.domU", evtchn(EVTCHNOP_alloc_unbound, au));
        st = zeroed(0);
        st->dom = (domid_t)victim;
        st->port = 1;
        refused("evtchn.status.domU", evtchn(EVTCHNOP_status, st));
    }
    ports_refused("evtchn.send.unallocated", EVTCHNOP_send, 0);
    ports_refused("evtchn.close.unallocated", EVTCHNOP_close, 0);
    /* Unmasking a free port in range only clears a bit: check beyond it. */
    ports_refused("evtchn.unmask.out_of_range", EVTCHNOP_unmask, 2);
    ports_refused("evtchn.bind_vcpu.unallocated", EVTCHNOP_bind_vcpu, 0);
}

/* --- grant tables ------------------------------------------------------------- */

static long gnttab(unsigned int op, void *arg, unsigned int count)
{
    return HCALL(__HYPERVISOR_grant_table_op, op, arg, count);
}

/* Map refs 0..7 of dom: none is granted to us (a domU's 0 and 1 are dom0's). */
static void map_all(const char *name, domid_t dom)
{
    long rc = -1, status = -1;

    for (uint32_t ref = 0; ref < 8; ref++) {
        struct gnttab_map_grant_ref *m = zeroed(0);

        m->host_addr = SPARE_GFN << 12;
        m->flags = GNTMAP_host_map;
        m->ref = ref;
        m->dom = dom;
        rc = gnttab(GNTTABOP_map_grant_ref, m, 1);
        status = m->status;
        if (rc >= 0 && status >= 0)
            break;
    }
    refused_status(name, rc, status);
}

#define GRANT_MARKER "XENLET-ISOLATION-GRANT"

/* Map dom0's ref at SPARE_GFN; 1 if it worked (and is unmapped again). */
static int map_and_check(grant_ref_t ref, int *marker_ok, long *rc_out)
{
    struct gnttab_map_grant_ref *m = zeroed(0);
    struct gnttab_unmap_grant_ref *u;
    const char *seen = (const char *)(uintptr_t)(SPARE_GFN << 12);
    grant_handle_t handle;
    long rc;

    m->host_addr = SPARE_GFN << 12;
    m->flags = GNTMAP_host_map;
    m->ref = ref;
    m->dom = 0;
    rc = gnttab(GNTTABOP_map_grant_ref, m, 1);
    *rc_out = rc < 0 ? rc : m->status;
    if (rc < 0 || m->status < 0)
        return 0;
    handle = m->handle;
    *marker_ok = 1;
    for (unsigned int i = 0; i < sizeof(GRANT_MARKER); i++)
        if (seen[i] != GRANT_MARKER[i])
            *marker_ok = 0;
    u = zeroed(0);
    u->host_addr = SPARE_GFN << 12;
    u->handle = handle;
    gnttab(GNTTABOP_unmap_grant_ref, u, 1);
    return 1;
}

/*
 * dom0 granted us one page and the other domU another: of dom0's first
 * refs exactly one may map, the one granted to us, holding the marker.
 */
static void map_dom0_refs(void)
{
    int marker_ok = 0, found = 0;
    grant_ref_t offered = 0, extra = 0;
    long rc, refused_rc = 0;

    for (grant_ref_t ref = 0; ref < 128; ref++) {
        int ok = 0;

        if (!map_and_check(ref, &ok, &rc)) {
            refused_rc = rc;
            continue;
        }
        if (found) {
            extra = ref;
        } else {
            found = 1;
            offered = ref;
            marker_ok = ok;
        }
    }
    cons_puts("ISOLATION: offered grant ref=");
    cons_putdec(found ? (long)offered : -1);
    cons_puts("\n");
    result("control.gnttab_map_offered", found && marker_ok, found ? 0 : refused_rc);
    result("gnttab.map.dom0", !extra, extra ? 0 : refused_rc);
}

static long grant_copy(domid_t sdom, uint64_t src, uint16_t sflags, domid_t ddom, uint64_t dst,
                       int16_t *status)
{
    struct gnttab_copy *c = zeroed(0);

    c->source.domid = sdom;
    c->dest.domid = ddom;
    if (sflags & GNTCOPY_source_gref)
        c->source.u.ref = (grant_ref_t)src;
    else
        c->source.u.gmfn = src;
    if (sflags & GNTCOPY_dest_gref)
        c->dest.u.ref = (grant_ref_t)dst;
    else
        c->dest.u.gmfn = dst;
    c->len = 16;
    c->flags = sflags;
    c->status = 0;
    long rc = gnttab(GNTTABOP_copy, c, 1);

    *status = c->status;
    return rc;
}

static long setup_table(domid_t dom, int16_t *status)
{
    struct gnttab_setup_table *s = zeroed(0);

    s->dom = dom;
    s->nr_frames = 1;
    set_xen_guest_handle(s->frame_list, (uint64_t *)scratch[1]);
    long rc = gnttab(GNTTABOP_setup_table, s, 1);

    *status = s->status;
    return rc;
}

static long query_size(domid_t dom, int16_t *status)
{
    struct gnttab_query_size *q = zeroed(0);

    q->dom = dom;
    long rc = gnttab(GNTTABOP_query_size, q, 1);

    *status = q->status;
    return rc;
}

static void grant_ops(void)
{
    unsigned long own = gfn_of(scratch[2]);
    struct gnttab_unmap_grant_ref *u;
    int16_t st;
    long rc;

    map_dom0_refs();
    rc = grant_copy(0, DOM0_GFN, 0, DOMID_SELF, own, &st);
    refused_status("gnttab.copy_from_gmfn.dom0", rc, st);
    rc = setup_table(0, &st);
    refused_status("gnttab.setup_table.dom0", rc, st);
    rc = query_size(0, &st);
    refused_status("gnttab.query_size.dom0", rc, st);
    u = zeroed(0);
    u->host_addr = SPARE_GFN << 12;
    u->handle = 0x1234;
    rc = gnttab(GNTTABOP_unmap_grant_ref, u, 1);
    refused_status("gnttab.unmap.bogus_handle", rc, u->status);
    if (have_victim("gnttab.*.domU")) {
        domid_t v = (domid_t)victim;

        map_all("gnttab.map.domU", v);
        rc = grant_copy(v, GNTTAB_RESERVED_CONSOLE, GNTCOPY_source_gref, DOMID_SELF, own, &st);
        refused_status("gnttab.copy_from_gref.domU", rc, st);
        rc = grant_copy(v, DOMU_GFN, 0, DOMID_SELF, own, &st);
        refused_status("gnttab.copy_from_gmfn.domU", rc, st);
        rc = setup_table(v, &st);
        refused_status("gnttab.setup_table.domU", rc, st);
        rc = query_size(v, &st);
        refused_status("gnttab.query_size.domU", rc, st);
    }
}

/* --- HVM params, console ------------------------------------------------------ */

static long hvm_param(unsigned int op, domid_t dom, uint32_t index, uint64_t value)
{
    struct xen_hvm_param *p = zeroed(0);

    p->domid = dom;
    p->index = index;
    p->value = value;
    return HCALL(__HYPERVISOR_hvm_op, op, p, 0);
}

static void param_and_console_ops(void)
{
    refused("hvm.get_param.dom0", hvm_param(HVMOP_get_param, 0, HVM_PARAM_STORE_EVTCHN, 0));
    refused("hvm.set_param.self", hvm_param(HVMOP_set_param, DOMID_SELF, HVM_PARAM_STORE_PFN,
                                              SPARE_GFN));
    if (have_victim("hvm.*.domU")) {
        refused("hvm.get_param.domU",
                hvm_param(HVMOP_get_param, (domid_t)victim, HVM_PARAM_STORE_PFN, 0));
        refused("hvm.set_param.domU",
                hvm_param(HVMOP_set_param, (domid_t)victim, HVM_PARAM_CONSOLE_PFN, SPARE_GFN));
    }
    memcpy(scratch[1], "isolation\n", 10);
    refused("console_io.write", HCALL(__HYPERVISOR_console_io, CONSOLEIO_write, 10, scratch[1]));
    refused("console_io.read", HCALL(__HYPERVISOR_console_io, CONSOLEIO_read, 16, scratch[1]));
}

/* --- wild arguments: errors, never a crash ------------------------------------ */

static void wild_ops(void)
{
    static const unsigned long unknown[] = { 0, 1, 14, 40, 63, 64, 4096, ~0UL };
    struct multicall_entry *mc;
    struct xen_domctl *d;
    long rc = -1;

    for (unsigned int i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
        rc = hypercall(unknown[i], 0, 0, 0, 0, 0);
        if (rc >= 0)
            break;
    }
    refused("wild.unknown_hypercalls", rc);
    refused("wild.domctl.null", HCALL(__HYPERVISOR_domctl, 0, 0, 0));
    refused("wild.domctl.unmapped_va", HCALL(__HYPERVISOR_domctl, VA_UNMAPPED, 0, 0));
    refused("wild.sysctl.unbacked_va", HCALL(__HYPERVISOR_sysctl, VA_UNBACKED, 0, 0));
    refused("wild.memory_op.unknown", HCALL(__HYPERVISOR_memory_op, 63, scratch[0], 0));
    refused("wild.memory_op.bad_ptr", HCALL(__HYPERVISOR_memory_op, XENMEM_add_to_physmap,
                                            VA_UNMAPPED, 0));
    refused("wild.xen_version.bad_ptr", HCALL(__HYPERVISOR_xen_version, XENVER_extraversion,
                                              VA_UNMAPPED, 0));
    refused("wild.evtchn.unknown", HCALL(__HYPERVISOR_event_channel_op, 99, scratch[0], 0));
    refused("wild.evtchn.bad_ptr", HCALL(__HYPERVISOR_event_channel_op, EVTCHNOP_send,
                                         VA_UNBACKED, 0));
    /* Xen 4.17 lets any domain bind a global VIRQ (only its handler, dom0,
     * is ever sent it), so only malformed binds are checked. */
    refused("wild.evtchn.bind_virq_out_of_range", ({
                struct evtchn_bind_virq *bv = zeroed(0);
                bv->virq = 9999;
                evtchn(EVTCHNOP_bind_virq, bv);
            }));
    refused("wild.evtchn.bind_virq_global_on_vcpu1", ({
                struct evtchn_bind_virq *bv = zeroed(0);
                bv->virq = VIRQ_DOM_EXC;
                bv->vcpu = 1;
                evtchn(EVTCHNOP_bind_virq, bv);
            }));
    refused("wild.gnttab.unknown", HCALL(__HYPERVISOR_grant_table_op, 99, scratch[0], 1));
    refused("wild.gnttab.map_huge_count_bad_ptr",
            HCALL(__HYPERVISOR_grant_table_op, GNTTABOP_map_grant_ref, VA_UNMAPPED, 0x7fffffff));
    refused("wild.gnttab.copy_negative_count",
            HCALL(__HYPERVISOR_grant_table_op, GNTTABOP_copy, scratch[0], 0x80000000u));
    refused("wild.sched.unknown", HCALL(__HYPERVISOR_sched_op, 99, scratch[0], 0));
    refused("wild.hvm.unknown", HCALL(__HYPERVISOR_hvm_op, 99, scratch[0], 0));
    refused("wild.hvm.param_out_of_range", hvm_param(HVMOP_get_param, DOMID_SELF, 0x7fffffff, 0));
    refused("wild.vcpu_op.no_such_vcpu",
            hypercall(__HYPERVISOR_vcpu_op, VCPUOP_register_vcpu_info, 1000,
                      (unsigned long)zeroed(0), 0, 0));
    refused("wild.vcpu_op.unknown", hypercall(__HYPERVISOR_vcpu_op, 99, 0, 0, 0, 0));
    refused("wild.multicall.bad_ptr", HCALL(__HYPERVISOR_multicall, VA_UNMAPPED, 16, 0));
    refused("wild.platform_op", HCALL(__HYPERVISOR_platform_op, scratch[0], 0, 0));
    /* A privileged call wrapped in a multicall is still refused. */
    d = zeroed(1);
    d->cmd = XEN_DOMCTL_getdomaininfo;
    d->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    mc = zeroed(0);
    mc->op = __HYPERVISOR_domctl;
    mc->args[0] = (uint64_t)(uintptr_t)d;
    rc = HCALL(__HYPERVISOR_multicall, mc, 1, 0);
    refused_status("wild.multicall.domctl", rc, (long)mc->result);
    /* Wild memory requests on ourselves: no extent can be done. */
    {
        struct xen_memory_reservation *r = zeroed(0);

        set_xen_guest_handle(r->extent_start, (uint64_t *)VA_UNMAPPED);
        r->nr_extents = 1UL << 40;
        r->domid = DOMID_SELF;
        rc = HCALL(__HYPERVISOR_memory_op, XENMEM_populate_physmap, r, 0);
        none_done("wild.populate.huge_count_bad_ptr", rc);
        r = zeroed(0);
        *(uint64_t *)scratch[1] = SPARE_GFN;
        set_xen_guest_handle(r->extent_start, (uint64_t *)scratch[1]);
        r->nr_extents = 1;
        r->extent_order = 40;
        r->domid = DOMID_SELF;
        rc = HCALL(__HYPERVISOR_memory_op, XENMEM_populate_physmap, r, 0);
        none_done("wild.populate.huge_order", rc);
    }
}

/* --- wild traps: the hypervisor answers with an exception or an error -------- */

volatile uint64_t trap_esr;

void unexpected_exception(uint64_t esr, uint64_t vector)
{
    cons_puts("ISOLATION: unexpected exception esr=");
    cons_puthex(esr);
    cons_puts(" vector=");
    cons_puthex(vector);
    cons_puts("\n");
    console_drain();
    power_off(SHUTDOWN_crash);
}

#define ESR_EC(esr) ((esr) >> 26)
#define EC_UNKNOWN 0x00         /* an undefined instruction */
#define EC_DABT_CUR 0x25        /* a data abort taken at EL1 */
#define SMCCC_NOT_SUPPORTED (-1)

static void trap_result(const char *name, int good, long rc)
{
    cons_puts("ISOLATION: trap ");
    cons_puts(name);
    cons_puts(" esr=");
    cons_puthex(trap_esr);
    cons_puts("\n");
    result(name, good, rc);
}

static void trap_ops(void)
{
    long rc;

    /* Anything could go wrong here: what came before is safe in dom0's log. */
    console_drain();
    trap_esr = 0;
    rc = trap_hvc_other_imm(0x5a);
    trap_result("wild.trap.hvc_other_immediate", ESR_EC(trap_esr) == EC_UNKNOWN && trap_esr, rc);
    trap_esr = 0;
    rc = trap_smc((long)0xc2001234);            /* an SMCCC SiP call nobody implements */
    trap_result("wild.trap.smc_unknown_function",
                rc == SMCCC_NOT_SUPPORTED || ESR_EC(trap_esr) == EC_UNKNOWN, rc);
    trap_esr = 0;
    rc = trap_read(VA_UNBACKED);
    trap_result("wild.trap.read_unbacked_ipa", ESR_EC(trap_esr) == EC_DABT_CUR, rc);
    trap_esr = 0;
    trap_write(VA_UNBACKED + 8);
    trap_result("wild.trap.write_unbacked_ipa", ESR_EC(trap_esr) == EC_DABT_CUR, 0);
    trap_esr = 0;
    rc = trap_read(GNTTAB_WINDOW);
    trap_result("wild.trap.read_empty_grant_window", ESR_EC(trap_esr) == EC_DABT_CUR, rc);
}

/* --- last: what would hurt another domain if it were allowed ------------------ */

static void harmful_ops(void)
{
    struct sched_remote_shutdown *rs;
    struct evtchn_reset *er;
    int16_t st;
    long rc;

    /* Everything so far is in dom0's log before anything can break. */
    console_drain();
    rc = grant_copy(DOMID_SELF, gfn_of(scratch[2]), 0, 0, DOM0_GFN, &st);
    refused_status("gnttab.copy_into_gmfn.dom0", rc, st);
    none_done("mem.decrease_reservation.dom0", reservation(XENMEM_decrease_reservation, 0,
                                                         DOM0_GFN));
    refused("mem.remove_from_physmap.dom0", ({
                struct xen_remove_from_physmap *r = zeroed(0);
                r->domid = 0;
                r->gpfn = DOM0_GFN;
                HCALL(__HYPERVISOR_memory_op, XENMEM_remove_from_physmap, r, 0);
            }));
    er = zeroed(0);
    er->dom = 0;
    refused("evtchn.reset.dom0", evtchn(EVTCHNOP_reset, er));
    refused("domctl.pausedomain.dom0", domctl(XEN_DOMCTL_pausedomain, 0));
    refused("domctl.max_mem.dom0", domctl(XEN_DOMCTL_max_mem, 0));
    refused("domctl.destroydomain.dom0", domctl(XEN_DOMCTL_destroydomain, 0));
    rs = zeroed(0);
    rs->domain_id = 0;
    rs->reason = SHUTDOWN_poweroff;
    refused("sched.remote_shutdown.dom0", HCALL(__HYPERVISOR_sched_op, SCHEDOP_remote_shutdown,
                                                rs, 0));
    if (have_victim("harmful.*.domU")) {
        domid_t v = (domid_t)victim;

        rc = grant_copy(DOMID_SELF, gfn_of(scratch[2]), 0, v, DOMU_GFN, &st);
        refused_status("gnttab.copy_into_gmfn.domU", rc, st);
        none_done("mem.decrease_reservation.domU",
                reservation(XENMEM_decrease_reservation, v, DOMU_GFN));
        refused("mem.remove_from_physmap.domU", ({
                    struct xen_remove_from_physmap *r = zeroed(0);
                    r->domid = v;
                    r->gpfn = DOMU_GFN;
                    HCALL(__HYPERVISOR_memory_op, XENMEM_remove_from_physmap, r, 0);
                }));
        er = zeroed(0);
        er->dom = v;
        refused("evtchn.reset.domU", evtchn(EVTCHNOP_reset, er));
        refused("domctl.pausedomain.domU", domctl(XEN_DOMCTL_pausedomain, v));
        refused("domctl.destroydomain.domU", domctl(XEN_DOMCTL_destroydomain, v));
        rs = zeroed(0);
        rs->domain_id = v;
        rs->reason = SHUTDOWN_poweroff;
        refused("sched.remote_shutdown.domU", HCALL(__HYPERVISOR_sched_op,
                                                    SCHEDOP_remote_shutdown, rs, 0));
    }
}

void guest_main(const void *dtb)
{
    if (console_init())
        power_off(SHUTDOWN_crash);      /* nowhere to report: say so by crashing */
    /* shutdown=N: no checks, just shut down with reason N (SHUTDOWN_*), so
     * dom0 can see what its toolstack does with a crash or a watchdog. */
    if (bootarg_number(dtb, "shutdown") >= 0) {
        cons_puts("ISOLATION: shutting down, reason ");
        cons_putdec(bootarg_number(dtb, "shutdown"));
        cons_puts("\n");
        console_drain();
        power_off((unsigned int)bootarg_number(dtb, "shutdown"));
    }
    victim = bootarg_number(dtb, "victim");
    if (bootarg_number(dtb, "dom0gfn") > 0)
        dom0_gfn = (unsigned long)bootarg_number(dtb, "dom0gfn");
    cons_puts("ISOLATION: start victim=");
    cons_putdec(victim);
    cons_puts(" dom0gfn=");
    cons_puthex(dom0_gfn);
    cons_puts("\n");
    controls();
    control_ops();
    memory_ops();
    event_ops();
    grant_ops();
    param_and_console_ops();
    wild_ops();
    trap_ops();
    harmful_ops();
    cons_puts("ISOLATION: summary checks=");
    cons_putdec(checks);
    cons_puts(" failed=");
    cons_putdec(failures);
    cons_puts("\nISOLATION: done\n");
    console_drain();
    power_off(SHUTDOWN_poweroff);
}
