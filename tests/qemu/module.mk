# SPDX-License-Identifier: MIT
# QEMU boot tests: images with "test=boot" on the kernel command line, so the
# kernel leaves QEMU through isa-debug-exit once it is ready.

QEMU_TESTS := tests/qemu/boot.sh tests/qemu/programs.sh tests/qemu/supervise.sh tests/qemu/console.sh tests/qemu/shell.sh tests/qemu/sh_scripts.sh \
	tests/qemu/fuzz.sh
# run_cmd.sh rebuilds build/os.iso and build/initrd.img: it runs alone, last.
QEMU_SERIAL_TESTS := tests/qemu/run_cmd.sh

$(BUILD)/test.iso: $(KERNEL_ELF) $(BUILD)/initrd.img tools/mkiso.sh
	@echo "  ISO     $@"
	@sh tools/mkiso.sh $@ $(KERNEL_ELF) $(BUILD)/initrd.img "test=boot"

$(BUILD)/test-noinitrd.iso: $(KERNEL_ELF) tools/mkiso.sh
	@echo "  ISO     $@"
	@sh tools/mkiso.sh $@ $(KERNEL_ELF) - "test=boot"

$(BUILD)/test-fault.iso: $(KERNEL_ELF) $(BUILD)/initrd.img tools/mkiso.sh
	@echo "  ISO     $@"
	@sh tools/mkiso.sh $@ $(KERNEL_ELF) $(BUILD)/initrd.img "test=fault"

qemu-tests-build: $(BUILD)/test-fault.iso $(BUILD)/test.iso $(BUILD)/test-noinitrd.iso $(KERNEL_ELF) $(BUILD)/initrd.img

