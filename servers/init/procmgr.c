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

static const ipc_handler_fn handlers[] = { [59] = do_execve };

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
