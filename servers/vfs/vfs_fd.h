/* SPDX-License-Identifier: MIT */
/* Processes, descriptor tables and open file descriptions (vfs_fd.c). An
 * open file description (offset, status flags, access mode) is shared by
 * dup and fork through its reference count; FD_CLOEXEC belongs to the
 * descriptor. A process also holds its cwd (a reference on the inode) and
 * umask. */
#pragma once
struct vfs_unveil;
#include <stdbool.h>
#include <stdint.h>
#include "vfs_state.h"

struct vfs_file {
	uint32_t refs;
	int flags;               /* access mode and status flags (O_APPEND, O_NONBLOCK) */
	uint64_t off;
	struct vfs_inode *ip;    /* holds a reference */
	uint32_t dir_ino, dir_gen; /* the directory it was opened in (/proc/<pid>/fd), or 0 */
};

struct vfs_fdent {
	struct vfs_file *f;
	bool cloexec;
};

struct vfs_proc {
	struct vfs_proc *next;   /* hash chain */
	int pid;
	uint32_t umask;
	struct vfs_inode *cwd;   /* holds a reference */
	struct vfs_unveil *unveil;  /* NULL until the first unveil call */
	/* /proc/<pid>/exe: the program's path, as far as the VFS sees it: the
	 * file of the last exec check an exec followed, or for a spawn the
	 * last executable file the parent opened for reading (as init reads a
	 * program before it spawns it). Strings on the heap, or NULL. */
	char *exe, *exe_checked, *exe_opened, *exe_spawned;
	struct vfs_fdent fd[VFS_FD_MAX];
};

/* Drops p's unveil state (at exec, as OpenBSD). */
void vfs_unveil_forget(struct vfs_proc *p);
/* Returns pid's process, making an empty one if new; NULL without memory. */
struct vfs_proc *vfs_proc_get(struct vfs_state *s, int pid);
/* Returns pid's process, or NULL if the VFS has not seen it. */
struct vfs_proc *vfs_proc_find(struct vfs_state *s, int pid);
/* Sets *slot to a copy of path (NULL: none), freeing what was there. */
void vfs_proc_set_path(char **slot, const char *path);
/* Closes every process (vfs_destroy). */
void vfs_proc_destroy_all(struct vfs_state *s);

/* Returns a description of ip with one reference, or NULL without memory.
 * For a pipe it counts as a reader and/or writer. */
struct vfs_file *vfs_file_new(struct vfs_state *s, struct vfs_inode *ip, int flags);
void vfs_file_put(struct vfs_state *s, struct vfs_file *f);
bool vfs_file_readable(const struct vfs_file *f);
bool vfs_file_writable(const struct vfs_file *f);

/* Returns the file behind fd, or NULL for a bad descriptor. */
struct vfs_file *vfs_fd_get(const struct vfs_proc *p, int fd);
/* Returns the lowest free descriptor >= min, or -EMFILE. */
int vfs_fd_lowest_free(const struct vfs_proc *p, int min);
/* Puts f (taking over its reference) in descriptor fd, closing what was there. */
void vfs_fd_install(struct vfs_state *s, struct vfs_proc *p, int fd, struct vfs_file *f,
		    bool cloexec);
/* Returns 0 or -EBADF. */
int vfs_fd_close(struct vfs_state *s, struct vfs_proc *p, int fd);
