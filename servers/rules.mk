# SPDX-License-Identifier: MIT
# How a server is built: $(call server_prog,NAME,DIR,CFLAGS,LDFLAGS) compiles
# each DIR/*.c into $(BUILD)/servers/NAME/ with its dependency file (so a
# touched header rebuilds what includes it) and links
# $(BUILD)/user/sbin/NAME against libipc and libuk. Needs LIBIPC, LIBUK and
# IPC_CFLAGS.

define server_prog
$(1)_OBJS := $$(patsubst $(2)/%.c,$(BUILD)/servers/$(1)/%.o,$$(wildcard $(2)/*.c))

$(BUILD)/servers/$(1)/%.o: $(2)/%.c
	@mkdir -p $$(dir $$@)
	$(MUSLCC) $(IPC_CFLAGS) $(3) -c $$< -o $$@

$(BUILD)/user/sbin/$(1): $$($(1)_OBJS) $(LIBIPC) $(LIBUK)
	@mkdir -p $$(dir $$@)
	$(MUSLCC) $(IPC_CFLAGS) $(4) -o $$@ $$($(1)_OBJS) $(LIBIPC) $(LIBUK)

USER_PROGRAMS += $(BUILD)/user/sbin/$(1)
endef
