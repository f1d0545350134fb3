# SPDX-License-Identifier: MIT
# sysfuzz: the system-call fuzzer that runs inside the OS, one static musl
# binary packed as /bin/sysfuzz. `make fuzz` boots it (tests/qemu/fuzz.sh).

SYSFUZZ := $(BUILD)/user/bin/sysfuzz
SYSFUZZ_SRCS := $(wildcard tests/fuzz/sysfuzz/*.c) tests/fuzz/sysfuzz/raw.S
SYSFUZZ_OBJS := $(patsubst tests/fuzz/sysfuzz/%,$(BUILD)/fuzz/sysfuzz/%.o,$(SYSFUZZ_SRCS))
# No stack protector: a fuzzed call may leave the FS base (and with it the
# canary) pointing anywhere until the worker puts it back.
SYSFUZZ_CFLAGS := $(IPC_CFLAGS) -fno-stack-protector

$(BUILD)/fuzz/sysfuzz/%.c.o: tests/fuzz/sysfuzz/%.c
	@mkdir -p $(dir $@)
	$(MUSLCC) $(SYSFUZZ_CFLAGS) -c $< -o $@

$(BUILD)/fuzz/sysfuzz/%.S.o: tests/fuzz/sysfuzz/%.S
	@mkdir -p $(dir $@)
	$(MUSLCC) $(SYSFUZZ_CFLAGS) -c $< -o $@

$(SYSFUZZ): $(SYSFUZZ_OBJS) $(LIBIPC) $(LIBUK)
	@mkdir -p $(dir $@)
	$(MUSLCC) -static -pthread -o $@ $(SYSFUZZ_OBJS) $(LIBIPC) $(LIBUK)

USER_PROGRAMS += $(SYSFUZZ)
INITRD_FILES += $(SYSFUZZ):bin/sysfuzz

# make fuzz: one boot per seed, every mode in it; the defaults make
# 3 seeds x 3 modes x 120,000 = 1.08 million calls.
SEEDS ?= 1 2 3
ITER ?= 120000
FUZZ_MODES ?= linux native mixed

fuzz: setup
	@$(MAKE) --no-print-directory $(KERNEL_ELF) $(BUILD)/initrd.img
	@SEEDS="$(SEEDS)" ITER="$(ITER)" MODES="$(FUZZ_MODES)" sh tests/qemu/fuzz.sh long

.PHONY: fuzz
