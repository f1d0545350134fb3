// SPDX-License-Identifier: MIT
/* Process and thread calls the kernel owns: exit, ids, TLS, clone for
 * threads, futex, yield, the signal mask, and kill with default actions. */
#include "abi/errno.h"
#include "cpu.h"
#include "trap.h"
#include "mm/paging.h"
#include "mm/uaccess.h"
#include "proc/futex.h"
#include "proc/pgrp.h"
#include "proc/robust.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "sched/thread.h"
#include "syscall/fwd.h"
#include "syscall/syscall.h"
#include "abi/linux.h"
#include "abi/pledge.h"
#include "abi/sec.h"
#include "proto/fwd.h"
#include "lib/string.h"

#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define CLONE_VM 0x100
#define CLONE_FS 0x200
#define CLONE_FILES 0x400
#define CLONE_SIGHAND 0x800
#define CLONE_VFORK 0x4000
#define CLONE_THREAD 0x10000
#define CLONE_SYSVSEM 0x40000
#define CLONE_SETTLS 0x80000
#define CLONE_PARENT_SETTID 0x100000
#define CLONE_CHILD_CLEARTID 0x200000
#define CLONE_DETACHED 0x400000
#define CLONE_CHILD_SETTID 0x1000000
#define CLONE_PARENT 0x8000
#define CLONE_PIDFD 0x1000
#define CSIGNAL 0xff
/* New namespaces (mount, cgroup, uts, ipc, user, pid, net): none here. */
#define CLONE_NEWNS_ALL 0x7e020000ull
#define CLONE_THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
			    CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID |                \
			    CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_CHILD_SETTID | 0xff)
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2
#define NSIG 64

void thread_start(struct thread *t);

SYSCALL(exit)
{
	proc_thread_exit(W_EXITCODE((int)a0));
}

SYSCALL(exit_group)
{
	proc_exit(W_EXITCODE((int)a0));
}

SYSCALL(getpid)
{
	return proc_current()->pid;
}

SYSCALL(getppid)
{
	struct proc *parent = proc_current()->parent;
	return parent ? parent->pid : 0;
}

SYSCALL(gettid)
{
	return thread_current()->tid;
}

SYSCALL(sched_yield)
{
	schedule();
	return 0;
}

SYSCALL(set_robust_list)
{
	return robust_set(thread_current(), a0, a1);
}

SYSCALL(get_robust_list)
{
	return robust_get((int)a0, a1, a2);
}

SYSCALL(set_tid_address)
{
	thread_current()->clear_child_tid = a0;
	return thread_current()->tid;
}

SYSCALL(arch_prctl)
{
	struct thread *t = thread_current();
	switch (a0) {
	case ARCH_SET_FS:
		if (a1 >= USER_TOP)
			return -EPERM;
		t->fs_base = a1;
		wrmsr(MSR_FS_BASE, a1);
		return 0;
	case ARCH_GET_FS:
		return copy_to_user(a1, &t->fs_base, sizeof(t->fs_base));
	default:
		return -EINVAL;
	}
}

/* clone(flags, stack, parent_tid, child_tid, tls): a thread (CLONE_THREAD),
 * or else a copy-on-write fork (vfork included), which needs "proc". */
SYSCALL(clone)
{
	uint64_t flags = a0, stack = a1, ptid = a2, ctid = a3, tls = a4;
	uint64_t need = CLONE_VM | CLONE_THREAD | CLONE_SIGHAND;
	if (!(flags & CLONE_THREAD)) {
		/* A new process. vfork (CLONE_VM|CLONE_VFORK, as musl's posix_spawn
		 * uses it) is served by a copy-on-write fork: the child cannot tell. */
		if (flags & (CLONE_SIGHAND | CLONE_FILES | CLONE_FS | CLONE_PARENT | CLONE_PIDFD |
			     CLONE_NEWNS_ALL))
			return -EINVAL;  /* shared tables between processes: not served */
		if ((flags & CLONE_SETTLS) && tls >= USER_TOP)
			return -EINVAL;
		if ((flags & CSIGNAL) > NSIG)
			return -EINVAL;
		long r = sec_promise_check(PLEDGE_proc, LINUX_NR_clone);
		struct fork_args fa = {
			.stack = stack, .tls = (flags & CLONE_SETTLS) ? tls : 0,
			.parent_settid = (flags & CLONE_PARENT_SETTID) ? ptid : 0,
			.child_settid = (flags & CLONE_CHILD_SETTID) ? ctid : 0,
			.child_cleartid = (flags & CLONE_CHILD_CLEARTID) ? ctid : 0,
			.exit_signal = (int)(flags & CSIGNAL),
		};
		return r ? r : proc_fork(&fa);
	}
	if ((flags & need) != need)
		return -EINVAL;
	if (flags & ~(uint64_t)CLONE_THREAD_FLAGS)
		return -EINVAL;
	if (!stack || ((flags & CLONE_SETTLS) && tls >= USER_TOP))
		return -EINVAL;
	struct thread *cur = thread_current();
	struct proc *p = cur->proc;
	struct thread *t = thread_create_user(p);
	if (!t)
		return -EAGAIN;
	*t->user_frame = *cur->user_frame;
	t->user_frame->rax = 0;
	t->user_frame->rsp = stack;
	t->fs_base = (flags & CLONE_SETTLS) ? tls : cur->fs_base;
	t->sigmask = cur->sigmask;
	t->prio = cur->prio;
	int tid = t->tid;
	if ((flags & CLONE_PARENT_SETTID) && copy_to_user(ptid, &tid, sizeof(tid))) {
		thread_destroy(t);
		return -EFAULT;
	}
	if ((flags & CLONE_CHILD_SETTID) && copy_to_user(ctid, &tid, sizeof(tid))) {
		thread_destroy(t);
		return -EFAULT;
	}
	if (flags & CLONE_CHILD_CLEARTID)
		t->clear_child_tid = ctid;
	proc_add_thread(p, t);
	thread_start(t);
	return tid;
}

SYSCALL(futex)
{
	return futex_op(a0, (int)a1, (uint32_t)a2, a3, a4, (uint32_t)a5);
}

/* The calling thread's mask; SIGKILL and SIGSTOP are never blocked. */
SYSCALL(rt_sigprocmask)
{
	struct thread *t = thread_current();
	uint64_t set, old = t->sigmask;
	if (a3 != NSIG / 8)
		return -EINVAL;
	if (a1) {
		if (copy_from_user(&set, a1, sizeof(set)))
			return -EFAULT;
		set &= ~((1ull << (9 - 1)) | (1ull << (19 - 1)));  /* never SIGKILL, SIGSTOP */
		if (a0 == SIG_BLOCK)
			t->sigmask |= set;
		else if (a0 == SIG_UNBLOCK)
			t->sigmask &= ~set;
		else if (a0 == SIG_SETMASK)
			t->sigmask = set;
		else
			return -EINVAL;
	}
	if (a2 && copy_to_user(a2, &old, sizeof(old))) {
		t->sigmask = old;
		return -EFAULT;
	}
	return 0;
}

/* The checks every sender of sig to p passes: the number, the pledge
 * ("proc" to signal another process) and the credentials. */
static long may_send(struct proc *p, int sig, uint64_t nr)
{
	struct proc *me = proc_current();
	if (sig < 0 || sig > NSIG_LINUX)
		return -EINVAL;
	if (p != me) {
		long r = sec_promise_check(PLEDGE_proc, nr);
		if (r)
			return r;
	}
	return sec_may_signal(me, p) ? 0 : -EPERM;
}

static long may_kill(struct proc *p, int sig)
{
	return may_send(p, sig, LINUX_NR_kill);
}

/* kill(pid, sig): one process (pid > 0), the caller's group (0), every
 * process the caller may signal but init and itself (-1), group -pid. */
SYSCALL(kill)
{
	int pid = (int)a0, sig = (int)a1;
	struct proc *me = proc_current();
	if (sig < 0 || sig > NSIG_LINUX)
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH;
	if (pid <= 0)
		return pgrp_kill(me, pid == 0 ? me->pgid : pid == -1 ? 0 : -pid, sig, may_kill);
	struct proc *p = proc_by_pid(pid);
	if (!p || p->state != PROC_ALIVE)
		return -ESRCH;
	long r = may_send(p, sig, LINUX_NR_kill);
	return r ? r : signal_send(p, NULL, sig, me->pid);
}

SYSCALL(setpgid)
{
	return pgrp_setpgid(proc_current(), (int)a0, (int)a1);
}

SYSCALL(getpgid)
{
	return pgrp_getpgid(proc_current(), (int)a0);
}

SYSCALL(getpgrp)
{
	return proc_current()->pgid;
}

SYSCALL(setsid)
{
	return pgrp_setsid(proc_current());
}

SYSCALL(getsid)
{
	return pgrp_getsid(proc_current(), (int)a0);
}

/* uk_sigqueue: a server (one serving a registered endpoint, named by the
 * slot) sends a signal with the information it chooses (timer expiries). */
SYSCALL(uk_sigqueue)
{
	struct proc *me = proc_current();
	struct cap *c = cap_lookup(&me->caps, (int)a0, CAP_ENDPOINT, CAP_R_READ, NULL);
	bool serves = false;
	for (int i = 1; c && i < FWD_NSERVERS; i++)
		serves |= c->obj == fwd_endpoint(i);
	if (!serves)
		return -EPERM;
	struct uk_siginfo info;
	if (copy_from_user(&info, a3, sizeof(info)))
		return -EFAULT;
	if (info.signo < 1 || info.signo > NSIG_LINUX)
		return -EINVAL;
	struct proc *p = proc_by_pid((int)a1);
	struct thread *target = NULL;
	for (struct thread *t = p && a2 ? p->threads : NULL; t; t = t->proc_next)
		if (t->tid == (int)a2)
			target = t;
	if (!p || p->state != PROC_ALIVE || (a2 && !target))
		return -ESRCH;
	return signal_send_info(p, target, &info, 0);
}

SYSCALL(tgkill)
{
	struct proc *p = proc_by_pid((int)a0);
	struct thread *target = NULL;
	for (struct thread *t = p ? p->threads : NULL; t; t = t->proc_next)
		if (t->tid == (int)a1)
			target = t;
	if (!target || p->state != PROC_ALIVE)
		return -ESRCH;
	long r = may_send(p, (int)a2, LINUX_NR_tgkill);
	return r ? r : signal_send(p, target, (int)a2, proc_current()->pid);
}

/* rt_sigqueueinfo and rt_tgsigqueueinfo: a signal with the information the
 * caller gives (sigqueue). As on Linux, only a process signalling itself
 * may claim a kernel-made code (si_code >= 0, or SI_TKILL). */
static long queue_info(struct proc *p, struct thread *t, int sig, uint64_t uinfo, uint64_t nr)
{
	struct {
		int32_t signo, errno_, code, pad;
		uint64_t word0, word1;
	} in;
	struct proc *me = proc_current();
	if (copy_from_user(&in, uinfo, sizeof(in)))
		return -EFAULT;
	if ((in.code >= 0 || in.code == -6 /* SI_TKILL */) && p != me)
		return -EPERM;
	long r = may_send(p, sig, nr);
	if (r || sig == 0)
		return r;
	struct uk_siginfo info = { sig, in.code, in.word0, in.word1 };
	r = signal_send_info(p, t, &info, in.errno_);
	return r < 0 ? r : 0;
}

SYSCALL(rt_sigqueueinfo)
{
	struct proc *p = proc_by_pid((int)a0);
	if (!p || p->state != PROC_ALIVE)
		return -ESRCH;
	return queue_info(p, NULL, (int)a1, a2, LINUX_NR_rt_sigqueueinfo);
}

SYSCALL(rt_tgsigqueueinfo)
{
	struct proc *p = proc_by_pid((int)a0);
	struct thread *target = NULL;
	for (struct thread *t = p ? p->threads : NULL; t; t = t->proc_next)
		if (t->tid == (int)a1)
			target = t;
	if (!target || p->state != PROC_ALIVE)
		return -ESRCH;
	return queue_info(p, target, (int)a2, a3, LINUX_NR_rt_tgsigqueueinfo);
}

/* tkill(tid, sig): a thread of the caller's own process (musl's raise). */
SYSCALL(tkill)
{
	struct proc *p = proc_current();
	for (struct thread *t = p->threads; t; t = t->proc_next)
		if (t->tid == (int)a0)
			return signal_send(p, t, (int)a1, p->pid);
	return -ESRCH;
}

SYSCALL(rt_sigaction)
{
	return signal_action(proc_current(), (int)a0, a1, a2, a3);
}

SYSCALL(rt_sigreturn)
{
	return signal_return(thread_current());
}

SYSCALL(rt_sigpending)
{
	struct thread *t = thread_current();
	if (a1 != 8)
		return -EINVAL;
	return copy_to_user(a0, &t->sigpending, sizeof(t->sigpending));
}

SYSCALL(fork)
{
	struct fork_args fa = { .exit_signal = SIGCHLD_NR };
	return proc_fork(&fa);
}

SYSCALL(vfork)
{
	struct fork_args fa = { .exit_signal = SIGCHLD_NR };
	return proc_fork(&fa);
}

/* wait4(pid, status, options, rusage): pid > 0 one child, -1 or a group
 * (process groups arrive with signals) any child; WNOHANG. */
SYSCALL(wait4)
{
	const uint64_t wnohang = 1, known = wnohang | 2 /* WUNTRACED */ | 8 /* WCONTINUED */ |
					   0x40000000 /* __WALL */ | 0x80000000 /* __WCLONE */;
	if (a2 & ~known)
		return -EINVAL;
	int status = 0;
	if ((int)a0 == INT32_MIN)
		return -ESRCH;  /* -INT_MIN is no group */
	long r = proc_wait((int)a0, &status, (unsigned)a2 & 0xb);
	if (r > 0 && a1 && copy_to_user(a1, &status, sizeof(status)))
		return -EFAULT;
	if (r > 0 && a3 && clear_user(a3, 144))
		return -EFAULT;
	return r;
}

/* setpriority/getpriority(PRIO_PROCESS, pid or 0, nice): nice -20..19
 * maps onto the scheduler's priorities 0..SCHED_NPRIO-1 (lower is more
 * urgent) for every thread of the process. Groups and users (PRIO_PGRP,
 * PRIO_USER) are not kept. */
static struct proc *prio_target(uint64_t which, uint64_t who)
{
	if (which != 0)
		return NULL;
	return who ? proc_by_pid((int)who) : proc_current();
}

SYSCALL(setpriority)
{
	struct proc *p = prio_target(a0, a1);
	if (!p || p->state != PROC_ALIVE)
		return a0 != 0 ? -EINVAL : -ESRCH;
	int nice = (int)(int64_t)a2;
	nice = nice < -20 ? -20 : nice > 19 ? 19 : nice;
	p->nice = nice;
	for (struct thread *t = p->threads; t; t = t->proc_next)
		sched_set_prio(t, (nice + 20) * SCHED_NPRIO / 40);
	return 0;
}

SYSCALL(getpriority)
{
	struct proc *p = prio_target(a0, a1);
	if (!p || p->state != PROC_ALIVE)
		return a0 != 0 ? -EINVAL : -ESRCH;
	return 20 - p->nice;  /* the system call's encoding: 40 .. 1 */
}
