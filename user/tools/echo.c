// SPDX-License-Identifier: MIT
/* echo [-n] [word...]: prints the words separated by spaces; -n leaves out
 * the final newline. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	int i = 1, newline = 1;
	for (; i < argc && !strcmp(argv[i], "-n"); i++)
		newline = 0;
	for (int first = i; i < argc; i++)
		printf("%s%s", i > first ? " " : "", argv[i]);
	if (newline)
		putchar('\n');
	if (fflush(stdout) != 0) {
		perror("echo: write error");
		return 1;
	}
	return 0;
}
