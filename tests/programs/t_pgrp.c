// SPDX-License-Identifier: MIT
/* t_pgrp: processes as Linux's man pages describe them: clone with the
 * flags glibc's fork passes, SIGCHLD with its siginfo on exit, stop and
 * continue, SA_NOCLDSTOP and SIG_IGN (no zombies), SIGPIPE, process groups
 * and sessions (setpgid, getpgid, getpgrp, setsid, getsid with their
 * errnos), signals to a group, waits for a group, and an orphaned group
 * with a stopped member getting SIGHUP and SIGCONT. */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "child.h"
#include "tap.h"

#define CLONE_CHILD_SETTID_ 0x01000000
#define CLONE_CHILD_CLEARTID_ 0x00200000
#define CLONE_PARENT_SETTID_ 0x00100000

static volatile sig_atomic_t got_chld, chld_code, chld_pid, chld_status, got_hup, got_cont;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	got_chld++;
	chld_code = si->si_code;
	chld_pid = si->si_pid;
	chld_status = si->si_status;
}

/* glibc's fork: clone(CHILD_SETTID | CHILD_CLEARTID | SIGCHLD, 0, 0, &tid). */
static void clone_as_glibc_forks(void)
{
	static volatile int ctid, ptid;
	long pid = syscall(SYS_clone, CLONE_CHILD_SETTID_ | CLONE_CHILD_CLEARTID_ |
			   CLONE_PARENT_SETTID_ | SIGCHLD, 0, &ptid, &ctid, 0);
	if (pid == 0)
		_exit(ctid == getpid() ? 0 : 1);  /* the child sees its own tid there */
	int st = -1;
	CHECK("clone_with_child_settid_and_cleartid_forks", pid > 0);
	CHECK("clone_parent_settid_tells_the_parent_the_pid", ptid == pid);
	CHECK("clone_child_settid_is_written_in_the_childs_memory",
	      waitpid((pid_t)pid, &st, 0) == pid && EXITED_0(st));
	CHECK("the_parents_copy_of_child_tid_is_untouched", ctid == 0);
	CHECK_ERRNO("clone_sharing_descriptor_tables_between_processes_is_einval",
		    syscall(SYS_clone, CLONE_FILES | SIGCHLD, 0, 0, 0, 0), EINVAL);
}

static void sigchld_on_exit_stop_and_continue(void)
{
	struct sigaction sa = { .sa_sigaction = on_chld, .sa_flags = SA_SIGINFO };
	sigaction(SIGCHLD, &sa, NULL);
	got_chld = 0;
	pid_t pid = fork();
	if (pid == 0)
		_exit(7);
	int st;
	waitpid(pid, &st, 0);
	CHECK("sigchld_comes_when_a_child_exits", got_chld == 1);
	CHECK("sigchld_says_cld_exited_pid_and_status",
	      chld_code == CLD_EXITED && chld_pid == pid && chld_status == 7);
	pid = fork();
	if (pid == 0)
		for (;;)
			pause();
	got_chld = 0;
	kill(pid, SIGSTOP);
	CHECK("waitpid_wuntraced_sees_the_stop", waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st));
	CHECK("sigchld_says_cld_stopped", got_chld >= 1 && chld_code == CLD_STOPPED && chld_status == SIGSTOP);
	kill(pid, SIGCONT);
	CHECK("waitpid_wcontinued_sees_the_continue", waitpid(pid, &st, WCONTINUED) == pid && WIFCONTINUED(st));
	CHECK("sigchld_says_cld_continued", chld_code == CLD_CONTINUED);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	CHECK("sigchld_says_cld_killed_and_the_signal", chld_code == CLD_KILLED && chld_status == SIGKILL);
	sa.sa_flags = SA_SIGINFO | SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	pid = fork();
	if (pid == 0)
		for (;;)
			pause();
	got_chld = 0;
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	CHECK("sa_nocldstop_means_no_sigchld_for_a_stop", got_chld == 0);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	signal(SIGCHLD, SIG_DFL);
}

static void ignored_sigchld_leaves_no_zombie(void)
{
	signal(SIGCHLD, SIG_IGN);
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	usleep(20000);
	int st;
	CHECK_ERRNO("with_sigchld_ignored_children_are_reaped_and_wait_is_echild",
		    waitpid(pid, &st, 0), ECHILD);
	signal(SIGCHLD, SIG_DFL);
}

static void sigpipe_on_a_pipe_without_reader(void)
{
	int fd[2];
	pipe(fd);
	close(fd[0]);
	pid_t pid = fork();
	if (pid == 0)
		_exit(write(fd[1], "x", 1) == -1 ? 0 : 1);
	int st;
	CHECK("a_write_to_a_pipe_without_reader_raises_sigpipe",
	      waitpid(pid, &st, 0) == pid && KILLED_BY(st, SIGPIPE));
	signal(SIGPIPE, SIG_IGN);
	CHECK_ERRNO("with_sigpipe_ignored_the_write_is_epipe", write(fd[1], "x", 1), EPIPE);
	signal(SIGPIPE, SIG_DFL);
	close(fd[1]);
}

static int in_new_session(void)
{
	pid_t me = getpid();
	if (setsid() != me || getsid(0) != me || getpgrp() != me)
		return 1;
	if (setsid() != -1 || errno != EPERM)
		return 2;  /* a group leader cannot make another session */
	return setpgid(0, getppid()) == -1 && errno == EPERM ? 0 : 3;  /* no such group here */
}

static void groups_and_sessions(void)
{
	pid_t me = getpid();
	CHECK("getpgid_0_is_getpgrp", getpgid(0) == getpgrp());
	CHECK("getsid_0_is_the_session", getsid(0) > 0);
	CHECK_ERRNO("getpgid_of_no_process_is_esrch", getpgid(999999), ESRCH);
	CHECK_ERRNO("getsid_of_no_process_is_esrch", getsid(999999), ESRCH);
	CHECK_ERRNO("setpgid_with_a_negative_group_is_einval", setpgid(0, -1), EINVAL);
	CHECK_ERRNO("setpgid_of_a_process_not_a_child_is_esrch", setpgid(1, 1), ESRCH);
	CHECK("setsid_in_a_child_makes_a_new_session", EXITED_0(in_child(in_new_session)));
	pid_t pid = fork();
	if (pid == 0)
		for (;;)
			pause();
	CHECK("setpgid_moves_a_child_into_its_own_group", setpgid(pid, pid) == 0 && getpgid(pid) == pid);
	CHECK("getpgrp_of_the_parent_is_unchanged", getpgrp() != pid && getpgid(me) == getpgrp());
	int st;
	CHECK("kill_of_the_group_reaches_its_member", kill(-pid, SIGTERM) == 0 &&
	      waitpid(pid, &st, 0) == pid && KILLED_BY(st, SIGTERM));
	CHECK_ERRNO("kill_of_an_empty_group_is_esrch", kill(-pid, SIGTERM), ESRCH);
}

static void waits_for_a_group(void)
{
	pid_t a = fork();
	if (a == 0) {
		setpgid(0, 0);
		usleep(50000);
		_exit(3);
	}
	setpgid(a, a);
	pid_t b = fork();
	if (b == 0)
		_exit(4);
	int st;
	pid_t got = waitpid(-a, &st, 0);
	CHECK("waitpid_minus_pgid_takes_a_child_of_that_group", got == a && WEXITSTATUS(st) == 3);
	got = waitpid(0, &st, 0);
	CHECK("waitpid_0_takes_a_child_of_the_callers_group", got == b && WEXITSTATUS(st) == 4);
	CHECK_ERRNO("waitpid_minus_pgid_with_no_such_child_is_echild", waitpid(-a, &st, 0), ECHILD);
}

static void on_hup(int sig)
{
	(void)sig;
	got_hup = 1;
}

static void on_cont(int sig)
{
	(void)sig;
	got_cont = 1;
}

/* The middle process puts a grandchild in a group of its own, waits
 * until it has stopped, and exits: the group is orphaned with a stopped
 * member, which must get SIGHUP and SIGCONT. */
static void orphaned_group(void)
{
	int fd[2];
	pipe(fd);
	pid_t mid = fork();
	if (mid == 0) {
		close(fd[0]);
		dup2(fd[1], 101);
		pid_t g = fork();
		if (g == 0) {
			signal(SIGHUP, on_hup);
			signal(SIGCONT, on_cont);
			setpgid(0, 0);
			raise(SIGSTOP);
			usleep(50000);
			char r = got_hup && got_cont ? 'y' : 'n';
			write(101, &r, 1);
			_exit(0);
		}
		setpgid(g, g);
		int st;
		waitpid(g, &st, WUNTRACED);
		_exit(0);  /* the stopped grandchild's group is now orphaned */
	}
	close(fd[1]);
	int st;
	waitpid(mid, &st, 0);
	char r = 0;
	CHECK("an_orphaned_group_with_a_stopped_member_gets_sighup_and_sigcont",
	      read(fd[0], &r, 1) == 1 && r == 'y');
	close(fd[0]);
}

int main(void)
{
	tap_begin();
	clone_as_glibc_forks();
	sigchld_on_exit_stop_and_continue();
	ignored_sigchld_leaves_no_zombie();
	sigpipe_on_a_pipe_without_reader();
	groups_and_sessions();
	waits_for_a_group();
	orphaned_group();
	return tap_end("t_pgrp");
}
