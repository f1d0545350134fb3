// SPDX-License-Identifier: MIT
/* The kernel log: formats into a line buffer and hands it to each sink. */
#include "lib/kprintf.h"
#include "lib/format.h"

#define MAX_SINKS 4

static klog_sink_t sinks[MAX_SINKS];
static size_t nsinks;
static enum klog_level max_level = KLOG_INFO;
static const char *const prefix[] = {
	[KLOG_ERR] = "error: ", [KLOG_WARN] = "warn: ", [KLOG_INFO] = "", [KLOG_DEBUG] = "debug: ",
};

void klog_add_sink(klog_sink_t sink)
{
	if (nsinks < MAX_SINKS)
		sinks[nsinks++] = sink;
}

void klog_remove_sink(klog_sink_t sink)
{
	for (size_t i = 0; i < nsinks; i++) {
		if (sinks[i] == sink) {
			sinks[i] = sinks[--nsinks];
			return;
		}
	}
}

void klog_set_level(enum klog_level max)
{
	max_level = max;
}

static void emit(const char *s, size_t n)
{
	for (size_t i = 0; i < nsinks; i++)
		sinks[i](s, n);
}

void vklog(enum klog_level lvl, const char *fmt, va_list ap)
{
	char line[512];
	if (lvl > max_level)
		return;
	int p = fmt_snprintf(line, sizeof(line), "%s", prefix[lvl]);
	int n = fmt_vsnprintf(line + p, sizeof(line) - (size_t)p, fmt, ap);
	size_t len = (size_t)p + (size_t)n;
	if (len >= sizeof(line))
		len = sizeof(line) - 1;
	emit(line, len);
}

void klog(enum klog_level lvl, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vklog(lvl, fmt, ap);
	va_end(ap);
}

void kprintf(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	va_start(ap, fmt);
	int n = fmt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	emit(line, n < (int)sizeof(line) ? (size_t)n : sizeof(line) - 1);
}
