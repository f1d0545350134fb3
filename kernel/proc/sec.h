/* SPDX-License-Identifier: MIT */
/* A process's security state (abi/sec.h): credentials, pledge allow-sets
 * and seccomp filters, inherited at fork and spawn, changed at exec, and
 * checked on every system call before it runs (sec_syscall_check). The
 * policy lives in the security server; the kernel enforces it.
 * Entry points: sec_inherit, sec_release, sec_exec, sec_syscall_check,
 * sec_promise_check, sec_may_signal; seccomp.c adds the filters. */
#pragma once
#include "lib/types.h"
#include "abi/sec.h"

struct proc;
struct trap_frame;
struct sec_filter;

/* The flags that make every system call of a process go through
 * sec_syscall_check. */
#define SEC_CHECKED_FLAGS (UK_SEC_PLEDGED | UK_SEC_SECCOMP_STRICT | UK_SEC_SECCOMP_FILTER)

struct proc_sec {
	struct uk_sec s;
	struct sec_filter *filter;   /* newest first; shared with children */
	uint32_t filter_insns;       /* instructions in the chain (a limit applies) */
};

/* The child starts with the parent's state (root credentials, no pledge,
 * no filter, when there is no parent). */
void sec_inherit(struct proc *child, const struct proc *parent);
/* Drops p's reference to its filters. */
void sec_release(struct proc *p);
/* After a successful exec: the exec promises become the promises. */
void sec_exec(struct proc *p);
/* Runs seccomp and pledge for the call in tf. Returns true when it may go
 * on; else *ret is its result (the process may be gone). */
bool sec_syscall_check(struct trap_frame *tf, long *ret);
/* Whether the call in progress may use promise bit (abi/pledge.h): 0, or
 * the call's result when it may not (-ENOSYS under "error"; else the
 * process ends with SIGABRT and this does not return). */
long sec_promise_check(int promise, uint64_t nr);
/* Whether from may signal to (Linux's rule: privileged, or a real or
 * effective uid of the sender equals the target's real or saved uid). */
bool sec_may_signal(const struct proc *from, const struct proc *to);

/* seccomp.c */
/* Runs p's filters (or strict mode) on the call in tf; as sec_syscall_check. */
bool seccomp_check(struct proc *p, struct trap_frame *tf, long *ret);
void seccomp_filter_put(struct sec_filter *f);
struct sec_filter *seccomp_filter_get(struct sec_filter *f);
