/* SPDX-License-Identifier: MIT */
/* Which server owns each forwarded Linux system call, and how its arguments
 * travel (values, strings, input and output buffers). */
#pragma once
#include "lib/types.h"
#include "abi/linux.h"

/* FA_STR0: a string that may be NULL (passed on as 0). */
enum fwd_arg_kind { FA_NONE, FA_VAL, FA_STR, FA_IN, FA_OUT, FA_STRV, FA_STR0 };

struct fwd_arg {
	uint8_t kind;     /* enum fwd_arg_kind */
	int8_t len_arg;   /* FA_IN/FA_OUT: index of the argument holding the length, or -1 */
	uint16_t fixed;   /* ... or a fixed length in bytes */
	uint8_t unit;     /* with len_arg: bytes per counted element (0: 1) */
};

struct fwd_spec {
	uint8_t server;   /* enum fwd_server; 0: not forwarded */
	struct fwd_arg arg[6];
};

/* The spec of Linux call nr, or NULL when it is not forwarded. */
const struct fwd_spec *fwd_spec_of(uint64_t nr);
/* The arguments of ioctl(fd, request, arg) as a spec (arg depends on request). */
void fwd_ioctl_spec(uint64_t request, struct fwd_spec *out);
