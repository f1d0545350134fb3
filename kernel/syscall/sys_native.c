// SPDX-License-Identifier: MIT
/* This kernel's own calls: spawn, wait, meminfo, procinfo. */
#include "abi/errno.h"
#include "ipc/endpoint.h"
#include "mm/frame.h"
#include "mm/paging.h"
#include "mm/slab.h"
#include "mm/uaccess.h"
#include "proc/loader.h"
#include "ipc/syscap.h"
#include "proc/pgrp.h"
#include "proc/proc.h"
#include "proc/uvm.h"
#include "proc/vdso_map.h"
#include "syscall/fwd.h"
#include "syscall/syscall.h"
#include "proto/fwd.h"
#include "proto/fwd_calls.h"
#include "abi/linux.h"
#include "abi/syscall.h"
#include "lib/kprintf.h"
#include "lib/panic.h"

void thread_start(struct thread *t);
#include "lib/string.h"

#define ARG_MAX_BYTES KiB(60)
#define ARG_MAX_COUNT 1024

struct argbuf {
	char strings[ARG_MAX_BYTES];
	const char *argv[ARG_MAX_COUNT + 1];
	const char *envp[ARG_MAX_COUNT + 1];
	size_t used;
};

/* Copies a user NULL-terminated string vector into b. */
static long copy_vector(struct argbuf *b, uint64_t uvec, const char **out)
{
	size_t n = 0;
	for (; uvec; n++) {
		uint64_t uptr;
		if (n == ARG_MAX_COUNT)
			return -E2BIG;
		if (copy_from_user(&uptr, uvec + n * 8, 8))
			return -EFAULT;
		if (!uptr)
			break;
		long len = strncpy_from_user(b->strings + b->used, uptr, ARG_MAX_BYTES - b->used);
		if (len < 0)
			return len == -EFAULT ? -EFAULT : -E2BIG;
		out[n] = b->strings + b->used;
		b->used += (size_t)len + 1;
	}
	out[n] = NULL;
	return 0;
}

/* Faults in every page of the user range so the loader can read it in place. */
static long prefault(struct proc *p, uint64_t image, uint64_t len)
{
	if (!len || !user_range_ok(image, len))
		return -EFAULT;
	for (uint64_t va = ALIGN_DOWN(image, PAGE_SIZE); va < image + len; va += PAGE_SIZE)
		if (!pt_lookup(p->pml4, va) && uvm_fault(p, va, false, false) < 0)
			return -EFAULT;
	return 0;
}

/* Copies and checks the capability list of a spawn (before anything changes). */
static long spawn_caps(struct proc *p, uint64_t ucaps, struct uk_spawn_cap *caps, size_t *n)
{
	*n = 0;
	for (; ucaps; (*n)++) {
		if (*n == UK_SPAWN_MAX_CAPS)
			return -E2BIG;
		if (copy_from_user(&caps[*n], ucaps + *n * sizeof(caps[0]), sizeof(caps[0])))
			return -EFAULT;
		if (caps[*n].slot == -1)
			break;
		int err;
		struct cap *c = caps[*n].slot >= 0 && caps[*n].slot < CAP_SLOTS ?
			cap_lookup(&p->caps, caps[*n].slot, CAP_NULL, CAP_R_GRANT, &err) : NULL;
		if (!c)
			return caps[*n].slot < 0 || caps[*n].slot >= CAP_SLOTS ? -EBADF : err;
		if ((caps[*n].rights & ~c->rights & ~(uint32_t)CAP_R_INHERIT) || (caps[*n].badge && (c->badge || !(c->rights & CAP_R_MANAGE))))
			return -EPERM;
	}
	return 0;
}

/* Gives the child its capabilities in slots 1..n (a fresh table cannot fail). */
static void hand_caps(struct proc *parent, struct proc *child, const struct uk_spawn_cap *caps, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct cap *src = &parent->caps.slots[caps[i].slot];
		int slot = cap_derive(&child->caps, src, caps[i].rights, caps[i].badge, caps[i].badge != 0);
		kassert(slot == (int)i + 1);
		endpoint_cap_added(&child->caps.slots[slot]);
	}
}

/* A new child: its capabilities, its session (a new one if asked), and
 * its descriptors inherited from the parent (close-on-exec ones closed) in
 * the VFS. */
static void spawned(struct proc *parent, struct proc *child, const struct uk_spawn_cap *caps,
		    size_t n, bool setsid)
{
	hand_caps(parent, child, caps, n);
	if (setsid)
		child->sid = child->pgid = child->pid;
	/* Not for a new VFS itself: it may be the successor the notice would
	 * wait for. */
	if (!fwd_is_server(FWD_SRV_VFS, child)) {
		fwd_proc_notice(parent, FWD_VFS_proc_fork, (uint64_t)parent->pid, (uint64_t)child->pid);
		fwd_proc_notice(parent, FWD_VFS_proc_exec, (uint64_t)child->pid, 0);
	}
	thread_start(child->threads);
}

SYSCALL(uk_spawn)
{
	struct proc *p = proc_current();
	struct uk_spawn_cap caps[UK_SPAWN_MAX_CAPS];
	size_t ncaps;
	if (a4 & ~(uint64_t)(UK_SPAWN_SHARE_INITRD | UK_SPAWN_SETSID))
		return -EINVAL;
	if (!rlimit_nproc_allows(p))
		return -EAGAIN;
	long r = spawn_caps(p, a5, caps, &ncaps);
	if (r)
		return r;
	struct argbuf *b = kmalloc(sizeof(*b));
	if (!b)
		return -ENOMEM;
	r = copy_vector(b, a2, b->argv);
	if (!r)
		r = copy_vector(b, a3, b->envp);
	if (!r)
		r = prefault(p, a0, a1);
	if (!r) {
		struct exec_args args = { b->argv, b->envp, (a4 & UK_SPAWN_SHARE_INITRD) && p->initrd_base,
					  true };
		const char *why = NULL;
		uaccess_allow();
		r = loader_spawn(p, (const void *)a0, a1, &args, &why);
		uaccess_forbid();
		if (r < 0)
			pr_info("spawn: pid %d (%s): %s: %s\n", p->pid, p->name,
				b->argv[0] ? b->argv[0] : "?", why ? why : "failed");
		else
			spawned(p, proc_by_pid((int)r), caps, ncaps, (a4 & UK_SPAWN_SETSID) != 0);
	}
	kfree(b);
	return r;
}

SYSCALL(uk_wait)
{
	int status = 0;
	long r = proc_wait((int)a0, &status, (a2 & UK_WAIT_NOHANG) ? PROC_WAIT_NOHANG : 0);
	if (r > 0 && a1 && copy_to_user(a1, &status, sizeof(status)))
		return -EFAULT;
	return r;
}

SYSCALL(uk_meminfo)
{
	struct proc *p = proc_current();
	struct frame_stats fs = frame_stats();
	struct uk_meminfo m = {
		.page_size = PAGE_SIZE, .total_frames = fs.total, .free_frames = fs.free,
		.used_frames = fs.used, .rss_pages = p->rss_pages, .locked_pages = p->locked_pages,
	};
	return copy_to_user(a0, &m, sizeof(m));
}

SYSCALL(uk_procinfo)
{
	struct proc *p = (long)a0 == 0 ? proc_current() : proc_by_pid((int)a0);
	if (!p)
		return -ESRCH;
	struct uk_procinfo pi = {
		.pid = p->pid, .ppid = p->parent ? p->parent->pid : 0,
		.state = p->state == PROC_ZOMBIE ? UK_PROC_ZOMBIE : UK_PROC_RUNNING,
		.nthreads = p->nthreads, .cpu_ns = proc_cpu_ns(p), .exit_status = p->exit_status,
		.flags = signal_job_flags(p) | (pgrp_orphaned(p->pgid) ? UK_PROCINFO_ORPHANED : 0) |
			 (p->stopped ? UK_PROCINFO_STOPPED : 0),
		.pgid = p->pgid, .sid = p->sid, .uid = p->sec.s.uid,
	};
	memcpy(pi.name, p->name, MIN(sizeof(pi.name) - 1, sizeof(p->name)));
	return copy_to_user(a1, &pi, sizeof(pi));
}

/* The thread of target that waits in a forwarded execve, or NULL. */
static struct thread *execve_waiter(struct proc *target)
{
	for (struct thread *t = target->threads; t; t = t->proc_next)
		if (t->fwd_nr == LINUX_NR_execve + 1)
			return t;
	return NULL;
}

SYSCALL(uk_exec)
{
	struct proc *p = proc_current();
	struct proc *target = proc_by_pid((int)a0);
	if (!syscap_held(p, CAP_R_WRITE))
		return -EPERM;
	struct thread *t = target && target->state == PROC_ALIVE ? execve_waiter(target) : NULL;
	if (!t)
		return -ESRCH;
	struct argbuf *b = kmalloc(sizeof(*b));
	if (!b)
		return -ENOMEM;
	long r = copy_vector(b, a3, b->argv);
	if (!r)
		r = copy_vector(b, a4, b->envp);
	if (!r)
		r = prefault(p, a1, a2);
	if (!r) {
		struct exec_args args = { b->argv, b->envp, target->initrd_base != 0, false };
		const char *why = NULL;
		uaccess_allow();
		r = loader_exec(target, t, (const void *)a1, a2, &args, &why);
		uaccess_forbid();
		if (r < 0)
			pr_info("exec: pid %d: %s: %s\n", target->pid, b->argv[0] ? b->argv[0] : "?",
				why ? why : "failed");
	}
	kfree(b);
	if (r < 0)
		return r;
	for (struct thread *o = target->threads; o; o = o->proc_next) {
		if (o != t) {
			o->killed = true;
			sched_wake(o, -4);
		}
	}
	fwd_proc_notice(p, FWD_VFS_proc_exec, (uint64_t)target->pid, 0);
	fwd_time_notice(target, FWD_TIME_proc_exec, (uint64_t)target->pid);  /* POSIX timers go */
	return 0;
}

SYSCALL(uk_log)
{
	char msg[256];
	struct proc *p = proc_current();
	bool server = false;
	for (int i = 1; i < FWD_NSERVERS && !server; i++)
		server = fwd_is_server(i, p);
	if (!server && !syscap_held(p, CAP_R_READ))
		return -EPERM;  /* the servers and the system capability's holders: trusted */
	size_t n = MIN(a1, sizeof(msg) - 1);
	if (copy_from_user(msg, a0, n))
		return -EFAULT;
	msg[n] = '\0';
	kprintf("%s", msg);
	return (long)n;
}

SYSCALL(uk_time_publish)
{
	if (!fwd_is_server(FWD_SRV_TIME, proc_current()))
		return -EPERM;
	vdso_publish_realtime((int64_t)a0);
	return 0;
}

SYSCALL(uk_kill_guard)
{
	if (a0 && (!user_range_ok(a0, 4) || (a0 & 3)))
		return -EINVAL;
	proc_current()->guard_va = a0;
	return 0;
}

SYSCALL(uk_seccall)
{
	const uint64_t args[6] = { a0, a1, a2, a3, a4, a5 };
	return fwd_seccall(args);
}
