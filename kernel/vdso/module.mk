# SPDX-License-Identifier: MIT
# The vDSO: a user-mode shared object the kernel embeds (as data) and maps
# into every process; musl finds __vdso_clock_gettime in it.

VDSO_SO := $(BUILD)/vdso/vdso.so
VDSO_BLOB := $(BUILD)/vdso/vdso_blob.o

$(VDSO_SO): kernel/vdso/vdso.c kernel/vdso/vdso.ld include/abi/timepage.h
	@mkdir -p $(dir $@)
	@echo "  VDSO    $@"
	@$(HOSTCC) -std=gnu11 -O2 -fPIC -fno-stack-protector -fno-asynchronous-unwind-tables \
		-nostdlib -shared -Wall -Wextra -Werror -Iinclude -Wl,--hash-style=sysv \
		-Wl,-soname,linux-vdso.so.1 -Wl,-z,noexecstack -Wl,--build-id=none \
		-Wl,-T,kernel/vdso/vdso.ld -o $@ $<

# Embedded as read-only data with _binary_vdso_so_start/_end.
$(VDSO_BLOB): $(VDSO_SO)
	@cd $(dir $<) && $(OBJCOPY) -I binary -O elf64-x86-64 -B i386:x86-64 \
		--rename-section .data=.rodata,alloc,load,readonly,data,contents vdso.so vdso_blob.o
