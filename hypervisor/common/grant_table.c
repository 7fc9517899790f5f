/*
 * Grant tables (v1). The shared frames are hypervisor pages the guest maps
 * into its own physical space with XENMEM_add_to_physmap; they grow on
 * demand up to max_frames. Mapping and copying grants come with the
 * backends that need them.
 */
#include <xenlet/errno.h>
#include <xenlet/frame_table.h>
#include <xenlet/grant_table.h>
#include <xenlet/guest_access.h>
#include <xenlet/hypercall.h>
#include <xenlet/mm.h>
#include <xenlet/page_alloc.h>
#include <string.h>

int grant_table_init(struct domain *d, unsigned int max_frames)
{
    struct grant_table *gt = xzalloc_bytes(sizeof(*gt));

    if (!gt)
        return -ENOMEM;
    gt->max_frames = max_frames && max_frames <= GNTTAB_DEFAULT_MAX_FRAMES ?
                     max_frames : GNTTAB_DEFAULT_MAX_FRAMES;
    d->grant_table = gt;
    return 0;
}

static void unpin_granter(const struct grant_table *gt, const struct maptrack *m);

void grant_table_destroy(struct domain *d)
{
    struct grant_table *gt = d->grant_table;

    if (!gt)
        return;
    /* Its mappings of others' grants end with it. Host mappings held their
     * page through its physical map, already released; device-only ones
     * hold theirs here. */
    for (unsigned int i = 0; gt->maptrack && i < MAPTRACK_ENTRIES; i++) {
        struct maptrack m = gt->maptrack[i];

        if (!m.in_use)
            continue;
        gt->maptrack[i].in_use = false;
        unpin_granter(gt, &m);
        if (m.gpfn == ~0UL)
            page_put_ref(m.mfn);
    }
    for (unsigned int i = 0; i < gt->nr_frames; i++)
        page_release(gt->frames[i] >> PAGE_SHIFT);     /* waits for foreign maps */
    xfree_bytes(gt->maptrack, MAPTRACK_ENTRIES * sizeof(struct maptrack));
    xfree_bytes(gt, sizeof(*gt));
    d->grant_table = NULL;
}

int grant_table_frame(struct domain *d, unsigned int idx, paddr_t *ma)
{
    struct grant_table *gt = d->grant_table;
    int rc = 0;

    if (!gt || idx >= gt->max_frames)
        return -EINVAL;
    /* The guest and the toolstack (acquire_resource) may grow it at once;
     * lock-free readers (entry_of) see a frame only once it is in place. */
    spin_lock(&gt->lock);
    while (gt->nr_frames <= idx) {
        paddr_t pa = alloc_page();

        if (!pa) {
            rc = -ENOMEM;
            break;
        }
        memset(maddr_to_virt(pa), 0, PAGE_SIZE);
        page_set_xenheap_owner(pa >> PAGE_SHIFT, d->domain_id);
        gt->frames[gt->nr_frames] = pa;
        __atomic_store_n(&gt->nr_frames, gt->nr_frames + 1, __ATOMIC_RELEASE);
    }
    if (rc == 0)
        *ma = gt->frames[idx];
    spin_unlock(&gt->lock);
    return rc;
}

/* Whether @v may ask about or set up @d's table: Xen's statuses for no such
 * domain and for another domain's table asked by an unprivileged caller. */
static int16_t table_access(const struct vcpu *v, const struct domain *d)
{
    if (!d)
        return GNTST_bad_domain;
    return d == v->domain || v->domain->is_privileged ? GNTST_okay : GNTST_permission_denied;
}

static long query_size(struct vcpu *v, uint64_t arg, uint64_t count)
{
    struct gnttab_query_size op;
    struct domain *d;

    if (count != 1)
        return -EINVAL;
    if (copy_from_guest(&op, arg, sizeof(op)))
        return -EFAULT;
    d = domain_named(v->domain, op.dom);
    op.status = table_access(v, d);
    if (op.status == GNTST_okay && !d->grant_table)
        op.status = GNTST_bad_domain;
    if (op.status == GNTST_okay) {
        op.nr_frames = d->grant_table->nr_frames;
        op.max_nr_frames = d->grant_table->max_frames;
    }
    return copy_to_guest(arg, &op, sizeof(op)) ? -EFAULT : 0;
}

/* The granting domain's entry @ref, or NULL past the table's end. */
static struct grant_entry_v1 *entry_of(struct domain *rd, uint32_t ref)
{
    struct grant_table *gt = rd->grant_table;
    unsigned int per = PAGE_SIZE / sizeof(struct grant_entry_v1);

    if (!gt || ref / per >= __atomic_load_n(&gt->nr_frames, __ATOMIC_ACQUIRE))
        return NULL;
    return (struct grant_entry_v1 *)maddr_to_virt(gt->frames[ref / per]) + ref % per;
}

/* Mark the grant in use, if the granter still allows it to @id. */
static int16_t acquire(struct grant_entry_v1 *e, domid_t id, bool readonly)
{
    uint16_t old = __atomic_load_n(&e->flags, __ATOMIC_ACQUIRE), nflags;

    do {
        if ((old & GTF_type_mask) != GTF_permit_access ||
            __atomic_load_n(&e->domid, __ATOMIC_ACQUIRE) != id)
            return GNTST_permission_denied;
        if (!readonly && (old & GTF_readonly))
            return GNTST_permission_denied;
        nflags = old | (readonly ? GTF_reading : GTF_writing);
    } while (!__atomic_compare_exchange_n(&e->flags, &old, nflags, false, __ATOMIC_ACQ_REL,
                                          __ATOMIC_ACQUIRE));
    return GNTST_okay;
}

static bool still_mapped(const struct grant_table *gt, const struct maptrack *m)
{
    for (unsigned int i = 0; i < MAPTRACK_ENTRIES; i++) {
        const struct maptrack *o = &gt->maptrack[i];

        if (o->in_use && o->dom_serial == m->dom_serial && o->ref == m->ref)
            return true;
    }
    return false;
}

/*
 * The granter's entry no longer in use by this table (@m already dropped
 * from it). A granter that has died, even one whose id a new domain now
 * has, is left alone.
 */
static void unpin_granter(const struct grant_table *gt, const struct maptrack *m)
{
    struct domain *rd = domain_by_id(m->dom);
    struct grant_entry_v1 *e;

    if (!rd || rd->serial != m->dom_serial || still_mapped(gt, m))
        return;
    e = entry_of(rd, m->ref);
    if (e)
        __atomic_fetch_and(&e->flags, (uint16_t)~(GTF_reading | GTF_writing), __ATOMIC_ACQ_REL);
}

static int16_t map_one(struct domain *d, struct gnttab_map_grant_ref *op)
{
    struct grant_table *gt = d->grant_table;
    bool readonly = op->flags & GNTMAP_readonly;
    struct grant_entry_v1 *e;
    struct domain *rd;
    uint64_t mfn;
    bool ram;
    int16_t st;
    unsigned int h;

    if (!(op->flags & (GNTMAP_host_map | GNTMAP_device_map)))
        return GNTST_general_error;
    rd = domain_by_id(op->dom);
    if (!rd || rd == d || rd->is_dying)
        return GNTST_bad_domain;
    e = entry_of(rd, op->ref);
    if (!e)
        return GNTST_bad_gntref;
    mfn = guest_physmap_lookup(rd, e->frame, &ram);
    if (mfn == ~0UL || !ram || page_owner(mfn) != rd->domain_id)
        return GNTST_bad_page;
    spin_lock(&gt->lock);
    if (!gt->maptrack)
        gt->maptrack = xzalloc_bytes(MAPTRACK_ENTRIES * sizeof(struct maptrack));
    for (h = 0; gt->maptrack && h < MAPTRACK_ENTRIES && gt->maptrack[h].in_use; h++)
        ;
    if (!gt->maptrack || h == MAPTRACK_ENTRIES) {
        spin_unlock(&gt->lock);
        return GNTST_no_device_space;
    }
    st = acquire(e, d->domain_id, readonly);
    if (st == GNTST_okay && !page_get_ref(mfn))
        st = GNTST_bad_page;
    if (st == GNTST_okay && (op->flags & GNTMAP_host_map)) {
        uint64_t gpfn = op->host_addr >> PAGE_SHIFT;
        int rc = readonly ? guest_physmap_add_ro(d, gpfn, mfn)
                          : guest_physmap_add(d, gpfn, mfn, 1, false);

        if (rc) {
            page_put_ref(mfn);
            st = GNTST_bad_virt_addr;
        }
    }
    if (st == GNTST_okay) {
        gt->maptrack[h] = (struct maptrack){ .dom = rd->domain_id, .dom_serial = rd->serial,
                                             .in_use = true,
                                             .readonly = readonly, .ref = op->ref,
                                             .gpfn = (op->flags & GNTMAP_host_map)
                                                     ? op->host_addr >> PAGE_SHIFT : ~0UL,
                                             .mfn = mfn };
        op->handle = h;
        op->dev_bus_addr = mfn << PAGE_SHIFT;
    } else if (st == GNTST_bad_page || st == GNTST_bad_virt_addr) {
        __atomic_fetch_and(&e->flags, (uint16_t)~(readonly ? GTF_reading : GTF_writing),
                           __ATOMIC_ACQ_REL);
    }
    spin_unlock(&gt->lock);
    return st;
}

static int16_t unmap_one(struct domain *d, struct gnttab_unmap_grant_ref *op)
{
    struct grant_table *gt = d->grant_table;
    struct maptrack m;

    spin_lock(&gt->lock);
    if (!gt->maptrack || op->handle >= MAPTRACK_ENTRIES || !gt->maptrack[op->handle].in_use) {
        spin_unlock(&gt->lock);
        return GNTST_bad_handle;
    }
    m = gt->maptrack[op->handle];
    if (op->host_addr && m.gpfn != op->host_addr >> PAGE_SHIFT) {
        spin_unlock(&gt->lock);
        return GNTST_bad_virt_addr;
    }
    gt->maptrack[op->handle].in_use = false;
    if (m.gpfn != ~0UL)
        guest_physmap_remove(d, m.gpfn, 1);
    unpin_granter(gt, &m);
    spin_unlock(&gt->lock);
    page_put_ref(m.mfn);
    return GNTST_okay;
}

static long map_or_unmap(struct vcpu *v, uint64_t arg, uint64_t count, bool map)
{
    size_t size = map ? sizeof(struct gnttab_map_grant_ref)
                      : sizeof(struct gnttab_unmap_grant_ref);

    if (count > 512)
        return -EINVAL;
    for (uint64_t i = 0; i < count; i++) {
        union { struct gnttab_map_grant_ref m; struct gnttab_unmap_grant_ref u; } op;

        if (copy_from_guest(&op, arg + i * size, size))
            return -EFAULT;
        if (map)
            op.m.status = map_one(v->domain, &op.m);
        else
            op.u.status = unmap_one(v->domain, &op.u);
        if (copy_to_guest(arg + i * size, &op, size))
            return -EFAULT;
    }
    return 0;
}

/*
 * One side of a GNTTABOP_copy: a grant reference of another domain (checked
 * and held for the copy) or a frame of the caller's own. Returns the bytes.
 */
static int16_t copy_side(struct domain *d, const struct gnttab_copy_ptr *p, bool gref,
                         bool write, uint8_t **va, struct grant_entry_v1 **held)
{
    struct domain *owner = domain_named(d, p->domid);
    uint64_t gfn, mfn;
    bool ram;

    *held = NULL;
    if (!owner || owner->is_dying)
        return GNTST_bad_domain;
    if (gref) {
        struct grant_entry_v1 *e = entry_of(owner, p->u.ref);
        int16_t st;

        if (!e || owner == d)
            return e ? GNTST_bad_domain : GNTST_bad_gntref;
        st = acquire(e, d->domain_id, !write);
        if (st != GNTST_okay)
            return st;
        *held = e;
        gfn = e->frame;
    } else {
        if (owner != d)
            return GNTST_permission_denied;   /* only a grant reaches another domain */
        gfn = p->u.gmfn;
    }
    mfn = guest_physmap_lookup(owner, gfn, &ram);
    if (mfn == ~0UL || !ram || page_owner(mfn) != owner->domain_id)
        return GNTST_bad_page;
    *va = (uint8_t *)maddr_to_virt(mfn << PAGE_SHIFT) + p->offset;
    return GNTST_okay;
}

static void release_side(struct grant_entry_v1 *e, bool write)
{
    if (e)
        __atomic_fetch_and(&e->flags, (uint16_t)~(write ? GTF_writing : GTF_reading),
                           __ATOMIC_ACQ_REL);
}

static int16_t copy_one(struct domain *d, const struct gnttab_copy *op)
{
    struct grant_entry_v1 *se, *de;
    uint8_t *src, *dst;
    int16_t st;

    if (op->source.offset + op->len > PAGE_SIZE || op->dest.offset + op->len > PAGE_SIZE)
        return GNTST_bad_copy_arg;
    st = copy_side(d, &op->source, op->flags & GNTCOPY_source_gref, false, &src, &se);
    if (st != GNTST_okay)
        return st;
    st = copy_side(d, &op->dest, op->flags & GNTCOPY_dest_gref, true, &dst, &de);
    if (st == GNTST_okay)
        memmove(dst, src, op->len);
    release_side(de, true);
    release_side(se, false);
    return st;
}

static long copy_ops(struct vcpu *v, uint64_t arg, uint64_t count)
{
    if (count > 512)
        return -EINVAL;
    for (uint64_t i = 0; i < count; i++) {
        struct gnttab_copy op;
        uint64_t at = arg + i * sizeof(op);

        if (copy_from_guest(&op, at, sizeof(op)))
            return -EFAULT;
        op.status = copy_one(v->domain, &op);
        if (copy_to_guest(at, &op, sizeof(op)))
            return -EFAULT;
    }
    return 0;
}

/* The frames of a domain's table, growing it to @nr_frames. */
static long setup_table(struct vcpu *v, uint64_t arg, uint64_t count)
{
    struct gnttab_setup_table op;
    struct domain *d;

    if (count != 1)
        return -EINVAL;
    if (copy_from_guest(&op, arg, sizeof(op)))
        return -EFAULT;
    d = domain_named(v->domain, op.dom);
    op.status = table_access(v, d);
    if (op.status == GNTST_okay &&
        (!d->grant_table || op.nr_frames > d->grant_table->max_frames))
        op.status = GNTST_general_error;
    if (op.status == GNTST_okay) {
        for (uint32_t i = 0; i < op.nr_frames; i++) {
            paddr_t ma;
            xen_pfn_t frame;

            if (grant_table_frame(d, i, &ma)) {
                op.status = GNTST_general_error;
                break;
            }
            frame = ma >> PAGE_SHIFT;
            if (copy_to_guest(xen_guest_handle_addr(op.frame_list) + i * sizeof(frame), &frame,
                              sizeof(frame)))
                return -EFAULT;
        }
    }
    return copy_to_guest(arg, &op, sizeof(op)) ? -EFAULT : 0;
}

long do_grant_table_op(struct vcpu *v, const uint64_t args[5])
{
    uint32_t version;

    switch (args[0]) {
    case GNTTABOP_map_grant_ref:
        return map_or_unmap(v, args[1], args[2], true);
    case GNTTABOP_unmap_grant_ref:
        return map_or_unmap(v, args[1], args[2], false);
    case GNTTABOP_copy:
        return copy_ops(v, args[1], args[2]);
    case GNTTABOP_setup_table:
        return setup_table(v, args[1], args[2]);
    case GNTTABOP_query_size:
        return query_size(v, args[1], args[2]);
    case GNTTABOP_set_version:
        if (args[2] != 1 || copy_from_guest(&version, args[1], sizeof(version)))
            return args[2] != 1 ? -EINVAL : -EFAULT;
        if (version != 1) {
            version = 1;
            copy_to_guest(args[1], &version, sizeof(version));
            return -EINVAL;
        }
        return 0;
    case GNTTABOP_get_version: {
        struct gnttab_get_version op;

        if (copy_from_guest(&op, args[1], sizeof(op)))
            return -EFAULT;
        op.version = 1;
        return copy_to_guest(args[1], &op, sizeof(op)) ? -EFAULT : 0;
    }
    default:
        return -ENOSYS;
    }
}
