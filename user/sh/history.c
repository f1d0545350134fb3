// SPDX-License-Identifier: MIT
/* Command history ring (see history.h): sh_hist_add, sh_hist_get. */
#include <stdlib.h>
#include <string.h>
#include "history.h"
#include "sh_buf.h"

void sh_hist_add(struct sh_hist *h, const char *line)
{
	if (line[strspn(line, " \t\n")] == '\0')
		return;
	const char *newest = sh_hist_get(h, 0);
	if (newest && strcmp(newest, line) == 0)
		return;
	if (h->count == SH_HIST_MAX) {
		free(h->lines[h->first]);
		h->first = (h->first + 1) % SH_HIST_MAX;
		h->count--;
	}
	h->lines[(h->first + h->count) % SH_HIST_MAX] = sh_xstrdup(line);
	h->count++;
}

const char *sh_hist_get(const struct sh_hist *h, size_t back)
{
	if (back >= h->count)
		return NULL;
	return h->lines[(h->first + h->count - 1 - back) % SH_HIST_MAX];
}

void sh_hist_free(struct sh_hist *h)
{
	for (size_t i = 0; i < h->count; i++)
		free(h->lines[(h->first + i) % SH_HIST_MAX]);
	*h = (struct sh_hist){ 0 };
}
