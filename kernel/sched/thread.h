/* SPDX-License-Identifier: MIT */
/* Threads and the scheduler.
 *
 * Priorities 0 (highest) .. SCHED_NPRIO-1, round-robin inside a priority,
 * time slices of SCHED_SLICE_NS, tickless (the slice timer is armed only
 * when another thread is waiting). CPU time is counted in TSC cycles.
 *
 * Bound on waiting: a runnable thread of any priority that has waited
 * SCHED_AGING_NS or longer is picked at the next scheduling decision ahead
 * of higher priorities, and decisions happen at least every slice while
 * anyone waits; so no runnable thread waits longer than
 * SCHED_AGING_NS + SCHED_SLICE_NS (plus at most one slice per other thread
 * that aged at the same moment).
 *
 * The kernel is not preemptible: it runs with interrupts off (one big lock on
 * one CPU); a thread gives up the CPU only in schedule(), and preemption
 * takes effect on the way back to user mode. */
#pragma once
#include "lib/types.h"
#include "sched/timerq.h"

#define SCHED_NPRIO 8
#define SCHED_DEFAULT_PRIO 4
#define SCHED_SLICE_NS 10000000ul     /* 10 ms */
#define SCHED_AGING_NS 100000000ul    /* 100 ms */
#define KSTACK_ORDER 2                /* 16 KiB kernel stacks */
#define KSTACK_SIZE (PAGE_SIZE << KSTACK_ORDER)

struct proc;
struct trap_frame;
struct ipc_conn;

enum thread_state { THREAD_NEW, THREAD_RUNNABLE, THREAD_RUNNING, THREAD_BLOCKED, THREAD_DEAD };

struct thread;
struct waitq {
	struct thread *head, *tail;
};

struct thread {
	uint64_t saved_rsp;          /* context_switch */
	phys_t as;                   /* page tables (user threads) */
	uint64_t kstack_top;
	phys_t kstack;
	struct proc *proc;           /* NULL for kernel threads */
	int tid;
	enum thread_state state;
	int prio;
	bool killed;                 /* exit at the next return to user mode */
	struct thread *next, *prev;  /* run queue or wait queue */
	struct waitq *waiting_on;
	struct thread *proc_next;    /* the process's thread list */
	uint64_t enqueued_tsc;
	uint64_t run_start_tsc;
	uint64_t cpu_tsc;            /* CPU time consumed, TSC ticks */
	int wake_reason;             /* 0 = woken, or negative errno (-ETIMEDOUT, -EINTR) */
	struct timer sleep_timer;
	uint64_t fs_base;
	uint64_t clear_child_tid;    /* user address, CLONE_CHILD_CLEARTID */
	void *fpu;                   /* 64-byte aligned FPU area */
	struct trap_frame *user_frame;
	uint64_t futex_key[2];       /* what a FUTEX_WAIT sleeps on */
	uint64_t sigmask;            /* blocked signals (rt_sigprocmask) */
	uint64_t sigpending;         /* signals waiting for delivery to this thread */
	struct thread_siginfo {      /* what came with each pending signal (siginfo) */
		int32_t code, errno_;
		uint64_t word0, word1;   /* siginfo bytes 16..31 */
	} siginfo[64];               /* the standard signals' (real-time ones are queued) */
	struct sigq *rtq;            /* queued real-time signals, oldest first */
	uint64_t altstack_sp, altstack_size;  /* sigaltstack; size 0: none */
	uint64_t sigmask_saved;      /* rt_sigsuspend: the mask the handler's frame restores */
	bool sigmask_restore;
	uint64_t sigwait_set;        /* rt_sigtimedwait: signals that wake it though blocked */
	uint64_t restart_nr;         /* 1 + a call interrupted by a signal (SA_RESTART), or 0 */
	uint64_t restart_any;        /* 1 + a call to run again unless a handler without
				      * SA_RESTART runs first (ERESTARTSYS), or 0 */
	int sigdepth;                /* handlers running (FPU states kept) */
	void *sigfpu[8];
	bool iret_return;            /* the syscall rewrote the frame: return with iretq */
	struct ipc_conn *ipc_handed;  /* receive: a connection handed over directly */
	uint32_t fwd_nr;             /* 1 + the Linux call it is forwarding, or 0 */
	uint64_t set_child_tid;      /* clone CHILD_SETTID: written in its own memory at first run */
	uint64_t robust_list;        /* set_robust_list's head, or 0 */
};

void sched_init(void);
/* Starts scheduling on this CPU; never returns. */
__attribute__((noreturn)) void sched_start(void);

/* A new thread; for user threads (proc != NULL) the caller fills the trap
 * frame at thread->user_frame. Returns NULL when out of memory. */
struct thread *thread_create_user(struct proc *p);
struct thread *thread_create_kernel(void (*fn)(void *), void *arg, int prio);
void thread_destroy(struct thread *t);
/* Rewrites t's user frame to start a new program (execve). */
void thread_reset_user(struct thread *t, uint64_t entry, uint64_t sp);

/* The thread running on this CPU (from the per-CPU block, through GS). */
static inline struct thread *thread_current(void)
{
	struct thread *t;
	__asm__ volatile("mov %%gs:24, %0" : "=r"(t));  /* PERCPU_CURRENT */
	return t;
}
/* Makes t runnable (tail of its priority's queue). */
void sched_wake(struct thread *t, int reason);
/* Gives the CPU to the next thread; returns when this one runs again. */
void schedule(void);
void sched_yield_current(void);
/* Moves t to priority prio (0 most urgent .. SCHED_NPRIO-1). */
void sched_set_prio(struct thread *t, int prio);
/* Blocks the current thread on wq (NULL: on nothing) until woken or until the
 * TSC deadline (0: none); returns the wake reason (0, -ETIMEDOUT, -EINTR). */
int sched_block(struct waitq *wq, uint64_t deadline);
/* Switches straight to next, a blocked thread, without a scheduler pass
 * (the fused IPC path); the current thread keeps running later if it is
 * still runnable. */
void sched_handoff(struct thread *next);
/* Blocks the current thread on wq and hands the CPU to next; returns the
 * wake reason as sched_block does. */
int sched_block_handoff(struct waitq *wq, struct thread *next);
/* Wakes up to n threads on wq; returns how many. */
int waitq_wake(struct waitq *wq, int n, int reason);
void waitq_remove(struct waitq *wq, struct thread *t);
/* Moves a thread blocked on from to the tail of to (futex requeue). */
void waitq_move(struct waitq *from, struct waitq *to, struct thread *t);
/* Ends the current thread; the caller has already detached it from its process. */
__attribute__((noreturn)) void sched_exit_current(void);
/* Asks for a reschedule at the next return to user mode. */
void sched_need_resched(void);
bool sched_resched_pending(void);
uint64_t thread_cpu_ns(const struct thread *t);
