// SPDX-License-Identifier: MIT
/* The legacy 8259 pair: remapped away from the exception vectors (to 0x20 and
 * 0x28) and fully masked, so a stray ISA interrupt cannot look like a fault. */
#include "cpu.h"
#include "pic.h"

void pic_disable(void)
{
	outb(0x20, 0x11);  /* ICW1: init, ICW4 follows */
	outb(0xA0, 0x11);
	io_wait();
	outb(0x21, 0x20);  /* ICW2: vector bases */
	outb(0xA1, 0x28);
	io_wait();
	outb(0x21, 0x04);  /* ICW3: slave on IRQ2 */
	outb(0xA1, 0x02);
	io_wait();
	outb(0x21, 0x01);  /* ICW4: 8086 mode */
	outb(0xA1, 0x01);
	io_wait();
	outb(0x21, 0xFF);  /* mask everything */
	outb(0xA1, 0xFF);
}
