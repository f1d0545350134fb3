# SPDX-License-Identifier: MIT
# Bootable images: build/os.iso for `make run`, and test images whose kernel
# command line asks the kernel to report and leave QEMU (tests/qemu).

KCMDLINE ?=
INIT_CMD ?=
POWEROFF ?=
OS_CMDLINE := $(KCMDLINE)$(if $(POWEROFF), poweroff)$(if $(INIT_CMD), -- $(INIT_CMD))

$(BUILD)/os.iso: $(KERNEL_ELF) $(BUILD)/initrd.img tools/mkiso.sh FORCE
	@echo "  ISO     $@"
	@sh tools/mkiso.sh $@ $(KERNEL_ELF) $(BUILD)/initrd.img "$(OS_CMDLINE)"

# build/initrd.img: the initrd/ tree plus every built program listed in
# INITRD_FILES (entries "built-file:path-in-initrd"), plus EXTRA=<dir> under bin/.

INITRD_FILES ?=
EXTRA ?=
INITRD_TREE := $(shell find initrd -type f 2>/dev/null)

$(BUILD)/initrd.img: $(MKINITRD) $(INITRD_TREE) $(foreach f,$(INITRD_FILES),$(firstword $(subst :, ,$(f)))) \
		$(if $(EXTRA),$(shell find $(EXTRA) -type f) FORCE)
	@echo "  INITRD  $@"
	@$(MKINITRD) -o $@ initrd $(INITRD_FILES) $(if $(EXTRA),$(EXTRA):bin)

FORCE:
.PHONY: FORCE
