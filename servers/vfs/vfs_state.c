// SPDX-License-Identifier: MIT
/* Making and destroying the state, what every call starts with, the clock
 * and the cache statistics. Entry points: vfs_create, vfs_destroy,
 * vfs_set_callbacks, vfs_enter, vfs_now, vfs_root, vfs_cache_stats. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "vfs_dev.h"
#include "vfs_fd.h"
#include "vfs_procfs.h"
#include "vfs_state.h"

/* Makes the root directory, which takes number VFS_ROOT_INO. */
static int make_root(struct vfs_state *s)
{
	struct vfs_inode *root = vfs_inode_new(s, S_IFDIR | 0755, 0, 0);
	if (!root)
		return -ENOMEM;
	root->nlink = 2;
	root->u.dir.parent = root->ino;
	return root->ino == VFS_ROOT_INO ? 0 : -EINVAL;
}

struct vfs_state *vfs_create(const struct vfs_config *cfg)
{
	struct vfs_config none = { 0 };
	if (!cfg)
		cfg = &none;
	struct vfs_state *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	vfs_set_callbacks(s, cfg);
	if (vfs_itable_init(&s->it, cfg->icache_max_inodes, cfg->icache_max_bytes) < 0) {
		free(s);
		return NULL;
	}
	s->it.heap_max = cfg->max_data_bytes;
	if (vfs_dcache_init(&s->dc, cfg->dcache_max) < 0 || make_root(s) < 0 ||
	    vfs_dev_populate(s) < 0 || vfs_procfs_populate(s) < 0) {
		vfs_destroy(s);
		return NULL;
	}
	return s;
}

void vfs_set_callbacks(struct vfs_state *s, const struct vfs_config *cfg)
{
	s->clock = cfg->clock;
	s->clock_ctx = cfg->clock_ctx;
	s->space = cfg->space;
	s->space_ctx = cfg->space_ctx;
	s->proc_text = cfg->proc_text;
	s->proc_ctx = cfg->proc_ctx;
	s->hook = cfg->lookup_hook;
	s->hook_ctx = cfg->hook_ctx;
}

void vfs_destroy(struct vfs_state *s)
{
	if (!s)
		return;
	vfs_wait_reset(s);
	vfs_proc_destroy_all(s);
	vfs_itable_destroy(s);
	vfs_dcache_destroy(&s->dc);
	free(s);
}

int vfs_enter(struct vfs_ctx *x, struct vfs_state *s, const struct vfs_caller *c)
{
	vfs_itable_trim(s);
	x->s = s;
	x->c = c;
	x->p = vfs_proc_get(s, c->pid);
	return x->p ? 0 : -ENOMEM;
}

int vfs_enter_fd(struct vfs_ctx *x, struct vfs_state *s, const struct vfs_caller *c, int fd,
		 struct vfs_file **fp)
{
	int r = vfs_enter(x, s, c);
	if (r < 0)
		return r;
	*fp = vfs_fd_get(x->p, fd);
	return *fp ? 0 : -EBADF;
}

uint64_t vfs_now(const struct vfs_state *s)
{
	return s->clock ? s->clock(s->clock_ctx) : 0;
}

struct vfs_inode *vfs_root(struct vfs_state *s)
{
	return s->it.slots[VFS_ROOT_INO].ip;
}

void vfs_cache_stats(struct vfs_state *s, struct vfs_cache_stats *out)
{
	vfs_itable_trim(s);
	const struct vfs_itable *t = &s->it;
	*out = (struct vfs_cache_stats){
		.inode_hits = t->hits,
		.inode_misses = t->misses,
		.inode_evictions = t->evictions,
		.inodes_resident = t->resident,
		.inodes_dirty = t->dirty,
		.bytes_resident = t->bytes,
		.heap_bytes = t->heap_bytes,
		.data_bytes = t->data_bytes,
		.dentry_hits = s->dc.hits,
		.dentry_negative_hits = s->dc.neg_hits,
		.dentry_misses = s->dc.misses,
		.dentry_evictions = s->dc.evictions,
		.dentries = s->dc.n,
	};
}
