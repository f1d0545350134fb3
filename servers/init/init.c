// SPDX-License-Identifier: MIT
/* /sbin/init, for now a test runner: spawns each program named on its
 * command line from the initrd, one after another, waits for it and reports
 * its status. Exits 0 only if every program exited 0. Later it becomes the
 * root task that starts and supervises the servers (see DESIGN.md). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include "uk.h"

/* Maps a wait(2) status to a shell-style code: the exit status, or
 * 128 + signal for a program killed by a signal. */
static int init_status_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 255;
}

/* Runs initrd program path to completion. Returns its status code, or -1
 * if it could not be spawned or waited for. */
static int init_run(char *path)
{
	char *argv[] = { path, NULL };
	char *envp[] = { "PATH=/bin", NULL };
	int status;

	long h = uk_spawn_path(path, argv, envp, 0);
	if (h < 0) {
		printf("init: cannot spawn %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (uk_wait(h, &status, 0) != h) {
		printf("init: cannot wait for %s: %s\n", path, strerror(errno));
		return -1;
	}
	int code = init_status_code(status);
	printf("init: %s exited with status %d\n", path, code);
	return code;
}

int main(int argc, char *argv[])
{
	int failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("init: started\n");
	if (argc < 2) {
		printf("init: no programs to run\n");
		return 0;
	}
	for (int i = 1; i < argc; i++)
		if (init_run(argv[i]) != 0)
			failed++;
	printf("init: all %d programs done, %d failed\n", argc - 1, failed);
	return failed ? 1 : 0;
}
