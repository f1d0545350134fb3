// SPDX-License-Identifier: MIT
/* Native calls for capabilities, endpoints, notifications, memory objects
 * and hardware capabilities: decode (slots, types, rights, user memory),
 * then call the object's code. */
#include "abi/errno.h"
#include "cpu.h"
#include "ipc/endpoint.h"
#include "ipc/hwcap.h"
#include "ipc/klog_ring.h"
#include "ipc/memobj.h"
#include "ipc/notif.h"
#include "ipc/syscap.h"
#include "mm/paging.h"
#include "mm/uaccess.h"
#include "proc/proc.h"
#include "proc/uvm.h"
#include "proc/uvm_obj.h"
#include "proc/signal.h"
#include "syscall/fwd.h"
#include "syscall/syscall.h"
#include "proto/fwd.h"
#include "proto/security.h"
#include "abi/syscall.h"

#define PROT_MASK 7


static struct cap_table *caps(void)
{
	return &proc_current()->caps;
}

/* Looks up slot in the caller's table; *err set on failure. */
static struct cap *get(uint64_t slot, enum cap_type type, uint32_t rights, int *err)
{
	if (slot >= CAP_SLOTS) {
		*err = CAP_EBADSLOT;
		return NULL;
	}
	return cap_lookup(caps(), (int)slot, type, rights, err);
}

/* Installs a new object's first capability and drops the creator's reference. */
static long install_new(struct kobj *obj, uint32_t rights)
{
	if (!obj)
		return -ENOMEM;
	int slot = cap_install(caps(), obj, rights, 0, 0, 0);
	if (slot >= 0 && obj->type == CAP_ENDPOINT)
		endpoint_cap_added(&caps()->slots[slot]);
	kobj_put(obj);
	return slot;
}

SYSCALL(uk_cap_copy)
{
	int err;
	struct cap *src = get(a0, CAP_NULL, 0, &err);
	if (!src)
		return err;
	int slot = cap_derive(caps(), src, (uint32_t)a1, a2, a3 & UK_CAP_SET_BADGE);
	if (slot >= 0)
		endpoint_cap_added(&caps()->slots[slot]);
	return slot;
}

/* A copy of src with rights in target's table: its slot, or an error. */
static int derive_into(struct proc *target, struct cap *src, uint32_t rights)
{
	int slot = cap_derive(&target->caps, src, rights, 0, false);
	if (slot >= 0)
		endpoint_cap_added(&target->caps.slots[slot]);
	return slot;
}

SYSCALL(uk_cap_grant)
{
	int err;
	struct cap *pc = get(a0, CAP_PROCESS, CAP_R_WRITE, &err);
	struct cap *src = pc ? get(a1, CAP_NULL, 0, &err) : NULL;
	if (!src)
		return err;
	struct proc *target = proc_by_pid((int)pc->arg0);
	if (!target || target->state != PROC_ALIVE)
		return -ESRCH;
	return derive_into(target, src, (uint32_t)a2);
}

SYSCALL(uk_cap_delete)
{
	return a0 < CAP_SLOTS ? cap_delete(caps(), (int)a0) : CAP_EBADSLOT;
}

SYSCALL(uk_cap_revoke)
{
	return a0 < CAP_SLOTS ? cap_revoke(caps(), (int)a0) : CAP_EBADSLOT;
}

SYSCALL(uk_cap_info)
{
	struct cap_info info;
	int err = a0 < CAP_SLOTS ? cap_info_get(caps(), (int)a0, &info) : CAP_EBADSLOT;
	return err ? err : copy_to_user(a1, &info, sizeof(info));
}

SYSCALL(uk_proc_cap)
{
	struct proc *child = proc_by_pid((int)a0);
	if (!child || child->parent != proc_current())
		return -ESRCH;
	return proc_cap_install(caps(), child);
}

SYSCALL(uk_proc_watch)
{
	int err;
	struct cap *pc = get(a0, CAP_PROCESS, CAP_R_READ, &err);
	struct cap *nc = pc ? get(a1, CAP_NOTIFICATION, CAP_R_WRITE, &err) : NULL;
	if (!nc)
		return err;
	if (!a2)
		return -EINVAL;
	return proc_watch((int)pc->arg0, (struct notif *)nc->obj, a2);
}

SYSCALL(uk_proc_kill)
{
	int err;
	struct cap *pc = get(a0, CAP_PROCESS, CAP_R_WRITE | CAP_R_MANAGE, &err);
	if (!pc)
		return err;
	struct proc *p = proc_by_pid((int)pc->arg0);
	if (!p || p->state != PROC_ALIVE)
		return -ESRCH;
	proc_kill(p, SIGKILL_NR);  /* wait status: killed by signal 9 */
	return 0;
}

SYSCALL(uk_endpoint_create)
{
	struct ipc_endpoint *ep = endpoint_create();
	return install_new(ep ? &ep->obj : NULL, CAP_R_ALL);
}

SYSCALL(uk_ipc_connect)
{
	int err;
	struct cap *ep = get(a0, CAP_ENDPOINT, CAP_R_WRITE, &err);
	if (!ep)
		return err;
	uint64_t ring = 0;
	long slot = ipc_connect(proc_current(), ep, &ring);
	if (slot >= 0 && copy_to_user(a1, &ring, sizeof(ring))) {
		cap_delete(caps(), (int)slot);
		return -EFAULT;
	}
	return slot;
}

SYSCALL(uk_ipc_call)
{
	int err;
	struct cap *c = get(a0, CAP_CONNECTION, CAP_R_WRITE, &err);
	if (!c)
		return err;
	struct ipc_call_args args = { 0 };
	if ((a1 & (IPC_CALL_GRANT | IPC_CALL_CAP)) && copy_from_user(&args, a2, sizeof(args)))
		return -EFAULT;
	return ipc_call(proc_current(), (struct ipc_conn *)c->obj, (unsigned)a1, &args);
}

static long finish_recv(long r, uint64_t uout, struct ipc_recv *out)
{
	if (r < 0)
		return r;
	return copy_to_user(uout, out, sizeof(*out));
}

SYSCALL(uk_ipc_receive)
{
	int err;
	struct cap *c = get(a0, CAP_ENDPOINT, CAP_R_READ, &err);
	if (!c)
		return err;
	if (!user_range_ok(a1, sizeof(struct ipc_recv)))
		return -EFAULT;
	struct ipc_recv out;
	long r = ipc_receive(proc_current(), (struct ipc_endpoint *)c->obj, &out, (unsigned)a2);
	return finish_recv(r, a1, &out);
}

SYSCALL(uk_ipc_reply)
{
	int err;
	struct cap *c = get(a0, CAP_ENDPOINT, CAP_R_READ, &err);
	if (!c)
		return err;
	if ((a3 & IPC_REPLY_RECEIVE) && !user_range_ok(a2, sizeof(struct ipc_recv)))
		return -EFAULT;
	struct ipc_recv out;
	long r = ipc_reply(proc_current(), (struct ipc_endpoint *)c->obj, (int)a1, &out,
			   (unsigned)a3);
	return (a3 & IPC_REPLY_RECEIVE) ? finish_recv(r, a2, &out) : r;
}

SYSCALL(uk_notif_create)
{
	struct notif *n = notif_create();
	return install_new(n ? &n->obj : NULL, CAP_R_ALL);
}

SYSCALL(uk_notif_signal)
{
	int err;
	struct cap *c = get(a0, CAP_NOTIFICATION, CAP_R_WRITE, &err);
	if (!c)
		return err;
	notif_signal((struct notif *)c->obj, a1);
	return 0;
}

SYSCALL(uk_notif_wait)
{
	int err;
	struct cap *c = get(a0, CAP_NOTIFICATION, CAP_R_READ, &err);
	if (!c)
		return err;
	uint64_t bits;
	long r = notif_wait((struct notif *)c->obj, a2 & UK_NOTIF_NONBLOCK, &bits);
	return r < 0 ? r : copy_to_user(a1, &bits, sizeof(bits));
}

SYSCALL(uk_irq_get)
{
	int err;
	struct cap *root = get(a0, CAP_IRQ, 0, &err);
	if (!root)
		return err;
	return cap_derive_range(caps(), root, root->rights, a1, 1);
}

SYSCALL(uk_irq_bind)
{
	int err;
	struct cap *irq = get(a0, CAP_IRQ, CAP_R_READ, &err);
	struct cap *nc = irq ? get(a1, CAP_NOTIFICATION, CAP_R_WRITE, &err) : NULL;
	if (!nc)
		return err;
	if (irq->arg1 != 1)
		return -EINVAL;  /* bind one line, not a range */
	return irq_bind((unsigned)irq->arg0, (struct notif *)nc->obj, a2);
}

SYSCALL(uk_irq_ack)
{
	int err;
	struct cap *irq = get(a0, CAP_IRQ, CAP_R_WRITE, &err);
	if (!irq)
		return err;
	return irq->arg1 == 1 ? irq_ack((unsigned)irq->arg0) : -EINVAL;
}

SYSCALL(uk_ioport_get)
{
	int err;
	struct cap *root = get(a0, CAP_IOPORT, 0, &err);
	if (!root)
		return err;
	return cap_derive_range(caps(), root, root->rights, a1, a2);
}

SYSCALL(uk_ioport_enable)
{
	int err;
	struct cap *io = get(a0, CAP_IOPORT, CAP_R_READ | CAP_R_WRITE, &err);
	if (!io)
		return err;
	return ioport_enable(proc_current(), (unsigned)io->arg0, (unsigned)io->arg1);
}

/* The rights a mapping with prot needs on a memory object. */
static uint32_t map_rights(uint32_t prot)
{
	return CAP_R_MAP | ((prot & 1) ? CAP_R_READ : 0) | ((prot & 2) ? CAP_R_WRITE : 0) |
	       ((prot & 4) ? CAP_R_EXEC : 0);
}

SYSCALL(uk_mem_create)
{
	struct memobj *m = memobj_create(a0);
	return install_new(m ? &m->obj : NULL, CAP_R_ALL);
}

SYSCALL(uk_mem_map)
{
	int err;
	uint32_t prot = (uint32_t)a2;
	if (prot & ~(uint32_t)PROT_MASK)
		return -EINVAL;
	struct cap *m = get(a0, CAP_MEMORY, map_rights(prot), &err);
	if (!m)
		return err;
	return memobj_map(proc_current(), (struct memobj *)m->obj, a1, prot);
}

/* The process whose forwarded call to the server of endpoint slot ep the
 * caller is serving: NULL (and *err) unless ep is a forwarding endpoint
 * the caller holds and pid has a call to it in progress. */
static struct proc *served_client(int ep, int64_t pid, long *err)
{
	struct cap *c = cap_lookup(caps(), ep, CAP_ENDPOINT, CAP_R_READ, NULL);
	int server = 0;
	for (int i = 1; c && i < FWD_NSERVERS; i++)
		if (c->obj == fwd_endpoint(i))
			server = i;
	struct proc *p = server ? proc_by_pid((int)pid) : NULL;
	*err = server ? -ESRCH : -EPERM;
	if (!p || p->state != PROC_ALIVE || p->exiting)
		return NULL;
	for (int i = 0; i < PROC_FWD_CONNS; i++)
		if (p->fwd[server].conn[i] && p->fwd[server].conn[i]->busy)
			return p;
	*err = -EPERM;  /* no call of it to this server: not the server's to touch */
	return NULL;
}

SYSCALL(uk_client_vm)
{
	struct uk_client_vm rq;
	if (copy_from_user(&rq, a1, sizeof(rq)))
		return -EFAULT;
	long err;
	struct proc *p = served_client((int)a0, rq.pid, &err);
	if (!p)
		return err;
	if (rq.op == UK_CLIENT_MAP) {
		if ((rq.prot & ~(uint32_t)PROT_MASK) || (rq.flags & ~(uint32_t)UK_CLIENT_FIXED))
			return -EINVAL;
		int e;
		struct cap *m = get(rq.mem_slot, CAP_MEMORY, map_rights(rq.prot), &e);
		if (!m)
			return e;
		return memobj_map_range(p, (struct memobj *)m->obj, rq.offset, rq.len, rq.addr, rq.prot,
					rq.flags & UK_CLIENT_FIXED);
	}
	if (rq.op == UK_CLIENT_UNMAP) {
		int e;
		struct cap *m = get(rq.mem_slot, CAP_MEMORY, CAP_R_MAP, &e);
		if (!m)
			return e;
		uint64_t len = ALIGN_UP(rq.len, PAGE_SIZE);
		if ((rq.addr & (PAGE_SIZE - 1)) || !len || rq.addr >= USER_TOP || len > USER_TOP - rq.addr)
			return -EINVAL;
		return uvm_obj_unmap(p, m->obj, rq.addr, rq.addr + len);
	}
	return -EINVAL;
}

SYSCALL(uk_mem_decommit)
{
	int err;
	struct cap *m = get(a0, CAP_MEMORY, CAP_R_WRITE, &err);
	if (!m)
		return err;
	struct memobj *o = (struct memobj *)m->obj;
	uint64_t len = ALIGN_UP(a2, PAGE_SIZE);
	if ((a1 & (PAGE_SIZE - 1)) || a1 / PAGE_SIZE > o->npages || len < a2 ||
	    len / PAGE_SIZE > o->npages - a1 / PAGE_SIZE)
		return -EINVAL;
	uvm_obj_zap(proc_current(), m->obj, a1 / PAGE_SIZE, len / PAGE_SIZE);
	memobj_decommit(o, a1 / PAGE_SIZE, len / PAGE_SIZE);
	return 0;
}

/* An opaque, per-boot identity of the frame behind addr (so tests can tell
 * that two mappings share memory) without revealing physical addresses. */
SYSCALL(uk_vm_frame_id)
{
	static uint64_t secret;
	if (!secret)
		secret = (rdtsc() | 1) * 0x9E3779B97F4A7C15ull;
	struct proc *p = proc_current();
	uint64_t *pte = user_range_ok(a0, 1) ? pt_lookup(p->pml4, ALIGN_DOWN(a0, PAGE_SIZE)) : NULL;
	if (!pte)
		return -EFAULT;
	return (long)((((*pte & PTE_ADDR) >> PAGE_SHIFT) ^ secret) & 0x7FFFFFFFFFFFull);
}

SYSCALL(uk_fwd_register)
{
	int err;
	if (!syscap_held(proc_current(), CAP_R_WRITE))
		return -EPERM;
	struct cap *c = get(a1, CAP_ENDPOINT, CAP_R_WRITE, &err);
	if (!c)
		return err;
	return fwd_register((int)a0, (struct ipc_endpoint *)c->obj);
}

/* True if p holds an I/O-port capability that covers COM1. */
static bool owns_com1(struct proc *p)
{
	for (int i = 0; i < CAP_SLOTS; i++) {
		const struct cap *c = &p->caps.slots[i];
		if (c->obj && c->obj->type == CAP_IOPORT && c->arg0 <= 0x3F8 && c->arg0 + c->arg1 >= 0x400)
			return true;
	}
	return false;
}

SYSCALL(uk_klog_attach)
{
	int err;
	struct proc *p = proc_current();
	struct cap *nc = get(a0, CAP_NOTIFICATION, CAP_R_WRITE, &err);
	if (!nc)
		return err;
	if (!owns_com1(p))
		return -EPERM;
	struct memobj *m;
	long r = klog_attach(p, (struct notif *)nc->obj, &m);
	if (r < 0)
		return r;
	return cap_install(caps(), &m->obj, CAP_R_READ | CAP_R_WRITE | CAP_R_MAP, 0, 0, 0);
}

SYSCALL(uk_notif_at)
{
	int err;
	struct cap *c = get(a0, CAP_NOTIFICATION, CAP_R_WRITE, &err);
	if (!c)
		return err;
	notif_at((struct notif *)c->obj, a1, a2);
	return 0;
}

/* uk_cap_admin: the security server acting on another process's table. */
SYSCALL(uk_cap_admin)
{
	int err;
	struct cap *ep = get(a0, CAP_ENDPOINT, CAP_R_READ, &err);
	if (!ep || ep->obj != fwd_endpoint(FWD_SRV_SECURITY))
		return -EPERM;
	struct proc *p = proc_by_pid((int)a2);
	if (!p || p->state != PROC_ALIVE)
		return -ESRCH;
	if (a3 >= CAP_SLOTS)
		return CAP_EBADSLOT;
	if (a1 == SEC_ADMIN_INFO) {
		struct cap_info info;
		err = cap_info_get(&p->caps, (int)a3, &info);
		return err ? err : copy_to_user(a4, &info, sizeof(info)) ? -EFAULT : 0;
	}
	if (a1 == SEC_ADMIN_REVOKE)
		return cap_revoke(&p->caps, (int)a3);
	if (a1 != SEC_ADMIN_TRANSFER)
		return -EINVAL;
	struct cap *src = cap_lookup(&p->caps, (int)a3, CAP_NULL, CAP_R_GRANT, &err);
	struct proc *to = proc_by_pid((int)a4);
	if (!src)
		return err;
	if (!to || to->state != PROC_ALIVE)
		return -ESRCH;
	return derive_into(to, src, (uint32_t)a5);
}
