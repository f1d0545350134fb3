// SPDX-License-Identifier: MIT
/* Job control at the terminal, as POSIX (11.1.3-11.1.4) and Linux's tty
 * layer have it: which session the terminal belongs to, which of its
 * process groups is in the foreground, and what a background process's
 * read, write or change of settings comes to (SIGTTIN/SIGTTOU for its
 * group and the call again once it is continued, or EIO for an orphaned
 * group). Pure: the caller (con_ipc.c) looks up the calling process and
 * sends the signals. Entry points: con_job_access, con_job_setpgrp,
 * con_job_sctty, con_job_notty, con_job_session_end. */
#include <errno.h>
#include "con_job.h"
#include "proto/fwd.h"

/* The terminal has no live session: the caller's takes it. The first
 * session to read from a free terminal or ask about it gets it as its
 * controlling terminal (where Linux would give it to a session leader
 * opening it); writing alone takes nothing, so a process that only logs
 * (init) never holds it. */
static void adopt(struct con_state *st, const struct con_caller *c, bool owner_alive)
{
	if (st->session && owner_alive)
		return;
	st->session = c->sid;
	st->pgrp = c->pgid;
}

int32_t con_job_access(struct con_state *st, const struct con_caller *c, bool owner_alive,
		       enum con_job_op op, int *group_signal)
{
	*group_signal = 0;
	if (op != CON_JOB_WRITE)
		adopt(st, c, owner_alive);
	if (c->sid != st->session)
		return op == CON_JOB_QUERY ? -ENOTTY : 0;  /* not its controlling terminal */
	if (op == CON_JOB_QUERY || c->pgid == st->pgrp)
		return 0;
	if (op == CON_JOB_READ) {
		if ((c->flags & CON_CALLER_TTIN_OFF) || (c->flags & CON_CALLER_ORPHANED))
			return -EIO;
		*group_signal = CON_SIGTTIN;
		return FWD_STATUS_RESTART;
	}
	if (op == CON_JOB_WRITE && !(st->termios.c_lflag & CON_TOSTOP))
		return 0;
	if (c->flags & CON_CALLER_TTOU_OFF)
		return 0;  /* a background write or change it has chosen to allow */
	if (c->flags & CON_CALLER_ORPHANED)
		return -EIO;
	*group_signal = CON_SIGTTOU;
	return FWD_STATUS_RESTART;
}

int32_t con_job_setpgrp(struct con_state *st, const struct con_caller *c, int32_t pgrp,
			int32_t pgrp_sid)
{
	if (pgrp < 0)
		return -EINVAL;
	if (c->sid != st->session)
		return -ENOTTY;
	if (pgrp_sid != c->sid)
		return -EPERM;  /* no such group in the caller's session */
	st->pgrp = pgrp;
	return 0;
}

int32_t con_job_sctty(struct con_state *st, const struct con_caller *c, bool owner_alive,
		      bool steal)
{
	if (c->sid == st->session)
		return 0;
	if (c->pid != c->sid)
		return -EPERM;  /* only a session leader takes a terminal */
	if (st->session && owner_alive && !(steal && c->uid == 0))
		return -EPERM;
	st->session = c->sid;
	st->pgrp = c->pgid;
	return 0;
}

int32_t con_job_notty(struct con_state *st, const struct con_caller *c, int *hup_group)
{
	*hup_group = 0;
	if (c->sid != st->session)
		return -ENOTTY;
	if (c->pid == c->sid)
		*hup_group = st->pgrp;  /* the leader gives it up: the foreground hangs up */
	st->session = 0;
	st->pgrp = 0;
	return 0;
}

int con_job_session_end(struct con_state *st, int32_t sid)
{
	if (!sid || sid != st->session)
		return 0;
	int fg = st->pgrp;
	st->session = 0;
	st->pgrp = 0;
	return fg;
}
