/*
 * The scheduling policy: one round-robin queue per physical CPU. A vCPU
 * stays on its CPU's queue until a CPU with nothing of its own to run takes
 * it (sched_steal), so a runnable vCPU never waits while a CPU idles. The
 * architecture does the context switch, time slices and waiting; this file
 * only decides who is next and where.
 *
 * v->on_cpu says a CPU has claimed the vCPU (picked it, or holds its state):
 * set here under the queue's lock, cleared by that CPU once the state is
 * saved. Only unclaimed vCPUs move between queues.
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

/* Lock @v's queue; it may move until its current queue's lock is held. */
static unsigned int lock_queue_of(struct vcpu *v)
{
    for (;;) {
        unsigned int cpu = __atomic_load_n(&v->processor, __ATOMIC_ACQUIRE);

        spin_lock(&rq[cpu].lock);
        if (v->processor == cpu)
            return cpu;
        spin_unlock(&rq[cpu].lock);
    }
}

static void unlink(unsigned int cpu, struct vcpu *v)
{
    for (struct vcpu **pp = &rq[cpu].head; *pp; pp = &(*pp)->rq_next) {
        if (*pp == v) {
            *pp = v->rq_next;
            return;
        }
    }
}

void sched_remove_vcpu(struct vcpu *v)
{
    unsigned int cpu = lock_queue_of(v);

    unlink(cpu, v);
    spin_unlock(&rq[cpu].lock);
}

static bool claimed(const struct vcpu *v)
{
    return __atomic_load_n(&v->on_cpu, __ATOMIC_ACQUIRE);
}

static struct vcpu *claim(struct vcpu *v)
{
    if (v)
        __atomic_store_n(&v->on_cpu, true, __ATOMIC_RELAXED);
    return v;
}

void sched_release(struct vcpu *v)
{
    __atomic_store_n(&v->on_cpu, false, __ATOMIC_RELEASE);
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
        if (!vcpu_runnable(v) || claimed(v))
            continue;
        if (!first)
            first = v;
        if (seen_prev && !after)
            after = v;
    }
    v = claim(after ? after : first);
    spin_unlock(&rq[cpu].lock);
    if (v)
        return v;
    return prev && vcpu_runnable(prev) ? prev : NULL;
}

struct vcpu *sched_steal(unsigned int cpu)
{
    for (unsigned int other = 0; other < nr_cpus; other++) {
        unsigned int lo = MIN(cpu, other), hi = MAX(cpu, other);
        struct vcpu *v;

        if (other == cpu)
            continue;
        spin_lock(&rq[lo].lock);
        spin_lock(&rq[hi].lock);
        for (v = rq[other].head; v; v = v->rq_next)
            if (vcpu_runnable(v) && !claimed(v))
                break;
        if (v) {
            unlink(other, v);
            claim(v);
            __atomic_store_n(&v->processor, cpu, __ATOMIC_RELEASE);
            v->rq_next = rq[cpu].head;
            rq[cpu].head = v;
        }
        spin_unlock(&rq[hi].lock);
        spin_unlock(&rq[lo].lock);
        if (v)
            return v;
    }
    return NULL;
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

void sched_for_each(unsigned int cpu, void (*fn)(struct vcpu *v, void *arg), void *arg)
{
    spin_lock(&rq[cpu].lock);
    for (struct vcpu *v = rq[cpu].head; v; v = v->rq_next)
        fn(v, arg);
    spin_unlock(&rq[cpu].lock);
}

void vcpu_wake(struct vcpu *v)
{
    v->blocked = false;
    vcpu_kick(v);
}
