# SPDX-License-Identifier: MIT
# The kernel: every .c and .asm under kernel/, linked twice so that the
# second image carries its own symbol table for backtraces (text addresses do
# not move: the table lives in .rodata, after .text).

KERNEL_ELF := $(BUILD)/kernel.elf
KERNEL_C := $(shell find kernel -name '*.c' -not -path 'kernel/vdso/*' | sort)
KERNEL_ASM := $(shell find kernel -name '*.asm' | sort)
include kernel/vdso/module.mk
KERNEL_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(KERNEL_C)) $(patsubst %.asm,$(BUILD)/%.asm.o,$(KERNEL_ASM)) \
	$(VDSO_BLOB)
KERNEL_LDFLAGS := -nostdlib -static -z max-page-size=4096 -z noexecstack -T kernel/kernel.ld

$(BUILD)/kernel/%.o: kernel/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/kernel/%.asm.o: kernel/%.asm
	@mkdir -p $(dir $@)
	@echo "  NASM    $<"
	@$(NASM) $(NASMFLAGS) -I$(dir $<) -MF $(@:.o=.d) -MT $@ $< -o $@

$(BUILD)/ksyms-empty.c: tools/ksyms.sh
	@mkdir -p $(dir $@)
	@sh tools/ksyms.sh $(NM) /nonexistent > $@

$(BUILD)/ksyms%.o: $(BUILD)/ksyms%.c
	@$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/kernel.pass1.elf: $(KERNEL_OBJS) $(BUILD)/ksyms-empty.o kernel/kernel.ld
	@echo "  LD      $@"
	@$(LD) $(KERNEL_LDFLAGS) -o $@ $(KERNEL_OBJS) $(BUILD)/ksyms-empty.o

$(BUILD)/ksyms-final.c: $(BUILD)/kernel.pass1.elf tools/ksyms.sh
	@sh tools/ksyms.sh $(NM) $< > $@

$(KERNEL_ELF): $(BUILD)/kernel.pass1.elf $(BUILD)/ksyms-final.o
	@echo "  LD      $@"
	@$(LD) $(KERNEL_LDFLAGS) -o $@ $(KERNEL_OBJS) $(BUILD)/ksyms-final.o
	@cmp -s <($(NM) -n $< | grep ' [tT] ') <($(NM) -n $@ | grep ' [tT] ') || \
		{ echo "kernel: text moved between link passes" >&2; rm -f $@; exit 1; }
