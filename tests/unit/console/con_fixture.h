/* SPDX-License-Identifier: MIT */
/* A console state whose sink captures everything sent to the terminal, and
 * helpers to type into it and read from it. Each test starts from
 * con_fixture_setup() (a checked fixture). */
#pragma once
#include <stddef.h>
#include "../../../servers/console/con_ldisc.h"

extern struct con_state tty;
extern struct con_events ev;
extern char out[16384];
extern size_t out_len;

void con_fixture_setup(void);
/* Types s (a C string) into the console; events land in ev (zeroed first). */
void type(const char *s);
/* Reads into a NUL-terminated static buffer, at most n bytes; the result
 * code is stored in *ret. */
const char *read_str(size_t n, long *ret);
/* Forgets the output captured so far. */
void out_clear(void);
/* Switches to non-canonical mode with the given VMIN and VTIME. */
void make_raw(uint8_t vmin, uint8_t vtime);
