/* SPDX-License-Identifier: MIT */
/* Processes: an address space with its memory areas, threads, a parent and
 * children, and an exit status that the parent collects with wait. */
#pragma once
#include "lib/types.h"
#include "ipc/cap.h"
#include "mm/vma.h"
#include "proc/rlimit.h"
#include "proc/sec.h"
#include "proc/signal.h"
#include "sched/thread.h"
#include "sched/timerq.h"

struct notif;
struct ipc_conn;

#define PROC_MAX 256
#define PROC_MAX_WATCHERS 8
#define PROC_VMA_MAX 256
/* Forwarded calls one process may have in flight to one server at once
 * (one connection each); a thread beyond waits for one to end. */
#define PROC_FWD_CONNS 32
#define PROC_MLOCK_LIMIT_PAGES 4096   /* 16 MiB of locked memory per process */
#define USER_STACK_TOP 0x00007FFFFFFFE000ull
#define USER_STACK_SIZE MiB(8)
#define USER_MMAP_TOP (USER_STACK_TOP - USER_STACK_SIZE - MiB(1))
#define USER_MMAP_BOTTOM 0x0000100000000000ull
#define USER_INITRD_BASE 0x00000F0000000000ull

enum proc_state { PROC_ALIVE, PROC_ZOMBIE };

struct proc {
	int pid;
	enum proc_state state;
	char name[32];
	phys_t pml4;
	struct vma_set vmas;
	struct vma vma_storage[PROC_VMA_MAX];
	virt_t brk_start, brk_end;
	struct proc *parent;
	int exit_signal;            /* sent to the parent at death (clone's low byte; SIGCHLD) */
	int pgid, sid;              /* process group and session (pgrp.c) */
	bool did_exec;              /* it has called execve (setpgid by its parent: EACCES) */
	bool autoreap;              /* a zombie its parent will not wait for (SIGCHLD ignored) */
	struct rlim rlim[RLIM_NLIMITS]; /* resource limits (rlimit.c) */
	uint64_t children_cpu_ns;   /* CPU time of the children it has waited for */
	uint64_t max_rss_pages;     /* the most pages it has had resident */
	uint32_t nqueued;           /* real-time signals queued to its threads */
	struct proc *children;      /* first child */
	struct proc *sibling;
	struct thread *threads;
	int nthreads;
	int exit_status;            /* wait(2) encoding */
	bool exiting;
	struct waitq child_wait;    /* threads of this process waiting for a child */
	uint64_t rss_pages;
	uint64_t locked_pages;
	bool mlock_future;          /* mlockall(MCL_FUTURE) */
	virt_t initrd_base;         /* 0 when the initrd is not mapped */
	size_t initrd_size;
	uint64_t dead_cpu_tsc;      /* CPU time of threads that have exited */
	struct cap_table caps;
	struct proc_watcher {
		struct notif *notif;
		uint64_t bits;
	} watchers[PROC_MAX_WATCHERS]; /* death notices */
	uint8_t *iomap;             /* I/O permission bitmap, NULL: no ports */
	struct fwd_pool {           /* forwarding connections to one server (fwd.c) */
		struct ipc_conn *conn[PROC_FWD_CONNS]; /* made on demand, kept for reuse */
		struct waitq wait;  /* threads waiting for one to be free */
	} fwd[8];                   /* by enum fwd_server */
	struct k_sigaction sigactions[64];
	int nice;                   /* -20 .. 19 (setpriority) */
	struct proc_sec sec;        /* credentials, pledge, seccomp */
	bool stopped;               /* by SIGSTOP and kin, until SIGCONT */
	struct waitq stop_wq;       /* its threads while stopped */
	int wait_event;             /* PROC_EV_*: a stop or continue the parent may collect */
	int stop_sig;
	virt_t guard_va;            /* a server's uint32_t: nonzero while it is inside a request */
	bool kill_deferred;         /* a kill waits for the guard to drop (proc_kill_point) */
	int deferred_status;
	struct timer kill_timer;    /* ends the wait for the guard (PROC_GUARD_MAX_MS) */
	struct timer cpu_timer;     /* RLIMIT_CPU checks (rlimit.c) */
};

enum { PROC_EV_NONE, PROC_EV_STOPPED, PROC_EV_CONTINUED, PROC_EV_EXITED };

/* When on, the machine leaves QEMU when init exits (tests, POWEROFF=1). */
void proc_set_init_exit_leaves(bool on);
/* The process of the running thread (NULL in kernel threads). */
static inline struct proc *proc_current(void)
{
	struct thread *t = thread_current();
	return t ? t->proc : NULL;
}
struct proc *proc_by_pid(int pid);
/* Calls fn for every live process until it returns nonzero; returns that. */
long proc_for_each(long (*fn)(struct proc *p, void *arg), void *arg);
/* The root task (init, the first process): it adopts orphans and carries
 * the kernel's notices; NULL once it is gone. */
struct proc *proc_root(void);
void proc_set_root(struct proc *p);
/* A new empty process (address space, no threads) with parent p (may be NULL). */
struct proc *proc_alloc(struct proc *parent, const char *name);
/* Frees everything of a process that never ran. */
void proc_free(struct proc *p);
/* Ends the whole process with a wait(2)-encoded status: other threads are
 * killed, memory freed, the parent told. Does not return. */
__attribute__((noreturn)) void proc_exit(int status);
/* Marks p as ending with status; its threads die on their way to user mode. */
void proc_kill(struct proc *p, int status);
/* proc_kill, unless p is a server inside a request (its guard word is
 * set): then the kill waits until the request is answered, so that a
 * successor never finds a half-done change (at most PROC_GUARD_MAX_MS). */
void proc_kill_guarded(struct proc *p, int status);
/* Where a deferred kill takes effect: the current process ends if its
 * guard has dropped (a kernel timer ends the wait after PROC_GUARD_MAX_MS). */
void proc_kill_point(void);
#define PROC_GUARD_MAX_MS 200
/* Ends the current thread; the last one ends the process with status. */
__attribute__((noreturn)) void proc_thread_exit(int status);
/* Checks on the way back to user mode: killed threads die here. */
void proc_return_to_user(void);
/* Waits for a child (pid -1: any). Returns its pid, 0 (no zombie, nohang),
 * or -ECHILD. */
long proc_wait(int pid, int *status, unsigned flags);
#define PROC_WAIT_NOHANG 1      /* WNOHANG */
#define PROC_WAIT_STOPPED 2     /* WUNTRACED: report stopped children */
#define PROC_WAIT_CONTINUED 8   /* WCONTINUED: report continued children */
uint64_t proc_cpu_ns(const struct proc *p);
/* Adds t to p's thread list. */
void proc_add_thread(struct proc *p, struct thread *t);
/* Frees p's whole user address space (p->pml4 becomes 0, no area left). */
void proc_release_address_space(struct proc *p);
/* Frees the address space (pml4, vmas) p had before exec gave it a new
 * one: its pages, tables and the objects its areas held; vmas is left empty. */
void proc_release_space(struct proc *p, phys_t pml4, struct vma_set *vmas);
/* Releases the user pages of [start, end) (unmaps, unrefs frames). */
void proc_unmap_range(struct proc *p, virt_t start, virt_t end);

/* fork: a copy-on-write child running from the caller's frame (on stack
 * when non-zero); returns the child's pid to the parent. */
/* What a new process starts with beside a copy of its parent (clone's
 * arguments for a process; fork and vfork: stack 0 and SIGCHLD). */
struct fork_args {
	uint64_t stack;          /* the child's stack pointer, or 0 for the parent's */
	uint64_t tls;            /* CLONE_SETTLS: its FS base, or 0 for the parent's */
	uint64_t parent_settid;  /* CLONE_PARENT_SETTID: where the parent gets the pid */
	uint64_t child_settid;   /* CLONE_CHILD_SETTID: where the child finds its tid */
	uint64_t child_cleartid; /* CLONE_CHILD_CLEARTID: zeroed and woken at its exit */
	int exit_signal;         /* sent to the parent when the child ends (0: none) */
};
long proc_fork(const struct fork_args *a);
/* A new user thread's first step, before it enters user mode. */
void proc_thread_first_entry(void);
/* Installs a process capability for p in t; returns the slot. */
int proc_cap_install(struct cap_table *t, struct proc *p);
/* Signals bits on n when process pid dies (at most PROC_MAX_WATCHERS). */
long proc_watch(int pid, struct notif *n, uint64_t bits);

/* Encodings of wait(2) statuses. */
#define W_EXITCODE(code) (((code) & 0xff) << 8)
#define W_SIGNALED(sig) ((sig) & 0x7f)
