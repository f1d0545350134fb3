// SPDX-License-Identifier: MIT
/* Boots the example echo server (servers/echo, libipc/README.md) and talks
 * to it: an inline echo and a zero-copy sum. */
#include <stdint.h>
#include <signal.h>
#include <string.h>
#include "ipc.h"
#include "proto/echo.h"
#include "tap.h"
#include "uk.h"

int main(void)
{
	tap_begin();
	int ep = uk_endpoint_create();
	struct uk_spawn_cap caps[] = { { ep, CAP_R_READ, 0 }, { -1, 0, 0 } };
	char *argv[] = { "/sbin/echo", NULL }, *envp[] = { NULL };
	long pid = uk_spawn_path_caps("/sbin/echo", argv, envp, 0, caps);
	struct ipc_client c;
	if (!CHECK("echo_server_starts_and_connects", pid > 0 && ipc_connect(&c, ep) == 0))
		return tap_end("t_echo");
	char back[IPC_INLINE_MAX];
	size_t n = sizeof(back);
	int r = ipc_call(&c, ECHO_OP_ECHO, "ping", 5, back, &n);
	CHECK("echo_returns_what_was_sent", r == 5 && n == 5 && !memcmp(back, "ping", 5));
	static uint8_t buf[3 * 4096 + 100];
	uint64_t want = 0;
	for (size_t i = 0; i < sizeof(buf); i++)
		want += buf[i] = (uint8_t)(i * 7);
	struct echo_sum_reply sum;
	n = sizeof(sum);
	r = ipc_call_grant(&c, ECHO_OP_SUM, NULL, 0, buf, sizeof(buf), false, &sum, &n);
	CHECK("echo_sums_a_granted_buffer", r == 0 && sum.sum == want && sum.len == sizeof(buf));
	kill((int)pid, 15);
	uk_wait(pid, NULL, 0);
	return tap_end("t_echo");
}
