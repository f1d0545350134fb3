// SPDX-License-Identifier: MIT
/* The service-control protocol (include/proto/svc.h): list, status,
 * restart, stop, swap and kill of the servers init supervises. A request
 * counts only if it came through the service-control capability (its
 * badge); one that changes a server also needs a caller with effective
 * uid 0. Entry point: svc_ctl_handle, from the process server's table. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "ipc.h"
#include "svc.h"
#include "uk.h"
#include "manifest.h"
#include "proto/svc.h"

static int describe(const struct svc *s, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%-10s pid %-4ld restarts %-3d %-8s %s\n", s->name, s->pid,
			 s->restarts, s->stopped ? "stopped" : "running", s->path);
	return n < 0 ? 0 : (size_t)n < len ? n : (int)len;
}

static int list(char *buf, size_t len)
{
	size_t n = 0;
	for (int i = 0; i < svc_count() && n < len; i++)
		n += (size_t)describe(svc_at(i), buf + n, len - n);
	return (int)n;
}

/* Whether pid runs with effective uid 0. */
static bool is_admin(int pid)
{
	struct uk_sec sec;
	return pid > 0 && uk_sec_get(pid, &sec) == 0 && sec.euid == 0;
}

/* A directory or file only an administrator could have put there: owned
 * by root and not writable by others (a sticky directory protects the
 * files of others, so it passes). */
static bool root_only(const struct stat *st, bool dir)
{
	return st->st_uid == 0 && (!(st->st_mode & 022) || (dir && (st->st_mode & S_ISVTX)));
}

/* A swap takes a binary an administrator could have installed: one in the
 * initrd, or a regular file of the VFS that only root could have written
 * (never for the VFS itself, which cannot read itself). */
static int swap_target_ok(const struct svc *s, const char *path)
{
	char dir[sizeof(s->path)];
	struct stat st, dst;
	if (strlen(path) >= sizeof(s->path) || path[0] != '/')
		return -ENOENT;
	if (svc_in_initrd(path))
		return 0;
	if (!svc_binary_exists(s, path) || stat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return -ENOENT;
	strcpy(dir, path);
	*strrchr(dir, '/') = '\0';
	if (stat(dir[0] ? dir : "/", &dst) < 0 || !root_only(&st, false) || !root_only(&dst, true))
		return -EPERM;
	return 0;
}

/* Ends s's current process between two requests (kill waits for the
 * server's kill guard); the supervisor then starts what s->path names. */
static int end_server(struct svc *s)
{
	s->asked = true;
	if (kill((int)s->pid, SIGKILL) == 0)
		return 0;
	s->asked = false;
	return -errno;
}

/* SIGKILL at once, wherever the server is: exactly a crash, which the
 * supervisor treats as one (back-off included). */
static int crash_server(struct svc *s)
{
	int proc = uk_proc_cap(s->pid);
	if (proc < 0)
		return -errno;
	int r = uk_proc_kill(proc) < 0 ? -errno : 0;
	uk_cap_delete(proc);
	return r;
}

static int control(unsigned op, struct svc *s, const char *arg)
{
	int r;
	switch (op) {
	case SVC_OP_RESTART:
		return end_server(s);
	case SVC_OP_STOP:
		s->stopped = true;
		if ((r = end_server(s)))
			s->stopped = false;
		return r;
	case SVC_OP_KILL:
		return crash_server(s);
	case SVC_OP_SWAP:
		if ((r = swap_target_ok(s, arg)))
			return r;
		strcpy(s->old_path, s->path);
		strcpy(s->path, arg);
		return end_server(s);
	default:
		return -EINVAL;
	}
}

/* A swap's path from the lent buffer: measured once and within the grant
 * (the client can rewrite it under us); a path longer than any server's
 * is refused, not cut to one that may name another file. */
static int take_path(const char *buf, size_t len, char *arg, size_t size)
{
	size_t n = strnlen(buf, len);
	if (n >= size)
		return -ENAMETOOLONG;
	memcpy(arg, buf, n);
	arg[n] = '\0';
	return 0;
}

int32_t svc_ctl_handle(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	struct svc_request req;
	unsigned op = rq->slot->op;
	size_t inline_len = rq->slot->len;
	if (op < SVC_OP_BASE || op >= SVC_OP_END)
		return -ENOSYS;
	if (rq->badge != SVC_BADGE)
		return -EPERM;  /* not through the service-control capability */
	if (!rq->grant || !rq->grant_writable || !rq->grant_len ||
	    inline_len != sizeof(struct ipc_grant_ref) + sizeof(req))
		return -EINVAL;
	memcpy(&req, rq->slot->data + sizeof(struct ipc_grant_ref), sizeof(req));
	char *buf = rq->grant;
	if (!memchr(req.name, '\0', sizeof(req.name)) || !memchr(buf, '\0', rq->grant_len))
		return -EINVAL;
	if (op == SVC_OP_LIST)
		return list(buf, rq->grant_len);
	struct svc *s = svc_find(req.name);
	if (!s)
		return -ESRCH;
	if (op == SVC_OP_STATUS)
		return describe(s, buf, rq->grant_len);
	if (!is_admin(rq->pid))
		return -EPERM;
	if (s->stopped)
		return -ESRCH;
	char arg[sizeof(s->path)] = "";
	int r = op == SVC_OP_SWAP ? take_path(buf, rq->grant_len, arg, sizeof(arg)) : 0;
	return r ? r : control(op, s, arg);
}
