// SPDX-License-Identifier: MIT
/* Grants and capability passing for endpoint.c. */
#include "abi/errno.h"
#include "ipc/endpoint.h"
#include "ipc/grant.h"
#include "mm/frame.h"
#include "mm/paging.h"
#include "mm/slab.h"
#include "mm/uaccess.h"
#include "proc/proc.h"
#include "proc/uvm.h"
#include "lib/string.h"


struct ipc_grant {
	struct ipc_grant *next;
	uint64_t seq;
	int slot;                /* its entry in the grant table, or -1 (forwarded calls) */
	size_t npages;
	virt_t server_va;
	struct proc *server;
	phys_t frames[];
};

/* Clears g's entry in the grant table: the server can no longer name it. */
static void forget_entry(struct ipc_conn *c, const struct ipc_grant *g)
{
	struct ipc_grant_entry *e = g->slot >= 0 ? &c->gtab[g->slot] : NULL;
	if (e && e->seq == g->seq)
		__atomic_store_n(&e->seq, 0, __ATOMIC_RELEASE);
}

static void grant_free(struct ipc_conn *c, struct ipc_grant *g)
{
	forget_entry(c, g);
	if (g->server_va && g->server && g->server->pml4)
		uvm_unmap_region(g->server, g->server_va, g->npages * PAGE_SIZE);
	for (size_t i = 0; i < g->npages; i++)
		if (!(g->frames[i] & UVM_FRAME_NOREF))
			frame_unref(g->frames[i]);
	kfree(g);
}

/* One frame of zeros the kernel keeps for good: lent, read-only, for a
 * page the lender never touched (Linux's zero page), so that lending a
 * large untouched buffer costs no memory. FRAME_NONE if none could be had. */
static phys_t zero_frame(void)
{
	static phys_t z = FRAME_NONE;
	if (z == FRAME_NONE)
		z = frame_alloc_zeroed();
	return z;
}

/* The frame behind one page of the lender, present and (for a writable
 * grant) its own: a copy-on-write page is copied first, or the borrower
 * would write into memory another process still sees. A read of an
 * anonymous page never touched lends the zero frame. FRAME_NONE if the
 * page cannot be lent. */
static phys_t lendable_frame(struct proc *p, virt_t va, bool writable)
{
	const struct vma *v = vma_find(&p->vmas, va);
	if (!v || (writable && !(v->prot & VMA_PROT_WRITE)) || !(v->prot & VMA_PROT_READ))
		return FRAME_NONE;
	uint64_t *pte = pt_lookup(p->pml4, va);
	if (!pte && !writable && (v->flags & VMA_ANON) && !v->obj && zero_frame() != FRAME_NONE)
		return zero_frame();
	bool fault = !pte || (writable && ((*pte & PTE_COW) || !(*pte & PTE_W)));
	if (fault && (uvm_fault(p, va, writable, false) < 0 || !(pte = pt_lookup(p->pml4, va))))
		return FRAME_NONE;
	if (writable && !(*pte & PTE_W))
		return FRAME_NONE;
	return *pte & PTE_ADDR;
}

/* Faults in and references the n pages from start; g->npages counts the
 * pages pinned so far, so that a failure can undo exactly those. A frame
 * that cannot be referenced is lent only if it is permanent (the initrd's
 * reserved frames, recorded with UVM_FRAME_NOREF); anything else the
 * lender maps but does not own (part of a kernel block) is refused. */
static long pin(struct proc *p, struct ipc_grant *g, virt_t start, size_t n, bool writable)
{
	for (size_t i = 0; i < n; i++) {
		phys_t pa = lendable_frame(p, start + i * PAGE_SIZE, writable);
		if (pa == FRAME_NONE)
			return -EFAULT;
		int r = frame_try_ref(pa);
		if (r < 0 || (r == 0 && writable))
			return -EFAULT;
		g->frames[i] = pa | (r == 0 ? UVM_FRAME_NOREF : 0);
		g->npages = i + 1;
	}
	return 0;
}

long grant_publish(struct proc *client, struct ipc_conn *c, const struct ipc_call_args *a)
{
	struct ipc_ring_hdr *h = c->ring.hdr;
	struct proc *srv = c->ep->server;
	if (!srv)
		return -EAGAIN;
	if (!a->grant_len || a->grant_len > IPC_GRANT_MAX || !user_range_ok(a->grant_addr, a->grant_len))
		return -EINVAL;
	if (h->sq.tail - h->sq.head >= IPC_RING_SLOTS)
		return -ENOSPC;
	virt_t start = ALIGN_DOWN(a->grant_addr, PAGE_SIZE);
	size_t npages = (ALIGN_UP(a->grant_addr + a->grant_len, PAGE_SIZE) - start) / PAGE_SIZE;
	struct ipc_grant *g = kmalloc(sizeof(*g) + npages * sizeof(phys_t));
	if (!g)
		return -ENOMEM;
	g->npages = 0;
	g->slot = -1;
	long err = pin(client, g, start, npages, a->grant_writable);
	uint32_t prot = VMA_PROT_READ | (a->grant_writable ? VMA_PROT_WRITE : 0);
	if (!err && !(g->server_va = uvm_map_frames(srv, g->frames, npages, prot, true)))
		err = -ENOMEM;
	if (err) {
		g->server_va = 0;
		grant_free(c, g);
		return err;
	}
	g->server = srv;
	g->slot = (int)(h->sq.tail & IPC_RING_MASK);
	struct ipc_slot *s = &c->ring.sq[g->slot];
	struct ipc_grant_ref ref = { g->server_va + (a->grant_addr - start), (uint32_t)a->grant_len,
				     a->grant_writable ? 1 : 0 };
	memcpy(s->data, &ref, sizeof(ref));
	s->flags |= IPC_F_GRANT;
	g->seq = __atomic_load_n(&s->seq, __ATOMIC_RELAXED);  /* the client may change it: read once */
	c->gtab[g->slot] = (struct ipc_grant_entry){ 0, ref.addr, ref.len, ref.writable, 0 };
	__atomic_store_n(&c->gtab[g->slot].seq, g->seq, __ATOMIC_RELEASE);
	g->next = c->grants;
	c->grants = g;
	__atomic_store_n(&h->sq.tail, h->sq.tail + 1, __ATOMIC_RELEASE);
	return 0;
}

static void release_seq(struct ipc_conn *c, uint64_t seq)
{
	for (struct ipc_grant **pp = &c->grants; *pp;) {
		struct ipc_grant *g = *pp;
		if (g->seq == seq) {
			*pp = g->next;
			grant_free(c, g);
		} else {
			pp = &g->next;
		}
	}
}

void grant_reap(struct ipc_conn *c)
{
	uint32_t tail = __atomic_load_n(&c->ring.hdr->cq.tail, __ATOMIC_ACQUIRE);
	if (!c->grants) {
		c->cq_scan = tail;
		return;
	}
	/* The server writes these indices: never look at more than a ring's worth. */
	uint32_t n = tail - c->cq_scan;
	if (n > IPC_RING_SLOTS)
		n = IPC_RING_SLOTS;
	for (uint32_t i = tail - n; i != tail; i++)
		release_seq(c, c->ring.cq[i & IPC_RING_MASK].seq);
	c->cq_scan = tail;
}

void grant_release_all(struct ipc_conn *c)
{
	while (c->grants) {
		struct ipc_grant *g = c->grants;
		c->grants = g->next;
		grant_free(c, g);
	}
}

void grant_server_gone(struct ipc_conn *c)
{
	for (struct ipc_grant *g = c->grants; g; g = g->next) {
		forget_entry(c, g);  /* a successor does not have the mapping */
		g->server_va = 0;
		g->server = NULL;
	}
}

long grant_pass_cap(struct proc *client, struct ipc_conn *c, int slot)
{
	int err;
	struct proc *srv = c->ep->server;
	if (!srv)
		return -EAGAIN;
	if (c->pending_cap >= 0)
		return -EBUSY;
	struct cap *src = cap_lookup(&client->caps, slot, CAP_NULL, CAP_R_GRANT, &err);
	if (!src)
		return err;
	int dst = cap_derive(&srv->caps, src, src->rights, 0, false);
	if (dst < 0)
		return dst;
	endpoint_cap_added(&srv->caps.slots[dst]);
	c->pending_cap = dst;
	return 0;
}

long grant_map_for_kernel(struct ipc_conn *c, uint64_t uaddr, size_t len, bool writable,
			  uint64_t *server_addr)
{
	struct proc *srv = c->ep->server;
	virt_t start = ALIGN_DOWN(uaddr, PAGE_SIZE);
	size_t npages = (ALIGN_UP(uaddr + len, PAGE_SIZE) - start) / PAGE_SIZE;
	struct ipc_grant *g = kmalloc(sizeof(*g) + npages * sizeof(phys_t));
	if (!g)
		return -ENOMEM;
	g->npages = 0;
	g->slot = -1;
	long err = pin(c->client, g, start, npages, writable);
	uint32_t prot = VMA_PROT_READ | (writable ? VMA_PROT_WRITE : 0);
	if (!err && !(g->server_va = uvm_map_frames(srv, g->frames, npages, prot, true)))
		err = -ENOMEM;
	if (err) {
		g->server_va = 0;
		grant_free(c, g);
		return err;
	}
	g->server = srv;
	g->seq = 0;
	g->next = c->grants;
	c->grants = g;
	*server_addr = g->server_va + (uaddr - start);
	return 0;
}
