// SPDX-License-Identifier: MIT
/* The kernel's random generator (see random.h).
 *
 * Quality: with RDSEED or RDRAND the seed is the CPU's hardware entropy
 * (256 bits), as strong as that source. Without them (QEMU's qemu64 CPU),
 * the seed is TSC jitter (the spread of the time a short loop takes,
 * sampled 256 times) plus the RTC and the boot TSC: unpredictable to a
 * remote attacker but weak against one who can observe the machine's
 * timing; the boot log says which source was used. Either way the output
 * is ChaCha20 key stream and the key is replaced after each request. */
#include "cpu.h"
#include "cpufeat.h"
#include "lib/chacha.h"
#include "lib/random.h"
#include "lib/string.h"

static uint32_t key[8];
static uint32_t counter;
static const char *source = "none";

static bool hw_word(uint64_t *v)
{
	for (int tries = 0; tries < 16; tries++) {
		if (cpu_has(CPU_RDSEED) && cpu_rdseed64(v))
			return true;
		if (cpu_has(CPU_RDRAND) && cpu_rdrand64(v))
			return true;
	}
	return false;
}

/* The spread of a short loop's duration, 256 samples folded together. */
static uint64_t tsc_jitter(void)
{
	uint64_t acc = 0;
	for (int i = 0; i < 256; i++) {
		uint64_t t0 = rdtsc();
		for (volatile int spin = 0; spin < 16 + (int)(acc & 15); spin++)
			;
		uint64_t d = rdtsc() - t0;
		acc = (acc << 7 | acc >> 57) ^ d ^ t0;
	}
	return acc;
}

void random_init(void)
{
	uint32_t material[8] = { 0 };
	bool hw = true;
	for (int i = 0; i < 4; i++) {
		uint64_t v = 0;
		hw &= hw_word(&v);
		v ^= tsc_jitter();
		material[2 * i] ^= (uint32_t)v;
		material[2 * i + 1] ^= (uint32_t)(v >> 32);
	}
	source = !hw ? "tsc jitter" : cpu_has(CPU_RDSEED) ? "rdseed" : "rdrand";
	uint32_t nonce[3] = { (uint32_t)rdtsc(), 0x6b6e726c /* "lrnk" */, 0 };
	uint8_t block[64];
	chacha20_block(material, 0, nonce, block);
	memcpy(key, block, sizeof(key));
	memset(block, 0, sizeof(block));
	memset(material, 0, sizeof(material));
}

void random_bytes(void *out, size_t n)
{
	static const uint32_t nonce[3];
	uint8_t block[64], *o = out;
	while (n) {
		chacha20_block(key, counter++, nonce, block);
		size_t k = n < sizeof(block) ? n : sizeof(block);
		memcpy(o, block, k);
		o += k, n -= k;
	}
	chacha20_block(key, counter++, nonce, block);  /* fast key erasure */
	memcpy(key, block, sizeof(key));
	memset(block, 0, sizeof(block));
}

const char *random_source(void)
{
	return source;
}
