/* SPDX-License-Identifier: MIT */
/* The kernel's random numbers (getrandom, AT_RANDOM): a ChaCha20 key
 * stream whose key is seeded at boot and replaced after every request
 * (fast key erasure), so earlier output cannot be recomputed from the
 * state. Seed: RDSEED, else RDRAND, when the CPU has them; always mixed
 * with TSC jitter and the boot time. See random.c for the quality. */
#pragma once
#include "lib/types.h"

/* Seeds the generator; the boot calls it once, before the first process. */
void random_init(void);
/* Fills out with n random bytes. */
void random_bytes(void *out, size_t n);
/* How it was seeded, for the boot log: "rdseed", "rdrand" or "tsc jitter". */
const char *random_source(void);
