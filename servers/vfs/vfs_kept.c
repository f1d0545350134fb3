// SPDX-License-Identifier: MIT
/* What a VFS instance starts from: the state its predecessor left in the
 * arena (a restart or a swap), or a fresh state loaded from the initrd.
 * Entry point: vfs_kept_open. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include "uk.h"
#include "vfs.h"
#include "vfs_arena.h"
#include "vfs_kept.h"

#define ARENA_ADDR 0x0000600000000000ull  /* where every instance maps it */
#define ARENA_META_SHARE 6                /* 1/6 of the arena is kept for all but file bytes */

/* The vDSO answers CLOCK_REALTIME without a call: the VFS never waits
 * for the time server (which writes to the VFS itself). */
static uint64_t realtime_ns(void *ctx)
{
	struct timespec ts;
	(void)ctx;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint64_t arena_space(void *ctx)
{
	(void)ctx;
	return vfs_arena_free_bytes();
}

/* The store: what the arena holds less a share for inodes, directories,
 * descriptors, pipes and caches, so those still work when files fill it. */
static uint64_t store_bytes(void)
{
	size_t used, size;
	vfs_arena_usage(&used, &size);
	return size - size / ARENA_META_SHARE;
}

struct vfs_kept *vfs_kept_open(int slot)
{
	const void *initrd;
	size_t len;
	struct cap_info ci;
	struct vfs_config cfg = { .icache_max_inodes = 4096, .icache_max_bytes = 16u << 20,
				  .dcache_max = 4096, .clock = realtime_ns, .space = arena_space,
				  .proc_text = vfs_proc_text };
	void *base = uk_mem_map(slot, ARENA_ADDR, PROT_READ | PROT_WRITE);
	if (base != (void *)-1 && base == (void *)ARENA_ADDR && uk_cap_info(slot, &ci) == 0) {
		uint32_t found = vfs_arena_found_version(base);
		if (found && found != VFS_ARENA_VERSION) {
			fprintf(stderr, "vfs: the kept state has layout %u, this binary knows %u: refusing it\n",
				found, VFS_ARENA_VERSION);
			return NULL;
		}
		if (vfs_arena_attach(base, ci.arg0, VFS_ARENA_VERSION) && vfs_arena_root()) {
			if (*vfs_arena_busy())
				fprintf(stderr, "vfs: the previous instance died inside a call; "
						"that call may be half done\n");
			*vfs_arena_busy() = 0;
			if (!vfs_arena_check())
				fprintf(stderr, "vfs: the kept heap is inconsistent; serving on with it\n");
			struct vfs_kept *k = vfs_arena_root();
			vfs_set_callbacks(k->vfs, &cfg);  /* this binary's, not the predecessor's */
			return k;  /* a restart: files, descriptors, caches as they were */
		}
	} else if (base != (void *)-1) {
		fprintf(stderr, "vfs: state not at %#llx: files will not outlive this instance\n",
			ARENA_ADDR);
	}
	struct vfs_kept *k = calloc(1, sizeof(*k));
	cfg.max_data_bytes = store_bytes();
	if (!k || !(k->vfs = vfs_create(&cfg))) {
		fprintf(stderr, "vfs: no memory for the state\n");
		return NULL;
	}
	if (uk_initrd(&initrd, &len) < 0) {
		fprintf(stderr, "vfs: no initrd to load\n");
		return NULL;
	}
	int err = vfs_load_cpio(k->vfs, initrd, len);
	if (err < 0) {
		fprintf(stderr, "vfs: cannot load the initrd (%zu bytes): %s\n", len, strerror(-err));
		return NULL;
	}
	vfs_arena_set_root(k);
	return k;
}

