# SPDX-License-Identifier: MIT
# User programs, static musl binaries packed into the initrd:
#   $(BUILD)/user/bin/sh from user/sh/*.c, packed as /bin/sh;
#   $(BUILD)/user/bin/<tool> from each user/tools/<tool>.c, as /bin/<tool>;
#   tests/sh/*.sh and tests/sh/run-all, the shell's script suite, as /share/sh.
# Needs LIBUK and UK_CFLAGS (libc-shim/module.mk).

USER_SH_SRCS := $(wildcard user/sh/*.c)
USER_SH_OBJS := $(patsubst user/sh/%.c,$(BUILD)/user/sh/%.o,$(USER_SH_SRCS))
USER_TOOLS := $(patsubst user/tools/%.c,%,$(wildcard user/tools/*.c))
USER_TOOL_BINS := $(addprefix $(BUILD)/user/bin/,$(USER_TOOLS))

$(BUILD)/user/sh/%.o: user/sh/%.c
	@mkdir -p $(dir $@)
	$(MUSLCC) $(UK_CFLAGS) -c $< -o $@

$(BUILD)/user/bin/sh: $(USER_SH_OBJS) $(LIBUK)
	@mkdir -p $(dir $@)
	$(MUSLCC) $(UK_CFLAGS) -o $@ $(USER_SH_OBJS) $(LIBUK)

$(USER_TOOL_BINS): $(BUILD)/user/bin/%: user/tools/%.c $(LIBIPC) $(LIBUK)
	@mkdir -p $(dir $@) $(BUILD)/user/dep
	$(MUSLCC) $(IPC_CFLAGS) -MF $(BUILD)/user/dep/$*.d -o $@ $< $(LIBIPC) $(LIBUK)

USER_PROGRAMS += $(BUILD)/user/bin/sh $(USER_TOOL_BINS)
INITRD_FILES += $(BUILD)/user/bin/sh:bin/sh \
	$(foreach t,$(USER_TOOLS),$(BUILD)/user/bin/$(t):bin/$(t))
# The shell's POSIX script suite (tests/qemu/sh_scripts.sh) as /share/sh.
INITRD_FILES += $(foreach f,$(wildcard tests/sh/*.sh) tests/sh/run-all,$(f):share/sh/$(notdir $(f)))
