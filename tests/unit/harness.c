// SPDX-License-Identifier: MIT
/* main() for every unit-test binary: runs the registered suites, TAP on stdout. */
#include <stdio.h>
#include <stdlib.h>
#include "harness.h"

static unit_suite_fn suites[64];
static int nsuites;

void unit_register(unit_suite_fn fn)
{
	if (nsuites == 64) {
		fprintf(stderr, "harness: too many suites\n");
		exit(2);
	}
	suites[nsuites++] = fn;
}

int main(void)
{
	if (nsuites == 0) {
		fprintf(stderr, "harness: no suites registered\n");
		return 2;
	}
	SRunner *sr = srunner_create(suites[0]());
	for (int i = 1; i < nsuites; i++)
		srunner_add_suite(sr, suites[i]());
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
