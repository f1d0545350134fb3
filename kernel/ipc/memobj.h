/* SPDX-License-Identifier: MIT */
/* Memory objects: a set of frames, each holding one reference for the
 * object and one per mapping; freed when the last capability goes and the
 * last mapping is removed. */
#pragma once
#include "ipc/cap.h"

struct proc;

struct memobj {
	struct kobj obj;
	size_t npages;
	phys_t frames[];
};

struct memobj *memobj_create(uint64_t bytes);
/* Maps the whole object into p; returns the address or a negative errno. */
long memobj_map(struct proc *p, struct memobj *m, uint64_t hint, uint32_t prot);
