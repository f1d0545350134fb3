// SPDX-License-Identifier: MIT
/* svc_call: init's service-control protocol over a connection made through
 * the service-control capability (found by its badge). */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include "ipc.h"
#include "svc_client.h"
#include "uk.h"
#include "proto/svc.h"

#define SVC_BUF 4096

/* The slot of the service-control capability, or -1. */
static int find_cap(void)
{
	for (int slot = 1; slot < CAP_SLOTS; slot++) {
		struct cap_info ci;
		if (uk_cap_info(slot, &ci) == 0 && ci.type == CAP_ENDPOINT && ci.badge == SVC_BADGE &&
		    (ci.rights & CAP_R_WRITE))
			return slot;
	}
	return -1;
}

/* This process's connection, made once (a forked child, which inherits
 * the capability but not the connection, makes its own). */
static struct ipc_client *client(void)
{
	static struct ipc_client c;
	static pid_t owner;
	if (owner == getpid())
		return &c;
	int slot = find_cap();
	if (slot < 0 || ipc_connect(&c, slot) < 0)
		return NULL;
	owner = getpid();
	return &c;
}

long svc_call(unsigned op, const char *name, const char *arg, char *buf, size_t len)
{
	char text[SVC_BUF] = "";
	struct svc_request rq = { "" };
	if (!name || strlen(name) >= sizeof(rq.name) || (arg && strlen(arg) >= sizeof(text))) {
		errno = EINVAL;
		return -1;
	}
	struct ipc_client *c = client();
	if (!c) {
		errno = EPERM;  /* no service-control capability here */
		return -1;
	}
	strcpy(rq.name, name);
	if (arg)
		strcpy(text, arg);
	int r = ipc_call_grant(c, op, &rq, sizeof(rq), text, sizeof(text), true, NULL, NULL);
	if (r < 0) {
		errno = -r;
		return -1;
	}
	size_t n = (size_t)r < len ? (size_t)r : len;
	if (buf && n)
		memcpy(buf, text, n);
	return (long)n;
}
