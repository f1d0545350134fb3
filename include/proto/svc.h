/* SPDX-License-Identifier: MIT */
/* init's service-control protocol (the svc tool): reached through the
 * native call uk_svc, which the kernel forwards to init like execve. */
#pragma once
#include <stdint.h>

enum svc_op {
	SVC_OP_LIST = 0x2000,   /* text: one line per server into the buffer */
	SVC_OP_STATUS,          /* text: one server */
	SVC_OP_RESTART,         /* stop it; the supervisor starts a fresh copy */
	SVC_OP_STOP,            /* stop it and do not restart it */
	SVC_OP_SWAP,            /* replace its binary (arg: path in the initrd) */
	SVC_OP_END
};
