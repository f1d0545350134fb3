# SPDX-License-Identifier: MIT
# Host unit tests (Check, ASan+UBSan). Each directory tests/unit/<module>/ is
# one binary: its *.c files plus the product sources listed, one per line, in
# tests/unit/<module>/sources. New suites need no edit here.

UNIT_DIRS := $(patsubst %/,%,$(dir $(wildcard tests/unit/*/sources)))
UNIT_BINS := $(patsubst tests/unit/%,$(BUILD)/tests/unit/%,$(UNIT_DIRS))
UNIT_CFLAGS := $(HOSTCFLAGS) -DHOST_TEST -Iinclude -Ikernel -Ikernel/arch/x86_64 \
	-Itests/unit -Ilibipc $(shell pkg-config --cflags check 2>/dev/null)
UNIT_LIBS := $(shell pkg-config --libs check 2>/dev/null)

$(BUILD)/host/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(UNIT_CFLAGS) -c $< -o $@

define unit_bin
$(BUILD)/tests/unit/$(1): $(patsubst %.c,$(BUILD)/host/%.o,$(wildcard tests/unit/$(1)/*.c) \
		tests/unit/harness.c $(shell cat tests/unit/$(1)/sources)) tests/unit/$(1)/sources
	@mkdir -p $$(dir $$@)
	$(HOSTCC) $(HOSTLDFLAGS) -o $$@ $$(filter %.o,$$^) $(UNIT_LIBS)
endef
$(foreach d,$(UNIT_DIRS),$(eval $(call unit_bin,$(notdir $(d)))))

unit-tests: $(UNIT_BINS)
