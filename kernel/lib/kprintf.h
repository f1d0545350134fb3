/* SPDX-License-Identifier: MIT */
/* Kernel log: kprintf with a level, written to every registered log sink
 * (COM1 from the start; the console server later). Entry points: klog(),
 * the KLOG_* shorthands, klog_add_sink(). */
#pragma once
#include <stdarg.h>
#include "lib/types.h"

enum klog_level { KLOG_ERR, KLOG_WARN, KLOG_INFO, KLOG_DEBUG };

typedef void (*klog_sink_t)(const char *s, size_t n);

void klog_add_sink(klog_sink_t sink);
void klog_remove_sink(klog_sink_t sink);
void klog_set_level(enum klog_level max);
void klog(enum klog_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void vklog(enum klog_level lvl, const char *fmt, va_list ap);
/* Unprefixed output, for multi-part lines and panics. */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define pr_err(...) klog(KLOG_ERR, __VA_ARGS__)
#define pr_warn(...) klog(KLOG_WARN, __VA_ARGS__)
#define pr_info(...) klog(KLOG_INFO, __VA_ARGS__)
#define pr_debug(...) klog(KLOG_DEBUG, __VA_ARGS__)
