/* SPDX-License-Identifier: MIT */
/* Starting servers and programs. */
#pragma once
#include "abi/syscall.h"

/* Starts every server of /etc/manifest; -1 (after saying why) on failure. */
int svc_start_all(void);
/* Spawns the program at path, read through the VFS once it serves (else
 * from the initrd); returns the pid or -1 with errno. */
long svc_spawn_file(const char *path, char **argv, char **envp, const struct uk_spawn_cap *caps);
/* Reads a whole file through the VFS into malloc'd memory; NULL with errno. */
void *svc_read_file(const char *path, size_t *len);
/* Serves execve on a thread of its own and registers as the process server. */
int procmgr_start(void);
