// SPDX-License-Identifier: MIT
/* Guest time (QEMU -icount: instructions) from a server's death to its
 * successor serving again, and the pause a swap (to /sbin/NAME-alt)
 * causes, for every server: BENCH restart_<server>_us and
 * swap_<server>_us. The call that measures is made at once and waits for
 * the successor. The VFS is measured again holding 16 MiB of file data
 * (restart_vfs_16mib_us): its state is mapped, not copied or rebuilt. */
#include <fcntl.h>
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
#include "svc_client.h"
#include "proto/svc.h"

/* One call that the server must answer. */
static void ask(const char *server)
{
	struct timespec ts;
	struct termios t;
	if (!strcmp(server, "time"))
		syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);  /* the server, not the vDSO */
	else if (!strcmp(server, "security"))
		syscall(SYS_setresuid, -1, -1, -1);  /* changes nothing; getuid never leaves the kernel */
	else if (!strcmp(server, "vfs"))
		access("/etc/manifest", R_OK);
	else
		ioctl(0, TCGETS, &t);
}

static void report(const char *what, const char *server, uint64_t ticks)
{
	uint64_t hz = getauxval(AT_UK_TSC_HZ);
	printf("BENCH %s_%s_us %llu us\n", what, server, (unsigned long long)(ticks * 1000000 / hz));
}

static uint64_t restart(const char *s)
{
	ask(s);
	uint64_t t0 = __rdtsc();
	kill((int)uk_pid_of(s), SIGKILL);
	ask(s);
	return __rdtsc() - t0;
}

/* 16 MiB of file data in the VFS, in 16 files. */
static void fill_vfs(void)
{
	static char chunk[1 << 16];
	memset(chunk, 'd', sizeof(chunk));
	for (int f = 0; f < 16; f++) {
		char name[32];
		snprintf(name, sizeof(name), "/tmp/bench_%d", f);
		int fd = open(name, O_CREAT | O_WRONLY | O_TRUNC, 0644);
		for (int i = 0; i < 16; i++)
			write(fd, chunk, sizeof(chunk));
		close(fd);
	}
}

int main(void)
{
	const char *servers[] = { "console", "time", "security", "vfs" };
	char buf[256], path[64];
	struct timespec settle = { 1, 200000000 };  /* past init's crash-loop window */
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 0; i < 4; i++) {
		const char *s = servers[i];
		report("restart", s, restart(s));
		snprintf(path, sizeof(path), "/sbin/%s-alt", s);
		nanosleep(&settle, NULL);
		uint64_t t0 = __rdtsc();
		svc_call(SVC_OP_SWAP, s, path, buf, sizeof(buf));
		ask(s);
		report("swap", s, __rdtsc() - t0);
		snprintf(path, sizeof(path), "/sbin/%s", s);
		svc_call(SVC_OP_SWAP, s, path, buf, sizeof(buf));  /* and back */
		ask(s);
		nanosleep(&settle, NULL);
	}
	fill_vfs();
	report("restart", "vfs_16mib", restart("vfs"));
	return 0;
}
