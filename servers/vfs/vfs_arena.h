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
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* 1: the first layout. 3: a coalescing heap (vfs_heap.c), file data in
 * chunks, locks, named pipes, /proc. (2 was only ever the test build's.)
 * The build of /sbin/vfs-v2 sets a version no real binary has (module.mk),
 * for the tests of a refused swap. */
#ifndef VFS_ARENA_VERSION
#define VFS_ARENA_VERSION 3
#endif

int vfs_arena_attach(void *base, size_t size, uint32_t version);
/* The state's root (struct vfs_state *), kept in the arena header. */
void *vfs_arena_root(void);
void vfs_arena_set_root(void *root);
/* The layout version of an arena someone else formatted (0 if none). */
uint32_t vfs_arena_found_version(void *base);
/* Bytes handed out and bytes the arena holds. */
void vfs_arena_usage(size_t *used, size_t *size);
/* Bytes not handed out (free blocks and the untouched rest). */
uint64_t vfs_arena_free_bytes(void);
/* Whether the heap's blocks and lists are consistent. */
bool vfs_arena_check(void);
/* A word the glue keeps in the arena: nonzero while a call is changing
 * the state, so a successor knows its predecessor died in the middle. */
volatile uint32_t *vfs_arena_busy(void);
