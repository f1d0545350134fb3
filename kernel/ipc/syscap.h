/* SPDX-License-Identifier: MIT */
/* The system capability: the powers of the root task that are not about
 * one object (naming the servers of forwarded calls, replacing the program
 * of a process waiting in execve, writing to the kernel log). The kernel
 * grants nothing because of who a process is: init holds this capability
 * from boot (slot CAP_SLOT_SYSTEM) and may pass it on like any other. */
#pragma once
#include "lib/types.h"

struct kobj;
struct proc;

/* The one system object (a static kernel object of type CAP_SYSTEM). */
struct kobj *syscap_root(void);
/* Whether p holds a system capability with all of rights (CAP_R_*). */
bool syscap_held(const struct proc *p, uint32_t rights);
