#!/bin/sh
# SPDX-License-Identifier: MIT
# Boots the kernel in the QEMU configurations it must handle and checks the
# boot log says what each must show. Status 1 = kernel exited with 0 (ready);
# status 5 = kernel panicked (exit code 2) with a clear message.
. tests/qemu/lib.sh
ISO=$BUILD/test.iso

qemu_boot boot/cpu_max "$ISO" -cpu max
expect boot/cpu_max 1 "lapic: x2APIC mode" "SMEP on, SMAP on, UMIP on" \
	"tsc: .* MHz from HPET" "hpet: at 0x" "ioapic: id [0-9]+ at 0x[0-9a-f]+, GSIs 0-23 \(24 entries" \
	"timer: 1 ms one-shot fired" "rtc: [0-9]{4}-" "kernel: ready"

qemu_boot boot/cpu_qemu64 "$ISO" -cpu qemu64
expect boot/cpu_qemu64 1 "lapic: xAPIC mode" "SMEP absent, SMAP absent" \
	"lapic: timer in one-shot mode" "kernel: ready"

qemu_boot boot/no_hpet_pit_calibration "$ISO" -cpu max -machine pc,hpet=off
expect boot/no_hpet_pit_calibration 1 "hpet: none" "tsc: .* MHz from PIT" "kernel: ready"

qemu_boot boot/numa_two_nodes "$ISO" -cpu max -smp 2 \
	-object memory-backend-ram,size=128M,id=m0 -object memory-backend-ram,size=128M,id=m1 \
	-numa node,nodeid=0,memdev=m0,cpus=0 -numa node,nodeid=1,memdev=m1,cpus=1
expect boot/numa_two_nodes 1 "2 NUMA nodes \(SRAT\)" "numa: node 1: memory" \
	"frames: node 0 .* node 1" "kernel: ready"

qemu_boot bad/no_initrd_module "$BUILD/test-noinitrd.iso" -cpu max
expect bad/no_initrd_module 5 "PANIC: boot: no initrd module"

qemu_boot bad/less_than_32mib "$ISO" -cpu max -m 24M
expect bad/less_than_32mib 5 "PANIC: memory: .* less than 32 MiB"

qemu_boot bad/no_long_mode "$ISO" -cpu qemu32
expect bad/no_long_mode 5 "does not support long mode"

qemu_boot bad/no_apic "$ISO" -cpu qemu64,-apic
expect bad/no_apic 5 "PANIC: .*no local APIC"

qemu_boot bad/kernel_fault_panics_with_backtrace "$BUILD/test-fault.iso" -cpu max
expect bad/kernel_fault_panics_with_backtrace 5 "PANIC: kernel page fault" \
	"vector 14 \(page fault\) error 0x2 cr2 0x0000000000000010" "rip 0008:ffffffff8" \
	"backtrace:" "deliberate_fault\+0x" "kmain\+0x"
