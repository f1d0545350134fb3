/* SPDX-License-Identifier: MIT */
/* The Linux x86-64 kernel structures the VFS exchanges with programs,
 * spelled out so they are identical whichever libc builds the server:
 * struct stat (fstat, newfstatat), struct linux_dirent64 (getdents64),
 * struct statfs, struct timespec (utimensat), struct statx and struct
 * flock (fcntl's locks).
 * Field names avoid st_atime & co., which libc headers define as macros. */
#pragma once
#include <stddef.h>
#include <stdint.h>

struct linux_stat {
	uint64_t st_dev;
	uint64_t st_ino;
	uint64_t st_nlink;
	uint32_t st_mode;
	uint32_t st_uid;
	uint32_t st_gid;
	uint32_t pad0;
	uint64_t st_rdev;
	int64_t st_size;
	int64_t st_blksize;
	int64_t st_blocks;
	uint64_t st_atime_sec;
	uint64_t st_atime_nsec;
	uint64_t st_mtime_sec;
	uint64_t st_mtime_nsec;
	uint64_t st_ctime_sec;
	uint64_t st_ctime_nsec;
	int64_t reserved[3];
};
_Static_assert(sizeof(struct linux_stat) == 144, "x86-64 struct stat is 144 bytes");
_Static_assert(offsetof(struct linux_stat, st_rdev) == 40, "st_rdev offset");
_Static_assert(offsetof(struct linux_stat, st_atime_sec) == 72, "st_atime offset");

/* One getdents64 record: d_reclen bytes, a multiple of 8, the name
 * NUL-terminated. */
struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
};
_Static_assert(offsetof(struct linux_dirent64, d_name) == 19, "dirent64 header is 19 bytes");

struct linux_statfs {
	int64_t f_type;
	int64_t f_bsize;
	uint64_t f_blocks;
	uint64_t f_bfree;
	uint64_t f_bavail;
	uint64_t f_files;
	uint64_t f_ffree;
	int32_t f_fsid[2];
	int64_t f_namelen;
	int64_t f_frsize;
	int64_t f_flags;
	int64_t f_spare[4];
};
_Static_assert(sizeof(struct linux_statfs) == 120, "x86-64 struct statfs is 120 bytes");

/* struct timespec as utimensat takes it (times[2]). */
struct linux_timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};
_Static_assert(sizeof(struct linux_timespec) == 16, "x86-64 struct timespec is 16 bytes");

struct linux_statx_timestamp {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t reserved;
};

/* statx's answer. */
struct linux_statx {
	uint32_t stx_mask;
	uint32_t stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink;
	uint32_t stx_uid;
	uint32_t stx_gid;
	uint16_t stx_mode;
	uint16_t spare0;
	uint64_t stx_ino;
	uint64_t stx_size;
	uint64_t stx_blocks;
	uint64_t stx_attributes_mask;
	struct linux_statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major;
	uint32_t stx_rdev_minor;
	uint32_t stx_dev_major;
	uint32_t stx_dev_minor;
	uint64_t stx_mnt_id;
	uint32_t stx_dio_mem_align;
	uint32_t stx_dio_offset_align;
	uint64_t spare3[12];
};
_Static_assert(sizeof(struct linux_statx) == 256, "struct statx is 256 bytes");
_Static_assert(offsetof(struct linux_statx, stx_atime) == 64, "stx_atime offset");
_Static_assert(offsetof(struct linux_statx, stx_rdev_major) == 128, "stx_rdev_major offset");

/* struct flock (fcntl's locks). */
struct linux_flock {
	int16_t l_type;
	int16_t l_whence;
	uint32_t pad0;
	int64_t l_start;
	int64_t l_len;
	int32_t l_pid;
	uint32_t pad1;
};
_Static_assert(sizeof(struct linux_flock) == 32, "x86-64 struct flock is 32 bytes");
