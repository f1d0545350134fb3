/* SPDX-License-Identifier: MIT */
/* libuk: the user-space side of this kernel's native calls for static musl
 * programs. Wrappers for the native syscalls (uk_spawn, uk_wait,
 * uk_meminfo, uk_procinfo), the initrd as mapped into this process
 * (uk_initrd, uk_initrd_find), a cpio "newc" reader usable on any buffer
 * (uk_cpio_find) and spawning a program straight from the initrd
 * (uk_spawn_path).
 * Errors follow libc: every function returns -1 and sets errno on failure. */
#pragma once
#include <stddef.h>
#include <abi/auxv.h>
#include <abi/syscall.h>

/* Starts the static ELF64 image[0..len) as a new process with argv/envp.
 * Returns the child's handle (> 0), or -1 with errno set. */
long uk_spawn(const void *image, size_t len, char *const argv[], char *const envp[],
	      unsigned flags);

/* Waits for child handle (-1: any child); stores its wait(2)-encoded status
 * in *status if status is not NULL. Returns the reaped handle, 0 if
 * UK_WAIT_NOHANG was given and no child has exited, or -1 with errno set. */
long uk_wait(long handle, int *status, unsigned flags);

/* Fills *out with frame counts and the caller's RSS. Returns 0 or -1. */
int uk_meminfo(struct uk_meminfo *out);

/* Fills *out with the state of process handle. Returns 0 or -1. */
int uk_procinfo(long handle, struct uk_procinfo *out);

/* Stores where the read-only initrd is mapped in this process. Returns 0,
 * or -1 with errno ENOENT when this process was not given the initrd. */
int uk_initrd(const void **base, size_t *len);

/* Finds regular file path (with or without a leading '/') in the newc
 * archive archive[0..archive_len) and stores its contents' address and
 * length. Returns 0; -1 with ENOENT when absent (symlinks are not
 * followed), EINVAL for a malformed archive (bad magic or hex, a field out
 * of bounds, a name without its NUL, no TRAILER!!!) or a NULL argument,
 * EIO when a 070702 member's checksum does not match. */
int uk_cpio_find(const void *archive, size_t archive_len, const char *path,
		 const void **data, size_t *len);

/* uk_cpio_find on this process's initrd (errors as uk_initrd and
 * uk_cpio_find). */
int uk_initrd_find(const char *path, const void **data, size_t *len);

/* Spawns the initrd file path (flags | UK_SPAWN_SHARE_INITRD, so the child
 * can spawn from the initrd too). Returns the child's handle or -1 with
 * errno set (see uk_initrd_find and uk_spawn). */
long uk_spawn_path(const char *path, char *const argv[], char *const envp[],
		   unsigned flags);
