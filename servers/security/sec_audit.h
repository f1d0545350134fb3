/* SPDX-License-Identifier: MIT */
/* The audit log of the security server's capability decisions: a ring of
 * fixed records (no pointers: it lives in a memory object init keeps, so
 * a restarted server appends where its predecessor stopped), and its text
 * form. Entry points: sec_audit_init, sec_audit_add, sec_audit_text. */
#pragma once
#include <stddef.h>
#include <stdint.h>

#define SEC_AUDIT_RECORDS 256
#define SEC_AUDIT_MAGIC 0x54494455u  /* "UDIT" */

struct sec_audit_rec {
	uint64_t seq;
	uint64_t ms;          /* CLOCK_MONOTONIC milliseconds */
	int32_t pid, uid;
	uint32_t op;          /* enum sec_op */
	int32_t result;
	uint64_t a0, a1, a2;
};

struct sec_audit {
	uint32_t magic;
	uint32_t reserved;
	uint64_t next;        /* sequence number of the next record */
	struct sec_audit_rec rec[SEC_AUDIT_RECORDS];
};

/* Keeps a valid log (a restart), else starts an empty one. */
void sec_audit_init(struct sec_audit *a);
void sec_audit_add(struct sec_audit *a, const struct sec_audit_rec *r);
/* Writes the records, oldest first, one line each, into buf (at most len
 * bytes, whole lines only); returns the bytes written. */
size_t sec_audit_text(const struct sec_audit *a, char *buf, size_t len);
