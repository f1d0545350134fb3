// SPDX-License-Identifier: MIT
/* t_hello: the smallest musl program that uses stdio. */
#include <stdio.h>

int main(void)
{
	printf("hello from musl\n");
	return 0;
}
