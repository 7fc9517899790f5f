/* The ticket lock's try-lock (hypervisor/include/xenlet/spinlock.h): it takes
 * only a free lock and never leaves a ticket behind when it fails. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <xenlet/spinlock.h>

static void trylock_takes_a_free_lock_only(void **state)
{
    spinlock_t l = SPINLOCK_INIT;

    (void)state;
    assert_true(spin_trylock(&l));
    assert_false(spin_trylock(&l));
    assert_false(spin_trylock(&l));
    spin_unlock(&l);
    /* The failed tries drew no ticket: the lock is free again at once. */
    assert_int_equal(l.owner, l.next);
    assert_true(spin_trylock(&l));
    spin_unlock(&l);
}

static void trylock_and_lock_share_the_tickets(void **state)
{
    spinlock_t l = SPINLOCK_INIT;

    (void)state;
    spin_lock(&l);
    assert_false(spin_trylock(&l));
    spin_unlock(&l);
    assert_true(spin_trylock(&l));
    spin_unlock(&l);
    spin_lock(&l);
    spin_unlock(&l);
    assert_int_equal(l.owner, 3);
    assert_int_equal(l.next, 3);
}

static void trylock_survives_the_wrap(void **state)
{
    spinlock_t l = { 0xffff, 0xffff };

    (void)state;
    assert_true(spin_trylock(&l));
    assert_int_equal(l.next, 0);
    assert_false(spin_trylock(&l));
    spin_unlock(&l);
    assert_int_equal(l.owner, 0);
    assert_true(spin_trylock(&l));
    spin_unlock(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(trylock_takes_a_free_lock_only),
        cmocka_unit_test(trylock_and_lock_share_the_tickets),
        cmocka_unit_test(trylock_survives_the_wrap),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
