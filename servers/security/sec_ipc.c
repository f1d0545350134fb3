// SPDX-License-Identifier: MIT
/* The security server: credentials (get/set of uids, gids and groups),
 * pledge, and the kernel's reports of calls outside a pledge. A process's
 * state lives in the kernel (abi/sec.h), read with uk_sec_get and written
 * with uk_sec_set; the rules are here (sec_cred.c, sec_promise.c), and
 * the capability protocol with its audit log (sec_capops.c). Its only
 * state, the audit log, is kept in a memory object, so a restarted or
 * swapped security server loses nothing.
 * Bootstrap capabilities: 1 endpoint, 2 ready notification, 3 state. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "ipc.h"
#include <sys/mman.h>
#include "sec_capops.h"
#include "sec_cred.h"
#include "sec_promise.h"
#include "uk.h"
#include "proto/fwd.h"
#include "proto/fwd_calls.h"
#include "proto/security.h"

#define SLOT_EP 1
#define SLOT_READY 2
#define SLOT_STATE 3  /* the audit log, kept across restarts */

#define A (((const struct fwd_args *)rq->slot->data)->a)
#define ID(i) ((uint32_t)A[i])

static int store(const struct ipc_request *rq, const struct uk_sec *s, unsigned what)
{
	return uk_sec_set(SLOT_EP, (long)rq->badge, s, what) < 0 ? -errno : 0;
}

/* Every set*id call: load, apply the rule, store the credentials. */
static int32_t h_setid(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	struct uk_sec s;
	int r = sec_caller_creds(rq, &s);
	if (r)
		return r;
	switch (rq->slot->op) {
	case FWD_SECURITY_setuid: r = sec_setuid(&s, ID(0)); break;
	case FWD_SECURITY_setgid: r = sec_setgid(&s, ID(0)); break;
	case FWD_SECURITY_setreuid: r = sec_setreuid(&s, ID(0), ID(1)); break;
	case FWD_SECURITY_setregid: r = sec_setregid(&s, ID(0), ID(1)); break;
	case FWD_SECURITY_setresuid: r = sec_setresuid(&s, ID(0), ID(1), ID(2)); break;
	default: r = sec_setresgid(&s, ID(0), ID(1), ID(2)); break;
	}
	return r ? r : store(rq, &s, UK_SEC_SET_CRED);
}

static int32_t h_setgroups(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	struct uk_sec s;
	int r = sec_caller_creds(rq, &s);
	if (!r && A[0] && !A[1])
		r = -EFAULT;
	if (!r)
		r = sec_setgroups(&s, (size_t)A[0], (const uint32_t *)A[1]);
	return r ? r : store(rq, &s, UK_SEC_SET_CRED);
}

/* One side of pledge: a promise string (NULL: unchanged) to a set, which
 * may only shrink what is already promised. */
static int narrow(const char *str, bool pledged, uint64_t *promises, uint64_t *allow, bool *set)
{
	uint64_t want;
	if (!str)
		return 0;
	int r = sec_promise_parse(str, &want);
	if (r)
		return r;
	if (pledged && sec_promise_shrink(*promises, want))
		return -EPERM;
	struct sec_allow a;
	sec_promise_allow(want, &a);
	memcpy(allow, a.bits, sizeof(a.bits));
	*promises = want;
	*set = true;
	return 0;
}

static int32_t h_pledge(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	struct uk_sec s;
	bool now = false, later = false;
	int r = sec_caller_creds(rq, &s);
	if (!r)
		r = narrow((const char *)A[0], s.flags & UK_SEC_PLEDGED, &s.promises, s.allow, &now);
	if (!r)
		r = narrow((const char *)A[1], s.flags & UK_SEC_EXEC_PLEDGED, &s.exec_promises,
			   s.exec_allow, &later);
	if (r)
		return r;
	s.flags = (now ? UK_SEC_PLEDGED : 0) | (later ? UK_SEC_EXEC_PLEDGED : 0);
	return store(rq, &s, UK_SEC_SET_PLEDGE);
}

/* The kernel met a call outside the caller's promises (a[1]: the promise
 * an argument needed, or -1). Logged; -ENOSYS under "error", else the
 * kernel ends the process with SIGABRT. */
static int32_t h_violation(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	struct uk_sec s;
	struct uk_procinfo pi;
	char msg[200], num[24];
	unsigned nr = (unsigned)A[0];
	int64_t bit = (int64_t)A[1];
	const char *call = sec_syscall_name(nr), *need;
	need = bit >= 0 ? sec_promise_name((unsigned)bit) : sec_promise_needed(nr);
	if (!call)
		snprintf(num, sizeof(num), "syscall %u", nr), call = num;
	bool error = sec_caller_creds(rq, &s) == 0 && PLEDGE_HAS(s.promises, error);
	if (uk_procinfo((long)rq->badge, &pi) < 0)
		strcpy(pi.name, "?");
	int n = snprintf(msg, sizeof(msg), "pledge: pid %lu (%s): %s needs \"%s\"; %s\n",
			 (unsigned long)rq->badge, pi.name, call, need ? need : "a promise this system lacks",
			 error ? "fails with ENOSYS" : "killed with SIGABRT");
	uk_log(msg, (size_t)n);
	return error ? -ENOSYS : -EPERM;
}

/* The server's own protocol (proto/security.h), which reaches it through
 * the native call uk_seccall: the operation is in a[0]. */
static const ipc_handler_fn own_ops[SEC_OP_END - SEC_OP_BASE] = {
	[SEC_OP_CAP_CHECK - SEC_OP_BASE] = sec_h_cap_check,
	[SEC_OP_CAP_GRANT - SEC_OP_BASE] = sec_h_cap_grant,
	[SEC_OP_CAP_REVOKE - SEC_OP_BASE] = sec_h_cap_revoke,
	[SEC_OP_AUDIT_READ - SEC_OP_BASE] = sec_h_audit_read,
};

static int32_t h_server_call(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	uint64_t op = A[0];
	if (op < SEC_OP_BASE || op >= SEC_OP_END)
		return -EINVAL;
	return own_ops[op - SEC_OP_BASE](ctx, rq, out);
}

static const ipc_handler_fn handlers[FWD_SECURITY_NOPS] = {
	[FWD_SECURITY_setuid] = h_setid, [FWD_SECURITY_setgid] = h_setid,
	[FWD_SECURITY_setreuid] = h_setid, [FWD_SECURITY_setregid] = h_setid,
	[FWD_SECURITY_setresuid] = h_setid, [FWD_SECURITY_setresgid] = h_setid,
	[FWD_SECURITY_setgroups] = h_setgroups,
	[FWD_SECURITY_pledge] = h_pledge, [FWD_SECURITY_violation] = h_violation,
	[FWD_SECURITY_server_call] = h_server_call,
};

int main(void)
{
	void *state = uk_mem_map(SLOT_STATE, 0, PROT_READ | PROT_WRITE);
	sec_capops_init(SLOT_EP, state == (void *)-1 ? NULL : state);
	uk_notif_signal(SLOT_READY, 1);
	const struct ipc_dispatch d = { .count = FWD_SECURITY_NOPS, .handlers = handlers, .kernel_only = true };
	return -ipc_serve(SLOT_EP, &d);
}
