/*
 * Destroying a domain: it leaves every CPU, its event channels are closed
 * (peers see them unbound), its memory goes back to the heap (pages still
 * mapped by another domain wait for the last unmap), and dom0 hears of it
 * through VIRQ_DOM_EXC. Until its memory is all released it stays listed,
 * dying, so that the continued destroydomain finds it again.
 */
#include <public/xen_errno.h>
#include <xenlet/domctl.h>
#include <xenlet/event.h>
#include <xenlet/frame_table.h>
#include <xenlet/grant_table.h>
#include <xenlet/lib.h>

#define KILL_SLICE_PAGES 4096        /* 16 MiB of memory released per call */

void domain_free(struct domain *d);
static void free_later(struct domain *d);
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

long domain_kill(struct domain *d, bool preemptible)
{
    if (!d->is_dying) {
        d->is_dying = true;
        domain_sync_off_cpus(d);
        for (unsigned int i = 0; i < d->max_vcpus; i++) {
            d->vcpu[i]->is_up = false;
            sched_remove_vcpu(d->vcpu[i]);
        }
        evtchn_close_all(d);
    }
    /* Scrubbing is the long part (about 1 s per 128 MiB under emulation):
     * in slices, so the caller's CPU takes interrupts and runs others. */
    while (!arch_domain_release_memory(d, release_frame, KILL_SLICE_PAGES))
        if (preemptible)
            return -XEN_ERESTART;
    domain_unlist(d);
    printk("Xenlet: d%u destroyed\n", d->domain_id);
    free_later(d);
    send_guest_global_virq(domain_by_id(0), VIRQ_DOM_EXC);
    return 0;
}

/*
 * The structures of a destroyed domain are freed only once every other CPU
 * has ended a trap or sat idle since: a hypercall running there may still
 * hold the pointer it looked up before the domain was dying. Each CPU counts
 * its trap exits (sched_quiescent) and says when it idles; the domctl lock's
 * holder frees what has become safe.
 */
static unsigned long passes[SCHED_MAX_CPUS];
static bool idling[SCHED_MAX_CPUS];
static struct domain *zombies;          /* under the domctl lock */

void sched_quiescent(unsigned int cpu)
{
    __atomic_add_fetch(&passes[cpu], 1, __ATOMIC_SEQ_CST);
}

void sched_idling(unsigned int cpu, bool idle)
{
    __atomic_store_n(&idling[cpu], idle, __ATOMIC_SEQ_CST);
}

static void free_later(struct domain *d)
{
    for (unsigned int c = 0; c < SCHED_MAX_CPUS; c++)
        d->reap_passes[c] = __atomic_load_n(&passes[c], __ATOMIC_SEQ_CST);
    d->reap_next = zombies;
    zombies = d;
}

static bool others_moved_on(const struct domain *d, unsigned int me)
{
    for (unsigned int c = 0; c < sched_nr_cpus(); c++) {
        if (c == me || __atomic_load_n(&idling[c], __ATOMIC_SEQ_CST))
            continue;
        if (__atomic_load_n(&passes[c], __ATOMIC_SEQ_CST) == d->reap_passes[c])
            return false;
    }
    return true;
}

void domain_reap(unsigned int me)
{
    struct domain **pp = &zombies;

    while (*pp) {
        struct domain *d = *pp;

        if (!others_moved_on(d, me)) {
            pp = &d->reap_next;
            continue;
        }
        *pp = d->reap_next;
        arch_domain_destroy(d);
        domain_free(d);
    }
}
