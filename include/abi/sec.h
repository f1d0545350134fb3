/* SPDX-License-Identifier: MIT */
/* A process's security state as the kernel keeps it: credentials, the
 * pledge allow-sets and promises, and the seccomp mode. The kernel keeps it
 * because it must enforce it on every system call without a round trip and
 * hand it on atomically at fork, spawn and exec; the policy (who may take
 * which ids, what a promise string means) is the security server's.
 *
 * uk_sec_get(pid, out) lets anyone read it (as /proc/PID/status does on
 * Linux); uk_sec_set(ep_slot, pid, in, what) is for the process serving the
 * security endpoint only (ep_slot names that endpoint with the read right).
 * The kernel itself refuses to widen a pledge: a new allow-set must be a
 * subset of the old. */
#pragma once
#include <stdint.h>

#define UK_NGROUPS_MAX 32
#define UK_NR_BITS 512

/* flags */
#define UK_SEC_PLEDGED 0x1          /* allow/promises apply */
#define UK_SEC_EXEC_PLEDGED 0x2     /* exec_allow/exec_promises apply after execve */
#define UK_SEC_NO_NEW_PRIVS 0x4     /* prctl(PR_SET_NO_NEW_PRIVS) */
#define UK_SEC_SECCOMP_STRICT 0x8   /* SECCOMP_SET_MODE_STRICT */
#define UK_SEC_SECCOMP_FILTER 0x10  /* at least one filter installed */

/* uk_sec_set what */
#define UK_SEC_SET_CRED 0x1
#define UK_SEC_SET_PLEDGE 0x2

struct uk_sec {
	uint32_t uid, euid, suid, fsuid;
	uint32_t gid, egid, sgid, fsgid;
	uint32_t ngroups;
	uint32_t flags;                       /* UK_SEC_* */
	uint32_t groups[UK_NGROUPS_MAX];
	uint64_t promises, exec_promises;     /* abi/pledge.h bits */
	uint64_t allow[UK_NR_BITS / 64];      /* syscall numbers allowed while pledged */
	uint64_t exec_allow[UK_NR_BITS / 64];
};
_Static_assert(sizeof(struct uk_sec) == 312, "uk_sec layout");

/* A signal with its information, as the time server sends a timer's expiry
 * (uk_sigqueue: only a process serving a registered endpoint may send one). */
struct uk_siginfo {
	int32_t signo;
	int32_t code;          /* SI_TIMER, SI_QUEUE, ... */
	uint64_t word0;        /* siginfo bytes 16..23: timer id and overrun, or pid and uid */
	uint64_t word1;        /* siginfo bytes 24..31: the sigval */
};
_Static_assert(sizeof(struct uk_siginfo) == 24, "uk_siginfo layout");
