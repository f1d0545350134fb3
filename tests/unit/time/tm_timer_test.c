// SPDX-License-Identifier: MIT
/* servers/time/tm_timer.c: POSIX timers, ITIMER_REAL and alarm, expiry and
 * overrun, per-process visibility and exit cleanup. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include "harness.h"
#include "../../../servers/time/tm_timer.h"

#define MS 1000000ll
#define SEC 1000000000ll
#define WALL0 (1700000000ll * SEC)

/* 1 GHz from TSC 0: a TSC value is CLOCK_MONOTONIC nanoseconds. */
static const struct tm_clock clk = { .tsc_hz = 1000000000ull, .realtime_at_boot_ns = WALL0 };
static struct tm_timers tt;
static struct tm_fire fires[TM_TIMERS_MAX];

static int mk(uint64_t pid, int clock)
{
	return tm_timer_create(&tt, pid, clock, TM_SIGEV_SIGNAL, SIGUSR1, 0, 7);
}

static struct itimerspec spec(int64_t value_ns, int64_t interval_ns)
{
	return (struct itimerspec){ { interval_ns / SEC, interval_ns % SEC },
				    { value_ns / SEC, value_ns % SEC } };
}

static int set(uint64_t pid, int id, int flags, int64_t now, int64_t value, int64_t interval)
{
	struct itimerspec s = spec(value, interval);
	return tm_timer_settime(&tt, &clk, (uint64_t)now, pid, id, flags, &s, NULL);
}

static int64_t ts_ns(const struct timespec *ts)
{
	return ts->tv_sec * SEC + ts->tv_nsec;
}

/* it_value of timer id of pid at now, as nanoseconds; -1 if gettime fails. */
static int64_t left(uint64_t pid, int id, int64_t now)
{
	struct itimerspec got;
	return tm_timer_gettime(&tt, &clk, (uint64_t)now, pid, id, &got) ? -1 : ts_ns(&got.it_value);
}

/* fires[i] is a signal from timer id of pid with this signo and overrun. */
static void fire_is(size_t i, uint64_t pid, int id, int signo, uint32_t overrun)
{
	ck_assert_uint_eq(fires[i].pid, pid);
	ck_assert_int_eq(fires[i].id, id);
	ck_assert_int_eq(fires[i].signo, signo);
	ck_assert_uint_eq(fires[i].overrun, overrun);
}

static void setup(void)
{
	memset(&tt, 0, sizeof(tt));
}

START_TEST(create_accepts_each_notify_kind)
{
	ck_assert_int_eq(tm_timer_create(&tt, 1, CLOCK_MONOTONIC, TM_SIGEV_SIGNAL, SIGALRM, 0, 0), 0);
	ck_assert_int_eq(tm_timer_create(&tt, 1, CLOCK_REALTIME, TM_SIGEV_NONE, 0, 0, 0), 1);
	ck_assert_int_eq(tm_timer_create(&tt, 1, CLOCK_BOOTTIME, TM_SIGEV_THREAD_ID, 34, 77, 0xabc), 2);
	set(1, 2, 0, 0, SEC, 0);
	ck_assert_uint_eq(tm_timer_expire(&tt, SEC, fires, 8), 1);
	fire_is(0, 1, 2, 34, 0);
	ck_assert_int_eq(fires[0].tid, 77);
	ck_assert_int_eq(fires[0].notify, TM_SIGEV_THREAD_ID);
	ck_assert_uint_eq(fires[0].value, 0xabc);
}
END_TEST

START_TEST(create_rejects_bad_clock_notify_signo_and_tid)
{
	static const int bad[][4] = {  /* clock, notify, signo, tid */
		{ 42, TM_SIGEV_SIGNAL, SIGALRM, 0 },
		{ CLOCK_PROCESS_CPUTIME_ID, TM_SIGEV_SIGNAL, SIGALRM, 0 },
		{ CLOCK_MONOTONIC, TM_SIGEV_SIGNAL, 0, 0 },
		{ CLOCK_MONOTONIC, TM_SIGEV_SIGNAL, 65, 0 },
		{ CLOCK_MONOTONIC, TM_SIGEV_THREAD_ID, SIGALRM, 0 },
		{ CLOCK_MONOTONIC, 2 /* SIGEV_THREAD: musl's is THREAD_ID */, SIGALRM, 0 },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_int_eq(tm_timer_create(&tt, 1, bad[i][0], bad[i][1], bad[i][2], bad[i][3], 0),
				 -EINVAL);
	ck_assert_int_eq(mk(1, CLOCK_MONOTONIC), 0);  /* nothing was taken */
}
END_TEST

START_TEST(create_past_the_per_process_cap_gives_eagain)
{
	for (int i = 0; i < TM_TIMERS_PER_PROC; i++)
		ck_assert_int_eq(mk(1, CLOCK_MONOTONIC), i);
	ck_assert_int_eq(mk(1, CLOCK_MONOTONIC), -EAGAIN);
	ck_assert_int_eq(mk(2, CLOCK_MONOTONIC), 0);
}
END_TEST

START_TEST(ids_are_per_process_gone_after_delete_and_reused)
{
	ck_assert_int_eq(mk(1, CLOCK_MONOTONIC), 0);
	ck_assert_int_eq(mk(1, CLOCK_MONOTONIC), 1);
	ck_assert_int_eq(mk(2, CLOCK_MONOTONIC), 0);
	ck_assert_int_eq(tm_timer_delete(&tt, 1, 0), 0);
	ck_assert_int_eq(left(1, 0, 0), -1);  /* gettime after delete: EINVAL */
	ck_assert_int_eq(mk(1, CLOCK_MONOTONIC), 0);
	ck_assert_int_eq(mk(1, CLOCK_MONOTONIC), 2);
}
END_TEST

START_TEST(relative_one_shot_fires_once_at_its_time_and_disarms)
{
	int id = mk(5, CLOCK_MONOTONIC);
	ck_assert_int_eq(set(5, id, 0, 1 * SEC, 250 * MS, 0), 0);
	ck_assert_int_eq(tm_timer_next(&tt), 1250 * MS);
	ck_assert_uint_eq(tm_timer_expire(&tt, 1250 * MS - 1, fires, 8), 0);
	ck_assert_int_eq(left(5, id, 1300 * MS), 1);  /* due, signal owed: still armed */
	ck_assert_uint_eq(tm_timer_expire(&tt, 1250 * MS, fires, 8), 1);
	fire_is(0, 5, id, SIGUSR1, 0);
	ck_assert_uint_eq(fires[0].value, 7);
	ck_assert_int_eq(fires[0].kind, TM_KIND_POSIX);
	ck_assert_uint_eq(tm_timer_expire(&tt, 10 * SEC, fires, 8), 0);
	ck_assert_int_eq(tm_timer_next(&tt), 0);
}
END_TEST

START_TEST(periodic_timer_fires_every_interval)
{
	int id = mk(1, CLOCK_MONOTONIC);
	set(1, id, 0, 0, 100 * MS, 100 * MS);
	for (int64_t k = 1; k <= 5; k++) {
		ck_assert_int_eq(tm_timer_next(&tt), k * 100 * MS);
		ck_assert_uint_eq(tm_timer_expire(&tt, k * 100 * MS, fires, 8), 1);
		fire_is(0, 1, id, SIGUSR1, 0);
	}
}
END_TEST

START_TEST(lateness_of_3_5_intervals_gives_overrun_3_on_the_grid)
{
	int id = mk(1, CLOCK_MONOTONIC);
	set(1, id, 0, 0, 100 * MS, 100 * MS);
	ck_assert_uint_eq(tm_timer_expire(&tt, 450 * MS, fires, 8), 1);
	fire_is(0, 1, id, SIGUSR1, 3);
	ck_assert_int_eq(tm_timer_getoverrun(&tt, 1, id), 3);
	ck_assert_int_eq(tm_timer_next(&tt), 500 * MS);
	ck_assert_uint_eq(tm_timer_expire(&tt, 500 * MS, fires, 8), 1);
	ck_assert_int_eq(tm_timer_getoverrun(&tt, 1, id), 0);
}
END_TEST

START_TEST(absolute_deadlines_on_monotonic_and_realtime)
{
	int mono = mk(1, CLOCK_MONOTONIC), wall = mk(2, CLOCK_REALTIME), rel = mk(3, CLOCK_REALTIME);
	ck_assert_int_eq(set(1, mono, TIMER_ABSTIME, 1 * SEC, 7 * SEC, 0), 0);
	ck_assert_int_eq(set(2, wall, TIMER_ABSTIME, 1 * SEC, WALL0 + 3 * SEC, 0), 0);
	ck_assert_int_eq(tm_timer_next(&tt), 3 * SEC);
	ck_assert_int_eq(set(3, rel, 0, 1 * SEC, 1 * SEC, 0), 0);  /* relative: a duration */
	ck_assert_int_eq(tm_timer_next(&tt), 2 * SEC);
	ck_assert_int_eq(left(1, mono, 1 * SEC), 6 * SEC);
}
END_TEST

START_TEST(absolute_time_in_the_past_fires_at_once)
{
	int mono = mk(1, CLOCK_MONOTONIC), wall = mk(1, CLOCK_REALTIME);
	ck_assert_int_eq(set(1, mono, TIMER_ABSTIME, 5 * SEC, 1 * SEC, 0), 0);
	ck_assert_int_eq(set(1, wall, TIMER_ABSTIME, 5 * SEC, 1, 0), 0);  /* 1970 */
	ck_assert(tm_timer_next(&tt) > 0 && tm_timer_next(&tt) <= 5 * SEC);
	ck_assert_uint_eq(tm_timer_expire(&tt, 5 * SEC, fires, 8), 2);
}
END_TEST

START_TEST(gettime_shows_remaining_and_interval_then_zero_after_disarm)
{
	struct itimerspec got;
	int id = mk(1, CLOCK_MONOTONIC);
	set(1, id, 0, 0, 2 * SEC, 300 * MS);
	ck_assert_int_eq(tm_timer_gettime(&tt, &clk, 500 * MS, 1, id, &got), 0);
	ck_assert_int_eq(ts_ns(&got.it_value), 1500 * MS);
	ck_assert_int_eq(ts_ns(&got.it_interval), 300 * MS);
	set(1, id, 0, 600 * MS, 0, 300 * MS);
	tm_timer_gettime(&tt, &clk, 700 * MS, 1, id, &got);
	ck_assert_int_eq(ts_ns(&got.it_value) + ts_ns(&got.it_interval), 0);
	ck_assert_int_eq(tm_timer_next(&tt), 0);
}
END_TEST

START_TEST(settime_rejects_bad_timespecs_and_flags)
{
	static const struct itimerspec bad[] = {
		{ .it_value = { 1, -1 } }, { .it_value = { 1, 1000000000 } },
		{ .it_value = { -1, 0 } }, { { 0, 1000000000 }, { 1, 0 } }, { { -1, 0 }, { 1, 0 } },
	};
	int id = mk(1, CLOCK_MONOTONIC);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_int_eq(tm_timer_settime(&tt, &clk, 0, 1, id, 0, &bad[i], NULL), -EINVAL);
	ck_assert_int_eq(set(1, id, 0x10, 0, SEC, 0), -EINVAL);
	ck_assert_int_eq(tm_timer_next(&tt), 0);
}
END_TEST

START_TEST(huge_times_are_clamped_not_overflowed)
{
	struct itimerspec s = { { INT64_MAX, 0 }, { INT64_MAX, 999999999 } };
	int id = mk(1, CLOCK_REALTIME);
	ck_assert_int_eq(tm_timer_settime(&tt, &clk, SEC, 1, id, 0, &s, NULL), 0);
	ck_assert_int_gt(tm_timer_next(&tt), 100ll * 365 * 86400 * SEC);
	ck_assert_int_eq(tm_timer_settime(&tt, &clk, SEC, 1, id, TIMER_ABSTIME, &s, NULL), 0);
	ck_assert_uint_eq(tm_timer_expire(&tt, 1000 * SEC, fires, 8), 0);
}
END_TEST

START_TEST(unknown_id_or_another_process_id_gives_einval)
{
	int id = mk(1, CLOCK_MONOTONIC);
	ck_assert_int_eq(set(1, 3, 0, 0, SEC, 0), -EINVAL);
	ck_assert_int_eq(set(1, -1, 0, 0, SEC, 0), -EINVAL);
	ck_assert_int_eq(tm_timer_getoverrun(&tt, 1, 3), -EINVAL);
	ck_assert_int_eq(set(2, id, 0, 0, SEC, 0), -EINVAL);
	ck_assert_int_eq(left(2, id, 0), -1);
	ck_assert_int_eq(tm_timer_getoverrun(&tt, 2, id), -EINVAL);
	ck_assert_int_eq(tm_timer_delete(&tt, 2, id), -EINVAL);
	ck_assert_int_eq(left(1, id, 0), 0);  /* still pid 1's, disarmed */
}
END_TEST

START_TEST(settime_returns_the_old_value)
{
	struct itimerspec nv = spec(SEC, 0), old;
	int id = mk(1, CLOCK_MONOTONIC);
	set(1, id, 0, 0, 5 * SEC, 250 * MS);
	ck_assert_int_eq(tm_timer_settime(&tt, &clk, 2 * SEC, 1, id, 0, &nv, &old), 0);
	ck_assert_int_eq(ts_ns(&old.it_value), 3 * SEC);
	ck_assert_int_eq(ts_ns(&old.it_interval), 250 * MS);
	ck_assert_int_eq(tm_timer_next(&tt), 3 * SEC);
}
END_TEST

START_TEST(exit_drops_all_timers_of_one_pid_only)
{
	struct itimerval iv = { .it_value = { 9, 0 } }, got;
	set(1, mk(1, CLOCK_MONOTONIC), 0, 0, 1 * SEC, 0);
	set(1, mk(1, CLOCK_MONOTONIC), 0, 0, 2 * SEC, 0);
	ck_assert_int_eq(tm_itimer_set(&tt, &clk, 0, 1, &iv, NULL), 0);
	set(2, mk(2, CLOCK_MONOTONIC), 0, 0, 4 * SEC, 0);
	tm_timer_exit(&tt, 1);
	tm_itimer_get(&tt, &clk, 0, 1, &got);
	ck_assert_int_eq(got.it_value.tv_sec, 0);
	ck_assert_int_eq(tm_timer_delete(&tt, 1, 0), -EINVAL);
	ck_assert_int_eq(tm_timer_next(&tt), 4 * SEC);
	ck_assert_uint_eq(tm_timer_expire(&tt, 10 * SEC, fires, 8), 1);
	fire_is(0, 2, 0, SIGUSR1, 0);
}
END_TEST

START_TEST(sigev_none_timer_expires_without_a_fire)
{
	int per = tm_timer_create(&tt, 1, CLOCK_MONOTONIC, TM_SIGEV_NONE, 0, 0, 0);
	int one = tm_timer_create(&tt, 1, CLOCK_MONOTONIC, TM_SIGEV_NONE, 0, 0, 0);
	set(1, per, 0, 0, 100 * MS, 100 * MS);
	set(1, one, 0, 0, 100 * MS, 0);
	ck_assert_int_eq(tm_timer_next(&tt), 0);  /* nothing to wake up for */
	ck_assert_int_eq(left(1, per, 430 * MS), 70 * MS);  /* progress without expiry */
	ck_assert_int_eq(left(1, one, 430 * MS), 0);
	ck_assert_uint_eq(tm_timer_expire(&tt, 430 * MS, fires, 8), 0);
	ck_assert_int_eq(left(1, per, 430 * MS), 70 * MS);
	ck_assert_int_eq(tm_timer_getoverrun(&tt, 1, per), 3);
}
END_TEST

START_TEST(alarm_returns_remaining_seconds_rounded_and_zero_cancels)
{
	ck_assert_int_eq(tm_alarm(&tt, &clk, 0, 1, 10), 0);
	ck_assert_int_eq(tm_alarm(&tt, &clk, 2600 * MS, 1, 10), 7);   /* 7.4 s */
	ck_assert_int_eq(tm_alarm(&tt, &clk, 5100 * MS, 1, 1), 8);    /* 7.5 s */
	ck_assert_int_eq(tm_alarm(&tt, &clk, 5700 * MS, 1, 3), 1);    /* 0.4 s */
	ck_assert_int_eq(tm_alarm(&tt, &clk, 6 * SEC, 1, 0), 3);      /* 2.7 s */
	ck_assert_int_eq(tm_timer_next(&tt), 0);
	ck_assert_int_eq(tm_alarm(&tt, &clk, 7 * SEC, 1, 0), 0);
	ck_assert_uint_eq(tm_timer_expire(&tt, 100 * SEC, fires, 8), 0);
}
END_TEST

START_TEST(alarm_fires_sigalrm_to_the_process_once)
{
	tm_alarm(&tt, &clk, 0, 3, 2);
	ck_assert_uint_eq(tm_timer_expire(&tt, 2 * SEC, fires, 8), 1);
	fire_is(0, 3, -1, SIGALRM, 0);
	ck_assert_int_eq(fires[0].tid, 0);
	ck_assert_int_eq(fires[0].kind, TM_KIND_ITIMER);
	ck_assert_int_eq(tm_alarm(&tt, &clk, 3 * SEC, 3, 0), 0);
	ck_assert_int_eq(mk(3, CLOCK_MONOTONIC), 0);  /* the itimer is not a timer_t */
}
END_TEST

START_TEST(setitimer_getitimer_round_trip_and_bad_usec_gives_einval)
{
	struct itimerval nv = { { 0, 250000 }, { 1, 500000 } }, got, old;
	struct itimerval bad = { { 0, -1 }, { 1, 0 } }, bad2 = { .it_value = { 1, 1000000 } };
	ck_assert_int_eq(tm_itimer_set(&tt, &clk, 0, 1, &bad, NULL), -EINVAL);
	ck_assert_int_eq(tm_itimer_set(&tt, &clk, 0, 1, &bad2, NULL), -EINVAL);
	ck_assert_int_eq(tm_itimer_set(&tt, &clk, 0, 1, &nv, &old), 0);
	ck_assert_int_eq(old.it_value.tv_sec + old.it_value.tv_usec, 0);
	tm_itimer_get(&tt, &clk, 0, 1, &got);
	ck_assert_int_eq(got.it_value.tv_sec, 1);
	ck_assert_int_eq(got.it_value.tv_usec, 500000);
	ck_assert_int_eq(got.it_interval.tv_usec, 250000);
	tm_itimer_get(&tt, &clk, 1500 * MS - 400, 1, &got);  /* 400 ns left: 1 us */
	ck_assert_int_eq(got.it_value.tv_sec, 0);
	ck_assert_int_eq(got.it_value.tv_usec, 1);
	ck_assert_uint_eq(tm_timer_expire(&tt, 2 * SEC, fires, 8), 1);
	fire_is(0, 1, -1, SIGALRM, 2);
	ck_assert_int_eq(tm_timer_next(&tt), 2 * SEC + 250 * MS);
}
END_TEST

START_TEST(timer_next_picks_the_earliest)
{
	ck_assert_int_eq(tm_timer_next(&tt), 0);
	set(1, mk(1, CLOCK_MONOTONIC), 0, 0, 3 * SEC, 0);
	set(2, mk(2, CLOCK_MONOTONIC), 0, 0, 1 * SEC, 0);
	set(1, mk(1, CLOCK_MONOTONIC), 0, 0, 2 * SEC, 0);
	ck_assert_int_eq(tm_timer_next(&tt), 1 * SEC);
}
END_TEST

START_TEST(expire_with_a_small_max_leaves_the_rest_due)
{
	for (int i = 0; i < 5; i++)
		set(1, mk(1, CLOCK_MONOTONIC), 0, 0, SEC + i, 0);
	ck_assert_uint_eq(tm_timer_expire(&tt, 2 * SEC, fires, 2), 2);
	ck_assert_int_le(tm_timer_next(&tt), 2 * SEC);
	ck_assert_uint_eq(tm_timer_expire(&tt, 2 * SEC, fires, 2), 2);
	ck_assert_uint_eq(tm_timer_expire(&tt, 2 * SEC, fires, 2), 1);
	ck_assert_int_eq(tm_timer_next(&tt), 0);
}
END_TEST

UNIT_SUITE(tm_timer_suite)
static Suite *tm_timer_suite(void)
{
	Suite *s = suite_create("tm_timer");
	TCase *tc = tcase_create("tm_timer");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, create_accepts_each_notify_kind);
	tcase_add_test(tc, create_rejects_bad_clock_notify_signo_and_tid);
	tcase_add_test(tc, create_past_the_per_process_cap_gives_eagain);
	tcase_add_test(tc, ids_are_per_process_gone_after_delete_and_reused);
	tcase_add_test(tc, relative_one_shot_fires_once_at_its_time_and_disarms);
	tcase_add_test(tc, periodic_timer_fires_every_interval);
	tcase_add_test(tc, lateness_of_3_5_intervals_gives_overrun_3_on_the_grid);
	tcase_add_test(tc, absolute_deadlines_on_monotonic_and_realtime);
	tcase_add_test(tc, absolute_time_in_the_past_fires_at_once);
	tcase_add_test(tc, gettime_shows_remaining_and_interval_then_zero_after_disarm);
	tcase_add_test(tc, settime_rejects_bad_timespecs_and_flags);
	tcase_add_test(tc, huge_times_are_clamped_not_overflowed);
	tcase_add_test(tc, unknown_id_or_another_process_id_gives_einval);
	tcase_add_test(tc, settime_returns_the_old_value);
	tcase_add_test(tc, exit_drops_all_timers_of_one_pid_only);
	tcase_add_test(tc, sigev_none_timer_expires_without_a_fire);
	tcase_add_test(tc, alarm_returns_remaining_seconds_rounded_and_zero_cancels);
	tcase_add_test(tc, alarm_fires_sigalrm_to_the_process_once);
	tcase_add_test(tc, setitimer_getitimer_round_trip_and_bad_usec_gives_einval);
	tcase_add_test(tc, timer_next_picks_the_earliest);
	tcase_add_test(tc, expire_with_a_small_max_leaves_the_rest_due);
	suite_add_tcase(s, tc);
	return s;
}
