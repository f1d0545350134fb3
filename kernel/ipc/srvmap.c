// SPDX-License-Identifier: MIT
/* The server's view of its connections. Each served endpoint has one area
 * (the arena) in the server: IPC_EP_MAX_CONNS slots of SRVMAP_SPAN bytes,
 * connection id i at arena + i * SRVMAP_SPAN, holding its ring (3 pages),
 * its grant table (1 page, read-only) and, for a forwarding connection,
 * its bounce area (16 pages). One area instead of a mapping per
 * connection: however many clients, the server spends one of its areas,
 * and each ring has a fixed place. The kernel maps these pages itself:
 * the area is VMA_KERNEL, so the server can neither unmap nor re-protect
 * it, and a touch of an empty slot is a fault, not fresh memory. A
 * successor's arena goes at the same address when that range is free, so
 * the pointers inside requests left in the rings stay valid. */
#include "abi/errno.h"
#include "ipc/ipc_internal.h"
#include "mm/frame.h"
#include "mm/paging.h"
#include "proc/proc.h"
#include "proc/uvm.h"

#define SRVMAP_SPAN (32 * PAGE_SIZE)
#define SRVMAP_BYTES ((uint64_t)IPC_EP_MAX_CONNS * SRVMAP_SPAN)
_Static_assert(IPC_SERVER_RING_BYTES + FWD_BOUNCE_BYTES <= SRVMAP_SPAN, "a slot holds a connection");

static void unmap_slot(struct proc *srv, virt_t arena, int id)
{
	if (srv && srv->pml4 && arena)
		proc_unmap_range(srv, arena + (virt_t)id * SRVMAP_SPAN,
				 arena + (virt_t)(id + 1) * SRVMAP_SPAN);
}

long srvmap_claim(struct ipc_endpoint *ep, struct proc *p)
{
	if (ep->arena_owner != p) {
		virt_t hint = ep->arena;
		if (!hint || !vma_range_free(&p->vmas, hint, hint + SRVMAP_BYTES))
			hint = vma_find_free(&p->vmas, SRVMAP_BYTES, 0);
		if (!hint || vma_insert(&p->vmas, hint, hint + SRVMAP_BYTES,
					VMA_PROT_READ | VMA_PROT_WRITE, VMA_SHARED | VMA_KERNEL) < 0)
			return -ENOMEM;
		ep->arena = hint;
		ep->arena_owner = p;
	}
	for (size_t w = 0; ep->nstale && w < ARRAY_SIZE(ep->stale); w++) {
		while (ep->stale[w]) {
			int bit = __builtin_ctzll(ep->stale[w]);
			ep->stale[w] &= ep->stale[w] - 1;
			ep->nstale--;
			unmap_slot(p, ep->arena, (int)w * 64 + bit);
		}
	}
	return 0;
}

/* Maps n frames at va in the server: counted references unless bounce
 * (one kernel block whose frames carry none); the last ring frame, the
 * grant table, read-only. */
static bool map_pages(struct proc *srv, virt_t va, const phys_t *frames, size_t n, bool bounce)
{
	for (size_t i = 0; i < n; i++) {
		bool table = !bounce && i == n - 1;
		uint64_t flags = uvm_pte_flags(table ? VMA_PROT_READ : VMA_PROT_READ | VMA_PROT_WRITE);
		if (pt_map(srv->pml4, va + i * PAGE_SIZE, frames[i], flags | (bounce ? PTE_SHARED : 0)) < 0)
			return false;
		if (!bounce)
			frame_ref(frames[i]);
		srv->rss_pages++;
	}
	return true;
}

virt_t srvmap_conn(struct ipc_conn *c)
{
	struct ipc_endpoint *ep = c->ep;
	struct proc *srv = ep->server;
	if (c->server_va)
		return c->server_va;
	if (!srv || srv->state != PROC_ALIVE || ep->arena_owner != srv)
		return 0;
	virt_t va = ep->arena + (virt_t)c->id * SRVMAP_SPAN;
	bool ok = map_pages(srv, va, c->frames, IPC_CONN_FRAMES, false);
	if (ok && c->bounce) {
		phys_t pages[FWD_BOUNCE_PAGES];
		for (unsigned i = 0; i < FWD_BOUNCE_PAGES; i++)
			pages[i] = c->bounce + i * PAGE_SIZE;
		ok = map_pages(srv, va + IPC_SERVER_RING_BYTES, pages, FWD_BOUNCE_PAGES, true);
	}
	if (!ok) {
		unmap_slot(srv, ep->arena, c->id);
		return 0;
	}
	c->server_va = va;
	c->bounce_va = c->bounce ? va + IPC_SERVER_RING_BYTES : 0;
	c->announced = false;
	return va;
}

void srvmap_unmap(struct ipc_conn *c)
{
	if (c->server_va && c->ep->arena_owner == c->ep->server)
		unmap_slot(c->ep->server, c->ep->arena, c->id);
	c->server_va = c->bounce_va = 0;
}

void srvmap_defer_unmap(struct ipc_conn *c)
{
	struct ipc_endpoint *ep = c->ep;
	if (c->server_va && ep->server && ep->arena_owner == ep->server) {
		ep->stale[c->id / 64] |= 1ull << (c->id % 64);
		ep->nstale++;
	}
	c->server_va = c->bounce_va = 0;
}

void srvmap_server_gone(struct ipc_endpoint *ep)
{
	ep->arena_owner = NULL;
	for (size_t i = 0; i < ARRAY_SIZE(ep->stale); i++)
		ep->stale[i] = 0;
	ep->nstale = 0;
	for (int id = 0; id < IPC_EP_MAX_CONNS; id++)
		if (ep->conns[id])
			ep->conns[id]->server_va = ep->conns[id]->bounce_va = 0;
}
