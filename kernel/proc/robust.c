// SPDX-License-Identifier: MIT
/* Robust futexes: set_robust_list, get_robust_list, and the walk of a
 * thread's list when it ends: every lock it still holds is marked
 * FUTEX_OWNER_DIED and one waiter is woken, so the next locker gets
 * EOWNERDEAD instead of waiting for ever (robust and process-shared
 * pthread mutexes). The list lives in user memory and is walked with
 * checked copies and a bound, whatever its state. */
#include "abi/errno.h"
#include "mm/uaccess.h"
#include "proc/futex.h"
#include "proc/proc.h"
#include "proc/robust.h"

#define ROBUST_HEAD_BYTES 24     /* struct robust_list_head */
#define ROBUST_LIST_LIMIT 2048   /* entries walked at most (Linux's bound too) */
#define FUTEX_WAITERS 0x80000000u
#define FUTEX_OWNER_DIED 0x40000000u
#define FUTEX_TID_MASK 0x3fffffffu

struct robust_head {
	uint64_t list;             /* the first entry (the head itself when empty) */
	int64_t futex_offset;      /* from an entry to its futex word */
	uint64_t list_op_pending;  /* an entry being locked or unlocked */
};

long robust_set(struct thread *t, uint64_t head, uint64_t len)
{
	if (len != ROBUST_HEAD_BYTES)
		return -EINVAL;
	t->robust_list = head;
	return 0;
}

long robust_get(int tid, uint64_t uhead, uint64_t ulen)
{
	struct proc *me = proc_current();
	struct thread *t = tid ? NULL : thread_current();
	for (struct thread *c = me->threads; !t && c; c = c->proc_next)
		if (c->tid == tid)
			t = c;
	if (!t)
		return -ESRCH;  /* another process's threads are not ours to read */
	uint64_t len = ROBUST_HEAD_BYTES;
	if (copy_to_user(uhead, &t->robust_list, sizeof(t->robust_list)) ||
	    copy_to_user(ulen, &len, sizeof(len)))
		return -EFAULT;
	return 0;
}

/* The owner (tid) of the lock at entry is gone: mark it, wake a waiter. */
static void owner_died(struct proc *p, uint64_t entry, int64_t offset, int tid)
{
	uint64_t word = (entry & ~1ull) + (uint64_t)offset;
	uint32_t v;
	if ((word & 3) || copy_from_user(&v, word, sizeof(v)) || (v & FUTEX_TID_MASK) != (uint32_t)tid)
		return;
	uint32_t nv = (v & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
	if (copy_to_user(word, &nv, sizeof(nv)))
		return;
	if (v & FUTEX_WAITERS)
		futex_wake_any(p, word, 1);
}

void robust_exit(struct thread *t)
{
	struct robust_head h;
	if (!t->robust_list || copy_from_user(&h, t->robust_list, sizeof(h)))
		return;
	uint64_t entry = h.list;
	for (int n = 0; entry != t->robust_list && n < ROBUST_LIST_LIMIT; n++) {
		uint64_t next;
		if (!entry || copy_from_user(&next, entry & ~1ull, sizeof(next)))
			break;
		if (entry != h.list_op_pending)
			owner_died(t->proc, entry, h.futex_offset, t->tid);
		entry = next;
	}
	if (h.list_op_pending)
		owner_died(t->proc, h.list_op_pending, h.futex_offset, t->tid);
	t->robust_list = 0;
}
