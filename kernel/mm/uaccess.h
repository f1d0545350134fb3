/* SPDX-License-Identifier: MIT */
/* Copies between kernel and user memory. Every user pointer is checked to
 * lie below USER_TOP; a fault that demand paging cannot satisfy turns into
 * -EFAULT instead of a kernel crash. SMAP stays on except inside the copy. */
#pragma once
#include "abi/errno.h"
#include "lib/types.h"


/* Returns true if [uptr, uptr+len) lies in the user half without overflow. */
bool user_range_ok(uint64_t uptr, size_t len);
/* Return 0 or -EFAULT. */
int copy_from_user(void *dst, uint64_t usrc, size_t n);
int copy_to_user(uint64_t udst, const void *src, size_t n);
int clear_user(uint64_t udst, size_t n);
/* Copies a NUL-terminated string of at most max-1 bytes; returns its length,
 * -EFAULT, or -ENAMETOOLONG (36) when no NUL lies within max bytes. */
long strncpy_from_user(char *dst, uint64_t usrc, size_t max);

/* For callers that already made sure the user range is present. */
void uaccess_allow(void);
void uaccess_forbid(void);

struct trap_frame;
/* True if the fault hit one of the user-copy instructions. */
bool uaccess_in_copy(const struct trap_frame *tf);
/* From the page-fault handler: true if the fault hit the copy instruction and
 * the frame now resumes at the fixup. */
bool uaccess_fixup_fault(struct trap_frame *tf);
