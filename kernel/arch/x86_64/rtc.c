// SPDX-License-Identifier: MIT
/* CMOS RTC: read twice until two reads agree outside an update cycle. */
#include "cpu.h"
#include "rtc.h"
#include "lib/kprintf.h"
#include "lib/rtc_math.h"
#include "lib/string.h"

static uint8_t cmos(uint8_t reg)
{
	outb(0x70, reg | 0x80);  /* keep NMIs disabled while selecting */
	return inb(0x71);
}

static void read_raw(struct rtc_raw *r)
{
	while (cmos(0x0A) & 0x80)  /* update in progress */
		cpu_relax();
	r->sec = cmos(0x00);
	r->min = cmos(0x02);
	r->hour = cmos(0x04);
	r->day = cmos(0x07);
	r->month = cmos(0x08);
	r->year = cmos(0x09);
	r->century = cmos(0x32);
	r->reg_b = cmos(0x0B);
}

int64_t rtc_read_unix(void)
{
	struct rtc_raw a, b;
	int tries = 0;
	read_raw(&a);
	do {
		b = a;
		read_raw(&a);
	} while (memcmp(&a, &b, sizeof(a)) != 0 && ++tries < 10);
	struct rtc_time t;
	int err = rtc_decode(&a, &t);
	if (err < 0) {
		pr_warn("rtc: unreadable time (error %d)\n", err);
		return -1;
	}
	int64_t unix_time = rtc_to_unix(t.year, t.month, t.day, t.hour, t.min, t.sec);
	pr_info("rtc: %04d-%02d-%02d %02d:%02d:%02d UTC (unix %ld)\n", t.year, t.month,
		t.day, t.hour, t.min, t.sec, unix_time);
	return unix_time;
}
