// SPDX-License-Identifier: MIT
/* The same static program on this system and on Debian's Linux kernel, in
 * the same QEMU configuration (-icount shift=0,sleep=off; guest TSC ticks):
 * getpid, open+read+close of a small file, stat, a 1-byte write to
 * /dev/null, a pipe round trip between two processes, fork+exit+wait,
 * posix_spawn+exit+wait, and ticks from reset to main. As Linux's /init it
 * powers the machine off when done. */
#include <fcntl.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <x86intrin.h>

#define ROUNDS 1000

extern char **environ;

static void report(const char *name, uint64_t total, uint64_t n)
{
	printf("BENCH-RAW %s %llu\n", name, (unsigned long long)(total / n));
}

static void bench_getpid(void)
{
	uint64_t t0 = __rdtsc();
	for (int i = 0; i < ROUNDS; i++)
		syscall(SYS_getpid);
	report("getpid", __rdtsc() - t0, ROUNDS);
}

static void bench_clock(void)
{
	struct timespec ts;
	uint64_t t0 = __rdtsc();
	for (int i = 0; i < ROUNDS; i++)
		clock_gettime(CLOCK_MONOTONIC, &ts);
	report("clock_gettime", __rdtsc() - t0, ROUNDS);
}

static void bench_files(void)
{
	char buf[64];
	struct stat st;
	uint64_t t0 = __rdtsc();
	for (int i = 0; i < ROUNDS; i++) {
		int fd = open("/etc/hostname", O_RDONLY);
		read(fd, buf, sizeof(buf));
		close(fd);
	}
	report("open_read_close", __rdtsc() - t0, ROUNDS);
	t0 = __rdtsc();
	for (int i = 0; i < ROUNDS; i++)
		stat("/etc/hostname", &st);
	report("stat", __rdtsc() - t0, ROUNDS);
	int null = open("/dev/null", O_WRONLY);
	t0 = __rdtsc();
	for (int i = 0; i < ROUNDS; i++)
		write(null, buf, 1);
	report("write_devnull", __rdtsc() - t0, ROUNDS);
	close(null);
}

static void bench_pipe(void)
{
	int a[2], b[2];
	char c = 0;
	if (pipe(a) || pipe(b))
		return;
	pid_t pid = fork();
	if (pid == 0) {
		while (read(a[0], &c, 1) == 1 && c)
			write(b[1], &c, 1);
		_exit(0);
	}
	uint64_t t0 = __rdtsc();
	for (int i = 0; i < ROUNDS; i++) {
		c = 1;
		write(a[1], &c, 1);
		read(b[0], &c, 1);
	}
	report("pipe_rtt", __rdtsc() - t0, ROUNDS);
	c = 0;
	write(a[1], &c, 1);
	waitpid(pid, NULL, 0);
}

static void bench_processes(const char *self)
{
	const int rounds = 50;
	uint64_t t0 = __rdtsc();
	for (int i = 0; i < rounds; i++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(0);
		waitpid(pid, NULL, 0);
	}
	report("fork_wait", __rdtsc() - t0, rounds);
	char *argv[] = { (char *)self, "exit", NULL };
	t0 = __rdtsc();
	for (int i = 0; i < rounds; i++) {
		pid_t pid;
		if (posix_spawn(&pid, self, NULL, NULL, argv, environ) != 0)
			return;
		waitpid(pid, NULL, 0);
	}
	report("spawn_wait", __rdtsc() - t0, rounds);
}

int main(int argc, char **argv)
{
	uint64_t at_main = __rdtsc();
	if (argc > 1)
		return 0;  /* the spawned child */
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("BENCH-RAW boot_to_program %llu\n", (unsigned long long)at_main);
	bench_getpid();
	bench_clock();
	bench_files();
	bench_pipe();
	bench_processes(argv[0]);
	printf("BENCH-RAW done 0\n");
	if (getpid() == 1)
		reboot(RB_POWER_OFF);
	return 0;
}
