// SPDX-License-Identifier: MIT
/* The parent's side of a worker: forks it, watches its progress (the
 * shared page's call counter) and its death (a notification the kernel
 * signals when it dies, with a kernel timer for the progress checks), nudges
 * a worker that stalls, kills one that hangs, and classifies how each one
 * ended. A finding is printed with the worker's last calls. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "sysfuzz.h"
#include "uk.h"

#define TICK_NS 50000000ull   /* progress checks */
#define KILL_WAIT_NS 5000000000ull

struct sf_wstate *sf_shared;
static int notif = -1;

struct running {
	long pid;
	uint64_t k;
	int slot, cap;
	uint64_t seen, progress_ns, kill_ns;
	int nudged, killed, hung;
};

uint64_t sf_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void sf_supervise_init(void)
{
	/* A PROT_NONE page on each side: a worker's buffer next to the log
	 * cannot run into it (the kernel stops at the guard with EFAULT). */
	size_t len = (sizeof(struct sf_wstate) * SF_MAX_JOBS + 4095) & ~4095ul;
	uint8_t *m = mmap(NULL, len + 2 * 4096, PROT_NONE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED || mprotect(m + 4096, len, PROT_READ | PROT_WRITE)) {
		perror("sysfuzz: shared log");
		_exit(2);
	}
	sf_shared = (struct sf_wstate *)(m + 4096);
	memset(sf_shared, 0, sizeof(struct sf_wstate) * SF_MAX_JOBS);
	notif = uk_notif_create();
}

static void print_rec(const struct sf_rec *r)
{
	char name[40], line[600];
	int n = snprintf(line, sizeof(line), "#   #%u %s(", r->idx, sf_call_name(r->nr, name, sizeof(name)));
	for (int a = 0; a < 6; a++)
		n += snprintf(line + n, sizeof(line) - (size_t)n, "%s%#llx%s%.*s%s", a ? ", " : "",
			      (unsigned long long)r->a[a], r->note[a][0] ? " /*" : "", SF_NOTE,
			      r->note[a], r->note[a][0] ? "*/" : "");
	if (r->state == 2)
		snprintf(line + n, sizeof(line) - (size_t)n, ") = %lld", (long long)r->ret);
	else
		snprintf(line + n, sizeof(line) - (size_t)n, ")   <- in progress");
	puts(line);
}

void sf_print_ring(const struct sf_wstate *w)
{
	uint64_t end = w->started, begin = end > SF_RING ? end - SF_RING : 0;
	for (uint64_t i = begin; i < end; i++) {
		const struct sf_rec *r = &w->ring[i % SF_RING];
		if (r->state && r->idx == (uint32_t)i)
			print_rec(r);
	}
}

static void finding(const struct running *r, const char *what)
{
	const struct sf_wstate *w = &sf_shared[r->slot];
	if (sf_cfg.warmup) {
		printf("sysfuzz: warm-up worker %llu: %s (it comes again)\n",
		       (unsigned long long)r->k, what);
		return;
	}
	printf("FINDING seed %llu worker %llu (%s): %s after %llu calls\n",
	       (unsigned long long)sf_cfg.seed, (unsigned long long)r->k, sf_mode_name(sf_cfg.mode),
	       what, (unsigned long long)w->started);
	if (w->msg[0])
		printf("#   %s\n", w->msg);
	sf_print_ring(w);
	printf("#   reproduce: /bin/sysfuzz %llu %llu %s -w %llu -v%s\n",
	       (unsigned long long)sf_cfg.seed, (unsigned long long)w->started,
	       sf_mode_name(sf_cfg.mode), (unsigned long long)r->k, sf_cfg.root ? " -r" : "");
	fflush(stdout);
}

static const char *signame(int sig)
{
	static const char *const names[32] = { NULL, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL",
		"SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2",
		"SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP",
		"SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM",
		"SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS" };
	static char buf[16];
	if (sig >= 1 && sig < 32)
		return names[sig];
	snprintf(buf, sizeof(buf), "signal %d", sig);
	return buf;
}

/* With -i: one line per worker on how it ended. */
static void info(const struct running *r, int status)
{
	const struct sf_wstate *w = &sf_shared[r->slot];
	char name[40] = "-";
	if (w->started)
		sf_call_name(w->ring[(w->started - 1) % SF_RING].nr, name, sizeof(name));
	printf("sfz worker %llu: %llu calls, %s %d, end %u, last %s\n", (unsigned long long)r->k,
	       (unsigned long long)w->started, WIFSIGNALED(status) ? "signal" : "status",
	       WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status), w->end, name);
}

/* How a reaped worker ended: a finding, or nothing to report. */
static void classify(struct running *r, int status, struct sf_stats *st)
{
	struct sf_wstate *w = &sf_shared[r->slot];
	char what[96];
	if (sf_cfg.info)
		info(r, status);
	if (sf_cfg.info > 1)
		sf_print_ring(w);
	st->calls += w->started;
	if (r->hung)
		return;   /* reported when it was killed */
	if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);
		if (r->killed) {
			st->blocked++;
			return;
		}
		if (sig >= 1 && sig <= 64 && (w->expect_sigs & SIGBIT(sig))) {
			st->selfkills++;
			return;
		}
		snprintf(what, sizeof(what), "killed by %s", signame(sig));
	} else if (WIFEXITED(status)) {
		int code = WEXITSTATUS(status);
		if ((w->end == SF_END_DONE && code == 0) || w->end == SF_END_EXIT || w->end == SF_END_EXEC)
			return;
		if (w->end == SF_END_ORACLE)
			snprintf(what, sizeof(what), "wrong result");
		else if (w->end == SF_END_SETUP)
			snprintf(what, sizeof(what), "worker could not set up");
		else
			snprintf(what, sizeof(what), "exited with status %d unasked", code);
	} else {
		return;
	}
	st->deaths++;
	finding(r, what);
}

/* A worker that made no progress: nudged first, then killed. */
static void watch(struct running *r, uint64_t now, struct sf_stats *st)
{
	struct sf_wstate *w = &sf_shared[r->slot];
	uint64_t hang = (uint64_t)sf_cfg.hang_ms * 1000000ull;
	if (w->started != r->seen) {
		r->seen = w->started;
		r->progress_ns = now;
		r->nudged = 0;
		return;
	}
	if (r->killed) {
		if (now - r->kill_ns > KILL_WAIT_NS && r->killed == 1) {
			r->killed = 2;
			if (!r->hung)
				st->deaths++, st->hangs++;
			r->hung = 1;
			finding(r, "cannot be killed (SIGKILL 5 s ago)");
		}
		return;
	}
	if (now - r->progress_ns > hang / 4 && !r->nudged) {
		r->nudged = 1;
		kill((pid_t)r->pid, SIGCONT);
		kill((pid_t)r->pid, SF_NUDGE_SIG);
	}
	if (now - r->progress_ns <= hang)
		return;
	if (!(w->may_block && w->nudge_off)) {
		char what[80];
		snprintf(what, sizeof(what), "hang: no progress for %u ms%s", sf_cfg.hang_ms,
			 w->may_block ? " in a call that may block, nudged" : "");
		r->hung = 1;
		st->deaths++, st->hangs++;
		finding(r, what);
	}
	r->killed = 1;
	r->kill_ns = now;
	kill((pid_t)r->pid, SIGKILL);
}

static int start(struct running *r, uint64_t k, int slot, unsigned budget)
{
	struct sf_wstate *w = &sf_shared[slot];
	memset(w, 0, sizeof(*w));
	memset(r, 0, sizeof(*r));
	r->k = k;
	r->slot = slot;
	r->cap = -1;
	fflush(stdout);
	long pid = fork();
	if (pid == 0)
		sf_worker(k, slot, w, budget);
	if (pid < 0) {
		printf("sysfuzz: fork of worker %llu failed\n", (unsigned long long)k);
		return -1;
	}
	r->pid = pid;
	r->progress_ns = sf_now_ns();
	r->cap = uk_proc_cap(pid);
	if (r->cap >= 0 && notif >= 0)
		uk_proc_watch(r->cap, notif, 1ull << slot);
	return 0;
}

void sf_run_workers(uint64_t first, int count, unsigned budget, struct sf_stats *st)
{
	struct running run[SF_MAX_JOBS];
	int live = 0;
	for (int i = 0; i < count; i++)
		if (start(&run[i], first + (uint64_t)i, i, budget) == 0)
			live++;
		else
			run[i].pid = 0;
	st->workers += (uint64_t)live;
	while (live) {
		uint64_t now = sf_now_ns(), bits = 0;
		if (notif >= 0 && uk_notif_at(notif, 1ull << 63, now + TICK_NS) == 0)
			uk_notif_wait(notif, &bits, 0);
		else
			usleep(TICK_NS / 1000);
		now = sf_now_ns();
		for (int i = 0; i < count; i++) {
			struct running *r = &run[i];
			if (!r->pid)
				continue;
			int status = 0;
			long got = waitpid((pid_t)r->pid, &status, WNOHANG);
			if (got == r->pid || r->killed == 2) {   /* an unkillable one is left */
				sf_console_restore();   /* its termios must not eat the report */
				classify(r, status, st);
				if (r->cap >= 0)
					uk_cap_delete(r->cap);
				r->pid = 0;
				live--;
				continue;
			}
			watch(r, now, st);
		}
	}
	if (notif >= 0)
		uk_notif_at(notif, 0, 0);
}
