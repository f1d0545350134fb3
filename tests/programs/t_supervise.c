// SPDX-License-Identifier: MIT
/* Supervision edge cases: a swap to a binary that never becomes ready is
 * rolled back and the old server keeps serving; a server that keeps dying
 * is restarted with growing delays instead of in a busy loop. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <time.h>
#include <x86intrin.h>
#include "tap.h"
#include "uk.h"
#include "proto/svc.h"

static long pid_of(const char *name)
{
	for (long pid = 1; pid < 256; pid++) {
		struct uk_procinfo pi;
		if (uk_procinfo(pid, &pi) == 0 && pi.state == UK_PROC_RUNNING && !strcmp(pi.name, name))
			return pid;
	}
	return -1;
}

static uint64_t ms_since(uint64_t t0)
{
	return (__rdtsc() - t0) * 1000 / getauxval(AT_UK_TSC_HZ);
}

int main(void)
{
	tap_begin();
	char buf[256] = "";
	struct timespec ts;
	CHECK("swap_to_a_broken_binary_is_accepted", uk_svc(SVC_OP_SWAP, "time", "/bin/t_true", buf, sizeof(buf)) >= 0);
	CHECK("time_still_answers_after_the_roll_back", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts) == 0);
	long n = uk_svc(SVC_OP_STATUS, "time", NULL, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	tap_note("after the failed swap: %s", buf);
	CHECK("the_old_binary_serves_again", strstr(buf, "/sbin/time") != NULL);
	uint64_t gaps[3];
	for (int i = 0; i < 3; i++) {
		long pid = pid_of("time");
		uint64_t t0 = __rdtsc();
		kill((int)pid, SIGKILL);
		syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);  /* waits for the successor */
		gaps[i] = ms_since(t0);
	}
	tap_note("restart pauses: %llu ms, %llu ms, %llu ms", (unsigned long long)gaps[0],
		 (unsigned long long)gaps[1], (unsigned long long)gaps[2]);
	CHECK("quick_deaths_are_restarted_after_growing_delays", gaps[2] >= 100 && gaps[2] > gaps[0]);
	return tap_end("t_supervise");
}
