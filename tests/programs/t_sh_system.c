// SPDX-License-Identifier: MIT
/* t_sh_system: musl's system() and popen(), which run "/bin/sh -c", get
 * what they get from a POSIX shell on Linux: the command's exit status
 * (and 127 when it is not found), pipes, redirections and quoting, a
 * pipe read from and written to, and a shell that leaves SIGINT alone
 * while system() waits. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tap.h"

/* The output of cmd through popen, in buf; returns pclose's status. */
static int read_from(const char *cmd, char *buf, size_t size)
{
	FILE *f = popen(cmd, "r");
	size_t n = 0;
	if (!f)
		return -1;
	while (n + 1 < size && fgets(buf + n, (int)(size - n), f))
		n += strlen(buf + n);
	buf[n] = '\0';
	return pclose(f);
}

static void system_statuses(void)
{
	int st = system("exit 3");
	CHECK("system_returns_the_exit_status", WIFEXITED(st) && WEXITSTATUS(st) == 3);
	st = system("no_such_command_here 2>/dev/null");
	CHECK("system_not_found_is_127", WIFEXITED(st) && WEXITSTATUS(st) == 127);
	st = system("true && false || exit 4");
	CHECK("system_runs_and_or_lists", WIFEXITED(st) && WEXITSTATUS(st) == 4);
	CHECK("system_null_says_a_shell_exists", system(NULL) != 0);
}

static void system_files(void)
{
	char buf[128];
	int st = system("x='two words'; echo \"$x\" | cat > /tmp/t_sh_system.txt 2>&1");
	FILE *f = fopen("/tmp/t_sh_system.txt", "r");
	CHECK("system_pipes_and_redirects", st == 0 && f && fgets(buf, sizeof(buf), f) &&
					      !strcmp(buf, "two words\n"));
	if (f)
		fclose(f);
	unlink("/tmp/t_sh_system.txt");
}

static void popen_both_ways(void)
{
	char buf[256];
	int st = read_from("for i in 1 2 3; do printf '%s-' $i; done; echo $((6 * 7))", buf,
			   sizeof(buf));
	CHECK("popen_reads_a_loop_and_arithmetic", st == 0 && !strcmp(buf, "1-2-3-42\n"));
	st = read_from("exit 5", buf, sizeof(buf));
	CHECK("pclose_returns_the_exit_status", WIFEXITED(st) && WEXITSTATUS(st) == 5);
	FILE *w = popen("read a b; test \"$a/$b\" = 'x/y z'", "w");
	CHECK("popen_opens_for_writing", w != NULL);
	if (w) {
		fputs("x y z\n", w);
		st = pclose(w);
		CHECK("popen_write_end_feeds_the_command", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
}

static void system_ignores_sigint(void)
{
	/* system() ignores SIGINT in the caller while the shell runs; the
	 * shell's own kill of its parent's SIGINT must not end the caller. */
	int st = system("kill -INT $PPID; exit 6");
	CHECK("system_caller_survives_sigint", WIFEXITED(st) && WEXITSTATUS(st) == 6);
}

int main(void)
{
	tap_begin();
	system_statuses();
	system_files();
	popen_both_ways();
	system_ignores_sigint();
	return tap_end("t_sh_system");
}
