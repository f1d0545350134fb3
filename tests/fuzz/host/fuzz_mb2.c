// SPDX-License-Identifier: MIT
/* Fuzz target for kernel/boot/mb2.c: the input is a multiboot2 information
 * structure, placed 8-byte aligned in a buffer of exactly its size. As GRUB
 * always provides total_size bytes, a total_size larger than the input is
 * lowered to the input's size. On success every string, module command line
 * and the RSDP must lie inside the structure, and mb2_cmdline_get must stay
 * inside the command line for fixed keys and for one the input chooses (the
 * loader name); on failure *out must be zeroed, as mb2.h promises. */
#include "fuzz_input.h"
#include "boot/mb2.h"

uintptr_t phys_map_base;

struct span {
	const uint8_t *lo, *hi;
};

static bool in_span(struct span s, const void *p, size_t n)
{
	const uint8_t *b = p;
	return b >= s.lo && b <= s.hi && n <= (size_t)(s.hi - b);
}

/* A NUL-terminated string inside s. */
static bool str_in_span(struct span s, const char *str)
{
	return in_span(s, str, 1) && memchr(str, '\0', (size_t)(s.hi - (const uint8_t *)str));
}

static void check_lookup(const char *cmdline, const char *key)
{
	size_t len = 12345;
	const char *v = mb2_cmdline_get(cmdline, key, &len);
	if (!v)
		return;
	size_t n = strlen(cmdline);
	FUZZ_CHECK(v >= cmdline && v <= cmdline + n && len <= (size_t)(cmdline + n - v),
		   "value for %s outside the command line", key);
}

static void check_info(const struct boot_info *bi, struct span s)
{
	FUZZ_CHECK(str_in_span(s, bi->cmdline) || bi->cmdline[0] == '\0', "cmdline outside");
	FUZZ_CHECK(str_in_span(s, bi->loader_name) || bi->loader_name[0] == '\0',
		   "loader name outside");
	FUZZ_CHECK(bi->module_count <= MB2_MAX_MODULES && bi->mmap_count <= MB2_MAX_MMAP,
		   "counts beyond the limits");
	for (size_t i = 0; i < bi->module_count; i++)
		FUZZ_CHECK(str_in_span(s, bi->modules[i].cmdline) &&
				   bi->modules[i].start <= bi->modules[i].end,
			   "module %zu", i);
	if (bi->rsdp)
		FUZZ_CHECK(in_span(s, bi->rsdp, bi->rsdp_len) &&
				   bi->rsdp_len >= (bi->rsdp_v2 ? 36u : 20u),
			   "RSDP outside or short");
	FUZZ_CHECK(bi->total_size <= (size_t)(s.hi - s.lo), "total_size");
	static const char *const keys[] = { "loglevel=debug", "test", "init", "a", "=" };
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		check_lookup(bi->cmdline, keys[i]);
	check_lookup(bi->cmdline, bi->loader_name);
}

static bool all_zero(const void *p, size_t n)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct boot_info bi;
	uint8_t *mbi = NULL;
	if (size < 4 || posix_memalign((void **)&mbi, 8, size) != 0)
		return 0;
	memcpy(mbi, data, size);
	uint32_t total;
	memcpy(&total, mbi, 4);
	if (total > size && total <= MB2_INFO_MAX_SIZE) {
		total = (uint32_t)size;
		memcpy(mbi, &total, 4);
	}
	memset(&bi, 0xcc, sizeof(bi));
	int r = mb2_parse(mbi, &bi);
	FUZZ_CHECK(r <= 0 && mb2_strerror(r) != NULL, "mb2_parse returned %d", r);
	if (r == MB2_OK)
		check_info(&bi, (struct span){ mbi, mbi + size });
	else
		FUZZ_CHECK(all_zero(&bi, sizeof(bi)), "*out not zeroed after error %d", r);
	free(mbi);
	return 0;
}
