// SPDX-License-Identifier: MIT
/* Process lifetime: allocation, thread membership, exit, reaping by wait. */
#include "abi/errno.h"
#include "cpu.h"
#include "trap.h"
#include "tsc.h"
#include "sched/thread.h"
#include "sched/ktimer.h"
#include "mm/frame.h"
#include "mm/paging.h"
#include "mm/phys.h"
#include "mm/slab.h"
#include "mm/uaccess.h"
#include "proc/proc.h"
#include "proc/uvm_obj.h"
#include "proc/futex.h"
#include "proc/pgrp.h"
#include "proc/robust.h"
#include "ipc/endpoint.h"
#include "ipc/hwcap.h"
#include "ipc/klog_ring.h"
#include "ipc/notif.h"
#include "syscall/fwd.h"
#include "proto/fwd.h"
#include "proto/fwd_calls.h"
#include "lib/kprintf.h"
#include "lib/panic.h"
#include "lib/string.h"


void machine_exit(uint32_t code);

static struct proc *procs[PROC_MAX];
static struct proc *root_task;
static bool exit_machine_with_init;

void proc_set_root(struct proc *p)
{
	root_task = p;
}

struct proc *proc_root(void)
{
	return root_task && root_task->state == PROC_ALIVE ? root_task : NULL;
}

void proc_set_init_exit_leaves(bool on)
{
	exit_machine_with_init = on;
}

long proc_for_each(long (*fn)(struct proc *p, void *arg), void *arg)
{
	for (int i = 0; i < PROC_MAX; i++) {
		long r = procs[i] && procs[i]->state == PROC_ALIVE ? fn(procs[i], arg) : 0;
		if (r)
			return r;
	}
	return 0;
}

struct proc *proc_by_pid(int pid)
{
	for (int i = 0; i < PROC_MAX; i++)
		if (procs[i] && procs[i]->pid == pid)
			return procs[i];
	return NULL;
}

struct proc *proc_alloc(struct proc *parent, const char *name)
{
	int slot = -1;
	for (int i = 0; i < PROC_MAX && slot < 0; i++)
		if (!procs[i])
			slot = i;
	if (slot < 0)
		return NULL;
	struct proc *p = kmalloc(sizeof(*p));
	if (!p)
		return NULL;
	memset(p, 0, sizeof(*p));
	p->pml4 = as_create();
	if (p->pml4 == FRAME_NONE) {
		kfree(p);
		return NULL;
	}
	vma_set_init(&p->vmas, p->vma_storage, PROC_VMA_MAX, USER_MMAP_BOTTOM, USER_MMAP_TOP);
	cap_table_init(&p->caps, p);
	size_t n = strlen(name);
	memcpy(p->name, name, MIN(n, sizeof(p->name) - 1));
	p->parent = parent;
	p->exit_signal = SIGCHLD_NR;
	sec_inherit(p, parent);
	if (parent) {
		p->pgid = parent->pgid;
		p->sid = parent->sid;
		memcpy(p->rlim, parent->rlim, sizeof(p->rlim));
		p->sibling = parent->children;
		parent->children = p;
	} else {
		rlimit_defaults(p);
	}
	procs[slot] = p;
	return p;
}

static void release_page(virt_t va, uint64_t pte, void *arg)
{
	struct proc *p = arg;
	(void)va;
	if (!(pte & PTE_SHARED))
		frame_unref(pte & PTE_ADDR);
	p->rss_pages--;
}

void proc_release_space(struct proc *p, phys_t pml4, struct vma_set *vmas)
{
	uvm_objs_put(vmas);
	vma_set_init(vmas, vmas->v, PROC_VMA_MAX, USER_MMAP_BOTTOM, USER_MMAP_TOP);
	as_switch(as_kernel());
	pt_free_user(pml4, release_page, p);
	frame_free(pml4);
}

void proc_release_address_space(struct proc *p)
{
	if (!p->pml4)
		return;
	proc_release_space(p, p->pml4, &p->vmas);
	p->pml4 = 0;
}

static void unlink_child(struct proc *p)
{
	struct proc **pp = &p->parent->children;
	while (*pp && *pp != p)
		pp = &(*pp)->sibling;
	if (*pp)
		*pp = p->sibling;
}

void proc_free(struct proc *p)
{
	proc_release_address_space(p);
	sec_release(p);
	if (p->parent)
		unlink_child(p);
	for (int i = 0; i < PROC_MAX; i++)
		if (procs[i] == p)
			procs[i] = NULL;
	kfree(p);
}

void proc_add_thread(struct proc *p, struct thread *t)
{
	t->proc = p;
	t->as = p->pml4;
	t->proc_next = p->threads;
	p->threads = t;
	p->nthreads++;
	if (!p->pid)
		p->pid = t->tid;
	if (!p->pgid)
		p->pgid = p->sid = p->pid;  /* the first process leads its own session */
}

static void remove_thread(struct proc *p, struct thread *t)
{
	struct thread **pp = &p->threads;
	while (*pp && *pp != t)
		pp = &(*pp)->proc_next;
	if (*pp)
		*pp = t->proc_next;
	p->nthreads--;
	p->dead_cpu_tsc += t->cpu_tsc + (rdtsc() - t->run_start_tsc);
}

/* Hands the children of a dying process to the root task (init). */
static void reparent_children(struct proc *p)
{
	struct proc *init = proc_root();
	while (p->children) {
		struct proc *c = p->children;
		p->children = c->sibling;
		c->parent = init != p ? init : NULL;
		if (c->parent) {
			c->sibling = init->children;
			init->children = c;
		}
	}
	if (init && init != p)
		waitq_wake(&init->child_wait, 1 << 30, 0);
}

static int status_code(int status)
{
	return (status & 0x7f) ? 128 + (status & 0x7f) : (status >> 8) & 0xff;
}

/* Tells the watchers of p that it died and drops their notifications. */
static void notify_watchers(struct proc *p)
{
	for (int i = 0; i < PROC_MAX_WATCHERS; i++) {
		struct proc_watcher *w = &p->watchers[i];
		if (!w->notif)
			continue;
		notif_signal(w->notif, w->bits);
		kobj_put(&w->notif->obj);
		w->notif = NULL;
	}
}

static void process_died(struct proc *p)
{
	if (timerq_armed(&p->kill_timer))
		ktimer_cancel(&p->kill_timer);
	if (timerq_armed(&p->cpu_timer))
		ktimer_cancel(&p->cpu_timer);
	fwd_proc_notice(p, FWD_VFS_proc_exit, (uint64_t)p->pid, 0);
	fwd_time_notice(p, FWD_TIME_proc_exit, (uint64_t)p->pid);  /* its timers */
	fwd_session_end(p);
	fwd_proc_gone(p);
	cap_table_clear(&p->caps);
	ipc_proc_died(p);
	klog_proc_gone(p);
	ioport_forget(p);
	proc_release_address_space(p);
	notify_watchers(p);
	int groups[32];
	int ngroups = pgrp_child_groups(p, groups, 32);
	reparent_children(p);
	p->state = PROC_ZOMBIE;
	pgrp_orphan_check(p->pgid, p->sid);  /* without p, a group may lose its link */
	for (int i = 0; i < ngroups; i++)
		pgrp_orphan_check(groups[i], p->sid);
	if (p->parent) {
		const struct k_sigaction *a = &p->parent->sigactions[SIGCHLD_NR - 1];
		p->autoreap = a->handler == 1 /* SIG_IGN */ || (a->flags & 2 /* SA_NOCLDWAIT */);
		signal_child_event(p, PROC_EV_EXITED);
		waitq_wake(&p->parent->child_wait, 1 << 30, 0);
		return;
	}
	if (p != root_task)
		return;  /* an orphan whose root task is gone: nobody waits for it */
	klog_direct();  /* the machine may stop now: no waiting for the console */
	pr_info("kernel: init (pid %d) exited, exit status %d\n", p->pid, status_code(p->exit_status));
	if (exit_machine_with_init)
		machine_exit((uint32_t)status_code(p->exit_status));
}

void proc_thread_exit(int status)
{
	struct thread *t = thread_current();
	struct proc *p = t->proc;
	robust_exit(t);
	if (t->clear_child_tid) {
		uint32_t zero = 0;
		if (copy_to_user(t->clear_child_tid, &zero, sizeof(zero)) == 0)
			futex_wake(p, t->clear_child_tid, 1);
	}
	remove_thread(p, t);
	signal_thread_gone(t);
	if (!p->exiting)
		p->exit_status = status;
	if (p->nthreads == 0)
		process_died(p);
	sched_exit_current();
}

void proc_exit(int status)
{
	struct thread *self = thread_current();
	struct proc *p = self->proc;
	proc_kill(p, status);
	self->killed = false;
	proc_thread_exit(p->exit_status);
}

/* A call the server asked to run again (FWD_STATUS_RESTART) and no
 * handler took over: back to its syscall instruction. */
static __attribute__((noinline)) void restart_call(struct thread *t)
{
	t->user_frame->rax = t->restart_any - 1;
	t->user_frame->rip -= 2;
	t->restart_any = 0;
	t->iret_return = true;
}

/* The slow part of the way out: a stopped process waits for SIGCONT, and
 * a deferred kill takes effect once the guard has dropped. */
static __attribute__((noinline)) void stop_or_die(struct thread *t)
{
	struct proc *p = t->proc;
	while (p->stopped && !t->killed)
		sched_block(&p->stop_wq, 0);  /* SIGSTOP and kin: until SIGCONT */
	proc_kill_point();
}

void proc_return_to_user(void)
{
	struct thread *t = thread_current();
	if (t->killed)
		proc_thread_exit(t->proc->exit_status);
	if (sched_resched_pending())
		schedule();
	if (t->sigpending)
		signal_deliver(t);
	if (__builtin_expect(t->proc->stopped | t->proc->kill_deferred, 0))
		stop_or_die(t);
	if (t->killed)
		proc_thread_exit(t->proc->exit_status);
	if (__builtin_expect(t->restart_any != 0, 0))
		restart_call(t);
}

/* A child with something to report: it ended, or (when asked for) it
 * stopped or continued. */
static struct proc *find_event(struct proc *p, int pid, unsigned flags, bool *any)
{
	*any = false;
	for (struct proc *c = p->children, *next; c; c = next) {
		next = c->sibling;
		if (!pgrp_wait_matches(p, c, pid))
			continue;
		if (c->state == PROC_ZOMBIE && c->autoreap) {
			proc_free(c);  /* the parent ignores SIGCHLD: nobody waits for it */
			continue;
		}
		*any = true;
		if (c->state == PROC_ZOMBIE || ((flags & PROC_WAIT_STOPPED) && c->wait_event == PROC_EV_STOPPED) ||
		    ((flags & PROC_WAIT_CONTINUED) && c->wait_event == PROC_EV_CONTINUED))
			return c;
	}
	return NULL;
}

long proc_wait(int pid, int *status, unsigned flags)
{
	struct proc *p = proc_current();
	for (;;) {
		bool any;
		struct proc *z = find_event(p, pid, flags, &any);
		if (z && z->state != PROC_ZOMBIE) {
			*status = z->wait_event == PROC_EV_STOPPED ? 0x7f | (z->stop_sig << 8) : 0xffff;
			z->wait_event = PROC_EV_NONE;
			return z->pid;
		}
		if (z) {
			int zpid = z->pid;
			*status = z->exit_status;
			p->children_cpu_ns += z->dead_cpu_tsc ? tsc_ticks_to_ns(z->dead_cpu_tsc) : 0;
			p->children_cpu_ns += z->children_cpu_ns;
			proc_free(z);
			return zpid;
		}
		if (!any)
			return -ECHILD;
		if (flags & PROC_WAIT_NOHANG)
			return 0;
		if (sched_block(&p->child_wait, 0) == -EINTR)
			return -EINTR;
	}
}

uint64_t proc_cpu_ns(const struct proc *p)
{
	uint64_t ns = tsc_ticks_to_ns(p->dead_cpu_tsc);
	for (struct thread *t = p->threads; t; t = t->proc_next)
		ns += thread_cpu_ns(t);
	return ns;
}

void proc_unmap_range(struct proc *p, virt_t start, virt_t end)
{
	pt_unmap_range(p->pml4, start, end, release_page, p);
}

void proc_kill(struct proc *p, int status)
{
	if (p->exiting)
		return;
	p->exiting = true;
	p->exit_status = status;
	for (struct thread *t = p->threads; t; t = t->proc_next) {
		t->killed = true;
		sched_wake(t, -EINTR);
	}
}

/* The guard word of p, read through p's page tables (p may not be the
 * current process). */
static bool guard_held(const struct proc *p)
{
	if (!p->guard_va || !p->pml4)
		return false;
	uint64_t *pte = pt_lookup(p->pml4, p->guard_va & ~(virt_t)(PAGE_SIZE - 1));
	if (!pte || !(*pte & PTE_P))
		return false;
	const volatile uint32_t *w = (const volatile uint32_t *)
		((uint8_t *)phys_to_virt(*pte & PTE_ADDR) + (p->guard_va & (PAGE_SIZE - 1)));
	return *w != 0;
}

/* The guard was held too long (a server stuck inside a request). */
static void guard_expired(struct timer *tm, void *arg)
{
	(void)tm;
	struct proc *p = arg;
	proc_kill(p, p->deferred_status);
}

void proc_kill_guarded(struct proc *p, int status)
{
	if (p->exiting || p->kill_deferred)
		return;
	if (!guard_held(p)) {
		proc_kill(p, status);
		return;
	}
	p->kill_deferred = true;
	p->deferred_status = status;
	timerq_timer_init(&p->kill_timer, guard_expired, p);  /* the wait's bound */
	ktimer_add(&p->kill_timer, rdtsc() + tsc_ns_to_ticks(PROC_GUARD_MAX_MS * 1000000ull));
}

void proc_kill_point(void)
{
	struct proc *p = proc_current();
	if (!p || !p->kill_deferred)
		return;
	if (guard_held(p))
		return;  /* still inside the request; the kill timer bounds the wait */
	proc_exit(p->deferred_status);
}

struct proc_handle {
	struct kobj obj;
};

static void handle_release(struct kobj *obj)
{
	kfree(obj);
}

static const struct kobj_ops handle_ops = { .release = handle_release };

int proc_cap_install(struct cap_table *t, struct proc *p)
{
	struct proc_handle *h = kmalloc(sizeof(*h));
	if (!h)
		return -ENOMEM;
	kobj_init(&h->obj, CAP_PROCESS, &handle_ops);
	int slot = cap_install(t, &h->obj, CAP_R_ALL, 0, (uint64_t)p->pid, 0);
	kobj_put(&h->obj);
	return slot;
}

long proc_watch(int pid, struct notif *n, uint64_t bits)
{
	struct proc *p = proc_by_pid(pid);
	if (!p || p->state != PROC_ALIVE)
		return -ESRCH;  /* already gone */
	for (int i = 0; i < PROC_MAX_WATCHERS; i++) {
		if (!p->watchers[i].notif) {
			p->watchers[i].notif = (struct notif *)kobj_get(&n->obj);
			p->watchers[i].bits = bits;
			return 0;
		}
	}
	return -ENOSPC;
}
