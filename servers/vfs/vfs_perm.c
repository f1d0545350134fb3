// SPDX-License-Identifier: MIT
/* Permission rules: owner, group and other rwx bits; uid 0 passes all but
 * execution of a file without any x bit; the sticky bit guards deletion.
 * Entry points: vfs_perm, vfs_cred_in_group, vfs_cred_owns, vfs_may_create,
 * vfs_may_delete. */
#include <errno.h>
#include <sys/stat.h>
#include "vfs_state.h"

bool vfs_cred_in_group(const struct vfs_cred *cred, uint32_t gid)
{
	if (cred->gid == gid)
		return true;
	uint32_t n = cred->ngroups < VFS_NGROUPS_MAX ? cred->ngroups : VFS_NGROUPS_MAX;
	for (uint32_t i = 0; i < n; i++)
		if (cred->groups[i] == gid)
			return true;
	return false;
}

bool vfs_cred_owns(const struct vfs_cred *cred, const struct vfs_inode *ip)
{
	return cred->uid == 0 || cred->uid == ip->uid;
}

int vfs_perm(const struct vfs_cred *cred, const struct vfs_inode *ip, int mask)
{
	if (cred->uid == 0) {
		bool exec_ok = S_ISDIR(ip->mode) || (ip->mode & (S_IXUSR | S_IXGRP | S_IXOTH));
		return (mask & VFS_MAY_EXEC) && !exec_ok ? -EACCES : 0;
	}
	uint32_t bits;
	if (cred->uid == ip->uid)
		bits = ip->mode >> 6;
	else if (vfs_cred_in_group(cred, ip->gid))
		bits = ip->mode >> 3;
	else
		bits = ip->mode;
	return ((bits & 7) & (uint32_t)mask) == (uint32_t)mask ? 0 : -EACCES;
}

int vfs_may_create(const struct vfs_cred *cred, const struct vfs_inode *dir)
{
	if (dir->nlink == 0)
		return -ENOENT;
	return vfs_perm(cred, dir, VFS_MAY_WRITE | VFS_MAY_EXEC);
}

int vfs_may_delete(const struct vfs_cred *cred, const struct vfs_inode *dir,
		   const struct vfs_inode *ip)
{
	int r = vfs_perm(cred, dir, VFS_MAY_WRITE | VFS_MAY_EXEC);
	if (r < 0)
		return r;
	if ((dir->mode & S_ISVTX) && cred->uid != 0 && cred->uid != ip->uid &&
	    cred->uid != dir->uid)
		return -EPERM;
	return 0;
}
