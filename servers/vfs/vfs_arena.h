/* SPDX-License-Identifier: MIT */
/* The VFS's heap in a memory object that outlives the server: every
 * inode, directory, descriptor table and file byte is allocated here, and
 * a successor maps the same object at the same address and finds it all
 * as it was, by the root pointer the arena keeps. This file's malloc,
 * calloc, realloc and free replace musl's in the VFS binary.
 *
 * vfs_arena_attach(base, size) adopts the memory: an arena laid out by an
 * earlier instance of the same layout version is kept (returns 1),
 * anything else is formatted empty (returns 0). Until then, and if no
 * memory object is given, the heap is an anonymous mapping that dies with
 * the process. The layout version changes whenever a structure the VFS
 * keeps in the arena changes shape; a successor of another version must
 * refuse the state (see vfs_ipc.c). */
#pragma once
#include <stddef.h>
#include <stdint.h>

#ifndef VFS_ARENA_VERSION  /* the build of /sbin/vfs-v2 sets another, for the tests */
#define VFS_ARENA_VERSION 1
#endif

int vfs_arena_attach(void *base, size_t size, uint32_t version);
/* The state's root (struct vfs_state *), kept in the arena header. */
void *vfs_arena_root(void);
void vfs_arena_set_root(void *root);
/* The layout version of an arena someone else formatted (0 if none). */
uint32_t vfs_arena_found_version(void *base);
/* Bytes handed out and bytes the arena holds. */
void vfs_arena_usage(size_t *used, size_t *size);
/* A word the glue keeps in the arena: nonzero while a call is changing
 * the state, so a successor knows its predecessor died in the middle. */
volatile uint32_t *vfs_arena_busy(void);
