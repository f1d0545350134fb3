/* SPDX-License-Identifier: MIT */
/* Shared by the host fuzz targets: a cursor that hands out the fuzzer's
 * bytes as small integers and strings (zeros once the input runs out), and
 * FUZZ_CHECK, which aborts with a message when a parser breaks a promise its
 * header makes (the fuzzer then reports a crash with that input). */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The libFuzzer entry point every target defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond, ...)                                                       \
	do {                                                                        \
		if (!(cond)) {                                                      \
			fprintf(stderr, "fuzz check failed at %s:%d: %s: ", __FILE__, \
				__LINE__, #cond);                                   \
			fprintf(stderr, __VA_ARGS__);                               \
			fputc('\n', stderr);                                        \
			abort();                                                    \
		}                                                                   \
	} while (0)

struct fuzz_in {
	const uint8_t *p;
	size_t n;
	size_t pos;
};

static inline struct fuzz_in fuzz_in_make(const uint8_t *data, size_t size)
{
	return (struct fuzz_in){ .p = data, .n = size, .pos = 0 };
}

static inline bool fuzz_done(const struct fuzz_in *in)
{
	return in->pos >= in->n;
}

static inline uint8_t fuzz_u8(struct fuzz_in *in)
{
	return fuzz_done(in) ? 0 : in->p[in->pos++];
}

static inline uint16_t fuzz_u16(struct fuzz_in *in)
{
	uint16_t lo = fuzz_u8(in);
	return (uint16_t)(lo | (uint16_t)fuzz_u8(in) << 8);
}

static inline uint32_t fuzz_u32(struct fuzz_in *in)
{
	uint32_t lo = fuzz_u16(in);
	return lo | (uint32_t)fuzz_u16(in) << 16;
}

/* Copies the bytes up to the next NUL (consumed) or the end of the input
 * into out, keeping at most cap - 1 of them; out is NUL-terminated. Returns
 * the string's length. */
static inline size_t fuzz_str(struct fuzz_in *in, char *out, size_t cap)
{
	size_t len = 0;
	while (!fuzz_done(in)) {
		uint8_t c = in->p[in->pos++];
		if (c == 0)
			break;
		if (len + 1 < cap)
			out[len++] = (char)c;
	}
	out[len] = '\0';
	return len;
}

/* Returns the rest of the input (possibly empty) and consumes it. */
static inline const uint8_t *fuzz_rest(struct fuzz_in *in, size_t *len)
{
	const uint8_t *p = in->p + (in->pos < in->n ? in->pos : in->n);
	*len = in->pos < in->n ? in->n - in->pos : 0;
	in->pos = in->n;
	return p;
}
