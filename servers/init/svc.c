// SPDX-License-Identifier: MIT
/* Servers: endpoint and capabilities per the manifest, spawn, wait for the
 * ready signal (or the death notice), register as the forwarding target. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <string.h>
#include <unistd.h>
#include <x86intrin.h>
#include "manifest.h"
#include "svc.h"
#include "uk.h"
#include "proto/fwd.h"

#define READY_BIT 1
#define DIED_BIT 2

static struct svc svcs[MANIFEST_MAX];
static int nsvcs;
static int vfs_up;

/* Builds the capability list: endpoint, ready notification, then extras. */
static int build_caps(struct svc *s, int ready, struct uk_spawn_cap *caps)
{
	int n = 0;
	caps[n++] = (struct uk_spawn_cap){ s->ep, CAP_R_READ | CAP_R_WRITE, 0 };
	caps[n++] = (struct uk_spawn_cap){ ready, CAP_R_WRITE, 0 };
	for (int i = 0; i < s->ncaps; i++) {
		const struct svc_cap *c = &s->caps[i];
		if (c->kind == SVC_CAP_STATE && !s->state)
			s->state = uk_mem_create(c->count);  /* once: successors find it as it was */
		int slot = c->kind == SVC_CAP_STATE ? uk_cap_copy(s->state, CAP_R_ALL, 0, 0) :
			   c->kind == SVC_CAP_IOPORT ? uk_ioport_get(CAP_SLOT_IOPORT_ROOT, c->base, c->count)
						     : uk_irq_get(CAP_SLOT_IRQ_ROOT, c->base);
		if (slot < 0)
			return -1;
		uint32_t rights = CAP_R_READ | CAP_R_WRITE | (c->kind == SVC_CAP_STATE ? CAP_R_MAP : 0);
		caps[n++] = (struct uk_spawn_cap){ slot, rights, 0 };
	}
	caps[n] = (struct uk_spawn_cap){ -1, 0, 0 };
	return 0;
}

static uint64_t now_ns(void)
{
	uint64_t hz = getauxval(AT_UK_TSC_HZ), boot = getauxval(AT_UK_TSC_BOOT);
	return hz ? (uint64_t)((unsigned __int128)(__rdtsc() - boot) * 1000000000ull / hz) : 0;
}

/* The server's binary: from the initrd, or (a swap to a file the VFS
 * holds) read through the VFS into *owned, which the caller frees. A new
 * VFS never comes from the VFS. */
static int load_image(const struct svc *s, const void **image, size_t *len, void **owned)
{
	*owned = NULL;
	if (uk_initrd_find(s->path, image, len) == 0)
		return 0;
	if (!vfs_up || s->fwd == FWD_SRV_VFS || !(*owned = svc_read_file(s->path, len)))
		return -1;
	*image = *owned;
	return 0;
}

bool svc_in_initrd(const char *path)
{
	const void *image;
	size_t len;
	return uk_initrd_find(path, &image, &len) == 0;
}

bool svc_binary_exists(const struct svc *s, const char *path)
{
	if (svc_in_initrd(path))
		return true;
	return vfs_up && s->fwd != FWD_SRV_VFS && access(path, R_OK) == 0;
}

int svc_start(struct svc *s, int deaths, uint64_t death_bit)
{
	struct uk_spawn_cap caps[MANIFEST_MAX_CAPS + 3];
	const void *image;
	void *owned;
	size_t len;
	char *argv[] = { s->path, NULL }, *envp[] = { NULL };
	uint64_t t0 = __rdtsc(), bits = 0;
	int ready = uk_notif_create();
	if (!s->ep)
		s->ep = uk_endpoint_create();
	if (ready < 0 || s->ep < 0 || build_caps(s, ready, caps) < 0 ||
	    load_image(s, &image, &len, &owned) < 0)
		return -1;
	unsigned flags = UK_SPAWN_SETSID | (s->initrd ? UK_SPAWN_SHARE_INITRD : 0);
	s->pid = uk_spawn_caps(image, len, argv, envp, flags, caps);
	free(owned);
	if (s->pid < 0)
		return -1;
	int proc = uk_proc_cap(s->pid);
	if (proc < 0 || uk_proc_watch(proc, ready, DIED_BIT) < 0)
		return -1;
	if (uk_notif_wait(ready, &bits, 0) < 0 || !(bits & READY_BIT)) {
		say("init: server %s (%s) died before it was ready\n", s->name, s->path);
		uk_wait(s->pid, NULL, 0);
		errno = ECHILD;
		return -1;
	}
	uk_cap_delete(ready);
	for (int i = 0; i < s->ncaps; i++)
		uk_cap_delete(caps[2 + i].slot);  /* the server has its own copies */
	if (deaths >= 0 && uk_proc_watch(proc, deaths, death_bit) < 0)
		return -1;
	uk_cap_delete(proc);
	s->started_ns = now_ns();
	if (s->fwd && !s->registered && uk_fwd_register(s->fwd, s->ep) < 0)
		return -1;
	s->registered = true;
	if (s->fwd == FWD_SRV_VFS)
		vfs_up = 1;
	unsigned long hz = getauxval(AT_UK_TSC_HZ);
	unsigned long long ticks = __rdtsc() - t0;
	say("init: %s ready (pid %ld) in %llu us\n", s->name, s->pid,
	       hz ? ticks * 1000000ull / hz : 0);
	return 0;
}

int svc_start_all(void)
{
	const void *text;
	size_t len;
	char err[128];
	if (uk_initrd_find("/etc/manifest", &text, &len) < 0) {
		printf("init: no /etc/manifest in the initrd; starting no servers\n");
		return 0;
	}
	nsvcs = manifest_parse(text, len, svcs, MANIFEST_MAX, err, sizeof(err));
	if (nsvcs < 0) {
		printf("init: %s\n", err);
		return -1;
	}
	int deaths = uk_notif_create();
	for (int i = 0; i < nsvcs; i++) {
		if (svc_start(&svcs[i], deaths, 1ull << i) < 0) {
			printf("init: cannot start %s (%s): %s\n", svcs[i].name, svcs[i].path,
			       strerror(errno));
			return -1;
		}
	}
	return supervise_start(svcs, nsvcs, deaths);
}

void *svc_read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	for (ssize_t r; buf; n += (size_t)r) {
		if (n == cap && !(buf = realloc(buf, cap *= 2)))
			break;
		if ((r = read(fd, buf + n, cap - n)) <= 0) {
			if (r < 0) {
				free(buf);
				buf = NULL;
			}
			break;
		}
	}
	close(fd);
	*len = n;
	return buf;
}

long svc_spawn_file(const char *path, char **argv, char **envp, const struct uk_spawn_cap *caps)
{
	if (!vfs_up)
		return uk_spawn_path_caps(path, argv, envp, UK_SPAWN_SETSID, caps);
	size_t len;
	void *image = svc_read_file(path, &len);
	if (!image)
		return -1;
	long pid = uk_spawn_caps(image, len, argv, envp, UK_SPAWN_SHARE_INITRD | UK_SPAWN_SETSID, caps);
	int saved = errno;
	free(image);
	errno = saved;
	return pid;
}
