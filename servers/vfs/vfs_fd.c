// SPDX-License-Identifier: MIT
/* Processes, descriptor tables and open file descriptions (see vfs_fd.h),
 * with fork, exec and exit. Entry points: vfs_proc_get, vfs_proc_fork,
 * vfs_proc_exec, vfs_proc_exit, vfs_proc_destroy_all, vfs_file_new/put,
 * vfs_fd_get, vfs_fd_lowest_free, vfs_fd_install, vfs_fd_close. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "vfs_fd.h"
#include "vfs_lock.h"
#include "vfs_procfs.h"
#include "vfs_unveil.h"
#include "vfs_pipe.h"
#include "vfs_wait.h"

#define VFS_DEFAULT_UMASK 022

static struct vfs_proc **bucket(struct vfs_state *s, int pid)
{
	return &s->procs[(unsigned)pid % VFS_PROC_BUCKETS];
}

struct vfs_proc *vfs_proc_find(struct vfs_state *s, int pid)
{
	for (struct vfs_proc *p = *bucket(s, pid); p; p = p->next)
		if (p->pid == pid)
			return p;
	return NULL;
}

/* Returns a new process with no descriptors, inserted in the table. */
static struct vfs_proc *proc_new(struct vfs_state *s, int pid, struct vfs_inode *cwd,
				 uint32_t umask)
{
	struct vfs_proc *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->pid = pid;
	p->umask = umask;
	p->cwd = cwd;
	vfs_inode_ref(s, cwd);
	p->next = *bucket(s, pid);
	*bucket(s, pid) = p;
	return p;
}

void vfs_proc_set_path(char **slot, const char *path)
{
	char *copy = NULL;
	if (path) {
		size_t n = strlen(path) + 1;
		if ((copy = malloc(n)))
			memcpy(copy, path, n);
	}
	free(*slot);
	*slot = copy;
}

struct vfs_proc *vfs_proc_get(struct vfs_state *s, int pid)
{
	struct vfs_proc *p = vfs_proc_find(s, pid);
	return p ? p : proc_new(s, pid, vfs_root(s), VFS_DEFAULT_UMASK);
}

/* Closes every descriptor of p, then unlinks and frees it. */
static void proc_free(struct vfs_state *s, struct vfs_proc *p)
{
	for (int fd = 0; fd < VFS_FD_MAX; fd++)
		vfs_fd_close(s, p, fd);
	struct vfs_proc **pp = bucket(s, p->pid);
	while (*pp != p)
		pp = &(*pp)->next;
	*pp = p->next;
	vfs_inode_unref(s, p->cwd);
	vfs_procfs_forget(s, p->pid);
	free(p->unveil);
	free(p->exe);
	free(p->exe_checked);
	free(p->exe_opened);
	free(p->exe_spawned);
	free(p);
}

int vfs_proc_fork(struct vfs_state *s, int parent_pid, int child_pid)
{
	if (parent_pid == child_pid)
		return -EINVAL;
	struct vfs_proc *parent = vfs_proc_get(s, parent_pid);
	if (!parent)
		return -ENOMEM;
	struct vfs_proc *old = vfs_proc_find(s, child_pid);
	if (old)
		proc_free(s, old);
	struct vfs_proc *child = proc_new(s, child_pid, parent->cwd, parent->umask);
	if (!child)
		return -ENOMEM;
	if (parent->unveil && !(child->unveil = malloc(sizeof(*child->unveil)))) {
		proc_free(s, child);
		return -ENOMEM;
	}
	if (parent->unveil)
		vfs_unveil_copy(child->unveil, parent->unveil);
	vfs_proc_set_path(&child->exe, parent->exe);
	vfs_proc_set_path(&child->exe_spawned, parent->exe_opened);
	for (int fd = 0; fd < VFS_FD_MAX; fd++) {
		child->fd[fd] = parent->fd[fd];
		if (child->fd[fd].f)
			child->fd[fd].f->refs++;
	}
	return 0;
}

int vfs_proc_exec(struct vfs_state *s, int pid)
{
	struct vfs_proc *p = vfs_proc_get(s, pid);
	if (!p)
		return -ENOMEM;
	vfs_unveil_forget(p);
	/* A new program: the path its exec was checked with, else (a spawn) the
	 * guess its parent left; nothing known is better than the old one. */
	vfs_proc_set_path(&p->exe, p->exe_checked ? p->exe_checked : p->exe_spawned);
	vfs_proc_set_path(&p->exe_checked, NULL);
	vfs_proc_set_path(&p->exe_spawned, NULL);
	for (int fd = 0; fd < VFS_FD_MAX; fd++)
		if (p->fd[fd].f && p->fd[fd].cloexec)
			vfs_fd_close(s, p, fd);
	return 0;
}

void vfs_proc_exit(struct vfs_state *s, int pid)
{
	struct vfs_proc *p = vfs_proc_find(s, pid);
	vfs_wait_drop_pid(s, pid);
	if (p)
		proc_free(s, p);
}

void vfs_proc_destroy_all(struct vfs_state *s)
{
	for (int b = 0; b < VFS_PROC_BUCKETS; b++)
		while (s->procs[b])
			proc_free(s, s->procs[b]);
}

bool vfs_file_readable(const struct vfs_file *f)
{
	return (f->flags & O_ACCMODE) != O_WRONLY;
}

bool vfs_file_writable(const struct vfs_file *f)
{
	return (f->flags & O_ACCMODE) != O_RDONLY;
}

struct vfs_file *vfs_file_new(struct vfs_state *s, struct vfs_inode *ip, int flags)
{
	struct vfs_file *f = calloc(1, sizeof(*f));
	if (!f)
		return NULL;
	f->refs = 1;
	f->flags = flags;
	f->ip = ip;
	vfs_inode_ref(s, ip);
	if (S_ISFIFO(ip->mode)) {
		ip->u.pipe->readers += vfs_file_readable(f);
		ip->u.pipe->writers += vfs_file_writable(f);
		vfs_wake(s);  /* an opener waiting for this end */
	}
	return f;
}

void vfs_file_put(struct vfs_state *s, struct vfs_file *f)
{
	if (--f->refs > 0)
		return;
	struct vfs_inode *ip = f->ip;
	if (S_ISFIFO(ip->mode)) {
		vfs_pipe_close_end(ip->u.pipe, vfs_file_readable(f), vfs_file_writable(f));
		vfs_wake(s);  /* EOF or EPIPE for the other end */
	}
	if (ip->locks && (vfs_lock_drop_owner(&ip->locks, VFS_LK_OFD, (uintptr_t)f) |
			  vfs_lock_drop_owner(&ip->locks, VFS_LK_FLOCK, (uintptr_t)f)))
		vfs_wake(s);
	vfs_inode_unref(s, ip);
	free(f);
}

/* A process closing any descriptor of a file loses its POSIX locks on it. */
static void drop_posix_locks(struct vfs_state *s, const struct vfs_proc *p,
			     const struct vfs_file *f)
{
	if (f->ip->locks && vfs_lock_drop_owner(&f->ip->locks, VFS_LK_POSIX, (uint64_t)p->pid))
		vfs_wake(s);
}

struct vfs_file *vfs_fd_get(const struct vfs_proc *p, int fd)
{
	if (fd < 0 || fd >= VFS_FD_MAX)
		return NULL;
	return p->fd[fd].f;
}

int vfs_fd_lowest_free(const struct vfs_proc *p, int min)
{
	for (int fd = min < 0 ? 0 : min; fd < VFS_FD_MAX; fd++)
		if (!p->fd[fd].f)
			return fd;
	return -EMFILE;
}

void vfs_fd_install(struct vfs_state *s, struct vfs_proc *p, int fd, struct vfs_file *f,
		    bool cloexec)
{
	struct vfs_file *old = p->fd[fd].f;
	p->fd[fd].f = f;
	p->fd[fd].cloexec = cloexec;
	if (old) {
		drop_posix_locks(s, p, old);
		vfs_file_put(s, old);
	}
}

int vfs_fd_close(struct vfs_state *s, struct vfs_proc *p, int fd)
{
	struct vfs_file *f = vfs_fd_get(p, fd);
	if (!f)
		return -EBADF;
	p->fd[fd].f = NULL;
	p->fd[fd].cloexec = false;
	drop_posix_locks(s, p, f);
	vfs_file_put(s, f);
	return 0;
}
