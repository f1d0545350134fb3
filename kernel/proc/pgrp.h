/* SPDX-License-Identifier: MIT */
/* Process groups and sessions (pgrp.c). Every call returns what the Linux
 * call returns: an id, 0, or -errno. */
#pragma once
#include "lib/types.h"

struct proc;

long pgrp_setpgid(struct proc *me, int pid, int pgid);
long pgrp_getpgid(struct proc *me, int pid);
long pgrp_setsid(struct proc *me);
long pgrp_getsid(struct proc *me, int pid);
/* Sends sig to every process of group pgid (0: every process but the
 * sender and the root task, as kill(-1)) that may (NULL: any) allows;
 * -ESRCH when there is none, -EPERM when none was allowed. */
long pgrp_kill(struct proc *sender, int pgid, int sig, long (*may)(struct proc *target, int sig));
/* Whether child is one a wait for pid (wait4's argument) takes. */
bool pgrp_wait_matches(const struct proc *waiter, const struct proc *child, int pid);
/* Whether group pgid is orphaned: no member has a parent in another group
 * of the same session. */
bool pgrp_orphaned(int pgid);
/* Group pgid may have become orphaned: if it has stopped members, they get
 * SIGHUP and SIGCONT. */
void pgrp_orphan_check(int pgid, int sid);
/* The groups of p's children other than p's own (at most max): a dying
 * process's children's groups may become orphaned. */
int pgrp_child_groups(const struct proc *p, int *pgids, int max);
