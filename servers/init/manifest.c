// SPDX-License-Identifier: MIT
/* Parsing the manifest: whitespace-separated words, '#' comments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "manifest.h"
#include "proto/fwd.h"

static const char *const fwd_names[] = {
	[FWD_SRV_VFS] = "vfs", [FWD_SRV_CONSOLE] = "console", [FWD_SRV_PROC] = "proc",
	[FWD_SRV_TIME] = "time", [FWD_SRV_SECURITY] = "security",
};

static int parse_fwd(const char *w)
{
	if (!strcmp(w, "none"))
		return 0;
	for (int i = 1; i < FWD_NSERVERS; i++)
		if (fwd_names[i] && !strcmp(w, fwd_names[i]))
			return i;
	return -1;
}

static int parse_cap(const char *w, struct svc *s)
{
	if (!strcmp(w, "initrd")) {
		s->initrd = true;
		return 0;
	}
	if (s->ncaps == MANIFEST_MAX_CAPS)
		return -1;
	struct svc_cap *c = &s->caps[s->ncaps];
	char *end;
	if (!strncmp(w, "ioport:", 7)) {
		c->kind = SVC_CAP_IOPORT;
		c->base = (unsigned)strtoul(w + 7, &end, 0);
		if (*end != ':')
			return -1;
		c->count = (unsigned)strtoul(end + 1, &end, 0);
	} else if (!strncmp(w, "state:", 6)) {
		c->kind = SVC_CAP_STATE;
		c->base = 0;
		c->count = (unsigned)strtoul(w + 6, &end, 0);
	} else if (!strncmp(w, "irq:", 4)) {
		c->kind = SVC_CAP_IRQ;
		c->base = (unsigned)strtoul(w + 4, &end, 0);
		c->count = 1;
	} else {
		return -1;
	}
	if (*end || !c->count)
		return -1;
	s->ncaps++;
	return 0;
}

/* Fills s from the words of one line; false on a malformed line. */
static bool parse_line(char **words, int n, struct svc *s)
{
	memset(s, 0, sizeof(*s));
	if (n < 3 || strlen(words[0]) >= sizeof(s->name) || strlen(words[1]) >= sizeof(s->path))
		return false;
	strcpy(s->name, words[0]);
	strcpy(s->path, words[1]);
	if ((s->fwd = parse_fwd(words[2])) < 0)
		return false;
	for (int i = 3; i < n; i++)
		if (parse_cap(words[i], s) < 0)
			return false;
	return true;
}

int manifest_parse(const char *text, size_t len, struct svc *out, int max, char *err, size_t errlen)
{
	int count = 0, lineno = 0;
	size_t pos = 0;
	while (pos < len) {
		char line[256], *words[16];
		size_t e = pos;
		while (e < len && text[e] != '\n')
			e++;
		size_t l = e - pos < sizeof(line) - 1 ? e - pos : sizeof(line) - 1;
		memcpy(line, text + pos, l);
		line[l] = '\0';
		pos = e + 1;
		lineno++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		int n = 0;
		for (char *w = strtok(line, " \t\r"); w && n < 16; w = strtok(NULL, " \t\r"))
			words[n++] = w;
		if (!n)
			continue;
		if (count == max || !parse_line(words, n, &out[count])) {
			snprintf(err, errlen, "manifest line %d: %s", lineno,
				 count == max ? "too many servers" : "malformed entry");
			return -1;
		}
		count++;
	}
	return count;
}
