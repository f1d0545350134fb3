/* SPDX-License-Identifier: MIT */
/* The security server's own protocol (beside the forwarded credential
 * calls and pledge): capability check, grant and revoke on behalf of a
 * process, decided by policy and written to an audit log. Reached through
 * the native call uk_seccall(op, a0, a1, a2, buf, len), which the kernel
 * forwards to the security server with the caller's pid as the badge.
 *
 * Policy: a process may act on its own capabilities; a grant goes only to a
 * process of the same real or effective uid, unless the caller's effective
 * uid is 0; the audit log is for effective uid 0. Every decision, allowed or
 * refused, is logged. */
#pragma once
#include <stdint.h>

#define SEC_OP_BASE 0x3000

enum sec_op {
	/* a0 pid (0: the caller), a1 slot, a2 type | rights << 8: 0 if that
	 * process holds a capability of that type with at least those rights,
	 * -ENOENT if not; another process's only for uid 0 or the same uid. */
	SEC_OP_CAP_CHECK = SEC_OP_BASE,
	/* a0 the caller's slot, a1 target pid, a2 rights: a copy with those
	 * rights (a subset; the source needs CAP_R_GRANT) in the target's
	 * table. Returns the target's slot. */
	SEC_OP_CAP_GRANT,
	/* a0 the caller's slot: every capability derived from it, in every
	 * process, is destroyed (the slot itself stays). */
	SEC_OP_CAP_REVOKE,
	/* buf, len: the audit log as text, oldest first, one decision a line:
	 * "<seq> <ms> pid <pid> uid <uid> <op> <args> -> <result>". */
	SEC_OP_AUDIT_READ,
	SEC_OP_END
};

/* uk_cap_admin ops (the security server's kernel interface). */
enum sec_cap_admin {
	SEC_ADMIN_INFO = 0,      /* (pid, slot, struct cap_info *out) */
	SEC_ADMIN_TRANSFER = 1,  /* (pid, slot, to_pid, rights): the new slot */
	SEC_ADMIN_REVOKE = 2,    /* (pid, slot) */
};
