/* SPDX-License-Identifier: MIT */
/* The credential rules of POSIX and Linux as plain functions over a
 * process's struct uk_sec: real, effective and saved ids; only a
 * privileged process (effective uid 0) takes arbitrary ids; the
 * filesystem ids follow the effective ones. (uint32_t)-1 means "leave
 * unchanged" where the call allows it. Each returns 0, -EPERM or -EINVAL
 * and changes nothing when it fails. */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include "abi/sec.h"

#define SEC_ID_KEEP ((uint32_t)-1)

int sec_setuid(struct uk_sec *s, uint32_t uid);
int sec_setgid(struct uk_sec *s, uint32_t gid);
int sec_setreuid(struct uk_sec *s, uint32_t ruid, uint32_t euid);
int sec_setregid(struct uk_sec *s, uint32_t rgid, uint32_t egid);
int sec_setresuid(struct uk_sec *s, uint32_t ruid, uint32_t euid, uint32_t suid);
int sec_setresgid(struct uk_sec *s, uint32_t rgid, uint32_t egid, uint32_t sgid);
/* setgroups(n, list): privileged only; n above UK_NGROUPS_MAX is -EINVAL. */
int sec_setgroups(struct uk_sec *s, size_t n, const uint32_t *list);
