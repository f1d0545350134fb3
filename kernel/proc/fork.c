// SPDX-License-Identifier: MIT
/* fork: a child with a copy-on-write copy of the parent's address space.
 * Private writable pages become read-only and marked PTE_COW in both; the
 * first write copies (uvm_fault). Shared mappings stay shared. The VFS
 * copies the descriptor table before the child first runs. */
#include "abi/errno.h"
#include "trap.h"
#include "mm/frame.h"
#include "mm/paging.h"
#include "mm/uaccess.h"
#include "ipc/endpoint.h"
#include "proc/proc.h"
#include "proc/uvm.h"
#include "proc/uvm_obj.h"
#include "syscall/fwd.h"
#include "proto/fwd.h"
#include "proto/fwd_calls.h"
#include "lib/string.h"


void thread_start(struct thread *t);

struct copy_ctx {
	struct proc *parent, *child;
	int err;
};

static void copy_pte(virt_t va, uint64_t *pte, void *arg)
{
	struct copy_ctx *c = arg;
	if (c->err)
		return;
	const struct vma *v = vma_find(&c->parent->vmas, va);
	uint64_t e = *pte;
	bool shared = (e & PTE_SHARED) || (v && (v->flags & VMA_SHARED));
	if (!shared && (e & PTE_W)) {
		e = (e & ~PTE_W) | PTE_COW;
		*pte = e;
	}
	if (pt_map(c->child->pml4, va, e & PTE_ADDR, e & ~(PTE_ADDR | PTE_P)) < 0) {
		c->err = -ENOMEM;
		return;
	}
	if (!(e & PTE_SHARED))
		frame_ref(e & PTE_ADDR);
	c->child->rss_pages++;
}

/* Shared anonymous memory is one set of frames for parent and child: the
 * pages neither has touched yet are made now, or each would later fault in
 * a page of its own. */
static int populate_shared(struct proc *p)
{
	for (size_t i = 0; i < p->vmas.n; i++) {
		const struct vma *v = &p->vmas.v[i];
		if ((v->flags & VMA_SHARED) && (v->flags & VMA_ANON) && !(v->flags & VMA_NORESERVE) &&
		    uvm_populate(p, v->start, v->end, true))
			return -ENOMEM;
	}
	return 0;
}

static struct proc *copy_process(struct proc *p)
{
	if (populate_shared(p))
		return NULL;
	struct proc *c = proc_alloc(p, p->name);
	if (!c)
		return NULL;
	memcpy(c->vma_storage, p->vma_storage, sizeof(p->vma_storage));
	c->vmas.n = p->vmas.n;
	uvm_objs_ref(&c->vmas);  /* the child's areas hold the objects too */
	c->brk_start = p->brk_start;
	c->brk_end = p->brk_end;
	c->initrd_base = p->initrd_base;
	c->nice = p->nice;
	memcpy(c->sigactions, p->sigactions, sizeof(p->sigactions));
	c->initrd_size = p->initrd_size;
	struct copy_ctx ctx = { p, c, 0 };
	pt_walk_user(p->pml4, 0, USER_TOP, copy_pte, &ctx);
	pt_copy_shared_tops(c->pml4, p->pml4);  /* the initrd's shared tables */
	if (p->initrd_base)
		c->rss_pages += ALIGN_UP(p->initrd_size + (p->initrd_base & (PAGE_SIZE - 1)), PAGE_SIZE) / PAGE_SIZE;
	pt_flush_all();
	if (ctx.err) {
		proc_free(c);
		return NULL;
	}
	return c;
}

/* Copies the capabilities marked CAP_R_INHERIT into the same slots of the
 * child, as descriptors are inherited. Not connections: a ring pair has
 * one client. */
static void inherit_caps(struct proc *p, struct proc *c)
{
	for (int i = CAP_SLOT_SELF + 1; i < CAP_SLOTS; i++) {
		struct cap *src = &p->caps.slots[i];
		if (!src->obj || !(src->rights & CAP_R_INHERIT) || src->obj->type == CAP_CONNECTION)
			continue;
		struct cap_mint m = { .rights = src->rights, .inherit = true };
		if (cap_derive_at(&c->caps, i, src, &m) >= 0)
			endpoint_cap_added(&c->caps.slots[i]);
	}
}

void proc_thread_first_entry(void)
{
	struct thread *t = thread_current();
	if (t->set_child_tid) {
		int tid = t->tid;
		copy_to_user(t->set_child_tid, &tid, sizeof(tid));  /* a bad address: Linux ignores it too */
		t->set_child_tid = 0;
	}
}

long proc_fork(const struct fork_args *a)
{
	struct thread *cur = thread_current();
	struct proc *p = cur->proc;
	if (!rlimit_nproc_allows(p))
		return -EAGAIN;  /* RLIMIT_NPROC */
	struct proc *c = copy_process(p);
	if (!c)
		return -ENOMEM;
	struct thread *t = thread_create_user(c);
	if (!t) {
		proc_free(c);
		return -EAGAIN;
	}
	*t->user_frame = *cur->user_frame;
	t->user_frame->rax = 0;
	if (a->stack)
		t->user_frame->rsp = a->stack;
	t->fs_base = a->tls ? a->tls : cur->fs_base;
	t->set_child_tid = a->child_settid;
	t->clear_child_tid = a->child_cleartid;
	t->sigmask = cur->sigmask;
	t->altstack_sp = cur->altstack_sp;  /* fork keeps the alternate stack; exec drops it */
	t->altstack_size = cur->altstack_size;
	t->prio = cur->prio;
	c->exit_signal = a->exit_signal;
	proc_add_thread(c, t);
	proc_cap_install(&c->caps, c);
	inherit_caps(p, c);
	rlimit_cpu_arm(c);
	if (a->parent_settid)  /* a bad address is ignored, as Linux ignores it */
		copy_to_user(a->parent_settid, &c->pid, sizeof(c->pid));
	fwd_proc_notice(p, FWD_VFS_proc_fork, (uint64_t)p->pid, (uint64_t)c->pid);
	thread_start(t);
	return c->pid;
}
