// SPDX-License-Identifier: MIT
/* PIT channel 2 in mode 0: OUT2 (port 0x61 bit 5) rises when the count ends. */
#include "cpu.h"
#include "pit.h"

void pit_wait_ticks(uint16_t count)
{
	uint8_t gate = inb(0x61);
	outb(0x61, (uint8_t)((gate & ~0x02) | 0x01));  /* gate on, speaker off */
	outb(0x43, 0xB0);                             /* ch2, lo/hi, mode 0, binary */
	outb(0x42, count & 0xFF);
	outb(0x42, count >> 8);
	while (!(inb(0x61) & 0x20))
		cpu_relax();
	outb(0x61, gate);
}
