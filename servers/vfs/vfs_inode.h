/* SPDX-License-Identifier: MIT */
/* Inodes and the inode cache (vfs_inode.c), file bytes (vfs_data.c) and
 * directory entries (vfs_dir.c).
 *
 * Every inode number names a slot of the inode table. A slot holds the
 * resident inode or, for a file or symlink that came from the initrd, only
 * the archive header it is rebuilt from: vfs_iget() materializes it on
 * demand (a miss). Clean initrd inodes that nobody holds sit in an LRU list;
 * vfs_itable_trim() drops them from its tail while the cache is over its
 * limits. Dirty inodes (created here or changed) and held ones are never
 * dropped. Directories stay resident. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct vfs_state;
struct vfs_pipe;
struct vfs_lock;

struct vfs_dirent {
	char *name;
	uint64_t cookie;     /* getdents64 position just past this entry */
	uint32_t ino;
	uint16_t len;
	uint8_t type;        /* DT_* */
};

#define VFS_DIR_FIRST_COOKIE 3 /* 0: start, 1: after ".", 2: after ".." */

struct vfs_dir {
	struct vfs_dirent *ents; /* in cookie order, so positions stay stable */
	uint32_t n, cap;
	uint32_t parent;         /* ino of "..": the root is its own parent */
	uint64_t next_cookie;
};

#define VFS_CHUNK 4096

/* A file's bytes: in place in the archive (ro) until the first change,
 * then in chunks: chunk[i] holds bytes [i * VFS_CHUNK, (i + 1) * VFS_CHUNK)
 * or is NULL, a hole of zeros. A small file's only chunk holds cap0 bytes
 * (a power of two) and grows by doubling; every other chunk is whole. */
struct vfs_data {
	const uint8_t *ro;       /* NULL once the bytes are in chunks */
	uint8_t **chunk;
	uint32_t nchunk;         /* entries of chunk[] */
	uint32_t cap0;           /* bytes chunk[0] holds */
	uint64_t alloc;          /* bytes of the chunks (st_blocks, the store) */
};

struct vfs_inode {
	uint32_t ino, gen;
	uint32_t mode, uid, gid, nlink;
	uint32_t refs;           /* open files and cwds holding it */
	uint32_t rdev;           /* char devices: major << 8 | minor */
	uint64_t size;
	uint64_t atime, mtime, ctime; /* ns since the epoch */
	bool dirty;              /* state not in the archive: created or changed */
	bool anon;               /* in no directory (a pipe): freed with its last ref */
	bool in_lru;
	uint8_t synth;           /* made when read: enum vfs_gen (vfs_procfs.h), 0: stored */
	int32_t synth_pid, synth_arg; /* what from: a process, a descriptor, a text */
	struct vfs_inode *lru_prev, *lru_next;
	struct vfs_lock *locks;  /* advisory locks (vfs_lock.h); only while files are open */
	union {
		struct vfs_data data; /* regular files and symlink targets */
		struct vfs_dir dir;
		struct vfs_pipe *pipe;
	} u;
};

struct vfs_islot {
	struct vfs_inode *ip;    /* resident inode or NULL */
	const uint8_t *src;      /* archive header to rebuild from, or NULL */
	uint32_t gen;            /* bumped when the number is reused */
	uint32_t next_free;
	bool used;
};

struct vfs_itable {
	struct vfs_islot *slots; /* slot 0 is never used */
	uint32_t n, cap, free_head;
	uint32_t used;           /* numbers in use */
	struct vfs_inode *lru_head, *lru_tail;
	uint32_t max_inodes;
	uint64_t max_bytes;
	uint64_t hits, misses, evictions;
	uint32_t resident, dirty;
	uint64_t bytes;          /* file/symlink bytes of resident inodes */
	uint64_t heap_bytes;      /* file/symlink bytes no longer read from the archive */
	uint64_t data_bytes;      /* bytes of the chunks holding them (and holes not) */
	uint64_t heap_max;        /* limit of data_bytes: ENOSPC beyond */
};

/* vfs_inode.c */
int vfs_itable_init(struct vfs_itable *t, uint32_t max_inodes, uint64_t max_bytes);
void vfs_itable_destroy(struct vfs_state *s);
/* Returns a new dirty inode of mode (type and bits), nlink 0, owned by
 * uid/gid, times now; NULL without memory. */
struct vfs_inode *vfs_inode_new(struct vfs_state *s, uint32_t mode, uint32_t uid, uint32_t gid);
/* Reserves a number for an inode rebuilt from an archive header on demand.
 * Returns it, or 0 without memory. */
uint32_t vfs_inode_new_backed(struct vfs_state *s, const uint8_t *hdr);
/* Returns the inode numbered ino, rebuilding it if needed; NULL if the
 * number is free or memory ran out. */
struct vfs_inode *vfs_iget(struct vfs_state *s, uint32_t ino);
void vfs_inode_ref(struct vfs_state *s, struct vfs_inode *ip);
/* Drops a reference; frees the inode if it was the last of an unlinked one. */
void vfs_inode_unref(struct vfs_state *s, struct vfs_inode *ip);
/* Frees ip if no name and no reference keeps it. */
void vfs_inode_release(struct vfs_state *s, struct vfs_inode *ip);
/* Marks ip as no longer matching the archive: it is kept from now on. */
void vfs_inode_dirty(struct vfs_state *s, struct vfs_inode *ip);
/* Marks an inode just made from the archive (a directory) as clean. */
void vfs_inode_clean(struct vfs_state *s, struct vfs_inode *ip);
/* Drops clean unheld inodes, least recently used first, while over limits. */
void vfs_itable_trim(struct vfs_state *s);

/* vfs_data.c: bytes of regular files and symlinks. */
/* The bytes of a symlink target (at most one chunk), contiguous. */
const uint8_t *vfs_data_bytes(const struct vfs_inode *ip);
size_t vfs_data_read(const struct vfs_inode *ip, uint64_t off, void *buf, size_t len);
/* Writes, copying initrd bytes to chunks first. Returns the bytes written
 * (fewer than len when the store fills up part way), -ENOSPC when none
 * could be, or -EFBIG. */
ssize_t vfs_data_write(struct vfs_state *s, struct vfs_inode *ip, uint64_t off, const void *buf,
		       size_t len);
/* Sets the size; growth is a hole. Returns 0, -ENOSPC or -EFBIG. */
int vfs_data_truncate(struct vfs_state *s, struct vfs_inode *ip, uint64_t len);
/* fallocate: chunks for [off, off + len), the size grown to cover them
 * unless keep_size. Returns 0, -ENOSPC (checked before anything is taken)
 * or -EFBIG. */
int vfs_data_allocate(struct vfs_state *s, struct vfs_inode *ip, uint64_t off, uint64_t len,
		      bool keep_size);
/* Zeroes [off, off + len) and frees the chunks wholly inside. */
int vfs_data_punch(struct vfs_state *s, struct vfs_inode *ip, uint64_t off, uint64_t len);
/* SEEK_DATA (hole false) or SEEK_HOLE from off: the offset, or -ENXIO. */
int64_t vfs_data_seek(const struct vfs_inode *ip, uint64_t off, bool hole);
/* st_blocks: 512-byte units the bytes take. */
uint64_t vfs_data_blocks(const struct vfs_inode *ip);
/* Frees the chunks of a dying inode. */
void vfs_data_free(struct vfs_state *s, struct vfs_inode *ip);

/* vfs_dir.c: directory entries, kept consistent with the dentry cache. */
/* Returns the index of name in dir, or -1. */
int vfs_dir_find(const struct vfs_inode *dir, const char *name, size_t len);
/* Returns the index of the first entry after getdents position pos. */
uint32_t vfs_dir_seek(const struct vfs_inode *dir, uint64_t pos);
bool vfs_dir_is_empty(const struct vfs_inode *dir);
/* Makes a new inode named name in dir: nlink, "..", the parent's link count
 * and times set. Returns 0 with *out or -ENOMEM; nothing changes on error. */
int vfs_dir_create(struct vfs_state *s, struct vfs_inode *dir, const char *name, size_t len,
		   uint32_t mode, uint32_t uid, uint32_t gid, struct vfs_inode **out);
/* Adds an entry name -> ino (type from mode). Returns 0 or -ENOMEM. */
int vfs_dir_add(struct vfs_state *s, struct vfs_inode *dir, const char *name, size_t len,
		uint32_t ino, uint32_t mode);
/* Points the existing entry at index idx to another inode. */
void vfs_dir_retarget(struct vfs_state *s, struct vfs_inode *dir, uint32_t idx, uint32_t ino,
		      uint32_t mode);
/* Removes the entry at index idx (the inode's link count is the caller's). */
void vfs_dir_remove(struct vfs_state *s, struct vfs_inode *dir, uint32_t idx);
void vfs_dir_free(struct vfs_inode *dir);
/* Finds name in dir through the dentry cache. Returns 0 with *out (NULL if
 * the name is absent) or -ENOMEM. */
int vfs_dir_lookup(struct vfs_state *s, struct vfs_inode *dir, const char *name, size_t len,
		   struct vfs_inode **out);

static inline uint8_t vfs_mode_dtype(uint32_t mode)
{
	return (uint8_t)((mode >> 12) & 017); /* DT_x == S_IFx >> 12 on Linux */
}
