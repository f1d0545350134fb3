/* SPDX-License-Identifier: MIT */
/* test and [ (POSIX): sh_test evaluates argv[0..argc), the operands
 * after the command name (and without the closing "]"). Pure but for the
 * file tests' system calls. */
#pragma once

/* Returns 0 (true), 1 (false) or 2 after printing an error to stderr. */
int sh_test(int argc, char **argv);
