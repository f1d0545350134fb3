// SPDX-License-Identifier: MIT
/* Loading the initrd: one pass validates every entry of the newc archive,
 * a second adds them to a scratch state to find entries that conflict, a
 * third adds them for real. Directories become resident inodes; regular files
 * and symlinks only get a number bound to their archive header and are
 * built on first use (vfs_iget), reading their bytes in place. Character
 * devices, block devices, FIFOs and sockets in the archive are skipped.
 * Entry point: vfs_load_cpio. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include "vfs_cpio.h"
#include "vfs_state.h"

#define NS_PER_S 1000000000ull

/* Returns the next component of e's name after *pos (skipping "." and
 * slashes), its length in the return value, 0 at the end. */
static size_t next_comp(const struct vfs_cpio_entry *e, size_t *pos, const char **comp)
{
	for (;;) {
		while (*pos < e->namelen && e->name[*pos] == '/')
			(*pos)++;
		size_t start = *pos;
		while (*pos < e->namelen && e->name[*pos] != '/')
			(*pos)++;
		*comp = e->name + start;
		size_t len = *pos - start;
		if (len != 1 || (*comp)[0] != '.')
			return len;
	}
}

static bool loadable(uint32_t mode)
{
	return S_ISREG(mode) || S_ISDIR(mode) || S_ISLNK(mode);
}

/* Whether e's name ends in a name, not in "/" or "." (which only a
 * directory can be: "x/", "x/." and "." itself, the root). */
static bool ends_in_name(const struct vfs_cpio_entry *e)
{
	size_t n = e->namelen;
	if (n == 0 || e->name[n - 1] == '/')
		return false;
	return e->name[n - 1] != '.' || (n > 1 && e->name[n - 2] != '/');
}

/* Checks what vfs_cpio_parse cannot: names and per-type sizes. */
static int validate_entry(const struct vfs_cpio_entry *e)
{
	size_t pos = 0, len;
	const char *comp;
	while ((len = next_comp(e, &pos, &comp)) > 0) {
		if (len > VFS_NAME_MAX || (len == 2 && comp[0] == '.' && comp[1] == '.'))
			return -EINVAL;
	}
	if (loadable(e->mode) && !S_ISDIR(e->mode) && !ends_in_name(e))
		return -EINVAL;
	if (S_ISDIR(e->mode) && e->size != 0)
		return -EINVAL;
	if (S_ISLNK(e->mode) && (e->size == 0 || e->size >= VFS_PATH_MAX ||
				 memchr(e->data, '\0', e->size)))
		return -EINVAL;
	return 0;
}

static int validate(const uint8_t *base, size_t len)
{
	size_t off = 0;
	struct vfs_cpio_entry e;
	int r;
	while ((r = vfs_cpio_next(base, len, &off, &e)) > 0)
		if (validate_entry(&e) < 0)
			return -EINVAL;
	return r;
}

/* Makes a directory that the archive describes (e) or implies (e NULL). */
static int make_dir(struct vfs_state *s, struct vfs_inode *parent, const char *name, size_t len,
		    const struct vfs_cpio_entry *e, struct vfs_inode **out)
{
	uint32_t mode = e ? e->mode : (S_IFDIR | 0755);
	int r = vfs_dir_create(s, parent, name, len, mode, e ? e->uid : 0, e ? e->gid : 0, out);
	if (r < 0)
		return r;
	if (e)
		(*out)->atime = (*out)->mtime = (*out)->ctime = e->mtime * NS_PER_S;
	vfs_inode_clean(s, *out);
	return 0;
}

/* Returns in *out the directory name in dir, made if missing. */
static int ensure_dir(struct vfs_state *s, struct vfs_inode *dir, const char *name, size_t len,
		      struct vfs_inode **out)
{
	int r = vfs_dir_lookup(s, dir, name, len, out);
	if (r < 0)
		return r;
	if (!*out)
		return make_dir(s, dir, name, len, NULL, out);
	return S_ISDIR((*out)->mode) ? 0 : -EINVAL;
}

/* A directory entry: new, or new metadata for an existing directory. */
static int put_dir(struct vfs_state *s, struct vfs_inode *dir, const char *name, size_t len,
		   const struct vfs_cpio_entry *e)
{
	struct vfs_inode *ip;
	int r = vfs_dir_lookup(s, dir, name, len, &ip);
	if (r < 0)
		return r;
	if (!ip)
		return make_dir(s, dir, name, len, e, &ip);
	if (!S_ISDIR(ip->mode))
		return -EINVAL;
	ip->mode = e->mode;
	ip->uid = e->uid;
	ip->gid = e->gid;
	ip->atime = ip->mtime = ip->ctime = e->mtime * NS_PER_S;
	return 0;
}

/* A file or symlink: bound to its header, replacing an earlier non-directory. */
static int put_file(struct vfs_state *s, struct vfs_inode *dir, const char *name, size_t len,
		    const struct vfs_cpio_entry *e)
{
	struct vfs_inode *old;
	int r = vfs_dir_lookup(s, dir, name, len, &old);
	if (r < 0)
		return r;
	if (old && S_ISDIR(old->mode))
		return -EINVAL;
	uint32_t ino = vfs_inode_new_backed(s, e->hdr);
	if (!ino)
		return -ENOMEM;
	if (!old)
		return vfs_dir_add(s, dir, name, len, ino, e->mode);
	vfs_dir_retarget(s, dir, (uint32_t)vfs_dir_find(dir, name, len), ino, e->mode);
	old->nlink--;
	vfs_inode_release(s, old);
	return 0;
}

static int apply(struct vfs_state *s, const struct vfs_cpio_entry *e)
{
	if (!loadable(e->mode))
		return 0;
	struct vfs_inode *dir = vfs_root(s);
	size_t pos = 0, len, next_len;
	const char *name, *next;
	if ((len = next_comp(e, &pos, &name)) == 0)
		return 0; /* "." */
	while ((next_len = next_comp(e, &pos, &next)) > 0) {
		int r = ensure_dir(s, dir, name, len, &dir);
		if (r < 0)
			return r;
		name = next;
		len = next_len;
	}
	if (S_ISDIR(e->mode))
		return put_dir(s, dir, name, len, e);
	return put_file(s, dir, name, len, e);
}

/* Adds every entry of a validated archive to s. */
static int apply_all(struct vfs_state *s, const uint8_t *base, size_t len)
{
	size_t off = 0;
	struct vfs_cpio_entry e;
	int r;
	while ((r = vfs_cpio_next(base, len, &off, &e)) > 0)
		if ((r = apply(s, &e)) < 0)
			return r;
	return r;
}

/* Entries can contradict each other or /dev and /tmp (a file where a
 * directory must be), which shows only while they are added: they are
 * added to a scratch state first, so that such an archive changes nothing. */
static int check_conflicts(const uint8_t *base, size_t len)
{
	struct vfs_state *scratch = vfs_create(NULL);
	if (!scratch)
		return -ENOMEM;
	int r = apply_all(scratch, base, len);
	vfs_destroy(scratch);
	return r;
}

int vfs_load_cpio(struct vfs_state *s, const void *archive, size_t len)
{
	const uint8_t *base = archive;
	int r = validate(base, len);
	if (r == 0)
		r = check_conflicts(base, len);
	return r < 0 ? r : apply_all(s, base, len);
}
