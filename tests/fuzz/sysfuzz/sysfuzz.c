// SPDX-License-Identifier: MIT
/* sysfuzz SEED ITERATIONS MODE [options]: a system-call fuzzer inside the
 * OS (see sysfuzz.h for the parts). The parent runs workers of up to
 * SF_PER_WORKER calls one batch after another, checks the system's health
 * between batches, and at the end prints
 *   FUZZ calls=N deaths=N health_failures=N leaked_frames=N
 * (free frames after a warm-up minus free frames once every worker is
 * reaped and its files are gone), and exits 1 if there were deaths or
 * health failures, or more leaked frames than LEAK_SLACK.
 * A watchdog thread reports a parent that stops making progress. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>
#include <x86intrin.h>
#include "sysfuzz.h"
#include "uk.h"

#define WARMUP_CALLS 10000
#define WARMUP_PASSES 2
#define WATCHDOG_S 120
#define SETTLE_TRIES 50
/* Frames a run may end with fewer of than it began without a leak: the
 * kernel's slab caches keep partly used slabs and one empty slab each, and
 * the servers' heaps keep their high-water marks; both settle at a level
 * that depends on what the calls did (the same run twice in a row: the
 * second one ends with every frame back). A real leak grows with the calls
 * (an orphan costs 16 frames, a passed capability its object). */
#define LEAK_SLACK 16

struct sf_config sf_cfg;
uint8_t *sf_heap;
size_t sf_heap_len = 64 * 1024;

static struct sf_stats stats;
static volatile uint64_t heartbeat_ns;
static const char *volatile phase = "start";

const char *sf_mode_name(enum sf_mode m)
{
	return m == SF_LINUX ? "linux" : m == SF_NATIVE ? "native" : "mixed";
}

static void usage(void)
{
	fprintf(stderr,
		"usage: sysfuzz SEED ITERATIONS linux|native|mixed [-v] [-V WORKER] [-i] [-w WORKER] [-j JOBS] [-r]\n"
		"               [-c CALLS_PER_WORKER] [-t HANG_MS] [-S LIST] [-x NAME,...]\n"
		"  -v  print each call before it is made (for panics)\n"
		"  -V  the same for worker WORKER only\n"
		"  -i  print how each worker ended (-ii: and its last calls)\n"
		"  -w  run only worker WORKER (ITERATIONS calls at most): a reproducer\n"
		"  -j  workers at once (1..%d; default 1)\n"
		"  -r  workers stay root (default: uid %d + job slot)\n"
		"  -S  do not make the calls of these indices (e.g. 0-99,120): to cut a\n"
		"      reproducer down\n"
		"  -x  skip these calls (names as printed, e.g. write,uk_svc), or never pass\n"
		"      these pointers: null, initrd; or mapping ranges over 4 GiB: huge; or\n"
		"      /dev/console: console; or pages shared copy-on-write with the parent: cow;\n"
		"      or lengths over 16 MiB: oom; or capabilities passed with ipc_call: passcap\n", SF_MAX_JOBS, SF_UID);
	exit(2);
}

static void parse(int argc, char **argv)
{
	if (argc < 4)
		usage();
	sf_cfg.seed = strtoull(argv[1], NULL, 0);
	sf_cfg.iterations = strtoull(argv[2], NULL, 0);
	if (!strcmp(argv[3], "linux"))
		sf_cfg.mode = SF_LINUX;
	else if (!strcmp(argv[3], "native"))
		sf_cfg.mode = SF_NATIVE;
	else if (!strcmp(argv[3], "mixed"))
		sf_cfg.mode = SF_MIXED;
	else
		usage();
	sf_cfg.only_worker = -1;
	sf_cfg.verbose_worker = -1;
	sf_cfg.jobs = 1;
	sf_cfg.per_worker = SF_PER_WORKER;
	sf_cfg.hang_ms = 10000;
	for (int i = 4; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(o, "-v"))
			sf_cfg.verbose = 1;
		else if (!strcmp(o, "-V") && v)
			sf_cfg.verbose = 1, sf_cfg.verbose_worker = strtol(v, NULL, 0), i++;
		else if (!strcmp(o, "-i"))
			sf_cfg.info = 1;
		else if (!strcmp(o, "-ii"))
			sf_cfg.info = 2;
		else if (!strcmp(o, "-r"))
			sf_cfg.root = 1;
		else if (!strcmp(o, "-w") && v)
			sf_cfg.only_worker = strtol(v, NULL, 0), i++;
		else if (!strcmp(o, "-j") && v)
			sf_cfg.jobs = atoi(v), i++;
		else if (!strcmp(o, "-c") && v)
			sf_cfg.per_worker = (unsigned)strtoul(v, NULL, 0), i++;
		else if (!strcmp(o, "-t") && v)
			sf_cfg.hang_ms = (unsigned)strtoul(v, NULL, 0), i++;
		else if (!strcmp(o, "-S") && v)
			snprintf(sf_cfg.skip, sizeof(sf_cfg.skip), "%s", v), i++;
		else if (!strcmp(o, "-x") && v)
			snprintf(sf_cfg.exclude, sizeof(sf_cfg.exclude), "%s", v), i++;
		else
			usage();
	}
	if (sf_cfg.jobs < 1 || sf_cfg.jobs > SF_MAX_JOBS || !sf_cfg.per_worker)
		usage();
}

static void beat(const char *what)
{
	phase = what;
	heartbeat_ns = sf_now_ns();
}

static void print_result(long leaked)
{
	printf("FUZZ calls=%llu deaths=%llu health_failures=%llu leaked_frames=%ld\n",
	       (unsigned long long)stats.calls, (unsigned long long)stats.deaths,
	       (unsigned long long)stats.health_failures, leaked);
	fflush(stdout);
}

static void *report_hang(void *arg)
{
	(void)arg;
	printf("FUZZ-HANG the parent made no progress for %d s (%s)\n", WATCHDOG_S, phase);
	print_result(0);
	return NULL;
}

/* Reports a parent stuck for WATCHDOG_S (a server that no longer answers
 * its health check, a worker that cannot be reaped) and ends the run. It
 * sleeps on a kernel timer: the time server may be what is stuck. */
static void *watchdog(void *arg)
{
	(void)arg;
	int n = uk_notif_create();
	for (;;) {
		uint64_t bits;
		if (n < 0 || uk_notif_at(n, 1, sf_now_ns() + 1000000000ull) || uk_notif_wait(n, &bits, 0))
			sleep(1);
		if (sf_now_ns() - heartbeat_ns > WATCHDOG_S * 1000000000ull) {
			/* The output goes through the VFS, which may be what is stuck:
			 * print from another thread and leave regardless. */
			pthread_t t;
			stats.health_failures++;
			pthread_create(&t, NULL, report_hang, NULL);
			for (int i = 0; i < 2 && n >= 0; i++)
				if (uk_notif_at(n, 1, sf_now_ns() + 1000000000ull) == 0)
					uk_notif_wait(n, &bits, 0);
			_exit(3);
		}
	}
	return NULL;
}

/* Free frames once the kernel has finished freeing (a few yields). */
/* Free frames once the system has finished freeing: the kernel frees some
 * things when their server next receives (the rings of closed
 * connections), so each round asks init for its list (which also has init
 * receive) and gives the others a moment. */
static long settled_free_frames(long want)
{
	long f = sf_free_frames();
	for (int i = 0; i < SETTLE_TRIES && f != want; i++) {
		sf_health_poke();
		usleep(2000);
		f = sf_free_frames();
	}
	return f;
}

static void batch(uint64_t first, int count, unsigned budget, struct sf_stats *st)
{
	beat("workers");
	sf_run_workers(first, count, budget, st);
	beat("cleanup");
	for (int i = 0; i < count; i++)
		sf_cleanup_worker(first + (uint64_t)i);
	sf_console_restore();
	beat("health check");
	char when[48];
	snprintf(when, sizeof(when), "after worker %llu", (unsigned long long)(first + (uint64_t)count - 1));
	st->health_failures += (uint64_t)sf_health_check(when);
	if (sf_cfg.info)
		printf("sfz free frames %ld after worker %llu\n", sf_free_frames(),
		       (unsigned long long)(first + (uint64_t)count - 1));
}

/* The workers of a run (or worker -w alone), until iterations calls. */
static void run(struct sf_stats *st, uint64_t iterations)
{
	if (sf_cfg.only_worker >= 0) {
		uint64_t n = iterations > 0xffffffffull ? 0xffffffffull : iterations;
		batch((uint64_t)sf_cfg.only_worker, 1, (unsigned)n, st);
		return;
	}
	for (uint64_t k = 0; st->calls < iterations; k += (uint64_t)sf_cfg.jobs) {
		uint64_t left = iterations - st->calls;
		unsigned budget = left < sf_cfg.per_worker ? (unsigned)left : sf_cfg.per_worker;
		uint64_t before_calls = st->calls;
		batch(k, sf_cfg.jobs, budget, st);
		if (st->calls == before_calls && k > 1000)
			break;   /* no worker makes calls any more */
	}
}

int main(int argc, char **argv)
{
	parse(argc, argv);
	setvbuf(stdout, NULL, _IOLBF, 0);
	sf_heap = malloc(sf_heap_len);
	if (!sf_heap)
		return 2;
	memset(sf_heap, 0x5a, sf_heap_len);
	snprintf(sf_rundir, sizeof(sf_rundir), "/tmp/sfz-%llu", (unsigned long long)sf_cfg.seed);
	sf_supervise_init();
	beat("setup");
	pthread_t wd;
	pthread_create(&wd, NULL, watchdog, NULL);
	sf_cleanup_run();
	if (mkdir(sf_rundir, 01777) || chmod(sf_rundir, 01777)) {
		printf("sysfuzz: mkdir %s: %s\n", sf_rundir, strerror(errno));
		return 2;
	}
	if (sf_health_init() || sf_health_check("at start")) {
		printf("sysfuzz: the system is not healthy before fuzzing\n");
		stats.health_failures++;
		print_result(0);
		return 1;
	}
	printf("sysfuzz: seed %llu, %llu calls, mode %s, %d job(s), workers as %s\n",
	       (unsigned long long)sf_cfg.seed, (unsigned long long)sf_cfg.iterations,
	       sf_mode_name(sf_cfg.mode), sf_cfg.jobs, sf_cfg.root ? "root" : "uid 1000+");

	/* Warm-up: the run's own first workers, twice, before the measure. The
	 * servers' state is backed page by page as it is first used and the
	 * kernel's caches grow to what the calls need; both stay, and would
	 * count as leaked (a second pass still adds some, a third almost
	 * nothing). Findings of the warm-up come again in the run. */
	beat("filling the VFS");
	sf_fill_vfs();
	unsigned hang_ms = sf_cfg.hang_ms;
	sf_cfg.warmup = 1;
	sf_cfg.hang_ms = hang_ms < 2000 ? hang_ms : 2000;   /* a hang comes again */
	for (int pass = 0; pass < WARMUP_PASSES; pass++) {
		struct sf_stats warm = { 0 };
		run(&warm, sf_cfg.iterations < WARMUP_CALLS ? sf_cfg.iterations : WARMUP_CALLS);
	}
	sf_cfg.warmup = 0;
	sf_cfg.hang_ms = hang_ms;
	long before = settled_free_frames(-1);
	int orphans_before = sf_orphans();
	uint64_t hz = getauxval(AT_UK_TSC_HZ), t0 = __rdtsc();
	run(&stats, sf_cfg.iterations);
	uint64_t ticks = __rdtsc() - t0;
	beat("final cleanup");
	sf_cleanup_run();
	long after = settled_free_frames(before);
	long leaked = before >= 0 && after >= 0 ? before - after : 0;
	unsigned long long cps = hz && ticks ? (unsigned long long)((unsigned __int128)stats.calls * hz / ticks) : 0;
	printf("FUZZ-INFO seed=%llu mode=%s workers=%llu selfkills=%llu blocked=%llu hangs=%llu "
	       "orphans=%d free_before=%ld free_after=%ld calls_per_s=%llu\n",
	       (unsigned long long)sf_cfg.seed, sf_mode_name(sf_cfg.mode),
	       (unsigned long long)stats.workers, (unsigned long long)stats.selfkills,
	       (unsigned long long)stats.blocked, (unsigned long long)stats.hangs,
	       sf_orphans() - orphans_before, before, after, cps);
	print_result(leaked);
	return stats.deaths || stats.health_failures || leaked > LEAK_SLACK ? 1 : 0;
}
