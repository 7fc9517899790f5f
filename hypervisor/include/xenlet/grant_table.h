/* Grant tables, version 1 (the only one on ARM). */
#ifndef XENLET_GRANT_TABLE_H
#define XENLET_GRANT_TABLE_H

#include <public/grant_table.h>
#include <xenlet/sched.h>

#define GNTTAB_DEFAULT_MAX_FRAMES 64

#define MAPTRACK_ENTRIES 1024

/* One grant this domain has mapped from another (its handle is the index). */
struct maptrack {
    domid_t dom;                          /* the granting domain */
    uint64_t dom_serial;                  /* ... and which one, if its id is reused */
    bool in_use;
    bool readonly;
    uint32_t ref;
    uint64_t gpfn;                        /* where it sits in our physical map */
    uint64_t mfn;
};

struct grant_table {
    unsigned int max_frames;
    unsigned int nr_frames;               /* frames in use (grown on demand) */
    paddr_t frames[GNTTAB_DEFAULT_MAX_FRAMES];
    spinlock_t lock;                      /* maptrack[] */
    struct maptrack *maptrack;            /* allocated on first map */
};

int grant_table_init(struct domain *d, unsigned int max_frames);
void grant_table_destroy(struct domain *d);
/* The machine frame of shared frame @idx, growing the table to reach it. */
int grant_table_frame(struct domain *d, unsigned int idx, paddr_t *ma);
long do_grant_table_op(struct vcpu *v, const uint64_t args[5]);

#endif
