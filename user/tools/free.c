// SPDX-License-Identifier: MIT
/* free: prints physical memory (total, used, free) in KiB from
 * uk_meminfo, and the resident size of free itself. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "uk.h"

int main(int argc, char **argv)
{
	struct uk_meminfo mi;
	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: free\n");
		return 2;
	}
	if (uk_meminfo(&mi) < 0) {
		fprintf(stderr, "free: %s\n", strerror(errno));
		return 1;
	}
	unsigned long long kib = mi.page_size / 1024;
	printf("%-6s %12s %12s %12s\n", "", "total", "used", "free");
	printf("%-6s %12llu %12llu %12llu\n", "Mem:", (unsigned long long)mi.total_frames * kib,
	       (unsigned long long)mi.used_frames * kib, (unsigned long long)mi.free_frames * kib);
	printf("(KiB; this process: %llu KiB resident)\n", (unsigned long long)mi.rss_pages * kib);
	return 0;
}
