/* SPDX-License-Identifier: MIT */
/* The echo protocol: the example server of libipc/README.md. */
#pragma once
#include <stdint.h>

#define ECHO_OP_BASE 0x100

enum echo_op {
	ECHO_OP_ECHO = ECHO_OP_BASE,  /* reply with the request's bytes */
	ECHO_OP_SUM,                  /* reply with the byte sum of a granted buffer */
	ECHO_OP_END
};

struct echo_sum_reply {
	uint64_t sum;
	uint64_t len;
};
_Static_assert(sizeof(struct echo_sum_reply) == 16, "echo_sum_reply layout");
