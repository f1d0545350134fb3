// SPDX-License-Identifier: MIT
/* init as the process server: execve arrives here (forwarded by the
 * kernel); init reads the program through the VFS and has the kernel
 * replace the caller's image. Runs on its own thread. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "ipc.h"
#include "svc.h"
#include "uk.h"
#include "proto/fwd.h"
#include "proto/svc.h"
#include "manifest.h"
#include <signal.h>
#include <string.h>

static int proc_ep;

static int32_t do_execve(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	const struct fwd_args *a = (const struct fwd_args *)rq->slot->data;
	size_t len;
	void *image = svc_read_file((const char *)a->a[0], &len);
	if (!image)
		return -errno;
	int r = uk_exec((long)rq->badge, image, len, (char *const *)a->a[1], (char *const *)a->a[2]);
	int err = errno;
	free(image);
	return r < 0 ? -err : 0;
}

static int describe(const struct svc *s, char *buf, size_t len)
{
	return snprintf(buf, len, "%-10s pid %-4ld restarts %-3d %-8s %s\n", s->name, s->pid,
			s->restarts, s->stopped ? "stopped" : "running", s->path);
}

/* The op's text answer into the caller's buffer; returns its length. */
static int32_t do_svc(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	const struct fwd_args *a = (const struct fwd_args *)rq->slot->data;
	const char *name = (const char *)a->a[1], *arg = (const char *)a->a[2];
	char *buf = (char *)a->a[3];
	size_t len = a->a[4];
	struct svc *s = svc_find(name);
	int n = 0;
	switch (a->a[0]) {
	case SVC_OP_LIST:
		for (int i = 0; i < svc_count() && (size_t)n < len; i++)
			n += describe(svc_at(i), buf + n, len - (size_t)n);
		return (int32_t)((size_t)n < len ? (size_t)n : len);
	case SVC_OP_STATUS:
		return s ? describe(s, buf, len) : -ESRCH;
	case SVC_OP_RESTART:
	case SVC_OP_STOP:
		if (!s || s->stopped)
			return -ESRCH;
		s->stopped = a->a[0] == SVC_OP_STOP;
		s->asked = true;
		return kill((int)s->pid, SIGKILL) == 0 ? 0 : -errno;
	case SVC_OP_SWAP: {
		if (!s || s->stopped)
			return -ESRCH;
		if (strlen(arg) >= sizeof(s->path) || !svc_binary_exists(s, arg))
			return -ENOENT;  /* in the initrd, or a file in the VFS (not for the VFS) */
		strcpy(s->old_path, s->path);
		strcpy(s->path, arg);
		s->asked = true;
		return kill((int)s->pid, SIGKILL) == 0 ? 0 : -errno;
	}
	default:
		return -EINVAL;
	}
}

static const ipc_handler_fn handlers[] = {
	[59] = do_execve,
	[SVC_OP_LIST] = do_svc, [SVC_OP_STATUS] = do_svc, [SVC_OP_RESTART] = do_svc,
	[SVC_OP_STOP] = do_svc, [SVC_OP_SWAP] = do_svc,
};

static void *serve(void *arg)
{
	(void)arg;
	const struct ipc_dispatch d = { 0, sizeof(handlers) / sizeof(handlers[0]), handlers, NULL };
	int r = ipc_serve(proc_ep, &d);
	printf("init: the process server stopped: %d\n", r);
	return NULL;
}

int procmgr_start(void)
{
	pthread_t t;
	proc_ep = uk_endpoint_create();
	if (proc_ep < 0 || pthread_create(&t, NULL, serve, NULL) != 0)
		return -1;
	return uk_fwd_register(FWD_SRV_PROC, proc_ep);
}
