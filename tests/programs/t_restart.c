// SPDX-License-Identifier: MIT
/* Servers restarted under a running program: the time server is killed
 * while a sleep waits in it, the console while nothing waits; init starts
 * fresh copies on the same endpoints, the sleep finishes on the successor,
 * and the calls after the restarts work; the wall-clock setting and the
 * terminal settings survive (kept in memory objects init holds). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tap.h"
#include "uk.h"


/* A periodic timer armed before the time server dies keeps firing from its
 * successor, with no other call to the server in between. */
static void timer_keeps_firing_across_a_restart(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &set, NULL);
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN };
	timer_t t;
	struct itimerspec its = { .it_value = { 0, 10000000 }, .it_interval = { 0, 10000000 } };
	siginfo_t si;
	struct timespec wait = { 2, 0 };
	int ok = timer_create(CLOCK_MONOTONIC, &ev, &t) == 0 && timer_settime(t, 0, &its, NULL) == 0 &&
		 sigtimedwait(&set, &si, &wait) == SIGRTMIN;
	ok = ok && kill((int)uk_pid_of("time"), SIGKILL) == 0;
	/* sigtimedwait is the kernel's: only the successor's own timer sends these. */
	int got = 0;
	for (int i = 0; i < 3; i++)
		got += sigtimedwait(&set, &si, &wait) == SIGRTMIN;
	CHECK("timer_keeps_firing_after_the_time_server_restart", ok && got == 3);
	timer_delete(t);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

int main(void)
{
	tap_begin();
	long before = uk_pid_of("time");
	CHECK("time_server_found", before > 0);
	struct timespec wall;
	clock_gettime(CLOCK_REALTIME, &wall);
	struct timespec moved = { wall.tv_sec + 86400, 0 };
	CHECK("wall_clock_set_before_the_restart", clock_settime(CLOCK_REALTIME, &moved) == 0);
	/* A separate process sleeps, so that its request (on its own connection)
	 * is still in the time server when the server dies. */
	pid_t sleeper = fork();
	if (sleeper == 0) {
		struct timespec req = { 0, 300000000 };
		_exit(nanosleep(&req, NULL) == 0 ? 0 : 1);
	}
	struct timespec pause = { 0, 50000000 };
	nanosleep(&pause, NULL);  /* the sleeper is now waiting in the time server */
	CHECK("time_server_killed", kill((int)before, SIGKILL) == 0);
	int status = -1;
	CHECK("sleep_in_flight_finishes_on_the_successor",
	      waitpid(sleeper, &status, 0) == sleeper && WIFEXITED(status) && WEXITSTATUS(status) == 0);
	struct timespec now;
	/* The calls below go to the server itself (clock_gettime alone would be
	 * answered by the vDSO). */
	CHECK("clock_works_after_the_restart", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &now) == 0);
	long after = uk_pid_of("time");
	CHECK("a_new_time_server_runs", after > 0 && after != before);
	struct timespec seen;
	syscall(SYS_clock_gettime, CLOCK_REALTIME, &seen);
	CHECK("wall_clock_setting_survives_the_restart", seen.tv_sec >= moved.tv_sec);
	moved.tv_sec = seen.tv_sec - 86400;
	clock_settime(CLOCK_REALTIME, &moved);
	timer_keeps_firing_across_a_restart();
	long console = uk_pid_of("console");
	struct termios tio, after_tio;
	tcgetattr(0, &tio);
	struct termios quiet = tio;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(0, TCSANOW, &quiet);
	CHECK("console_killed", console > 0 && kill((int)console, SIGKILL) == 0);
	nanosleep(&pause, NULL);
	CHECK("terminal_settings_survive_the_restart", tcgetattr(0, &after_tio) == 0 &&
							    !(after_tio.c_lflag & ECHO));
	tcsetattr(0, TCSANOW, &tio);
	CHECK("output_after_console_restart", printf("# printed after the console restart\n") > 0);
	CHECK("a_new_console_runs", uk_pid_of("console") > 0 && uk_pid_of("console") != console);
	return tap_end("t_restart");
}
