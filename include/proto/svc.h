/* SPDX-License-Identifier: MIT */
/* init's service-control protocol (the svc tool), served on init's process
 * endpoint. The right to use it is a capability: a copy of that endpoint
 * with badge SVC_BADGE, which init hands (marked CAP_R_INHERIT, so forks
 * keep it) to the programs it starts itself. The read-only operations need
 * only the capability; the ones that change a server also need the caller
 * to have effective uid 0. */
#pragma once
#include <stdint.h>

/* The badge of the service-control capability: far above any pid, which is
 * the badge of the kernel's forwarded calls on the same endpoint. */
#define SVC_BADGE 0x5356430000000000ull  /* "SVC" */

#define SVC_OP_BASE 0x2000

enum svc_op {
	SVC_OP_LIST = SVC_OP_BASE,   /* text: one line per server into the buffer */
	SVC_OP_STATUS,          /* text: one server (-ESRCH if none has the name) */
	SVC_OP_RESTART,         /* stop it gracefully (between requests); a fresh copy starts */
	SVC_OP_STOP,            /* stop it and do not restart it: its callers get -ENOSYS */
	SVC_OP_SWAP,            /* replace its binary (the buffer holds the path) */
	SVC_OP_KILL,            /* SIGKILL at once, as a crash would; it restarts as after one */
	SVC_OP_END
};

/* The request's inline part. The caller also lends one writable buffer:
 * it holds the path of a swap (NUL-terminated) on the way in and the text
 * answer on the way out; the status is the answer's length or -errno. */
struct svc_request {
	char name[16];          /* NUL-terminated server name */
};
_Static_assert(sizeof(struct svc_request) == 16, "svc_request layout");
