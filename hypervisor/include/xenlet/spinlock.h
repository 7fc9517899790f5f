/* A ticket lock in portable C atomics: fair, small, and usable by common code. */
#ifndef XENLET_SPINLOCK_H
#define XENLET_SPINLOCK_H

#include <xenlet/types.h>

typedef struct {
    volatile uint16_t owner;
    volatile uint16_t next;
} spinlock_t;

#define SPINLOCK_INIT { 0, 0 }

static inline void spin_lock(spinlock_t *l)
{
    uint16_t me = __atomic_fetch_add(&l->next, 1, __ATOMIC_ACQUIRE);

    while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != me)
        ;
}

/* Take the lock only if it is free now: no ticket is drawn otherwise. */
static inline bool spin_trylock(spinlock_t *l)
{
    uint16_t me = __atomic_load_n(&l->next, __ATOMIC_RELAXED);

    if (__atomic_load_n(&l->owner, __ATOMIC_RELAXED) != me)
        return false;
    return __atomic_compare_exchange_n(&l->next, &me, (uint16_t)(me + 1), false,
                                       __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void spin_unlock(spinlock_t *l)
{
    __atomic_store_n(&l->owner, (uint16_t)(l->owner + 1), __ATOMIC_RELEASE);
}

#endif
