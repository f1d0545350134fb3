/* SPDX-License-Identifier: MIT */
/* The fuzzer's random numbers: splitmix64, seeded per call from (seed,
 * worker, call index), so one call's arguments do not depend on how many
 * numbers the calls before it drew. Header-only. */
#pragma once
#include <stdint.h>

struct sf_rng {
	uint64_t s;
};

static inline uint64_t sf_mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static inline void sf_rng_seed(struct sf_rng *r, uint64_t seed, uint64_t worker, uint64_t idx)
{
	r->s = sf_mix(sf_mix(sf_mix(seed ^ 0x5F5A5A5Aull) ^ worker) + idx * 0x9E3779B97F4A7C15ull);
}

static inline uint64_t sf_next(struct sf_rng *r)
{
	r->s += 0x9E3779B97F4A7C15ull;
	return sf_mix(r->s);
}

/* Uniform in [0, n); n > 0. */
static inline uint64_t sf_below(struct sf_rng *r, uint64_t n)
{
	return (uint64_t)(((unsigned __int128)sf_next(r) * n) >> 64);
}

/* True with probability 1/n. */
static inline int sf_one_in(struct sf_rng *r, uint64_t n)
{
	return sf_below(r, n) == 0;
}

/* True with probability pct %. */
static inline int sf_pct(struct sf_rng *r, unsigned pct)
{
	return sf_below(r, 100) < pct;
}

#define SF_PICK(r, arr) ((arr)[sf_below((r), sizeof(arr) / sizeof((arr)[0]))])
