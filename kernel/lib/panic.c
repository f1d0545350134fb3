// SPDX-License-Identifier: MIT
/* panic(): message, backtrace, then stop. Under test the machine leaves QEMU
 * through isa-debug-exit with code 2 (QEMU exit status 5). */
#include <stdarg.h>
#include "cpu.h"
#include "lib/format.h"
#include "lib/kprintf.h"
#include "lib/panic.h"

void backtrace_from(uint64_t rip, uint64_t rbp);
void machine_exit(uint32_t code);

static int panicking;

void klog_direct(void);

void panic_begin(void)
{
	cpu_disable_irqs();
	klog_direct();  /* the console server cannot help now */
	if (panicking++) {
		kprintf("\nPANIC while panicking; halting\n");
		machine_exit(2);
	}
}

__attribute__((noreturn)) void panic_end(void)
{
	kprintf("system halted.\n");
	machine_exit(2);
	for (;;)
		cpu_halt();
}

void panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	panic_begin();
	va_start(ap, fmt);
	fmt_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	kprintf("\nPANIC: %s\n", msg);
	backtrace_from((uint64_t)__builtin_return_address(0),
		       (uint64_t)__builtin_frame_address(0));
	panic_end();
}
