/* test_ident.c: cmocka tests of the identifier rules (ident.h), and that the
 * modules which name things use them: the loader (checklist and item ids),
 * the store (system ids) and periods (the system of a change period). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "ident.h"
#include "period.h"
#include "store.h"
#include "testutil.h"

static const char name64[] = "abcdefghijklmnopqrstuvwxyz0123456789-abcdefghijklmnopqrstuvwxyz0";

static void test_names(void **state)
{
    (void)state;
    assert_int_equal(strlen(name64), 64);
    const char *ok[] = {"oa", "mail-2", "0", "a-", "backup-daily", name64};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (!ident_name_valid(ok[i]))
            fail_msg("'%s' refused", ok[i]);
    char too_long[66];
    snprintf(too_long, sizeof too_long, "%sx", name64);
    const char *bad[] = {"", "-oa", "OA", "o a", "o_a", "o.a", "中文", "oa\n", "a/b", too_long};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (ident_name_valid(bad[i]))
            fail_msg("'%s' accepted", bad[i]);
    assert_false(ident_name_valid(NULL));
    assert_true(ident_name_char('-'));
    assert_false(ident_name_char('_'));
    assert_false(ident_name_char('A'));
}

/* new system ids survive a spreadsheet: a letter first, no date */
static void test_new_system_ids(void **state)
{
    (void)state;
    const char *good[] = {"oa", "web-2", "a007", "e3", "mail", "mar", "may-day", "dec2026", "x-1", "truex", "no"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        assert_true(ident_system_id_new_valid(good[i]));
    const char *bad[] = {"007", "1e3", "3-4", "2026", "jan-5", "dec-2026", "-oa", "OA", "true", "false", "", NULL};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(ident_system_id_new_valid(bad[i]));
}

static void test_unit_codes(void **state)
{
    (void)state;
    assert_true(ident_unit_code_valid("4401-hb"));
    assert_true(ident_unit_code_valid("GZ_4401"));
    assert_true(ident_unit_code_valid("abcdefghijklmnopqrstuvwxyz012345"));     /* 32 */
    assert_false(ident_unit_code_valid("abcdefghijklmnopqrstuvwxyz0123456"));   /* 33 */
    const char *bad[] = {"", "a b", "44.01", "../x", "a/b", "单位", "x\t"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (ident_unit_code_valid(bad[i]))
            fail_msg("'%s' accepted", bad[i]);
    assert_false(ident_unit_code_valid(NULL));
}

/* The same rule wherever a name is checked: a system id that is no name is
 * neither stored nor a change period. */
static void test_one_rule_everywhere(void **state)
{
    (void)state;
    char *dir = testutil_tempdir();
    char *db = NULL;
    assert_true(asprintf(&db, "%s/answers.db", dir) > 0);
    store *s = NULL;
    char *err = NULL;
    assert_int_equal(store_open(db, &s, &err), 0);
    char too_long[66];
    snprintf(too_long, sizeof too_long, "%sx", name64);
    const char *ids[] = {"oa", "-oa", "OA", name64, too_long, "o_a", "0"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        bool valid = ident_name_valid(ids[i]);
        int added = store_system_add(s, ids[i], "名称", &err);
        free(err);
        err = NULL;
        /* a new system also needs a letter first ("0" names a period of a
         * system recorded before this rule, but is no new system) */
        assert_int_equal(added == 0, valid && ident_system_id_new_valid(ids[i]));
        char period[100];
        snprintf(period, sizeof period, "2026-11-15@%s", ids[i]);
        assert_int_equal(period_validate(PROFILE_CHANGE, period, &err) == 0, valid);
        free(err);
        err = NULL;
    }
    store_close(s);
    free(db);
    testutil_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_unit_codes),
        cmocka_unit_test(test_new_system_ids),
        cmocka_unit_test(test_one_rule_everywhere),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
