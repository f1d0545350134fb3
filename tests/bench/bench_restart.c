// SPDX-License-Identifier: MIT
/* Guest time (QEMU -icount: instructions) from a server's death to its
 * successor serving again, and the pause a swap causes, for the console
 * and time servers: BENCH restart_<server>_us and swap_<server>_us. The
 * call that measures is made at once and waits for the successor. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <termios.h>
#include <time.h>
#include <x86intrin.h>
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

/* One call that the server must answer. */
static void ask(const char *server)
{
	struct timespec ts;
	struct termios t;
	if (!strcmp(server, "time"))
		syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);  /* the server, not the vDSO */
	else
		ioctl(0, TCGETS, &t);
}

static void report(const char *what, const char *server, uint64_t ticks)
{
	uint64_t hz = getauxval(AT_UK_TSC_HZ);
	printf("BENCH %s_%s_us %llu us\n", what, server, (unsigned long long)(ticks * 1000000 / hz));
}

int main(void)
{
	const char *servers[] = { "console", "time" };
	char buf[256], path[64];
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 0; i < 2; i++) {
		const char *s = servers[i];
		ask(s);
		uint64_t t0 = __rdtsc();
		kill((int)pid_of(s), SIGKILL);
		ask(s);
		report("restart", s, __rdtsc() - t0);
		snprintf(path, sizeof(path), "/sbin/%s", s);
		struct timespec settle = { 1, 200000000 };
		nanosleep(&settle, NULL);
		t0 = __rdtsc();
		uk_svc(SVC_OP_SWAP, s, path, buf, sizeof(buf));
		ask(s);
		report("swap", s, __rdtsc() - t0);
	}
	return 0;
}
