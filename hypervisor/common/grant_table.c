/*
 * Grant tables (v1). The shared frames are hypervisor pages the guest maps
 * into its own physical space with XENMEM_add_to_physmap; they grow on
 * demand up to max_frames. Mapping and copying grants come with the
 * backends that need them.
 */
#include <xenlet/errno.h>
#include <xenlet/grant_table.h>
#include <xenlet/guest_access.h>
#include <xenlet/hypercall.h>
#include <xenlet/mm.h>
#include <xenlet/page_alloc.h>
#include <string.h>

#define GNTTABOP_query_size  6
#define GNTTABOP_set_version 8
#define GNTTABOP_get_version 10

#define GNTST_okay          0
#define GNTST_bad_domain   (-2)

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

void grant_table_destroy(struct domain *d)
{
    struct grant_table *gt = d->grant_table;

    if (!gt)
        return;
    for (unsigned int i = 0; i < gt->nr_frames; i++)
        free_page(gt->frames[i]);
    xfree_bytes(gt, sizeof(*gt));
    d->grant_table = NULL;
}

int grant_table_frame(struct domain *d, unsigned int idx, paddr_t *ma)
{
    struct grant_table *gt = d->grant_table;

    if (!gt || idx >= gt->max_frames)
        return -EINVAL;
    while (gt->nr_frames <= idx) {
        paddr_t pa = alloc_page();

        if (!pa)
            return -ENOMEM;
        memset(maddr_to_virt(pa), 0, PAGE_SIZE);
        gt->frames[gt->nr_frames++] = pa;
    }
    *ma = gt->frames[idx];
    return 0;
}

static long query_size(struct vcpu *v, uint64_t arg, uint64_t count)
{
    struct { domid_t dom; uint16_t pad; uint32_t nr_frames, max_nr_frames; int16_t status; } op;
    struct domain *d;

    if (count != 1)
        return -EINVAL;
    if (copy_from_guest(&op, arg, sizeof(op)))
        return -EFAULT;
    d = op.dom == DOMID_SELF ? v->domain : domain_by_id(op.dom);
    if (!d || (d != v->domain && !v->domain->is_privileged) || !d->grant_table) {
        op.status = GNTST_bad_domain;
    } else {
        op.nr_frames = d->grant_table->nr_frames;
        op.max_nr_frames = d->grant_table->max_frames;
        op.status = GNTST_okay;
    }
    return copy_to_guest(arg, &op, sizeof(op)) ? -EFAULT : 0;
}

long do_grant_table_op(struct vcpu *v, const uint64_t args[5])
{
    uint32_t version;

    switch (args[0]) {
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
        struct { domid_t dom; uint16_t pad; uint32_t version; } op;

        if (copy_from_guest(&op, args[1], sizeof(op)))
            return -EFAULT;
        op.version = 1;
        return copy_to_guest(args[1], &op, sizeof(op)) ? -EFAULT : 0;
    }
    default:
        return -ENOSYS;
    }
}
