// SPDX-License-Identifier: MIT
/* pledge(2): each promise lets its calls through; a call outside the
 * promises ends the process with SIGABRT, seen by the parent (or fails
 * with ENOSYS under "error"); promises cannot be widened; unknown words
 * are EINVAL; execpromises take over after execve, and without them the
 * new program is free. Argument checks: open modes (rpath/wpath/cpath),
 * tmppath under /tmp, PROT_EXEC, fork (proc), terminal settings (tty). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pledge.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include "child.h"
#include "tap.h"

#define FILE_RO "/etc/manifest"

static int stdio_only(void)
{
	if (pledge("stdio", NULL))
		return 1;
	struct timespec ts;
	return write(1, "", 0) == 0 && getpid() > 0 && clock_gettime(CLOCK_MONOTONIC, &ts) == 0 ? 0 : 2;
}
static int stdio_then_open(void) { pledge("stdio", NULL); open(FILE_RO, O_RDONLY); return 0; }
static int rpath_reads(void)
{
	struct stat st;
	if (pledge("stdio rpath", NULL))
		return 1;
	int fd = open(FILE_RO, O_RDONLY);
	return fd >= 0 && stat(FILE_RO, &st) == 0 && read(fd, &st, 1) == 1 ? 0 : 2;
}
static int rpath_then_write_open(void)
{
	pledge("stdio rpath", NULL);
	open("/tmp/pl_w", O_WRONLY | O_CREAT, 0644);
	return 0;
}
static int wpath_writes_existing(void)
{
	if (pledge("stdio wpath", NULL))
		return 1;
	int fd = open("/tmp/pl_existing", O_WRONLY);
	return fd >= 0 && write(fd, "x", 1) == 1 ? 0 : 2;
}
static int cpath_creates_and_removes(void)
{
	if (pledge("stdio cpath", NULL))
		return 1;
	if (mkdir("/tmp/pl_dir", 0755) || rename("/tmp/pl_dir", "/tmp/pl_dir2") || rmdir("/tmp/pl_dir2"))
		return 2;
	return 0;
}
static int tmppath_inside_tmp(void)
{
	if (pledge("stdio tmppath", NULL))
		return 1;
	int fd = open("/tmp/pl_tmp", O_RDWR | O_CREAT, 0600);
	return fd >= 0 && unlink("/tmp/pl_tmp") == 0 ? 0 : 2;
}
static int tmppath_outside_tmp(void) { pledge("stdio tmppath", NULL); open(FILE_RO, O_RDONLY); return 0; }
static int fattr_chmods(void) { return pledge("stdio fattr", NULL) || chmod("/tmp/pl_existing", 0640) ? 1 : 0; }
static int chmod_without_fattr(void) { pledge("stdio rpath wpath", NULL); chmod("/tmp/pl_existing", 0600); return 0; }
static int id_sets_ids(void) { return pledge("stdio id", NULL) || setgid(7) || setuid(7) ? 1 : 0; }
static int setuid_without_id(void) { pledge("stdio", NULL); setuid(7); return 0; }
static int settime_sets_the_clock(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return pledge("stdio settime", NULL) || clock_settime(CLOCK_REALTIME, &ts) ? 1 : 0;
}
static int proc_forks(void)
{
	if (pledge("stdio proc", NULL))
		return 1;
	pid_t p = fork();
	if (p == 0)
		_exit(0);
	int st;
	return p > 0 && waitpid(p, &st, 0) == p && EXITED_0(st) ? 0 : 2;
}
static int fork_without_proc(void) { pledge("stdio", NULL); fork(); return 0; }
static int kill_other_without_proc(void) { pledge("stdio", NULL); kill(getppid(), 0); return 0; }
static int kill_self_is_stdio(void) { return pledge("stdio", NULL) || kill(getpid(), 0) ? 1 : 0; }
static int prot_exec_maps_code(void)
{
	if (pledge("stdio prot_exec", NULL))
		return 1;
	void *p = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? 2 : 0;
}
static int exec_mapping_without_prot_exec(void)
{
	pledge("stdio", NULL);
	mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return 0;
}
static int tty_settings_need_tty(void)
{
	struct termios t;
	pledge("stdio", NULL);
	if (tcgetattr(0, &t))
		return 1;   /* reading settings is stdio */
	tcsetattr(0, TCSANOW, &t);
	return 0;
}
static int error_turns_kills_into_enosys(void)
{
	if (pledge("stdio error", NULL))
		return 1;
	return open(FILE_RO, O_RDONLY) == -1 && errno == ENOSYS && getpid() > 0 ? 0 : 2;
}
static int widening_is_eperm(void)
{
	if (pledge("stdio rpath", NULL) || pledge("stdio", NULL))
		return 1;
	if (pledge("stdio rpath", NULL) != -1 || errno != EPERM)
		return 2;
	return 0;
}
static int unknown_promise_is_einval(void)
{
	if (pledge("stdio bogus", NULL) != -1 || errno != EINVAL)
		return 1;
	return open(FILE_RO, O_RDONLY) >= 0 ? 0 : 2;  /* nothing was pledged */
}
static int execpromises_apply_after_exec(void)
{
	char *argv[] = { "t_pledge", "open-after-exec", NULL };
	if (pledge("stdio rpath exec", "stdio"))
		return 1;
	execv("/bin/t_pledge", argv);
	return 2;
}
static int exec_without_execpromises_is_free(void)
{
	char *argv[] = { "t_pledge", "open-after-exec", NULL };
	if (pledge("stdio rpath exec", NULL))
		return 1;
	execv("/bin/t_pledge", argv);
	return 2;
}

static void killed(const char *name, int (*body)(void))
{
	int st = in_child(body);
	CHECK(name, KILLED_BY(st, SIGABRT));
	if (!KILLED_BY(st, SIGABRT))
		tap_note("%s: status 0x%x", name, st);
}

static void passes(const char *name, int (*body)(void))
{
	int st = in_child(body);
	CHECK(name, EXITED_0(st));
	if (!EXITED_0(st))
		tap_note("%s: status 0x%x", name, st);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "open-after-exec") == 0)
		return open(FILE_RO, O_RDONLY) >= 0 ? 0 : 3;
	tap_begin();
	int fd = open("/tmp/pl_existing", O_CREAT | O_WRONLY, 0644);
	close(fd);
	passes("pledge_stdio_allows_io_ids_and_clocks", stdio_only);
	killed("pledge_open_under_stdio_is_killed_with_sigabrt", stdio_then_open);
	passes("pledge_rpath_allows_open_for_reading_and_stat", rpath_reads);
	killed("pledge_open_for_writing_needs_wpath", rpath_then_write_open);
	passes("pledge_wpath_allows_open_for_writing", wpath_writes_existing);
	passes("pledge_cpath_allows_mkdir_rename_rmdir", cpath_creates_and_removes);
	passes("pledge_tmppath_allows_files_in_tmp", tmppath_inside_tmp);
	killed("pledge_tmppath_does_not_reach_outside_tmp", tmppath_outside_tmp);
	passes("pledge_fattr_allows_chmod", fattr_chmods);
	killed("pledge_chmod_needs_fattr", chmod_without_fattr);
	passes("pledge_id_allows_setuid_and_setgid", id_sets_ids);
	killed("pledge_setuid_needs_id", setuid_without_id);
	passes("pledge_settime_allows_clock_settime", settime_sets_the_clock);
	passes("pledge_proc_allows_fork", proc_forks);
	killed("pledge_fork_needs_proc", fork_without_proc);
	killed("pledge_signalling_another_process_needs_proc", kill_other_without_proc);
	passes("pledge_signalling_yourself_is_stdio", kill_self_is_stdio);
	passes("pledge_prot_exec_allows_executable_mappings", prot_exec_maps_code);
	killed("pledge_executable_mapping_needs_prot_exec", exec_mapping_without_prot_exec);
	killed("pledge_terminal_settings_need_tty", tty_settings_need_tty);
	passes("pledge_error_makes_calls_fail_with_enosys", error_turns_kills_into_enosys);
	passes("pledge_promises_cannot_be_widened", widening_is_eperm);
	passes("pledge_unknown_promise_is_einval", unknown_promise_is_einval);
	int st = in_child(execpromises_apply_after_exec);
	CHECK("pledge_execpromises_apply_after_exec", KILLED_BY(st, SIGABRT));
	passes("pledge_exec_without_execpromises_is_unrestricted", exec_without_execpromises_is_free);
	unlink("/tmp/pl_existing");
	unlink("/tmp/pl_w");
	return tap_end("t_pledge");
}
