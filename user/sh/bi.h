/* SPDX-License-Identifier: MIT */
/* The built-in commands, each in the file of its kind; builtins.c has the
 * table that names them (sh_builtin). Each takes the shell and argv and
 * returns the command's status. */
#pragma once
#include "sh.h"

/* builtins.c */
sh_builtin_fn sh_bi_colon, sh_bi_false, sh_bi_cd, sh_bi_pwd, sh_bi_exit, sh_bi_eval,
	sh_bi_dot, sh_bi_exec, sh_bi_return, sh_bi_break, sh_bi_continue, sh_bi_command,
	sh_bi_test, sh_bi_bracket, sh_bi_echo, sh_bi_printf;
/* bi_misc.c */
sh_builtin_fn sh_bi_umask, sh_bi_times, sh_bi_hash, sh_bi_history;
/* bi_vars.c */
sh_builtin_fn sh_bi_export, sh_bi_readonly, sh_bi_unset, sh_bi_set, sh_bi_shift,
	sh_bi_local, sh_bi_getopts;
/* bi_read.c */
sh_builtin_fn sh_bi_read;
/* bi_jobs.c */
sh_builtin_fn sh_bi_jobs, sh_bi_fg, sh_bi_bg, sh_bi_wait, sh_bi_kill;
/* trap.c */
sh_builtin_fn sh_bi_trap;
