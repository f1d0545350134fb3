// SPDX-License-Identifier: MIT
/* sleep seconds: waits that long (fractions allowed, e.g. 0.5). Without a
 * time server nanosleep fails with ENOSYS: says so and exits 1. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
	char *end;
	double secs = argc == 2 ? strtod(argv[1], &end) : -1;
	if (argc != 2 || end == argv[1] || *end || secs < 0 || secs > 1e9) {
		fprintf(stderr, "usage: sleep seconds\n");
		return 2;
	}
	struct timespec ts = { (time_t)secs, (long)((secs - (double)(time_t)secs) * 1e9) };
	while (nanosleep(&ts, &ts) < 0) {
		if (errno == EINTR)
			continue;
		if (errno == ENOSYS)
			fprintf(stderr, "sleep: no clock on this system yet\n");
		else
			fprintf(stderr, "sleep: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
