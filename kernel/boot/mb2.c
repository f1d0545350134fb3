// SPDX-License-Identifier: MIT
/* Multiboot2 boot-information parser; see mb2.h. The walk checks each tag's
 * header against total_size before a per-type handler (from a table indexed
 * by tag type) reads its body. Fields are read with memcpy so an odd
 * entry_size cannot cause misaligned loads. */
#include "boot/mb2.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/phys.h"

#define TAG_HDR 8       /* u32 type, u32 size */
#define MMAP_HDR 16     /* tag header, u32 entry_size, u32 entry_version */
#define MMAP_ENTRY 24   /* u64 base, u64 len, u32 type, u32 reserved */
#define MODULE_HDR 16   /* tag header, u32 mod_start, u32 mod_end */
#define RSDP_V1_LEN 20
#define RSDP_V2_LEN 36

typedef int (*mb2_tag_fn_t)(const uint8_t *tag, uint32_t size, struct boot_info *out);

static uint32_t rd32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

static uint64_t rd64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

/* Returns the string at tag[off], or NULL if no NUL ends it inside the tag. */
static const char *tag_string(const uint8_t *tag, uint32_t size, uint32_t off)
{
	if (off >= size)
		return NULL;
	const char *s = (const char *)tag + off;
	return strnlen(s, size - off) < size - off ? s : NULL;
}

static int tag_cmdline(const uint8_t *tag, uint32_t size, struct boot_info *out)
{
	const char *s = tag_string(tag, size, TAG_HDR);
	if (!s)
		return MB2_ERR_STRING;
	out->cmdline = s;
	return MB2_OK;
}

static int tag_loader_name(const uint8_t *tag, uint32_t size, struct boot_info *out)
{
	const char *s = tag_string(tag, size, TAG_HDR);
	if (!s)
		return MB2_ERR_STRING;
	out->loader_name = s;
	return MB2_OK;
}

static int tag_module(const uint8_t *tag, uint32_t size, struct boot_info *out)
{
	if (size < MODULE_HDR)
		return MB2_ERR_TAG_SIZE;
	uint32_t start = rd32(tag + 8), end = rd32(tag + 12);
	const char *s = tag_string(tag, size, MODULE_HDR);
	if (start > end)
		return MB2_ERR_MODULE_RANGE;
	if (!s)
		return MB2_ERR_STRING;
	if (out->module_count == MB2_MAX_MODULES) {
		out->dropped++;
		return MB2_OK;
	}
	out->modules[out->module_count++] = (struct mb2_module){ start, end, s };
	return MB2_OK;
}

static int tag_mmap(const uint8_t *tag, uint32_t size, struct boot_info *out)
{
	if (size < MMAP_HDR)
		return MB2_ERR_TAG_SIZE;
	uint32_t esize = rd32(tag + 8);
	if (esize < MMAP_ENTRY)
		return MB2_ERR_MMAP_ENTRY;
	for (uint32_t off = MMAP_HDR; size - off >= esize; off += esize) {
		const uint8_t *e = tag + off;
		if (out->mmap_count == MB2_MAX_MMAP) {
			out->dropped++;
			continue;
		}
		out->mmap[out->mmap_count++] = (struct mb2_mmap_entry){
			.base = rd64(e), .len = rd64(e + 8), .type = rd32(e + 16),
		};
	}
	return MB2_OK;
}

static int tag_acpi_old(const uint8_t *tag, uint32_t size, struct boot_info *out)
{
	if (size - TAG_HDR < RSDP_V1_LEN)
		return MB2_ERR_RSDP_SIZE;
	if (!out->rsdp_v2) {
		out->rsdp = tag + TAG_HDR;
		out->rsdp_len = size - TAG_HDR;
	}
	return MB2_OK;
}

static int tag_acpi_new(const uint8_t *tag, uint32_t size, struct boot_info *out)
{
	if (size - TAG_HDR < RSDP_V2_LEN)
		return MB2_ERR_RSDP_SIZE;
	out->rsdp = tag + TAG_HDR;
	out->rsdp_len = size - TAG_HDR;
	out->rsdp_v2 = true;
	return MB2_OK;
}

static const mb2_tag_fn_t tag_handlers[] = {
	[MB2_TAG_CMDLINE] = tag_cmdline,
	[MB2_TAG_LOADER_NAME] = tag_loader_name,
	[MB2_TAG_MODULE] = tag_module,
	[MB2_TAG_MMAP] = tag_mmap,
	[MB2_TAG_ACPI_OLD] = tag_acpi_old,
	[MB2_TAG_ACPI_NEW] = tag_acpi_new,
};

/* Walks the tags after the 8-byte header; returns MB2_OK once the end tag is seen. */
static int walk_tags(const uint8_t *base, uint32_t total, struct boot_info *out)
{
	uint32_t off = 8;
	while (off < total) {
		if (total - off < TAG_HDR)
			return MB2_ERR_TAG_OVERFLOW;
		uint32_t type = rd32(base + off), size = rd32(base + off + 4);
		if (size < TAG_HDR)
			return MB2_ERR_TAG_SIZE;
		if (size > total - off)
			return MB2_ERR_TAG_OVERFLOW;
		if (type == MB2_TAG_END)
			return MB2_OK;
		if (type < ARRAY_SIZE(tag_handlers) && tag_handlers[type]) {
			int err = tag_handlers[type](base + off, size, out);
			if (err != MB2_OK)
				return err;
		}
		off += ALIGN_UP(size, 8u); /* size <= total - off <= 1 MiB: no overflow */
	}
	return MB2_ERR_NO_END_TAG;
}

int mb2_parse(const void *mbi, struct boot_info *out)
{
	if (!out)
		return MB2_ERR_NULL;
	memset(out, 0, sizeof(*out)); /* zeroed on every error, as mb2.h says */
	if (!mbi)
		return MB2_ERR_NULL;
	if ((uintptr_t)mbi & 7)
		return MB2_ERR_ALIGN;
	uint32_t total = rd32(mbi);
	if (total < MB2_INFO_MIN_SIZE || total > MB2_INFO_MAX_SIZE)
		return MB2_ERR_TOTAL_SIZE;
	out->cmdline = "";
	out->loader_name = "";
	int err = walk_tags(mbi, total, out);
	if (err != MB2_OK) {
		memset(out, 0, sizeof(*out));
		return err;
	}
	out->mbi_phys = virt_to_phys(mbi);
	out->total_size = total;
	if (out->dropped)
		pr_warn("mb2: %zu modules/mmap entries beyond the limits ignored\n", out->dropped);
	return MB2_OK;
}

static const char *const error_text[MB2_ERR_COUNT] = {
	[MB2_OK] = "success",
	[-MB2_ERR_NULL] = "null argument",
	[-MB2_ERR_ALIGN] = "boot information not 8-byte aligned",
	[-MB2_ERR_TOTAL_SIZE] = "total_size out of range",
	[-MB2_ERR_TAG_SIZE] = "tag too small for its type",
	[-MB2_ERR_TAG_OVERFLOW] = "tag runs past total_size",
	[-MB2_ERR_NO_END_TAG] = "no end tag",
	[-MB2_ERR_MMAP_ENTRY] = "memory-map entry_size below 24",
	[-MB2_ERR_MODULE_RANGE] = "module start above its end",
	[-MB2_ERR_STRING] = "string not NUL-terminated inside its tag",
	[-MB2_ERR_RSDP_SIZE] = "ACPI tag shorter than its RSDP",
};

const char *mb2_strerror(int err)
{
	if (err > 0 || -err >= MB2_ERR_COUNT)
		return "unknown error";
	return error_text[-err];
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

const char *mb2_cmdline_get(const char *cmdline, const char *key, size_t *len)
{
	if (!cmdline || !key || !*key)
		return NULL;
	size_t klen = strlen(key);
	const char *found = NULL;
	size_t flen = 0;
	for (const char *p = cmdline; *p;) {
		while (is_space(*p))
			p++;
		const char *w = p;
		while (*p && !is_space(*p))
			p++;
		if ((size_t)(p - w) < klen || strncmp(w, key, klen) != 0)
			continue;
		if (w + klen == p) {
			found = p;
			flen = 0;
		} else if (w[klen] == '=') {
			found = w + klen + 1;
			flen = (size_t)(p - found);
		}
	}
	if (found && len)
		*len = flen;
	return found;
}
