/* The shared ring: free-running 32-bit indexes masked to the 1 KiB rings. */
#include <string.h>

#include "ring.h"

#define barrier_full() __atomic_thread_fence(__ATOMIC_SEQ_CST)

static XENSTORE_RING_IDX load(volatile XENSTORE_RING_IDX *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

long ring_peek_requests(struct xenstore_domain_interface *intf, char *buf,
			size_t len)
{
	XENSTORE_RING_IDX cons = load(&intf->req_cons), prod = load(&intf->req_prod);
	XENSTORE_RING_IDX avail = prod - cons;
	size_t copied = 0;

	if (avail > XENSTORE_RING_SIZE) {
		intf->error = XENSTORE_ERROR_RINGIDX;
		return -1;
	}
	barrier_full(); /* read the data after the indexes */
	while (copied < len && avail) {
		size_t off = MASK_XENSTORE_IDX(cons);
		size_t chunk = XENSTORE_RING_SIZE - off;

		if (chunk > avail)
			chunk = avail;
		if (chunk > len - copied)
			chunk = len - copied;
		memcpy(buf + copied, intf->req + off, chunk);
		copied += chunk;
		cons += (XENSTORE_RING_IDX)chunk;
		avail -= (XENSTORE_RING_IDX)chunk;
	}
	return (long)copied;
}

void ring_consume_requests(struct xenstore_domain_interface *intf, size_t n)
{
	barrier_full(); /* finish reading before the guest may overwrite */
	__atomic_store_n(&intf->req_cons, intf->req_cons + (XENSTORE_RING_IDX)n,
			 __ATOMIC_RELEASE);
}

long ring_write_responses(struct xenstore_domain_interface *intf, const char *buf,
			  size_t len)
{
	XENSTORE_RING_IDX cons = load(&intf->rsp_cons), prod = load(&intf->rsp_prod);
	XENSTORE_RING_IDX used = prod - cons;
	size_t written = 0;

	if (used > XENSTORE_RING_SIZE) {
		intf->error = XENSTORE_ERROR_RINGIDX;
		return -1;
	}
	barrier_full();
	while (written < len && used < XENSTORE_RING_SIZE) {
		size_t off = MASK_XENSTORE_IDX(prod);
		size_t chunk = XENSTORE_RING_SIZE - off;
		size_t space = XENSTORE_RING_SIZE - used;

		if (chunk > space)
			chunk = space;
		if (chunk > len - written)
			chunk = len - written;
		memcpy(intf->rsp + off, buf + written, chunk);
		written += chunk;
		prod += (XENSTORE_RING_IDX)chunk;
		used += (XENSTORE_RING_IDX)chunk;
	}
	barrier_full(); /* data before the index the guest reads */
	__atomic_store_n(&intf->rsp_prod, prod, __ATOMIC_RELEASE);
	return (long)written;
}
