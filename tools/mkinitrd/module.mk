# SPDX-License-Identifier: MIT
# mkinitrd, the host tool that packs the initrd (cpio newc). Built from
# tools/mkinitrd/*.c without sanitizers; its objects live apart from the
# binary because $(BUILD)/tools/mkinitrd is the binary's own path.

MKINITRD := $(BUILD)/tools/mkinitrd
MKINITRD_OBJS := $(patsubst tools/mkinitrd/%.c,$(BUILD)/tools/obj/mkinitrd/%.o,\
	$(wildcard tools/mkinitrd/*.c))
MKINITRD_CFLAGS := -std=gnu11 -O2 -Wall -Wextra -Werror -MMD -MP

$(BUILD)/tools/obj/mkinitrd/%.o: tools/mkinitrd/%.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(MKINITRD_CFLAGS) -c $< -o $@

$(MKINITRD): $(MKINITRD_OBJS)
	@mkdir -p $(dir $@)
	$(HOSTCC) -o $@ $^
