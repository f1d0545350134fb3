# SPDX-License-Identifier: MIT
# The one entry point: make, make run, make test, make bench, make debug.
# Non-recursive: each component contributes a module.mk.

.DEFAULT_GOAL := all
SHELL := /bin/bash
.SUFFIXES:
.DELETE_ON_ERROR:

BUILD := build
CROSS ?=
CC := $(CROSS)gcc
LD := $(CROSS)ld
NM := $(CROSS)nm
OBJCOPY := $(CROSS)objcopy
NASM := nasm
HOSTCC := gcc
MUSLCC := musl-gcc

QEMU := qemu-system-x86_64
QEMU_BASE := -machine q35 -m 256M -serial mon:stdio -display none -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04
QEMUFLAGS ?=
CPU ?= max

VERSION := $(shell git describe --always --dirty 2>/dev/null || echo unknown)

# Freestanding kernel: no red zone, kernel code model, no SSE/FPU code.
KCFLAGS := -std=gnu11 -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
	-mno-red-zone -mcmodel=kernel -mgeneral-regs-only -mno-mmx -mno-sse -mno-sse2 \
	-fno-omit-frame-pointer -fno-asynchronous-unwind-tables -O2 -g \
	-Wall -Wextra -Werror -MMD -MP -Iinclude -Ikernel -Ikernel/arch/x86_64 \
	-DKERNEL_VERSION='"$(VERSION)"'
NASMFLAGS := -f elf64 -g -F dwarf -Werror -MD -MP

# Host builds (unit tests, tools) run with sanitizers.
HOSTCFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -MMD -MP \
	-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
HOSTLDFLAGS := -fsanitize=address,undefined

include kernel/module.mk
include tools/mkinitrd/module.mk
include tools/fwddoc/module.mk
include libc-shim/module.mk
include libipc/module.mk
include servers/rules.mk
include servers/init/module.mk
include servers/echo/module.mk
include servers/console/module.mk
include servers/vfs/module.mk
include servers/time/module.mk
include servers/security/module.mk
include tests/programs/module.mk
include user/module.mk
include tests/bench/module.mk
include tests/fuzz/sysfuzz/module.mk
include libipc/host.mk
include iso.mk

include tests/unit/module.mk
include tests/qemu/module.mk
include tests/fuzz/host/module.mk

all: $(KERNEL_ELF) $(BUILD)/os.iso

# Installs missing packages (as root) or says what to install.
setup:
	@sh tools/setup.sh

run: setup
	@$(MAKE) --no-print-directory all
	@echo "Booting in QEMU; quit with Ctrl-A then X."
	$(QEMU) $(QEMU_BASE) -cpu $(CPU) $(QEMUFLAGS) -cdrom $(BUILD)/os.iso

test: setup
	@$(MAKE) --no-print-directory test-all

bench: setup
	@$(MAKE) --no-print-directory bench-all

debug: setup
	@$(MAKE) --no-print-directory all
	@echo "QEMU waits for GDB on :1234; in another terminal: gdb -x tools/gdbinit"
	@echo "(add a program's symbols there with: add-process-symbols build/user/bin/NAME)"
	$(QEMU) $(QEMU_BASE) -cpu $(CPU) $(QEMUFLAGS) -cdrom $(BUILD)/os.iso -s -S

# `make test T=NAME` runs one unit suite (tests/unit/NAME) or one test
# script (tests/qemu/NAME.sh, docs, ...); `make -jN test` runs N at a time.
T ?=
TEST_JOBS := $(or $(patsubst -j%,%,$(filter -j%,$(MAKEFLAGS))),1)
TEST_SCRIPTS := tests/docs.sh tests/unit/ring_tsan/run.sh tests/fuzz/host/replay.sh $(QEMU_TESTS)
pick = $(if $(T),$(filter %/$(T) %/$(T).sh,$(1)),$(1))

test-all: unit-tests tsan-tests fuzz-replay-build qemu-tests-build $(FWDDOC)
	@$(if $(T),$(if $(call pick,$(UNIT_BINS) $(TEST_SCRIPTS) $(QEMU_SERIAL_TESTS)),,\
		echo "make test: no test named $(T)" >&2; exit 2))
	@FUZZ_REPLAY_DIR=$(BUILD)/fuzz/replay sh tests/run.sh -j $(TEST_JOBS) $(call pick,$(UNIT_BINS)) -- $(call pick,$(TEST_SCRIPTS)) \
		--serial $(call pick,$(QEMU_SERIAL_TESTS))

clean:
	rm -rf $(BUILD)

.PHONY: all setup run test bench debug test-all bench-all clean unit-tests qemu-tests-build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
