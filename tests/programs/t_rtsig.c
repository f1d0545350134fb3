// SPDX-License-Identifier: MIT
/* t_rtsig: real-time signals are queued, one per occurrence, each with its
 * own siginfo, delivered lowest number first and each number in the order
 * sent; sigqueue (rt_sigqueueinfo) carries a value; the queue is bounded by
 * RLIMIT_SIGPENDING (EAGAIN); a process may not pass its own siginfo off as
 * the kernel's to another process (EPERM). */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "child.h"
#include "tap.h"

static int order[16], values[16], n;

static void on_rt(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (n < 16) {
		order[n] = sig;
		values[n] = si->si_value.sival_int;
		n++;
	}
}

static void queued_in_order(void)
{
	struct sigaction sa = { .sa_sigaction = on_rt, .sa_flags = SA_SIGINFO };
	sigaction(SIGRTMIN, &sa, NULL);
	sigaction(SIGRTMIN + 1, &sa, NULL);
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigaddset(&set, SIGRTMIN + 1);
	sigprocmask(SIG_BLOCK, &set, &old);
	union sigval v;
	v.sival_int = 1;
	sigqueue(getpid(), SIGRTMIN + 1, v);
	for (int i = 10; i < 13; i++) {
		v.sival_int = i;
		CHECK("sigqueue_to_oneself_succeeds", sigqueue(getpid(), SIGRTMIN, v) == 0);
	}
	sigset_t pend;
	sigpending(&pend);
	CHECK("blocked_rt_signals_are_pending", sigismember(&pend, SIGRTMIN) && sigismember(&pend, SIGRTMIN + 1));
	n = 0;
	sigprocmask(SIG_SETMASK, &old, NULL);
	CHECK("each_occurrence_is_delivered", n == 4);
	CHECK("lowest_number_first_and_in_sending_order",
	      order[0] == SIGRTMIN && order[1] == SIGRTMIN && order[2] == SIGRTMIN &&
	      order[3] == SIGRTMIN + 1);
	CHECK("each_with_its_own_value", values[0] == 10 && values[1] == 11 && values[2] == 12 &&
	      values[3] == 1);
}

static void sigtimedwait_takes_one_at_a_time(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN + 2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	union sigval v = { .sival_int = 7 };
	sigqueue(getpid(), SIGRTMIN + 2, v);
	v.sival_int = 8;
	sigqueue(getpid(), SIGRTMIN + 2, v);
	siginfo_t si;
	struct timespec ts = { 0, 0 };
	int a = sigtimedwait(&set, &si, &ts), va = si.si_value.sival_int;
	int b = sigtimedwait(&set, &si, &ts), vb = si.si_value.sival_int;
	CHECK("sigtimedwait_takes_queued_occurrences_one_by_one",
	      a == SIGRTMIN + 2 && b == SIGRTMIN + 2 && va == 7 && vb == 8 && si.si_code == SI_QUEUE);
	CHECK_ERRNO("and_then_there_is_none", sigtimedwait(&set, &si, &ts), EAGAIN);
}

static int queue_limit(void)
{
	struct rlimit r = { 4, 4 };
	setrlimit(RLIMIT_SIGPENDING, &r);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &set, NULL);
	union sigval v = { 0 };
	for (int i = 0; i < 4; i++)
		if (sigqueue(getpid(), SIGRTMIN, v))
			return 1;
	return sigqueue(getpid(), SIGRTMIN, v) == -1 && errno == EAGAIN ? 0 : 2;
}

static void permissions(void)
{
	CHECK("sigqueue_past_rlimit_sigpending_is_eagain", EXITED_0(in_child(queue_limit)));
	pid_t pid = fork();
	if (pid == 0)
		for (;;)
			pause();
	siginfo_t si;
	memset(&si, 0, sizeof(si));
	si.si_code = SI_USER;  /* >= 0: a kernel-made code */
	CHECK_ERRNO("rt_sigqueueinfo_with_a_kernel_code_to_another_process_is_eperm",
		    syscall(SYS_rt_sigqueueinfo, pid, SIGTERM, &si), EPERM);
	si.si_code = SI_QUEUE;
	CHECK("rt_sigqueueinfo_with_si_queue_to_a_child_works",
	      syscall(SYS_rt_sigqueueinfo, pid, SIGTERM, &si) == 0);
	int st;
	CHECK("and_the_child_gets_it", waitpid(pid, &st, 0) == pid && KILLED_BY(st, SIGTERM));
	CHECK_ERRNO("rt_sigqueueinfo_to_no_process_is_esrch",
		    syscall(SYS_rt_sigqueueinfo, 999999, SIGTERM, &si), ESRCH);
	CHECK_ERRNO("rt_tgsigqueueinfo_to_no_thread_is_esrch",
		    syscall(SYS_rt_tgsigqueueinfo, getpid(), 999999, SIGTERM, &si), ESRCH);
	CHECK_ERRNO("rt_sigqueueinfo_with_a_bad_info_is_efault",
		    syscall(SYS_rt_sigqueueinfo, getpid(), SIGRTMIN, (void *)8), EFAULT);
}

int main(void)
{
	tap_begin();
	queued_in_order();
	sigtimedwait_takes_one_at_a_time();
	permissions();
	return tap_end("t_rtsig");
}
