// SPDX-License-Identifier: MIT
/* COM1 (16550) at 115200 8N1, polled. Converts "\n" to "\r\n". */
#include "cpu.h"
#include "serial.h"

#define COM1 0x3F8

void serial_init(void)
{
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x80);
	outb(COM1 + 0, 0x01);
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03);
	outb(COM1 + 2, 0xC1);  /* FIFOs on without clearing input typed early */
	outb(COM1 + 4, 0x0B);
}

static void put(char c)
{
	while (!(inb(COM1 + 5) & 0x20))
		cpu_relax();
	outb(COM1, (uint8_t)c);
}

void serial_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			put('\r');
		put(s[i]);
	}
}
