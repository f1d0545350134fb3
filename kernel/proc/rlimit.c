// SPDX-License-Identifier: MIT
/* Resource limits: prlimit64, getrlimit, setrlimit with Linux's rules,
 * inherited at fork and kept at exec. What the kernel enforces itself:
 * RLIMIT_AS (mmap, brk and mremap fail with ENOMEM past it), RLIMIT_DATA
 * (brk), RLIMIT_STACK (the size of a new program's stack area),
 * RLIMIT_NPROC (fork and spawn fail with EAGAIN), RLIMIT_SIGPENDING
 * (queued real-time signals), RLIMIT_CPU (SIGXCPU each second past the
 * soft limit, SIGKILL at the hard one, on a kernel timer). RLIMIT_CORE is
 * kept (no core files are written); RLIMIT_NOFILE and RLIMIT_FSIZE are the
 * VFS's to enforce (it asks with prlimit64). */
#include "abi/errno.h"
#include "mm/uaccess.h"
#include "proc/proc.h"
#include "proc/rlimit.h"
#include "proc/sec.h"
#include "proc/signal.h"
#include "sched/ktimer.h"
#include "tsc.h"
#include "cpu.h"

#define SIGXCPU_NR 24
#define NS 1000000000ull

void rlimit_defaults(struct proc *p)
{
	for (int r = 0; r < RLIM_NLIMITS; r++)
		p->rlim[r] = (struct rlim){ RLIM_INFINITY, RLIM_INFINITY };
	p->rlim[RLIMIT_STACK_] = (struct rlim){ MiB(8), RLIM_INFINITY };
	p->rlim[RLIMIT_CORE_] = (struct rlim){ 0, RLIM_INFINITY };
	p->rlim[RLIMIT_NOFILE_] = (struct rlim){ 1024, 4096 };
	p->rlim[RLIMIT_MEMLOCK_] = (struct rlim){ MiB(8), MiB(8) };
	p->rlim[RLIMIT_NPROC_] = (struct rlim){ 4096, 4096 };
	p->rlim[RLIMIT_SIGPENDING_] = (struct rlim){ 1024, 1024 };
	p->rlim[RLIMIT_MSGQUEUE_] = (struct rlim){ 819200, 819200 };
}

/* Linux's rule for another process's limits: the caller's real uid is each
 * of the target's uids, and its real gid each of the target's gids, or it
 * is root. */
static bool may_touch(const struct proc *me, const struct proc *p)
{
	const struct uk_sec *a = &me->sec.s, *b = &p->sec.s;
	if (me == p || a->euid == 0)
		return true;
	return a->uid == b->uid && a->uid == b->euid && a->uid == b->suid &&
	       a->gid == b->gid && a->gid == b->egid && a->gid == b->sgid;
}

long rlimit_prlimit(struct proc *me, int pid, unsigned res, uint64_t unew, uint64_t uold)
{
	struct proc *p = pid ? proc_by_pid(pid) : me;
	struct rlim want;
	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	if (!p || p->state != PROC_ALIVE)
		return -ESRCH;
	if (!may_touch(me, p))
		return -EPERM;
	if (unew && copy_from_user(&want, unew, sizeof(want)))
		return -EFAULT;
	if (unew && want.cur > want.max)
		return -EINVAL;
	if (unew && want.max > p->rlim[res].max && me->sec.s.euid != 0)
		return -EPERM;  /* raising the hard limit takes privilege */
	if (unew && res == RLIMIT_NOFILE_ && want.max > RLIMIT_NOFILE_CEILING)
		return -EPERM;  /* as Linux's fs.nr_open */
	if (uold && copy_to_user(uold, &p->rlim[res], sizeof(p->rlim[res])))
		return -EFAULT;
	if (unew)
		p->rlim[res] = want;
	if (unew && res == RLIMIT_CPU_)
		rlimit_cpu_arm(p);
	return 0;
}

/* CPU time runs no faster than the clock: check again when the budget
 * left could at the earliest be used up, and each second past the soft
 * limit (SIGXCPU each time), until the hard one (SIGKILL). */
static void cpu_check(struct timer *tm, void *arg)
{
	(void)tm;
	struct proc *p = arg;
	uint64_t used = proc_cpu_ns(p), soft = p->rlim[RLIMIT_CPU_].cur, hard = p->rlim[RLIMIT_CPU_].max;
	if (p->state != PROC_ALIVE || p->exiting)
		return;
	if (hard != RLIM_INFINITY && used >= hard * NS) {
		signal_send(p, NULL, SIGKILL_NR, 0);
		return;
	}
	uint64_t next = NS;
	if (used >= soft * NS)
		signal_send(p, NULL, SIGXCPU_NR, 0);
	else
		next = soft * NS - used;
	if (hard != RLIM_INFINITY && hard * NS - used < next)
		next = hard * NS - used;
	ktimer_add(&p->cpu_timer, rdtsc() + tsc_ns_to_ticks(next));
}

void rlimit_cpu_arm(struct proc *p)
{
	if (timerq_armed(&p->cpu_timer))
		ktimer_cancel(&p->cpu_timer);
	if (p->rlim[RLIMIT_CPU_].cur == RLIM_INFINITY || p->rlim[RLIMIT_CPU_].cur > UINT64_MAX / NS)
		return;
	timerq_timer_init(&p->cpu_timer, cpu_check, p);
	ktimer_add(&p->cpu_timer, rdtsc() + 1);
}

static long same_uid(struct proc *p, void *arg)
{
	uint32_t *uid_count = arg;
	if (p->sec.s.uid == uid_count[0])
		uid_count[1]++;
	return 0;
}

bool rlimit_nproc_allows(const struct proc *parent)
{
	uint32_t uid_count[2] = { parent->sec.s.uid, 0 };
	if (parent->sec.s.euid == 0 || parent->rlim[RLIMIT_NPROC_].cur == RLIM_INFINITY)
		return true;
	proc_for_each(same_uid, uid_count);
	return uid_count[1] < parent->rlim[RLIMIT_NPROC_].cur;
}

bool rlimit_as_allows(const struct proc *p, uint64_t more_bytes)
{
	uint64_t limit = p->rlim[RLIMIT_AS_].cur;
	if (limit == RLIM_INFINITY)
		return true;
	uint64_t used = 0;
	for (size_t i = 0; i < vma_count(&p->vmas); i++) {
		const struct vma *v = vma_at(&p->vmas, i);
		used += v->end - v->start;
	}
	return used + more_bytes <= limit && used + more_bytes >= used;
}
