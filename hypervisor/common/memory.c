/*
 * XENMEM_*: what a guest may change about its own physical address space.
 * Today: placing the shared_info page and grant-table frames, unmapping,
 * and the reservation queries. Populating, ballooning and foreign mappings
 * arrive with the toolstack that needs them.
 */
#include <xenlet/errno.h>
#include <xenlet/event.h>
#include <xenlet/grant_table.h>
#include <xenlet/guest_access.h>
#include <xenlet/hypercall.h>
#include <xenlet/mm.h>

#define XENMEM_maximum_ram_page     2
#define XENMEM_current_reservation  3
#define XENMEM_maximum_reservation  4
#define XENMEM_add_to_physmap       7
#define XENMEM_remove_from_physmap 15

#define XENMAPSPACE_shared_info 0
#define XENMAPSPACE_grant_table 1

static struct domain *target_domain(struct vcpu *v, domid_t id)
{
    struct domain *d = id == DOMID_SELF ? v->domain : domain_by_id(id);

    if (d && d != v->domain && !v->domain->is_privileged)
        return NULL;
    return d;
}

static long add_to_physmap(struct vcpu *v, uint64_t arg)
{
    struct { domid_t domid; uint16_t size; uint32_t space; uint64_t idx, gpfn; } op;
    struct domain *d;
    paddr_t ma;
    int rc;

    if (copy_from_guest(&op, arg, sizeof(op)))
        return -EFAULT;
    d = target_domain(v, op.domid);
    if (!d)
        return -ESRCH;
    switch (op.space) {
    case XENMAPSPACE_shared_info:
        if (op.idx != 0)
            return -EINVAL;
        rc = guest_physmap_add(d, op.gpfn, virt_to_maddr(d->shared_info) >> PAGE_SHIFT, 1,
                               false);
        if (rc == 0)
            d->shared_info_gfn = op.gpfn;
        return rc;
    case XENMAPSPACE_grant_table:
        if (op.idx & (1UL << 31))       /* status frames: v2 only */
            return -EINVAL;
        rc = grant_table_frame(d, (unsigned int)op.idx, &ma);
        if (rc)
            return rc;
        return guest_physmap_add(d, op.gpfn, ma >> PAGE_SHIFT, 1, false);
    default:
        return -ENOSYS;
    }
}

long do_memory_op(struct vcpu *v, const uint64_t args[5])
{
    struct domain *d;
    struct { domid_t domid; uint16_t pad[3]; uint64_t gpfn; } rm;
    domid_t id;

    switch (args[0]) {
    case XENMEM_add_to_physmap:
        return add_to_physmap(v, args[1]);
    case XENMEM_remove_from_physmap:
        if (copy_from_guest(&rm, args[1], sizeof(rm)))
            return -EFAULT;
        d = target_domain(v, rm.domid);
        if (!d)
            return -ESRCH;
        return guest_physmap_remove(d, rm.gpfn, 1);
    case XENMEM_maximum_ram_page:
        return -ENOSYS;
    case XENMEM_current_reservation:
    case XENMEM_maximum_reservation:
        if (copy_from_guest(&id, args[1], sizeof(id)))
            return -EFAULT;
        d = target_domain(v, id);
        if (!d)
            return -ESRCH;
        return (long)(args[0] == XENMEM_current_reservation ? d->tot_pages : d->max_pages);
    default:
        return -ENOSYS;
    }
}
