// SPDX-License-Identifier: MIT
/* VT100/xterm key decoding (see keys.h): sh_key_feed. Unknown sequences
 * are swallowed whole rather than inserted as text. */
#include "keys.h"

static int letter_key(unsigned char c)
{
	switch (c) {
	case 'A': return SH_KEY_UP;
	case 'B': return SH_KEY_DOWN;
	case 'C': return SH_KEY_RIGHT;
	case 'D': return SH_KEY_LEFT;
	case 'H': return SH_KEY_HOME;
	case 'F': return SH_KEY_END;
	default: return SH_KEY_NONE;
	}
}

static int tilde_key(int num)
{
	switch (num) {
	case 1: case 7: return SH_KEY_HOME;
	case 4: case 8: return SH_KEY_END;
	case 3: return SH_KEY_DELETE;
	default: return SH_KEY_NONE;
	}
}

/* ESC [ params final: digits and ';' are parameters, anything from '@'
 * on ends the sequence. */
static int csi(struct sh_keydec *d, unsigned char c)
{
	if (c >= '0' && c <= '9') {
		if (d->num < 1000)
			d->num = d->num * 10 + (c - '0');
		return SH_KEY_NONE;
	}
	if (c == ';') {
		d->num = 0;
		return SH_KEY_NONE;
	}
	if (c < '@')
		return SH_KEY_NONE;
	d->state = 0;
	return c == '~' ? tilde_key(d->num) : letter_key(c);
}

int sh_key_feed(struct sh_keydec *d, unsigned char c)
{
	switch (d->state) {
	case 1:
		d->state = c == '[' ? 2 : c == 'O' ? 3 : 0;
		d->num = 0;
		return SH_KEY_NONE;
	case 2:
		return csi(d, c);
	case 3:
		d->state = 0;
		return letter_key(c);
	default:
		if (c == 27) {
			d->state = 1;
			return SH_KEY_NONE;
		}
		return c;
	}
}
