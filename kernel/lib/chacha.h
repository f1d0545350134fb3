/* SPDX-License-Identifier: MIT */
/* The ChaCha20 block function (RFC 8439): 64 bytes of key stream from a
 * 256-bit key, a 32-bit block counter and a 96-bit nonce. Pure, so the
 * host tests check it against the RFC's vectors. */
#pragma once
#include "lib/types.h"

void chacha20_block(const uint32_t key[8], uint32_t counter, const uint32_t nonce[3],
		    uint8_t out[64]);
