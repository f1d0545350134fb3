// SPDX-License-Identifier: MIT
/* Fuzz target for libuk's cpio reader, libc-shim/uk_cpio.c: the input is a
 * newc archive. uk_cpio_find must only ever return data inside the archive,
 * and on an archive the kernel's reader (kernel/proc/cpio.c) walks without
 * error it must find the first regular file of each name with the same
 * data (or report EIO for a 070702 checksum mismatch). */
#include <errno.h>
#include "fuzz_input.h"
#include "proc/cpio.h"
#include "uk.h"

#define MAX_FILES 32

struct files {
	struct cpio_entry e[MAX_FILES];
	size_t n;
};

static bool seen_name(const struct files *f, const struct cpio_entry *e)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->e[i].namelen == e->namelen && memcmp(f->e[i].name, e->name, e->namelen) == 0)
			return true;
	return false;
}

/* cpio_iterate callback: keeps the first regular file of each name. */
static int collect(const struct cpio_entry *e, void *arg)
{
	struct files *f = arg;
	if ((e->mode & CPIO_S_IFMT) == CPIO_S_IFREG && e->namelen > 0 && f->n < MAX_FILES &&
	    !seen_name(f, e))
		f->e[f->n++] = *e;
	return 0;
}

static void find(const uint8_t *data, size_t size, const char *path)
{
	const void *p = NULL;
	size_t len = 0;
	errno = 0;
	int r = uk_cpio_find(data, size, path, &p, &len);
	if (r != 0) {
		FUZZ_CHECK(r == -1 && (errno == ENOENT || errno == EINVAL || errno == EIO),
			   "%s: r %d errno %d", path, r, errno);
		return;
	}
	const uint8_t *b = p;
	FUZZ_CHECK(b >= data && b <= data + size && len <= (size_t)(data + size - b),
		   "%s: data outside the archive", path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const fixed[] = { "sbin/init", "/bin/sh", "./etc/manifest", "", "." };
	static struct files f;
	f.n = 0;
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		find(data, size, fixed[i]);
	if (cpio_iterate(data, size, collect, &f) != CPIO_OK)
		return 0;
	for (size_t i = 0; i < f.n; i++) {
		const void *p = NULL;
		size_t len = 0;
		int r = uk_cpio_find(data, size, f.e[i].name, &p, &len);
		FUZZ_CHECK(r == 0 || errno == EIO, "%s: not found (errno %d)", f.e[i].name, errno);
		if (r == 0)
			FUZZ_CHECK(p == f.e[i].data && len == f.e[i].size, "%s: other data",
				   f.e[i].name);
	}
	return 0;
}
