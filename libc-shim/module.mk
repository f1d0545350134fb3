# SPDX-License-Identifier: MIT
# libuk ($(LIBUK)): native-call wrappers, the initrd cpio reader and
# uk_spawn_path for static musl programs; header libc-shim/include/uk.h.
# Defines UK_CFLAGS for every program built with $(MUSLCC) against it.

LIBUK := $(BUILD)/libc-shim/libuk.a
UK_CFLAGS := -static -O2 -Wall -Wextra -Werror -Iinclude -Ilibc-shim/include -MMD -MP
LIBUK_OBJS := $(patsubst libc-shim/%.c,$(BUILD)/libc-shim/%.o,$(wildcard libc-shim/*.c))

$(BUILD)/libc-shim/%.o: libc-shim/%.c
	@mkdir -p $(dir $@)
	$(MUSLCC) $(UK_CFLAGS) -c $< -o $@

$(LIBUK): $(LIBUK_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^
