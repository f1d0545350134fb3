// SPDX-License-Identifier: MIT
/* The audit ring (see sec_audit.h). */
#include <stdio.h>
#include <string.h>
#include "sec_audit.h"
#include "proto/security.h"

void sec_audit_init(struct sec_audit *a)
{
	if (a->magic == SEC_AUDIT_MAGIC)
		return;
	memset(a, 0, sizeof(*a));
	a->magic = SEC_AUDIT_MAGIC;
}

void sec_audit_add(struct sec_audit *a, const struct sec_audit_rec *r)
{
	struct sec_audit_rec *slot = &a->rec[a->next % SEC_AUDIT_RECORDS];
	*slot = *r;
	slot->seq = a->next++;
}

static const char *op_name(uint32_t op)
{
	switch (op) {
	case SEC_OP_CAP_CHECK: return "check";
	case SEC_OP_CAP_GRANT: return "grant";
	case SEC_OP_CAP_REVOKE: return "revoke";
	case SEC_OP_AUDIT_READ: return "audit";
	default: return "?";
	}
}

size_t sec_audit_text(const struct sec_audit *a, char *buf, size_t len)
{
	uint64_t first = a->next > SEC_AUDIT_RECORDS ? a->next - SEC_AUDIT_RECORDS : 0;
	size_t used = 0;
	for (uint64_t s = first; s < a->next; s++) {
		const struct sec_audit_rec *r = &a->rec[s % SEC_AUDIT_RECORDS];
		char line[160];
		int n = snprintf(line, sizeof(line),
				 "%llu %llu pid %d uid %d %s %llu %llu %llu -> %d\n",
				 (unsigned long long)r->seq, (unsigned long long)r->ms, r->pid, r->uid,
				 op_name(r->op), (unsigned long long)r->a0, (unsigned long long)r->a1,
				 (unsigned long long)r->a2, r->result);
		if (n < 0 || used + (size_t)n > len)
			break;
		memcpy(buf + used, line, (size_t)n);
		used += (size_t)n;
	}
	return used;
}
