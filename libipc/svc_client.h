/* SPDX-License-Identifier: MIT */
/* The client side of init's service-control protocol (include/proto/svc.h),
 * for the svc tool and tests: it finds the service-control capability in
 * the caller's table and calls init through it. */
#pragma once
#include <stddef.h>

/* Asks init to do op on server name (arg: the path of a swap, else NULL);
 * the text answer goes to buf[0..len). Returns the answer's length, or -1
 * with errno: EPERM without the capability, or without effective uid 0 for
 * an operation that changes a server; ESRCH for no such (running) server;
 * ENOENT or EPERM for a swap to a binary that is missing or that a
 * non-administrator could have written; EINVAL for a bad name or argument. */
long svc_call(unsigned op, const char *name, const char *arg, char *buf, size_t len);
