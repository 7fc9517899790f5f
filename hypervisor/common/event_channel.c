/*
 * Event channels, Xen's 2-level ABI: per-domain ports whose pending and mask
 * bits live in the guest's shared_info page, a per-vCPU selector word, and
 * an upcall interrupt on each 0->1 transition. Copy in, validate, act, copy
 * out; every operation holds the domain's event_lock (two domains: lower id
 * first).
 */
#include <public/event_channel.h>
#include <xenlet/errno.h>
#include <xenlet/event.h>
#include <xenlet/guest_access.h>
#include <xenlet/hypercall.h>
#include <xenlet/lib.h>
#include <string.h>

enum evtchn_state { ECS_FREE, ECS_UNBOUND, ECS_INTERDOMAIN, ECS_PIRQ, ECS_VIRQ, ECS_IPI };

struct evtchn {
    uint8_t state;
    uint16_t notify_vcpu;
    domid_t remote_domid;           /* unbound: who may bind; interdomain: the peer */
    uint32_t remote_port;           /* interdomain */
    uint32_t virq;                  /* virq */
};

/* Global VIRQs are bound on one vCPU and may move; the rest are per vCPU. */
static bool virq_is_global(unsigned int virq)
{
    return virq == VIRQ_CONSOLE || virq == VIRQ_DOM_EXC;
}

int evtchn_domain_init(struct domain *d, unsigned int max_ports)
{
    if (max_ports == 0 || max_ports > EVTCHN_2L_NR_CHANNELS)
        max_ports = EVTCHN_2L_NR_CHANNELS;
    d->evtchn = xzalloc_bytes(max_ports * sizeof(struct evtchn));
    if (!d->evtchn)
        return -ENOMEM;
    d->max_evtchns = max_ports;
    return 0;
}

void evtchn_domain_destroy(struct domain *d)
{
    xfree_bytes(d->evtchn, d->max_evtchns * sizeof(struct evtchn));
    d->evtchn = NULL;
}

static struct vcpu_info *vcpu_info_of(struct vcpu *v)
{
    if (v->vcpu_info)
        return v->vcpu_info;
    if (v->vcpu_id == 0 && v->domain->shared_info)
        return &v->domain->shared_info->vcpu_info[0];
    return NULL;
}

static void vcpu_mark_events_pending(struct vcpu *v)
{
    struct vcpu_info *vi = vcpu_info_of(v);

    if (vi && !__atomic_exchange_n(&vi->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST))
        arch_evtchn_upcall(v);
}

/* Set @port pending in @d and notify its vCPU; @d->event_lock held. */
static void set_pending(struct domain *d, unsigned int port)
{
    struct shared_info *s = d->shared_info;
    struct evtchn *chn = &d->evtchn[port];
    struct vcpu *v = d->vcpu[chn->notify_vcpu < d->max_vcpus ? chn->notify_vcpu : 0];
    uint64_t bit = 1UL << (port % 64);
    struct vcpu_info *vi;

    if (__atomic_fetch_or(&s->evtchn_pending[port / 64], bit, __ATOMIC_SEQ_CST) & bit)
        return;
    if (__atomic_load_n(&s->evtchn_mask[port / 64], __ATOMIC_SEQ_CST) & bit)
        return;
    vi = vcpu_info_of(v);
    if (vi && !(__atomic_fetch_or(&vi->evtchn_pending_sel, 1UL << (port / 64),
                                  __ATOMIC_SEQ_CST) & (1UL << (port / 64))))
        vcpu_mark_events_pending(v);
}

static int get_free_port(struct domain *d)
{
    for (unsigned int p = 1; p < d->max_evtchns; p++)
        if (d->evtchn[p].state == ECS_FREE)
            return (int)p;
    return -ENOSPC;
}

static bool port_valid(struct domain *d, uint32_t port)
{
    return port != 0 && port < d->max_evtchns;
}

static void lock_two(struct domain *a, struct domain *b)
{
    if (a == b) {
        spin_lock(&a->event_lock);
    } else if (a->domain_id < b->domain_id) {
        spin_lock(&a->event_lock);
        spin_lock(&b->event_lock);
    } else {
        spin_lock(&b->event_lock);
        spin_lock(&a->event_lock);
    }
}

static void unlock_two(struct domain *a, struct domain *b)
{
    spin_unlock(&a->event_lock);
    if (a != b)
        spin_unlock(&b->event_lock);
}

static long alloc_unbound(struct vcpu *v, uint64_t arg)
{
    struct evtchn_alloc_unbound op;
    struct domain *d;
    int port;

    if (copy_from_guest(&op, arg, sizeof(op)))
        return -EFAULT;
    d = domain_named(v->domain, op.dom);
    if (!d)
        return -ESRCH;
    if (d != v->domain && !v->domain->is_privileged)
        return -EPERM;
    spin_lock(&d->event_lock);
    port = get_free_port(d);
    if (port > 0) {
        d->evtchn[port] = (struct evtchn){
            .state = ECS_UNBOUND,
            .remote_domid = op.remote_dom == DOMID_SELF ? v->domain->domain_id : op.remote_dom,
        };
    }
    spin_unlock(&d->event_lock);
    if (port < 0)
        return port;
    op.port = (uint32_t)port;
    return copy_to_guest(arg, &op, sizeof(op)) ? -EFAULT : 0;
}

static long bind_interdomain(struct vcpu *v, uint64_t arg)
{
    struct evtchn_bind_interdomain op;
    struct domain *ld = v->domain, *rd;
    struct evtchn *rchn;
    long rc = 0;
    int lport;

    if (copy_from_guest(&op, arg, sizeof(op)))
        return -EFAULT;
    rd = domain_named(v->domain, op.remote_dom);
    if (!rd)
        return -ESRCH;
    lock_two(ld, rd);
    if (!port_valid(rd, op.remote_port)) {
        rc = -EINVAL;
        goto out;
    }
    rchn = &rd->evtchn[op.remote_port];
    if (rchn->state != ECS_UNBOUND || rchn->remote_domid != ld->domain_id) {
        rc = -EINVAL;
        goto out;
    }
    lport = get_free_port(ld);
    if (lport < 0) {
        rc = lport;
        goto out;
    }
    ld->evtchn[lport] = (struct evtchn){ .state = ECS_INTERDOMAIN, .remote_domid = rd->domain_id,
                                         .remote_port = op.remote_port };
    rchn->state = ECS_INTERDOMAIN;
    rchn->remote_port = (uint32_t)lport;
    /* The binder may have missed an event sent before it bound: pretend one came. */
    set_pending(ld, (unsigned int)lport);
    op.local_port = (uint32_t)lport;
out:
    unlock_two(ld, rd);
    if (rc)
        return rc;
    return copy_to_guest(arg, &op, sizeof(op)) ? -EFAULT : 0;
}

static long bind_virq(struct vcpu *v, uint64_t arg)
{
    struct evtchn_bind_virq op;
    struct domain *d = v->domain;
    struct vcpu *target;
    int port;

    if (copy_from_guest(&op, arg, sizeof(op)))
        return -EFAULT;
    if (op.virq >= NR_VIRQS)
        return -EINVAL;
    if (op.vcpu >= d->max_vcpus || (virq_is_global(op.virq) && op.vcpu != 0))
        return -EINVAL;
    target = d->vcpu[op.vcpu];
    spin_lock(&d->event_lock);
    if (target->virq_to_port[op.virq]) {
        spin_unlock(&d->event_lock);
        return -EEXIST;
    }
    port = get_free_port(d);
    if (port > 0) {
        d->evtchn[port] = (struct evtchn){ .state = ECS_VIRQ, .virq = op.virq,
                                           .notify_vcpu = (uint16_t)op.vcpu };
        target->virq_to_port[op.virq] = (uint32_t)port;
    }
    spin_unlock(&d->event_lock);
    if (port < 0)
        return port;
    op.port = (uint32_t)port;
    return copy_to_guest(arg, &op, sizeof(op)) ? -EFAULT : 0;
}

static long bind_ipi(struct vcpu *v, uint64_t arg)
{
    struct evtchn_bind_ipi op;
    struct domain *d = v->domain;
    int port;

    if (copy_from_guest(&op, arg, sizeof(op)))
        return -EFAULT;
    if (op.vcpu >= d->max_vcpus)
        return -ENOENT;
    spin_lock(&d->event_lock);
    port = get_free_port(d);
    if (port > 0)
        d->evtchn[port] = (struct evtchn){ .state = ECS_IPI, .notify_vcpu = (uint16_t)op.vcpu };
    spin_unlock(&d->event_lock);
    if (port < 0)
        return port;
    op.port = (uint32_t)port;
    return copy_to_guest(arg, &op, sizeof(op)) ? -EFAULT : 0;
}

/* Free @port of @d, unbinding the peer of an interdomain channel. */
static long close_port(struct domain *d, uint32_t port)
{
    for (;;) {
        struct evtchn *chn;
        struct domain *rd;
        domid_t rid;

        spin_lock(&d->event_lock);
        if (!port_valid(d, port) || d->evtchn[port].state == ECS_FREE) {
            spin_unlock(&d->event_lock);
            return -EINVAL;
        }
        chn = &d->evtchn[port];
        if (chn->state != ECS_INTERDOMAIN) {
            if (chn->state == ECS_VIRQ)
                for (unsigned int i = 0; i < d->max_vcpus; i++)
                    if (d->vcpu[i]->virq_to_port[chn->virq] == port)
                        d->vcpu[i]->virq_to_port[chn->virq] = 0;
            *chn = (struct evtchn){ 0 };
            spin_unlock(&d->event_lock);
            return 0;
        }
        /* Both domains' locks are needed, lower id first: drop ours, take both. */
        rid = chn->remote_domid;
        spin_unlock(&d->event_lock);
        rd = domain_by_id(rid);
        if (!rd)
            rd = d;                     /* peer gone: only our side is left */
        lock_two(d, rd);
        chn = &d->evtchn[port];
        if (chn->state == ECS_INTERDOMAIN && chn->remote_domid == rid) {
            if (rd->domain_id == rid && port_valid(rd, chn->remote_port)) {
                struct evtchn *peer = &rd->evtchn[chn->remote_port];

                if (peer->state == ECS_INTERDOMAIN && peer->remote_port == port &&
                    peer->remote_domid == d->domain_id) {
                    peer->state = ECS_UNBOUND;
                    peer->remote_domid = d->domain_id;
                }
            }
            *chn = (struct evtchn){ 0 };
            unlock_two(d, rd);
            return 0;
        }
        unlock_two(d, rd);              /* changed meanwhile: look again */
    }
}

static long send(struct vcpu *v, uint32_t port)
{
    struct domain *d = v->domain, *rd;
    struct evtchn *chn;
    long rc = 0;

    spin_lock(&d->event_lock);
    if (!port_valid(d, port)) {
        spin_unlock(&d->event_lock);
        return -EINVAL;
    }
    chn = &d->evtchn[port];
    switch (chn->state) {
    case ECS_INTERDOMAIN: {
        domid_t rid = chn->remote_domid;
        uint32_t rport = chn->remote_port;

        spin_unlock(&d->event_lock);
        rd = domain_by_id(rid);
        if (!rd)
            return 0;
        spin_lock(&rd->event_lock);
        if (port_valid(rd, rport) && rd->evtchn[rport].state == ECS_INTERDOMAIN &&
            rd->shared_info)
            set_pending(rd, rport);
        spin_unlock(&rd->event_lock);
        return 0;
    }
    case ECS_IPI:
        if (d->shared_info)
            set_pending(d, port);
        break;
    case ECS_UNBOUND:
        break;                          /* nobody listens yet: dropped, as on Xen */
    default:
        rc = -EINVAL;
        break;
    }
    spin_unlock(&d->event_lock);
    return rc;
}

static long status(struct vcpu *v, uint64_t arg)
{
    struct evtchn_status op;
    struct domain *d;
    struct evtchn *chn;

    if (copy_from_guest(&op, arg, sizeof(op)))
        return -EFAULT;
    d = domain_named(v->domain, op.dom);
    if (!d)
        return -ESRCH;
    if (d != v->domain && !v->domain->is_privileged)
        return -EPERM;
    spin_lock(&d->event_lock);
    if (!port_valid(d, op.port)) {
        spin_unlock(&d->event_lock);
        return -EINVAL;
    }
    chn = &d->evtchn[op.port];
    memset(&op.u, 0, sizeof(op.u));
    op.status = chn->state;
    op.vcpu = chn->notify_vcpu;
    if (chn->state == ECS_UNBOUND)
        op.u.unbound.dom = chn->remote_domid;
    else if (chn->state == ECS_INTERDOMAIN) {
        op.u.interdomain.dom = chn->remote_domid;
        op.u.interdomain.port = chn->remote_port;
    } else if (chn->state == ECS_VIRQ)
        op.u.virq = chn->virq;
    spin_unlock(&d->event_lock);
    return copy_to_guest(arg, &op, sizeof(op)) ? -EFAULT : 0;
}

static long bind_vcpu(struct vcpu *v, uint64_t arg)
{
    struct evtchn_bind_vcpu op;
    struct domain *d = v->domain;
    struct evtchn *chn;
    long rc = 0;

    if (copy_from_guest(&op, arg, sizeof(op)))
        return -EFAULT;
    if (op.vcpu >= d->max_vcpus)
        return -ENOENT;
    spin_lock(&d->event_lock);
    if (!port_valid(d, op.port)) {
        rc = -EINVAL;
    } else {
        chn = &d->evtchn[op.port];
        if (chn->state == ECS_VIRQ && !virq_is_global(chn->virq))
            rc = -EINVAL;
        else if (chn->state == ECS_FREE || chn->state == ECS_IPI)
            rc = -EINVAL;
        else
            chn->notify_vcpu = (uint16_t)op.vcpu;
    }
    spin_unlock(&d->event_lock);
    return rc;
}

static long unmask(struct vcpu *v, uint32_t port)
{
    struct domain *d = v->domain;
    struct shared_info *s = d->shared_info;
    uint64_t bit = 1UL << (port % 64);

    if (!port_valid(d, port) || !s)
        return -EINVAL;
    spin_lock(&d->event_lock);
    if ((__atomic_fetch_and(&s->evtchn_mask[port / 64], ~bit, __ATOMIC_SEQ_CST) & bit) &&
        (__atomic_load_n(&s->evtchn_pending[port / 64], __ATOMIC_SEQ_CST) & bit)) {
        struct evtchn *chn = &d->evtchn[port];
        struct vcpu *t = d->vcpu[chn->notify_vcpu < d->max_vcpus ? chn->notify_vcpu : 0];
        struct vcpu_info *vi = vcpu_info_of(t);

        if (vi && !(__atomic_fetch_or(&vi->evtchn_pending_sel, 1UL << (port / 64),
                                      __ATOMIC_SEQ_CST) & (1UL << (port / 64))))
            vcpu_mark_events_pending(t);
    }
    spin_unlock(&d->event_lock);
    return 0;
}

void send_guest_global_virq(struct domain *d, unsigned int virq)
{
    uint32_t port;

    if (!d || !d->evtchn || !d->shared_info)
        return;
    spin_lock(&d->event_lock);
    port = d->vcpu[0]->virq_to_port[virq];
    if (port)
        set_pending(d, port);
    spin_unlock(&d->event_lock);
}

long do_event_channel_op(struct vcpu *v, const uint64_t args[5])
{
    evtchn_port_t port;             /* all of evtchn_close, _send and _unmask */

    if (!v->domain->evtchn)
        return -ENOSYS;
    switch (args[0]) {
    case EVTCHNOP_alloc_unbound:
        return alloc_unbound(v, args[1]);
    case EVTCHNOP_bind_interdomain:
        return bind_interdomain(v, args[1]);
    case EVTCHNOP_bind_virq:
        return bind_virq(v, args[1]);
    case EVTCHNOP_bind_ipi:
        return bind_ipi(v, args[1]);
    case EVTCHNOP_bind_vcpu:
        return bind_vcpu(v, args[1]);
    case EVTCHNOP_status:
        return status(v, args[1]);
    case EVTCHNOP_close:
    case EVTCHNOP_send:
    case EVTCHNOP_unmask:
        if (copy_from_guest(&port, args[1], sizeof(port)))
            return -EFAULT;
        if (args[0] == EVTCHNOP_close)
            return close_port(v->domain, port);
        return args[0] == EVTCHNOP_send ? send(v, port) : unmask(v, port);
    default:
        /* FIFO (init_control, expand_array, set_priority) and the rest:
         * refusing makes Linux use the 2-level ABI. */
        return -ENOSYS;
    }
}

/* A dying domain: every port closed, so peers see their ends unbound. */
void evtchn_close_all(struct domain *d)
{
    for (uint32_t port = 1; d->evtchn && port < d->max_evtchns; port++)
        if (d->evtchn[port].state != ECS_FREE)
            close_port(d, port);
}
