/* SPDX-License-Identifier: MIT */
/* A client thread and a server thread pass checksummed messages through one
 * fusion ring, sleeping on the futex protocol when their side runs dry.
 * Shared by the Check suite (ASan/UBSan) and the ThreadSanitizer binary. */
#pragma once
#include <stddef.h>
#include <stdint.h>

struct ring_stress_report {
	uint64_t sent, served, reaped;
	unsigned long client_sleeps, server_sleeps;
	char error[160];     /* the first violation seen; empty when none */
};

/* Sends n messages with `spin` polls before each futex sleep. Returns 0 if
 * every message arrived once, in order, intact, and its completion echoed
 * its checksum; otherwise -1 with rep->error filled. */
int ring_stress_run(uint64_t n, unsigned spin, struct ring_stress_report *rep);
