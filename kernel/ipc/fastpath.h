/* SPDX-License-Identifier: MIT */
/* The fused call's fast path (fastpath.c): ipc_call and ipc_reply served
 * without the general path when nothing unusual is asked. */
#pragma once
#include "lib/types.h"

struct thread;
struct trap_frame;

/* Serves the ipc_call or ipc_reply in tf (the caller checked the number)
 * and sets tf->rax; false when the general path must run instead (nothing
 * was done), which is always so for a process under seccomp or pledge or
 * with a kill waiting. */
bool ipc_fastpath(struct thread *t, struct trap_frame *tf);
