// SPDX-License-Identifier: MIT
/* mkinitrd: packs directory trees into the cpio newc initrd the kernel
 * reads (kernel/proc/cpio.c). All logic is in the library (mki.h); see
 * `mkinitrd --help`. */
#include "mki.h"

int main(int argc, char *argv[])
{
	return mki_run(argc, argv, stderr);
}
