// SPDX-License-Identifier: MIT
/* The vDSO: __vdso_clock_gettime for the monotonic and wall clocks from the
 * TSC and the time page mapped just below this image; other clocks go to
 * the system call. Built as a tiny shared object (kernel/vdso/module.mk),
 * found by musl through AT_SYSINFO_EHDR. User-mode code: nothing from the
 * kernel is linked in. */
#include <stdint.h>
#include "abi/timepage.h"

struct timespec_k {
	int64_t tv_sec;
	int64_t tv_nsec;
};

/* The time page is the page below this image (whose ELF header starts it). */
static const struct uk_timepage *timepage(void)
{
	uintptr_t p;
	__asm__("lea __ehdr_start(%%rip), %0" : "=r"(p));
	return (const struct uk_timepage *)(p - 4096);
}

static long fallback(int clk, struct timespec_k *ts)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(228L), "D"((long)clk), "S"(ts)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

int __vdso_clock_gettime(int clk, struct timespec_k *ts)
{
	const struct uk_timepage *tp = timepage();
	int wall = clk == 0 || clk == 5;
	if ((!wall && clk != 1 && clk != 4 && clk != 6 && clk != 7) || tp->magic != UK_TIMEPAGE_MAGIC)
		return (int)fallback(clk, ts);
	uint32_t seq;
	int64_t ns;
	do {
		seq = tp->seq;
		__asm__ volatile("" ::: "memory");
		uint64_t t = rdtsc() - tp->tsc_boot;
		ns = (int64_t)(((unsigned __int128)t * tp->mult) >> tp->shift);
		if (wall)
			ns += tp->realtime_at_boot_ns;
		__asm__ volatile("" ::: "memory");
	} while ((seq & 1) || seq != tp->seq);
	ts->tv_sec = ns / 1000000000;
	ts->tv_nsec = ns % 1000000000;
	if (ts->tv_nsec < 0) {
		ts->tv_nsec += 1000000000;
		ts->tv_sec--;
	}
	return 0;
}

int clock_gettime(int clk, struct timespec_k *ts) __attribute__((weak, alias("__vdso_clock_gettime")));
