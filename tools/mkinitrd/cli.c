// SPDX-License-Identifier: MIT
/* mki_run: the mkinitrd command line. Parses `-o OUT DIR [SRC:PATH ...]`,
 * collects every source first (so bad input fails before anything is
 * written) and then writes the archive. */
#include "mki.h"
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"usage: mkinitrd -o OUT.img DIR [SRC:PATH ...]\n"
	"  Packs directory DIR into a cpio newc archive OUT.img (uid/gid/mtime 0,\n"
	"  sorted). Each SRC:PATH adds directory SRC under PATH, or file SRC at\n"
	"  PATH; a bare SRC directory merges at the root. Later sources override\n"
	"  earlier files of the same path.\n";

/* Splits argv into *out and the positional arguments (into pos, count *npos).
 * Returns -1 on a usage error, 1 for --help, else 0. */
static int parse_args(int argc, char *const argv[], const char **out,
		      const char **pos, int *npos)
{
	bool options = true;
	*npos = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (options && strcmp(a, "--") == 0)
			options = false;
		else if (options && (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0))
			return 1;
		else if (options && strcmp(a, "-o") == 0 && i + 1 < argc)
			*out = argv[++i];
		else if (options && strncmp(a, "-o", 2) == 0 && a[2])
			*out = a + 2;
		else if (options && a[0] == '-' && a[1])
			return -1;
		else
			pos[(*npos)++] = a;
	}
	return *out && *npos > 0 ? 0 : -1;
}

/* Collects DIR and the extra sources into t, then writes out. */
static int build(struct mki_tree *t, const char *out, const char **pos, int npos)
{
	if (mki_add_tree(t, pos[0], ""))
		return -1;
	for (int i = 1; i < npos; i++)
		if (mki_add_source(t, pos[i]))
			return -1;
	return mki_write(t, out);
}

int mki_run(int argc, char *const argv[], FILE *errf)
{
	const char *out = NULL;
	const char **pos = calloc((size_t)argc + 1, sizeof(*pos));
	int npos, status;
	if (!pos) {
		fputs("mkinitrd: out of memory\n", errf);
		return 1;
	}
	int p = parse_args(argc, argv, &out, pos, &npos);
	if (p != 0) {
		fputs(usage_text, p > 0 ? stdout : errf);
		free(pos);
		return p > 0 ? 0 : 2;
	}
	struct mki_tree t;
	mki_tree_init(&t);
	status = build(&t, out, pos, npos) ? 1 : 0;
	if (status)
		fprintf(errf, "mkinitrd: %s\n", t.err);
	mki_tree_free(&t);
	free(pos);
	return status;
}
