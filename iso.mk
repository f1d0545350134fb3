# SPDX-License-Identifier: MIT
# Bootable images: build/os.iso for `make run`, and test images whose kernel
# command line asks the kernel to report and leave QEMU (tests/qemu).

KCMDLINE ?=

$(BUILD)/os.iso: $(KERNEL_ELF) $(BUILD)/initrd.img tools/mkiso.sh
	@echo "  ISO     $@"
	@sh tools/mkiso.sh $@ $(KERNEL_ELF) $(BUILD)/initrd.img "$(KCMDLINE)"
