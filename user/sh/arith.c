// SPDX-License-Identifier: MIT
/* Shell arithmetic (see arith.h): sh_arith. Precedence climbing over the
 * binary operators; assignments, ?: and the unary operators by recursive
 * descent. The right side of && || and the branch of ?: not taken are
 * parsed without being evaluated (no assignments, no division errors). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "arith.h"

#define NAME_MAX_LEN 64
#define NEST_MAX 32

struct ar {
	const char *p;
	const struct sh_arith_env *env;
	const char *err;        /* the first error, NULL while none */
	int depth;              /* variables holding expressions, nested */
	int nest;               /* operators and parentheses, nested */
};

static long assign(struct ar *a, int ev);
static long unary(struct ar *a, int ev);

static void skip(struct ar *a)
{
	while (isspace((unsigned char)*a->p))
		a->p++;
}

static long error(struct ar *a, const char *msg)
{
	if (!a->err)
		a->err = msg;
	return 0;
}

static int is_name_start(char c)
{
	return isalpha((unsigned char)c) || c == '_';
}

/* Reads a name at a->p into name; returns its length (0: none). */
static size_t read_name(struct ar *a, char name[NAME_MAX_LEN])
{
	size_t n = 0;
	if (!is_name_start(*a->p))
		return 0;
	while (isalnum((unsigned char)a->p[n]) || a->p[n] == '_')
		n++;
	if (n >= NAME_MAX_LEN)
		return error(a, "variable name too long"), 0;
	memcpy(name, a->p, n);
	name[n] = '\0';
	a->p += n;
	return n;
}

static long variable(struct ar *a, const char *name)
{
	const char *v = a->env->get(a->env->ctx, name);
	if (!v || !*v)
		return 0;
	if (a->depth >= NEST_MAX)
		return error(a, "expression recursion too deep");
	struct ar sub = { v, a->env, NULL, a->depth + 1, a->nest };
	long r = assign(&sub, 1);
	skip(&sub);
	if (sub.err || *sub.p)
		return error(a, sub.err ? sub.err : "variable is not a number");
	return r;
}

static void store(struct ar *a, const char *name, long v, int ev)
{
	char buf[24];
	snprintf(buf, sizeof(buf), "%ld", v);
	if (ev && a->env->set(a->env->ctx, name, buf) < 0)
		error(a, "variable is read-only");
}

static long number(struct ar *a)
{
	const char *p = a->p;
	unsigned long v = 0;
	int base = 10;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && isxdigit((unsigned char)p[2]))
		base = 16, p += 2;
	else if (p[0] == '0')
		base = 8;
	for (;; p++) {
		int d = isdigit((unsigned char)*p) ? *p - '0'
			: isalpha((unsigned char)*p) ? tolower((unsigned char)*p) - 'a' + 10 : 99;
		if (d == 99 && *p != '_')
			break;
		if (d >= base)
			return error(a, "bad number");
		v = v * (unsigned long)base + (unsigned long)d;
	}
	a->p = p;
	return (long)v;
}

/* ++name / --name (pre: before reading the name) or a plain name. */
static long name_operand(struct ar *a, int ev, int pre)
{
	char name[NAME_MAX_LEN];
	if (!read_name(a, name))
		return error(a, "expected a variable name");
	long v = ev ? variable(a, name) : 0;
	skip(a);
	int post = !pre && (!strncmp(a->p, "++", 2) || !strncmp(a->p, "--", 2)) ? *a->p : 0;
	if (pre || post) {
		long nv = v + ((pre ? pre : post) == '+' ? 1 : -1);
		store(a, name, nv, ev);
		if (post)
			a->p += 2;
		return pre ? nv : v;
	}
	return v;
}

/* An operand: c is its first character. */
static long unary_at(struct ar *a, char c, int ev)
{
	if ((c == '+' || c == '-') && a->p[1] == c) {
		a->p += 2;
		skip(a);
		return name_operand(a, ev, c);
	}
	if (c && strchr("+-!~", c)) {
		a->p++;
		long v = unary(a, ev);
		return c == '+' ? v : c == '-' ? (long)(0UL - (unsigned long)v) : c == '!' ? !v : ~v;
	}
	if (c == '(') {
		a->p++;
		long v = assign(a, ev);
		skip(a);
		if (*a->p != ')')
			return error(a, "missing )");
		a->p++;
		return v;
	}
	if (isdigit((unsigned char)c))
		return number(a);
	if (is_name_start(c))
		return name_operand(a, ev, 0);
	return error(a, c ? "syntax error" : "expression expected");
}

static long unary(struct ar *a, int ev)
{
	skip(a);
	if (a->nest >= NEST_MAX * 32)
		return error(a, "expression nested too deeply");
	a->nest++;
	long v = unary_at(a, *a->p, ev);
	a->nest--;
	return v;
}

struct binop {
	const char *s;
	int prec;
};

/* Binary operators, longest first so that "<<" is not read as "<". */
static const struct binop binops[] = {
	{ "||", 1 }, { "&&", 2 }, { "==", 6 }, { "!=", 6 }, { "<<", 8 }, { ">>", 8 },
	{ "<=", 7 }, { ">=", 7 }, { "|", 3 }, { "^", 4 }, { "&", 5 }, { "<", 7 },
	{ ">", 7 }, { "+", 9 }, { "-", 9 }, { "*", 10 }, { "/", 10 }, { "%", 10 },
};

/* The binary operator at p, or NULL (an assignment such as "+=" is not). */
static const struct binop *binop_at(const char *p)
{
	for (size_t i = 0; i < sizeof(binops) / sizeof(binops[0]); i++) {
		size_t n = strlen(binops[i].s);
		if (!strncmp(p, binops[i].s, n))
			return p[n] == '=' && binops[i].prec != 6 && binops[i].prec != 7 ? NULL
											 : &binops[i];
	}
	return NULL;
}

static long apply(struct ar *a, const char *op, long l, long r, int ev)
{
	unsigned long ul = (unsigned long)l, ur = (unsigned long)r;
	switch (op[0]) {
	case '*': return (long)(ul * ur);
	case '/': case '%':
		if (!ev)
			return 0;
		if (r == 0)
			return error(a, "division by zero");
		if (r == -1)
			return op[0] == '/' ? (long)(0UL - ul) : 0;
		return op[0] == '/' ? l / r : l % r;
	case '+': return (long)(ul + ur);
	case '-': return (long)(ul - ur);
	case '<': return op[1] == '<' ? (long)(ul << (ur & 63)) : op[1] == '=' ? l <= r : l < r;
	case '>': return op[1] == '>' ? l >> (ur & 63) : op[1] == '=' ? l >= r : l > r;
	case '=': return l == r;
	case '!': return l != r;
	case '&': return op[1] == '&' ? l && r : l & r;
	case '^': return l ^ r;
	default: return op[1] == '|' ? l || r : l | r;
	}
}

static long binary(struct ar *a, int min_prec, int ev)
{
	long l = unary(a, ev);
	for (;;) {
		skip(a);
		const struct binop *op = binop_at(a->p);
		if (!op || op->prec < min_prec || a->err)
			return l;
		a->p += strlen(op->s);
		int short_circuit = (op->prec == 1 && l) || (op->prec == 2 && !l);
		long r = binary(a, op->prec + 1, ev && !short_circuit);
		l = apply(a, op->s, l, r, ev && !short_circuit);
	}
}

static long ternary(struct ar *a, int ev)
{
	long c = binary(a, 1, ev);
	skip(a);
	if (*a->p != '?')
		return c;
	a->p++;
	long t = assign(a, ev && c);
	skip(a);
	if (*a->p != ':')
		return error(a, "missing : after ?");
	a->p++;
	long f = ternary(a, ev && !c);
	return c ? t : f;
}

/* The assignment operator at p ("=", "+=", ...; not "=="); its length. */
static size_t assign_op(const char *p, char *op)
{
	static const char *const ops[] = { "<<=", ">>=", "*=", "/=", "%=", "+=", "-=",
					   "&=", "^=", "|=", "=" };
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		size_t n = strlen(ops[i]);
		if (!strncmp(p, ops[i], n) && !(n == 1 && p[1] == '=')) {
			strcpy(op, ops[i]);
			op[n - 1] = '\0';
			return n;
		}
	}
	return 0;
}

static long assign_at(struct ar *a, int ev)
{
	const char *start = a->p;
	char name[NAME_MAX_LEN], op[4];
	if (read_name(a, name)) {
		skip(a);
		size_t n = assign_op(a->p, op);
		if (n) {
			a->p += n;
			long r = assign(a, ev);
			long v = op[0] ? apply(a, op, ev ? variable(a, name) : 0, r, ev) : r;
			store(a, name, v, ev && !a->err);
			return v;
		}
	}
	a->p = start;
	return ternary(a, ev);
}

static long assign(struct ar *a, int ev)
{
	skip(a);
	if (a->nest >= NEST_MAX * 32)
		return error(a, "expression nested too deeply");
	a->nest++;
	long v = assign_at(a, ev);
	a->nest--;
	return v;
}

int sh_arith(const char *expr, const struct sh_arith_env *env, long *result, const char **err)
{
	struct ar a = { expr, env, NULL, 0, 0 };
	skip(&a);
	*result = *a.p ? assign(&a, 1) : 0;
	skip(&a);
	if (!a.err && *a.p)
		a.err = "syntax error";
	if (a.err) {
		*err = a.err;
		return -1;
	}
	return 0;
}
