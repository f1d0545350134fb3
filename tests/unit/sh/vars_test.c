// SPDX-License-Identifier: MIT
/* user/sh/vars.c: the shell's variable table and the environment it
 * exports. */
#include <string.h>
#include "harness.h"
#include "../../../user/sh/vars.h"

static struct sh_vars vars;
static struct sh_strv env;

static void teardown(void)
{
	sh_vars_free(&vars);
	sh_strv_free(&env);
}

/* Whether env holds exactly the string s. */
static int env_has(const char *s)
{
	for (size_t i = 0; i < env.n; i++)
		if (!strcmp(env.v[i], s))
			return 1;
	return 0;
}

START_TEST(set_get_replace_and_unset)
{
	ck_assert_ptr_null(sh_var_get(&vars, "A"));
	sh_var_set(&vars, "A", "1", 0);
	sh_var_set(&vars, "B", "2", 0);
	sh_var_set(&vars, "A", "3", 0);
	ck_assert_str_eq(sh_var_get(&vars, "A"), "3");
	sh_var_unset(&vars, "A");
	ck_assert_ptr_null(sh_var_get(&vars, "A"));
	ck_assert_str_eq(sh_var_get(&vars, "B"), "2");
	sh_var_unset(&vars, "NOPE");
}
END_TEST

START_TEST(only_exported_variables_reach_the_environment)
{
	sh_var_set(&vars, "LOCAL", "l", 0);
	sh_var_set(&vars, "GLOBAL", "g", 1);
	sh_var_set(&vars, "GLOBAL", "g2", 0);
	sh_vars_environ(&vars, &env);
	ck_assert_uint_eq(env.n, 1);
	ck_assert(env_has("GLOBAL=g2"));
}
END_TEST

START_TEST(export_of_unset_name_waits_for_a_value)
{
	sh_var_export(&vars, "LATER");
	ck_assert_ptr_null(sh_var_get(&vars, "LATER"));
	sh_vars_environ(&vars, &env);
	ck_assert_uint_eq(env.n, 0);
	sh_var_set(&vars, "LATER", "now", 0);
	sh_vars_environ(&vars, &env);
	ck_assert(env_has("LATER=now"));
}
END_TEST

START_TEST(import_takes_valid_names_as_exported)
{
	char *in[] = { "PATH=/bin:/sbin", "E=", "X=a=b", "=bad", "1BAD=x", "noeq", NULL };
	sh_vars_import(&vars, in);
	ck_assert_str_eq(sh_var_get(&vars, "X"), "a=b");
	ck_assert_str_eq(sh_var_get(&vars, "E"), "");
	sh_vars_environ(&vars, &env);
	ck_assert_uint_eq(env.n, 3);
	ck_assert(env_has("PATH=/bin:/sbin"));
}
END_TEST

START_TEST(name_validity)
{
	ck_assert(sh_var_name_ok("_a9"));
	ck_assert(!sh_var_name_ok("9a"));
	ck_assert(!sh_var_name_ok("a-b"));
	ck_assert(!sh_var_name_ok(""));
}
END_TEST

START_TEST(read_only_variables_refuse_change_and_unset)
{
	sh_var_set(&vars, "R", "1", 0);
	sh_var_readonly(&vars, "R");
	ck_assert_int_eq(sh_var_set(&vars, "R", "2", 0), -1);
	ck_assert_int_eq(sh_var_unset(&vars, "R"), -1);
	ck_assert_str_eq(sh_var_get(&vars, "R"), "1");
}
END_TEST

START_TEST(scope_puts_back_values_flags_and_absence)
{
	struct sh_scope scope = { 0 };
	sh_var_set(&vars, "G", "global", 1);
	sh_scope_save(&scope, &vars, "G");
	sh_scope_save(&scope, &vars, "NEW");
	sh_var_set(&vars, "G", "local", 0);
	sh_var_set(&vars, "NEW", "x", 1);
	sh_scope_save(&scope, &vars, "G");      /* the first save counts */
	sh_var_unset(&vars, "G");
	sh_scope_restore(&scope, &vars);
	ck_assert_str_eq(sh_var_get(&vars, "G"), "global");
	ck_assert_int_eq(sh_var_find(&vars, "G")->exported, 1);
	ck_assert_ptr_null(sh_var_find(&vars, "NEW"));
	ck_assert_uint_eq(scope.n, 0);
}
END_TEST

UNIT_SUITE(sh_vars_suite)
static Suite *sh_vars_suite(void)
{
	Suite *s = suite_create("sh_vars");
	TCase *tc = tcase_create("sh_vars");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, set_get_replace_and_unset);
	tcase_add_test(tc, only_exported_variables_reach_the_environment);
	tcase_add_test(tc, export_of_unset_name_waits_for_a_value);
	tcase_add_test(tc, import_takes_valid_names_as_exported);
	tcase_add_test(tc, name_validity);
	tcase_add_test(tc, read_only_variables_refuse_change_and_unset);
	tcase_add_test(tc, scope_puts_back_values_flags_and_absence);
	suite_add_tcase(s, tc);
	return s;
}
