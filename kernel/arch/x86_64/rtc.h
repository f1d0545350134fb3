/* SPDX-License-Identifier: MIT */
/* The CMOS real-time clock, read once at boot for wall-clock time. */
#pragma once
#include "lib/types.h"

/* Reads the RTC; returns seconds since the Unix epoch, or -1 if unreadable. */
int64_t rtc_read_unix(void);
