// SPDX-License-Identifier: MIT
/* Creating and attaching a fusion ring; the index operations are inline
 * in ring.h. */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include "ring.h"

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
	if (ipc__load_peer(&h->sq.tail) - ipc__load_peer(&h->sq.head) > IPC_RING_SLOTS ||
	    ipc__load_peer(&h->cq.tail) - ipc__load_peer(&h->cq.head) > IPC_RING_SLOTS)
		return -EINVAL;
	r->hdr = h;
	r->sq = (struct ipc_slot *)((char *)region + IPC_RING_PAGE);
	r->cq = (struct ipc_slot *)((char *)region + 2 * IPC_RING_PAGE);
	return 0;
}
