// SPDX-License-Identifier: MIT
/* Capability check, grant and revoke on behalf of processes, and the audit
 * log (proto/security.h): the policy is decided here from the callers'
 * credentials, the act is the kernel's (uk_cap_admin), and every decision
 * is recorded. Entry points: sec_capops_init and the sec_h_* handlers. */
#include <errno.h>
#include <string.h>
#include <time.h>
#include "sec_audit.h"
#include "sec_capops.h"
#include "uk.h"
#include "proto/fwd.h"
#include "proto/security.h"

static struct sec_audit *audit;
static int ep_slot;

void sec_capops_init(int ep, void *state)
{
	static struct sec_audit fallback;
	ep_slot = ep;
	audit = state ? state : &fallback;
	sec_audit_init(audit);
}

#define A (((const struct fwd_args *)rq->slot->data)->a)

int sec_caller_creds(const struct ipc_request *rq, struct uk_sec *s)
{
	return uk_sec_get((long)rq->badge, s) < 0 ? -errno : 0;
}

static int32_t record(const struct ipc_request *rq, const struct uk_sec *s, int32_t result)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	struct sec_audit_rec r = {
		.ms = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000,
		.pid = (int32_t)rq->badge, .uid = s ? (int32_t)s->uid : -1, .op = (uint32_t)A[0],
		.result = result, .a0 = A[1], .a1 = A[2], .a2 = A[3],
	};
	sec_audit_add(audit, &r);
	return result;
}

/* May the caller (credentials me) act on process pid? Itself always;
 * another of the same real or effective uid, or anyone for euid 0. */
static int may_touch(const struct uk_sec *me, long pid)
{
	struct uk_sec other;
	if (uk_sec_get(pid, &other) < 0)
		return -ESRCH;
	if (me->euid == 0 || me->uid == other.uid || me->euid == other.uid ||
	    me->uid == other.euid || me->euid == other.euid)
		return 0;
	return -EPERM;
}

int32_t sec_h_cap_check(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	struct uk_sec me;
	struct cap_info ci;
	long pid = A[1] ? (long)A[1] : (long)rq->badge;
	if (sec_caller_creds(rq, &me) < 0)
		return -ESRCH;
	int r = may_touch(&me, pid);
	if (!r && uk_cap_admin(ep_slot, SEC_ADMIN_INFO, pid, (int)A[2], (uint64_t)&ci, 0) < 0)
		r = -ENOENT;
	uint32_t type = A[3] & 0xff, rights = (uint32_t)(A[3] >> 8);
	if (!r && (ci.type != type || (ci.rights & rights) != rights))
		r = -ENOENT;
	return record(rq, &me, r);
}

int32_t sec_h_cap_grant(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	struct uk_sec me;
	if (sec_caller_creds(rq, &me) < 0)
		return -ESRCH;
	int r = may_touch(&me, (long)A[2]);
	if (!r) {
		long slot = uk_cap_admin(ep_slot, SEC_ADMIN_TRANSFER, (long)rq->badge, (int)A[1],
					 A[2], (unsigned)A[3]);
		r = slot < 0 ? -errno : (int)slot;
	}
	return record(rq, &me, r);
}

int32_t sec_h_cap_revoke(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	struct uk_sec me;
	if (sec_caller_creds(rq, &me) < 0)
		return -ESRCH;
	long r = uk_cap_admin(ep_slot, SEC_ADMIN_REVOKE, (long)rq->badge, (int)A[1], 0, 0);
	return record(rq, &me, r < 0 ? -errno : 0);
}

int32_t sec_h_audit_read(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	struct uk_sec me;
	if (sec_caller_creds(rq, &me) < 0)
		return -ESRCH;
	if (me.euid != 0)
		return record(rq, &me, -EPERM);
	record(rq, &me, 0);
	if (!A[4])
		return -EFAULT;
	return (int32_t)sec_audit_text(audit, (char *)A[4], A[5]);
}
