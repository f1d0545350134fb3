// SPDX-License-Identifier: MIT
/* Fuzz target for the VFS path walk (servers/vfs/vfs_path.c) and the calls
 * built on it. Each input starts from a fresh state holding directories, a
 * file, a directory only root may search, and symlinks: absolute, relative,
 * to "..", dangling, with a trailing slash, a chain and loops. The input is
 * a script of operations as root or as uid 1000: walks with random flags
 * and dirfds, chdir/fchdir, unveil (and its lock), open/close (the open
 * descriptors serve as dirfds), stat, readlink, symlink, mkdir, unlink,
 * rename, getcwd and the exec check, on random paths (see read_path for
 * long ones), with a lookup hook that refuses one name. A successful walk
 * must describe its result inside nd->buf; after root's chdir, getcwd must
 * name the new cwd. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include "fuzz_input.h"
#include "../../../servers/vfs/vfs_path.h"

#define MAX_FDS 8
#define PATH_CAP (VFS_PATH_MAX + 64)

enum op { OP_WALK, OP_CHDIR, OP_FCHDIR, OP_UNVEIL, OP_OPEN, OP_CLOSE, OP_STAT, OP_READLINK,
	  OP_SYMLINK, OP_MKDIR, OP_UNLINK, OP_RENAME, OP_GETCWD, OP_EXEC, OP_CALLER,
	  OP_COUNT };

static const struct vfs_caller callers[] = {
	{ .pid = 1 },
	{ .pid = 2, .cred = { .uid = 1000, .gid = 1000 } },
};

struct session {
	struct vfs_state *s;
	const struct vfs_caller *c;
	int fds[MAX_FDS];
	char path[PATH_CAP], path2[PATH_CAP];
};

static void build_tree(struct vfs_state *s)
{
	static const char *const dirs[] = { "/a", "/a/b", "/a/b/c", "/priv", "/w" };
	static const char *const links[][2] = {
		{ "loop2", "/loop1" }, { "loop1", "/loop2" }, { "self/x", "/self" },
		{ "/a/b", "/abs" }, { "a/b/../../a/f", "/rel" }, { "../../..", "/a/b/up" },
		{ "nowhere", "/dangling" }, { "a/", "/trail" }, { "/priv/s", "/topriv" },
		{ "c0", "/chain" }, { "c1", "/c0" }, { "c2", "/c1" }, { "a/b/c", "/c2" },
	};
	const struct vfs_caller *root = &callers[0];
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		FUZZ_CHECK(vfs_mkdirat(s, root, AT_FDCWD, dirs[i], 0755) == 0, "mkdir %s", dirs[i]);
	FUZZ_CHECK(vfs_fchmodat(s, root, AT_FDCWD, "/priv", 0700, 0) == 0, "chmod");
	FUZZ_CHECK(vfs_fchmodat(s, root, AT_FDCWD, "/w", 01777, 0) == 0, "chmod");
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++)
		FUZZ_CHECK(vfs_symlinkat(s, root, links[i][0], AT_FDCWD, links[i][1]) == 0,
			   "symlink %s", links[i][1]);
	const char *files[] = { "/a/f", "/priv/s" };
	for (size_t i = 0; i < 2; i++) {
		int fd = vfs_openat(s, root, AT_FDCWD, files[i], O_CREAT | O_WRONLY, 0755);
		FUZZ_CHECK(fd >= 0 && vfs_write(s, root, fd, "data", 4) == 4, "file %s", files[i]);
		vfs_close(s, root, fd);
	}
}

/* A path from the input: "*", a byte k and a unit stand for the unit
 * repeated to 32 * k bytes (at most PATH_CAP - 1), for long paths. */
static const char *read_path(struct fuzz_in *in, char *buf)
{
	size_t n = fuzz_str(in, buf, PATH_CAP);
	if (n < 3 || buf[0] != '*')
		return buf;
	size_t want = (uint8_t)buf[1] * 32u, unit = n - 2, len = unit;
	memmove(buf, buf + 2, unit);
	if (want > PATH_CAP - 1)
		want = PATH_CAP - 1;
	while (len < want) {
		size_t k = unit < want - len ? unit : want - len;
		memcpy(buf + len, buf, k);
		len += k;
	}
	buf[len] = '\0';
	return buf;
}

/* The lookup hook (as the server's pledge and unveil glue may set one):
 * refuses the name "hooked". */
static int hook(void *ctx, const struct vfs_caller *c, uint32_t dir_ino, const char *name,
		size_t len, uint32_t child_ino)
{
	(void)ctx, (void)c, (void)dir_ino, (void)child_ino;
	return len == 6 && memcmp(name, "hooked", 6) == 0 ? -EPERM : 0;
}

static int read_dirfd(struct session *ss, struct fuzz_in *in)
{
	uint8_t b = fuzz_u8(in);
	return b == 0 ? AT_FDCWD : ss->fds[b % MAX_FDS];
}

static void check_nd(const struct vfs_nd *nd, unsigned flags)
{
	FUZZ_CHECK(nd->name >= nd->buf && nd->len <= VFS_NAME_MAX &&
			   nd->name + nd->len <= nd->buf + sizeof(nd->buf),
		   "last component outside nd->buf");
	FUZZ_CHECK(nd->ip || (nd->dir && (flags & VFS_WALK_PARENT)), "walk found nothing");
	FUZZ_CHECK(!nd->ip || !nd->trailing || S_ISDIR(nd->ip->mode),
		   "trailing slash on a non-directory");
}

static void op_walk(struct session *ss, struct fuzz_in *in)
{
	static struct vfs_nd nd;
	unsigned flags = fuzz_u16(in) & 0x1ff;
	int dirfd = read_dirfd(ss, in);
	const char *path = read_path(in, ss->path);
	struct vfs_ctx x;
	FUZZ_CHECK(vfs_enter(&x, ss->s, ss->c) == 0, "vfs_enter");
	int r = vfs_walk(&x, dirfd, path, flags, &nd);
	if (r == 0) {
		check_nd(&nd, flags);
		return;
	}
	FUZZ_CHECK(r == -ENOENT || r == -ENOTDIR || r == -ENAMETOOLONG || r == -ELOOP ||
			   r == -EACCES || r == -EBADF || r == -EPERM,
		   "vfs_walk returned %d", r);
}

/* After a chdir by root: getcwd names a path that leads to the cwd. */
static void check_cwd(struct session *ss)
{
	static char cwd[VFS_PATH_MAX];
	struct linux_stat here, there;
	ssize_t n = vfs_getcwd(ss->s, ss->c, cwd, sizeof(cwd));
	if (ss->c->cred.uid != 0 || n < 0)
		return;
	FUZZ_CHECK(cwd[0] == '/' && strlen(cwd) + 1 == (size_t)n, "getcwd %s", cwd);
	int r1 = vfs_newfstatat(ss->s, ss->c, AT_FDCWD, ".", &here, 0);
	int r2 = vfs_newfstatat(ss->s, ss->c, AT_FDCWD, cwd, &there, 0);
	if (r1 == 0 && r2 == 0)
		FUZZ_CHECK(here.st_ino == there.st_ino, "getcwd %s is not the cwd", cwd);
}

static void op_open(struct session *ss, struct fuzz_in *in)
{
	static const int modes[] = { O_RDONLY, O_RDONLY | O_DIRECTORY, O_RDONLY | O_NOFOLLOW,
				     O_WRONLY | O_CREAT, O_RDWR | O_CREAT | O_EXCL, O_PATH,
				     O_WRONLY | O_TRUNC, O_RDONLY | O_CREAT | O_DIRECTORY };
	int slot = fuzz_u8(in) % MAX_FDS;
	int flags = modes[fuzz_u8(in) % 8];
	int dirfd = read_dirfd(ss, in);
	int fd = vfs_openat(ss->s, ss->c, dirfd, read_path(in, ss->path), flags, 0644);
	if (fd < 0)
		return;
	if (ss->fds[slot] >= 0)
		vfs_close(ss->s, ss->c, ss->fds[slot]);
	ss->fds[slot] = fd;
}

static void op_unveil(struct session *ss, struct fuzz_in *in)
{
	char perms[8];
	const char *path = read_path(in, ss->path);
	fuzz_str(in, perms, sizeof(perms));
	if (strcmp(perms, "lock") == 0)
		vfs_unveil_call(ss->s, ss->c, NULL, NULL);
	else
		vfs_unveil_call(ss->s, ss->c, path, perms);
}

static void op_two_paths(struct session *ss, struct fuzz_in *in, enum op op)
{
	int dirfd = read_dirfd(ss, in);
	const char *a = read_path(in, ss->path), *b = read_path(in, ss->path2);
	if (op == OP_SYMLINK)
		vfs_symlinkat(ss->s, ss->c, a, dirfd, b);
	else
		vfs_renameat(ss->s, ss->c, dirfd, a, AT_FDCWD, b);
}

static void op_stat_like(struct session *ss, struct fuzz_in *in, enum op op)
{
	static char link[VFS_PATH_MAX];
	struct linux_stat st;
	int flags = (fuzz_u8(in) & 3) == 1 ? AT_SYMLINK_NOFOLLOW : 0;
	int dirfd = read_dirfd(ss, in);
	const char *path = read_path(in, ss->path);
	if (op == OP_STAT) {
		flags |= path[0] == '\0' ? AT_EMPTY_PATH : 0;
		vfs_newfstatat(ss->s, ss->c, dirfd, path, &st, flags);
	} else if (op == OP_READLINK) {
		ssize_t n = vfs_readlinkat(ss->s, ss->c, dirfd, path, link, sizeof(link));
		FUZZ_CHECK(n < (ssize_t)sizeof(link), "readlink %zd", n);
	} else if (op == OP_MKDIR) {
		vfs_mkdirat(ss->s, ss->c, dirfd, path, 0755);
	} else if (op == OP_UNLINK) {
		vfs_unlinkat(ss->s, ss->c, dirfd, path, flags ? AT_REMOVEDIR : 0);
	} else {
		vfs_exec_check(ss->s, ss->c, path);
	}
}

static void run_op(struct session *ss, struct fuzz_in *in)
{
	enum op op = fuzz_u8(in) % OP_COUNT;
	int slot;
	switch (op) {
	case OP_WALK: op_walk(ss, in); break;
	case OP_CHDIR:
		if (vfs_chdir(ss->s, ss->c, read_path(in, ss->path)) == 0)
			check_cwd(ss);
		break;
	case OP_FCHDIR:
		if (vfs_fchdir(ss->s, ss->c, read_dirfd(ss, in)) == 0)
			check_cwd(ss);
		break;
	case OP_UNVEIL: op_unveil(ss, in); break;
	case OP_OPEN: op_open(ss, in); break;
	case OP_CLOSE:
		slot = fuzz_u8(in) % MAX_FDS;
		vfs_close(ss->s, ss->c, ss->fds[slot]);
		ss->fds[slot] = -1;
		break;
	case OP_SYMLINK: case OP_RENAME: op_two_paths(ss, in, op); break;
	case OP_GETCWD: check_cwd(ss); break;
	case OP_CALLER: ss->c = &callers[fuzz_u8(in) & 1]; break;
	default: op_stat_like(ss, in, op); break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct session ss;
	struct vfs_config cfg = { .icache_max_inodes = 8, .dcache_max = 16, .lookup_hook = hook };
	struct fuzz_in in = fuzz_in_make(data, size);
	ss.s = vfs_create(&cfg);
	FUZZ_CHECK(ss.s != NULL, "vfs_create");
	build_tree(ss.s);
	ss.c = &callers[0];
	for (int i = 0; i < MAX_FDS; i++)
		ss.fds[i] = -1;
	while (!fuzz_done(&in))
		run_op(&ss, &in);
	vfs_destroy(ss.s);
	return 0;
}
