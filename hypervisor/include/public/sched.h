/* Xen 4.17 ABI: the sched_op hypercall (cmd, arg). */
#ifndef XENLET_PUBLIC_SCHED_H
#define XENLET_PUBLIC_SCHED_H

#include "event_channel.h"

#define SCHEDOP_yield 0
#define SCHEDOP_block 1
#define SCHEDOP_shutdown 2
#define SCHEDOP_poll 3
#define SCHEDOP_remote_shutdown 4
#define SCHEDOP_shutdown_code 5
#define SCHEDOP_watchdog 6
#define SCHEDOP_pin_override 7

/* SCHEDOP_shutdown, SCHEDOP_shutdown_code */
struct sched_shutdown {
	uint32_t reason; /* IN: SHUTDOWN_* */
};

/* Block until one of the ports is pending or the timeout passes. */
struct sched_poll {
	XEN_GUEST_HANDLE(evtchn_port_t) ports; /* IN */
	uint32_t nr_ports;                     /* IN */
	uint64_t timeout;                      /* IN: absolute system time, 0 = none */
};

/* Shut another domain down (privileged). */
struct sched_remote_shutdown {
	domid_t domain_id; /* IN */
	uint32_t reason;   /* IN: SHUTDOWN_* */
};

struct sched_watchdog {
	uint32_t id;      /* IN: 0 allocates; OUT: the new id */
	uint32_t timeout; /* IN: seconds, 0 destroys */
};

struct sched_pin_override {
	int32_t pcpu; /* IN: -1 ends the override */
};

#define SHUTDOWN_poweroff 0
#define SHUTDOWN_reboot 1
#define SHUTDOWN_suspend 2
#define SHUTDOWN_crash 3
#define SHUTDOWN_watchdog 4
#define SHUTDOWN_soft_reset 5
#define SHUTDOWN_MAX 5

#endif
