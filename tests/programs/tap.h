/* SPDX-License-Identifier: MIT */
/* TAP-like reporting for the programs that run inside the OS: each check
 * prints `ok prog/<name>` or `not ok prog/<name> # <reason>` (the failed
 * expression, file:line and errno). tap_begin() first, `return tap_end();`
 * last: it exits 0 only when every check passed. Header-only: each program
 * is one file. */
#pragma once
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_failed;
static int tap_passed;

/* Line-buffered stdout: output interleaves sanely with other processes and
 * stdio never needs a terminal ioctl to decide. */
static inline void tap_begin(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
}

/* Records one result; err is errno sampled right after the check. */
static inline int tap_result(const char *name, int ok, const char *expr, int err,
			     const char *file, int line)
{
	if (ok) {
		tap_passed++;
		printf("ok prog/%s\n", name);
	} else {
		tap_failed++;
		printf("not ok prog/%s # %s failed at %s:%d (errno %d: %s)\n", name, expr,
		       file, line, err, strerror(err));
	}
	return ok;
}

/* Records a check that a call failed with errno want; r and err are what
 * it returned and left in errno. */
static inline int tap_errno_result(const char *name, long r, int err, int want,
				   const char *call, const char *want_name,
				   const char *file, int line)
{
	int ok = r == -1 && err == want;
	if (ok) {
		tap_passed++;
		printf("ok prog/%s\n", name);
	} else {
		tap_failed++;
		printf("not ok prog/%s # %s returned %ld with errno %d (%s), want -1 with %s"
		       " at %s:%d\n", name, call, r, err, strerror(err), want_name, file, line);
	}
	return ok;
}

/* Reports a check that cannot run here; TAP counts it as passed. */
static inline void tap_skip(const char *name, const char *why)
{
	tap_passed++;
	printf("ok prog/%s # SKIP %s\n", name, why);
}

/* Prints a diagnostic line that a harness ignores. */
__attribute__((format(printf, 1, 2))) static inline void tap_note(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("# ", stdout);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	va_end(ap);
}

/* Prints the summary; returns the exit status (0 only if all passed). */
static inline int tap_end(const char *prog)
{
	tap_note("%s: %d passed, %d failed", prog, tap_passed, tap_failed);
	fflush(stdout);
	return tap_failed ? 1 : tap_passed ? 0 : 1;
}

/* Checks cond; evaluates to its truth. errno is sampled after cond. */
#define CHECK(name, cond)                                                             \
	({                                                                            \
		int tap_ok_ = !!(cond);                                               \
		int tap_err_ = errno;                                                 \
		tap_result((name), tap_ok_, #cond, tap_err_, __FILE__, __LINE__);     \
	})

/* Checks that call fails with -1 (or MAP_FAILED) and errno e. */
#define CHECK_ERRNO(name, call, e)                                                    \
	({                                                                            \
		errno = 0;                                                            \
		long tap_r_ = (long)(call);                                           \
		int tap_err_ = errno;                                                 \
		tap_errno_result((name), tap_r_, tap_err_, (e), #call, #e,            \
				 __FILE__, __LINE__);                                 \
	})
