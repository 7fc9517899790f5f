/* The backend's side of a blkif shared ring (the io/ring.h protocol).
 * Everything in the shared page can change under us: indexes are read
 * once, checked, and each request is copied out before it is looked at. */
#include <errno.h>
#include <string.h>

#include "qdisk.h"

#define HEADER_BYTES offsetof(struct blkif_sring, ring)

int qdisk_ring_attach(struct qdisk_ring *r, void *sring, size_t bytes)
{
	size_t n = bytes > HEADER_BYTES ? (bytes - HEADER_BYTES) / sizeof(union blkif_sring_entry) : 0;
	uint32_t size = 1;

	if (n == 0)
		return -EINVAL;
	while ((size_t)size * 2 <= n)
		size *= 2;
	/* The frontend initialised the indexes; take over where it stands. */
	r->sring = sring;
	r->size = size;
	r->req_cons = __atomic_load_n(&r->sring->rsp_prod, __ATOMIC_ACQUIRE);
	r->rsp_prod_pvt = r->req_cons;
	return 0;
}

static void respond(struct qdisk_ring *r, const struct blkif_request *req, int16_t status)
{
	struct blkif_response rsp = { .id = req->id, .operation = req->operation,
				      .status = status };

	memcpy(&r->sring->ring[r->rsp_prod_pvt & (r->size - 1)].rsp, &rsp, sizeof(rsp));
	r->rsp_prod_pvt++;
}

/* Publishes the responses; true if the frontend's rsp_event asks for an event. */
static bool push_responses(struct qdisk_ring *r)
{
	uint32_t old = r->sring->rsp_prod, new = r->rsp_prod_pvt;

	__atomic_store_n(&r->sring->rsp_prod, new, __ATOMIC_RELEASE);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return (uint32_t)(new - __atomic_load_n(&r->sring->rsp_event, __ATOMIC_RELAXED)) <
	       (uint32_t)(new - old);
}

int qdisk_ring_run(struct qdisk_ring *r, qdisk_serve_fn *serve, void *ctx)
{
	/* A frontend that never stops producing must not starve the others. */
	unsigned int budget = 4 * r->size;
	bool notify = false;

	r->more = false;
	for (;;) {
		uint32_t prod = __atomic_load_n(&r->sring->req_prod, __ATOMIC_ACQUIRE);

		/* More unanswered requests than slots: the index is garbage. */
		if ((uint32_t)(prod - r->rsp_prod_pvt) > r->size)
			return -EPROTO;
		while (r->req_cons != prod) {
			struct blkif_request req;

			if (budget-- == 0) {
				r->more = true;
				return push_responses(r) || notify;
			}
			memcpy(&req, &r->sring->ring[r->req_cons & (r->size - 1)].req, sizeof(req));
			r->req_cons++;
			respond(r, &req, serve(ctx, &req));
		}
		if (push_responses(r))
			notify = true;
		/* Ask for an event on the next request, then look once more so a
		 * request that came meanwhile is not left waiting for one. */
		__atomic_store_n(&r->sring->req_event, r->req_cons + 1, __ATOMIC_RELAXED);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (__atomic_load_n(&r->sring->req_prod, __ATOMIC_ACQUIRE) == r->req_cons)
			return notify;
	}
}
