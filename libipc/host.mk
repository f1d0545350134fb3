# SPDX-License-Identifier: MIT
# libipc on the Linux host, beyond the Check suite tests/unit/ring/ (built by
# tests/unit/module.mk): the ring stress under ThreadSanitizer and the host
# IPC benchmark. Both take HOSTCFLAGS without its sanitizers: TSan cannot be
# combined with ASan, and the benchmark is built -O2 with none.

LIBIPC_HOST_SRCS := libipc/ring.c libipc/host/ipc_host.c
LIBIPC_HOST_CFLAGS := $(filter-out -fsanitize=% -fno-sanitize-recover=% -O%,$(HOSTCFLAGS)) \
	-Iinclude -Ilibipc -pthread

# ThreadSanitizer: the stress shared with tests/unit/ring/, own main().
# -Wno-tsan: TSan does not model the seq_cst fences of the waiting-flag
# handshake (ring.c); they order no plain data, which acquire/release on the
# ring indices does, so race detection is unaffected. The binary sets
# TSAN_OPTIONS defaults halt_on_error=1:exitcode=66 itself.
RING_TSAN_BIN := $(BUILD)/tests/tsan/ring_stress
RING_TSAN_SRCS := tests/unit/ring_tsan/ring_stress_main.c tests/unit/ring/ring_stress.c \
	$(LIBIPC_HOST_SRCS)
RING_TSAN_CFLAGS := $(LIBIPC_HOST_CFLAGS) -O1 -fsanitize=thread -Wno-tsan -Itests/unit/ring

$(BUILD)/tsan/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(RING_TSAN_CFLAGS) -c $< -o $@

$(RING_TSAN_BIN): $(patsubst %.c,$(BUILD)/tsan/%.o,$(RING_TSAN_SRCS))
	@mkdir -p $(dir $@)
	$(HOSTCC) -fsanitize=thread -pthread -o $@ $^

TSAN_TESTS += $(RING_TSAN_BIN)

# Host IPC benchmark: ring vs pipe vs Unix socket between two processes.
HOST_IPC_BENCH := $(BUILD)/bench/host_ipc
HOST_IPC_SRCS := tests/bench/host_ipc.c $(LIBIPC_HOST_SRCS)

$(BUILD)/hostbench/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(LIBIPC_HOST_CFLAGS) -O2 -c $< -o $@

$(HOST_IPC_BENCH): $(patsubst %.c,$(BUILD)/hostbench/%.o,$(HOST_IPC_SRCS))
	@mkdir -p $(dir $@)
	$(HOSTCC) -pthread -o $@ $^

BENCHES += tests/bench/host.sh
bench-all: $(HOST_IPC_BENCH)

tsan-tests: $(TSAN_TESTS)
.PHONY: tsan-tests
