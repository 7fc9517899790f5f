/*
 * The scheduling policy: one round-robin queue per physical CPU, a vCPU
 * placed on a CPU for its life. The architecture does the context switch,
 * time slices and waiting; this file only decides who is next.
 */
#include <xenlet/lib.h>
#include <xenlet/sched.h>
#include <xenlet/spinlock.h>

static struct {
    spinlock_t lock;
    struct vcpu *head;
} rq[SCHED_MAX_CPUS];
static unsigned int nr_cpus = 1;

unsigned int sched_nr_cpus(void) { return nr_cpus; }
void sched_set_nr_cpus(unsigned int n) { nr_cpus = n ? MIN(n, (unsigned int)SCHED_MAX_CPUS) : 1; }

bool vcpu_runnable(const struct vcpu *v)
{
    const struct domain *d = v->domain;

    return v->is_up && !v->blocked && !d->pause_count && !d->is_dying &&
           !d->is_shutting_down;
}

void sched_add_vcpu(struct vcpu *v, unsigned int cpu)
{
    struct vcpu **pp;

    v->processor = cpu % nr_cpus;
    spin_lock(&rq[v->processor].lock);
    for (pp = &rq[v->processor].head; *pp; pp = &(*pp)->rq_next)
        ;
    v->rq_next = NULL;
    *pp = v;
    spin_unlock(&rq[v->processor].lock);
}

void sched_remove_vcpu(struct vcpu *v)
{
    struct vcpu **pp;

    spin_lock(&rq[v->processor].lock);
    for (pp = &rq[v->processor].head; *pp; pp = &(*pp)->rq_next) {
        if (*pp == v) {
            *pp = v->rq_next;
            break;
        }
    }
    spin_unlock(&rq[v->processor].lock);
}

struct vcpu *sched_pick(unsigned int cpu, struct vcpu *prev, bool rotate)
{
    struct vcpu *v, *first = NULL, *after = NULL;
    bool seen_prev = false;

    if (prev && !rotate && vcpu_runnable(prev))
        return prev;
    spin_lock(&rq[cpu].lock);
    /* The first runnable one after @prev in queue order, wrapping around. */
    for (v = rq[cpu].head; v; v = v->rq_next) {
        if (v == prev) {
            seen_prev = true;
            continue;
        }
        if (!vcpu_runnable(v))
            continue;
        if (!first)
            first = v;
        if (seen_prev && !after)
            after = v;
    }
    spin_unlock(&rq[cpu].lock);
    if (after)
        return after;
    if (first)
        return first;
    return prev && vcpu_runnable(prev) ? prev : NULL;
}

bool sched_others_runnable(unsigned int cpu, const struct vcpu *v)
{
    bool any = false;

    spin_lock(&rq[cpu].lock);
    for (struct vcpu *w = rq[cpu].head; w; w = w->rq_next)
        if (w != v && vcpu_runnable(w))
            any = true;
    spin_unlock(&rq[cpu].lock);
    return any;
}

struct vcpu *sched_first(unsigned int cpu)
{
    return rq[cpu].head;
}

void vcpu_wake(struct vcpu *v)
{
    v->blocked = false;
    vcpu_kick(v);
}
