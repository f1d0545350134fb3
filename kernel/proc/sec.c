// SPDX-License-Identifier: MIT
/* The kernel's half of credentials and pledge (see sec.h): inheritance,
 * the exec transition, the allow-set test on the system-call path, the
 * violation path (the security server names the missing promise and says
 * whether the call fails or the process ends), and sec_get/sec_set. */
#include "abi/errno.h"
#include "trap.h"
#include "ipc/cap.h"
#include "ipc/endpoint.h"
#include "mm/uaccess.h"
#include "proc/proc.h"
#include "proc/sec.h"
#include "syscall/fwd.h"
#include "syscall/syscall.h"
#include "abi/linux.h"
#include "abi/pledge.h"
#include "abi/syscall.h"
#include "proto/fwd.h"
#include "proto/fwd_calls.h"
#include "lib/kprintf.h"
#include "lib/string.h"

#define SIGABRT 6
#define ACTIVE SEC_CHECKED_FLAGS

static void allow_everything(struct uk_sec *s)
{
	memset(s->allow, 0xff, sizeof(s->allow));
	memset(s->exec_allow, 0xff, sizeof(s->exec_allow));
	s->promises = s->exec_promises = PLEDGE_ALL;
}

void sec_inherit(struct proc *child, const struct proc *parent)
{
	if (!parent) {
		memset(&child->sec, 0, sizeof(child->sec));
		allow_everything(&child->sec.s);
		return;
	}
	child->sec = parent->sec;
	child->sec.filter = seccomp_filter_get(parent->sec.filter);
}

void sec_release(struct proc *p)
{
	seccomp_filter_put(p->sec.filter);
	p->sec.filter = NULL;
}

void sec_exec(struct proc *p)
{
	struct uk_sec *s = &p->sec.s;
	if (s->flags & UK_SEC_EXEC_PLEDGED) {
		memcpy(s->allow, s->exec_allow, sizeof(s->allow));
		s->promises = s->exec_promises;
		s->flags |= UK_SEC_PLEDGED;
	} else {
		s->flags &= ~UK_SEC_PLEDGED;
		memset(s->allow, 0xff, sizeof(s->allow));
		s->promises = PLEDGE_ALL;
	}
}

static bool allowed(const struct uk_sec *s, uint64_t nr)
{
	if (nr >= UK_SYS_BASE)  /* native calls: capabilities guard them; spawn needs proc */
		return nr != UK_SYS_spawn || (PLEDGE_HAS(s->promises, proc) && PLEDGE_HAS(s->promises, exec));
	return nr < UK_NR_BITS && ((s->allow[nr / 64] >> (nr % 64)) & 1);
}

/* A call outside the promises: the security server logs it and answers
 * -ENOSYS (the "error" promise) or anything else (the process ends). */
static long violation(struct proc *p, uint64_t nr, int promise)
{
	if (!fwd_registered(FWD_SRV_SECURITY)) {
		pr_warn("pledge: pid %d (%s): system call %lu is outside its promises; SIGABRT\n",
			p->pid, p->name, nr);
	} else if (fwd_notice(p, FWD_SRV_SECURITY, FWD_SECURITY_violation, nr,
			      (uint64_t)(int64_t)promise) == -ENOSYS) {
		return -ENOSYS;
	}
	proc_exit(W_SIGNALED(SIGABRT) | 0x80);
}

long sec_promise_check(int promise, uint64_t nr)
{
	struct proc *p = proc_current();
	const struct uk_sec *s = &p->sec.s;
	if (!(s->flags & UK_SEC_PLEDGED) || ((s->promises >> promise) & 1))
		return 0;
	return violation(p, nr, promise);
}

bool sec_syscall_check(struct trap_frame *tf, long *ret)
{
	struct proc *p = proc_current();
	if (!p || !(p->sec.s.flags & ACTIVE))
		return true;
	if ((p->sec.s.flags & (UK_SEC_SECCOMP_STRICT | UK_SEC_SECCOMP_FILTER)) &&
	    !seccomp_check(p, tf, ret))
		return false;
	if (!(p->sec.s.flags & UK_SEC_PLEDGED) || allowed(&p->sec.s, tf->rax))
		return true;
	*ret = violation(p, tf->rax, -1);
	return false;
}

bool sec_may_signal(const struct proc *from, const struct proc *to)
{
	const struct uk_sec *f = &from->sec.s, *t = &to->sec.s;
	return from == to || f->euid == 0 || f->uid == t->uid || f->uid == t->suid ||
	       f->euid == t->uid || f->euid == t->suid;
}

SYSCALL(uk_sec_get)
{
	struct proc *p = a0 == 0 ? proc_current() : proc_by_pid((int)a0);
	if (!p || p->state != PROC_ALIVE)
		return -ESRCH;
	return copy_to_user(a1, &p->sec.s, sizeof(struct uk_sec)) ? -EFAULT : 0;
}

/* A new allow-set may only take bits away. */
static bool narrower(const uint64_t *now, const uint64_t *want)
{
	for (int i = 0; i < UK_NR_BITS / 64; i++)
		if (want[i] & ~now[i])
			return false;
	return true;
}

static long set_pledge(struct uk_sec *s, const struct uk_sec *in)
{
	if ((in->flags & UK_SEC_PLEDGED) && !narrower(s->allow, in->allow))
		return -EPERM;
	if ((s->flags & UK_SEC_EXEC_PLEDGED) && (in->flags & UK_SEC_EXEC_PLEDGED) &&
	    !narrower(s->exec_allow, in->exec_allow))
		return -EPERM;
	uint32_t keep = s->flags & ~(UK_SEC_PLEDGED | UK_SEC_EXEC_PLEDGED);
	if (in->flags & UK_SEC_PLEDGED) {
		memcpy(s->allow, in->allow, sizeof(s->allow));
		s->promises = in->promises;
	}
	if (in->flags & UK_SEC_EXEC_PLEDGED) {
		memcpy(s->exec_allow, in->exec_allow, sizeof(s->exec_allow));
		s->exec_promises = in->exec_promises;
	}
	s->flags = keep | (s->flags & (UK_SEC_PLEDGED | UK_SEC_EXEC_PLEDGED)) |
		   (in->flags & (UK_SEC_PLEDGED | UK_SEC_EXEC_PLEDGED));
	return 0;
}

SYSCALL(uk_sec_set)
{
	struct proc *me = proc_current();
	struct cap *c = cap_lookup(&me->caps, (int)a0, CAP_ENDPOINT, CAP_R_READ, NULL);
	if (!c || c->obj != fwd_endpoint(FWD_SRV_SECURITY))
		return -EPERM;
	struct proc *p = a1 == 0 ? me : proc_by_pid((int)a1);
	if (!p || p->state != PROC_ALIVE)
		return -ESRCH;
	struct uk_sec in;
	if (copy_from_user(&in, a2, sizeof(in)))
		return -EFAULT;
	if ((a3 & ~(uint64_t)(UK_SEC_SET_CRED | UK_SEC_SET_PLEDGE)) || in.ngroups > UK_NGROUPS_MAX)
		return -EINVAL;
	if (a3 & UK_SEC_SET_PLEDGE) {
		long r = set_pledge(&p->sec.s, &in);
		if (r)
			return r;
	}
	if (a3 & UK_SEC_SET_CRED) {
		struct uk_sec *s = &p->sec.s;
		s->uid = in.uid, s->euid = in.euid, s->suid = in.suid, s->fsuid = in.fsuid;
		s->gid = in.gid, s->egid = in.egid, s->sgid = in.sgid, s->fsgid = in.fsgid;
		s->ngroups = in.ngroups;
		memcpy(s->groups, in.groups, sizeof(s->groups));
	}
	return 0;
}
