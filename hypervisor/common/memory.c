/*
 * XENMEM_*: what a guest may change about its own physical address space.
 * Today: placing the shared_info page and grant-table frames, unmapping,
 * and the reservation queries. Populating, ballooning and foreign mappings
 * arrive with the toolstack that needs them.
 */
#include <public/memory.h>
#include <xenlet/errno.h>
#include <xenlet/event.h>
#include <xenlet/frame_table.h>
#include <xenlet/page_alloc.h>
#include <string.h>
#include <xenlet/grant_table.h>
#include <xenlet/guest_access.h>
#include <xenlet/hypercall.h>
#include <xenlet/mm.h>

/* The domain a memory op names, if the caller may act on it; else NULL
 * and Xen's answer in *err: -ESRCH for no such domain, -EPERM for another
 * domain's memory asked by an unprivileged caller. */
static struct domain *target_domain(struct vcpu *v, domid_t id, long *err)
{
    struct domain *d = domain_named(v->domain, id);

    *err = !d ? -ESRCH : d != v->domain && !v->domain->is_privileged ? -EPERM : 0;
    return *err ? NULL : d;
}

/* Unmap whatever @d has at @gfn: its own RAM goes back to the heap, a
 * reference on another domain's page is dropped. */
static void drop_mapping(struct domain *d, uint64_t gfn)
{
    bool ram;
    uint64_t mfn = guest_physmap_lookup(d, gfn, &ram);

    if (mfn == ~0UL)
        return;
    guest_physmap_remove(d, gfn, 1);
    if (!ram)
        return;
    if (page_owner(mfn) == d->domain_id) {
        if (page_is_xenheap(mfn))
            return;                     /* its shared_info or a grant frame */
        page_release(mfn);
        d->tot_pages--;
    } else {
        page_put_ref(mfn);
    }
}

/* Map @mfn at @gfn of @into, replacing what was there; @held: the mapping
 * keeps a reference on the page (another domain's), dropped when unmapped. */
static int map_held(struct domain *into, uint64_t gfn, uint64_t mfn, bool held)
{
    if (held && !page_get_ref(mfn))
        return -EINVAL;
    drop_mapping(into, gfn);
    if (guest_physmap_add(into, gfn, mfn, 1, false)) {
        if (held)
            page_put_ref(mfn);
        return -ENOMEM;
    }
    return 0;
}

static long add_to_physmap(struct vcpu *v, uint64_t arg)
{
    struct xen_add_to_physmap op;
    struct domain *d;
    paddr_t ma;
    long err;
    int rc;

    if (copy_from_guest(&op, arg, sizeof(op)))
        return -EFAULT;
    d = target_domain(v, op.domid, &err);
    if (!d)
        return err;
    switch (op.space) {
    case XENMAPSPACE_shared_info:
        if (op.idx != 0)
            return -EINVAL;
        drop_mapping(d, op.gpfn);
        rc = guest_physmap_add(d, op.gpfn, virt_to_maddr(d->shared_info) >> PAGE_SHIFT, 1,
                               false);
        if (rc == 0)
            d->shared_info_gfn = op.gpfn;
        return rc;
    case XENMAPSPACE_grant_table:
        if (op.idx & XENMAPIDX_grant_table_status)      /* v2 only */
            return -EINVAL;
        rc = grant_table_frame(d, (unsigned int)op.idx, &ma);
        if (rc)
            return rc;
        drop_mapping(d, op.gpfn);
        return guest_physmap_add(d, op.gpfn, ma >> PAGE_SHIFT, 1, false);
    case XENMAPSPACE_dev_mmio:
        /* Device frames go to the hardware domain only; it has them 1:1. */
        return v->domain->is_privileged ? -ENOSYS : -EACCES;
    default:
        return -ENOSYS;
    }
}

/* Copy in and check a reservation request; *d is the domain it names.
 * A request that fails here gets no extents done, not an error: Xen's
 * answer to a missing or foreign domain, a wild order or list. */
static bool reservation_in(struct vcpu *v, uint64_t arg, struct xen_memory_reservation *r,
                           struct domain **d)
{
    long err;

    if (copy_from_guest(r, arg, sizeof(*r)))
        return false;
    *d = target_domain(v, r->domid, &err);
    return *d && r->extent_order <= PAGE_MAX_ORDER;
}

/* Reservation ops carry their progress in the command's upper bits (Xen's
 * MEMOP_EXTENT_SHIFT), so a continued call picks up where it stopped. */
#define MEMOP_EXTENT_SHIFT 6
#define MEMOP_CMD_MASK ((1U << MEMOP_EXTENT_SHIFT) - 1)

static long continue_reservation(struct vcpu *v, unsigned int op, uint64_t done)
{
    return hypercall_continue(v, op | (done << MEMOP_EXTENT_SHIFT));
}

static long populate_physmap(struct vcpu *v, uint64_t arg, uint64_t start)
{
    struct xen_memory_reservation r;
    struct domain *d;
    uint64_t done, work = 0;

    if (!reservation_in(v, arg, &r, &d))
        return (long)start;
    if (d->direct_map)
        return -EINVAL;                 /* 1:1 domains get their RAM at build */
    for (done = start; done < r.nr_extents; done++) {
        uint64_t gpfn, n = 1UL << r.extent_order;
        paddr_t pa;

        if (hypercall_should_continue(v, work))
            return continue_reservation(v, XENMEM_populate_physmap, done);
        if (copy_from_guest(&gpfn, xen_guest_handle_addr(r.extent_start) + done * 8, 8))
            return (long)done;     /* Xen: a list it cannot read ends the work */
        if ((gpfn & (n - 1)) || d->tot_pages + n > d->max_pages)
            break;
        pa = alloc_pages(r.extent_order);
        if (!pa)
            break;
        memset(maddr_to_virt(pa), 0, PAGE_SIZE << r.extent_order);
        page_set_owner(pa >> PAGE_SHIFT, n, d->domain_id);
        for (uint64_t i = 0; i < n; i++)
            drop_mapping(d, gpfn + i);
        if (guest_physmap_add(d, gpfn, pa >> PAGE_SHIFT, n, false)) {
            page_set_owner(pa >> PAGE_SHIFT, n, OWNER_NONE);
            free_pages(pa, r.extent_order);
            break;
        }
        d->tot_pages += n;
        work += n;
    }
    return (long)done;
}

static long decrease_reservation(struct vcpu *v, uint64_t arg, uint64_t start)
{
    struct xen_memory_reservation r;
    struct domain *d;
    uint64_t done, work = 0;

    if (!reservation_in(v, arg, &r, &d))
        return (long)start;
    for (done = start; done < r.nr_extents; done++) {
        uint64_t gpfn, n = 1UL << r.extent_order;

        if (hypercall_should_continue(v, work))
            return continue_reservation(v, XENMEM_decrease_reservation, done);
        work += n;
        if (copy_from_guest(&gpfn, xen_guest_handle_addr(r.extent_start) + done * 8, 8))
            return (long)done;     /* Xen: a list it cannot read ends the work */
        for (uint64_t i = 0; i < n; i++)
            drop_mapping(d, gpfn + i);
    }
    return (long)done;
}

/* Map pages of another domain into the caller's physical space (privcmd). */
static long add_to_physmap_batch(struct vcpu *v, uint64_t arg)
{
    struct xen_add_to_physmap_batch b;
    struct domain *d, *fd;
    long err;

    if (copy_from_guest(&b, arg, sizeof(b)))
        return -EFAULT;
    d = target_domain(v, b.domid, &err);
    if (!d)
        return err;
    if (b.space != XENMAPSPACE_gmfn_foreign)
        return -EOPNOTSUPP;
    if (!v->domain->is_privileged)
        return -EPERM;
    fd = domain_by_id(b.u.foreign_domid);
    if (!fd || fd == d || fd->is_dying)
        return -ESRCH;
    for (uint16_t i = 0; i < b.size; i++) {
        uint64_t idx, gpfn, mfn;
        int32_t err = 0;
        bool ram;

        if (copy_from_guest(&idx, xen_guest_handle_addr(b.idxs) + i * 8ULL, 8) ||
            copy_from_guest(&gpfn, xen_guest_handle_addr(b.gpfns) + i * 8ULL, 8))
            return -EFAULT;
        mfn = guest_physmap_lookup(fd, idx, &ram);
        if (mfn == ~0UL || !ram || page_owner(mfn) != fd->domain_id) {
            err = -ENOENT;
        } else {
            err = map_held(d, gpfn, mfn, true);
        }
        if (copy_to_guest(xen_guest_handle_addr(b.errs) + i * 4ULL, &err, sizeof(err)))
            return -EFAULT;
    }
    return 0;
}

/*
 * Map frames of a domain's grant table into the caller's physical space at
 * the GFNs it lists (Linux's privcmd mmap_resource); the toolstack writes
 * a new domain's grant entries through them. Each mapping of another
 * domain's frame holds a reference, so a frame outlives its domain until
 * it is unmapped. No list and no frames: the resource's size.
 */
static long acquire_resource(struct vcpu *v, uint64_t arg)
{
    struct xen_mem_acquire_resource r;
    struct domain *d;
    uint64_t list;
    long err;

    if (copy_from_guest(&r, arg, sizeof(r)))
        return -EFAULT;
    d = target_domain(v, r.domid, &err);
    if (!d)
        return err;
    if (r.pad)
        return -EINVAL;
    if (r.type != XENMEM_resource_grant_table || r.id != XENMEM_resource_grant_table_id_shared)
        return -EOPNOTSUPP;             /* no ioreq servers; status frames are v2's */
    list = xen_guest_handle_addr(r.frame_list);
    if (!list) {
        if (r.nr_frames)
            return -EINVAL;
        r.nr_frames = d->grant_table ? d->grant_table->max_frames : 0;
        return copy_to_guest(arg, &r, sizeof(r)) ? -EFAULT : 0;
    }
    if (!d->grant_table || r.frame >= d->grant_table->max_frames ||
        r.nr_frames > d->grant_table->max_frames - r.frame)
        return -EINVAL;
    for (uint32_t i = 0; i < r.nr_frames; i++) {
        uint64_t gfn;
        paddr_t ma;
        int rc;

        if (copy_from_guest(&gfn, list + i * 8ULL, 8))
            return -EFAULT;
        rc = grant_table_frame(d, (unsigned int)(r.frame + i), &ma);
        if (rc)
            return rc;
        rc = map_held(v->domain, gfn, ma >> PAGE_SHIFT, d != v->domain);
        if (rc)
            return rc;
    }
    return 0;
}

long do_memory_op(struct vcpu *v, const uint64_t args[5])
{
    struct domain *d;
    struct xen_remove_from_physmap rm;
    domid_t id;
    long err;
    unsigned int op = args[0] & MEMOP_CMD_MASK;
    uint64_t start = args[0] >> MEMOP_EXTENT_SHIFT;

    /* Only the reservation ops have progress to resume from. */
    if (start && op != XENMEM_populate_physmap && op != XENMEM_decrease_reservation)
        return -ENOSYS;
    switch (op) {
    case XENMEM_add_to_physmap:
        return add_to_physmap(v, args[1]);
    case XENMEM_remove_from_physmap:
        if (copy_from_guest(&rm, args[1], sizeof(rm)))
            return -EFAULT;
        d = target_domain(v, rm.domid, &err);
        if (!d)
            return err;
        if (rm.gpfn == d->shared_info_gfn)
            d->shared_info_gfn = ~0UL;
        drop_mapping(d, rm.gpfn);
        return 0;
    case XENMEM_populate_physmap:
        return populate_physmap(v, args[1], start);
    case XENMEM_decrease_reservation:
        return decrease_reservation(v, args[1], start);
    case XENMEM_add_to_physmap_batch:
        return add_to_physmap_batch(v, args[1]);
    case XENMEM_acquire_resource:
        return acquire_resource(v, args[1]);
    case XENMEM_maximum_ram_page:
        return -ENOSYS;
    case XENMEM_current_reservation:
    case XENMEM_maximum_reservation:
        if (copy_from_guest(&id, args[1], sizeof(id)))
            return -EFAULT;
        d = target_domain(v, id, &err);
        if (!d)
            return err;
        return (long)(op == XENMEM_current_reservation ? d->tot_pages : d->max_pages);
    default:
        return -ENOSYS;
    }
}
