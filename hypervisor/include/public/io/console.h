/* Xen 4.17 ABI: the PV console ring page (HVM_PARAM_CONSOLE_PFN). */
#ifndef XENLET_PUBLIC_IO_CONSOLE_H
#define XENLET_PUBLIC_IO_CONSOLE_H

#include <stdint.h>

typedef uint32_t XENCONS_RING_IDX;
#define MASK_XENCONS_IDX(idx, ring) ((idx) & (sizeof(ring) - 1))

/* Indexes run free; producer writes data, barrier, then bumps *_prod. */
struct xencons_interface {
	char in[1024];  /* backend -> guest (keyboard) */
	char out[2048]; /* guest -> backend (screen) */
	XENCONS_RING_IDX in_cons;
	XENCONS_RING_IDX in_prod;
	XENCONS_RING_IDX out_cons;
	XENCONS_RING_IDX out_prod;
};

#endif
