// SPDX-License-Identifier: MIT
/* init's messages about servers. */
#include <stdarg.h>
#include <stdio.h>
#include "svc.h"
#include "uk.h"

/* Messages go through the kernel log: the console may be the server being
 * restarted, and a printf would wait for it. */
void say(const char *fmt, ...)
{
	char buf[200];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	uk_log(buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

