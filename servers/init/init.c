// SPDX-License-Identifier: MIT
/* /sbin/init: starts the servers of /etc/manifest, each with exactly the
 * capabilities the manifest lists, waits until each says it is ready, names
 * them to the kernel as the servers of their system calls, then runs the
 * commands on its command line one after another (words separated by ";"),
 * reporting each one's exit status. Exits 0 only if every command did. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <x86intrin.h>
#include "manifest.h"
#include "svc.h"
#include "uk.h"

#define MAX_ARGS 32

/* Maps a wait(2) status to a shell-style code: the exit status, or
 * 128 + signal for a program killed by a signal. */
static int status_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 255;
}

/* Runs argv to completion; returns its status code (127 when it cannot be
 * started, as a shell says). */
static int run(char **argv, int svc_cap)
{
	char *envp[] = { "PATH=/bin:/sbin", "HOME=/", "TERM=vt100", NULL };
	struct uk_spawn_cap caps[] = { { svc_cap, CAP_R_WRITE | CAP_R_INHERIT, 0 }, { -1, 0, 0 } };
	int status;
	long h = svc_spawn_file(argv[0], argv, envp, svc_cap >= 0 ? caps : NULL);
	if (h < 0) {
		printf("init: cannot run %s: %s\n", argv[0], strerror(errno));
		return 127;
	}
	if (uk_wait(h, &status, 0) != h) {
		printf("init: cannot wait for %s: %s\n", argv[0], strerror(errno));
		return -1;
	}
	int code = status_code(status);
	printf("init: %s exited with status %d\n", argv[0], code);
	return code;
}

/* Runs the ";"-separated commands of argv[1..]; returns how many failed;
 * *last is the status code of the last one. */
static int run_commands(int argc, char **argv, int svc_cap, int *ncmds, int *last)
{
	int failed = 0;
	*ncmds = 0;
	for (int i = 1; i < argc;) {
		char *cmd[MAX_ARGS + 1];
		int n = 0;
		for (; i < argc && strcmp(argv[i], ";"); i++)
			if (n < MAX_ARGS)
				cmd[n++] = argv[i];
		i++;
		if (!n)
			continue;
		cmd[n] = NULL;
		(*ncmds)++;
		*last = run(cmd, svc_cap);
		if (*last != 0)
			failed++;
	}
	return failed;
}

/* With nothing to run, a person gets a shell on the console, again each
 * time it exits. */
static void run_shell(int svc_cap)
{
	char *sh[] = { "/bin/sh", NULL };
	printf("init: starting a shell on the console (exit it for a new one)\n");
	while (run(sh, svc_cap) != 127)
		;
}

int main(int argc, char *argv[])
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("init: started\n");
	if (svc_start_all() < 0)
		return 2;
	if (procmgr_start() < 0)
		printf("init: cannot serve execve: %s\n", strerror(errno));
	/* What init runs itself (the commands, the console shell) may control
	 * the servers, and so may what those fork while they stay root. */
	int svc_cap = procmgr_svc_cap();
	int ncmds, last = 0, failed = run_commands(argc, argv, svc_cap, &ncmds, &last);
	if (ncmds > 1)
		printf("init: all %d programs done, %d failed\n", ncmds, failed);
	if (!ncmds && !getenv("INIT_POWEROFF"))
		run_shell(svc_cap);
	if (!getenv("INIT_POWEROFF")) {
		/* Nothing asked us to stop: stay, serving execve (and, later, supervising). */
		int n = uk_notif_create();
		uint64_t bits;
		for (;;)
			uk_notif_wait(n, &bits, 0);
	}
	if (ncmds == 1)
		return last < 0 ? 255 : last;  /* the shell-style code of the one command */
	return failed ? 1 : 0;
}
