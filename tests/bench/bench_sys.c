// SPDX-License-Identifier: MIT
/* The same static program on this system and on Debian's Linux kernel, in
 * the same QEMU configuration (-icount shift=0,sleep=off; guest TSC ticks):
 * getpid, open+read+close of a small file, stat, a 1-byte write to
 * /dev/null, a pipe round trip between two processes, fork+exit+wait,
 * posix_spawn+exit+wait, getuid (answered by the kernel from the credentials it keeps), the lateness of a 1 ms
 * periodic timer, and ticks from reset to main. As Linux's /init it
 * powers the machine off when done. */
#include <fcntl.h>
#include <signal.h>
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

/* A forwarded call with no arguments: the security server on this system. */
static void bench_getuid(void)
{
	uint64_t t0 = __rdtsc();
	for (int i = 0; i < ROUNDS; i++)
		syscall(SYS_getuid);
	report("getuid", __rdtsc() - t0, ROUNDS);
}

/* A 1 ms periodic POSIX timer, 1000 expiries taken with sigwaitinfo: how
 * late each is seen (CLOCK_MONOTONIC) after its due time, in ns. */
static void bench_timer(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &set, NULL);
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN };
	timer_t t;
	struct timespec start, now;
	if (timer_create(CLOCK_MONOTONIC, &ev, &t))
		return;
	clock_gettime(CLOCK_MONOTONIC, &start);
	int64_t first = start.tv_sec * 1000000000ll + start.tv_nsec + 1000000;
	struct itimerspec its = { .it_value = { first / 1000000000, first % 1000000000 },
				  .it_interval = { 0, 1000000 } };
	timer_settime(t, TIMER_ABSTIME, &its, NULL);
	int64_t sum = 0, max = 0, due = first;
	for (int i = 0; i < 1000; i++) {
		siginfo_t si;
		if (sigwaitinfo(&set, &si) < 0)
			return;
		clock_gettime(CLOCK_MONOTONIC, &now);
		due += 1000000ll * si.si_overrun;  /* expiries merged into this one */
		int64_t late = now.tv_sec * 1000000000ll + now.tv_nsec - due;
		sum += late;
		max = late > max ? late : max;
		due += 1000000;
	}
	timer_delete(t);
	printf("BENCH-RAW timer_late_mean_ns %lld\n", (long long)(sum / 1000));
	printf("BENCH-RAW timer_late_max_ns %lld\n", (long long)max);
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
	bench_getuid();
	bench_clock();
	bench_files();
	bench_pipe();
	bench_processes(argv[0]);
	bench_timer();
	printf("BENCH-RAW done 0\n");
	if (getpid() == 1)
		reboot(RB_POWER_OFF);
	return 0;
}
