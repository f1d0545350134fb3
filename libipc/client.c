// SPDX-License-Identifier: MIT
/* libipc client side on this kernel. */
#include <errno.h>
#include <string.h>
#include "ipc.h"
#include "uk_syscall.h"
#include "abi/syscall.h"

static long sys_call(int conn, unsigned flags, const struct ipc_call_args *a)
{
	return uk_syscall5(UK_SYS_ipc_call, conn, flags, (long)a, 0, 0);
}

int ipc_connect(struct ipc_client *c, int ep_slot)
{
	uint64_t ring = 0;
	long slot = uk_syscall5(UK_SYS_ipc_connect, ep_slot, (long)&ring, 0, 0, 0);
	if (slot < 0)
		return (int)slot;
	c->conn = (int)slot;
	c->seq = 0;
	return ipc_ring_attach(&c->ring, (void *)ring);
}

/* Fills the next submission slot; NULL when the ring is full. The index
 * arithmetic is spelled out: this is the fused call's path. */
static struct ipc_slot *prepare(struct ipc_client *c, uint32_t op, const void *req, size_t len)
{
	struct ipc_ring_hdr *h = c->ring.hdr;
	uint32_t tail = ipc__load_own(&h->sq.tail);
	if (tail - ipc__load_peer(&h->sq.head) >= IPC_RING_SLOTS)
		return NULL;
	struct ipc_slot *s = &c->ring.sq[tail & IPC_RING_MASK];
	s->seq = ipc_seq_next(&c->seq);
	s->op = op;
	s->len = (uint16_t)len;
	s->flags = 0;
	if (len)
		memcpy(s->data, req, len);
	return s;
}

/* Takes the completion of seq (calls are synchronous, so it is the next). */
static int finish(struct ipc_client *c, uint64_t seq, void *reply, size_t *rlen)
{
	struct ipc_ring_hdr *h = c->ring.hdr;
	uint32_t head = ipc__load_own(&h->cq.head);
	if (ipc__load_peer(&h->cq.tail) == head)
		return -EPROTO;
	const struct ipc_slot *done = &c->ring.cq[head & IPC_RING_MASK];
	if (done->seq != seq)
		return -EPROTO;
	int status = done->status;
	if (rlen) {
		size_t n = done->len < *rlen ? done->len : *rlen;
		if (n)
			memcpy(reply, done->data, n);
		*rlen = n;
	}
	ipc__publish(&h->cq.head, head + 1);
	return status;
}

static int call(struct ipc_client *c, uint32_t op, const void *req, size_t len, unsigned flags,
		const struct ipc_call_args *a, void *reply, size_t *rlen)
{
	if (len > IPC_INLINE_MAX)
		return -EMSGSIZE;
	struct ipc_slot *s = prepare(c, op, req, len);
	if (!s)
		return -EAGAIN;
	uint64_t seq = s->seq;
	if (!(flags & IPC_CALL_GRANT))  /* a grant is published by the kernel */
		ipc__publish(&c->ring.hdr->sq.tail, ipc__load_own(&c->ring.hdr->sq.tail) + 1);
	long r = sys_call(c->conn, flags | IPC_CALL_SUBMIT | IPC_CALL_WAIT, a);
	if (r < 0)
		return (int)r;
	return finish(c, seq, reply, rlen);
}

int ipc_call(struct ipc_client *c, uint32_t op, const void *req, size_t len, void *reply,
	     size_t *rlen)
{
	return call(c, op, req, len, 0, NULL, reply, rlen);
}

int ipc_call_grant(struct ipc_client *c, uint32_t op, const void *req, size_t len, void *buf,
		   size_t buflen, bool writable, void *reply, size_t *rlen)
{
	if (len > IPC_INLINE_MAX - sizeof(struct ipc_grant_ref))
		return -EMSGSIZE;
	uint8_t shifted[IPC_INLINE_MAX] = { 0 };
	memcpy(shifted + sizeof(struct ipc_grant_ref), req, len);
	struct ipc_call_args a = { .grant_addr = (uint64_t)buf, .grant_len = buflen,
				   .grant_writable = writable };
	return call(c, op, shifted, len + sizeof(struct ipc_grant_ref), IPC_CALL_GRANT, &a, reply,
		    rlen);
}

int ipc_call_cap(struct ipc_client *c, uint32_t op, const void *req, size_t len, int cap_slot,
		 void *reply, size_t *rlen)
{
	struct ipc_call_args a = { .cap_slot = cap_slot };
	return call(c, op, req, len, IPC_CALL_CAP, &a, reply, rlen);
}

int64_t ipc_send(struct ipc_client *c, uint32_t op, const void *req, size_t len)
{
	struct ipc_slot *s = len > IPC_INLINE_MAX ? NULL : prepare(c, op, req, len);
	if (!s)
		return len > IPC_INLINE_MAX ? -EMSGSIZE : -EAGAIN;
	uint64_t seq = s->seq;
	ipc_sq_submit(&c->ring, 1);
	if (ipc_ring_client_should_notify(&c->ring)) {
		long r = sys_call(c->conn, IPC_CALL_SUBMIT, NULL);
		if (r < 0)
			return r;
	}
	return (int64_t)seq;
}

int ipc_reap(struct ipc_client *c, unsigned min, ipc_reap_fn fn, void *arg)
{
	unsigned n = 0;
	for (;;) {
		struct ipc_slot *done;
		while ((done = ipc_cq_peek(&c->ring))) {
			if (fn)
				fn(done, arg);
			ipc_cq_release(&c->ring, 1);
			n++;
		}
		if (n >= min)
			return (int)n;
		ipc_ring_set_waiting(&c->ring, IPC_SIDE_CLIENT, true);
		long r = ipc_cq_ready(&c->ring) ? 0 : sys_call(c->conn, IPC_CALL_SUBMIT | IPC_CALL_WAIT, NULL);
		ipc_ring_set_waiting(&c->ring, IPC_SIDE_CLIENT, false);
		if (r < 0)
			return (int)r;
	}
}
