/* Domain and vCPU creation, lookup and shutdown. */
#include <xenlet/arch.h>
#include <xenlet/errno.h>
#include <xenlet/event.h>
#include <xenlet/frame_table.h>
#include <xenlet/mm.h>
#include <xenlet/grant_table.h>
#include <xenlet/lib.h>
#include <xenlet/sched.h>

static struct domain *domains[MAX_DOMAINS];
static uint64_t serials;                /* domains ever created */

struct domain *domain_listed(domid_t id)
{
    for (unsigned int i = 0; i < MAX_DOMAINS; i++)
        if (domains[i] && domains[i]->domain_id == id)
            return domains[i];
    return NULL;
}

struct domain *domain_by_id(domid_t id)
{
    struct domain *d = domain_listed(id);

    return d && !d->is_dying ? d : NULL;
}

struct domain *domain_named(struct domain *self, domid_t id)
{
    return id == DOMID_SELF ? self : domain_by_id(id);
}

struct domain *domain_at_or_after(domid_t id)
{
    struct domain *best = NULL;

    for (unsigned int i = 0; i < MAX_DOMAINS; i++) {
        struct domain *d = domains[i];

        if (d && d->domain_id >= id && (!best || d->domain_id < best->domain_id))
            best = d;
    }
    return best;
}

void domain_unlist(struct domain *d)
{
    for (unsigned int i = 0; i < MAX_DOMAINS; i++)
        if (domains[i] == d)
            domains[i] = NULL;
}

void domain_free(struct domain *d)
{
    evtchn_domain_destroy(d);
    grant_table_destroy(d);
    if (d->shared_info)
        page_release(virt_to_maddr(d->shared_info) >> PAGE_SHIFT);
    for (unsigned int i = 0; i < d->max_vcpus; i++) {
        if (d->vcpu[i])
            xfree_bytes(d->vcpu[i]->arch, arch_vcpu_size());
        xfree_bytes(d->vcpu[i], sizeof(struct vcpu));
    }
    xfree_bytes(d->arch, arch_domain_size());
    xfree_bytes(d, sizeof(*d));
}

struct domain *domain_create(domid_t id, bool privileged, unsigned int max_vcpus,
                             int *err)
{
    struct domain *d;
    unsigned int slot;
    int rc = -ENOMEM;

    if (max_vcpus == 0 || max_vcpus > MAX_VCPUS_PER_DOMAIN) {
        rc = -EINVAL;
        goto fail;
    }
    if (domain_listed(id)) {
        rc = -EEXIST;
        goto fail;
    }
    for (slot = 0; slot < MAX_DOMAINS && domains[slot]; slot++)
        ;
    if (slot == MAX_DOMAINS)
        goto fail;

    d = xzalloc_bytes(sizeof(*d));
    if (!d)
        goto fail;
    d->domain_id = id;
    d->serial = __atomic_add_fetch(&serials, 1, __ATOMIC_RELAXED);
    d->is_privileged = privileged;
    d->max_vcpus = max_vcpus;
    for (unsigned int i = 0; i < max_vcpus; i++) {
        struct vcpu *v = xzalloc_bytes(sizeof(*v));

        if (!v)
            goto fail_free;
        v->vcpu_id = i;
        v->domain = d;
        d->vcpu[i] = v;
    }
    d->shared_info = xzalloc_bytes(PAGE_SIZE);
    d->shared_info_gfn = ~0UL;
    if (!d->shared_info)
        goto fail_free;
    page_set_xenheap_owner(virt_to_maddr(d->shared_info) >> PAGE_SHIFT, id);
    if (privileged)
        rc = evtchn_domain_init(d, EVTCHN_2L_NR_CHANNELS);
    else
        rc = evtchn_domain_init(d, 1024);
    rc = rc ?: grant_table_init(d, GNTTAB_DEFAULT_MAX_FRAMES);
    if (rc)
        goto fail_free;
    rc = arch_domain_create(d);
    if (rc)
        goto fail_free;
    for (unsigned int i = 0; i < max_vcpus; i++) {
        rc = arch_vcpu_create(d->vcpu[i]);
        if (rc)
            goto fail_free;
    }
    domains[slot] = d;
    return d;

fail_free:
    domain_free(d);
fail:
    if (err)
        *err = rc;
    return NULL;
}

const char *shutdown_reason_name(unsigned int reason)
{
    static const char *const names[] = { "poweroff", "reboot", "suspend", "crash",
                                         "watchdog", "soft_reset" };

    return reason < ARRAY_SIZE(names) ? names[reason] : "unknown";
}

void domain_shutdown(struct domain *d, unsigned int reason)
{
    if (d->is_shutting_down)
        return;
    d->is_shutting_down = true;
    d->shutdown_code = reason;
    if (d->domain_id == 0) {
        /* The control domain going down takes the machine with it, as on Xen. */
        printk("Xenlet: dom0 %s: %s the machine\n", shutdown_reason_name(reason),
               reason == SHUTDOWN_reboot ? "rebooting" : "powering off");
        if (reason == SHUTDOWN_reboot || reason == SHUTDOWN_crash)
            arch_reboot();
        arch_power_off();
    }
    printk("Xenlet: domain %u shut down (%s)\n", d->domain_id, shutdown_reason_name(reason));
    send_guest_global_virq(domain_by_id(0), VIRQ_DOM_EXC);
}
