// SPDX-License-Identifier: MIT
/* kmain: brings the machine up, subsystem by subsystem, in dependency order. */
#include "cpu.h"
#include "cpufeat.h"
#include "gdt.h"
#include "serial.h"
#include "trap.h"
#include "lib/kprintf.h"
#include "lib/panic.h"

extern uint64_t boot_entry_tsc;
void machine_exit(uint32_t code);

void kmain(uint32_t magic, uint64_t mbi_phys)
{
	serial_init();
	klog_add_sink(serial_write);
	pr_info("\nkernel: booting (multiboot2 magic 0x%x, info at 0x%lx)\n", magic, mbi_phys);
	cpu_detect();
	cpu_log_features();
	gdt_init();
	idt_init();
	pr_info("kernel: ready at tsc %lu (entry tsc %lu)\n", rdtsc(), boot_entry_tsc);
	machine_exit(0);
}
