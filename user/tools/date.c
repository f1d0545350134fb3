// SPDX-License-Identifier: MIT
/* date [+format]: prints the current time in UTC, by default like
 * "Thu Jan  1 00:00:00 UTC 1970". Exits 1 when the system has no clock.
 * clock_gettime is called as a raw syscall: musl's wrapper answers ENOSYS
 * for CLOCK_REALTIME by calling gettimeofday and ignoring its failure, so
 * it would report success with the timespec untouched. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *fmt = "%a %b %e %H:%M:%S UTC %Y";
	struct timespec ts;
	struct tm tm;
	char out[256];
	if (argc > 2 || (argc == 2 && argv[1][0] != '+')) {
		fprintf(stderr, "usage: date [+format]\n");
		return 2;
	}
	if (argc == 2)
		fmt = argv[1] + 1;
	if (syscall(SYS_clock_gettime, CLOCK_REALTIME, &ts) < 0) {
		if (errno == ENOSYS)
			fprintf(stderr, "date: no clock on this system yet\n");
		else
			fprintf(stderr, "date: %s\n", strerror(errno));
		return 1;
	}
	if (!gmtime_r(&ts.tv_sec, &tm)) {
		fprintf(stderr, "date: time out of range\n");
		return 1;
	}
	size_t n = strftime(out, sizeof(out), fmt, &tm);
	printf("%.*s\n", (int)n, out);
	return 0;
}
