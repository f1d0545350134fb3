// SPDX-License-Identifier: MIT
/* Servers restarted under a running program: the time server is killed
 * while a sleep waits in it, the console while nothing waits, the VFS
 * while a process waits for a lock and another for a FIFO's writer; init
 * starts fresh copies on the same endpoints, the waits finish on the
 * successors, and the calls after the restarts work; the wall-clock
 * setting, the terminal settings, the locks and the bytes in a FIFO
 * survive (kept in memory objects init holds). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
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

static int lock_file(int fd, int cmd, short type)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET };
	return fcntl(fd, cmd, &fl);
}

/* The holder: locks the file (fcntl and flock), says so, and lets go when
 * told (a byte on its pipe). */
static int hold_locks(int told, int say)
{
	int fd = open("/tmp/restart_lock", O_RDWR);
	if (fd < 0 || lock_file(fd, F_SETLK, F_WRLCK) != 0 || flock(fd, LOCK_EX) != 0)
		return 1;
	char c = 'L';
	if (write(say, &c, 1) != 1 || read(told, &c, 1) != 1)
		return 2;
	return lock_file(fd, F_SETLK, F_UNLCK) == 0 ? 0 : 3;
}

/* The waiter: F_SETLKW, parked in the VFS across its restart. */
static int wait_for_lock(void)
{
	int fd = open("/tmp/restart_lock", O_RDWR);
	return fd >= 0 && lock_file(fd, F_SETLKW, F_WRLCK) == 0 ? 0 : 1;
}

/* The reader: its open of the FIFO waits for a writer across the restart. */
static int wait_for_writer(void)
{
	char buf[8] = "";
	int fd = open("/tmp/restart_fifo2", O_RDONLY);
	return fd >= 0 && read(fd, buf, sizeof(buf)) == 4 && !memcmp(buf, "late", 4) ? 0 : 1;
}

static void vfs_state_survives_a_restart(void)
{
	int told[2], said[2];
	char c;
	int fd = open("/tmp/restart_lock", O_RDWR | O_CREAT | O_TRUNC, 0644);
	close(fd);
	unlink("/tmp/restart_fifo");
	unlink("/tmp/restart_fifo2");
	CHECK("fifos_made_before_the_vfs_restart", mkfifo("/tmp/restart_fifo", 0600) == 0 &&
							   mkfifo("/tmp/restart_fifo2", 0600) == 0);
	int r = open("/tmp/restart_fifo", O_RDONLY | O_NONBLOCK);
	int w = open("/tmp/restart_fifo", O_WRONLY);
	CHECK("bytes_written_into_a_fifo_before_the_restart", r >= 0 && w >= 0 &&
							       write(w, "kept", 4) == 4);
	pipe(told), pipe(said);
	pid_t holder = fork();
	if (holder == 0)
		_exit(hold_locks(told[0], said[1]));
	CHECK("a_process_holds_the_locks", read(said[0], &c, 1) == 1);
	pid_t waiter = fork();
	if (waiter == 0)
		_exit(wait_for_lock());
	pid_t reader = fork();
	if (reader == 0)
		_exit(wait_for_writer());
	struct timespec pause = { 0, 100000000 };
	nanosleep(&pause, NULL);  /* the waiter and the reader are parked in the VFS */
	long vfs = uk_pid_of("vfs");
	CHECK("vfs_killed", vfs > 0 && kill((int)vfs, SIGKILL) == 0);
	fd = open("/tmp/restart_lock", O_RDWR);  /* waits for the successor */
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	CHECK("a_posix_lock_survives_the_vfs_restart",
	      fd >= 0 && fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type == F_WRLCK && fl.l_pid == holder);
	CHECK_ERRNO("a_flock_lock_survives_the_vfs_restart", flock(fd, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	char buf[8] = "";
	CHECK("bytes_in_a_fifo_survive_the_vfs_restart", read(r, buf, sizeof(buf)) == 4 &&
								 !memcmp(buf, "kept", 4));
	CHECK("a_new_vfs_runs", uk_pid_of("vfs") > 0 && uk_pid_of("vfs") != vfs);
	int w2 = open("/tmp/restart_fifo2", O_WRONLY);
	CHECK("a_fifo_open_waiting_across_the_restart_meets_its_writer", w2 >= 0 &&
									 write(w2, "late", 4) == 4);
	close(w2);
	int st = -1;
	CHECK("the_fifo_reader_gets_the_bytes_after_the_restart",
	      waitpid(reader, &st, 0) == reader && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	c = 'U';
	write(told[1], &c, 1);
	CHECK("the_holder_lets_go_after_the_restart",
	      waitpid(holder, &st, 0) == holder && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK("a_setlkw_waiting_across_the_restart_gets_the_lock",
	      waitpid(waiter, &st, 0) == waiter && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	close(fd);
	close(r);
	close(w);
	close(told[0]), close(told[1]), close(said[0]), close(said[1]);
	unlink("/tmp/restart_lock");
	unlink("/tmp/restart_fifo");
	unlink("/tmp/restart_fifo2");
}

int main(void)
{
	tap_begin();
	vfs_state_survives_a_restart();
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
