// SPDX-License-Identifier: MIT
/* The shell's variable table (see vars.h). A linear table: shells hold a
 * few dozen variables and look them up once per expansion. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "vars.h"

int sh_var_name_ok(const char *name)
{
	if (!isalpha((unsigned char)*name) && *name != '_')
		return 0;
	for (; *name; name++)
		if (!isalnum((unsigned char)*name) && *name != '_')
			return 0;
	return 1;
}

struct sh_var *sh_var_find(const struct sh_vars *vars, const char *name)
{
	for (size_t i = 0; i < vars->n; i++)
		if (strcmp(vars->v[i].name, name) == 0)
			return &vars->v[i];
	return NULL;
}

static struct sh_var *find_or_add(struct sh_vars *vars, const char *name)
{
	struct sh_var *v = sh_var_find(vars, name);
	if (v)
		return v;
	if (vars->n == vars->cap) {
		vars->cap = vars->cap ? vars->cap * 2 : 32;
		vars->v = sh_xrealloc(vars->v, vars->cap * sizeof(*vars->v));
	}
	v = &vars->v[vars->n++];
	*v = (struct sh_var){ .name = sh_xstrdup(name) };
	return v;
}

const char *sh_var_get(const struct sh_vars *vars, const char *name)
{
	const struct sh_var *v = sh_var_find(vars, name);
	return v ? v->value : NULL;
}

int sh_var_set(struct sh_vars *vars, const char *name, const char *value, int export)
{
	struct sh_var *v = find_or_add(vars, name);
	if (v->readonly)
		return -1;
	char *copy = sh_xstrdup(value);
	free(v->value);
	v->value = copy;
	v->exported |= export != 0;
	return 0;
}

void sh_var_readonly(struct sh_vars *vars, const char *name)
{
	find_or_add(vars, name)->readonly = 1;
}

void sh_var_export(struct sh_vars *vars, const char *name)
{
	find_or_add(vars, name)->exported = 1;
}

int sh_var_unset(struct sh_vars *vars, const char *name)
{
	struct sh_var *v = sh_var_find(vars, name);
	if (!v)
		return 0;
	if (v->readonly)
		return -1;
	free(v->name);
	free(v->value);
	*v = vars->v[--vars->n];
	return 0;
}

void sh_scope_save(struct sh_scope *scope, const struct sh_vars *vars, const char *name)
{
	for (size_t i = 0; i < scope->n; i++)
		if (!strcmp(scope->saved[i].name, name))
			return;
	const struct sh_var *v = sh_var_find(vars, name);
	scope->saved = sh_xrealloc(scope->saved, (scope->n + 1) * sizeof(*scope->saved));
	struct sh_var *s = &scope->saved[scope->n++];
	*s = v ? *v : (struct sh_var){ .readonly = -1 };
	s->name = sh_xstrdup(name);
	s->value = v && v->value ? sh_xstrdup(v->value) : NULL;
}

void sh_scope_restore(struct sh_scope *scope, struct sh_vars *vars)
{
	while (scope->n > 0) {
		struct sh_var *s = &scope->saved[--scope->n];
		struct sh_var *v = sh_var_find(vars, s->name);
		if (v && !v->readonly)
			sh_var_unset(vars, s->name);
		if (s->readonly != -1 && !(v && v->readonly)) {
			v = find_or_add(vars, s->name);
			v->value = s->value;
			v->exported = s->exported;
			v->readonly = s->readonly;
			s->value = NULL;
		}
		free(s->name);
		free(s->value);
	}
	free(scope->saved);
	scope->saved = NULL;
}

void sh_vars_import(struct sh_vars *vars, char *const *env)
{
	for (; env && *env; env++) {
		const char *eq = strchr(*env, '=');
		if (!eq || eq == *env)
			continue;
		char *name = sh_xstrdup(*env);
		name[eq - *env] = '\0';
		if (sh_var_name_ok(name))
			sh_var_set(vars, name, eq + 1, 1);
		free(name);
	}
}

void sh_vars_environ(const struct sh_vars *vars, struct sh_strv *out)
{
	for (size_t i = 0; i < vars->n; i++) {
		const struct sh_var *v = &vars->v[i];
		if (!v->exported || !v->value)
			continue;
		struct sh_str s = { 0 };
		sh_str_add(&s, v->name, strlen(v->name));
		sh_str_addc(&s, '=');
		sh_str_add(&s, v->value, strlen(v->value));
		sh_strv_push(out, sh_str_take(&s));
	}
}

void sh_vars_free(struct sh_vars *vars)
{
	for (size_t i = 0; i < vars->n; i++) {
		free(vars->v[i].name);
		free(vars->v[i].value);
	}
	free(vars->v);
	*vars = (struct sh_vars){ 0 };
}
