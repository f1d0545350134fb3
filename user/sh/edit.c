// SPDX-License-Identifier: MIT
/* Line-editor buffer operations (see edit.h): sh_edit_init, sh_edit_key.
 * Lines longer than SH_EDIT_MAX - 1 bytes stop growing. */
#include <string.h>
#include "edit.h"

#define CTRL(c) ((c) & 0x1f)

void sh_edit_init(struct sh_edit *e)
{
	memset(e, 0, sizeof(*e));
}

static void insert(struct sh_edit *e, char c)
{
	if (e->len + 1 >= SH_EDIT_MAX)
		return;
	memmove(e->buf + e->pos + 1, e->buf + e->pos, e->len - e->pos + 1);
	e->buf[e->pos++] = c;
	e->len++;
}

/* Removes buf[from, to). */
static void cut(struct sh_edit *e, size_t from, size_t to)
{
	memmove(e->buf + from, e->buf + to, e->len - to + 1);
	e->len -= to - from;
	if (e->pos > to)
		e->pos -= to - from;
	else if (e->pos > from)
		e->pos = from;
}

static void set_line(struct sh_edit *e, const char *s)
{
	size_t n = strlen(s);
	if (n >= SH_EDIT_MAX)
		n = SH_EDIT_MAX - 1;
	memcpy(e->buf, s, n);
	e->buf[n] = '\0';
	e->len = e->pos = n;
}

/* Moves through history by delta (+1 older, -1 newer). */
static void browse(struct sh_edit *e, const struct sh_hist *h, int delta)
{
	if (!h || (delta < 0 && e->hist_pos == 0))
		return;
	size_t to = e->hist_pos + (size_t)delta;
	if (delta > 0 && !sh_hist_get(h, to - 1))
		return;
	if (e->hist_pos == 0)
		memcpy(e->draft, e->buf, e->len + 1);
	e->hist_pos = to;
	set_line(e, to ? sh_hist_get(h, to - 1) : e->draft);
}

static size_t word_start(const struct sh_edit *e)
{
	size_t i = e->pos;
	while (i && e->buf[i - 1] == ' ')
		i--;
	while (i && e->buf[i - 1] != ' ')
		i--;
	return i;
}

static void move(struct sh_edit *e, int key)
{
	if ((key == SH_KEY_LEFT || key == CTRL('B')) && e->pos)
		e->pos--;
	else if ((key == SH_KEY_RIGHT || key == CTRL('F')) && e->pos < e->len)
		e->pos++;
	else if (key == SH_KEY_HOME || key == CTRL('A'))
		e->pos = 0;
	else if (key == SH_KEY_END || key == CTRL('E'))
		e->pos = e->len;
}

enum sh_edit_status sh_edit_key(struct sh_edit *e, const struct sh_hist *h, int key)
{
	switch (key) {
	case '\r': case '\n': return SH_EDIT_DONE;
	case CTRL('C'): return SH_EDIT_CANCEL;
	case CTRL('D'):
		if (!e->len)
			return SH_EDIT_EOF;
		/* fall through */
	case SH_KEY_DELETE:
		if (e->pos < e->len)
			cut(e, e->pos, e->pos + 1);
		break;
	case CTRL('H'): case 127:
		if (e->pos)
			cut(e, e->pos - 1, e->pos);
		break;
	case CTRL('U'): cut(e, 0, e->pos); break;
	case CTRL('K'): cut(e, e->pos, e->len); break;
	case CTRL('W'): cut(e, word_start(e), e->pos); break;
	case SH_KEY_UP: case CTRL('P'): browse(e, h, 1); break;
	case SH_KEY_DOWN: case CTRL('N'): browse(e, h, -1); break;
	default:
		if (key >= ' ' && key <= 0xff && key != 127)
			insert(e, (char)key);
		else
			move(e, key);
	}
	return SH_EDIT_MORE;
}
