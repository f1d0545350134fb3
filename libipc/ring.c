// SPDX-License-Identifier: MIT
/* The fusion ring's index arithmetic and memory ordering (see ring.h).
 *
 * Each side loads the index it owns relaxed and the peer's with acquire; it
 * publishes with a release store. Acquire on the peer's tail makes the slot
 * contents it wrote visible; acquire on the peer's head makes sure the peer
 * has finished reading a slot before it is overwritten. The waiting flags
 * add a full fence on both sides (Dekker): either the sleeper sees the new
 * index or the producer sees the flag. */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include "ring.h"

static uint32_t load_own(volatile uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static uint32_t load_peer(volatile uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static void publish(volatile uint32_t *p, uint32_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELEASE);
}

/* Entries between head and tail, clamped so that a corrupt index cannot
 * make a caller walk more than one ring's worth of slots. */
static unsigned used(uint32_t head, uint32_t tail)
{
	uint32_t n = tail - head;
	return n > IPC_RING_SLOTS ? IPC_RING_SLOTS : n;
}

static unsigned min_u(unsigned a, unsigned b)
{
	return a < b ? a : b;
}

void ipc_ring_init(void *region)
{
	struct ipc_ring_hdr *h = region;
	memset(region, 0, IPC_RING_BYTES);
	h->slots = IPC_RING_SLOTS;
	__atomic_store_n(&h->magic, IPC_RING_MAGIC, __ATOMIC_RELEASE);
}

int ipc_ring_attach(struct ipc_ring *r, void *region)
{
	struct ipc_ring_hdr *h = region;
	if (!region || ((uintptr_t)region & (IPC_RING_PAGE - 1)))
		return -EINVAL;
	if (__atomic_load_n(&h->magic, __ATOMIC_ACQUIRE) != IPC_RING_MAGIC ||
	    h->slots != IPC_RING_SLOTS)
		return -EINVAL;
	if (load_peer(&h->sq.tail) - load_peer(&h->sq.head) > IPC_RING_SLOTS ||
	    load_peer(&h->cq.tail) - load_peer(&h->cq.head) > IPC_RING_SLOTS)
		return -EINVAL;
	r->hdr = h;
	r->sq = (struct ipc_slot *)((char *)region + IPC_RING_PAGE);
	r->cq = (struct ipc_slot *)((char *)region + 2 * IPC_RING_PAGE);
	return 0;
}

/* ---- client: submissions ---- */

/* Returns how many slots the client may reserve. */
unsigned ipc_sq_space(struct ipc_ring *r)
{
	struct ipc_ring_idx *q = &r->hdr->sq;
	return IPC_RING_SLOTS - used(load_peer(&q->head), load_own(&q->tail));
}

/* Returns the i-th free submission slot; the caller has checked the space. */
struct ipc_slot *ipc_sq_free_slot(struct ipc_ring *r, unsigned i)
{
	return &r->sq[(load_own(&r->hdr->sq.tail) + i) & IPC_RING_MASK];
}

/* Returns the i-th free submission slot past the tail, or NULL if the ring
 * has no room for it. */
struct ipc_slot *ipc_sq_reserve_at(struct ipc_ring *r, unsigned i)
{
	return i < ipc_sq_space(r) ? ipc_sq_free_slot(r, i) : NULL;
}

/* Returns the next free submission slot, or NULL when the ring is full. */
struct ipc_slot *ipc_sq_reserve(struct ipc_ring *r)
{
	return ipc_sq_reserve_at(r, 0);
}

/* Publishes the first n reserved slots (n is clamped to the free space). */
void ipc_sq_submit(struct ipc_ring *r, unsigned n)
{
	n = min_u(n, ipc_sq_space(r));
	publish(&r->hdr->sq.tail, load_own(&r->hdr->sq.tail) + n);
}

/* ---- client: completions ---- */

/* Returns how many completions wait to be reaped. */
unsigned ipc_cq_ready(struct ipc_ring *r)
{
	struct ipc_ring_idx *q = &r->hdr->cq;
	return used(load_own(&q->head), load_peer(&q->tail));
}

/* Returns the i-th unreaped completion; the caller has checked it is ready. */
struct ipc_slot *ipc_cq_ready_slot(struct ipc_ring *r, unsigned i)
{
	return &r->cq[(load_own(&r->hdr->cq.head) + i) & IPC_RING_MASK];
}

/* Returns the i-th unreaped completion, or NULL past the last. */
struct ipc_slot *ipc_cq_peek_at(struct ipc_ring *r, unsigned i)
{
	return i < ipc_cq_ready(r) ? ipc_cq_ready_slot(r, i) : NULL;
}

/* Returns the oldest unreaped completion, or NULL when there is none. */
struct ipc_slot *ipc_cq_peek(struct ipc_ring *r)
{
	return ipc_cq_peek_at(r, 0);
}

/* Gives the n oldest completion slots back to the server (clamped). */
void ipc_cq_release(struct ipc_ring *r, unsigned n)
{
	n = min_u(n, ipc_cq_ready(r));
	publish(&r->hdr->cq.head, load_own(&r->hdr->cq.head) + n);
}

/* ---- server ---- */

/* Returns how many requests are submitted and not yet completed. */
unsigned ipc_sq_pending(struct ipc_ring *r)
{
	struct ipc_ring_idx *q = &r->hdr->sq;
	return used(load_own(&q->head), load_peer(&q->tail));
}

/* Returns the i-th request not yet completed; the caller has checked that
 * it is pending. */
struct ipc_slot *ipc_sq_pending_slot(struct ipc_ring *r, unsigned i)
{
	return &r->sq[(load_own(&r->hdr->sq.head) + i) & IPC_RING_MASK];
}

/* Returns the i-th request not yet completed, or NULL past the tail. */
struct ipc_slot *ipc_sq_peek_at(struct ipc_ring *r, unsigned i)
{
	return i < ipc_sq_pending(r) ? ipc_sq_pending_slot(r, i) : NULL;
}

/* Returns how many completions the server may reserve. */
unsigned ipc_cq_space(struct ipc_ring *r)
{
	struct ipc_ring_idx *q = &r->hdr->cq;
	return IPC_RING_SLOTS - used(load_peer(&q->head), load_own(&q->tail));
}

/* Returns the i-th free completion slot; the caller has checked the space. */
struct ipc_slot *ipc_cq_free_slot(struct ipc_ring *r, unsigned i)
{
	return &r->cq[(load_own(&r->hdr->cq.tail) + i) & IPC_RING_MASK];
}

/* Returns the i-th free completion slot, or NULL if the ring has no room. */
struct ipc_slot *ipc_cq_reserve_at(struct ipc_ring *r, unsigned i)
{
	return i < ipc_cq_space(r) ? ipc_cq_free_slot(r, i) : NULL;
}

/* Returns the next free completion slot, or NULL when the ring is full. */
struct ipc_slot *ipc_cq_reserve(struct ipc_ring *r)
{
	return ipc_cq_reserve_at(r, 0);
}

/* Publishes n completions, then retires the n oldest requests they answer.
 * n is clamped to both the free completion space and the pending requests.
 * The server must be done reading those requests. */
void ipc_cq_post(struct ipc_ring *r, unsigned n)
{
	n = min_u(n, min_u(ipc_cq_space(r), ipc_sq_pending(r)));
	publish(&r->hdr->cq.tail, load_own(&r->hdr->cq.tail) + n);
	publish(&r->hdr->sq.head, load_own(&r->hdr->sq.head) + n);
}

/* Retires the n oldest requests without a completion (IPC_F_ONEWAY). */
void ipc_sq_retire(struct ipc_ring *r, unsigned n)
{
	n = min_u(n, ipc_sq_pending(r));
	publish(&r->hdr->sq.head, load_own(&r->hdr->sq.head) + n);
}

/* ---- waking ---- */

/* Returns the word a side sleeps on (futex word on the host). */
volatile uint32_t *ipc_ring_waiting_word(struct ipc_ring *r, enum ipc_side side)
{
	return side == IPC_SIDE_SERVER ? &r->hdr->server_waiting : &r->hdr->client_waiting;
}

/* Setting the flag is followed by a full fence: the caller's re-check of the
 * ring that follows cannot be ordered before the flag is visible. */
void ipc_ring_set_waiting(struct ipc_ring *r, enum ipc_side side, bool waiting)
{
	volatile uint32_t *w = ipc_ring_waiting_word(r, side);
	if (!waiting) {
		__atomic_store_n(w, 0, __ATOMIC_RELAXED);
		return;
	}
	__atomic_store_n(w, 1, __ATOMIC_SEQ_CST);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/* Returns true if the peer sleeping on w must be woken; clears its flag so
 * that exactly one notifier wakes it and a sleep that races with us fails. */
static bool should_notify(volatile uint32_t *w)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (__atomic_load_n(w, __ATOMIC_RELAXED) == 0)
		return false;
	return __atomic_exchange_n(w, 0, __ATOMIC_ACQ_REL) != 0;
}

/* Called by the client after it submitted or released: wake the server? */
bool ipc_ring_client_should_notify(struct ipc_ring *r)
{
	return should_notify(&r->hdr->server_waiting);
}

/* Called by the server after it posted or retired: wake the client? */
bool ipc_ring_server_should_notify(struct ipc_ring *r)
{
	return should_notify(&r->hdr->client_waiting);
}
