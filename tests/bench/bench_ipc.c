// SPDX-License-Identifier: MIT
/* IPC figures in guest TSC ticks (QEMU -icount shift=0,sleep=off): fused
 * call round trip with 0 and 48 inline bytes, asynchronous messages in
 * batches of 64, a zero-copy 1 MiB grant, and the null syscall of the same
 * boot for scale. The server is the example echo server. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <x86intrin.h>
#include "ipc.h"
#include "proto/echo.h"
#include "uk.h"

#define ROUNDS 2000

static void report(const char *name, uint64_t total, uint64_t n)
{
	printf("BENCH %s %llu ticks\n", name, (unsigned long long)(total / n));
}

static void bench_calls(struct ipc_client *c, const char *name, size_t len)
{
	uint8_t msg[IPC_INLINE_MAX] = { 1, 2, 3 }, back[IPC_INLINE_MAX];
	for (int i = 0; i < 100; i++)
		ipc_call(c, ECHO_OP_ECHO, msg, len, NULL, NULL);
	uint64_t t0 = __rdtsc();
	for (int i = 0; i < ROUNDS; i++) {
		size_t n = sizeof(back);
		ipc_call(c, ECHO_OP_ECHO, msg, len, back, &n);
	}
	report(name, __rdtsc() - t0, ROUNDS);
}

static void bench_async(struct ipc_client *c)
{
	const int batches = 100, batch = 64;
	uint64_t v = 0;
	uint64_t t0 = __rdtsc();
	for (int b = 0; b < batches; b++) {
		for (int i = 0; i < batch; i++, v++)
			ipc_send(c, ECHO_OP_ECHO, &v, sizeof(v));
		ipc_reap(c, batch, NULL, NULL);
	}
	report("ipc_async_per_msg", __rdtsc() - t0, (uint64_t)batches * batch);
}

static void bench_zero_copy(struct ipc_client *c)
{
	size_t len = 1 << 20;
	char *buf = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(buf, 1, len);
	const int rounds = 200;
	uint64_t t0 = __rdtsc();
	for (int i = 0; i < rounds; i++)
		ipc_call_grant(c, ECHO_OP_ECHO, NULL, 0, buf, len, false, NULL, NULL);
	report("ipc_zerocopy_1mib", __rdtsc() - t0, rounds);
}

static void bench_null_syscall(void)
{
	uint64_t t0 = __rdtsc();
	for (int i = 0; i < ROUNDS; i++)
		syscall(SYS_getpid);
	report("null_syscall", __rdtsc() - t0, ROUNDS);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	int ep = uk_endpoint_create();
	struct uk_spawn_cap caps[] = { { ep, CAP_R_READ, 0 }, { -1, 0, 0 } };
	char *argv[] = { "/sbin/echo", NULL }, *envp[] = { NULL };
	struct ipc_client c;
	if (uk_spawn_path_caps("/sbin/echo", argv, envp, 0, caps) < 0 || ipc_connect(&c, ep) < 0) {
		printf("bench_ipc: no echo server\n");
		return 1;
	}
	bench_null_syscall();
	bench_calls(&c, "ipc_call_rtt", 0);
	bench_calls(&c, "ipc_call48_rtt", IPC_INLINE_MAX);
	bench_async(&c);
	bench_zero_copy(&c);
	return 0;
}
