/* SPDX-License-Identifier: MIT */
/* The printf built-in (POSIX): sh_printf formats argv[1..] by the format
 * argv[0] into out, reusing the format while arguments remain. Escapes
 * \\ \a \b \f \n \r \t \v \NNN; conversions %d %i %o %u %x %X %c %s %b
 * %e %E %f %F %g %G %% with flags, width and precision (also *). Pure. */
#pragma once
#include "sh_buf.h"

/* Returns 0, or 1 after printing to stderr about a bad number or
 * format (the output is still produced). */
int sh_printf(char **argv, struct sh_str *out);
/* Appends s with the escapes of %b (and of XSI echo) done: \\ \a \b \f
 * \n \r \t \v \0NNN; returns 1 if \c ended the output there. */
int sh_printf_escapes(const char *s, struct sh_str *out);
