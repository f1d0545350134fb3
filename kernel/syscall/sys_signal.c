// SPDX-License-Identifier: MIT
/* Waiting for signals and where handlers run: rt_sigsuspend, pause,
 * rt_sigtimedwait and sigaltstack. (Actions, masks and sending are in
 * sys_proc.c and proc/signal.c.) */
#include "abi/errno.h"
#include "cpu.h"
#include "trap.h"
#include "mm/uaccess.h"
#include "proc/futex.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "sched/thread.h"
#include "syscall/syscall.h"
#include "lib/string.h"

#define SS_ONSTACK 1
#define SS_DISABLE 2
#define SS_AUTODISARM (1u << 31)
#define MINSIGSTKSZ 2048
#define UNBLOCKABLE (SIG_BIT(SIGKILL_NR) | SIG_BIT(SIGSTOP_NR))

/* Threads waiting in sigsuspend, pause or sigtimedwait (a signal wakes
 * the thread itself; nothing wakes this queue as a whole). */
static struct waitq sig_waiters;

static bool deliverable(const struct thread *t)
{
	return (t->sigpending & ~t->sigmask) != 0;
}

/* Sleeps with mask until a signal is delivered; the handler's frame
 * restores the caller's mask (signal.c). Always -EINTR, as Linux. */
static long suspend(uint64_t mask)
{
	struct thread *t = thread_current();
	t->sigmask_saved = t->sigmask;
	t->sigmask_restore = true;
	t->sigmask = mask & ~UNBLOCKABLE;
	while (!deliverable(t) && !t->killed)
		sched_block(&sig_waiters, 0);
	return -EINTR;
}

SYSCALL(rt_sigsuspend)
{
	uint64_t mask;
	if (a1 != 8)
		return -EINVAL;
	if (copy_from_user(&mask, a0, sizeof(mask)))
		return -EFAULT;
	return suspend(mask);
}

SYSCALL(pause)
{
	struct thread *t = thread_current();
	while (!deliverable(t) && !t->killed)
		sched_block(&sig_waiters, 0);
	return -EINTR;
}

/* Takes the lowest pending signal of set: its number, with its siginfo
 * copied to uinfo (if not 0); 0 if none is pending. */
static long take(struct thread *t, uint64_t set, uint64_t uinfo)
{
	uint64_t ready = t->sigpending & set;
	if (!ready)
		return 0;
	int sig = __builtin_ctzll(ready) + 1;
	uint8_t info[128];
	struct thread_siginfo si;
	signal_take(t, sig, &si);
	signal_fill_info(info, sig, &si);
	if (uinfo && copy_to_user(uinfo, info, sizeof(info)))
		return -EFAULT;  /* the signal is taken even so, as on Linux */
	return sig;
}

/* rt_sigtimedwait(set, info, timeout, size): a signal of set, taken
 * without its handler; -EAGAIN when the timeout passes, -EINTR when a
 * signal outside set is delivered first. */
SYSCALL(rt_sigtimedwait)
{
	struct thread *t = thread_current();
	uint64_t set, deadline;
	if (a3 != 8)
		return -EINVAL;
	if (copy_from_user(&set, a0, sizeof(set)))
		return -EFAULT;
	set &= ~UNBLOCKABLE;
	long r = timeout_deadline(a2, false, &deadline);
	if (r)
		return r;
	for (;;) {
		if ((r = take(t, set, a1)) != 0)
			return r;
		if (deliverable(t))
			return -EINTR;
		if (a2 && deadline <= rdtsc() + 1)
			return -EAGAIN;
		t->sigwait_set = set;
		int w = sched_block(&sig_waiters, a2 ? deadline : 0);
		t->sigwait_set = 0;
		if (t->killed)
			return -EINTR;
		if (w == -ETIMEDOUT && !(t->sigpending & set))
			return -EAGAIN;
	}
}

struct k_stack {
	uint64_t sp;
	int32_t flags;
	int32_t pad;
	uint64_t size;
};

SYSCALL(sigaltstack)
{
	struct thread *t = thread_current();
	uint64_t rsp = t->user_frame->rsp;
	bool on = t->altstack_size && rsp > t->altstack_sp && rsp <= t->altstack_sp + t->altstack_size;
	struct k_stack old = { t->altstack_sp, t->altstack_size ? (on ? SS_ONSTACK : 0) : SS_DISABLE,
			       0, t->altstack_size };
	struct k_stack ss;
	if (a0 && copy_from_user(&ss, a0, sizeof(ss)))
		return -EFAULT;
	if (a0) {
		if (on)
			return -EPERM;  /* not while running on it */
		if ((uint32_t)ss.flags & ~(uint32_t)(SS_DISABLE | SS_AUTODISARM | SS_ONSTACK))
			return -EINVAL;
		if (ss.flags & SS_DISABLE) {
			ss.sp = ss.size = 0;
		} else if (ss.size < MINSIGSTKSZ) {
			return -ENOMEM;
		} else if (!user_range_ok(ss.sp, ss.size)) {
			return -EFAULT;
		}
	}
	if (a1 && copy_to_user(a1, &old, sizeof(old)))
		return -EFAULT;
	if (a0) {
		t->altstack_sp = ss.sp;
		t->altstack_size = ss.size;
	}
	return 0;
}
