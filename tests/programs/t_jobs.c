// SPDX-License-Identifier: MIT
/* t_jobs: job control at the terminal (/dev/console), as POSIX and Linux's
 * tty layer have it. The program leads its own session (init starts each
 * command so), whose controlling terminal the console becomes. A
 * background group's read stops it with SIGTTIN (EIO when SIGTTIN is
 * ignored), its write stops it with SIGTTOU only under TOSTOP,
 * tcsetpgrp's rules hold, and a session that does not own the terminal
 * gets ENOTTY for it. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <stdio.h>
#include <unistd.h>
#include "child.h"
#include "tap.h"

static int tty;

/* A child in a group of its own (so in the background) does op. */
static pid_t in_background(int (*op)(void))
{
	pid_t pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		_exit(op());
	}
	setpgid(pid, pid);
	return pid;
}

static int bg_read(void)
{
	char c;
	return read(tty, &c, 1) == -1 ? 10 : 0;
}

static int bg_read_ignoring_sigttin(void)
{
	char c;
	signal(SIGTTIN, SIG_IGN);
	return read(tty, &c, 1) == -1 && errno == EIO ? 0 : 1;
}

static int bg_write(void)
{
	return write(tty, "# background write\n", 19) == 19 ? 0 : 1;
}

static int bg_tcsetattr(void)
{
	struct termios t;
	tcgetattr(tty, &t);
	return tcsetattr(tty, TCSANOW, &t) == 0 ? 0 : 1;
}

static int other_session(void)
{
	if (setsid() < 0)
		return 1;
	if (tcgetpgrp(tty) != -1 || errno != ENOTTY)
		return 2;  /* not its controlling terminal */
	if (ioctl(tty, TIOCSCTTY, 0) != -1 || errno != EPERM)
		return 3;  /* the terminal's session is alive */
	char m[48];
	int n = snprintf(m, sizeof(m), "# other session (pid %d ppid %d) writes\n", getpid(), getppid());
	return write(tty, m, (size_t)n) == n ? 0 : 4;
}

/* Waits until pid stops; returns the stop signal, or -1. */
static int stopped_by(pid_t pid)
{
	int st;
	if (waitpid(pid, &st, WUNTRACED) != pid || !WIFSTOPPED(st))
		return -1;
	return WSTOPSIG(st);
}

static void finish(pid_t pid)
{
	int st;
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
}

int main(void)
{
	tap_begin();
	tty = open("/dev/console", O_RDWR);
	if (!CHECK("open_the_console", tty >= 0))
		return tap_end("t_jobs");
	CHECK("the_terminal_foreground_is_our_group", tcgetpgrp(tty) == getpgrp());
	pid_t sid = 0;
	CHECK("tiocgsid_names_our_session", ioctl(tty, TIOCGSID, &sid) == 0 && sid == getsid(0));
	pid_t pid = in_background(bg_read);
	CHECK("a_background_read_stops_with_sigttin", stopped_by(pid) == SIGTTIN);
	finish(pid);
	int st;
	pid = in_background(bg_read_ignoring_sigttin);
	CHECK("a_background_read_ignoring_sigttin_is_eio", waitpid(pid, &st, 0) == pid && EXITED_0(st));
	pid = in_background(bg_write);
	CHECK("a_background_write_without_tostop_goes_through", waitpid(pid, &st, 0) == pid &&
	      EXITED_0(st));
	struct termios t, saved;
	tcgetattr(tty, &saved);
	t = saved;
	t.c_lflag |= TOSTOP;
	tcsetattr(tty, TCSANOW, &t);
	pid = in_background(bg_write);
	CHECK("a_background_write_under_tostop_stops_with_sigttou", stopped_by(pid) == SIGTTOU);
	finish(pid);
	tcsetattr(tty, TCSANOW, &saved);
	pid = in_background(bg_tcsetattr);
	CHECK("a_background_tcsetattr_stops_with_sigttou", stopped_by(pid) == SIGTTOU);
	CHECK("tcsetpgrp_makes_its_group_the_foreground", tcsetpgrp(tty, pid) == 0 &&
	      tcgetpgrp(tty) == pid);
	kill(pid, SIGCONT);
	CHECK("continued_in_the_foreground_it_finishes", waitpid(pid, &st, 0) == pid && EXITED_0(st));
	signal(SIGTTOU, SIG_IGN);  /* we are in the background now */
	CHECK("tcsetpgrp_takes_the_foreground_back", tcsetpgrp(tty, getpgrp()) == 0);
	signal(SIGTTOU, SIG_DFL);
	CHECK_ERRNO("tcsetpgrp_to_no_such_group_is_eperm", tcsetpgrp(tty, 999999), EPERM);
	CHECK("another_session_gets_enotty_and_cannot_take_the_terminal",
	      EXITED_0(in_child(other_session)));
	close(tty);
	return tap_end("t_jobs");
}
