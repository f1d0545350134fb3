# SPDX-License-Identifier: MIT
# Host fuzzing of the parsers that take outside input (README.md here).
# Each target T is tests/fuzz/host/fuzz_T.c (its LLVMFuzzerTestOneInput) plus
# the product sources listed, one per line, in tests/fuzz/host/T.sources;
# its seeds and every crash found are in tests/fuzz/host/corpus/T/.
# (A line of a list that names another list, e.g. tests/unit/vfs/sources,
# stands for its lines.)
#
# - `make fuzz-host` builds each target with clang's libFuzzer, ASan and
#   UBSan and runs it for FUZZ_TIME seconds (tests/fuzz/host/run.sh). Only
#   it needs clang (`sh tools/setup.sh fuzz` installs it).
# - `make test` replays every corpus through a gcc ASan+UBSan build of the
#   same target with replay.c as main (tests/fuzz/host/replay.sh), compiled
#   with HOSTCFLAGS as the unit tests are.

FUZZ_HOST_DIR := tests/fuzz/host
FUZZ_TARGETS := $(patsubst $(FUZZ_HOST_DIR)/%.sources,%,$(wildcard $(FUZZ_HOST_DIR)/*.sources))
FUZZ_CC ?= clang
FUZZ_TIME ?= 60
FUZZ_SAN := -fsanitize=fuzzer,address,undefined
FUZZ_INCLUDES := -DHOST_TEST -Iinclude -Ikernel -Ikernel/arch/x86_64 -Ilibipc -Ilibc-shim/include
FUZZ_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -MMD -MP -fno-omit-frame-pointer \
	$(FUZZ_SAN) -fno-sanitize-recover=all $(FUZZ_INCLUDES)
FUZZ_REPLAY_CFLAGS := $(HOSTCFLAGS) $(FUZZ_INCLUDES)
FUZZ_BINS := $(addprefix $(BUILD)/fuzz/bin/,$(FUZZ_TARGETS))
FUZZ_REPLAY_BINS := $(addprefix $(BUILD)/fuzz/replay/,$(FUZZ_TARGETS))

# Product sources of target $(1); a line naming another list (a path ending
# in "sources", such as the VFS unit tests') stands for that list's lines.
fuzz_srcs = $(FUZZ_HOST_DIR)/fuzz_$(1).c $(shell awk '/sources$$/ { while ((getline l < $$0) > 0) \
	print l; next } { print }' $(FUZZ_HOST_DIR)/$(1).sources)

$(BUILD)/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

$(BUILD)/fuzz/gcc/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(FUZZ_REPLAY_CFLAGS) -c $< -o $@

define fuzz_target
$(BUILD)/fuzz/bin/$(1): $(patsubst %.c,$(BUILD)/fuzz/obj/%.o,$(call fuzz_srcs,$(1))) \
		$(FUZZ_HOST_DIR)/$(1).sources
	@mkdir -p $$(dir $$@)
	$(FUZZ_CC) $(FUZZ_SAN) -o $$@ $$(filter %.o,$$^)

$(BUILD)/fuzz/replay/$(1): $(patsubst %.c,$(BUILD)/fuzz/gcc/%.o,$(call fuzz_srcs,$(1)) \
		$(FUZZ_HOST_DIR)/replay.c) $(FUZZ_HOST_DIR)/$(1).sources
	@mkdir -p $$(dir $$@)
	$(HOSTCC) $(HOSTLDFLAGS) -o $$@ $$(filter %.o,$$^)
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call fuzz_target,$(t))))

fuzz-replay-build: $(FUZZ_REPLAY_BINS)

fuzz-host-build: $(FUZZ_BINS)

# Installs clang and its runtimes when run as root (or says what is missing),
# then builds and runs every target for FUZZ_TIME seconds.
fuzz-host:
	@sh tools/setup.sh fuzz
	@$(MAKE) --no-print-directory fuzz-host-build
	@sh $(FUZZ_HOST_DIR)/run.sh $(BUILD)/fuzz $(FUZZ_TIME) $(FUZZ_TARGETS)

.PHONY: fuzz-host fuzz-host-build fuzz-replay-build
