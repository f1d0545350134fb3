/* SPDX-License-Identifier: MIT */
/* Terminal key decoding: sh_key_feed turns the bytes of a VT100/xterm
 * terminal into key codes, plain bytes as themselves and escape sequences
 * (arrows, Home, End, Delete) as SH_KEY_* values. */
#pragma once

enum {
	SH_KEY_NONE = -1,       /* more bytes needed, or a sequence ignored */
	SH_KEY_LEFT = 0x100,
	SH_KEY_RIGHT,
	SH_KEY_UP,
	SH_KEY_DOWN,
	SH_KEY_HOME,
	SH_KEY_END,
	SH_KEY_DELETE,
};

struct sh_keydec {
	int state;              /* 0: plain; 1: after ESC; 2: ESC [; 3: ESC O */
	int num;                /* the number in ESC [ n ~ */
};

/* Feeds one byte; returns a key code or SH_KEY_NONE. */
int sh_key_feed(struct sh_keydec *d, unsigned char c);
