/* SPDX-License-Identifier: MIT */
/* The VFS server's logic: an in-memory POSIX file system whose first contents
 * come from the initrd (a cpio "newc" archive, read in place). The IPC glue
 * (vfs_ipc.c) decodes a forwarded Linux call and calls one function here with
 * the caller's pid and credentials; every call returns >= 0 or -errno like
 * Linux, or one of the two VFS_ codes below, which are not errors for the
 * program but instructions to the glue.
 *
 * Lifetime: vfs_create, then vfs_load_cpio (the archive must stay mapped for
 * as long as the state lives), calls, vfs_destroy. Descriptor tables are per
 * pid: a pid the VFS has not seen gets an empty table, cwd "/" and umask 022
 * on its first call; the process manager reports fork, exec and exit. */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "vfs_abi.h"

/* A call that must wait (a read or write on a pipe, an open of a FIFO with
 * no other end, F_SETLKW, flock without LOCK_NB). The glue parks the
 * request and calls it again whenever vfs_wake_count() has moved. */
#define VFS_WOULD_BLOCK (-10001)
/* A read or write on /dev/console or /dev/tty: the glue forwards the data to
 * the console server. Nothing was done here. */
#define VFS_FORWARD_CONSOLE (-10002)

#define VFS_FD_MAX 256        /* descriptors per process (EMFILE beyond) */
#define VFS_NGROUPS_MAX 32    /* supplementary groups in a vfs_cred */
#define VFS_PATH_MAX 4096     /* bytes of a path, NUL included */
#define VFS_NAME_MAX 255      /* bytes of one path component */
#define VFS_SYMLINK_MAX 40    /* symlinks followed in one lookup (ELOOP) */
#define VFS_PIPE_SIZE 65536   /* bytes a pipe holds */
#define VFS_TMPFS_MAGIC 0x01021994

struct vfs_cred {
	uint32_t uid;
	uint32_t gid;
	uint32_t ngroups;
	uint32_t groups[VFS_NGROUPS_MAX];
};

struct vfs_caller {
	int pid;
	struct vfs_cred cred;
	uint64_t promises;   /* pledge (abi/pledge.h bits): the IPC layer's checks */
	uint32_t wait_id;    /* nonzero: the glue can park this request (FIFO opens, F_SETLKW) */
};

/* Called for every name looked up in a directory (child_ino 0 when the name
 * is absent); returning a negative errno makes the lookup fail with it. The
 * hook for unveil. */
typedef int (*vfs_lookup_hook_t)(void *ctx, const struct vfs_caller *c, uint32_t dir_ino,
				 const char *name, size_t len, uint32_t child_ino);
/* Returns the time now in nanoseconds since the epoch. */
typedef uint64_t (*vfs_clock_t)(void *ctx);
/* Returns the bytes the heap under the state could still hand out. */
typedef uint64_t (*vfs_space_t)(void *ctx);
/* The generated files of /proc. */
enum vfs_proc_text { VFS_PROC_MEMINFO, VFS_PROC_CPUINFO, VFS_PROC_UPTIME, VFS_PROC_MOUNTS };
/* Writes the text of /proc file which (enum vfs_proc_text; mounts is the
 * VFS's own) into buf (size bytes); returns its length. */
typedef size_t (*vfs_proc_text_t)(void *ctx, int which, char *buf, size_t size);

/* Zero in any field means "no limit" (dcache_max: a default of 1024). */
struct vfs_config {
	uint32_t icache_max_inodes;  /* resident inodes before clean ones are dropped */
	uint64_t icache_max_bytes;   /* file bytes of resident inodes, likewise */
	uint32_t dcache_max;         /* dentry cache entries */
	uint64_t max_data_bytes;     /* the store: bytes of file chunks (ENOSPC beyond) */
	vfs_clock_t clock;           /* NULL: all times are 0 */
	void *clock_ctx;
	vfs_space_t space;           /* NULL: statfs counts max_data_bytes alone */
	void *space_ctx;
	vfs_proc_text_t proc_text;   /* NULL: /proc's text files are empty */
	void *proc_ctx;
	vfs_lookup_hook_t lookup_hook;
	void *hook_ctx;
};

struct vfs_cache_stats {
	uint64_t inode_hits;         /* inode wanted and resident */
	uint64_t inode_misses;       /* inode rebuilt from the archive */
	uint64_t inode_evictions;    /* clean inodes dropped to respect the limits */
	uint32_t inodes_resident;
	uint32_t inodes_dirty;       /* created here or changed since loading: never dropped */
	uint64_t bytes_resident;     /* file and symlink bytes of resident inodes */
	uint64_t heap_bytes;         /* of which copied to the heap */
	uint64_t data_bytes;         /* bytes of the chunks holding those */
	uint64_t dentry_hits;        /* positive and negative */
	uint64_t dentry_negative_hits;
	uint64_t dentry_misses;
	uint64_t dentry_evictions;
	uint32_t dentries;
};

struct vfs_state;

/* Returns a state holding "/", /dev (null, zero, console, tty) and /tmp
 * (1777), or NULL without memory. cfg may be NULL. */
struct vfs_state *vfs_create(const struct vfs_config *cfg);
void vfs_destroy(struct vfs_state *s);
/* Takes cfg's clock, space, /proc text and lookup hook (a successor's
 * own functions for a state its predecessor made). */
void vfs_set_callbacks(struct vfs_state *s, const struct vfs_config *cfg);

/* Adds the entries of a newc archive (leading "./" or "/" ignored, missing
 * parents made 0755, later entries replace earlier ones). Regular files are
 * read in place until first written. The whole archive is validated before
 * anything changes: -EINVAL for a malformed one (also for entries that
 * conflict with each other or with what vfs_create made, such as a file
 * where a directory must be), -ENOMEM. Conflicts with files created in s
 * before the call are found only while adding. */
int vfs_load_cpio(struct vfs_state *s, const void *archive, size_t len);

/* Fills out, after dropping what exceeds the inode cache limits. */
void vfs_cache_stats(struct vfs_state *s, struct vfs_cache_stats *out);

/* Parked requests (see VFS_WOULD_BLOCK). The glue answers one: drop what
 * the state recorded for it. A successor starts: drop every record, the
 * requests are served again. */
void vfs_wait_done(struct vfs_state *s, uint32_t wait_id);
void vfs_wait_reset(struct vfs_state *s);
/* A counter that moves with every change that may let a parked request
 * through. */
uint64_t vfs_wake_count(const struct vfs_state *s);

/* Processes. fork copies parent's table (sharing open file descriptions), cwd
 * and umask into child, replacing any table child had; exec closes the
 * FD_CLOEXEC descriptors; exit closes everything. Return 0 or -ENOMEM. */
int vfs_proc_fork(struct vfs_state *s, int parent_pid, int child_pid);
int vfs_proc_exec(struct vfs_state *s, int pid);
void vfs_proc_exit(struct vfs_state *s, int pid);

/* Files and descriptors. Buffers are the glue's (already mapped) memory. */
int vfs_openat(struct vfs_state *s, const struct vfs_caller *c, int dirfd, const char *path,
	       int flags, mode_t mode);
int vfs_close(struct vfs_state *s, const struct vfs_caller *c, int fd);
ssize_t vfs_read(struct vfs_state *s, const struct vfs_caller *c, int fd, void *buf, size_t len);
ssize_t vfs_write(struct vfs_state *s, const struct vfs_caller *c, int fd, const void *buf,
		  size_t len);
ssize_t vfs_pread(struct vfs_state *s, const struct vfs_caller *c, int fd, void *buf, size_t len,
		  int64_t off);
ssize_t vfs_pwrite(struct vfs_state *s, const struct vfs_caller *c, int fd, const void *buf,
		   size_t len, int64_t off);
int64_t vfs_lseek(struct vfs_state *s, const struct vfs_caller *c, int fd, int64_t off,
		  int whence);
int vfs_truncate(struct vfs_state *s, const struct vfs_caller *c, const char *path, int64_t len);
int vfs_ftruncate(struct vfs_state *s, const struct vfs_caller *c, int fd, int64_t len);
int vfs_dup(struct vfs_state *s, const struct vfs_caller *c, int fd);
int vfs_dup2(struct vfs_state *s, const struct vfs_caller *c, int oldfd, int newfd);
int vfs_dup3(struct vfs_state *s, const struct vfs_caller *c, int oldfd, int newfd, int flags);
/* The lock commands (F_GETLK, F_SETLK, F_SETLKW and the F_OFD_ ones) take
 * arg as a struct linux_flock * (F_SETLKW may return VFS_WOULD_BLOCK). */
int vfs_fcntl(struct vfs_state *s, const struct vfs_caller *c, int fd, int cmd,
	      unsigned long arg);
int vfs_fcntl_lock(struct vfs_state *s, const struct vfs_caller *c, int fd, int cmd,
		   struct linux_flock *fl);
/* flock(2): LOCK_SH, LOCK_EX, LOCK_UN, with LOCK_NB. */
int vfs_flock(struct vfs_state *s, const struct vfs_caller *c, int fd, int op);
/* fds[0] reads, fds[1] writes. flags: O_CLOEXEC, O_NONBLOCK. */
int vfs_pipe2(struct vfs_state *s, const struct vfs_caller *c, int fds[2], int flags);
/* Returns the poll(2) events (POLLIN, POLLOUT, POLLHUP, POLLERR) fd has now:
 * a parked read may retry once POLLIN|POLLHUP shows, a write once
 * POLLOUT|POLLERR does. Console descriptors report POLLIN|POLLOUT. */
int vfs_poll(struct vfs_state *s, const struct vfs_caller *c, int fd);

/* Metadata. */
int vfs_fstat(struct vfs_state *s, const struct vfs_caller *c, int fd, struct linux_stat *st);
int vfs_newfstatat(struct vfs_state *s, const struct vfs_caller *c, int dirfd, const char *path,
		   struct linux_stat *st, int flags);
/* mask is what the caller would like; out->stx_mask says what it got. */
int vfs_statx(struct vfs_state *s, const struct vfs_caller *c, int dirfd, const char *path,
	      int flags, uint32_t mask, struct linux_statx *out);
int vfs_faccessat(struct vfs_state *s, const struct vfs_caller *c, int dirfd, const char *path,
		  int mode, int flags);
/* Owners (uid or gid 0xffffffff: unchanged) and times (times NULL: now;
 * path NULL with a descriptor: that descriptor's file, as futimens). */
int vfs_fchownat(struct vfs_state *s, const struct vfs_caller *c, int dirfd, const char *path,
		 uint32_t uid, uint32_t gid, int flags);
int vfs_fchown(struct vfs_state *s, const struct vfs_caller *c, int fd, uint32_t uid,
	       uint32_t gid);
int vfs_utimensat(struct vfs_state *s, const struct vfs_caller *c, int dirfd, const char *path,
		  const struct linux_timespec times[2], int flags);
int vfs_fchmodat(struct vfs_state *s, const struct vfs_caller *c, int dirfd, const char *path,
		 mode_t mode, int flags);
int vfs_fchmod(struct vfs_state *s, const struct vfs_caller *c, int fd, mode_t mode);
/* Returns the previous mask. */
int vfs_umask(struct vfs_state *s, const struct vfs_caller *c, mode_t mask);
int vfs_statfs(struct vfs_state *s, const struct vfs_caller *c, const char *path,
	       struct linux_statfs *out);
int vfs_fstatfs(struct vfs_state *s, const struct vfs_caller *c, int fd,
		struct linux_statfs *out);

/* Keeping bytes: the store is memory, so the syncs only check. */
int vfs_fsync(struct vfs_state *s, const struct vfs_caller *c, int fd);
int vfs_syncfs(struct vfs_state *s, const struct vfs_caller *c, int fd);
int vfs_fallocate(struct vfs_state *s, const struct vfs_caller *c, int fd, int mode,
		  int64_t off, int64_t len);
/* Copies within the VFS. offset pointers may be NULL (the descriptors'
 * own offsets are used and moved); otherwise they are moved instead. */
ssize_t vfs_sendfile(struct vfs_state *s, const struct vfs_caller *c, int out_fd, int in_fd,
		     int64_t *offset, size_t count);
ssize_t vfs_copy_file_range(struct vfs_state *s, const struct vfs_caller *c, int fd_in,
			    int64_t *off_in, int fd_out, int64_t *off_out, size_t len,
			    unsigned flags);

/* Directories and names. */
int vfs_linkat(struct vfs_state *s, const struct vfs_caller *c, int olddirfd,
	       const char *oldpath, int newdirfd, const char *newpath, int flags);
/* mode's type: 0 or S_IFREG, S_IFIFO, S_IFSOCK; S_IFCHR and S_IFBLK for
 * uid 0 (dev in Linux's encoding). */
int vfs_mknodat(struct vfs_state *s, const struct vfs_caller *c, int dirfd, const char *path,
		uint32_t mode, uint64_t dev);
ssize_t vfs_getdents64(struct vfs_state *s, const struct vfs_caller *c, int fd, void *buf,
		       size_t len);
int vfs_mkdirat(struct vfs_state *s, const struct vfs_caller *c, int dirfd, const char *path,
		mode_t mode);
int vfs_unlinkat(struct vfs_state *s, const struct vfs_caller *c, int dirfd, const char *path,
		 int flags);
int vfs_renameat(struct vfs_state *s, const struct vfs_caller *c, int olddirfd,
		 const char *oldpath, int newdirfd, const char *newpath);
int vfs_symlinkat(struct vfs_state *s, const struct vfs_caller *c, const char *target,
		  int newdirfd, const char *linkpath);
/* Returns the length copied (no NUL added). */
ssize_t vfs_readlinkat(struct vfs_state *s, const struct vfs_caller *c, int dirfd,
		       const char *path, char *buf, size_t size);
int vfs_chdir(struct vfs_state *s, const struct vfs_caller *c, const char *path);
int vfs_fchdir(struct vfs_state *s, const struct vfs_caller *c, int fd);
/* Like the Linux syscall: returns the length including the NUL, -ERANGE if
 * size is too small, -ENOENT if the cwd was removed. */
/* Whether the caller may execute path (a regular file with an x bit it may
 * use, unveiled with "x"): 0, -EACCES, -ENOENT, ... */
int vfs_exec_check(struct vfs_state *s, const struct vfs_caller *c, const char *path);
/* unveil(path, perms); both NULL locks. */
int vfs_unveil_call(struct vfs_state *s, const struct vfs_caller *c, const char *path,
		    const char *perms);
ssize_t vfs_getcwd(struct vfs_state *s, const struct vfs_caller *c, char *buf, size_t size);
