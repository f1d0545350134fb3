# SPDX-License-Identifier: MIT
# Benchmarks: programs run inside the OS under -icount (guest ticks), and
# the scripts that boot them and print BENCH lines.

BENCH_PROGS := bench_proc bench_ipc bench_sys bench_restart
BENCH_BINS := $(addprefix $(BUILD)/user/bin/,$(BENCH_PROGS))

$(BENCH_BINS): $(BUILD)/user/bin/%: tests/bench/%.c $(LIBIPC) $(LIBUK)
	@mkdir -p $(dir $@) $(BUILD)/user/dep
	$(MUSLCC) $(IPC_CFLAGS) -pthread -MF $(BUILD)/user/dep/$*.d -o $@ $< $(LIBIPC) $(LIBUK)

USER_PROGRAMS += $(BENCH_BINS)
INITRD_FILES += $(foreach p,$(BENCH_PROGS),$(BUILD)/user/bin/$(p):bin/$(p))

BENCHES := tests/bench/boot.sh tests/bench/proc.sh tests/bench/ipc.sh tests/bench/restart.sh \
	tests/bench/linux.sh tests/bench/fuzz.sh

bench-all: qemu-tests-build
	@for b in $(BENCHES); do sh $$b || exit 1; done
