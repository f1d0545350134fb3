// SPDX-License-Identifier: MIT
/* Signals: handlers run with siginfo and return through rt_sigreturn with
 * the interrupted registers and FPU state intact; masks hold signals
 * pending until unblocked; ignored signals vanish; SA_RESETHAND; default
 * actions seen by the parent (terminate, and core for SIGABRT). */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "child.h"
#include "tap.h"

static volatile int hits, last_signo, last_code = -1;
static volatile double sink;

static void on_info(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	volatile double x = 1.0;
	for (int i = 0; i < 100; i++)
		x = x * 1.5 + 0.25;  /* the handler uses the FPU too */
	sink = x;
	hits++;
	last_signo = si->si_signo;
	last_code = sig;
}

static int child_status(void (*body)(void))
{
	pid_t pid = fork();
	if (pid == 0) {
		body();
		_exit(0);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	return status;
}

static void die_by_term(void)
{
	kill(getpid(), SIGTERM);
	pause();
}

static void die_by_abort(void)
{
	abort();
}

static void reset_then_die(void)
{
	struct sigaction sa = { .sa_handler = SIG_DFL };
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
	sigaction(SIGUSR2, &sa, NULL);
	raise(SIGUSR2);  /* handled once */
	raise(SIGUSR2);  /* default now: terminates */
}

/* POSIX: an ignored signal that is blocked stays pending (the action may
 * change before it is unblocked); setting SIG_IGN discards a pending one. */
static int blocked_ignored_stays_pending(void)
{
	sigset_t s, p;
	sigemptyset(&s);
	sigaddset(&s, SIGTERM);
	signal(SIGTERM, SIG_IGN);
	sigprocmask(SIG_BLOCK, &s, NULL);
	kill(getpid(), SIGTERM);
	if (sigpending(&p) || !sigismember(&p, SIGTERM))
		return 1;
	signal(SIGTERM, SIG_DFL);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	return 2;  /* not reached: the pending SIGTERM ends us */
}

static int sig_ign_discards_pending(void)
{
	sigset_t s, p;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR2);
	sigprocmask(SIG_BLOCK, &s, NULL);
	raise(SIGUSR2);
	signal(SIGUSR2, SIG_IGN);
	return sigpending(&p) == 0 && !sigismember(&p, SIGUSR2) ? 0 : 1;
}

int main(void)
{
	tap_begin();
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO;
	CHECK("sigaction_installs_a_handler", sigaction(SIGUSR1, &sa, NULL) == 0);
	volatile double before = 3.0;
	before = before / 7.0;
	CHECK("kill_self_runs_the_handler", kill(getpid(), SIGUSR1) == 0 && hits == 1);
	CHECK("handler_gets_siginfo", last_signo == SIGUSR1 && last_code == SIGUSR1);
	CHECK("fpu_state_survives_the_handler", before == 3.0 / 7.0);
	sigset_t block, pending;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	raise(SIGUSR1);
	CHECK("blocked_signal_stays_pending", hits == 1 && sigpending(&pending) == 0 &&
					      sigismember(&pending, SIGUSR1));
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	CHECK("unblocking_delivers_it", hits == 2);
	signal(SIGTERM, SIG_IGN);
	CHECK("ignored_signal_vanishes", raise(SIGTERM) == 0);
	signal(SIGTERM, SIG_DFL);
	int bst = in_child(blocked_ignored_stays_pending);
	CHECK("blocked_ignored_signal_stays_pending_and_kills_after_sig_dfl",
	      WIFSIGNALED(bst) && WTERMSIG(bst) == SIGTERM);
	bst = in_child(sig_ign_discards_pending);
	CHECK("setting_sig_ign_discards_a_pending_signal", WIFEXITED(bst) && WEXITSTATUS(bst) == 0);
	CHECK_ERRNO("sigaction_on_sigkill_gives_einval", sigaction(SIGKILL, &sa, NULL), EINVAL);
	CHECK_ERRNO("bad_signal_number_gives_einval", kill(getpid(), 100), EINVAL);
	int st = child_status(die_by_term);
	CHECK("parent_sees_sigterm_death", WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	st = child_status(die_by_abort);
	CHECK("abort_dies_with_sigabrt_and_core_flag", WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT &&
							   WCOREDUMP(st));
	st = child_status(reset_then_die);
	CHECK("sa_resethand_handles_once", WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR2);
	return tap_end("t_signal");
}
