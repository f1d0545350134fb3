// SPDX-License-Identifier: MIT
/* Signal actions, sending and delivery. See signal.h. */
#include "abi/errno.h"
#include "fpu.h"
#include "gdt.h"
#include "trap.h"
#include "mm/paging.h"
#include "mm/slab.h"
#include "mm/uaccess.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "abi/syscall.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "abi/sec.h"

#define SIG_DFL 0
#define SIG_IGN 1
#define SA_SIGINFO 0x4
#define SA_RESTORER 0x04000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000
#define SIGSEGV 11
#define SIGCONT 18
#define SIGTTIN 21
#define SIGTTOU 22
#define SA_ONSTACK 0x08000000
#define SA_RESTART 0x10000000
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define SI_USER 0
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_STOPPED 5
#define CLD_CONTINUED 6
#define SA_NOCLDSTOP 1
#define MAX_NESTED 8
#define RED_ZONE 128

/* Default actions: terminate with a core flag, ignore; the rest terminate. */
static const uint64_t core_set = SIG_BIT(3) | SIG_BIT(4) | SIG_BIT(5) | SIG_BIT(6) | SIG_BIT(7) |
				 SIG_BIT(8) | SIG_BIT(11) | SIG_BIT(24) | SIG_BIT(25) | SIG_BIT(31);
static const uint64_t ignore_set = SIG_BIT(17) | SIG_BIT(18) | SIG_BIT(23) | SIG_BIT(28) |
				   SIG_BIT(19) | SIG_BIT(20) | SIG_BIT(21) | SIG_BIT(22);

struct k_ucontext {
	uint64_t flags, link;
	uint64_t ss_sp, ss_flags, ss_size;
	uint64_t gregs[23];        /* r8..r15 rdi rsi rbp rbx rdx rax rcx rsp rip eflags csgsfs err trapno oldmask cr2 */
	uint64_t fpstate;
	uint64_t reserved[8];
	uint64_t sigmask;
};

struct k_siginfo {
	int32_t signo, errno_, code, pad;
	uint64_t word0, word1;     /* pid and uid; timer id and overrun, sigval; ... */
	uint8_t rest[96];
};
_Static_assert(sizeof(struct k_siginfo) == 128, "siginfo is 128 bytes");

struct rt_sigframe {
	uint64_t pretcode;
	struct k_ucontext uc;
	struct k_siginfo info;
};

static bool default_terminates(int sig)
{
	return !(ignore_set & SIG_BIT(sig));
}

static int death_status(int sig)
{
	return W_SIGNALED(sig) | ((core_set & SIG_BIT(sig)) ? 0x80 : 0);
}

/* The thread that should take sig: t if given, else one waiting for it in
 * rt_sigtimedwait, else one not blocking it. */
static struct thread *pick(struct proc *p, struct thread *t, int sig)
{
	if (t)
		return t;
	for (struct thread *c = p->threads; c; c = c->proc_next)
		if (c->sigwait_set & SIG_BIT(sig))
			return c;
	for (struct thread *c = p->threads; c; c = c->proc_next)
		if (!(c->sigmask & SIG_BIT(sig)))
			return c;
	return p->threads;
}

static bool is_stop(int sig)
{
	return sig >= SIGSTOP_NR && sig <= SIGTTOU;  /* SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU */
}

static void drop_pending(struct proc *p, uint64_t set)
{
	for (struct thread *t = p->threads; t; t = t->proc_next)
		t->sigpending &= ~set;
}

static long send(struct proc *p, struct thread *t, int sig, const struct thread_siginfo *info);

static void tell_parent(struct proc *p, int event)
{
	p->wait_event = event;
	if (p->parent) {
		signal_child_event(p, event);
		waitq_wake(&p->parent->child_wait, 1 << 30, 0);
	}
}

void signal_child_event(struct proc *p, int event)
{
	struct proc *parent = p->parent;
	const struct k_sigaction *a = parent ? &parent->sigactions[SIGCHLD_NR - 1] : NULL;
	int sig = event == PROC_EV_EXITED ? p->exit_signal : SIGCHLD_NR;
	if (!a || sig <= 0 || sig > NSIG_LINUX || parent->exiting)
		return;
	if (event != PROC_EV_EXITED && (a->flags & SA_NOCLDSTOP))
		return;
	int st = p->exit_status, code, status;
	if (event == PROC_EV_STOPPED)
		code = CLD_STOPPED, status = p->stop_sig;
	else if (event == PROC_EV_CONTINUED)
		code = CLD_CONTINUED, status = SIGCONT;
	else if (st & 0x7f)
		code = (st & 0x80) ? CLD_DUMPED : CLD_KILLED, status = st & 0x7f;
	else
		code = CLD_EXITED, status = (st >> 8) & 0xff;
	struct thread_siginfo info = { code, 0, (uint32_t)p->pid | ((uint64_t)p->sec.s.uid << 32),
				       (uint32_t)status };
	send(parent, NULL, sig, &info);
}

/* Its threads stop on their way back to user mode (proc_return_to_user). */
static void stop_process(struct proc *p, int sig)
{
	if (p->stopped)
		return;
	p->stopped = true;
	p->stop_sig = sig;
	tell_parent(p, PROC_EV_STOPPED);
}

static void continue_process(struct proc *p)
{
	drop_pending(p, SIG_BIT(SIGSTOP_NR) | SIG_BIT(SIGSTOP_NR + 1) | SIG_BIT(SIGTTIN) |
			SIG_BIT(SIGTTOU));
	if (!p->stopped)
		return;
	p->stopped = false;
	waitq_wake(&p->stop_wq, 1 << 30, 0);
	tell_parent(p, PROC_EV_CONTINUED);
}

static void terminate(struct proc *p, int sig)
{
	if (p == proc_current())
		proc_exit(death_status(sig));
	proc_kill_guarded(p, death_status(sig));
}

struct sigq {
	struct sigq *next;
	int sig;
	struct thread_siginfo info;
};

/* One more occurrence of real-time signal sig for thread to, at the end of
 * its queue; -EAGAIN past RLIMIT_SIGPENDING (counted per process). */
static long enqueue(struct proc *p, struct thread *to, int sig, const struct thread_siginfo *info)
{
	if (p->nqueued >= p->rlim[RLIMIT_SIGPENDING_].cur)
		return -EAGAIN;
	struct sigq *q = kmalloc(sizeof(*q));
	if (!q)
		return -EAGAIN;
	*q = (struct sigq){ NULL, sig, *info };
	struct sigq **pp = &to->rtq;
	while (*pp)
		pp = &(*pp)->next;
	*pp = q;
	p->nqueued++;
	return 0;
}

void signal_take(struct thread *t, int sig, struct thread_siginfo *out)
{
	if (sig < SIGRTMIN_K) {
		*out = t->siginfo[sig - 1];
		t->sigpending &= ~SIG_BIT(sig);
		return;
	}
	*out = (struct thread_siginfo){ 0 };
	struct sigq **pp = &t->rtq;
	while (*pp && (*pp)->sig != sig)
		pp = &(*pp)->next;
	if (*pp) {  /* the oldest occurrence goes first */
		struct sigq *q = *pp;
		*out = q->info;
		*pp = q->next;
		kfree(q);
		if (t->proc && t->proc->nqueued)
			t->proc->nqueued--;
	}
	bool more = false;
	for (struct sigq *q = t->rtq; q && !more; q = q->next)
		more = q->sig == sig;
	if (!more)
		t->sigpending &= ~SIG_BIT(sig);
}

/* Returns 1 if sig was already pending at the thread taking it, else 0. */
static long send(struct proc *p, struct thread *t, int sig, const struct thread_siginfo *info)
{
	if (sig < 0 || sig > NSIG_LINUX)
		return -EINVAL;
	if (sig == 0 || p->exiting || !p->threads)
		return 0;  /* going: nothing left to deliver it to */
	if (sig == SIGKILL_NR) {
		terminate(p, sig);
		return 0;
	}
	if (sig == SIGCONT)
		continue_process(p);
	if (is_stop(sig))
		drop_pending(p, SIG_BIT(SIGCONT));
	if (sig == SIGSTOP_NR) {
		stop_process(p, sig);
		return 0;
	}
	const struct k_sigaction *a = &p->sigactions[sig - 1];
	struct thread *to = pick(p, t, sig);
	bool blocked = (to->sigmask & SIG_BIT(sig)) && !(to->sigwait_set & SIG_BIT(sig));
	if (a->handler == SIG_IGN && !blocked)
		return 0;  /* ignored: gone (blocked, it stays pending, as on Linux: the action
			    * may change before it is unblocked) */
	if (a->handler == SIG_DFL && !blocked && !(to->sigwait_set & SIG_BIT(sig))) {
		if (is_stop(sig))
			stop_process(p, sig);
		else if (default_terminates(sig))
			terminate(p, sig);
		return 0;  /* ignored by default */
	}
	bool coalesced = (to->sigpending & SIG_BIT(sig)) != 0;
	if (sig >= SIGRTMIN_K) {
		long r = enqueue(p, to, sig, info);
		if (r)
			return r;
		coalesced = false;  /* each occurrence is kept */
	} else {
		to->siginfo[sig - 1] = *info;
	}
	to->sigpending |= SIG_BIT(sig);
	if (to->state == THREAD_BLOCKED && !blocked)
		sched_wake(to, -EINTR);
	return coalesced;
}

/* Whether sig is ignored by p or blocked by all its threads. */
static bool sig_off(const struct proc *p, int sig)
{
	if (p->sigactions[sig - 1].handler == SIG_IGN)
		return true;
	for (const struct thread *t = p->threads; t; t = t->proc_next)
		if (!(t->sigmask & SIG_BIT(sig)))
			return false;
	return p->threads != NULL;
}

uint32_t signal_job_flags(const struct proc *p)
{
	return (sig_off(p, SIGTTIN) ? UK_PROCINFO_TTIN_OFF : 0) |
	       (sig_off(p, SIGTTOU) ? UK_PROCINFO_TTOU_OFF : 0);
}

long signal_send(struct proc *p, struct thread *t, int sig, int sender_pid)
{
	struct proc *from = proc_by_pid(sender_pid);
	uint64_t uid = from ? from->sec.s.uid : 0;
	struct thread_siginfo info = { SI_USER, 0, (uint32_t)sender_pid | (uid << 32), 0 };
	long r = send(p, t, sig, &info);
	return r < 0 ? r : 0;
}

long signal_send_info(struct proc *p, struct thread *t, const struct uk_siginfo *in, int errno_)
{
	struct thread_siginfo info = { in->code, errno_, in->word0, in->word1 };
	return send(p, t, in->signo, &info);
}

long signal_action(struct proc *p, int sig, uint64_t uact, uint64_t uoact, uint64_t size)
{
	struct k_sigaction act;
	if (size != 8 || sig < 1 || sig > NSIG_LINUX)
		return -EINVAL;
	if (uact && (sig == SIGKILL_NR || sig == SIGSTOP_NR))
		return -EINVAL;
	if (uact && copy_from_user(&act, uact, sizeof(act)))
		return -EFAULT;
	if (uoact && copy_to_user(uoact, &p->sigactions[sig - 1], sizeof(act)))
		return -EFAULT;
	if (uact) {
		act.mask &= ~(SIG_BIT(SIGKILL_NR) | SIG_BIT(SIGSTOP_NR));
		p->sigactions[sig - 1] = act;
		bool ignored = act.handler == SIG_IGN ||
			       (act.handler == SIG_DFL && !default_terminates(sig) && !is_stop(sig) &&
				sig != SIGCONT);
		struct thread_siginfo gone;
		for (struct thread *t = p->threads; ignored && t; t = t->proc_next)
			while (t->sigpending & SIG_BIT(sig))  /* POSIX: pending ones are discarded,
							     * blocked or not */
				signal_take(t, sig, &gone);
	}
	return 0;
}

void signal_fill_info(void *out, int sig, const struct thread_siginfo *in)
{
	struct k_siginfo *info = out;
	memset(info, 0, sizeof(*info));
	info->signo = sig;
	info->errno_ = in->errno_;
	info->code = in->code;
	info->word0 = in->word0;
	info->word1 = in->word1;
}

static bool on_altstack(const struct thread *t, uint64_t sp)
{
	return t->altstack_size && sp > t->altstack_sp && sp <= t->altstack_sp + t->altstack_size;
}

static void fill_frame(struct rt_sigframe *f, const struct trap_frame *tf, const struct thread *t,
		       int sig, const struct thread_siginfo *si, const struct k_sigaction *a)
{
	memset(f, 0, sizeof(*f));
	f->pretcode = a->restorer;
	uint64_t *g = f->uc.gregs;
	g[0] = tf->r8, g[1] = tf->r9, g[2] = tf->r10, g[3] = tf->r11;
	g[4] = tf->r12, g[5] = tf->r13, g[6] = tf->r14, g[7] = tf->r15;
	g[8] = tf->rdi, g[9] = tf->rsi, g[10] = tf->rbp, g[11] = tf->rbx;
	g[12] = tf->rdx, g[13] = tf->rax, g[14] = tf->rcx, g[15] = tf->rsp;
	g[16] = tf->rip, g[17] = tf->rflags, g[18] = SEL_UCODE;
	f->uc.sigmask = t->sigmask_restore ? t->sigmask_saved : t->sigmask;
	f->uc.ss_sp = t->altstack_sp;
	f->uc.ss_size = t->altstack_size;
	f->uc.ss_flags = !t->altstack_size ? SS_DISABLE : on_altstack(t, tf->rsp) ? SS_ONSTACK : 0;
	signal_fill_info(&f->info, sig, si);
}

/* Calls that an SA_RESTART handler does not restart (Linux returns EINTR
 * from them whatever the flags say). */
static bool restartable(uint64_t nr)
{
	switch (nr) {
	case 7: case 23: case 34: case 35: case 128: case 130: case 230: case 270: case 271:
		return false;  /* poll select pause nanosleep sigtimedwait sigsuspend ... */
	default:
		return true;
	}
}

/* Keeps the interrupted FPU state in the kernel until rt_sigreturn. */
static bool push_fpu(struct thread *t)
{
	if (t->sigdepth == MAX_NESTED)
		return false;
	void *area = kmalloc(fpu_state_size());
	if (!area)
		return false;
	fpu_save(area);
	t->sigfpu[t->sigdepth++] = area;
	return true;
}

/* The action of a signal without a handler; false when there is one. */
static bool default_action(struct thread *t, int sig, const struct k_sigaction *a)
{
	if (a->handler == SIG_IGN)
		return true;
	if (a->handler != SIG_DFL)
		return false;
	if (is_stop(sig))
		stop_process(t->proc, sig);
	else if (default_terminates(sig))
		proc_exit(death_status(sig));
	return true;
}

void signal_deliver(struct thread *t)
{
	uint64_t ready = t->sigpending & ~t->sigmask;
	uint64_t restart = t->restart_nr ? t->restart_nr : t->restart_any;
	t->restart_nr = 0;
	if (!ready || !t->proc)
		return;
	int sig = __builtin_ctzll(ready) + 1;
	struct thread_siginfo si;
	signal_take(t, sig, &si);
	struct proc *p = t->proc;
	struct k_sigaction a = p->sigactions[sig - 1];
	if (default_action(t, sig, &a)) {
		if (t->sigmask_restore)   /* rt_sigsuspend's mask ends with it */
			t->sigmask = t->sigmask_saved;
		t->sigmask_restore = false;
		return;
	}
	struct trap_frame *tf = t->user_frame;
	t->restart_any = 0;  /* a handler runs: SA_RESTART decides */
	if (restart && (a.flags & SA_RESTART) && restartable(restart - 1)) {
		tf->rax = restart - 1;  /* the handler returns into the call again */
		tf->rip -= 2;           /* the syscall instruction */
	}
	uint64_t top = tf->rsp - RED_ZONE;
	if ((a.flags & SA_ONSTACK) && t->altstack_size && !on_altstack(t, tf->rsp))
		top = t->altstack_sp + t->altstack_size;
	uint64_t sp = ((top - sizeof(struct rt_sigframe)) & ~15ull) - 8;
	struct rt_sigframe f;
	fill_frame(&f, tf, t, sig, &si, &a);
	t->sigmask_restore = false;
	if (!(a.flags & SA_RESTORER) || a.handler >= USER_TOP || copy_to_user(sp, &f, sizeof(f)) ||
	    !push_fpu(t)) {  /* (a handler outside user space: iretq would fault in the kernel) */
		pr_warn("signal: pid %d (%s): cannot deliver signal %d; killed\n", p->pid, p->name, sig);
		proc_exit(death_status(SIGSEGV));
	}
	tf->rsp = sp;
	tf->rip = a.handler;
	tf->rdi = (uint64_t)sig;
	tf->rsi = sp + __builtin_offsetof(struct rt_sigframe, info);
	tf->rdx = sp + __builtin_offsetof(struct rt_sigframe, uc);
	tf->rax = 0;
	t->sigmask |= a.mask | ((a.flags & SA_NODEFER) ? 0 : SIG_BIT(sig));
	if (a.flags & SA_RESETHAND)
		p->sigactions[sig - 1].handler = SIG_DFL;
	t->iret_return = true;
}

long signal_return(struct thread *t)
{
	struct trap_frame *tf = t->user_frame;
	struct k_ucontext uc;
	if (copy_from_user(&uc, tf->rsp, sizeof(uc)) || uc.gregs[16] >= USER_TOP) {
		pr_warn("signal: pid %d: bad signal frame at 0x%lx; killed\n", t->proc->pid, tf->rsp);
		proc_exit(death_status(SIGSEGV));
	}
	const uint64_t *g = uc.gregs;
	tf->r8 = g[0], tf->r9 = g[1], tf->r10 = g[2], tf->r11 = g[3];
	tf->r12 = g[4], tf->r13 = g[5], tf->r14 = g[6], tf->r15 = g[7];
	tf->rdi = g[8], tf->rsi = g[9], tf->rbp = g[10], tf->rbx = g[11];
	tf->rdx = g[12], tf->rax = g[13], tf->rcx = g[14], tf->rsp = g[15];
	tf->rip = g[16];
	tf->rflags = (g[17] & 0x0DD5) | 0x202;  /* the user's arithmetic flags; IF on */
	tf->cs = SEL_UCODE;
	tf->ss = SEL_UDATA;
	t->sigmask = uc.sigmask & ~(SIG_BIT(SIGKILL_NR) | SIG_BIT(SIGSTOP_NR));
	if (t->sigdepth) {
		void *area = t->sigfpu[--t->sigdepth];
		fpu_restore(area);
		kfree(area);
	}
	t->iret_return = true;
	return (long)tf->rax;
}

void signal_thread_gone(struct thread *t)
{
	while (t->sigdepth)
		kfree(t->sigfpu[--t->sigdepth]);
	while (t->rtq) {
		struct sigq *q = t->rtq;
		t->rtq = q->next;
		kfree(q);
		if (t->proc && t->proc->nqueued)
			t->proc->nqueued--;
	}
}
