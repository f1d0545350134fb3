// SPDX-License-Identifier: MIT
/* Process and memory figures, in guest TSC ticks (run under QEMU -icount
 * shift=0,sleep=off, where they count instructions): null syscall, thread
 * switch, demand-zero page fault, mmap+touch+munmap of 1 MiB, spawn+wait. */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <x86intrin.h>
#include "uk.h"

#define ROUNDS 2000

static void report(const char *name, uint64_t total, uint64_t n)
{
	printf("BENCH %s %llu ticks\n", name, (unsigned long long)(total / n));
}

static void bench_null_syscall(void)
{
	uint64_t t0 = __rdtsc();
	for (int i = 0; i < ROUNDS; i++)
		syscall(SYS_getpid);
	report("null_syscall", __rdtsc() - t0, ROUNDS);
}

static volatile int stop;

static void *yielder(void *arg)
{
	(void)arg;
	while (!stop)
		sched_yield();
	return NULL;
}

/* Two threads yielding to each other: every yield is one switch. */
static void bench_thread_switch(void)
{
	pthread_t t;
	pthread_create(&t, NULL, yielder, NULL);
	sched_yield();
	uint64_t t0 = __rdtsc();
	for (int i = 0; i < ROUNDS; i++)
		sched_yield();
	uint64_t dt = __rdtsc() - t0;
	stop = 1;
	pthread_join(t, NULL);
	report("thread_switch", dt, 2 * ROUNDS);
}

static void bench_page_fault(void)
{
	size_t pages = 1024;
	volatile char *p = mmap(NULL, pages * 4096, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t t0 = __rdtsc();
	for (size_t i = 0; i < pages; i++)
		p[i * 4096] = 1;
	report("page_fault", __rdtsc() - t0, pages);
	munmap((void *)p, pages * 4096);
}

static void bench_mmap_1mib(void)
{
	int rounds = 50;
	uint64_t t0 = __rdtsc();
	for (int r = 0; r < rounds; r++) {
		volatile char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		for (size_t i = 0; i < (1 << 20); i += 4096)
			p[i] = 1;
		munmap((void *)p, 1 << 20);
	}
	report("mmap_1mib", __rdtsc() - t0, rounds);
}

static void bench_spawn_wait(void)
{
	int rounds = 50, status;
	char *argv[] = { "/bin/t_true", NULL }, *envp[] = { NULL };
	uint64_t t0 = __rdtsc();
	for (int r = 0; r < rounds; r++) {
		long h = uk_spawn_path("/bin/t_true", argv, envp, 0);
		if (h < 0 || uk_wait(h, &status, 0) != h) {
			printf("bench: spawn failed\n");
			return;
		}
	}
	report("spawn_wait", __rdtsc() - t0, rounds);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	bench_null_syscall();
	bench_thread_switch();
	bench_page_fault();
	bench_mmap_1mib();
	bench_spawn_wait();
	return 0;
}
