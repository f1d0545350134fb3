// SPDX-License-Identifier: MIT
/* Fuzz target for the kernel's initrd reader, kernel/proc/cpio.c: the input
 * is a newc archive. cpio_iterate must hand out only entries whose name and
 * data lie inside the archive; cpio_find must find each of those names
 * (except one ending in '/', which a lookup strips) and, on an archive that
 * iterates cleanly, answer a few fixed paths with found or not found. */
#include "fuzz_input.h"
#include "proc/cpio.h"

#define MAX_NAMES 64

struct walk {
	const uint8_t *base;
	size_t len;
	const char *names[MAX_NAMES];
	size_t count;
};

static bool inside(const struct walk *w, const void *p, size_t n)
{
	const uint8_t *b = p;
	return b >= w->base && b <= w->base + w->len && n <= (size_t)(w->base + w->len - b);
}

static int check_entry(const struct cpio_entry *e, void *arg)
{
	struct walk *w = arg;
	FUZZ_CHECK(inside(w, e->name, e->namelen + 1), "name outside the archive");
	FUZZ_CHECK(e->name[e->namelen] == '\0' && strlen(e->name) == e->namelen,
		   "name not terminated at namelen");
	FUZZ_CHECK(inside(w, e->data, e->size), "data outside the archive");
	bool slash = e->namelen > 0 && e->name[e->namelen - 1] == '/';
	if (w->count < MAX_NAMES && !slash)
		w->names[w->count++] = e->name;
	return 0;
}

static void find(const struct walk *w, const char *path, int walk_result)
{
	struct cpio_entry e;
	int r = cpio_find(w->base, w->len, path, &e);
	FUZZ_CHECK(r <= 0, "cpio_find returned %d", r);
	FUZZ_CHECK(cpio_strerror(r) != NULL, "no message for %d", r);
	if (r == CPIO_OK)
		FUZZ_CHECK(inside(w, e.data, e.size) && inside(w, e.name, e.namelen + 1),
			   "found entry outside the archive");
	else if (walk_result == CPIO_OK)
		FUZZ_CHECK(r == CPIO_ERR_NOT_FOUND, "find %s: %d on a valid archive", path, r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const fixed[] = { "sbin/init", "/sbin/init", "./etc/manifest", "",
					     "/", ".", "//a//", "TRAILER!!!" };
	struct walk w = { .base = data, .len = size };
	int r = cpio_iterate(data, size, check_entry, &w);
	FUZZ_CHECK(r <= 0, "cpio_iterate returned %d", r);
	for (size_t i = 0; i < w.count; i++) {
		struct cpio_entry e;
		int f = cpio_find(data, size, w.names[i], &e);
		FUZZ_CHECK(f == CPIO_OK, "cpio_find misses listed entry %s: %d", w.names[i], f);
	}
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		find(&w, fixed[i], r);
	return 0;
}
