// SPDX-License-Identifier: MIT
/* ls [-la] [path...]: lists directories (sorted; dot files only with -a)
 * and names files. Plain output is in columns on a terminal and one name
 * per line otherwise; -l prints mode, links, size and name (and a link's
 * target). Exit status 1 if a path could not be listed. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "mode_string.h"

static int opt_long, opt_all;

struct names {
	char **v;
	size_t n, cap;
};

static void add_name(struct names *ns, const char *name)
{
	if (ns->n == ns->cap) {
		ns->cap = ns->cap ? ns->cap * 2 : 64;
		char **v = realloc(ns->v, ns->cap * sizeof(*v));
		if (!v) {
			fputs("ls: out of memory\n", stderr);
			exit(2);
		}
		ns->v = v;
	}
	ns->v[ns->n++] = strdup(name);
}

static void free_names(struct names *ns)
{
	for (size_t i = 0; i < ns->n; i++)
		free(ns->v[i]);
	free(ns->v);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void sort_names(struct names *ns)
{
	if (ns->n > 1)
		qsort(ns->v, ns->n, sizeof(*ns->v), by_name);
}

/* Prints one -l line for path, shown as name. */
static void long_line(const char *path, const char *name)
{
	struct stat st;
	char mode[11], target[256];
	if (lstat(path, &st) < 0) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return;
	}
	mode_string(st.st_mode, mode);
	printf("%s %3lu %8lld %s", mode, (unsigned long)st.st_nlink, (long long)st.st_size, name);
	ssize_t n = S_ISLNK(st.st_mode) ? readlink(path, target, sizeof(target) - 1) : -1;
	if (n >= 0)
		printf(" -> %.*s", (int)n, target);
	putchar('\n');
}

static size_t term_width(void)
{
	struct winsize ws;
	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Prints names down then across, in as many columns as fit. */
static void columns(const struct names *ns)
{
	size_t w = 1;
	for (size_t i = 0; i < ns->n; i++)
		if (strlen(ns->v[i]) + 2 > w)
			w = strlen(ns->v[i]) + 2;
	size_t cols = term_width() / w ? term_width() / w : 1;
	size_t rows = (ns->n + cols - 1) / cols;
	for (size_t r = 0; r < rows; r++) {
		for (size_t c = 0; c < cols && c * rows + r < ns->n; c++) {
			size_t i = c * rows + r;
			int last = c + 1 == cols || i + rows >= ns->n;
			printf("%-*s", last ? 0 : (int)w, ns->v[i]);
		}
		putchar('\n');
	}
}

/* Prints names, each the entry dir/name (dir NULL: the name itself). */
static void print_names(struct names *ns, const char *dir)
{
	sort_names(ns);
	if (!opt_long && isatty(1)) {
		columns(ns);
		return;
	}
	for (size_t i = 0; i < ns->n; i++) {
		if (!opt_long) {
			puts(ns->v[i]);
			continue;
		}
		char *path = dir ? malloc(strlen(dir) + strlen(ns->v[i]) + 2) : NULL;
		if (path)
			sprintf(path, "%s/%s", dir, ns->v[i]);
		long_line(path ? path : ns->v[i], ns->v[i]);
		free(path);
	}
}

static int list_dir(const char *path)
{
	DIR *d = opendir(path);
	struct names ns = { 0 };
	if (!d) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (struct dirent *e; (e = readdir(d));)
		if (opt_all || e->d_name[0] != '.')
			add_name(&ns, e->d_name);
	closedir(d);
	print_names(&ns, path);
	free_names(&ns);
	return 0;
}

static int options(int argc, char **argv)
{
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (const char *p = argv[i] + 1; *p; p++) {
			if (*p == 'l')
				opt_long = 1;
			else if (*p == 'a')
				opt_all = 1;
			else if (*p != '1')
				return -1;
		}
	}
	return i;
}

int main(int argc, char **argv)
{
	int i = options(argc, argv), status = 0;
	struct names files = { 0 }, dirs = { 0 };
	if (i < 0) {
		fprintf(stderr, "usage: ls [-la] [path...]\n");
		return 2;
	}
	if (i == argc)
		add_name(&dirs, ".");
	for (; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) < 0 && lstat(argv[i], &st) < 0) {
			fprintf(stderr, "ls: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		} else {
			add_name(S_ISDIR(st.st_mode) ? &dirs : &files, argv[i]);
		}
	}
	if (files.n)
		print_names(&files, NULL);
	sort_names(&dirs);
	for (size_t j = 0; j < dirs.n; j++) {
		int header = files.n + dirs.n > 1 || status;
		if (header)
			printf("%s%s:\n", files.n || j ? "\n" : "", dirs.v[j]);
		if (list_dir(dirs.v[j]) < 0)
			status = 1;
	}
	free_names(&files);
	free_names(&dirs);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "ls: write error: %s\n", strerror(errno));
		return 1;
	}
	return status;
}
