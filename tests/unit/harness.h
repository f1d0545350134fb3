/* SPDX-License-Identifier: MIT */
/* Shared main for the host unit tests: each tests/unit/<module>/ directory is
 * one binary whose files each contribute a Suite through UNIT_SUITE(). The
 * harness runs them all and writes TAP to stdout; tests/run.sh turns that
 * into `ok unit/<module>/<test>` lines. */
#pragma once
#include <check.h>

typedef Suite *(*unit_suite_fn)(void);

void unit_register(unit_suite_fn fn);

#define UNIT_SUITE(fn)                                              \
	static Suite *fn(void);                                     \
	__attribute__((constructor)) static void fn##_register(void) \
	{                                                           \
		unit_register(fn);                                  \
	}
