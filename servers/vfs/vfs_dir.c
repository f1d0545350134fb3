// SPDX-License-Identifier: MIT
/* Directory entries: an array in creation order, each with a cookie that is
 * its getdents64 position, so a listing in progress survives additions and
 * removals. Every change also updates the dentry cache, which is how the
 * cache stays correct. Entry points: vfs_dir_find, vfs_dir_seek,
 * vfs_dir_is_empty, vfs_dir_create, vfs_dir_add, vfs_dir_retarget,
 * vfs_dir_remove, vfs_dir_free, vfs_dir_lookup. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "vfs_state.h"

int vfs_dir_find(const struct vfs_inode *dir, const char *name, size_t len)
{
	const struct vfs_dir *d = &dir->u.dir;
	for (uint32_t i = 0; i < d->n; i++)
		if (d->ents[i].len == len && memcmp(d->ents[i].name, name, len) == 0)
			return (int)i;
	return -1;
}

uint32_t vfs_dir_seek(const struct vfs_inode *dir, uint64_t pos)
{
	const struct vfs_dir *d = &dir->u.dir;
	uint32_t lo = 0, hi = d->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (d->ents[mid].cookie <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool vfs_dir_is_empty(const struct vfs_inode *dir)
{
	return dir->u.dir.n == 0;
}

/* Directories are never dropped from the cache, so a changed one is not
 * marked dirty: "dirty" counts what could not be rebuilt if dropped. */
static void touch_dir(struct vfs_state *s, struct vfs_inode *dir)
{
	dir->mtime = dir->ctime = vfs_now(s);
}

int vfs_dir_add(struct vfs_state *s, struct vfs_inode *dir, const char *name, size_t len,
		uint32_t ino, uint32_t mode)
{
	struct vfs_dir *d = &dir->u.dir;
	if (d->n == d->cap) {
		uint32_t cap = d->cap ? d->cap * 2 : 8;
		struct vfs_dirent *ne = realloc(d->ents, cap * sizeof(*ne));
		if (!ne)
			return -ENOMEM;
		d->ents = ne;
		d->cap = cap;
	}
	char *copy = malloc(len + 1);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, name, len);
	copy[len] = '\0';
	d->ents[d->n++] = (struct vfs_dirent){
		.name = copy, .cookie = d->next_cookie++, .ino = ino,
		.len = (uint16_t)len, .type = vfs_mode_dtype(mode),
	};
	vfs_dcache_set(&s->dc, dir->ino, dir->gen, name, len, ino);
	touch_dir(s, dir);
	return 0;
}

void vfs_dir_retarget(struct vfs_state *s, struct vfs_inode *dir, uint32_t idx, uint32_t ino,
		      uint32_t mode)
{
	struct vfs_dirent *e = &dir->u.dir.ents[idx];
	e->ino = ino;
	e->type = vfs_mode_dtype(mode);
	vfs_dcache_set(&s->dc, dir->ino, dir->gen, e->name, e->len, ino);
	touch_dir(s, dir);
}

void vfs_dir_remove(struct vfs_state *s, struct vfs_inode *dir, uint32_t idx)
{
	struct vfs_dir *d = &dir->u.dir;
	struct vfs_dirent *e = &d->ents[idx];
	vfs_dcache_set(&s->dc, dir->ino, dir->gen, e->name, e->len, 0);
	free(e->name);
	memmove(e, e + 1, (d->n - idx - 1) * sizeof(*e));
	d->n--;
	touch_dir(s, dir);
}

int vfs_dir_create(struct vfs_state *s, struct vfs_inode *dir, const char *name, size_t len,
		   uint32_t mode, uint32_t uid, uint32_t gid, struct vfs_inode **out)
{
	struct vfs_inode *ip = vfs_inode_new(s, mode, uid, gid);
	if (!ip)
		return -ENOMEM;
	if (vfs_dir_add(s, dir, name, len, ip->ino, mode) < 0) {
		vfs_inode_release(s, ip);
		return -ENOMEM;
	}
	ip->nlink = 1;
	if (S_ISDIR(mode)) {
		ip->nlink = 2;
		ip->u.dir.parent = dir->ino;
		dir->nlink++;
	}
	*out = ip;
	return 0;
}

void vfs_dir_free(struct vfs_inode *dir)
{
	struct vfs_dir *d = &dir->u.dir;
	for (uint32_t i = 0; i < d->n; i++)
		free(d->ents[i].name);
	free(d->ents);
	d->ents = NULL;
	d->n = d->cap = 0;
}

int vfs_dir_lookup(struct vfs_state *s, struct vfs_inode *dir, const char *name, size_t len,
		   struct vfs_inode **out)
{
	uint32_t ino;
	if (!vfs_dcache_lookup(&s->dc, dir->ino, dir->gen, name, len, &ino)) {
		int i = vfs_dir_find(dir, name, len);
		ino = i < 0 ? 0 : dir->u.dir.ents[i].ino;
		vfs_dcache_set(&s->dc, dir->ino, dir->gen, name, len, ino);
	}
	*out = NULL;
	if (!ino)
		return 0;
	*out = vfs_iget(s, ino);
	return *out ? 0 : -ENOMEM;
}
