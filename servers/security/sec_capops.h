/* SPDX-License-Identifier: MIT */
/* The security server's capability protocol (sec_capops.c). */
#pragma once
#include "ipc.h"
#include "abi/sec.h"

/* ep: the server's endpoint slot; state: the audit log's memory (NULL: a
 * log that dies with the server). */
void sec_capops_init(int ep, void *state);
/* The credentials of the process behind rq (its badge is the pid): 0, or
 * -ESRCH when it is gone. */
int sec_caller_creds(const struct ipc_request *rq, struct uk_sec *s);
int32_t sec_h_cap_check(void *ctx, const struct ipc_request *rq, struct ipc_slot *out);
int32_t sec_h_cap_grant(void *ctx, const struct ipc_request *rq, struct ipc_slot *out);
int32_t sec_h_cap_revoke(void *ctx, const struct ipc_request *rq, struct ipc_slot *out);
int32_t sec_h_audit_read(void *ctx, const struct ipc_request *rq, struct ipc_slot *out);
