/* SPDX-License-Identifier: MIT */
/* sysfuzz: a system-call fuzzer that runs inside the OS. The parent
 * (sysfuzz.c, supervise.c, health.c) forks workers one after another; a
 * worker (worker.c) drops to an unprivileged uid and makes calls whose
 * arguments gen_linux.c and gen_native.c draw from the pools of pools.c.
 * Each worker logs its last calls in memory shared with the parent, so a
 * worker that dies or hangs comes with its reproducer. Calls are a
 * deterministic function of (seed, worker index, call index). */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SF_RING 32              /* calls kept per worker for the report */
#define SF_NOTE 24              /* bytes of the note on one argument */
#define SF_MAX_JOBS 8           /* workers running at once (-j) */
#define SF_PER_WORKER 1000      /* calls per worker; health is checked between */
#define SF_VERBOSE_FD 255       /* the worker's log descriptor in verbose mode */
#define SF_NUDGE_SIG 62         /* ends a blocked call of a worker (-EINTR) */
#define SF_NUDGE_MS 2          /* the worker's own nudge timer period */
#define SF_UID 1000             /* workers run as SF_UID + job slot */

enum sf_mode { SF_LINUX, SF_NATIVE, SF_MIXED };

/* Why a worker ended on its own (struct sf_wstate.end). */
enum sf_end {
	SF_END_NONE,
	SF_END_DONE,        /* made all its calls */
	SF_END_EXIT,        /* a fuzzed exit/exit_group */
	SF_END_EXEC,        /* a fuzzed execve replaced the program */
	SF_END_ORACLE,      /* a result that is clearly wrong: msg says which */
	SF_END_SETUP,       /* could not set itself up: msg says why */
};

/* One logged call. state: 1 in progress, 2 returned. */
struct sf_rec {
	uint32_t idx;
	uint32_t state;
	uint64_t nr;
	uint64_t a[6];
	int64_t ret;
	char note[6][SF_NOTE];
};

/* A worker's page of shared memory (MAP_SHARED before fork). */
struct sf_wstate {
	volatile uint64_t started;      /* calls begun */
	volatile uint64_t expect_sigs;  /* bit s-1: a death by signal s is plausible */
	volatile uint32_t end;          /* enum sf_end */
	volatile uint32_t may_block;    /* the call in progress may block legitimately */
	volatile uint32_t nudge_off;    /* the worker may have blocked or re-aimed its nudge */
	volatile uint32_t reserved;
	char msg[160];
	struct sf_rec ring[SF_RING];
};

struct sf_config {
	uint64_t seed;
	uint64_t iterations;
	enum sf_mode mode;
	int verbose;
	int info;               /* -i: a line per worker */
	int warmup;             /* the warm-up runs: findings are not printed */
	long verbose_worker;    /* -V K: verbose for worker K only (-1: all) */
	long only_worker;       /* -w K: run worker K only (-1: all) */
	int jobs;               /* -j: workers at once */
	int root;               /* -r: workers keep uid 0 */
	unsigned per_worker;    /* -c: calls per worker */
	unsigned hang_ms;       /* a worker that makes no progress for this long hangs */
	char exclude[256];      /* -x: comma-separated call names or argument classes */
	char skip[512];         /* -S: call indices not to make (1,5-9,...), to reduce a reproducer */
};

/* A call being built: number, arguments, a note per argument, and what
 * the worker must know about it. */
struct sf_call {
	uint64_t nr;
	uint64_t a[6];
	char note[6][SF_NOTE];
	unsigned flags;         /* SF_C_* */
	uint64_t expect;        /* signals that become plausible if the call succeeds */
	uint64_t expect_now;    /* signals plausible as soon as it is made */
};

#define SF_C_CLONE 0x1      /* may return twice: the child leaves at once */
#define SF_C_SIGRETURN 0x2  /* a[0] is the frame; returns through the landing pad */
#define SF_C_EXIT 0x4       /* ends the worker */
#define SF_C_EXEC 0x8       /* may replace the program */
#define SF_C_MAYBLOCK 0x10  /* may block legitimately (a pipe read, a wait) */
#define SF_C_SKIP 0x20      /* not made (excluded) */
#define SF_C_MM 0x40        /* changes mappings: a[0], a[1] checked against our own */
#define SF_C_TIMER 0x80     /* may disturb the nudge timer */
#define SF_C_CRED 0x100     /* changes credentials: check that none were gained */
#define SF_C_SIGMASK 0x200  /* may block the nudge signal */
#define SF_C_NATIVE_IPC 0x400 /* may have replaced ring contents */
#define SF_C_SPAWN 0x800    /* returns a child to reap */
#define SF_C_FORK 0x1000    /* returns a child pid to reap */

#define SIGBIT(s) (1ull << ((s) - 1))
/* Every signal a fault of the worker's own making can raise. */
#define SF_FAULT_SIGS (SIGBIT(4) | SIGBIT(5) | SIGBIT(7) | SIGBIT(8) | SIGBIT(11))

/* sysfuzz.c */
extern struct sf_config sf_cfg;
const char *sf_mode_name(enum sf_mode m);

/* What a run has counted. */
struct sf_stats {
	uint64_t calls, workers;
	uint64_t deaths;        /* findings: abnormal deaths, hangs, wrong results */
	uint64_t selfkills;     /* deaths by a signal the worker plausibly caused */
	uint64_t blocked;       /* workers killed in a call that may block, nudge disabled */
	uint64_t hangs;         /* of the deaths: no progress (or unkillable) */
	uint64_t health_failures;
};

/* supervise.c: runs workers first..first+count-1 at once, each with budget
 * calls, and counts what happened to them. */
extern struct sf_wstate *sf_shared;   /* SF_MAX_JOBS worker pages */
void sf_supervise_init(void);
void sf_run_workers(uint64_t first, int count, unsigned budget, struct sf_stats *st);
void sf_print_ring(const struct sf_wstate *w);
uint64_t sf_now_ns(void);

/* health.c */
int sf_health_init(void);
/* Runs every check; returns how many failed (each is printed). */
int sf_health_check(const char *when);
long sf_free_frames(void);
/* Has init and the VFS each receive a request (frees they defer to then). */
void sf_health_poke(void);
/* Backs every page of the VFS's state before the leak measure. */
void sf_fill_vfs(void);
/* Zombies init adopted and never reaped. */
int sf_orphans(void);
/* Removes worker k's directory and whatever workers left in /tmp. */
void sf_cleanup_worker(uint64_t k);
/* Removes the run directory. */
void sf_cleanup_run(void);
void sf_console_restore(void);
extern char sf_rundir[64];
extern uint64_t sf_svc_ring;   /* the parent's ring to init (workers unmap it) */
extern uint8_t *sf_heap;
extern size_t sf_heap_len;

/* worker.c: never returns. */
__attribute__((noreturn)) void sf_worker(uint64_t k, int slot, struct sf_wstate *w, unsigned budget);

/* names.c */
const char *sf_linux_name(uint64_t nr);
const char *sf_native_name(uint64_t nr);
const char *sf_call_name(uint64_t nr, char *buf, size_t len);
int sf_excluded(const char *name);
int sf_skipped(uint64_t idx);
