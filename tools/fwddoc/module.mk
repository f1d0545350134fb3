# SPDX-License-Identifier: MIT
# fwddoc: the forwarded-call tables of docs/syscalls.md, made from
# include/proto/fwd_calls.h. `make docs` rewrites them; `make test` checks
# them (tests/docs.sh).

FWDDOC := $(BUILD)/tools/fwddoc

$(FWDDOC): tools/fwddoc/fwddoc.c
	@mkdir -p $(dir $@)
	$(HOSTCC) -std=gnu11 -Wall -Wextra -Werror -MMD -MP -Iinclude -o $@ $<

docs: $(FWDDOC)
	@sh tools/fwddoc/splice.sh docs/syscalls.md $(FWDDOC)

.PHONY: docs
