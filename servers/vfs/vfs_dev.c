// SPDX-License-Identifier: MIT
/* /dev nodes and the start-up directories (see vfs_dev.h). Entry points:
 * vfs_dev_populate, vfs_dev_is_console, vfs_dev_known, vfs_dev_read,
 * vfs_dev_write. */
#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include "vfs_dev.h"
#include "vfs_state.h"

static const struct {
	const char *name;
	uint32_t rdev;
	uint32_t mode;
} dev_nodes[] = {
	{ "null", VFS_DEV_NULL, 0666 },
	{ "zero", VFS_DEV_ZERO, 0666 },
	{ "console", VFS_DEV_CONSOLE, 0600 },
	{ "tty", VFS_DEV_TTY, 0666 },
	{ "random", VFS_DEV_RANDOM, 0666 },
	{ "urandom", VFS_DEV_URANDOM, 0666 },
};

/* Returns name in dir, creating it with mode if absent; NULL without memory. */
static struct vfs_inode *ensure(struct vfs_state *s, struct vfs_inode *dir, const char *name,
				uint32_t mode)
{
	struct vfs_inode *ip;
	if (vfs_dir_lookup(s, dir, name, strlen(name), &ip) < 0)
		return NULL;
	if (!ip && vfs_dir_create(s, dir, name, strlen(name), mode, 0, 0, &ip) < 0)
		return NULL;
	return ip;
}

int vfs_dev_populate(struct vfs_state *s)
{
	struct vfs_inode *root = vfs_root(s);
	struct vfs_inode *dev = ensure(s, root, "dev", S_IFDIR | 0755);
	if (!dev || !ensure(s, root, "tmp", S_IFDIR | 01777))
		return -ENOMEM;
	if (!S_ISDIR(dev->mode))
		return 0;
	for (size_t i = 0; i < sizeof(dev_nodes) / sizeof(dev_nodes[0]); i++) {
		struct vfs_inode *ip = ensure(s, dev, dev_nodes[i].name, S_IFCHR | dev_nodes[i].mode);
		if (!ip)
			return -ENOMEM;
		if (S_ISCHR(ip->mode) && ip->rdev == 0)
			ip->rdev = dev_nodes[i].rdev;
	}
	return 0;
}

bool vfs_dev_is_console(const struct vfs_inode *ip)
{
	return ip->rdev == VFS_DEV_CONSOLE || ip->rdev == VFS_DEV_TTY;
}

bool vfs_dev_known(uint32_t rdev)
{
	for (size_t i = 0; i < sizeof(dev_nodes) / sizeof(dev_nodes[0]); i++)
		if (dev_nodes[i].rdev == rdev)
			return true;
	return false;
}

/* Fills buf from getrandom: what the kernel gives (a short read when it
 * stops part way, as Linux's /dev/urandom may), or its error (-ENOSYS
 * while the kernel has no getrandom). */
static ssize_t random_bytes(void *buf, size_t len)
{
	size_t done = 0;
	while (done < len) {
		ssize_t n = getrandom((char *)buf + done, len - done, 0);
		if (n <= 0)
			return done ? (ssize_t)done : n < 0 ? -errno : -EIO;
		done += (size_t)n;
	}
	return (ssize_t)done;
}

ssize_t vfs_dev_read(const struct vfs_inode *ip, void *buf, size_t len)
{
	switch (ip->rdev) {
	case VFS_DEV_RANDOM:
	case VFS_DEV_URANDOM:
		return random_bytes(buf, len);
	case VFS_DEV_NULL:
		return 0;
	case VFS_DEV_ZERO:
		memset(buf, 0, len);
		return (ssize_t)len;
	case VFS_DEV_CONSOLE:
	case VFS_DEV_TTY:
		return VFS_FORWARD_CONSOLE;
	default:
		return -ENXIO;
	}
}

ssize_t vfs_dev_write(const struct vfs_inode *ip, const void *buf, size_t len)
{
	(void)buf;
	switch (ip->rdev) {
	case VFS_DEV_NULL:
	case VFS_DEV_ZERO:
	case VFS_DEV_RANDOM:   /* as Linux: accepted, mixed into nothing here */
	case VFS_DEV_URANDOM:
		return (ssize_t)len;
	case VFS_DEV_CONSOLE:
	case VFS_DEV_TTY:
		return VFS_FORWARD_CONSOLE;
	default:
		return -ENXIO;
	}
}
