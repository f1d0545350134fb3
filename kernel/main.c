// SPDX-License-Identifier: MIT
/* kmain: brings the machine up, subsystem by subsystem, in dependency order,
 * logging what each one found, then starts /sbin/init from the initrd.
 * Kernel command line: "test=boot" leaves QEMU (isa-debug-exit, code 0) once
 * the kernel is ready; "test" or "poweroff" leaves QEMU when init exits, with
 * its exit status; "loglevel=debug"; words after "--" are init's arguments. */
#include "acpi.h"
#include "cpu.h"
#include "cpufeat.h"
#include "gdt.h"
#include "hpet.h"
#include "ioapic.h"
#include "lapic.h"
#include "percpu.h"
#include "pic.h"
#include "rtc.h"
#include "serial.h"
#include "trap.h"
#include "tsc.h"
#include "boot/boot_mem.h"
#include "boot/mb2.h"
#include "mm/frame.h"
#include "mm/paging.h"
#include "mm/phys.h"
#include "mm/slab.h"
#include "ipc/hwcap.h"
#include "lib/random.h"
#include "ipc/syscap.h"
#include "proc/cpio.h"
#include "proc/loader.h"
#include "proc/proc.h"
#include "proc/vdso_map.h"
#include "sched/thread.h"
#include "syscall/syscall.h"
#include "fpu.h"
#include "sched/ktimer.h"
#include "lib/kprintf.h"
#include "lib/panic.h"
#include "lib/string.h"

extern uint64_t boot_entry_tsc;
void machine_exit(uint32_t code);

static struct boot_info boot_info;
int64_t rtc_boot_unix;  /* wall-clock seconds at boot, for the time server */
static struct acpi_info acpi;

static void parse_boot_info(uint64_t mbi_phys)
{
	int err = mb2_parse(phys_to_virt(mbi_phys), &boot_info);
	if (err < 0)
		panic("boot: bad multiboot2 information: %s", mb2_strerror(err));
	size_t len;
	if (mb2_cmdline_get(boot_info.cmdline, "loglevel=debug", &len))
		klog_set_level(KLOG_DEBUG);
	pr_info("boot: loader \"%s\", command line \"%s\", %zu modules\n",
		boot_info.loader_name ? boot_info.loader_name : "?",
		boot_info.cmdline ? boot_info.cmdline : "", boot_info.module_count);
	if (boot_info.module_count == 0)
		panic("boot: no initrd module: GRUB must load the initrd with "
		      "'module2 /boot/initrd.img' (see tools/mkiso.sh)");
}

static void parse_acpi(void)
{
	if (!boot_info.rsdp)
		panic("acpi: the boot loader passed no RSDP (multiboot2 tags 14/15); "
		      "ACPI is required");
	int err = acpi_parse(boot_info.rsdp, boot_info.rsdp_len, &acpi);
	if (err < 0)
		panic("acpi: %s", acpi.msg[0] ? acpi.msg : acpi_strerror(err));
	pr_info("acpi: RSDP v%u (%s) oem \"%s\": %u CPUs, %u IO-APICs, %u overrides, "
		"%u LAPIC NMIs, HPET %s, %u NUMA node%s%s\n",
		acpi.rsdp_revision, acpi.used_xsdt ? "XSDT" : "RSDT", acpi.oem_id,
		acpi.cpu_count, acpi.ioapic_count, acpi.override_count, acpi.lapic_nmi_count,
		acpi.hpet.present ? "present" : "absent", acpi.node_count,
		acpi.node_count == 1 ? "" : "s", acpi.has_srat ? " (SRAT)" : " (no SRAT)");
	for (uint32_t i = 0; i < acpi.mem_range_count; i++)
		pr_info("numa: node %u: memory 0x%lx-0x%lx\n", acpi.mem_ranges[i].node,
			acpi.mem_ranges[i].base,
			acpi.mem_ranges[i].base + acpi.mem_ranges[i].length - 1);
	for (uint32_t i = 0; i < acpi.cpu_count && acpi.has_srat; i++)
		pr_info("numa: cpu apic id %u on node %u\n", acpi.cpus[i].apic_id, acpi.cpus[i].node);
	if (!cpu_has(CPU_APIC))
		panic("cpu: no local APIC (CPUID.1:EDX bit 9); an APIC is required");
}

static void interrupts_init(void)
{
	if (acpi.has_8259)
		pic_disable();
	lapic_init(&acpi);
	ioapic_init(&acpi);
	hpet_init(&acpi);
	tsc_init();
	lapic_timer_init();
	ktimer_init();
	cpu_enable_irqs();
}

static volatile bool selftest_fired;

static void selftest_timer_fn(struct timer *t, void *arg)
{
	(void)t, (void)arg;
	selftest_fired = true;
}

/* Proves the tickless timer path end to end: a 1 ms deadline fires. */
static void timer_selftest(void)
{
	struct timer t;
	timerq_timer_init(&t, selftest_timer_fn, NULL);
	uint64_t start = rdtsc();
	ktimer_add(&t, start + tsc_ns_to_ticks(1000000));
	uint64_t f = irq_save();
	while (!selftest_fired)
		cpu_wait_for_irq();
	irq_restore(f);
	uint64_t us = tsc_ticks_to_ns(rdtsc() - start) / 1000;
	pr_info("timer: 1 ms one-shot fired after %lu us (%s)\n", us,
		lapic_timer_tsc_deadline() ? "TSC-deadline" : "LAPIC one-shot");
}

#define INIT_PATH "/sbin/init"
#define INIT_MAX_ARGS 96

/* Splits the command line after "--" into init's argv (modifies a copy). */
static void init_argv(const char **argv)
{
	static char buf[2048];
	size_t n = 0;
	argv[n++] = INIT_PATH;
	const char *dash = boot_info.cmdline ? strstr_k(boot_info.cmdline, "--") : NULL;
	if (dash) {
		size_t l = MIN(strlen(dash + 2), sizeof(buf) - 1);
		memcpy(buf, dash + 2, l);
		buf[l] = '\0';
		for (char *s = buf; *s && n < INIT_MAX_ARGS; ) {
			while (*s == ' ')
				*s++ = '\0';
			if (!*s)
				break;
			argv[n++] = s;
			while (*s && *s != ' ')
				s++;
		}
	}
	argv[n] = NULL;
}

static void start_init(bool leave_with_init)
{
	const struct mb2_module *m = &boot_info.modules[0];
	const void *initrd = phys_to_virt(m->start);
	size_t size = m->end - m->start;
	struct cpio_entry e;
	int err = cpio_find(initrd, size, INIT_PATH, &e);
	if (err < 0)
		panic("init: cannot find %s in the initrd (%zu bytes): %s", INIT_PATH, size,
		      cpio_strerror(err));
	loader_set_initrd(m->start, size);
	static const char *argv[INIT_MAX_ARGS + 1];
	static const char *envp[] = { "HOME=/", "PATH=/bin:/sbin", "TERM=vt100", NULL, NULL };
	if (leave_with_init)
		envp[3] = "INIT_POWEROFF=1";  /* init exits (and the machine stops) after its commands */
	init_argv(argv);
	struct exec_args args = { argv, envp, true, false };
	const char *why = NULL;
	long pid = loader_spawn(NULL, e.data, e.size, &args, &why);
	if (pid < 0)
		panic("init: %s is not a loadable program: %s", INIT_PATH, why ? why : "?");
	struct proc *init = proc_by_pid((int)pid);
	proc_set_root(init);
	if (cap_install_at(&init->caps, CAP_SLOT_IRQ_ROOT, hwcap_irq_root(), CAP_R_ALL, 0, 0,
			   HW_IRQ_LINES) < 0 ||
	    cap_install_at(&init->caps, CAP_SLOT_IOPORT_ROOT, hwcap_ioport_root(), CAP_R_ALL, 0, 0,
			   65536) < 0 ||
	    cap_install_at(&init->caps, CAP_SLOT_SYSTEM, syscap_root(), CAP_R_ALL, 0, 0, 0) < 0)
		panic("init: cannot install the root capabilities");
	pr_info("init: started %s as pid %ld (%zu bytes)\n", INIT_PATH, pid, e.size);
}

/* test=fault: a kernel page fault on purpose, to show the panic report
 * (vector, error code, CR2, registers, symbolized backtrace). */
__attribute__((noinline)) static void deliberate_fault(void)
{
	static volatile uintptr_t unmapped = 0x10;
	pr_info("kernel: faulting on purpose (test=fault)\n");
	*(volatile uint64_t *)unmapped = 1;
}

void kmain(uint32_t magic, uint64_t mbi_phys)
{
	serial_init();
	klog_add_sink(serial_write);
	pr_info("\nkernel: booting (multiboot2 magic 0x%x, info at 0x%lx)\n", magic, mbi_phys);
	cpu_detect();
	cpu_log_features();
	gdt_init();
	idt_init();
	parse_boot_info(mbi_phys);
	parse_acpi();
	boot_mem_init(&boot_info, &acpi, mbi_phys);
	int node = acpi_node_of_apic(&acpi, boot_cpu.apic_id);
	percpu_init_boot(boot_cpu.apic_id, node < 0 ? 0 : (uint32_t)node);
	interrupts_init();
	timer_selftest();
	rtc_boot_unix = rtc_read_unix();
	vdso_init(rtc_boot_unix > 0 ? rtc_boot_unix : 0);
	random_init();
	pr_info("random: ChaCha20, seeded from %s\n", random_source());
	fpu_init();
	syscall_init();
	sched_init();
	struct frame_stats fs = frame_stats();
	pr_info("\n  microkernel %s: %lu MiB of memory, %u CPU%s, %u NUMA node%s, %s, TSC %lu MHz\n\n",
		KERNEL_VERSION, fs.total >> 8, acpi.cpu_count, acpi.cpu_count == 1 ? "" : "s",
		acpi.node_count, acpi.node_count == 1 ? "" : "s",
		lapic_x2apic() ? "x2APIC" : "xAPIC", tsc_hz() / 1000000);
	pr_info("kernel: ready at tsc %lu (entry tsc %lu); frames: %lu total, %lu free, %lu used\n",
		rdtsc(), boot_entry_tsc, fs.total, fs.free, fs.used);
	size_t len;
	const char *test = mb2_cmdline_get(boot_info.cmdline, "test", &len);
	if (test && len == 4 && strncmp(test, "boot", 4) == 0)
		machine_exit(0);
	if (test && len == 5 && strncmp(test, "fault", 5) == 0)
		deliberate_fault();
	bool leave = test || mb2_cmdline_get(boot_info.cmdline, "poweroff", &len);
	proc_set_init_exit_leaves(leave);
	start_init(leave);
	sched_start();
}
