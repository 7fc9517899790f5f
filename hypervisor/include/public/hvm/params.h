/* Xen 4.17 ABI: HVM parameter indexes (xen_hvm_param.index) and values. */
#ifndef XENLET_PUBLIC_HVM_PARAMS_H
#define XENLET_PUBLIC_HVM_PARAMS_H

#include "hvm_op.h"

/* How the event channel upcall is delivered. On ARM:
 * bits 63:56 = HVM_PARAM_CALLBACK_TYPE_PPI, bits 15:8 = flags, 7:0 = PPI. */
#define HVM_PARAM_CALLBACK_IRQ 0
#define HVM_PARAM_CALLBACK_IRQ_TYPE_MASK 0xFF00000000000000ULL
#define HVM_PARAM_CALLBACK_TYPE_GSI 0
#define HVM_PARAM_CALLBACK_TYPE_PCI_INTX 1
#define HVM_PARAM_CALLBACK_TYPE_PPI 2
#define HVM_PARAM_CALLBACK_TYPE_PPI_FLAG_MASK 0xFF00
#define HVM_PARAM_CALLBACK_TYPE_PPI_FLAG_LOW_LEVEL 2

#define HVM_PARAM_STORE_PFN 1    /* xenstore ring GFN */
#define HVM_PARAM_STORE_EVTCHN 2 /* xenstore port; 0 in dom0 before xenstored */
#define HVM_PARAM_IOREQ_PFN 5
#define HVM_PARAM_BUFIOREQ_PFN 6
#define HVM_PARAM_CONSOLE_PFN 17 /* PV console ring GFN */
#define HVM_PARAM_CONSOLE_EVTCHN 18
#define HVM_PARAM_BUFIOREQ_EVTCHN 26
#define HVM_PARAM_PAGING_RING_PFN 27
#define HVM_PARAM_MONITOR_RING_PFN 28
#define HVM_PARAM_SHARING_RING_PFN 29
#define HVM_PARAM_IOREQ_SERVER_PFN 32
#define HVM_PARAM_NR_IOREQ_SERVER_PAGES 33
#define HVM_PARAM_VM_GENERATION_ID_ADDR 34
#define HVM_PARAM_ALTP2M 35

#define XEN_ALTP2M_disabled 0
#define XEN_ALTP2M_mixed 1
#define XEN_ALTP2M_external 2
#define XEN_ALTP2M_limited 3

#define HVM_NR_PARAMS 39

#endif
