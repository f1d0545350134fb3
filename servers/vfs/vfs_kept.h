/* SPDX-License-Identifier: MIT */
/* The root of what survives a VFS restart, kept in the arena
 * (vfs_arena.h): the state and the glue's own bookkeeping. */
#pragma once
#include <stddef.h>
#include <stdint.h>

struct vfs_state;

struct vfs_kept {
	struct vfs_state *vfs;
	uint8_t known[32768 / 8];   /* pids whose descriptors 0-2 were set up */
};

/* Maps the memory object in slot at the address every instance uses and
 * returns the state a predecessor left there, or a fresh one loaded from
 * the initrd (also when there is no object: then nothing outlives this
 * instance). NULL, after saying why on stderr, when there is nothing to
 * serve: no memory, no initrd, or a kept state of another layout version. */
struct vfs_kept *vfs_kept_open(int slot);
/* The text of /proc's generated files (vfs_proctext.c), a vfs_proc_text_t. */
size_t vfs_proc_text(void *ctx, int which, char *buf, size_t size);
