/* SPDX-License-Identifier: MIT */
/* The security server's capability protocol (sec_capops.c). */
#pragma once
#include "ipc.h"

/* ep: the server's endpoint slot; state: the audit log's memory (NULL: a
 * log that dies with the server). */
void sec_capops_init(int ep, void *state);
int32_t sec_h_cap_check(void *ctx, const struct ipc_request *rq, struct ipc_slot *out);
int32_t sec_h_cap_grant(void *ctx, const struct ipc_request *rq, struct ipc_slot *out);
int32_t sec_h_cap_revoke(void *ctx, const struct ipc_request *rq, struct ipc_slot *out);
int32_t sec_h_audit_read(void *ctx, const struct ipc_request *rq, struct ipc_slot *out);
