// SPDX-License-Identifier: MIT
/* Fusion-ring IPC between processes: call and reply, 10,000 asynchronous
 * messages in batches, a 16 MiB zero-copy grant checked by checksum and by
 * frame identity, grants gone after the reply, badges, capability passing,
 * no capability no access, and revoke cutting off a client mid-conversation.
 * The same binary is the test server ("server"), a capability-less process
 * ("nocap") and a looping client ("client"). */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "ipc.h"
#include "tap.h"
#include "uk.h"

enum { T_BASE = 0x200, T_ECHO = T_BASE, T_SUM, T_PROBE, T_BADGE, T_CAPTYPE, T_STALL, T_END };

struct sum_reply {
	uint64_t sum, first_frame, last_frame;
};

static uint64_t last_grant;

static int32_t t_echo(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx;
	memcpy(out->data, rq->slot->data, rq->slot->len);
	out->len = rq->slot->len;
	return 0;
}

static int32_t t_sum(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx;
	struct sum_reply r = { 0 };
	const uint64_t *p = rq->grant;
	if (!p)
		return -EINVAL;
	for (size_t i = 0; i < rq->grant_len / 8; i++)
		r.sum += p[i];
	r.first_frame = (uint64_t)uk_vm_frame_id(p);
	r.last_frame = (uint64_t)uk_vm_frame_id((const char *)p + rq->grant_len - 1);
	last_grant = (uint64_t)p;
	memcpy(out->data, &r, sizeof(r));
	out->len = sizeof(r);
	return 0;
}

/* 1 when the previous request's grant is no longer mapped here. */
static int32_t t_probe(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)rq, (void)out;
	return uk_vm_frame_id((void *)last_grant) == -1 && errno == EFAULT;
}

static int32_t t_badge(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	return (int32_t)rq->badge;
}

static int32_t t_captype(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	struct cap_info info;
	if (rq->cap_slot < 0 || uk_cap_info(rq->cap_slot, &info) < 0)
		return -EBADF;
	return (int32_t)info.type;
}

/* Holds a granted buffer and never answers (until it is killed). */
static int32_t t_stall(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	if (rq->grant)
		((volatile uint8_t *)rq->grant)[0] = 0x5A;  /* it really is mapped here */
	for (;;)
		pause();
	return 0;
}

static int serve(void)
{
	static const ipc_handler_fn h[] = { t_echo, t_sum, t_probe, t_badge, t_captype, t_stall };
	struct ipc_dispatch d = { .base = T_BASE, .count = T_END - T_BASE, .handlers = h };
	return -ipc_serve(1, &d);
}

/* Slot 1: a connectable endpoint; slot 2: a memory object with a counter. */
static int loop_client(void)
{
	struct ipc_client c;
	volatile uint64_t *count = uk_mem_map(2, 0, PROT_READ | PROT_WRITE);
	if (count == (void *)-1 || ipc_connect(&c, 1) < 0)
		return 2;
	for (;;) {
		uint64_t v = *count;
		int r = ipc_call(&c, T_ECHO, &v, sizeof(v), NULL, NULL);
		if (r == -EBADF || r == -EPIPE)
			return 3;
		if (r < 0)
			return 4;
		(*count)++;
	}
}

/* Slot 1: an endpoint whose server stalls on a grant; exits 0 when the call
 * ends with EPIPE once the server is gone. */
static int stall_client(void)
{
	struct ipc_client c;
	size_t len = 1u << 20;
	uint8_t *buf = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED || ipc_connect(&c, 1) < 0)
		return 2;
	memset(buf, 1, len);
	int r = ipc_call_grant(&c, T_STALL, NULL, 0, buf, len, true, NULL, NULL);
	return r == -EPIPE ? 0 : 10 + (r < 0 ? -r % 100 : 99);
}

/* Has no capabilities but its own process: nothing reaches the endpoint. */
static int no_caps(void)
{
	uint64_t ring;
	int bad = 0;
	for (int slot = 1; slot < CAP_SLOTS; slot++)
		if (uk_ipc_connect(slot, &ring) != -1 || errno != EBADF)
			bad++;
	if (uk_ipc_connect(0, &ring) != -1 || errno != EINVAL)
		bad++;  /* slot 0 is the process itself: wrong type */
	return bad ? 1 : 0;
}

static long spawn_self(const char *mode, const struct uk_spawn_cap *caps)
{
	char *argv[] = { "/bin/t_ipc", (char *)mode, NULL }, *envp[] = { NULL };
	return uk_spawn_path_caps("/bin/t_ipc", argv, envp, 0, caps);
}

static int exit_code(long pid)
{
	int status = -1;
	if (uk_wait(pid, &status, 0) != pid)
		return -1;
	return (status & 0x7f) ? 128 + (status & 0x7f) : (status >> 8) & 0xff;
}

static void test_call_and_badge(int ep)
{
	struct ipc_client c;
	int badged = uk_cap_copy(ep, CAP_R_WRITE | CAP_R_GRANT, 42, UK_CAP_SET_BADGE);
	CHECK("ipc_badged_copy_made", badged > 0);
	CHECK("ipc_connect_succeeds", ipc_connect(&c, badged) == 0);
	char msg[] = "hello through the ring", back[64] = "";
	size_t n = sizeof(back);
	int r = ipc_call(&c, T_ECHO, msg, sizeof(msg), back, &n);
	CHECK("ipc_call_echo_returns_the_bytes", r == 0 && n == sizeof(msg) && !strcmp(back, msg));
	CHECK("ipc_server_sees_the_badge", ipc_call(&c, T_BADGE, NULL, 0, NULL, NULL) == 42);
	CHECK("ipc_unknown_op_gives_enosys", ipc_call(&c, T_END, NULL, 0, NULL, NULL) == -ENOSYS);
	int notif = uk_notif_create();
	int passed = uk_cap_copy(notif, CAP_R_ALL, 0, 0);
	CHECK("ipc_call_passes_a_capability",
	      ipc_call_cap(&c, T_CAPTYPE, NULL, 0, passed, NULL, NULL) == CAP_NOTIFICATION);
	CHECK_ERRNO("cap_copy_with_more_rights_gives_eperm", uk_cap_copy(badged, CAP_R_ALL, 0, 0), EPERM);
	CHECK_ERRNO("cap_info_of_empty_slot_gives_ebadf", uk_cap_info(200, &(struct cap_info){ 0 }), EBADF);
	CHECK_ERRNO("ipc_connect_on_a_notification_gives_einval", uk_ipc_connect(notif, &(uint64_t){ 0 }), EINVAL);
}

struct order {
	uint64_t next;
	int bad;
};

static void check_order(const struct ipc_slot *s, void *arg)
{
	struct order *o = arg;
	uint64_t v;
	memcpy(&v, s->data, sizeof(v));
	if (s->status != 0 || v != o->next)
		o->bad++;
	o->next++;
}

static void test_async(int ep)
{
	struct ipc_client c;
	struct order o = { 0, 0 };
	if (!CHECK("ipc_async_connect", ipc_connect(&c, ep) == 0))
		return;
	uint64_t sent = 0;
	while (sent < 10000) {
		unsigned batch = 0;
		for (; batch < 64 && sent < 10000; batch++, sent++)
			if (ipc_send(&c, T_ECHO, &sent, sizeof(sent)) < 0)
				o.bad++;
		ipc_reap(&c, batch, check_order, &o);
	}
	CHECK("ipc_10000_async_messages_arrive_in_order", o.next == 10000 && o.bad == 0);
}

static void test_zero_copy(int ep)
{
	struct ipc_client c;
	size_t len = 16u << 20;
	uint64_t *buf = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!CHECK("ipc_zero_copy_setup", buf != MAP_FAILED && ipc_connect(&c, ep) == 0))
		return;
	uint64_t sum = 0;
	for (size_t i = 0; i < len / 8; i++)
		sum += buf[i] = i * 0x9E3779B97F4A7C15ull;
	struct sum_reply r;
	size_t n = sizeof(r);
	int rc = ipc_call_grant(&c, T_SUM, NULL, 0, buf, len, false, &r, &n);
	CHECK("ipc_16mib_grant_checksum_matches", rc == 0 && r.sum == sum);
	CHECK("ipc_16mib_grant_is_the_same_frames",
	      r.first_frame == (uint64_t)uk_vm_frame_id(buf) &&
	      r.last_frame == (uint64_t)uk_vm_frame_id((char *)buf + len - 1));
	CHECK("ipc_grant_is_gone_from_the_server_after_reply",
	      ipc_call(&c, T_PROBE, NULL, 0, NULL, NULL) == 1);
	munmap(buf, len);
}

/* A server killed while it holds a client's granted pages: the client's
 * call ends (EPIPE), and every frame comes back. */
static int kill_mid_grant(void)
{
	int ep = uk_endpoint_create();
	int client_cap = uk_cap_copy(ep, CAP_R_WRITE | CAP_R_GRANT, 0, 0);
	struct uk_spawn_cap scaps[] = { { ep, CAP_R_READ | CAP_R_WRITE, 0 }, { -1, 0, 0 } };
	struct uk_spawn_cap ccaps[] = { { client_cap, CAP_R_WRITE | CAP_R_GRANT, 0 }, { -1, 0, 0 } };
	long server = spawn_self("server", scaps);
	long client = spawn_self("stall", ccaps);
	uk_cap_delete(client_cap);
	uk_cap_delete(ep);  /* the server holds the only serving side now */
	struct timespec d = { 0, 50000000 };
	nanosleep(&d, NULL);  /* the request reaches the server and stalls there */
	kill((int)server, SIGKILL);
	int code = exit_code(client);
	exit_code(server);
	return code;
}

/* Twice: the first run warms caches (slabs, this program's heap); the
 * second must give back every frame it took, the 256 granted among them. */
static void test_kill_mid_grant(void)
{
	struct uk_meminfo before, after;
	int code = kill_mid_grant();
	uk_meminfo(&before);
	code |= kill_mid_grant();
	uk_meminfo(&after);
	CHECK("ipc_server_killed_mid_grant_ends_the_call_with_epipe", code == 0);
	if (code != 0)
		tap_note("stall client exit code %d", code);
	CHECK("ipc_server_killed_mid_grant_leaks_no_frame", after.used_frames <= before.used_frames);
	tap_note("frames in use around the second kill: %llu before, %llu after",
		 (unsigned long long)before.used_frames, (unsigned long long)after.used_frames);
}

static void test_revoke(int ep)
{
	int client_cap = uk_cap_copy(ep, CAP_R_WRITE | CAP_R_GRANT | CAP_R_MANAGE, 0, 0);
	int mem = uk_mem_create(4096);
	volatile uint64_t *count = uk_mem_map(mem, 0, PROT_READ | PROT_WRITE);
	struct uk_spawn_cap caps[] = { { client_cap, CAP_R_WRITE | CAP_R_GRANT, 0 },
				       { mem, CAP_R_ALL, 0 }, { -1, 0, 0 } };
	long pid = spawn_self("client", caps);
	if (!CHECK("ipc_revoke_client_started", pid > 0 && count != (void *)-1))
		return;
	for (int spins = 0; *count < 200 && spins < 1000000; spins++) {
		int status;
		if (uk_wait(pid, &status, UK_WAIT_NOHANG) == pid) {
			tap_note("client exited early with status 0x%x after %llu calls", status,
				 (unsigned long long)*count);
			break;
		}
		sched_yield();
	}
	CHECK("ipc_revoke_succeeds", uk_cap_revoke(client_cap) == 0);
	uint64_t at = *count;
	int code = exit_code(pid);
	tap_note("client made %llu calls, cut off after %llu", (unsigned long long)*count,
		 (unsigned long long)at);
	CHECK("ipc_revoke_cuts_off_the_client_mid_conversation", code == 3 && *count >= 200);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "server"))
		return serve();
	if (argc > 1 && !strcmp(argv[1], "client"))
		return loop_client();
	if (argc > 1 && !strcmp(argv[1], "nocap"))
		return no_caps();
	if (argc > 1 && !strcmp(argv[1], "stall"))
		return stall_client();
	tap_begin();
	int ep = uk_endpoint_create();
	struct uk_spawn_cap caps[] = { { ep, CAP_R_READ | CAP_R_WRITE, 0 }, { -1, 0, 0 } };
	long server = spawn_self("server", caps);
	if (!CHECK("ipc_endpoint_and_server", ep > 0 && server > 0))
		return tap_end("t_ipc");
	test_call_and_badge(ep);
	test_async(ep);
	test_zero_copy(ep);
	CHECK("ipc_process_without_the_capability_cannot_connect", exit_code(spawn_self("nocap", NULL)) == 0);
	test_revoke(ep);
	test_kill_mid_grant();
	int proc = uk_proc_cap(server);
	int notif = uk_notif_create();
	uint64_t bits = 0;
	if (CHECK("ipc_death_notice_registered", proc > 0 && uk_proc_watch(proc, notif, 0x10) == 0)) {
		kill((int)server, 9);
		CHECK("ipc_death_notice_arrives", uk_notif_wait(notif, &bits, 0) == 0 && bits == 0x10);
	}
	exit_code(server);
	return tap_end("t_ipc");
}
