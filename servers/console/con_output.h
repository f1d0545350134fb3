/* SPDX-License-Identifier: MIT */
/* Output helpers the line discipline echoes through (con_output.c); private
 * to the console server. Each keeps st->column up to date as Linux does. */
#pragma once
#include "con_ldisc.h"

static inline bool con_is_ctrl(uint8_t c)
{
	return c < 0x20 || c == 0x7f;
}

/* A UTF-8 continuation byte, which takes no column (only under IUTF8). */
static inline bool con_is_continuation(const struct con_state *st, uint8_t c)
{
	return (st->termios.c_iflag & CON_IUTF8) && (c & 0xc0) == 0x80;
}

/* One byte through output processing (raw when OPOST is off). */
void con_out_char(struct con_state *st, uint8_t c);
/* Echo of an input byte: a control character other than tab as ^X under
 * ECHOCTL, anything else through output processing. */
void con_echo_char(struct con_state *st, uint8_t c);
/* Visually erases cols columns with "\b \b" each. */
void con_echo_erase(struct con_state *st, unsigned cols);
/* Moves the cursor back n columns (erasing a tab). */
void con_echo_backspaces(struct con_state *st, unsigned n);
