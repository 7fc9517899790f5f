/*
 * Destroying a domain: it leaves every CPU, its event channels are closed
 * (peers see them unbound), its memory goes back to the heap (pages still
 * mapped by another domain wait for the last unmap), and dom0 hears of it
 * through VIRQ_DOM_EXC.
 */
#include <xenlet/domctl.h>
#include <xenlet/event.h>
#include <xenlet/frame_table.h>
#include <xenlet/grant_table.h>
#include <xenlet/lib.h>

void domain_free(struct domain *d);
void domain_unlist(struct domain *d);
void evtchn_close_all(struct domain *d);

/* For each frame the domain's physical map holds. */
static void release_frame(uint64_t mfn, bool owned)
{
    if (owned && page_is_xenheap(mfn))
        return;                       /* its shared_info or grant frame: freed with them */
    if (owned)
        page_release(mfn);
    else
        page_put_ref(mfn);            /* a foreign or grant mapping it held */
}

void domain_kill(struct domain *d)
{
    if (d->is_dying)
        return;
    d->is_dying = true;
    domain_sync_off_cpus(d);
    for (unsigned int i = 0; i < d->max_vcpus; i++) {
        d->vcpu[i]->is_up = false;
        sched_remove_vcpu(d->vcpu[i]);
    }
    evtchn_close_all(d);
    domain_unlist(d);
    arch_domain_destroy(d, release_frame);
    printk("Xenlet: d%u destroyed\n", d->domain_id);
    domain_free(d);
    send_guest_global_virq(domain_by_id(0), VIRQ_DOM_EXC);
}
