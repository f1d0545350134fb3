// SPDX-License-Identifier: MIT
/* The printf built-in's formatting (see printf.h). Each conversion is
 * handed to snprintf with its flags, width and precision rebuilt, the
 * argument converted to what the conversion takes. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "printf.h"

struct pf {
	char **args;            /* the next argument; NULL-terminated */
	struct sh_str *out;
	int status;
	int stop;               /* \c in %b: no more output */
};

static const char *arg(struct pf *p)
{
	return *p->args ? *p->args++ : NULL;
}

/* One escape after the backslash at s; returns the characters used. In
 * %b (b set) octal is \0NNN and \c stops the output. */
static size_t escape(struct pf *p, const char *s, int b)
{
	static const char from[] = "\\abfnrtv\"'", to[] = "\\\a\b\f\n\r\t\v\"'";
	const char *e = s[1] ? strchr(from, s[1]) : NULL;
	if (e) {
		sh_str_addc(p->out, to[e - from]);
		return 2;
	}
	if (b && s[1] == 'c') {
		p->stop = 1;
		return 2;
	}
	size_t i = 1 + (b && s[1] == '0'), n = 0;
	int v = 0;
	for (; n < 3 && s[i + n] >= '0' && s[i + n] <= '7'; n++)
		v = v * 8 + s[i + n] - '0';
	if (!n && i == 1) {
		sh_str_addc(p->out, '\\');
		return 1;
	}
	sh_str_addc(p->out, (char)v);
	return i + n;
}

static long long number(struct pf *p, const char *s)
{
	if (!s)
		return 0;
	if (s[0] == '\'' || s[0] == '"')
		return (unsigned char)s[1];
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 0);
	if (end == s || *end || errno) {
		dprintf(2, "sh: printf: %s: invalid number\n", s);
		p->status = 1;
	}
	return v;
}

static void string_b(struct pf *p, const char *s, const char *spec)
{
	struct sh_str expanded = { 0 }, *out = p->out;
	p->out = &expanded;
	while (*s && !p->stop)
		s += *s == '\\' ? escape(p, s, 1) : (sh_str_addc(p->out, *s), 1);
	p->out = out;
	char fmt[80];
	snprintf(fmt, sizeof(fmt), "%ss", spec);
	int n = snprintf(NULL, 0, fmt, expanded.s ? expanded.s : "");
	char *buf = malloc((size_t)n + 1);
	snprintf(buf, (size_t)n + 1, fmt, expanded.s ? expanded.s : "");
	sh_str_add(out, buf, (size_t)n);
	free(buf);
	sh_str_free(&expanded);
}

int sh_printf_escapes(const char *s, struct sh_str *out)
{
	struct pf p = { NULL, out, 0, 0 };
	while (*s && !p.stop)
		s += *s == '\\' ? escape(&p, s, 1) : (sh_str_addc(out, *s), 1);
	return p.stop;
}

/* Formats one argument by "%<spec><conv>". */
static void convert(struct pf *p, const char *spec, char conv)
{
	char fmt[80];
	int n;
	char *buf = NULL;
	const char *a = arg(p);
	if (conv == 'b')
		return string_b(p, a ? a : "", spec);
	if (strchr("diouxXc", conv)) {
		snprintf(fmt, sizeof(fmt), "%sll%c", spec, conv == 'c' ? 'c' : conv);
		if (conv == 'c')
			snprintf(fmt, sizeof(fmt), "%sc", spec);
		long long v = conv == 'c' ? (a ? (unsigned char)a[0] : 0) : number(p, a);
		n = conv == 'c' ? snprintf(NULL, 0, fmt, (int)v) : snprintf(NULL, 0, fmt, v);
		buf = malloc((size_t)n + 1);
		conv == 'c' ? snprintf(buf, (size_t)n + 1, fmt, (int)v) : snprintf(buf, (size_t)n + 1, fmt, v);
	} else if (strchr("eEfFgG", conv)) {
		snprintf(fmt, sizeof(fmt), "%s%c", spec, conv);
		double v = a ? strtod(a, NULL) : 0;
		n = snprintf(NULL, 0, fmt, v);
		buf = malloc((size_t)n + 1);
		snprintf(buf, (size_t)n + 1, fmt, v);
	} else {
		snprintf(fmt, sizeof(fmt), "%ss", spec);
		n = snprintf(NULL, 0, fmt, a ? a : "");
		buf = malloc((size_t)n + 1);
		snprintf(buf, (size_t)n + 1, fmt, a ? a : "");
	}
	sh_str_add(p->out, buf, (size_t)n);
	free(buf);
}

/* Reads flags, width and precision at s (after '%') into spec, taking *
 * from the arguments; returns the characters used. */
static size_t read_spec(struct pf *p, const char *s, char *spec, size_t size)
{
	size_t i = 0, o = 0;
	spec[o++] = '%';
	while (s[i] && strchr("-+ #0", s[i]) && o < size - 24)
		spec[o++] = s[i++];
	for (int part = 0; part < 2; part++) {
		if (part == 1) {
			if (s[i] != '.')
				break;
			spec[o++] = s[i++];
		}
		if (s[i] == '*') {
			o += (size_t)snprintf(spec + o, size - o, "%d", (int)number(p, arg(p)));
			i++;
		}
		while (isdigit((unsigned char)s[i]) && o < size - 2)
			spec[o++] = s[i++];
	}
	spec[o] = '\0';
	return i;
}

/* One pass over the format; returns whether it took any argument. */
static void pass(struct pf *p, const char *f)
{
	char spec[64];
	while (*f && !p->stop) {
		if (*f == '\\') {
			f += escape(p, f, 0);
		} else if (*f != '%') {
			sh_str_addc(p->out, *f++);
		} else if (f[1] == '%') {
			sh_str_addc(p->out, '%');
			f += 2;
		} else {
			f += 1 + read_spec(p, f + 1, spec, sizeof(spec));
			if (!*f || !strchr("diouxXcsbeEfFgG", *f)) {
				dprintf(2, "sh: printf: %%%c: invalid conversion\n", *f ? *f : ' ');
				p->status = 1;
				p->stop = 1;
				return;
			}
			convert(p, spec, *f++);
		}
	}
}

int sh_printf(char **argv, struct sh_str *out)
{
	struct pf p = { argv + 1, out, 0, 0 };
	if (!argv[0]) {
		dprintf(2, "sh: printf: usage: printf format [arguments]\n");
		return 2;
	}
	do {
		char **before = p.args;
		pass(&p, argv[0]);
		if (p.args == before)
			break;
	} while (*p.args && !p.stop);
	return p.status;
}
