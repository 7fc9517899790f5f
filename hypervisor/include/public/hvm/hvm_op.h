/* Xen 4.17 ABI: the hvm_op hypercall (cmd, arg). ARM implements
 * set_param and get_param. */
#ifndef XENLET_PUBLIC_HVM_HVM_OP_H
#define XENLET_PUBLIC_HVM_HVM_OP_H

#include "../xen.h"

#define HVMOP_set_param 0
#define HVMOP_get_param 1
#define HVMOP_flush_tlbs 5
#define HVMOP_pagetable_dying 9
#define HVMOP_get_time 10
#define HVMOP_xentrace 11
#define HVMOP_set_mem_access 12
#define HVMOP_get_mem_access 13
#define HVMOP_get_mem_type 15
#define HVMOP_guest_request_vm_event 24
#define HVMOP_altp2m 25

struct xen_hvm_param {
	domid_t domid;  /* IN: DOMID_SELF or a domain the caller controls */
	uint16_t pad;
	uint32_t index; /* IN: HVM_PARAM_* */
	uint64_t value; /* IN (set) / OUT (get) */
};

#endif
