// SPDX-License-Identifier: MIT
/* The ring stress (tests/unit/ring/ring_stress.c) under ThreadSanitizer, as
 * its own binary: ThreadSanitizer cannot share a process with ASan, and
 * Check is not needed. Each case runs in a forked child so that a TSan
 * report (which halts the child with status 66, see tsan_default_options)
 * or a hang (SIGALRM after CASE_TIMEOUT seconds) becomes one `not ok` line.
 * Prints `ok unit/ring_tsan/<name>` or `not ok unit/ring_tsan/<name> # why`
 * per case; exits 66 if TSan reported, 1 on any other failure, else 0.
 * TSAN_OPTIONS in the environment is applied on top of the defaults. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "host/ipc_host.h"
#include "ring_stress.h"

#define CASE_TIMEOUT 120
#define TSAN_EXIT 66

struct stress_case {
	const char *name;
	uint64_t messages;
	unsigned spin;
};

static const struct stress_case cases[] = {
	{ "two_threads_pass_2m_checksummed_messages_in_order", 2000000, IPC_HOST_SPIN_DEFAULT },
	{ "two_threads_pass_messages_sleeping_whenever_dry", 500000, 0 },
};

const char *__tsan_default_options(void);
const char *__tsan_default_options(void)
{
	return "halt_on_error=1:exitcode=66";
}

static void run_child(const struct stress_case *c)
{
	struct ring_stress_report rep;
	alarm(CASE_TIMEOUT);
	if (ring_stress_run(c->messages, c->spin, &rep) != 0) {
		fprintf(stderr, "%s: %s\n", c->name, rep.error);
		_exit(1);
	}
	fprintf(stderr, "# %s: %lu messages, client slept %lu, server slept %lu times\n",
		c->name, (unsigned long)rep.reaped, rep.client_sleeps, rep.server_sleeps);
	_exit(0);
}

/* Returns 0 if the case passed, else the process exit status to use. */
static int run_case(const struct stress_case *c)
{
	int status;
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		printf("not ok unit/ring_tsan/%s # fork failed\n", c->name);
		return 1;
	}
	if (pid == 0)
		run_child(c);
	if (waitpid(pid, &status, 0) != pid) {
		printf("not ok unit/ring_tsan/%s # waitpid failed\n", c->name);
		return 1;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		printf("ok unit/ring_tsan/%s\n", c->name);
		return 0;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == TSAN_EXIT) {
		printf("not ok unit/ring_tsan/%s # ThreadSanitizer report on stderr\n", c->name);
		return TSAN_EXIT;
	}
	if (WIFSIGNALED(status))
		printf("not ok unit/ring_tsan/%s # killed by signal %d%s\n", c->name,
		       WTERMSIG(status), WTERMSIG(status) == SIGALRM ? " (timeout)" : "");
	else
		printf("not ok unit/ring_tsan/%s # exit status %d\n", c->name, WEXITSTATUS(status));
	return 1;
}

int main(void)
{
	int result = 0;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = run_case(&cases[i]);
		if (rc && result != TSAN_EXIT)
			result = rc;
	}
	return result;
}
