// SPDX-License-Identifier: MIT
/* test and [ (see test.h). Up to four operands follow POSIX's rules by
 * count, so that "test ! = x" or "[ -n ]" mean what POSIX says; longer
 * expressions go to a recursive parser with ! -a -o and parentheses
 * (-a binding tighter than -o). Files: -b -c -d -e -f -g -h -L -k -p -r
 * -s -S -u -w -x -O -G, -nt -ot -ef; strings: -n -z = != < >; integers:
 * -eq -ne -lt -le -gt -ge; -t fd. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "test.h"

struct tst {
	char **v;
	int n, i;
	int err;        /* an error was printed */
};

static int fail(struct tst *t, const char *what, const char *arg)
{
	if (!t->err)
		dprintf(2, "sh: test: %s%s%s\n", arg ? arg : "", arg ? ": " : "", what);
	t->err = 1;
	return 0;
}

static long integer(struct tst *t, const char *s)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if (!*s || *end || errno)
		return fail(t, "integer expression expected", s);
	return v;
}

static int is_unary(const char *op)
{
	return op[0] == '-' && op[1] && !op[2] && strchr("bcdefghLknprsStuwxzOG", op[1]);
}

static int file_test(char op, const char *path)
{
	struct stat st;
	int r = op == 'h' || op == 'L' ? lstat(path, &st) : stat(path, &st);
	if (r < 0)
		return 0;
	switch (op) {
	case 'b': return S_ISBLK(st.st_mode);
	case 'c': return S_ISCHR(st.st_mode);
	case 'd': return S_ISDIR(st.st_mode);
	case 'e': return 1;
	case 'f': return S_ISREG(st.st_mode);
	case 'g': return (st.st_mode & S_ISGID) != 0;
	case 'h': case 'L': return S_ISLNK(st.st_mode);
	case 'k': return (st.st_mode & S_ISVTX) != 0;
	case 'p': return S_ISFIFO(st.st_mode);
	case 'r': return access(path, R_OK) == 0;
	case 's': return st.st_size > 0;
	case 'S': return S_ISSOCK(st.st_mode);
	case 'u': return (st.st_mode & S_ISUID) != 0;
	case 'w': return access(path, W_OK) == 0;
	case 'x': return access(path, X_OK) == 0;
	case 'O': return st.st_uid == geteuid();
	default: return st.st_gid == getegid();
	}
}

static int unary(struct tst *t, const char *op, const char *arg)
{
	switch (op[1]) {
	case 'n': return arg[0] != '\0';
	case 'z': return arg[0] == '\0';
	case 't': return isatty((int)integer(t, arg));
	default: return file_test(op[1], arg);
	}
}

static int is_binary(const char *op)
{
	static const char *const ops[] = { "=", "==", "!=", "<", ">", "-eq", "-ne", "-lt",
					   "-le", "-gt", "-ge", "-nt", "-ot", "-ef" };
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (!strcmp(op, ops[i]))
			return 1;
	return 0;
}

static int files(const char *op, const char *a, const char *b)
{
	struct stat sa, sb;
	int ha = stat(a, &sa) == 0, hb = stat(b, &sb) == 0;
	if (!strcmp(op, "-ef"))
		return ha && hb && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	if (!strcmp(op, "-nt"))
		return ha && (!hb || sa.st_mtime > sb.st_mtime);
	return hb && (!ha || sa.st_mtime < sb.st_mtime);
}

static int binary(struct tst *t, const char *a, const char *op, const char *b)
{
	if (!strcmp(op, "=") || !strcmp(op, "=="))
		return !strcmp(a, b);
	if (!strcmp(op, "!="))
		return strcmp(a, b) != 0;
	if (!strcmp(op, "<") || !strcmp(op, ">"))
		return op[0] == '<' ? strcmp(a, b) < 0 : strcmp(a, b) > 0;
	if (op[1] == 'e' && op[2] == 'f')
		return files(op, a, b);
	if (!strcmp(op, "-nt") || !strcmp(op, "-ot"))
		return files(op, a, b);
	long x = integer(t, a), y = integer(t, b);
	switch (op[1] * 256 + op[2]) {
	case 'e' * 256 + 'q': return x == y;
	case 'n' * 256 + 'e': return x != y;
	case 'l' * 256 + 't': return x < y;
	case 'l' * 256 + 'e': return x <= y;
	case 'g' * 256 + 't': return x > y;
	default: return x >= y;
	}
}

static int expr_or(struct tst *t);

static const char *next(struct tst *t)
{
	return t->i < t->n ? t->v[t->i] : NULL;
}

static int primary(struct tst *t)
{
	const char *a = next(t);
	if (!a)
		return fail(t, "argument expected", NULL);
	t->i++;
	if (!strcmp(a, "(") && t->i < t->n) {
		int r = expr_or(t);
		if (!next(t) || strcmp(next(t), ")"))
			return fail(t, "missing )", NULL);
		t->i++;
		return r;
	}
	if (is_unary(a) && t->i < t->n)
		return unary(t, a, t->v[t->i++]);
	if (next(t) && is_binary(next(t)) && t->i + 1 < t->n) {
		const char *op = t->v[t->i++];
		return binary(t, a, op, t->v[t->i++]);
	}
	return a[0] != '\0';
}

static int expr_not(struct tst *t)
{
	if (next(t) && !strcmp(next(t), "!") && t->i + 1 < t->n) {
		t->i++;
		return !expr_not(t);
	}
	return primary(t);
}

static int expr_and(struct tst *t)
{
	int r = expr_not(t);
	while (next(t) && !strcmp(next(t), "-a")) {
		t->i++;
		r &= expr_not(t);
	}
	return r;
}

static int expr_or(struct tst *t)
{
	int r = expr_and(t);
	while (next(t) && !strcmp(next(t), "-o")) {
		t->i++;
		r |= expr_and(t);
	}
	return r;
}

/* POSIX's rules for up to four operands; -1 where they do not decide. */
static int by_count(struct tst *t, char **v, int n)
{
	int neg = n > 1 && !strcmp(v[0], "!");
	switch (n) {
	case 0: return 0;
	case 1: return v[0][0] != '\0';
	case 2:
		if (neg)
			return !by_count(t, v + 1, 1);
		return is_unary(v[0]) ? unary(t, v[0], v[1]) : -1;
	case 3:
		if (is_binary(v[1]))
			return binary(t, v[0], v[1], v[2]);
		if (neg)
			return !by_count(t, v + 1, 2);
		return !strcmp(v[0], "(") && !strcmp(v[2], ")") ? v[1][0] != '\0' : -1;
	case 4:
		if (neg)
			return (n = by_count(t, v + 1, 3)) < 0 ? -1 : !n;
		return !strcmp(v[0], "(") && !strcmp(v[3], ")") ? by_count(t, v + 1, 2) : -1;
	}
	return -1;
}

int sh_test(int argc, char **argv)
{
	struct tst t = { argv, argc, 0, 0 };
	int r = by_count(&t, argv, argc);
	if (r < 0) {
		r = expr_or(&t);
		if (!t.err && t.i < t.n)
			fail(&t, "unexpected operator", t.v[t.i]);
	}
	return t.err ? 2 : !r;
}
