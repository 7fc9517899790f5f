/*
 * The scheduling policy (hypervisor/common/schedule.c): round robin on each
 * CPU's queue, claims, and an idle CPU taking a waiting vCPU from another
 * CPU's queue without ever taking one that a CPU holds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <xenlet/sched.h>

static struct domain dom0, domu;
static struct vcpu d0v0, d0v1, duv0, duv1;
static unsigned int kicks;

/* schedule.c's vcpu_wake() pokes the arch; here it only counts. */
void vcpu_kick(struct vcpu *v)
{
    (void)v;
    kicks++;
}

static void init_vcpu(struct vcpu *v, struct domain *d, unsigned int id)
{
    memset(v, 0, sizeof(*v));
    v->domain = d;
    v->vcpu_id = id;
    v->is_up = true;
    d->vcpu[id] = v;
    d->max_vcpus = id + 1 > d->max_vcpus ? id + 1 : d->max_vcpus;
}

static void count_one(struct vcpu *v, void *arg)
{
    (void)v;
    (*(unsigned int *)arg)++;
}

static unsigned int queued_on(unsigned int cpu)
{
    unsigned int n = 0;

    sched_for_each(cpu, count_one, &n);
    return n;
}

struct find {
    const struct vcpu *v;
    bool found;
};

static void find_one(struct vcpu *v, void *arg)
{
    struct find *f = arg;

    if (v == f->v)
        f->found = true;
}

static bool is_queued_on(unsigned int cpu, const struct vcpu *v)
{
    struct find f = { v, false };

    sched_for_each(cpu, find_one, &f);
    return f.found;
}

/* dom0's vCPUs on CPUs 0 and 1, a domU's two vCPUs both on CPU 1. */
static int setup(void **state)
{
    (void)state;
    memset(&dom0, 0, sizeof(dom0));
    memset(&domu, 0, sizeof(domu));
    init_vcpu(&d0v0, &dom0, 0);
    init_vcpu(&d0v1, &dom0, 1);
    init_vcpu(&duv0, &domu, 0);
    init_vcpu(&duv1, &domu, 1);
    sched_set_nr_cpus(2);
    sched_add_vcpu(&d0v0, 0);
    sched_add_vcpu(&d0v1, 1);
    sched_add_vcpu(&duv0, 1);
    sched_add_vcpu(&duv1, 3);           /* wraps to CPU 1 */
    kicks = 0;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sched_remove_vcpu(&d0v0);
    sched_remove_vcpu(&d0v1);
    sched_remove_vcpu(&duv0);
    sched_remove_vcpu(&duv1);
    assert_int_equal(queued_on(0) + queued_on(1), 0);
    return 0;
}

static void placement_wraps_and_queues(void **state)
{
    (void)state;
    assert_int_equal(duv1.processor, 1);
    assert_int_equal(queued_on(0), 1);
    assert_int_equal(queued_on(1), 3);
}

static void pick_claims_and_rotates(void **state)
{
    struct vcpu *v;

    (void)state;
    v = sched_pick(1, NULL, false);
    assert_ptr_equal(v, &d0v1);
    assert_true(d0v1.on_cpu);
    /* Not rotating: the holder keeps the CPU. */
    assert_ptr_equal(sched_pick(1, &d0v1, false), &d0v1);
    /* Rotating: the next runnable one in queue order, claimed too. */
    v = sched_pick(1, &d0v1, true);
    assert_ptr_equal(v, &duv0);
    assert_true(duv0.on_cpu);
    sched_release(&d0v1);
    assert_false(d0v1.on_cpu);
    /* duv0 is claimed: the rotation past it finds duv1, then wraps. */
    assert_ptr_equal(sched_pick(1, &duv0, true), &duv1);
    sched_release(&duv0);
    sched_release(&duv1);
    assert_ptr_equal(sched_pick(1, &duv1, true), &d0v1);
    sched_release(&d0v1);
}

static void nothing_runnable_gives_null(void **state)
{
    (void)state;
    d0v0.blocked = true;
    assert_null(sched_pick(0, NULL, false));
    d0v0.blocked = false;
    dom0.pause_count = 1;
    assert_null(sched_pick(0, NULL, false));
    dom0.pause_count = 0;
    d0v0.is_up = false;
    assert_null(sched_pick(0, NULL, false));
    d0v0.is_up = true;
    assert_ptr_equal(sched_pick(0, NULL, false), &d0v0);
    sched_release(&d0v0);
}

static void idle_cpu_takes_a_waiting_vcpu(void **state)
{
    struct vcpu *v;

    (void)state;
    /* CPU 1 runs d0v1; CPU 0's only vCPU sleeps. */
    assert_ptr_equal(sched_pick(1, NULL, false), &d0v1);
    d0v0.blocked = true;
    assert_null(sched_pick(0, NULL, false));
    v = sched_steal(0);
    assert_ptr_equal(v, &duv0);
    assert_true(duv0.on_cpu);
    assert_int_equal(duv0.processor, 0);
    assert_true(is_queued_on(0, &duv0));
    assert_false(is_queued_on(1, &duv0));
    assert_int_equal(queued_on(0) + queued_on(1), 4);
    /* The next waiting one, then none: d0v1 is held by CPU 1. */
    assert_ptr_equal(sched_steal(0), &duv1);
    assert_null(sched_steal(0));
    assert_int_equal(d0v1.processor, 1);
    /* Once CPU 1 lets d0v1 go, it can move too. */
    sched_release(&d0v1);
    assert_ptr_equal(sched_steal(0), &d0v1);
    assert_int_equal(queued_on(1), 0);
    /* Removal finds each vCPU on the queue it moved to (teardown checks). */
    sched_release(&duv0);
    sched_release(&duv1);
    sched_release(&d0v1);
}

static void never_takes_what_cannot_run(void **state)
{
    (void)state;
    duv0.blocked = true;
    domu.pause_count = 1;
    d0v1.is_up = false;
    assert_null(sched_steal(0));
    domu.pause_count = 0;
    domu.is_dying = true;
    assert_null(sched_steal(0));
    domu.is_dying = false;
    domu.is_shutting_down = true;
    assert_null(sched_steal(0));
    domu.is_shutting_down = false;
    /* duv0 still sleeps; duv1 may go. */
    assert_ptr_equal(sched_steal(0), &duv1);
    assert_int_equal(duv0.processor, 1);
    /* CPU 0 now holds duv1 and d0v0 waits there: CPU 1 may take only d0v0. */
    assert_ptr_equal(sched_steal(1), &d0v0);
    sched_release(&d0v0);
    sched_release(&duv1);
    /* Nothing left that can run: no CPU takes anything. */
    duv1.blocked = true;
    d0v0.blocked = true;
    assert_null(sched_steal(1));
    assert_null(sched_steal(0));
    /* A CPU never takes from its own queue (duv1 is on CPU 0's). */
    duv1.blocked = false;
    assert_null(sched_steal(0));
    assert_ptr_equal(sched_steal(1), &duv1);
    sched_release(&duv1);
}

static void wake_unblocks_and_kicks(void **state)
{
    (void)state;
    duv0.blocked = true;
    vcpu_wake(&duv0);
    assert_false(duv0.blocked);
    assert_int_equal(kicks, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(placement_wraps_and_queues, setup, teardown),
        cmocka_unit_test_setup_teardown(pick_claims_and_rotates, setup, teardown),
        cmocka_unit_test_setup_teardown(nothing_runnable_gives_null, setup, teardown),
        cmocka_unit_test_setup_teardown(idle_cpu_takes_a_waiting_vcpu, setup, teardown),
        cmocka_unit_test_setup_teardown(never_takes_what_cannot_run, setup, teardown),
        cmocka_unit_test_setup_teardown(wake_unblocks_and_kicks, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
