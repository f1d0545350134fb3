/* SPDX-License-Identifier: MIT */
/* Signals: actions per process, pending and blocked sets per thread,
 * delivery on the way back to user mode through a Linux rt_sigframe, and
 * rt_sigreturn. Default actions terminate (with or without the core flag),
 * ignore, or stop the process until SIGCONT; siginfo travels with each
 * pending signal. */
#pragma once
#include "lib/types.h"

#define NSIG_LINUX 64
#define SIG_BIT(sig) (1ull << ((sig) - 1))
#define SIGKILL_NR 9
#define SIGSTOP_NR 19
#define SIGRTMIN_K 32  /* the kernel's first real-time signal: these are queued */
#define SIGCHLD_NR 17
#define SIGPIPE_NR 13

struct proc;
struct thread;
struct trap_frame;

/* The kernel's struct sigaction (rt_sigaction's layout). */
struct k_sigaction {
	uint64_t handler;    /* SIG_DFL 0, SIG_IGN 1, or a function */
	uint64_t flags;      /* SA_* */
	uint64_t restorer;   /* SA_RESTORER: where the handler returns */
	uint64_t mask;       /* blocked while the handler runs */
};

struct uk_siginfo;

/* Sends sig to p (to thread t if not NULL); -EINVAL for a bad number. The
 * siginfo says SI_USER from sender_pid. */
long signal_send(struct proc *p, struct thread *t, int sig, int sender_pid);
/* signal_send with the siginfo given (code and bytes 16..31; errno_ too).
 * Returns 1 when the signal was already pending there (the new information
 * replaced the old: a timer counts that as an overrun), else 0 or -errno. */
long signal_send_info(struct proc *p, struct thread *t, const struct uk_siginfo *info, int errno_);
/* Takes pending signal sig from t: its information into *out (the oldest
 * occurrence of a real-time signal, which stays pending while more are
 * queued). */
struct thread_siginfo;
void signal_take(struct thread *t, int sig, struct thread_siginfo *out);
/* Writes the Linux siginfo (128 bytes) of sig with information in to out. */
void signal_fill_info(void *out, int sig, const struct thread_siginfo *in);
/* On the way to user mode: runs the first deliverable signal's action. */
void signal_deliver(struct thread *t);
long signal_action(struct proc *p, int sig, uint64_t uact, uint64_t uoact, uint64_t size);
long signal_return(struct thread *t);
/* Sends p's parent the signal that says p exited, stopped or continued
 * (event: PROC_EV_*), with Linux's SIGCHLD information; none for a stop or
 * continue when the parent asked SA_NOCLDSTOP. */
void signal_child_event(struct proc *p, int event);
/* UK_PROCINFO_TTIN_OFF and _TTOU_OFF for p (abi/syscall.h). */
uint32_t signal_job_flags(const struct proc *p);
/* Drops what a thread kept for handlers that never returned. */
void signal_thread_gone(struct thread *t);
