// SPDX-License-Identifier: MIT
/* Process groups and sessions, with POSIX's and Linux's rules: setpgid,
 * getpgid, setsid, getsid; signals to a group (kill(0), kill(-pgid),
 * kill(-1)); which children a wait for a group matches; orphaned groups
 * (SIGHUP and SIGCONT to one that is left with stopped members). The
 * controlling terminal itself is the console server's: the kernel only
 * keeps the ids and says when a session leader dies. */
#include "abi/errno.h"
#include "proc/pgrp.h"
#include "proc/proc.h"
#include "proc/signal.h"

#define SIGHUP_NR 1
#define SIGCONT_NR 18

/* Calls fn for every live process, stopping at the first nonzero result. */
static long each_proc(long (*fn)(struct proc *p, void *arg), void *arg)
{
	return proc_for_each(fn, arg);
}

struct group_query {
	int pgid, sid;
	bool found;
};

static long in_group(struct proc *p, void *arg)
{
	struct group_query *q = arg;
	if (p->pgid == q->pgid && (!q->sid || p->sid == q->sid))
		q->found = true;
	return q->found;
}

/* Whether a live process is in group pgid (of session sid, if not 0). */
static bool group_exists(int pgid, int sid)
{
	struct group_query q = { pgid, sid, false };
	each_proc(in_group, &q);
	return q.found;
}

long pgrp_setpgid(struct proc *me, int pid, int pgid)
{
	struct proc *p = pid ? proc_by_pid(pid) : me;
	if (pgid < 0)
		return -EINVAL;
	if (!p || p->state != PROC_ALIVE || (p != me && p->parent != me))
		return -ESRCH;
	if (p != me && p->did_exec)
		return -EACCES;
	if (p->sid != me->sid || p->sid == p->pid)
		return -EPERM;  /* another session, or a session leader */
	if (!pgid)
		pgid = p->pid;
	if (pgid != p->pid && !group_exists(pgid, me->sid))
		return -EPERM;
	int old = p->pgid;
	p->pgid = pgid;
	pgrp_orphan_check(old, p->sid);
	return 0;
}

long pgrp_getpgid(struct proc *me, int pid)
{
	struct proc *p = pid ? proc_by_pid(pid) : me;
	return p && p->state == PROC_ALIVE ? p->pgid : -ESRCH;
}

long pgrp_setsid(struct proc *me)
{
	if (group_exists(me->pid, 0))
		return -EPERM;  /* a group leader, or its id is some group's */
	int old = me->pgid;
	me->sid = me->pgid = me->pid;
	pgrp_orphan_check(old, 0);
	return me->sid;
}

long pgrp_getsid(struct proc *me, int pid)
{
	struct proc *p = pid ? proc_by_pid(pid) : me;
	return p && p->state == PROC_ALIVE ? p->sid : -ESRCH;
}

struct group_kill {
	struct proc *sender;
	int pgid;              /* 0: every process (kill(-1)) */
	int sig;
	long (*may)(struct proc *target, int sig);
	bool found, sent;
	long err;
};

static long kill_one(struct proc *p, void *arg)
{
	struct group_kill *k = arg;
	if (k->pgid ? p->pgid != k->pgid : (p == k->sender || p == proc_root()))
		return 0;
	k->found = true;
	long r = k->may ? k->may(p, k->sig) : 0;
	if (!r)
		r = signal_send(p, NULL, k->sig, k->sender->pid);
	if (r)
		k->err = r;
	else
		k->sent = true;
	return 0;
}

long pgrp_kill(struct proc *sender, int pgid, int sig, long (*may)(struct proc *, int))
{
	struct group_kill k = { sender, pgid, sig, may, false, false, 0 };
	if (sig < 0 || sig > NSIG_LINUX)
		return -EINVAL;
	each_proc(kill_one, &k);
	if (!k.found)
		return -ESRCH;
	return k.sent ? 0 : k.err;
}

bool pgrp_wait_matches(const struct proc *waiter, const struct proc *child, int pid)
{
	if (pid == -1)
		return true;
	if (pid > 0)
		return child->pid == pid;
	return child->pgid == (pid == 0 ? waiter->pgid : -pid);
}

struct orphan_query {
	int pgid, sid;
	bool outside_parent, stopped, found;
};

static long look_at_member(struct proc *p, void *arg)
{
	struct orphan_query *q = arg;
	if (p->pgid != q->pgid)
		return 0;
	q->found = true;
	q->stopped |= p->stopped;
	struct proc *pa = p->parent;
	if (pa && pa->state == PROC_ALIVE && pa->pgid != q->pgid && pa->sid == p->sid)
		q->outside_parent = true;
	return 0;
}

bool pgrp_orphaned(int pgid)
{
	struct orphan_query q = { pgid, 0, false, false, false };
	each_proc(look_at_member, &q);
	return q.found && !q.outside_parent;
}

void pgrp_orphan_check(int pgid, int sid)
{
	struct orphan_query q = { pgid, sid, false, false, false };
	struct proc *root = proc_root();
	if (pgid <= 0 || !root)
		return;
	each_proc(look_at_member, &q);
	if (q.found && q.stopped && !q.outside_parent) {
		pgrp_kill(root, pgid, SIGHUP_NR, NULL);  /* orphaned with stopped members */
		pgrp_kill(root, pgid, SIGCONT_NR, NULL);
	}
}

int pgrp_child_groups(const struct proc *p, int *pgids, int max)
{
	int n = 0;
	for (const struct proc *c = p->children; c && n < max; c = c->sibling) {
		bool seen = c->pgid == p->pgid;
		for (int i = 0; i < n && !seen; i++)
			seen = pgids[i] == c->pgid;
		if (!seen)
			pgids[n++] = c->pgid;
	}
	return n;
}
