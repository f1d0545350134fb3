// SPDX-License-Identifier: MIT
/* POSIX timers, alarm and ITIMER_REAL through the time server: one-shot
 * and periodic expiries with SI_TIMER and the sigval; overruns counted
 * while the signal is blocked; timer_gettime; SIGEV_NONE; SIGEV_THREAD_ID
 * reaching the chosen thread; the signal going to the process that made
 * the timer; EINVAL for bad clocks, ids and times; a process's timers
 * released when it exits. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include "child.h"
#include "tap.h"

static volatile int hits, last_code, last_value, last_tid, alarms;

static void on_timer(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	hits++;
	last_code = si->si_code;
	last_value = si->si_value.sival_int;
	last_tid = (int)syscall(SYS_gettid);
}

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/* Waits (in short sleeps) until *counter reaches want or ms pass. */
static int wait_for(volatile int *counter, int want, long ms)
{
	for (long t = 0; *counter < want && t < ms; t += 2)
		sleep_ms(2);
	return *counter >= want;
}

static timer_t make(int sig, int value)
{
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = sig };
	ev.sigev_value.sival_int = value;
	timer_t t = 0;
	if (timer_create(CLOCK_MONOTONIC, &ev, &t))
		return (timer_t)-1;
	return t;
}

static int arm(timer_t t, long first_ms, long period_ms)
{
	struct itimerspec its = {
		.it_value = { first_ms / 1000, (first_ms % 1000) * 1000000L },
		.it_interval = { period_ms / 1000, (period_ms % 1000) * 1000000L },
	};
	return timer_settime(t, 0, &its, NULL);
}

static volatile int worker_tid, worker_stop;
static int64_t worker_cpu_ns;

static int64_t cpu_ns(clockid_t id)
{
	struct timespec ts;
	return clock_gettime(id, &ts) == 0 ? ts.tv_sec * 1000000000ll + ts.tv_nsec : -1;
}

static void *worker(void *arg)
{
	(void)arg;
	worker_tid = (int)syscall(SYS_gettid);
	while (!worker_stop)
		sleep_ms(1);
	worker_cpu_ns = cpu_ns(CLOCK_THREAD_CPUTIME_ID);
	return NULL;
}

static void thread_id_target(void)
{
	pthread_t th;
	pthread_create(&th, NULL, worker, NULL);
	while (!worker_tid)
		sleep_ms(1);
	struct sigevent ev = { .sigev_notify = SIGEV_THREAD_ID, .sigev_signo = SIGUSR2 };
	ev.sigev_notify_thread_id = worker_tid;
	timer_t t;
	hits = 0;
	int ok = timer_create(CLOCK_MONOTONIC, &ev, &t) == 0 && arm(t, 5, 0) == 0 &&
		 wait_for(&hits, 1, 2000);
	CHECK("timer_sigev_thread_id_reaches_that_thread", ok && last_tid == worker_tid);
	for (volatile long i = 0; i < 5000000; i++)
		;
	/* The worker calls the time server every millisecond on the process's
	 * one connection: this call must still get its turn. */
	int64_t mine = cpu_ns(CLOCK_THREAD_CPUTIME_ID), all = cpu_ns(CLOCK_PROCESS_CPUTIME_ID);
	worker_stop = 1;
	pthread_join(th, NULL);
	timer_delete(t);
	CHECK("thread_cputime_is_the_calling_thread_s",
	      mine > 0 && worker_cpu_ns >= 0 && worker_cpu_ns < mine && mine <= all);
}

/* After exec: the POSIX timer (SIGUSR1, whose default ends the process)
 * must be gone, the alarm still set. */
static int after_exec(void)
{
	struct timespec d = { 0, 30000000 };
	nanosleep(&d, NULL);
	unsigned left = alarm(0);
	return left >= 1 && left <= 10 ? 0 : 1;
}

static int exec_with_timers(void)
{
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1 };
	timer_t t;
	struct itimerspec its = { .it_value = { 0, 5000000 }, .it_interval = { 0, 5000000 } };
	if (timer_create(CLOCK_MONOTONIC, &ev, &t) || timer_settime(t, 0, &its, NULL))
		return 2;
	signal(SIGUSR1, SIG_IGN);  /* until the exec, which resets it to the default */
	alarm(10);
	char *argv[] = { "t_timer", "after-exec", NULL };
	execv("/bin/t_timer", argv);
	return 3;
}

static int many_timers_then_exit(void)
{
	for (int i = 0; i < 32; i++)
		if (make(SIGUSR1, i) == (timer_t)-1)
			return 1;
	return 0;
}

static int timer_in_child(void)
{
	timer_t t = make(SIGUSR1, 9);
	hits = 0;
	return arm(t, 5, 0) == 0 && wait_for(&hits, 1, 2000) ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "after-exec"))
		return after_exec();
	tap_begin();
	struct sigaction sa = { .sa_sigaction = on_timer, .sa_flags = SA_SIGINFO };
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);

	timer_t t = make(SIGUSR1, 42);
	CHECK("timer_create_gives_a_timer", t != (timer_t)-1);
	CHECK("timer_one_shot_fires_once_with_si_timer_and_the_value",
	      arm(t, 10, 0) == 0 && wait_for(&hits, 1, 2000) && last_code == SI_TIMER &&
	      last_value == 42);
	sleep_ms(30);
	CHECK("timer_one_shot_does_not_fire_again", hits == 1);

	struct itimerspec cur;
	hits = 0;
	arm(t, 4, 4);
	CHECK("timer_periodic_fires_every_interval", wait_for(&hits, 10, 3000));
	CHECK("timer_gettime_shows_the_interval",
	      timer_gettime(t, &cur) == 0 && cur.it_interval.tv_nsec == 4000000 &&
	      cur.it_value.tv_nsec <= 4000000);
	sigset_t block;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	int before = hits;
	sleep_ms(40);  /* about ten expiries while the signal waits */
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	int overrun = timer_getoverrun(t);
	CHECK("timer_blocked_signal_arrives_once", hits == before + 1);
	CHECK("timer_overrun_counts_the_absorbed_expiries", overrun >= 5);
	if (overrun < 5)
		tap_note("overrun %d", overrun);
	struct itimerspec off = { 0 };
	CHECK("timer_disarm_shows_zero",
	      timer_settime(t, 0, &off, NULL) == 0 && timer_gettime(t, &cur) == 0 &&
	      cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);
	CHECK("timer_delete_then_the_id_is_gone",
	      timer_delete(t) == 0 && timer_gettime(t, &cur) == -1 && errno == EINVAL);

	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	timer_t a = make(SIGUSR1, 7);
	struct itimerspec abs = { .it_value = { now.tv_sec, now.tv_nsec } };
	abs.it_value.tv_nsec += 8000000;
	if (abs.it_value.tv_nsec >= 1000000000) {
		abs.it_value.tv_sec++;
		abs.it_value.tv_nsec -= 1000000000;
	}
	hits = 0;
	CHECK("timer_absolute_time_fires",
	      timer_settime(a, TIMER_ABSTIME, &abs, NULL) == 0 && wait_for(&hits, 1, 2000) &&
	      last_value == 7);
	timer_delete(a);

	struct sigevent none = { .sigev_notify = SIGEV_NONE };
	timer_t n;
	hits = 0;
	CHECK("timer_sigev_none_runs_without_a_signal",
	      timer_create(CLOCK_MONOTONIC, &none, &n) == 0 && arm(n, 2, 2) == 0 &&
	      (sleep_ms(20), hits == 0) && timer_gettime(n, &cur) == 0 &&
	      cur.it_interval.tv_nsec == 2000000);
	timer_delete(n);

	thread_id_target();

	hits = 0;
	int st = in_child(timer_in_child);
	CHECK("timer_signal_goes_to_the_process_that_made_it", EXITED_0(st) && hits == 0);

	st = in_child(exec_with_timers);
	CHECK("exec_drops_posix_timers_and_keeps_the_alarm", EXITED_0(st));
	if (!EXITED_0(st))
		tap_note("exec child status 0x%x", st);

	int bad = 0;
	for (int i = 0; i < 10; i++)
		bad += !EXITED_0(in_child(many_timers_then_exit));
	CHECK("timer_a_process_s_timers_go_when_it_exits", bad == 0);

	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1 };
	timer_t x;
	CHECK_ERRNO("timer_create_bad_clock_is_einval", timer_create(42, &ev, &x), EINVAL);
	ev.sigev_signo = 0;
	CHECK_ERRNO("timer_create_signal_0_is_einval", timer_create(CLOCK_MONOTONIC, &ev, &x), EINVAL);
	x = make(SIGUSR1, 1);
	struct itimerspec badns = { .it_value = { 0, 1000000000 } };
	CHECK_ERRNO("timer_settime_bad_nsec_is_einval", timer_settime(x, 0, &badns, NULL), EINVAL);
	timer_delete(x);
	CHECK_ERRNO("timer_settime_unknown_id_is_einval",
		    timer_settime((timer_t)77, 0, &off, NULL), EINVAL);

	signal(SIGALRM, on_alarm);
	CHECK("alarm_returns_the_seconds_left", alarm(10) == 0 && alarm(0) == 10);
	struct itimerval iv = { .it_value = { 0, 10000 } }, got;
	CHECK("setitimer_real_delivers_sigalrm",
	      setitimer(ITIMER_REAL, &iv, NULL) == 0 && wait_for(&alarms, 1, 2000));
	iv.it_value.tv_sec = 5;
	CHECK("getitimer_shows_the_time_left",
	      setitimer(ITIMER_REAL, &iv, NULL) == 0 && getitimer(ITIMER_REAL, &got) == 0 &&
	      got.it_value.tv_sec <= 5 && got.it_value.tv_sec >= 4);
	alarm(0);
	iv.it_value.tv_usec = 1000000;
	CHECK_ERRNO("setitimer_bad_usec_is_einval", setitimer(ITIMER_REAL, &iv, NULL), EINVAL);
	return tap_end("t_timer");
}
