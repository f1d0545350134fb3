/* SPDX-License-Identifier: MIT */
/* The Linux x86-64 terminal ABI the console serves: the termios and winsize
 * structs exactly as the TCGETS/TCSETS and TIOC[GS]WINSZ ioctls carry them
 * (not libc's struct termios, which has extra speed fields), the flag and
 * c_cc index values, and the ioctl request numbers. Values are Linux's (the
 * same in musl and glibc); tests/unit/console/ioctl_test.c checks them
 * against the host <termios.h>. Nothing here depends on libc. */
#pragma once
#include <stdint.h>

#define CON_NCCS 19

/* The kernel's struct termios (asm-generic/termbits.h), 36 bytes. */
struct con_termios {
	uint32_t c_iflag;
	uint32_t c_oflag;
	uint32_t c_cflag;
	uint32_t c_lflag;
	uint8_t c_line;
	uint8_t c_cc[CON_NCCS];
};
_Static_assert(sizeof(struct con_termios) == 36, "struct con_termios is the 36-byte kernel termios");

struct con_winsize {
	uint16_t ws_row;
	uint16_t ws_col;
	uint16_t ws_xpixel;
	uint16_t ws_ypixel;
};
_Static_assert(sizeof(struct con_winsize) == 8, "struct con_winsize is the 8-byte kernel winsize");

/* c_cc indices; a slot holding 0 (_POSIX_VDISABLE) is disabled. */
enum {
	CON_VINTR = 0, CON_VQUIT = 1, CON_VERASE = 2, CON_VKILL = 3, CON_VEOF = 4,
	CON_VTIME = 5, CON_VMIN = 6, CON_VSWTC = 7, CON_VSTART = 8, CON_VSTOP = 9,
	CON_VSUSP = 10, CON_VEOL = 11, CON_VREPRINT = 12, CON_VDISCARD = 13,
	CON_VWERASE = 14, CON_VLNEXT = 15, CON_VEOL2 = 16,
};

/* c_iflag */
#define CON_IGNBRK 0x0001u
#define CON_BRKINT 0x0002u
#define CON_ISTRIP 0x0020u
#define CON_INLCR 0x0040u
#define CON_IGNCR 0x0080u
#define CON_ICRNL 0x0100u
#define CON_IXON 0x0400u
#define CON_IXANY 0x0800u
#define CON_IXOFF 0x1000u
#define CON_IMAXBEL 0x2000u
#define CON_IUTF8 0x4000u

/* c_oflag */
#define CON_OPOST 0x0001u
#define CON_ONLCR 0x0004u
#define CON_OCRNL 0x0008u
#define CON_ONOCR 0x0010u
#define CON_ONLRET 0x0020u
#define CON_TABDLY 0x1800u
#define CON_XTABS 0x1800u

/* c_cflag */
#define CON_B38400 0x000fu
#define CON_CS8 0x0030u
#define CON_CREAD 0x0080u
#define CON_HUPCL 0x0400u
#define CON_CLOCAL 0x0800u

/* c_lflag */
#define CON_ISIG 0x0001u
#define CON_ICANON 0x0002u
#define CON_ECHO 0x0008u
#define CON_ECHOE 0x0010u
#define CON_ECHOK 0x0020u
#define CON_ECHONL 0x0040u
#define CON_NOFLSH 0x0080u
#define CON_TOSTOP 0x0100u
#define CON_ECHOCTL 0x0200u
#define CON_ECHOPRT 0x0400u
#define CON_ECHOKE 0x0800u
#define CON_IEXTEN 0x8000u

/* ioctl requests (asm-generic/ioctls.h). */
#define CON_TCGETS 0x5401ul
#define CON_TCSETS 0x5402ul
#define CON_TCSETSW 0x5403ul
#define CON_TCSETSF 0x5404ul
#define CON_TCSBRK 0x5409ul
#define CON_TCXONC 0x540aul
#define CON_TCFLSH 0x540bul
#define CON_TIOCSCTTY 0x540eul
#define CON_TIOCGPGRP 0x540ful
#define CON_TIOCSPGRP 0x5410ul
#define CON_TIOCGWINSZ 0x5413ul
#define CON_TIOCSWINSZ 0x5414ul
#define CON_FIONREAD 0x541bul
#define CON_TIOCNOTTY 0x5422ul
#define CON_TIOCGSID 0x5429ul
#define CON_TCSBRKP 0x5425ul

/* TCFLSH and TCXONC arguments. */
#define CON_TCIFLUSH 0
#define CON_TCOFLUSH 1
#define CON_TCIOFLUSH 2
#define CON_TCOOFF 0
#define CON_TCOON 1
#define CON_TCIOFF 2
#define CON_TCION 3
