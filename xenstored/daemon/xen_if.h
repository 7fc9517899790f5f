/* The OS boundary for domain rings: event channels and mapping a guest's
 * xenstore page. One implementation per OS (xen_linux.c: the /dev/xen devices). */
#ifndef XENLET_XEN_IF_H
#define XENLET_XEN_IF_H

#include <stdbool.h>
#include <stdint.h>

struct xenstore_domain_interface;

/* Opens the event channel and grant devices; returns the fd to poll. */
int xen_if_open(void);
void xen_if_close(void);
/* Local port bound to (domid, remote_port), or -errno. */
int xen_if_bind_interdomain(uint32_t domid, uint32_t remote_port);
void xen_if_unbind(uint32_t port);
void xen_if_notify(uint32_t port);
/* Next port that fired (and unmasks it), -EAGAIN when none. */
int xen_if_pending(void);
/* Maps the guest's store page through grant reference 1 (Xen's reserved
 * xenstore grant); NULL with errno on failure. */
struct xenstore_domain_interface *xen_if_map_ring(uint32_t domid);
void xen_if_unmap_ring(struct xenstore_domain_interface *intf);
/* Local port bound to a global VIRQ (VIRQ_DOM_EXC), or -errno. */
int xen_if_bind_virq(unsigned int virq);
/* dom0's own ring (/proc/xen/xsd_kva) and its unbound port (xsd_port). */
struct xenstore_domain_interface *xen_if_dom0_ring(uint32_t *port);


/* The hypervisor's view of a domain (xen_domstate.c, through libxc):
 * 0 with the shutdown and dying flags filled in, -ESRCH when it does not exist, another
 * -errno when the hypervisor cannot be asked. */
int xen_if_domain_state(uint32_t domid, bool *shutdown, bool *dying);

#endif
