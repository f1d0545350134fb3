// SPDX-License-Identifier: MIT
/* svc: control the servers init supervises.
 *   svc list | status NAME | restart NAME | stop NAME | swap NAME PATH | kill NAME
 * restart, swap and kill wait until the server runs again. kill sends the
 * server SIGKILL at once, exactly as a crash would (fault injection);
 * restart waits until the server is between two requests. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "uk.h"
#include "svc_client.h"
#include "proto/svc.h"

static int usage(void)
{
	fprintf(stderr, "usage: svc list | status NAME | restart NAME | stop NAME | swap NAME PATH"
		" | kill NAME\n");
	return 2;
}

static long pid_of(const char *name)
{
	char buf[256];
	long n = svc_call(SVC_OP_STATUS, name, NULL, buf, sizeof(buf) - 1);
	long pid = -1;
	if (n > 0) {
		buf[n] = '\0';
		sscanf(buf, "%*s pid %ld", &pid);
	}
	return pid;
}

/* Waits (up to 5 s) until name runs under a pid other than old. */
static int wait_new(const char *name, long old)
{
	struct timespec tick = { 0, 20000000 };
	for (int i = 0; i < 250; i++) {
		long pid = pid_of(name);
		if (pid > 0 && pid != old)
			return 0;
		nanosleep(&tick, NULL);
	}
	fprintf(stderr, "svc: %s did not come back\n", name);
	return 1;
}

int main(int argc, char **argv)
{
	char buf[2048];
	if (argc < 2)
		return usage();
	const char *cmd = argv[1], *name = argc > 2 ? argv[2] : "";
	unsigned op = !strcmp(cmd, "list") ? SVC_OP_LIST : !strcmp(cmd, "status") ? SVC_OP_STATUS :
		      !strcmp(cmd, "restart") ? SVC_OP_RESTART : !strcmp(cmd, "stop") ? SVC_OP_STOP :
		      !strcmp(cmd, "swap") ? SVC_OP_SWAP : !strcmp(cmd, "kill") ? SVC_OP_KILL : 0;
	if (!op || (op != SVC_OP_LIST && argc < 3) || (op == SVC_OP_SWAP && argc < 4))
		return usage();
	long old = op == SVC_OP_RESTART || op == SVC_OP_SWAP || op == SVC_OP_KILL ? pid_of(name) : 0;
	long n = svc_call(op, name, op == SVC_OP_SWAP ? argv[3] : NULL, buf, sizeof(buf) - 1);
	if (n < 0) {
		fprintf(stderr, "svc: %s %s: %s\n", cmd, name, strerror(errno));
		return 1;
	}
	buf[n] = '\0';
	fputs(buf, stdout);
	if (op == SVC_OP_RESTART || op == SVC_OP_SWAP || op == SVC_OP_KILL)
		return wait_new(name, old);
	return 0;
}
