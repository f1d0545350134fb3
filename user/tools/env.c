// SPDX-License-Identifier: MIT
/* env [NAME=value...] [command [arg...]]: prints the environment, or runs
 * command (searched on $PATH) with the assignments added to it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	int i = 1;
	if (argc > 1 && argv[1][0] == '-') {
		fprintf(stderr, "usage: env [NAME=value...] [command [arg...]]\n");
		return 2;
	}
	for (; i < argc && strchr(argv[i], '='); i++)
		putenv(argv[i]);
	if (i == argc) {
		for (char **e = environ; *e; e++)
			puts(*e);
		return 0;
	}
	execvp(argv[i], argv + i);
	fprintf(stderr, "env: %s: %s\n", argv[i], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
