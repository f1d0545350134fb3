// SPDX-License-Identifier: MIT
/* Polled output and interrupt-driven input on COM1. */
#include "con_uart.h"

#define COM1 0x3F8
#define LSR_DATA 0x01
#define LSR_THRE 0x20

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

void uart_init(void)
{
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x80);
	outb(COM1 + 0, 0x01);
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03);
	outb(COM1 + 2, 0xC1);  /* FIFOs on, keeping what was typed before we started */
	outb(COM1 + 4, 0x0B);  /* DTR, RTS, OUT2: interrupts reach the IO-APIC */
	outb(COM1 + 1, 0x01);  /* interrupt when data arrives */
}

void uart_write(const uint8_t *bytes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		while (!(inb(COM1 + 5) & LSR_THRE))
			__asm__ volatile("pause");
		outb(COM1, bytes[i]);
	}
}

size_t uart_read(uint8_t *buf, size_t max)
{
	size_t n = 0;
	while (n < max && (inb(COM1 + 5) & LSR_DATA))
		buf[n++] = inb(COM1);
	return n;
}
