/* SPDX-License-Identifier: MIT */
/* The kernel log ring: once the console server attaches (uk_klog_attach),
 * the kernel writes its log here instead of to COM1, signals the console's
 * notification, and the console copies new bytes to the terminal. Single
 * producer (the kernel), single consumer (the console). */
#pragma once
#include <stdint.h>

#define KLOG_RING_MAGIC 0x474F4C4Bu  /* "KLOG" */
#define KLOG_RING_BYTES (64 * 1024)   /* the whole memory object */

struct klog_ring {
	uint32_t magic;
	uint32_t size;            /* bytes of data[] */
	volatile uint64_t head;   /* bytes ever written (kernel) */
	volatile uint64_t tail;   /* bytes ever consumed (console) */
	volatile uint64_t dropped; /* bytes lost because the ring was full */
	uint8_t data[];
};
