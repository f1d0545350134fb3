/* SPDX-License-Identifier: MIT */
/* futex(2): FUTEX_WAIT/WAKE (and _BITSET), REQUEUE/CMP_REQUEUE; private
 * futexes are keyed by address space and address, shared ones by the
 * physical frame and offset, so they work across address spaces. */
#pragma once
#include "lib/types.h"

struct proc;

long futex_op(uint64_t uaddr, int op, uint32_t val, uint64_t utimeout,
	      uint64_t uaddr2, uint32_t val3);
/* Wakes up to n private waiters on uaddr in p; returns how many. */
int futex_wake(struct proc *p, uint64_t uaddr, int n);
/* The same, then shared (process-shared) waiters; p is the caller. */
int futex_wake_any(struct proc *p, uint64_t uaddr, int n);

/* The TSC deadline of a user struct timespec timeout: relative, or absolute
 * on CLOCK_MONOTONIC (ns since boot); 0 when utimeout is NULL. Returns 0,
 * -EFAULT or -EINVAL (negative or tv_nsec out of range). Futexes and
 * rt_sigtimedwait use it. */
int timeout_deadline(uint64_t utimeout, bool absolute, uint64_t *deadline);
