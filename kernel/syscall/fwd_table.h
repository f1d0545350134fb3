/* SPDX-License-Identifier: MIT */
/* Which server owns each forwarded Linux system call, the operation it
 * knows it by, and how its arguments travel (values, strings, input and
 * output buffers); made from include/proto/fwd_calls.h. */
#pragma once
#include "lib/types.h"
#include "abi/linux.h"

/* FA_STR0: a string that may be NULL (passed on as 0). FA_INOUT: copied in
 * before the call and back after it. FA_IOCTL, FA_FCNTL: decided by the
 * request or command in argument 1 (fwd_ioctl_arg, fwd_fcntl_arg). */
enum fwd_arg_kind {
	FA_NONE, FA_VAL, FA_STR, FA_IN, FA_OUT, FA_INOUT, FA_STRV, FA_STR0, FA_IOCTL, FA_FCNTL
};  /* the buffers (IN, OUT, INOUT) together: one range test */

struct fwd_arg {
	uint8_t kind;     /* enum fwd_arg_kind */
	int8_t len_arg;   /* FA_IN/FA_OUT: index of the argument holding the length, or -1 */
	uint16_t fixed;   /* ... or a fixed length in bytes */
	uint8_t unit;     /* with len_arg: bytes per counted element (0: 1) */
};

struct fwd_spec {
	uint8_t server;   /* enum fwd_server; 0: not forwarded */
	uint32_t op;      /* the server's operation (enum fwd_<server>_op) */
	struct fwd_arg arg[6];
	uint16_t nr;      /* the Linux call (in the redirect table) */
};

/* The spec of Linux call nr at its first server, or NULL when it is not
 * forwarded. */
const struct fwd_spec *fwd_spec_of(uint64_t nr);
/* The spec of Linux call nr at server (the first, or one it may be
 * redirected to); NULL when that server does not serve it. */
const struct fwd_spec *fwd_spec_at(int server, uint64_t nr);
/* How ioctl's argument travels for request. */
struct fwd_arg fwd_ioctl_arg(uint64_t request);
/* How fcntl's argument travels for cmd. */
struct fwd_arg fwd_fcntl_arg(uint64_t cmd);
