// SPDX-License-Identifier: MIT
/* The built-ins about the process rather than the language: umask, times,
 * hash and history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <unistd.h>
#include "bi.h"

int sh_bi_umask(struct sh_state *sh, char **argv)
{
	(void)sh;
	if (!argv[1]) {
		mode_t m = umask(0);
		umask(m);
		dprintf(1, "%04o\n", (unsigned)m);
		return 0;
	}
	char *end;
	long m = strtol(argv[1], &end, 8);
	if (!*argv[1] || *end || m < 0 || m > 0777) {
		sh_error(sh, "umask: %s: invalid mask", argv[1]);
		return 1;
	}
	umask((mode_t)m);
	return 0;
}

int sh_bi_history(struct sh_state *sh, char **argv)
{
	(void)argv;
	for (size_t i = sh->hist.count; i-- > 0;)
		dprintf(1, "%5zu  %s\n", sh->hist.count - i, sh_hist_get(&sh->hist, i));
	return 0;
}

static void print_time(clock_t t, long hz, char end)
{
	long cs = (long)t * 100 / hz;
	dprintf(1, "%ldm%ld.%02lds%c", cs / 6000, cs / 100 % 60, cs % 100, end);
}

/* times: the user and system time of the shell, then of its children. */
int sh_bi_times(struct sh_state *sh, char **argv)
{
	struct tms t;
	long hz = sysconf(_SC_CLK_TCK);
	(void)sh, (void)argv;
	if (times(&t) == (clock_t)-1 || hz <= 0) {
		sh_error(sh, "times: cannot read the times");
		return 1;
	}
	print_time(t.tms_utime, hz, ' ');
	print_time(t.tms_stime, hz, '\n');
	print_time(t.tms_cutime, hz, ' ');
	print_time(t.tms_cstime, hz, '\n');
	return 0;
}

/* hash [name...]: the shell remembers no paths; says whether each name is
 * a command it can find. */
int sh_bi_hash(struct sh_state *sh, char **argv)
{
	int st = 0;
	for (int i = 1; argv[i]; i++) {
		if (argv[i][0] == '-')
			continue;
		struct sh_str path = { 0 };
		if (!sh_builtin(argv[i]) && sh_find_program(sh, argv[i], &path) < 0) {
			sh_error(sh, "hash: %s: not found", argv[i]);
			st = 1;
		}
		sh_str_free(&path);
	}
	return st;
}
