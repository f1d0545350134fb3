// SPDX-License-Identifier: MIT
/* Signals beyond the basics: sigaltstack, rt_sigsuspend and pause,
 * rt_sigtimedwait, a forwarded sleep or pipe read interrupted by a signal
 * (EINTR with the time left; SA_RESTART restarting the read), stop and
 * continue seen by the parent through waitpid, and a blocked signal whose
 * default action would kill staying pending. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <time.h>
#include "child.h"
#include "tap.h"

static volatile int hits;
static volatile uintptr_t handler_sp;
static volatile int ss_flags_inside = -1;

static void on_sig(int sig)
{
	(void)sig;
	hits++;
}

static void on_alt(int sig)
{
	(void)sig;
	volatile int local = 0;
	handler_sp = (uintptr_t)&local;
	stack_t now;
	if (sigaltstack(NULL, &now) == 0)
		ss_flags_inside = now.ss_flags;
	hits++;
}

static void handle(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa = { .sa_handler = fn, .sa_flags = flags };
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void after_ms(long ms)
{
	struct itimerval iv = { .it_value = { ms / 1000, (ms % 1000) * 1000 } };
	setitimer(ITIMER_REAL, &iv, NULL);
}

static void altstack(void)
{
	static char stack[16384];
	stack_t ss = { .ss_sp = stack, .ss_size = sizeof(stack) }, small = { .ss_sp = stack, .ss_size = 100 };
	CHECK_ERRNO("sigaltstack_too_small_is_enomem", sigaltstack(&small, NULL), ENOMEM);
	handle(SIGUSR1, on_alt, SA_ONSTACK);
	hits = 0;
	CHECK("sigaltstack_handler_runs_on_the_alternate_stack",
	      sigaltstack(&ss, NULL) == 0 && raise(SIGUSR1) == 0 && hits == 1 &&
	      handler_sp >= (uintptr_t)stack && handler_sp < (uintptr_t)stack + sizeof(stack) &&
	      ss_flags_inside == SS_ONSTACK);
	stack_t off = { .ss_flags = SS_DISABLE }, now;
	CHECK("sigaltstack_disable",
	      sigaltstack(&off, NULL) == 0 && sigaltstack(NULL, &now) == 0 && now.ss_flags == SS_DISABLE);
}

static void suspend_and_wait(void)
{
	sigset_t block, empty, now;
	sigemptyset(&empty);
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	sigprocmask(SIG_BLOCK, &block, NULL);
	handle(SIGALRM, on_sig, 0);
	hits = 0;
	after_ms(10);
	int r = sigsuspend(&empty);
	int err = errno;
	sigprocmask(SIG_BLOCK, NULL, &now);
	CHECK("sigsuspend_returns_eintr_after_the_handler", r == -1 && err == EINTR && hits == 1);
	CHECK("sigsuspend_restores_the_mask", sigismember(&now, SIGALRM));
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	after_ms(10);
	r = pause();
	CHECK("pause_returns_eintr", r == -1 && errno == EINTR && hits == 2);

	sigset_t usr;
	sigemptyset(&usr);
	sigaddset(&usr, SIGUSR2);
	sigprocmask(SIG_BLOCK, &usr, NULL);
	kill(getpid(), SIGUSR2);
	siginfo_t si;
	CHECK("sigtimedwait_takes_a_pending_signal_with_its_info",
	      sigwaitinfo(&usr, &si) == SIGUSR2 && si.si_code == SI_USER && si.si_pid == getpid());
	struct timespec ten_ms = { 0, 10000000 };
	CHECK_ERRNO("sigtimedwait_times_out_with_eagain", sigtimedwait(&usr, &si, &ten_ms), EAGAIN);
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR2 };
	ev.sigev_value.sival_int = 5;
	timer_t t;
	struct itimerspec its = { .it_value = { 0, 5000000 } };
	CHECK("sigwaitinfo_takes_a_timer_signal",
	      timer_create(CLOCK_MONOTONIC, &ev, &t) == 0 && timer_settime(t, 0, &its, NULL) == 0 &&
	      sigwaitinfo(&usr, &si) == SIGUSR2 && si.si_code == SI_TIMER && si.si_value.sival_int == 5);
	timer_delete(t);
	sigprocmask(SIG_UNBLOCK, &usr, NULL);
}

static void interrupted_calls(void)
{
	handle(SIGALRM, on_sig, 0);
	hits = 0;
	after_ms(20);
	struct timespec req = { 1, 0 }, rem = { 0, 0 };
	int r = nanosleep(&req, &rem);
	CHECK("nanosleep_interrupted_gives_eintr_and_the_time_left",
	      r == -1 && errno == EINTR && hits == 1 && rem.tv_sec == 0 && rem.tv_nsec > 500000000);

	int fds[2];
	char c = 0;
	pipe(fds);
	after_ms(20);
	r = (int)read(fds[0], &c, 1);
	CHECK("pipe_read_interrupted_gives_eintr", r == -1 && errno == EINTR && hits == 2);

	handle(SIGALRM, on_sig, SA_RESTART);
	pid_t writer = fork();
	if (writer == 0) {
		struct timespec d = { 0, 100000000 };
		nanosleep(&d, NULL);
		write(fds[1], "x", 1);
		_exit(0);
	}
	after_ms(20);
	r = (int)read(fds[0], &c, 1);
	CHECK("sa_restart_restarts_the_read_after_the_handler", r == 1 && c == 'x' && hits == 3);
	waitpid(writer, NULL, 0);
	close(fds[0]);
	close(fds[1]);
}

static void stop_and_continue(void)
{
	volatile uint64_t *count = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid = fork();
	if (pid == 0)
		for (;;)
			(*count)++;
	struct timespec d = { 0, 20000000 };
	nanosleep(&d, NULL);
	int st = 0;
	kill(pid, SIGSTOP);
	CHECK("sigstop_is_reported_by_wuntraced",
	      waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP);
	uint64_t before = *count;
	nanosleep(&d, NULL);
	CHECK("a_stopped_process_does_not_run", *count == before);
	kill(pid, SIGCONT);
	CHECK("sigcont_is_reported_by_wcontinued",
	      waitpid(pid, &st, WCONTINUED) == pid && WIFCONTINUED(st));
	nanosleep(&d, NULL);
	CHECK("a_continued_process_runs_again", *count > before);
	kill(pid, SIGTSTP);
	CHECK("sigtstp_stops_by_default",
	      waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGTSTP);
	kill(pid, SIGKILL);
	CHECK("sigkill_ends_a_stopped_process",
	      waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
}

static int blocked_term_stays_pending(void)
{
	sigset_t term, pend;
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigprocmask(SIG_BLOCK, &term, NULL);
	raise(SIGTERM);
	sigpending(&pend);
	if (!sigismember(&pend, SIGTERM))
		return 1;
	handle(SIGTERM, on_sig, 0);
	hits = 0;
	sigprocmask(SIG_UNBLOCK, &term, NULL);
	return hits == 1 ? 0 : 2;
}

int main(void)
{
	tap_begin();
	stop_and_continue();
	altstack();
	suspend_and_wait();
	interrupted_calls();
	CHECK("blocked_signal_with_a_deadly_default_stays_pending",
	      EXITED_0(in_child(blocked_term_stays_pending)));
	return tap_end("t_sigwait");
}
