// SPDX-License-Identifier: MIT
/* /proc, made when it is read (see vfs_procfs.h). Entry points:
 * vfs_procfs_populate, vfs_procfs_refresh, vfs_link_target,
 * vfs_procfs_open, vfs_procfs_forget. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "vfs_fd.h"
#include "vfs_path.h"
#include "vfs_procfs.h"

#define TEXT_MAX 16384

static const struct {
	const char *name;
	int which;
} texts[] = {
	{ "meminfo", VFS_PROC_MEMINFO },
	{ "cpuinfo", VFS_PROC_CPUINFO },
	{ "uptime", VFS_PROC_UPTIME },
	{ "mounts", VFS_PROC_MOUNTS },
};

/* One file system, this one, mounted at / (what df and mount look for). */
static const char mounts[] = "vfs / tmpfs rw,relatime 0 0\n";

/* Returns name in dir, made with mode and gen if absent; NULL without memory. */
static struct vfs_inode *entry(struct vfs_state *s, struct vfs_inode *dir, const char *name,
			       uint32_t mode, uint8_t gen, int32_t pid, int32_t arg)
{
	struct vfs_inode *ip;
	size_t len = strlen(name);
	if (vfs_dir_lookup(s, dir, name, len, &ip) < 0)
		return NULL;
	if (!ip && vfs_dir_create(s, dir, name, len, mode, 0, 0, &ip) < 0)
		return NULL;
	ip->synth = gen;
	ip->synth_pid = pid;
	ip->synth_arg = arg;
	return ip;
}

static struct vfs_inode *proc_dir(struct vfs_state *s)
{
	struct vfs_inode *ip;
	if (vfs_dir_lookup(s, vfs_root(s), "proc", 4, &ip) < 0 || !ip || ip->synth != VFS_GEN_ROOT)
		return NULL;
	return ip;
}

int vfs_procfs_populate(struct vfs_state *s)
{
	struct vfs_inode *proc = entry(s, vfs_root(s), "proc", S_IFDIR | 0555, VFS_GEN_ROOT, 0, 0);
	if (!proc || !S_ISDIR(proc->mode))
		return proc ? 0 : -ENOMEM;  /* the initrd made something else of /proc */
	if (!entry(s, proc, "self", S_IFLNK | 0777, VFS_GEN_SELF, 0, 0))
		return -ENOMEM;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (!entry(s, proc, texts[i].name, S_IFREG | 0444, VFS_GEN_TEXT, 0, texts[i].which))
			return -ENOMEM;
	return 0;
}

/* Makes /proc/<pid> for a process the VFS knows. */
static int make_pid_dir(struct vfs_state *s, struct vfs_inode *proc, int pid)
{
	char name[16];
	snprintf(name, sizeof(name), "%d", pid);
	struct vfs_inode *d = entry(s, proc, name, S_IFDIR | 0555, VFS_GEN_PID, pid, 0);
	if (!d || !entry(s, d, "exe", S_IFLNK | 0777, VFS_GEN_EXE, pid, 0) ||
	    !entry(s, d, "cwd", S_IFLNK | 0777, VFS_GEN_CWD, pid, 0) ||
	    !entry(s, d, "fd", S_IFDIR | 0555, VFS_GEN_FD_DIR, pid, 0))
		return -ENOMEM;
	return 0;
}

/* The number a name spells in plain decimal ("0", "17", not "017"), or -1. */
static int number(const char *name, size_t len)
{
	int n = 0;
	if (len == 0 || len > 9 || (name[0] == '0' && len > 1))
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		n = n * 10 + (name[i] - '0');
	}
	return n;
}

static int refresh_root(struct vfs_ctx *x, struct vfs_inode *proc, const char *name, size_t len,
			bool list)
{
	if (!list) {
		int pid = number(name, len);
		return pid > 0 && vfs_proc_find(x->s, pid) ? make_pid_dir(x->s, proc, pid) : 0;
	}
	for (int b = 0; b < VFS_PROC_BUCKETS; b++)
		for (struct vfs_proc *p = x->s->procs[b]; p; p = p->next)
			if (p->pid > 0 && make_pid_dir(x->s, proc, p->pid) < 0)
				return -ENOMEM;
	return 0;
}

/* Removes the entry at idx of dir and what it names, below it too. */
static void drop_entry(struct vfs_state *s, struct vfs_inode *dir, uint32_t idx)
{
	struct vfs_inode *ip = vfs_iget(s, dir->u.dir.ents[idx].ino);
	vfs_dir_remove(s, dir, idx);
	if (!ip)
		return;
	if (S_ISDIR(ip->mode)) {
		while (ip->u.dir.n)
			drop_entry(s, ip, ip->u.dir.n - 1);
		ip->nlink = 0;
		dir->nlink--;
	} else {
		ip->nlink--;
	}
	vfs_inode_release(s, ip);
}

/* Makes fd/ hold one link per open descriptor of its process. */
static int refresh_fds(struct vfs_ctx *x, struct vfs_inode *dir)
{
	if (x->c->pid != dir->synth_pid && x->c->cred.uid != 0)
		return -EACCES;
	const struct vfs_proc *p = vfs_proc_find(x->s, dir->synth_pid);
	for (uint32_t i = dir->u.dir.n; i-- > 0;) {
		int fd = number(dir->u.dir.ents[i].name, dir->u.dir.ents[i].len);
		if (!p || fd < 0 || fd >= VFS_FD_MAX || !p->fd[fd].f)
			drop_entry(x->s, dir, i);
	}
	for (int fd = 0; p && fd < VFS_FD_MAX; fd++) {
		char name[16];
		snprintf(name, sizeof(name), "%d", fd);
		if (p->fd[fd].f && !entry(x->s, dir, name, S_IFLNK | 0777, VFS_GEN_FD, dir->synth_pid, fd))
			return -ENOMEM;
	}
	return 0;
}

int vfs_procfs_refresh(struct vfs_ctx *x, struct vfs_inode *dir, const char *name, size_t len,
		       bool list)
{
	if (dir->synth == VFS_GEN_ROOT)
		return refresh_root(x, dir, name, len, list);
	if (dir->synth == VFS_GEN_FD_DIR)
		return refresh_fds(x, dir);
	return 0;
}

/* Copies the string at tmp + pos (as vfs_dir_path leaves it) to buf. */
static ssize_t put(const char *text, size_t n, char *buf, size_t size)
{
	if (n > size)
		n = size;
	memcpy(buf, text, n);
	return (ssize_t)n;
}

/* The path of what f names, as Linux shows it in /proc/<pid>/fd. */
static ssize_t file_path(struct vfs_state *s, const struct vfs_file *f, char *buf, size_t size)
{
	static char tmp[VFS_PATH_MAX + 32];
	const struct vfs_inode *ip = f->ip;
	if (ip->anon)
		return put(tmp, (size_t)snprintf(tmp, sizeof(tmp), "pipe:[%u]", ip->ino), buf, size);
	if (S_ISDIR(ip->mode)) {
		ssize_t pos = vfs_dir_path(s, (struct vfs_inode *)ip, tmp);
		return pos < 0 ? pos : put(tmp + pos, strlen(tmp + pos), buf, size);
	}
	struct vfs_inode *dir = vfs_iget(s, f->dir_ino);
	if (!dir || dir->gen != f->dir_gen || !S_ISDIR(dir->mode))
		return put("(deleted)", 9, buf, size);
	ssize_t pos = vfs_dir_path(s, dir, tmp);
	if (pos < 0)
		return pos;
	size_t n = strlen(tmp + pos);
	memmove(tmp, tmp + pos, n + 1);
	const struct vfs_dirent *e = NULL;
	for (uint32_t i = 0; i < dir->u.dir.n && !e; i++)
		if (dir->u.dir.ents[i].ino == ip->ino)
			e = &dir->u.dir.ents[i];
	if (!e)
		n += (size_t)snprintf(tmp + n, sizeof(tmp) - n, "%s(deleted)", n > 1 ? "/" : "");
	else
		n += (size_t)snprintf(tmp + n, sizeof(tmp) - n, "%s%.*s", n > 1 ? "/" : "",
				      (int)e->len, e->name);
	return put(tmp, n < sizeof(tmp) ? n : sizeof(tmp) - 1, buf, size);
}

ssize_t vfs_link_target(struct vfs_ctx *x, const struct vfs_inode *ip, char *buf, size_t size)
{
	char num[16];
	if (ip->synth == VFS_GEN_NONE)
		return put((const char *)vfs_data_bytes(ip), (size_t)ip->size, buf, size);
	if (ip->synth == VFS_GEN_SELF)
		return put(num, (size_t)snprintf(num, sizeof(num), "%d", x->c->pid), buf, size);
	if (x->c->pid != ip->synth_pid && x->c->cred.uid != 0)
		return -EACCES;
	const struct vfs_proc *p = vfs_proc_find(x->s, ip->synth_pid);
	if (!p)
		return -ENOENT;
	if (ip->synth == VFS_GEN_EXE)
		return p->exe ? put(p->exe, strlen(p->exe), buf, size) : -ENOENT;
	if (ip->synth == VFS_GEN_CWD) {
		static char tmp[VFS_PATH_MAX];
		ssize_t pos = vfs_dir_path(x->s, p->cwd, tmp);
		return pos < 0 ? pos : put(tmp + pos, strlen(tmp + pos), buf, size);
	}
	if (ip->synth_arg < 0 || ip->synth_arg >= VFS_FD_MAX || !p->fd[ip->synth_arg].f)
		return -ENOENT;
	return file_path(x->s, p->fd[ip->synth_arg].f, buf, size);
}

int vfs_procfs_open(struct vfs_ctx *x, struct vfs_inode *ip, int flags)
{
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		return -EACCES;
	static char text[TEXT_MAX];
	size_t n = 0;
	if (ip->synth_arg == VFS_PROC_MOUNTS)
		memcpy(text, mounts, n = sizeof(mounts) - 1);
	else if (x->s->proc_text)
		n = x->s->proc_text(x->s->proc_ctx, ip->synth_arg, text, sizeof(text));
	int r = vfs_data_truncate(x->s, ip, 0);
	ssize_t w = r < 0 || n == 0 ? r : vfs_data_write(x->s, ip, 0, text, n);
	return w < 0 ? (int)w : 0;
}

void vfs_procfs_forget(struct vfs_state *s, int pid)
{
	struct vfs_inode *proc = proc_dir(s);
	char name[16];
	int n = snprintf(name, sizeof(name), "%d", pid);
	int idx = proc ? vfs_dir_find(proc, name, (size_t)n) : -1;
	if (idx >= 0)
		drop_entry(s, proc, (uint32_t)idx);
}
