// SPDX-License-Identifier: MIT
/* ps: lists processes. There is no process-list call: pids 1..PS_MAX_PID
 * are probed with uk_procinfo, absent ones answering ESRCH. Columns: PID,
 * PPID, STATE (R running or blocked, Z zombie), THREADS, TIME (CPU
 * seconds of all threads). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "uk.h"

#define PS_MAX_PID 1024

static const char *state_name(int state)
{
	switch (state) {
	case UK_PROC_RUNNING: return "R";
	case UK_PROC_ZOMBIE: return "Z";
	default: return "?";
	}
}

int main(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: ps\n");
		return 2;
	}
	printf("%5s %5s %-5s %7s %10s\n", "PID", "PPID", "STATE", "THREADS", "TIME");
	for (long pid = 1; pid <= PS_MAX_PID; pid++) {
		struct uk_procinfo info;
		if (uk_procinfo(pid, &info) < 0) {
			if (errno == ESRCH)
				continue;
			fprintf(stderr, "ps: pid %ld: %s\n", pid, strerror(errno));
			return 1;
		}
		unsigned long long cs = info.cpu_ns / 10000000ull;
		printf("%5d %5d %-5s %7d %7llu.%02llu\n", info.pid, info.ppid, state_name(info.state),
		       info.nthreads, cs / 100, cs % 100);
	}
	return 0;
}
