/* SPDX-License-Identifier: MIT */
/* Job control at the terminal (con_job.c): pure decisions over the
 * terminal's session and foreground group and what the caller is. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "con_ldisc.h"

#define CON_SIGTTIN 21
#define CON_SIGTTOU 22
#define CON_SIGHUP 1
#define CON_SIGCONT 18

/* What the console knows of the calling process (uk_procinfo). */
#define CON_CALLER_TTIN_OFF 0x1  /* SIGTTIN ignored or blocked */
#define CON_CALLER_TTOU_OFF 0x2  /* SIGTTOU ignored or blocked */
#define CON_CALLER_ORPHANED 0x4  /* its process group is orphaned */
struct con_caller {
	int32_t pid, pgid, sid;
	uint32_t uid, flags;
};

enum con_job_op {
	CON_JOB_READ,     /* read */
	CON_JOB_WRITE,    /* write: stopped only with TOSTOP */
	CON_JOB_SETTINGS, /* an ioctl that changes the terminal */
	CON_JOB_QUERY,    /* an ioctl about the controlling terminal (TIOCGPGRP) */
};

/* What the caller's op comes to: 0 (go on), -EIO, -ENOTTY, or
 * FWD_STATUS_RESTART with *group_signal (SIGTTIN/SIGTTOU) to send to the
 * caller's group first. A terminal whose session is gone (!owner_alive) or
 * that has none becomes the caller's session's. */
int32_t con_job_access(struct con_state *st, const struct con_caller *c, bool owner_alive,
		       enum con_job_op op, int *group_signal);
/* TIOCSPGRP: pgrp (whose session is pgrp_sid, 0 if there is no such
 * group) becomes the foreground group: -ENOTTY, -EPERM or -EINVAL. */
int32_t con_job_setpgrp(struct con_state *st, const struct con_caller *c, int32_t pgrp,
			int32_t pgrp_sid);
/* TIOCSCTTY: a session leader takes the terminal (steal: root takes it
 * from a live session). */
int32_t con_job_sctty(struct con_state *st, const struct con_caller *c, bool owner_alive,
		      bool steal);
/* TIOCNOTTY: the caller's session gives the terminal up; *hup_group is the
 * foreground group to send SIGHUP and SIGCONT when the leader does. */
int32_t con_job_notty(struct con_state *st, const struct con_caller *c, int *hup_group);
/* The leader of session sid is gone: returns the foreground group to hang
 * up (SIGHUP, SIGCONT) if the terminal was that session's, else 0. */
int con_job_session_end(struct con_state *st, int32_t sid);
