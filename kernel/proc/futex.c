// SPDX-License-Identifier: MIT
/* Futex wait queues: a small hash of queues, each thread carrying its key. */
#include "abi/errno.h"
#include "cpu.h"
#include "tsc.h"
#include "mm/paging.h"
#include "mm/uaccess.h"
#include "proc/futex.h"
#include "proc/proc.h"
#include "proc/uvm.h"
#include "sched/thread.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define NBUCKETS 64

static struct waitq buckets[NBUCKETS];

struct futex_key {
	uint64_t a, b;
};

static struct waitq *bucket(const struct futex_key *k)
{
	uint64_t h = (k->a ^ (k->b * 0x9E3779B97F4A7C15ull)) >> 32;
	return &buckets[h % NBUCKETS];
}

/* Private: (address space, address). Shared: (frame, offset), faulting the
 * page in first so that it has a frame. */
static int make_key(uint64_t uaddr, bool private, struct futex_key *k)
{
	struct proc *p = proc_current();
	if ((uaddr & 3) || !user_range_ok(uaddr, 4))
		return -EINVAL;
	if (private) {
		*k = (struct futex_key){ p->pml4, uaddr };
		return 0;
	}
	uint32_t v;
	if (copy_from_user(&v, uaddr, 4))
		return -EFAULT;
	uint64_t *pte = pt_lookup(p->pml4, uaddr & ~(PAGE_SIZE - 1));
	if (!pte)
		return -EFAULT;
	*k = (struct futex_key){ (*pte & PTE_ADDR) | 1, uaddr & (PAGE_SIZE - 1) };
	return 0;
}

/* Wakes up to n waiters of k and moves up to nmove more to move_to. Each
 * waiter is looked at once: a moved one goes to the tail of its new queue
 * with its new key, and a requeue onto k itself leaves the waiters where
 * they are (counted, as Linux counts them), so the walk always ends. */
static int wake_key(const struct futex_key *k, int n, const struct futex_key *move_to, int nmove)
{
	struct waitq *q = bucket(k);
	int woken = 0, moved = 0;
	if (move_to && move_to->a == k->a && move_to->b == k->b) {
		int waiting = 0;
		for (struct thread *t = q->head; t; t = t->next)
			waiting += t->futex_key[0] == k->a && t->futex_key[1] == k->b;
		woken = wake_key(k, n, NULL, 0);
		return woken + MIN(waiting - woken, nmove);
	}
	struct thread *t = q->head;
	while (t && (woken < n || (move_to && moved < nmove))) {
		struct thread *next = t->next;
		if (t->futex_key[0] == k->a && t->futex_key[1] == k->b) {
			if (woken < n) {
				sched_wake(t, 0);
				woken++;
			} else {
				t->futex_key[0] = move_to->a;
				t->futex_key[1] = move_to->b;
				waitq_move(q, bucket(move_to), t);
				moved++;
			}
		}
		t = next;
	}
	return woken + moved;
}

int futex_wake(struct proc *p, uint64_t uaddr, int n)
{
	struct futex_key k = { p->pml4, uaddr };
	return wake_key(&k, n, NULL, 0);
}

int futex_wake_any(struct proc *p, uint64_t uaddr, int n)
{
	struct futex_key k;
	int woken = futex_wake(p, uaddr, n);
	if (woken < n && make_key(uaddr, false, &k) == 0)
		woken += wake_key(&k, n - woken, NULL, 0);
	return woken;
}

int timeout_deadline(uint64_t utimeout, bool absolute, uint64_t *deadline)
{
	struct {
		int64_t sec, nsec;
	} ts;
	*deadline = 0;
	if (!utimeout)
		return 0;
	if (copy_from_user(&ts, utimeout, sizeof(ts)))
		return -EFAULT;
	if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000)
		return -EINVAL;
	uint64_t ns = (uint64_t)ts.sec * 1000000000ull + (uint64_t)ts.nsec;
	uint64_t now = rdtsc();
	*deadline = absolute ? tsc_boot() + tsc_ns_to_ticks(ns) : now + tsc_ns_to_ticks(ns);
	if (*deadline <= now)
		*deadline = now + 1;
	return 0;
}

static long do_wait(uint64_t uaddr, bool private, uint32_t val, uint64_t utimeout, bool absolute)
{
	struct futex_key k;
	uint64_t deadline;
	int err = make_key(uaddr, private, &k);
	if (!err)
		err = timeout_deadline(utimeout, absolute, &deadline);
	if (err)
		return err;
	uint32_t cur;
	if (copy_from_user(&cur, uaddr, 4))
		return -EFAULT;
	if (cur != val)
		return -EAGAIN;
	struct thread *t = thread_current();
	t->futex_key[0] = k.a;
	t->futex_key[1] = k.b;
	int r = sched_block(bucket(&k), deadline);
	t->futex_key[0] = t->futex_key[1] = 0;
	return r;
}

long futex_op(uint64_t uaddr, int op, uint32_t val, uint64_t utimeout, uint64_t uaddr2, uint32_t val3)
{
	bool private = op & FUTEX_PRIVATE_FLAG;
	int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
	struct futex_key k, k2;
	int err;
	switch (cmd) {
	case FUTEX_WAIT:
		return do_wait(uaddr, private, val, utimeout, false);
	case FUTEX_WAIT_BITSET:
		return val3 ? do_wait(uaddr, private, val, utimeout, true) : -EINVAL;
	case FUTEX_WAKE:
	case FUTEX_WAKE_BITSET:
		if ((err = make_key(uaddr, private, &k)))
			return err;
		return wake_key(&k, (int)MIN(val, 0x7fffffffu), NULL, 0);
	case FUTEX_CMP_REQUEUE:
	case FUTEX_REQUEUE: {
		if ((err = make_key(uaddr, private, &k)) || (err = make_key(uaddr2, private, &k2)))
			return err;
		if (cmd == FUTEX_CMP_REQUEUE) {
			uint32_t cur;
			if (copy_from_user(&cur, uaddr, 4))
				return -EFAULT;
			if (cur != val3)
				return -EAGAIN;
		}
		return wake_key(&k, (int)MIN(val, 0x7fffffffu), &k2, (int)MIN(utimeout, 0x7fffffffu));
	}
	default:
		return -ENOSYS;
	}
}
