/* SPDX-License-Identifier: MIT */
/* Starting servers and programs. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "abi/syscall.h"

struct svc;

/* Starts every server of /etc/manifest; -1 (after saying why) on failure. */
int svc_start_all(void);
/* Spawns the program at path, read through the VFS once it serves (else
 * from the initrd); returns the pid or -1 with errno. */
long svc_spawn_file(const char *path, char **argv, char **envp, const struct uk_spawn_cap *caps);
/* Reads a whole file through the VFS into malloc'd memory; NULL with errno. */
void *svc_read_file(const char *path, size_t *len);
/* Serves execve and service control on a thread of its own and registers
 * as the process server. */
int procmgr_start(void);
/* A new service-control capability (proto/svc.h) in init's table: the
 * process endpoint with badge SVC_BADGE; -1 with errno on failure. */
int procmgr_svc_cap(void);
/* Serves one service-control request (svc_ctl.c). */
struct ipc_request;
struct ipc_slot;
int32_t svc_ctl_handle(void *ctx, const struct ipc_request *rq, struct ipc_slot *out);
/* Whether path names a file of the initrd. */
bool svc_in_initrd(const char *path);
/* Whether a swap of s may take path: a binary in the initrd, or a file the
 * VFS holds (for any server but the VFS itself). */
bool svc_binary_exists(const struct svc *s, const char *path);
/* Starts (or restarts, keeping its endpoint) one server and waits until it
 * is ready; its death then signals death_bit on deaths (-1: none). The
 * binary comes from the initrd, or from the VFS (svc_binary_exists). */
int svc_start(struct svc *s, int deaths, uint64_t death_bit);
/* Watches the servers and restarts those that die (a thread of its own). */
int supervise_start(struct svc *list, int n, int deaths_notif);
/* Says something on the system log: through the kernel, which never waits
 * on the console (the server init may be restarting). */
__attribute__((format(printf, 1, 2))) void say(const char *fmt, ...);
/* The supervised servers, by name or index (NULL when absent). */
struct svc *svc_find(const char *name);
struct svc *svc_at(int i);
int svc_count(void);
