// SPDX-License-Identifier: MIT
/* Fuzz target for the VFS's initrd loader (servers/vfs/vfs_cpio.c,
 * vfs_initrd.c): the input is a newc archive loaded into a fresh VFS state
 * whose inode cache holds only a few inodes, so that files are rebuilt from
 * their archive headers again and again. When the load succeeds, every
 * file, directory and symlink of the archive must be there with its type,
 * and reading each one must return exactly its size. When it fails, the
 * state must be as vfs_create left it (vfs.h: validated before anything
 * changes). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include "fuzz_input.h"
#include "../../../servers/vfs/vfs.h"
#include "../../../servers/vfs/vfs_cpio.h"

static const struct vfs_caller root_caller = { .pid = 1 };

/* Reads the regular file path to its end; returns the bytes read. */
static int64_t read_all(struct vfs_state *s, const char *path)
{
	static char buf[4096];
	int fd = vfs_openat(s, &root_caller, AT_FDCWD, path, O_RDONLY | O_NOFOLLOW, 0);
	FUZZ_CHECK(fd >= 0, "open %s: %d", path, fd);
	int64_t total = 0;
	ssize_t n;
	while ((n = vfs_read(s, &root_caller, fd, buf, sizeof(buf))) > 0)
		total += n;
	FUZZ_CHECK(n == 0, "read %s: %zd", path, n);
	FUZZ_CHECK(vfs_close(s, &root_caller, fd) == 0, "close %s", path);
	return total;
}

/* Checks that the loaded entry e is present as the archive says. */
static void check_entry(struct vfs_state *s, const struct vfs_cpio_entry *e)
{
	static char path[VFS_PATH_MAX + 2], link[VFS_PATH_MAX];
	struct linux_stat st;
	if (!S_ISREG(e->mode) && !S_ISDIR(e->mode) && !S_ISLNK(e->mode))
		return;
	snprintf(path, sizeof(path), "/%s", e->name);
	int r = vfs_newfstatat(s, &root_caller, AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW);
	if (r == -ENAMETOOLONG)
		return;
	FUZZ_CHECK(r == 0, "stat %s: %d", path, r);
	FUZZ_CHECK(S_ISDIR(st.st_mode) == S_ISDIR(e->mode), "%s: type changed", path);
	if (S_ISREG(st.st_mode))
		FUZZ_CHECK(read_all(s, path) == st.st_size, "%s: read != size", path);
	if (S_ISLNK(st.st_mode))
		FUZZ_CHECK(vfs_readlinkat(s, &root_caller, AT_FDCWD, path, link, sizeof(link)) ==
				   st.st_size, "%s: readlink != size", path);
}

/* What vfs_create makes: the nodes, their metadata and the names in each
 * directory (getdents bytes). */
struct snapshot {
	struct linux_stat st[8];
	ssize_t names[3];
};

static void take_snapshot(struct vfs_state *s, struct snapshot *snap)
{
	static const char *const nodes[] = { "/", "/dev", "/tmp", "/dev/null", "/dev/zero",
					     "/dev/console", "/dev/tty", "/dev/." };
	static char buf[4096];
	memset(snap, 0, sizeof(*snap));
	for (int i = 0; i < 8; i++)
		vfs_newfstatat(s, &root_caller, AT_FDCWD, nodes[i], &snap->st[i],
			       AT_SYMLINK_NOFOLLOW);
	for (int i = 0; i < 3; i++) {
		int fd = vfs_openat(s, &root_caller, AT_FDCWD, nodes[i], O_RDONLY, 0);
		snap->names[i] = fd < 0 ? fd : vfs_getdents64(s, &root_caller, fd, buf, sizeof(buf));
		vfs_close(s, &root_caller, fd);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vfs_config cfg = { .icache_max_inodes = 4, .icache_max_bytes = 64,
				  .dcache_max = 8 };
	struct vfs_state *s = vfs_create(&cfg);
	FUZZ_CHECK(s != NULL, "vfs_create");
	static struct snapshot before, after;
	take_snapshot(s, &before);
	int r = vfs_load_cpio(s, data, size);
	FUZZ_CHECK(r == 0 || r == -EINVAL, "vfs_load_cpio returned %d", r);
	if (r < 0) {
		take_snapshot(s, &after);
		FUZZ_CHECK(memcmp(&before, &after, sizeof(before)) == 0,
			   "a failed load changed the state");
	}
	size_t off = 0;
	struct vfs_cpio_entry e;
	while (r == 0 && (r = vfs_cpio_next(data, size, &off, &e)) > 0)
		check_entry(s, &e);
	vfs_destroy(s);
	return 0;
}
