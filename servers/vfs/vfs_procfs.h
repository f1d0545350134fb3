/* SPDX-License-Identifier: MIT */
/* /proc (vfs_procfs.c): inodes of the store whose contents are made when
 * they are read. The inode's gen says which:
 *   /proc                  the directory; a lookup of a pid the VFS knows
 *                          makes /proc/<pid> (and a listing, all of them)
 *   /proc/self             a symlink to the caller's pid
 *   /proc/meminfo, cpuinfo, uptime
 *                          text the glue writes (vfs_config.proc_text) at
 *                          each open
 *   /proc/mounts           this file system at / (for df, mount)
 *   /proc/<pid>/exe, cwd   symlinks to the program's path (see vfs_fd.h's
 *                          exe) and the working directory
 *   /proc/<pid>/fd/        one symlink per open descriptor, to the path
 *                          of what it names ("pipe:[ino]" for a pipe),
 *                          refreshed whenever the directory is looked in
 * exe, cwd and fd are the process's own or uid 0's to read (EACCES). A
 * process's directory goes when it exits. */
#pragma once
#include "vfs_state.h"

enum vfs_gen {
	VFS_GEN_NONE, VFS_GEN_ROOT, VFS_GEN_SELF, VFS_GEN_TEXT, VFS_GEN_PID,
	VFS_GEN_EXE, VFS_GEN_CWD, VFS_GEN_FD_DIR, VFS_GEN_FD,
};

/* Makes /proc and its fixed entries. Returns 0 or -ENOMEM. */
int vfs_procfs_populate(struct vfs_state *s);
/* Before a lookup in dir or a listing of it (list): makes what it should
 * hold now. Returns 0, -EACCES (another process's descriptors) or -ENOMEM. */
int vfs_procfs_refresh(struct vfs_ctx *x, struct vfs_inode *dir, const char *name, size_t len,
		       bool list);
/* The target of symlink ip into buf (size bytes; no NUL added): the
 * stored one, or the generated one. Returns its length or -errno. */
ssize_t vfs_link_target(struct vfs_ctx *x, const struct vfs_inode *ip, char *buf, size_t size);
/* An open of a generated text file: fills it. Writing one is -EACCES. */
int vfs_procfs_open(struct vfs_ctx *x, struct vfs_inode *ip, int flags);
/* A process is gone: its directory goes. */
void vfs_procfs_forget(struct vfs_state *s, int pid);
