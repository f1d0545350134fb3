// SPDX-License-Identifier: MIT
/* t_fair: three threads that never block or yield get about the same CPU
 * time. Needs no clock: the main thread runs ROUNDS rounds of a fixed spin
 * followed by sched_yield (on one CPU each yield lets every busy thread run
 * one time slice, so the test lasts a fixed number of slices whatever their
 * length), then raises a stop flag. Each thread's iteration count must be
 * within TOLERANCE_PCT percent of the mean. The process first asks to run
 * on CPU 0 only, so that on SMP this measures one CPU's scheduler rather
 * than how three threads spread over two CPUs; a kernel without
 * sched_setaffinity is fine while it has one CPU. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include "tap.h"

#define NWORKERS 3
#define ROUNDS 20
#define MAIN_SPIN 500000UL
#define TOLERANCE_PCT 50

/* One cache line per worker, so counting does not bounce lines on SMP. */
static struct {
	volatile unsigned long count;
	char pad[64 - sizeof(unsigned long)];
} workers[NWORKERS] __attribute__((aligned(64)));

static volatile int go, stop, ready;
static pthread_mutex_t ready_lock = PTHREAD_MUTEX_INITIALIZER;

static void *spin_worker(void *arg)
{
	int id = (int)(intptr_t)arg;

	pthread_mutex_lock(&ready_lock);
	ready++;
	pthread_mutex_unlock(&ready_lock);
	while (!go)
		;
	while (!stop)
		workers[id].count++;
	return NULL;
}

/* Lets the workers run for ROUNDS rounds of spin-then-yield. */
static void run_rounds(void)
{
	volatile unsigned long spin;

	go = 1;
	for (int r = 0; r < ROUNDS; r++) {
		for (spin = 0; spin < MAIN_SPIN; spin++)
			;
		sched_yield();
	}
	stop = 1;
}

/* Restricts this process (and the threads it creates) to CPU 0. */
static void pin_to_cpu0(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	if (sched_setaffinity(0, sizeof(set), &set) != 0)
		tap_note("sched_setaffinity: %s; threads may spread over CPUs", strerror(errno));
}

/* Returns 1 if every count is within TOLERANCE_PCT percent of their mean. */
static int counts_fair(void)
{
	unsigned long sum = 0;
	for (int i = 0; i < NWORKERS; i++)
		sum += workers[i].count;
	unsigned long mean = sum / NWORKERS;
	tap_note("counts %lu %lu %lu, mean %lu, tolerance %d%% of the mean",
		 workers[0].count, workers[1].count, workers[2].count, mean, TOLERANCE_PCT);
	int ok = mean > 0;
	for (int i = 0; i < NWORKERS; i++) {
		unsigned long c = workers[i].count;
		unsigned long diff = c > mean ? c - mean : mean - c;
		ok &= diff * 100 <= mean * TOLERANCE_PCT;
	}
	return ok;
}

int main(void)
{
	pthread_t t[NWORKERS];
	int created = 0;

	tap_begin();
	pin_to_cpu0();
	for (intptr_t i = 0; i < NWORKERS; i++)
		created += pthread_create(&t[i], NULL, spin_worker, (void *)i) == 0;
	if (!CHECK("fair_workers_created", created == NWORKERS)) {
		stop = go = 1;
		return tap_end("t_fair");
	}
	while (ready < NWORKERS)
		sched_yield();
	run_rounds();
	for (int i = 0; i < NWORKERS; i++)
		pthread_join(t[i], NULL);
	CHECK("fair_busy_threads_get_equal_cpu_within_50_percent", counts_fair());
	return tap_end("t_fair");
}
