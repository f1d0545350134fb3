/* SPDX-License-Identifier: MIT */
/* The 16550 UART at COM1, through the I/O ports of an I/O-port capability. */
#pragma once
#include <stddef.h>
#include <stdint.h>

/* 115200 8N1, FIFOs on, receive interrupts on (IRQ 4 through OUT2). */
void uart_init(void);
void uart_write(const uint8_t *bytes, size_t n);
/* Reads what has arrived, at most max bytes; returns the count. */
size_t uart_read(uint8_t *buf, size_t max);
