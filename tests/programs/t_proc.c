// SPDX-License-Identifier: MIT
/* Processes through the ordinary libc calls: fork (copy-on-write: the
 * child's writes stay its own), wait4 statuses, getppid, execve (the image
 * replaced, descriptors kept, close-on-exec ones closed), posix_spawn,
 * system() and popen() (through /bin/sh), and
 * the VFS cache counters in /proc/vfs/cachestat. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tap.h"

extern char **environ;
static int shared_value = 1;

static void test_fork(void)
{
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		shared_value = 2;  /* a copy: the parent keeps 1 */
		_exit(getppid() == parent ? 7 : 1);
	}
	int status = 0;
	CHECK("fork_returns_the_child_pid", pid > 0);
	CHECK("wait4_reaps_that_child", waitpid(pid, &status, 0) == pid);
	CHECK("child_saw_its_parent_and_exited_7", WIFEXITED(status) && WEXITSTATUS(status) == 7);
	CHECK("child_writes_do_not_reach_the_parent", shared_value == 1);
	CHECK_ERRNO("wait_without_children_gives_echild", waitpid(-1, &status, 0), ECHILD);
	pid = fork();
	if (pid == 0)
		*(volatile int *)0 = 1;  /* dies by SIGSEGV */
	waitpid(pid, &status, 0);
	CHECK("wait_reports_a_killing_signal", WIFSIGNALED(status) && WTERMSIG(status) == 11);
}

static void test_exec(const char *self)
{
	int keep = open("/tmp/t_proc.keep", O_RDWR | O_CREAT | O_TRUNC, 0644);
	int drop = open("/tmp/t_proc.drop", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	pid_t pid = fork();
	if (pid == 0) {
		char k[16], d[16];
		snprintf(k, sizeof(k), "%d", keep);
		snprintf(d, sizeof(d), "%d", drop);
		execl(self, self, "exec-child", k, d, (char *)NULL);
		_exit(99);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	CHECK("execve_runs_the_new_image_with_fds_kept_and_cloexec_closed",
	      WIFEXITED(status) && WEXITSTATUS(status) == 42);
	char buf[8] = "";
	CHECK("exec_child_wrote_through_the_inherited_fd",
	      pread(keep, buf, sizeof(buf), 0) == 5 && !memcmp(buf, "child", 5));
	CHECK_ERRNO("execve_of_a_missing_file_gives_enoent",
		    execl("/bin/no-such-program", "x", (char *)NULL), ENOENT);
	int plain = open("/tmp/t_proc.plain", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	close(plain);
	CHECK_ERRNO("execve_of_a_file_without_x_gives_eacces",
		    execl("/tmp/t_proc.plain", "x", (char *)NULL), EACCES);
	CHECK_ERRNO("execve_of_a_directory_gives_eacces", execl("/tmp", "x", (char *)NULL), EACCES);
	unlink("/tmp/t_proc.plain");
	close(keep);
	close(drop);
	unlink("/tmp/t_proc.keep");
	unlink("/tmp/t_proc.drop");
}

static int exec_child(int keep, int drop)
{
	if (fcntl(drop, F_GETFD) != -1 || errno != EBADF)
		return 1;
	return write(keep, "child", 5) == 5 ? 42 : 2;
}

static void test_posix_spawn(const char *self)
{
	pid_t pid;
	char *argv[] = { (char *)self, "spawned", NULL };
	int r = posix_spawn(&pid, self, NULL, NULL, argv, environ);
	int status = 0;
	CHECK("posix_spawn_starts_the_program", r == 0 && pid > 0);
	CHECK("posix_spawned_child_exits_5", waitpid(pid, &status, 0) == pid &&
						 WIFEXITED(status) && WEXITSTATUS(status) == 5);
	r = posix_spawn(&pid, "/bin/no-such-program", NULL, NULL, argv, environ);
	CHECK("posix_spawn_of_a_missing_program_fails", r != 0 || (waitpid(pid, &status, 0) == pid &&
						WIFEXITED(status) && WEXITSTATUS(status) == 127));
}

static void test_system_popen(void)
{
	int st = system("exit 3");
	CHECK("system_runs_sh_and_returns_its_status", WIFEXITED(st) && WEXITSTATUS(st) == 3);
	char line[32] = "";
	FILE *f = popen("echo from popen", "r");
	CHECK("popen_reads_a_commands_output", f && fgets(line, sizeof(line), f) &&
						!strcmp(line, "from popen\n") && pclose(f) == 0);
}

static long counter(const char *text, const char *name)
{
	const char *p = strstr(text, name);
	return p ? strtol(p + strlen(name), NULL, 10) : -1;
}

static void test_cachestat(void)
{
	char text[1024] = "";
	int fd = open("/proc/vfs/cachestat", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, text, sizeof(text) - 1) : -1;
	close(fd);
	long hits = counter(text, "dentry_hits "), neg = counter(text, "dentry_negative_hits ");
	CHECK("cachestat_is_readable", n > 0 && hits >= 0 && neg >= 0);
	for (int i = 0; i < 3; i++)
		access("/tmp/t_proc.absent", F_OK);  /* negative entries */
	fd = open("/proc/vfs/cachestat", O_RDONLY);
	n = fd >= 0 ? read(fd, text, sizeof(text) - 1) : -1;
	text[n > 0 ? n : 0] = '\0';
	close(fd);
	CHECK("negative_lookups_hit_the_dentry_cache", counter(text, "dentry_negative_hits ") >= neg + 2);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "spawned"))
		return 5;
	if (argc > 3 && !strcmp(argv[1], "exec-child"))
		return exec_child(atoi(argv[2]), atoi(argv[3]));
	tap_begin();
	test_fork();
	test_exec(argv[0]);
	test_posix_spawn(argv[0]);
	test_system_popen();
	test_cachestat();
	return tap_end("t_proc");
}
