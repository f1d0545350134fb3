/* SPDX-License-Identifier: MIT */
/* Robust futex lists (robust.c). */
#pragma once
#include "lib/types.h"

struct thread;

/* set_robust_list for t: -EINVAL unless len is the head's size. */
long robust_set(struct thread *t, uint64_t head, uint64_t len);
/* get_robust_list(tid, head_ptr, len_ptr) for a thread of the caller's
 * process (0: the caller). */
long robust_get(int tid, uint64_t uhead, uint64_t ulen);
/* t is ending: the locks its list names are marked FUTEX_OWNER_DIED. */
void robust_exit(struct thread *t);
