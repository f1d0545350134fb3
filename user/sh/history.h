/* SPDX-License-Identifier: MIT */
/* Command history: a ring of the last SH_HIST_MAX lines, in memory only. */
#pragma once
#include <stddef.h>

#define SH_HIST_MAX 100

struct sh_hist {
	char *lines[SH_HIST_MAX];
	size_t first, count;    /* the oldest line's slot; lines held */
};

/* Remembers a copy of line, unless it is blank or repeats the newest one;
 * when full, the oldest line is dropped. */
void sh_hist_add(struct sh_hist *h, const char *line);
/* Returns the line back entries before the newest (0: newest) or NULL. */
const char *sh_hist_get(const struct sh_hist *h, size_t back);
void sh_hist_free(struct sh_hist *h);
