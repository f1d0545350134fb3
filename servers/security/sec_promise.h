/* SPDX-License-Identifier: MIT */
/* pledge(2) promises as the security server understands them: parsing a
 * promise string, the allow-set (one bit per Linux x86-64 syscall number)
 * the promises give, and names for violation log lines. Pure functions over
 * one const table, so the host unit tests link this file alone.
 *
 * Entry points: sec_promise_parse, sec_promise_allow, sec_allow_has,
 * sec_promise_shrink, sec_promise_name, sec_promise_needed,
 * sec_syscall_name. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "abi/pledge.h"

#define SEC_NR_MAX 512  /* syscall numbers 0..511; same as UK_NR_BITS */

/* The calls a process may make while pledged: bit nr set = syscall nr allowed.
 * Argument checks (PROT_EXEC, kill targets, fork-like clone, open flags,
 * /tmp, tty ioctls, ...) happen elsewhere, on calls whose bit is set. */
struct sec_allow {
	uint64_t bits[SEC_NR_MAX / 64];
};

/* Parses space-separated promise words into *out (PLEDGE_* bits). "" gives
 * 0. Returns -EINVAL for an unknown or empty word (a leading space, as on
 * OpenBSD); *out is unchanged then. s must not be NULL. */
int sec_promise_parse(const char *s, uint64_t *out);

/* Fills *out with the allow-set of promises: every call some promise in the
 * set could allow in some form, plus the always-allowed calls (exit,
 * exit_group, rt_sigreturn, pledge). */
void sec_promise_allow(uint64_t promises, struct sec_allow *out);

/* True if syscall nr is in a; false for nr >= SEC_NR_MAX. */
bool sec_allow_has(const struct sec_allow *a, unsigned nr);

/* Returns 0 if requested is a subset of current, else -EPERM: promises
 * can only shrink. */
int sec_promise_shrink(uint64_t current, uint64_t requested);

/* The name of promise bit (enum pledge_promise), or NULL if out of range. */
const char *sec_promise_name(unsigned bit);

/* The most basic promise (lowest bit) that allows syscall nr, for violation
 * log lines; NULL if no promise allows it or it is always allowed. */
const char *sec_promise_needed(unsigned nr);

/* The Linux name of syscall nr ("openat"), or NULL if the table lacks it. */
const char *sec_syscall_name(unsigned nr);
