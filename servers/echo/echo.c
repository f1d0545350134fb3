// SPDX-License-Identifier: MIT
/* The example server: echoes inline bytes back, and sums a granted buffer
 * without copying it. Its endpoint arrives as bootstrap capability 1. */
#include <errno.h>
#include <string.h>
#include "ipc.h"
#include "proto/echo.h"

/* The client writes its slot whenever it likes: the length is read once,
 * and one the slot cannot hold is refused, not copied past the slot. */
static int32_t do_echo(void *ctx, const struct ipc_request *rq, struct ipc_slot *reply)
{
	(void)ctx;
	uint16_t len = __atomic_load_n(&rq->slot->len, __ATOMIC_RELAXED);
	if (len > IPC_INLINE_MAX)
		return -EINVAL;
	memcpy(reply->data, rq->slot->data, len);
	reply->len = len;
	return len;
}

static int32_t do_sum(void *ctx, const struct ipc_request *rq, struct ipc_slot *reply)
{
	(void)ctx;
	if (!rq->grant)
		return -EINVAL;
	struct echo_sum_reply r = { 0, rq->grant_len };
	const uint8_t *p = rq->grant;
	for (size_t i = 0; i < rq->grant_len; i++)
		r.sum += p[i];
	memcpy(reply->data, &r, sizeof(r));
	reply->len = sizeof(r);
	return 0;
}

static const ipc_handler_fn handlers[] = {
	[ECHO_OP_ECHO - ECHO_OP_BASE] = do_echo,
	[ECHO_OP_SUM - ECHO_OP_BASE] = do_sum,
};

int main(void)
{
	const struct ipc_dispatch d = {
		.base = ECHO_OP_BASE, .count = ECHO_OP_END - ECHO_OP_BASE, .handlers = handlers,
	};
	return -ipc_serve(1, &d);
}
