// SPDX-License-Identifier: MIT
/* unveil(2) bookkeeping and decisions over canonical absolute paths; the
 * rules are listed in vfs_unveil.h. Entry points: vfs_unveil_init,
 * vfs_unveil_copy, vfs_unveil_active, vfs_unveil_perms, vfs_unveil_add,
 * vfs_unveil_lock, vfs_unveil_check, vfs_unveil_check_create.
 *
 * The table may come from a memory object written by an earlier instance of
 * the server, so reads are bounded by VFS_UNVEIL_MAX and VFS_UNVEIL_PATH
 * whatever count says, and an add fills its entry before counting it. */
#include <errno.h>
#include <string.h>
#include "vfs_unveil.h"

/* Entries in use, never more than the table holds. */
static uint32_t uv_count(const struct vfs_unveil *u)
{
	return u->count < VFS_UNVEIL_MAX ? u->count : VFS_UNVEIL_MAX;
}

/* Whether the n bytes at c form a usable name: not empty, ".", or "..". */
static bool uv_name_ok(const char *c, size_t n)
{
	if (n == 0 || (n == 1 && c[0] == '.'))
		return false;
	return !(n == 2 && c[0] == '.' && c[1] == '.');
}

/* Whether path is absolute and canonical: "/" or "/name(/name)*". */
static bool uv_canonical(const char *path)
{
	if (path[0] != '/')
		return false;
	if (path[1] == '\0')
		return true;
	for (const char *c = path + 1;;) {
		const char *end = strchr(c, '/');
		size_t n = end ? (size_t)(end - c) : strlen(c);
		if (!uv_name_ok(c, n))
			return false;
		if (!end)
			return true;
		c = end + 1;
	}
}

/* Whether the elen-byte path e covers p: p is e or lies below it. */
static bool uv_covers(const char *e, size_t elen, const char *p)
{
	if (elen == 1 && e[0] == '/')
		return true;
	return strncmp(e, p, elen) == 0 && (p[elen] == '\0' || p[elen] == '/');
}

static size_t uv_len(const struct vfs_unveil_entry *e)
{
	return strnlen(e->path, VFS_UNVEIL_PATH);
}

/* The most specific entry covering p, or NULL. */
static const struct vfs_unveil_entry *uv_governing(const struct vfs_unveil *u, const char *p)
{
	const struct vfs_unveil_entry *best = NULL;
	size_t best_len = 0;
	for (uint32_t i = 0; i < uv_count(u); i++) {
		size_t n = uv_len(&u->e[i]);
		if (uv_covers(u->e[i].path, n, p) && (best == NULL || n > best_len)) {
			best = &u->e[i];
			best_len = n;
		}
	}
	return best;
}

/* Whether p is a proper ancestor of an entry that grants something. */
static bool uv_on_the_way(const struct vfs_unveil *u, const char *p)
{
	size_t plen = strlen(p);
	for (uint32_t i = 0; i < uv_count(u); i++)
		if (u->e[i].perms != 0 && uv_len(&u->e[i]) > plen &&
		    uv_covers(p, plen, u->e[i].path))
			return true;
	return false;
}

/* The entry for exactly path, or NULL. */
static struct vfs_unveil_entry *uv_find(struct vfs_unveil *u, const char *path)
{
	for (uint32_t i = 0; i < uv_count(u); i++)
		if (strncmp(u->e[i].path, path, VFS_UNVEIL_PATH) == 0)
			return &u->e[i];
	return NULL;
}

void vfs_unveil_init(struct vfs_unveil *u)
{
	memset(u, 0, sizeof(*u));
}

void vfs_unveil_copy(struct vfs_unveil *child, const struct vfs_unveil *parent)
{
	*child = *parent;
}

bool vfs_unveil_active(const struct vfs_unveil *u)
{
	return (u->flags & VFS_UNVEIL_ACTIVE) != 0;
}

static uint8_t uv_perm_bit(char c)
{
	switch (c) {
	case 'r': return VFS_UV_R;
	case 'w': return VFS_UV_W;
	case 'x': return VFS_UV_X;
	case 'c': return VFS_UV_C;
	default: return 0;
	}
}

int vfs_unveil_perms(const char *s, uint8_t *out)
{
	uint8_t perms = 0;
	for (; *s != '\0'; s++) {
		uint8_t bit = uv_perm_bit(*s);
		if (bit == 0)
			return -EINVAL;
		perms |= bit;
	}
	*out = perms;
	return 0;
}

/* Appends a new entry; the caller checked that path fits and is new. */
static int uv_append(struct vfs_unveil *u, const char *path, size_t len, uint8_t perms)
{
	uint32_t n = uv_count(u);
	if (n >= VFS_UNVEIL_MAX)
		return -E2BIG;
	struct vfs_unveil_entry *e = &u->e[n];
	memset(e->path, 0, sizeof(e->path));
	memcpy(e->path, path, len + 1);
	e->perms = perms;
	u->count = n + 1;
	return 0;
}

int vfs_unveil_add(struct vfs_unveil *u, const char *canon_path, uint8_t perms)
{
	if (u->flags & VFS_UNVEIL_LOCKED)
		return -EPERM;
	size_t len = strnlen(canon_path, VFS_UNVEIL_PATH);
	if (len == VFS_UNVEIL_PATH)
		return -ENAMETOOLONG;
	if ((perms & ~VFS_UV_ALL) || !uv_canonical(canon_path))
		return -EINVAL;
	struct vfs_unveil_entry *e = uv_find(u, canon_path);
	if (e != NULL && (perms & ~e->perms))
		return -EPERM;  /* unveil(2): "An attempt to increase permissions" */
	if (e != NULL) {
		e->perms = perms;
	} else {
		int r = uv_append(u, canon_path, len, perms);
		if (r < 0)
			return r;
	}
	u->flags |= VFS_UNVEIL_ACTIVE;
	return 0;
}

void vfs_unveil_lock(struct vfs_unveil *u)
{
	u->flags |= VFS_UNVEIL_LOCKED;
}

int vfs_unveil_check(const struct vfs_unveil *u, const char *canon_path, uint8_t want,
		     bool is_dir)
{
	if (!vfs_unveil_active(u))
		return 0;
	if ((want & ~VFS_UV_ALL) || !uv_canonical(canon_path))
		return -EINVAL;
	const struct vfs_unveil_entry *g = uv_governing(u, canon_path);
	if (g != NULL && g->perms != 0)
		return (want & ~g->perms) ? -EACCES : 0;
	if (want == 0 && is_dir && uv_on_the_way(u, canon_path))
		return 0;
	return -ENOENT;
}

/* Writes parent/name to out ("/name" for the root). Returns 0, -EINVAL or
 * -ENAMETOOLONG. */
static int uv_join(const char *parent, const char *name, char out[VFS_UNVEIL_JOIN_MAX])
{
	size_t plen = strlen(parent), nlen = strlen(name);
	if (parent[0] != '/' || strchr(name, '/') != NULL || !uv_name_ok(name, nlen))
		return -EINVAL;
	if (plen == 1)
		plen = 0;
	if (plen + 1 + nlen + 1 > VFS_UNVEIL_JOIN_MAX)
		return -ENAMETOOLONG;
	memcpy(out, parent, plen);
	out[plen] = '/';
	memcpy(out + plen + 1, name, nlen + 1);
	return 0;
}

int vfs_unveil_check_create(const struct vfs_unveil *u, const char *canon_parent,
			    const char *name)
{
	if (!vfs_unveil_active(u))
		return 0;
	char path[VFS_UNVEIL_JOIN_MAX];
	int r = uv_join(canon_parent, name, path);
	if (r < 0)
		return r;
	return vfs_unveil_check(u, path, VFS_UV_C, false);
}
