/* SPDX-License-Identifier: MIT */
/* Shell variables: a table of NAME -> value with "exported" and
 * "read-only" flags per variable; sh_vars_environ builds the envp of a
 * child from it. A scope remembers variables as they were, for `local`
 * and for assignments that hold only for one command. */
#pragma once
#include <stddef.h>
#include "sh_buf.h"

struct sh_var {
	char *name;
	char *value;            /* NULL: exported but not yet set */
	int exported;
	int readonly;
};

struct sh_vars {
	struct sh_var *v;
	size_t n, cap;
};

/* Whether name is a valid variable name ([A-Za-z_][A-Za-z0-9_]*). */
int sh_var_name_ok(const char *name);
/* Returns the value of name or NULL if unset. */
const char *sh_var_get(const struct sh_vars *vars, const char *name);
/* Sets name (creating it unexported); export != 0 also exports it.
 * Returns 0, or -1 if name is read-only (then nothing changes). */
int sh_var_set(struct sh_vars *vars, const char *name, const char *value, int export);
/* Marks name exported; an unset name stays unset (and out of the
 * environment) until it gets a value. */
void sh_var_export(struct sh_vars *vars, const char *name);
/* Returns 0, or -1 if name is read-only. */
int sh_var_unset(struct sh_vars *vars, const char *name);
void sh_var_readonly(struct sh_vars *vars, const char *name);
/* The variable called name, or NULL. */
struct sh_var *sh_var_find(const struct sh_vars *vars, const char *name);

struct sh_scope {
	struct sh_var *saved;   /* as they were; value NULL and readonly -1:
				 * the variable did not exist */
	size_t n;
};
/* Remembers name as it is now in scope (once per scope). */
void sh_scope_save(struct sh_scope *scope, const struct sh_vars *vars, const char *name);
/* Puts back every variable scope remembered, and empties scope. */
void sh_scope_restore(struct sh_scope *scope, struct sh_vars *vars);
/* Imports "NAME=value" strings (such as environ) as exported variables. */
void sh_vars_import(struct sh_vars *vars, char *const *env);
/* Appends "NAME=value" for each exported variable to out. */
void sh_vars_environ(const struct sh_vars *vars, struct sh_strv *out);
void sh_vars_free(struct sh_vars *vars);
