/*
 * Domains and vCPUs: the objects common code manages. Each has an opaque
 * arch part that only the architecture looks inside.
 */
#ifndef XENLET_SCHED_H
#define XENLET_SCHED_H

#include <public/hvm/params.h>
#include <public/sched.h>
#include <public/xen.h>
#include <xenlet/spinlock.h>
#include <xenlet/types.h>

#define MAX_DOMAINS          64       /* live at once, dom0 included */
#define MAX_VCPUS_PER_DOMAIN 8

struct arch_domain;
struct arch_vcpu;
struct domain;
struct evtchn;
struct grant_table;
struct vcpu_info;
struct shared_info;

#define SCHED_MAX_CPUS 8

struct vcpu {
    unsigned int vcpu_id;
    unsigned int processor;         /* the physical CPU it runs on */
    struct domain *domain;
    bool is_up;                     /* started: boot vCPU, PSCI CPU_ON */
    volatile bool blocked;          /* in WFI with nothing pending */
    volatile bool kick;             /* something for it arrived: stop waiting */
    bool on_cpu;                    /* claimed by a CPU (schedule.c) */
    struct vcpu *rq_next;           /* on its CPU's run queue (schedule.c) */
    uint64_t run_start;             /* counter value when last put on the CPU */
    uint64_t cpu_time;              /* counter ticks spent running */
    struct vcpu_info *vcpu_info;    /* where its event bits live (guest memory) */
    bool vcpu_info_registered;
    uint64_t runstate_gva;          /* VCPUOP_register_runstate_memory_area */
    uint32_t virq_to_port[NR_VIRQS];
    bool in_multicall;              /* its calls may not be continued */
    bool hcall_continue;            /* re-issue this hypercall with x0 = ... */
    uint64_t hcall_continue_arg0;
    struct arch_vcpu *arch;
};

struct domain {
    domid_t domain_id;
    uint64_t serial;                /* never reused, unlike domain_id */
    bool is_privileged;             /* dom0: may use domctl, sysctl, foreign maps */
    bool direct_map;                /* guest physical == machine (dom0) */
    unsigned int max_vcpus;
    struct vcpu *vcpu[MAX_VCPUS_PER_DOMAIN];
    uint64_t tot_pages;
    uint64_t max_pages;
    bool is_shutting_down;
    bool is_dying;                  /* being destroyed: never runs again */
    unsigned int shutdown_code;
    unsigned int pause_count;       /* domctl pause and creation; runs at 0 */
    struct domain *reap_next;       /* destroyed, waiting to be freed */
    unsigned long reap_passes[SCHED_MAX_CPUS]; /* each CPU's trap exits when destroyed */
    uint8_t handle[16];             /* the toolstack's UUID */

    struct shared_info *shared_info;
    uint64_t shared_info_gfn;       /* where the guest mapped it, ~0 if nowhere */

    spinlock_t event_lock;          /* evtchn[], the ports' state */
    struct evtchn *evtchn;
    unsigned int max_evtchns;

    struct grant_table *grant_table;
    uint64_t hvm_params[HVM_NR_PARAMS];
    uint64_t paging_mempool;        /* bytes, as the toolstack set it */
    struct arch_domain *arch;
};

/* The vCPU running on this physical CPU, NULL when idle (arch provides). */
struct vcpu *current_vcpu(void);

/* Scheduling (common/schedule.c): each vCPU is on one physical CPU's
 * round-robin queue, and moves when an idle CPU takes it; the arch
 * switches contexts. */
bool vcpu_runnable(const struct vcpu *v);
void sched_add_vcpu(struct vcpu *v, unsigned int cpu);
void sched_remove_vcpu(struct vcpu *v);
/* The vCPU @cpu should run next: @prev again unless @rotate asks for another.
 * The one returned is claimed for @cpu until sched_release(). */
struct vcpu *sched_pick(unsigned int cpu, struct vcpu *prev, bool rotate);
/* For an idle @cpu: move a runnable, unclaimed vCPU from another CPU's queue
 * to @cpu's and claim it; NULL if there is none. */
struct vcpu *sched_steal(unsigned int cpu);
/* @cpu no longer holds @v's state (after it is saved). */
void sched_release(struct vcpu *v);
/* Are there runnable vCPUs on @cpu other than @v? */
bool sched_others_runnable(unsigned int cpu, const struct vcpu *v);
/* Call @fn for each vCPU queued on @cpu, with the queue locked. */
void sched_for_each(unsigned int cpu, void (*fn)(struct vcpu *v, void *arg), void *arg);
/* A vCPU has something to do: unblock it and poke its CPU (arch). */
void vcpu_wake(struct vcpu *v);
void vcpu_kick(struct vcpu *v);
/* The running vCPU gives up the rest of its slice (SCHEDOP_yield). */
void vcpu_yield(void);
/* Sleep until an interrupt (the event upcall among them) is pending (arch). */
void vcpu_block_for_events(struct vcpu *v);
/* Quiescent points for freeing destroyed domains (domain_destroy.c): the
 * arch calls sched_quiescent() at every trap exit and sched_idling() around
 * waiting for interrupts; domain_reap() frees what no CPU can still hold
 * (called with the domctl lock held, from CPU @me). */
void sched_quiescent(unsigned int cpu);
void sched_idling(unsigned int cpu, bool idle);
void domain_reap(unsigned int me);
/* Wait until no vCPU of @d is on any CPU (after pause or kill). */
void domain_sync_off_cpus(struct domain *d);
unsigned int sched_nr_cpus(void);
void sched_set_nr_cpus(unsigned int n);

struct domain *domain_create(domid_t id, bool privileged, unsigned int max_vcpus,
                             int *err);
/* The domain with this id, unless it is being destroyed. */
struct domain *domain_by_id(domid_t id);
/* The domain a hypercall argument names: @self for DOMID_SELF, else by id. */
struct domain *domain_named(struct domain *self, domid_t id);
/* The same, dying or not (domctl: destroy continues, ids stay taken). */
struct domain *domain_listed(domid_t id);
/* The live domain with the smallest id >= @id, or NULL. */
struct domain *domain_at_or_after(domid_t id);
/* Destroy @d: stop it, free its memory and structures, tell dom0. With
 * @preemptible, returns -XEN_ERESTART after each slice of memory: call again
 * (the domain stays listed, dying) until it returns 0. */
long domain_kill(struct domain *d, bool preemptible);
/* @reason: SHUTDOWN_* (public/sched.h). */
void domain_shutdown(struct domain *d, unsigned int reason);
const char *shutdown_reason_name(unsigned int reason);

/* Architecture hooks for domain/vCPU life cycle. */
int arch_domain_create(struct domain *d);
int arch_vcpu_create(struct vcpu *v);
size_t arch_domain_size(void);
size_t arch_vcpu_size(void);

/* Small object allocation from the page allocator (zeroed). */
void *xzalloc_bytes(size_t size);
void xfree_bytes(void *p, size_t size);

#endif
