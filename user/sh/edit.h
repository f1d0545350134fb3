/* SPDX-License-Identifier: MIT */
/* The line editor's buffer: sh_edit_key applies one key (a byte or an
 * SH_KEY_* code from keys.h) to the line being typed. Pure: the terminal
 * side (raw mode, redrawing) is term.c. */
#pragma once
#include <stddef.h>
#include "history.h"
#include "keys.h"

#define SH_EDIT_MAX 1024

struct sh_edit {
	char buf[SH_EDIT_MAX];  /* NUL-terminated */
	size_t len, pos;        /* pos: the cursor, 0..len */
	size_t hist_pos;        /* 0: the new line; n: the n-th newest entry */
	char draft[SH_EDIT_MAX]; /* the new line while browsing history */
};

enum sh_edit_status {
	SH_EDIT_MORE,           /* keep reading keys */
	SH_EDIT_DONE,           /* Enter: buf holds the line */
	SH_EDIT_EOF,            /* ^D on an empty line */
	SH_EDIT_CANCEL,         /* ^C: drop the line */
};

void sh_edit_init(struct sh_edit *e);
/* Applies key; h (may be NULL) serves Up/Down and ^P/^N. Keys: printable
 * bytes insert; Left/Right/^B/^F move; Home/End/^A/^E jump; Backspace/^H
 * and Delete/^D delete; ^U and ^K cut before/after the cursor; ^W cuts
 * the word before it; Enter ends the line. Others are ignored. */
enum sh_edit_status sh_edit_key(struct sh_edit *e, const struct sh_hist *h, int key);
