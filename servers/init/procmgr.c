// SPDX-License-Identifier: MIT
/* init as the process server: execve arrives here (forwarded by the
 * kernel); init reads the program through the VFS and has the kernel
 * replace the caller's image. The same endpoint serves the
 * service-control protocol (svc_ctl.c) to holders of its capability.
 * Runs on its own thread. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "ipc.h"
#include "svc.h"
#include "uk.h"
#include "proto/fwd.h"
#include "proto/fwd_calls.h"
#include "proto/svc.h"
#include "manifest.h"
#include <signal.h>
#include <string.h>

static int proc_ep;

static int32_t do_execve(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	const struct fwd_args *a = (const struct fwd_args *)rq->slot->data;
	if (rq->badge != (uint64_t)rq->pid || rq->slot->len != sizeof(*a))
		return -EPERM;  /* only the kernel forwards execve: its badge is the caller's pid */
	size_t len;
	void *image = svc_read_file((const char *)a->a[0], &len);
	if (!image)
		return -errno;
	int r = uk_exec((long)rq->badge, image, len, (char *const *)a->a[1], (char *const *)a->a[2]);
	int err = errno;
	free(image);
	return r < 0 ? -err : 0;
}

/* One endpoint, two protocols: the kernel's forwarded execve (FWD_PROC_*,
 * from 0) in the table, service control (SVC_OP_*) past it. */
static const ipc_handler_fn handlers[FWD_PROC_NOPS] = { [FWD_PROC_execve] = do_execve };

static void *serve(void *arg)
{
	(void)arg;
	const struct ipc_dispatch d = { .count = FWD_PROC_NOPS, .handlers = handlers, .other = svc_ctl_handle };
	int r;
	/* Nothing else serves execve: whatever a client does, serve on. */
	while ((r = ipc_serve(proc_ep, &d)) == -EPROTO)
		;
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

int procmgr_svc_cap(void)
{
	return uk_cap_copy(proc_ep, CAP_R_WRITE | CAP_R_GRANT, SVC_BADGE, UK_CAP_SET_BADGE);
}
