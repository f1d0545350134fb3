/* SPDX-License-Identifier: MIT */
/* OpenBSD's pledge(2) and unveil(2) for static musl programs on this
 * system (libuk). Both return 0, or -1 with errno (EINVAL for an unknown
 * promise or permission, EPERM for widening a pledge or unveiling after
 * unveil(NULL, NULL), ENOENT for a path whose directory does not exist,
 * E2BIG when too many paths are unveiled). See docs/syscalls.md. */
#pragma once

/* promises, execpromises: space-separated promise names, or NULL to leave
 * that set as it is. */
int pledge(const char *promises, const char *execpromises);
/* permissions: any of "rwxc"; unveil(NULL, NULL) forbids further calls. */
int unveil(const char *path, const char *permissions);
