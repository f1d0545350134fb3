/* SPDX-License-Identifier: MIT */
/* Shell arithmetic, $(( )): signed long integers with C's operators and
 * precedence (unary + - ! ~, * / % + - << >> < <= > >= == != & ^ | && ||
 * ?: and the assignments = *= /= %= += -= <<= >>= &= ^= |=, also ++ and
 * -- before or after a name), parentheses, decimal, octal (0...) and hex
 * (0x...) constants, and variables by name (unset or empty: 0). Pure:
 * variables go through the caller's callbacks. */
#pragma once

struct sh_arith_env {
	/* Returns the value of name, or NULL if unset. */
	const char *(*get)(void *ctx, const char *name);
	/* Sets name; returns 0, or -1 if it cannot be set (read-only). */
	int (*set)(void *ctx, const char *name, const char *value);
	void *ctx;
};

/* Evaluates expr into *result. Returns 0, or -1 with *err set to a static
 * message (syntax error, division by zero, a variable that is not a
 * number, an assignment refused). */
int sh_arith(const char *expr, const struct sh_arith_env *env, long *result, const char **err);
