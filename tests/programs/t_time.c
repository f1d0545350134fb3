// SPDX-License-Identifier: MIT
/* Clocks and sleeps through the time server: each clock reads sensibly,
 * monotonic time advances, relative and absolute sleeps last at least as
 * long as asked, bad clock ids and bad timespecs give EINVAL, settime moves
 * the wall clock for everyone. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>
#include <time.h>
#include "tap.h"
#include "uk.h"

static int64_t ns(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000ll + t->tv_nsec;
}

int main(void)
{
	tap_begin();
	struct timespec a, b, res, req = { 0, 20000000 };
	CHECK("monotonic_reads", clock_gettime(CLOCK_MONOTONIC, &a) == 0 && a.tv_sec >= 0);
	CHECK("realtime_is_after_2020", clock_gettime(CLOCK_REALTIME, &b) == 0 && b.tv_sec > 1577836800);
	CHECK("coarse_and_boottime_read", clock_gettime(CLOCK_MONOTONIC_COARSE, &b) == 0 &&
					       clock_gettime(CLOCK_BOOTTIME, &b) == 0 &&
					       clock_gettime(CLOCK_REALTIME_COARSE, &b) == 0 &&
					       clock_gettime(CLOCK_MONOTONIC_RAW, &b) == 0);
	const unsigned char *vdso = (const void *)getauxval(AT_SYSINFO_EHDR);
	CHECK("vdso_is_offered", vdso && !memcmp(vdso, "\177ELF", 4));
	CHECK_ERRNO("vdso_cannot_be_made_writable",
		    mprotect((void *)((uintptr_t)vdso - 4096), 8192, PROT_READ | PROT_WRITE), EACCES);
	const void *initrd;
	size_t initrd_len;
	if (uk_initrd(&initrd, &initrd_len) == 0)
		CHECK_ERRNO("initrd_cannot_be_made_writable",
			    mprotect((void *)((uintptr_t)initrd & ~4095ul), 4096, PROT_READ | PROT_WRITE), EACCES);
	struct timespec via_vdso, via_call;
	clock_gettime(CLOCK_REALTIME, &via_vdso);
	syscall(SYS_clock_gettime, CLOCK_REALTIME, &via_call);
	CHECK("vdso_and_time_server_agree", labs((long)(via_call.tv_sec - via_vdso.tv_sec)) <= 1);
	CHECK("getres_is_positive", clock_getres(CLOCK_MONOTONIC, &res) == 0 && ns(&res) > 0);
	clock_gettime(CLOCK_MONOTONIC, &a);
	CHECK("nanosleep_20ms_returns_0", nanosleep(&req, NULL) == 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	tap_note("slept %lld ns for 20000000", (long long)(ns(&b) - ns(&a)));
	CHECK("nanosleep_lasts_at_least_20ms", ns(&b) - ns(&a) >= 20000000);
	struct timespec until = b;
	until.tv_nsec += 10000000;
	if (until.tv_nsec >= 1000000000) {
		until.tv_nsec -= 1000000000;
		until.tv_sec++;
	}
	CHECK("absolute_sleep_returns_0", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL) == 0);
	clock_gettime(CLOCK_MONOTONIC, &a);
	CHECK("absolute_sleep_reaches_its_deadline", ns(&a) >= ns(&until));
	CHECK("past_absolute_deadline_returns_at_once",
	      clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &(struct timespec){ 0, 1 }, NULL) == 0);
	CHECK_ERRNO("bad_clock_id_gives_einval", clock_gettime(12345, &a), EINVAL);
	CHECK_ERRNO("tv_nsec_out_of_range_gives_einval",
		    nanosleep(&(struct timespec){ 0, 1000000000 }, NULL), EINVAL);
	CHECK("clock_nanosleep_bad_clock_gives_einval",
	      clock_nanosleep(12345, 0, &req, NULL) == EINVAL);
	volatile uint64_t spin = 0;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
	for (int i = 0; i < 20000000; i++)
		spin += (uint64_t)i;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
	CHECK("process_cpu_time_advances_with_work", ns(&b) > ns(&a));
	struct timeval tv;
	CHECK("gettimeofday_agrees_with_realtime", gettimeofday(&tv, NULL) == 0 &&
		  clock_gettime(CLOCK_REALTIME, &a) == 0 && a.tv_sec - tv.tv_sec <= 1);
	struct timespec later = { a.tv_sec + 3600, 0 };
	CHECK("settime_moves_the_wall_clock", clock_settime(CLOCK_REALTIME, &later) == 0 &&
		  clock_gettime(CLOCK_REALTIME, &b) == 0 && b.tv_sec >= later.tv_sec);
	later.tv_sec -= 3600;
	clock_settime(CLOCK_REALTIME, &later);
	CHECK_ERRNO("settime_of_monotonic_gives_einval", clock_settime(CLOCK_MONOTONIC, &later), EINVAL);
	CHECK("time_matches_realtime", labs((long)(time(NULL) - later.tv_sec)) <= 1);
	return tap_end("t_time");
}
