// SPDX-License-Identifier: MIT
/* Servers restarted under a running program: the time server is killed
 * while a sleep waits in it, the console while nothing waits; init starts
 * fresh copies on the same endpoints, the sleep finishes on the successor,
 * and the calls after the restarts work. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "tap.h"
#include "uk.h"

static long pid_of(const char *name)
{
	for (long pid = 1; pid < 256; pid++) {
		struct uk_procinfo pi;
		if (uk_procinfo(pid, &pi) == 0 && pi.state == UK_PROC_RUNNING && !strcmp(pi.name, name))
			return pid;
	}
	return -1;
}

static int sleep_result = -1;

static void *sleeper(void *arg)
{
	(void)arg;
	struct timespec req = { 0, 300000000 };
	sleep_result = nanosleep(&req, NULL);
	return NULL;
}

int main(void)
{
	tap_begin();
	pthread_t t;
	long before = pid_of("time");
	CHECK("time_server_found", before > 0);
	pthread_create(&t, NULL, sleeper, NULL);
	struct timespec pause = { 0, 50000000 };
	nanosleep(&pause, NULL);  /* the sleeper is now waiting in the time server */
	CHECK("time_server_killed", kill((int)before, SIGKILL) == 0);
	pthread_join(t, NULL);
	CHECK("sleep_in_flight_finishes_on_the_successor", sleep_result == 0);
	struct timespec now;
	CHECK("clock_works_after_the_restart", clock_gettime(CLOCK_MONOTONIC, &now) == 0);
	long after = pid_of("time");
	CHECK("a_new_time_server_runs", after > 0 && after != before);
	long console = pid_of("console");
	CHECK("console_killed", console > 0 && kill((int)console, SIGKILL) == 0);
	nanosleep(&pause, NULL);
	CHECK("output_after_console_restart", printf("# printed after the console restart\n") > 0);
	CHECK("a_new_console_runs", pid_of("console") > 0 && pid_of("console") != console);
	return tap_end("t_restart");
}
