# SPDX-License-Identifier: MIT
# Test programs that run inside the OS: each tests/programs/t_<area>.c is one
# static musl binary $(BUILD)/user/bin/t_<area>, packed as /bin/t_<area>.
# Needs LIBUK, LIBIPC and IPC_CFLAGS (libc-shim/, libipc/ module.mk).

UK_TEST_PROGS := $(patsubst tests/programs/%.c,%,$(wildcard tests/programs/t_*.c))
UK_TEST_BINS := $(addprefix $(BUILD)/user/bin/,$(UK_TEST_PROGS))
UK_PTHREAD_PROGS := t_robust t_sysinfo t_concurrent t_harden t_threads t_fair t_leak t_restart t_timer t_seccomp

$(UK_TEST_BINS): $(BUILD)/user/bin/%: tests/programs/%.c $(LIBIPC) $(LIBUK)
	@mkdir -p $(dir $@) $(BUILD)/user/dep
	$(MUSLCC) $(IPC_CFLAGS) $(if $(filter $*,$(UK_PTHREAD_PROGS)),-pthread) \
		-MF $(BUILD)/user/dep/$*.d -o $@ $< $(LIBIPC) $(LIBUK)

USER_PROGRAMS += $(UK_TEST_BINS)
INITRD_FILES += $(foreach p,$(UK_TEST_PROGS),$(BUILD)/user/bin/$(p):bin/$(p))
