/* SPDX-License-Identifier: MIT */
/* Runs a piece of a test in a forked child and returns its wait status, so
 * that pledges, unveils, filters and credential changes stay there.
 * Header-only, for the programs under tests/programs/. */
#pragma once
#include <sys/wait.h>
#include <unistd.h>

/* The child runs body and exits with its result (0: as expected). */
static inline int in_child(int (*body)(void))
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(body());
	int status = -1;
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* Each evaluates st once (it may be a call, as in EXITED_0(in_child(f))). */
#define EXITED_0(st) ({ int st_ = (st); WIFEXITED(st_) && WEXITSTATUS(st_) == 0; })
#define KILLED_BY(st, sig) ({ int st_ = (st); WIFSIGNALED(st_) && WTERMSIG(st_) == (sig); })
