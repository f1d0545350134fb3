// SPDX-License-Identifier: MIT
/* The main of a fuzz target's replay build (gcc with ASan and UBSan, for
 * `make test`): feeds every file named on the command line, and every file
 * inside a directory named there, to LLVMFuzzerTestOneInput once, each in a
 * heap buffer of exactly its size so that any overread is caught. A
 * sanitizer report or a FUZZ_CHECK failure aborts; otherwise it prints how
 * many inputs it ran and exits 0. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "fuzz_input.h"

/* Runs the target on the contents of file path. Returns 0, or -1 when the
 * file cannot be read. */
static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	struct stat st;
	size_t size = fstat(fileno(f), &st) == 0 ? (size_t)st.st_size : 0;
	uint8_t *buf = malloc(size ? size : 1);
	if (!buf || fread(buf, 1, size, f) != size) {
		fprintf(stderr, "replay: %s: cannot read\n", path);
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, size);
	free(buf);
	return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Replays every regular file in dir, in name order; adds them to *count. */
static int replay_dir(const char *dir, size_t *count)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, by_name);
	if (n < 0) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	int r = 0;
	for (int i = 0; i < n; i++) {
		char path[4096];
		struct stat st;
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		if (names[i]->d_name[0] != '.' && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			if (replay_file(path) < 0)
				r = -1;
			else
				(*count)++;
		}
		free(names[i]);
	}
	free(names);
	return r;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int r = 0;
	if (argc < 2) {
		fprintf(stderr, "usage: %s CORPUS_DIR_OR_FILE...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			r |= replay_dir(argv[i], &count);
		else if (replay_file(argv[i]) == 0)
			count++;
		else
			r = -1;
	}
	printf("replayed %zu inputs\n", count);
	return r < 0 ? 1 : 0;
}
