/* test_number.c: cmocka tests of number.h: decimal notation only, base 10
 * for whole numbers, and the same reading and writing under a locale with a
 * decimal comma (de_DE, made with localedef into a private folder so that no
 * installed locale is needed), for the functions and for the checklist
 * loader, which reads weights through them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "number.h"
#include "testutil.h"

static void test_real_decimal(void **state)
{
    (void)state;
    double d = -1;
    assert_true(number_parse_real("0.1", &d));
    assert_true(d == 0.1);
    assert_true(number_parse_real("-2.5e3", &d));
    assert_true(d == -2500);
    assert_true(number_parse_real("+7", &d));
    assert_true(d == 7);
    assert_true(number_parse_real(".5", &d));
    assert_true(d == 0.5);
    assert_true(number_parse_real("5.", &d));
    assert_true(d == 5);
    assert_true(number_parse_real("1E2", &d));
    assert_true(d == 100);
}

/* Whole numbers (read without strtod where they are short) come out as
 * strtod gives them, the sign of a zero included. */
static void test_real_whole_as_strtod(void **state)
{
    (void)state;
    static const char *const texts[] = {"0", "-0", "+0", "1", "9", "-5", "+7", "007", "-000", "10", "100",
                                        "123456789", "-999999999", "1234567890", "98765432109876543210",
                                        "0000000001", "4503599627370497", "1.0", "-0.0"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        double d = 42;
        assert_true(number_parse_real(texts[i], &d));
        double want = strtod(texts[i], NULL);
        if (d != want || signbit(d) != signbit(want))
            fail_msg("'%s' read as %.17g, strtod gives %.17g", texts[i], d, want);
    }
}

static void test_real_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {"", "0x10", "0X1p3", "inf", "-infinity", "nan", "NAN(1)", " 1", "1 ",
                                      "1,5", "1.2.3", ".", "-", "e5", "1e", "1e+", "1e400", "１", "12abc"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        double d = 42;
        if (number_parse_real(bad[i], &d))
            fail_msg("'%s' was read as %g", bad[i], d);
        assert_true(d == 42);   /* untouched */
    }
    double d;
    assert_false(number_parse_real(NULL, &d));
}

static void test_whole(void **state)
{
    (void)state;
    long n = 0;
    assert_true(number_parse_whole("010", 0, 100, &n));
    assert_int_equal(n, 10);
    assert_true(number_parse_whole("-3", -5, 5, &n));
    assert_int_equal(n, -3);
    assert_true(number_parse_whole("+28", 1, 28, &n));
    assert_int_equal(n, 28);
    static const char *const bad[] = {"", "0x10", " 1", "1 ", "1.0", "29", "0", "99999999999999999999", "+", "-"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        n = 42;
        if (number_parse_whole(bad[i], 1, 28, &n))
            fail_msg("'%s' was read as %ld", bad[i], n);
        assert_int_equal(n, 42);
    }
    assert_false(number_parse_whole(NULL, 0, 1, &n));
}

static void test_format(void **state)
{
    (void)state;
    char buf[32];
    assert_int_equal(number_format(buf, sizeof buf, 6, 62.5), 4);
    assert_string_equal(buf, "62.5");
    assert_int_equal(number_format(buf, sizeof buf, 15, 0.1), 3);
    assert_string_equal(buf, "0.1");
    char *t = number_text(15, 1234567.25);
    assert_non_null(t);
    assert_string_equal(t, "1234567.25");
    free(t);
    /* too small a buffer: the length it needs, as snprintf says */
    assert_int_equal(number_format(buf, 3, 6, 62.5), 4);
}

/* Makes de_DE.UTF-8 in a private folder and sets LC_ALL to it. */
static int setup_comma_locale(void **state)
{
    char *dir = testutil_tempdir();
    if (dir == NULL)
        return -1;
    char *cmd = NULL;
    if (asprintf(&cmd, "localedef -i de_DE -f UTF-8 '%s/de_DE.UTF-8' >/dev/null 2>&1", dir) < 0)
        return -1;
    int rc = system(cmd);
    free(cmd);
    if (rc != 0) {
        fprintf(stderr, "localedef failed (%d)\n", rc);
        return -1;
    }
    setenv("LOCPATH", dir, 1);
    if (setlocale(LC_ALL, "de_DE.UTF-8") == NULL) {
        fprintf(stderr, "de_DE.UTF-8 made but not usable\n");
        return -1;
    }
    *state = dir;
    return 0;
}

static int teardown_comma_locale(void **state)
{
    setlocale(LC_ALL, "C");
    unsetenv("LOCPATH");
    testutil_rmtree(*state);
    free(*state);
    return 0;
}

static void test_comma_locale(void **state)
{
    (void)state;
    /* the locale is in force: the C library itself reads and writes a comma */
    char buf[32];
    snprintf(buf, sizeof buf, "%.1f", 1.5);
    assert_string_equal(buf, "1,5");
    assert_true(strtod("0,5", NULL) == 0.5);

    double d = 0;
    assert_true(number_parse_real("0.1", &d));
    assert_true(d == 0.1);
    assert_false(number_parse_real("0,1", &d));
    assert_int_equal(number_format(buf, sizeof buf, 6, 62.5), 4);
    assert_string_equal(buf, "62.5");
}

static void test_comma_locale_loader(void **state)
{
    (void)state;
    /* the bundled checklists hold weights such as 0.1 */
    char *path = NULL;
    assert_true(asprintf(&path, "%s/checklists", SOURCE_DIR) > 0);
    const char *paths[] = {path};
    checklist_set *set = NULL;
    diag_list diags;
    diag_list_init(&diags);
    int rc = checklist_set_load(paths, 1, &set, &diags);
    for (size_t i = 0; i < diags.count; i++) {
        char *line = diag_format(&diags.items[i]);
        fprintf(stderr, "%s\n", line ? line : "?");
        free(line);
    }
    assert_int_equal(rc, 0);
    assert_int_equal(diags.count, 0);
    diag_list_clear(&diags);
    checklist_set_free(set);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_decimal),
        cmocka_unit_test(test_real_whole_as_strtod),
        cmocka_unit_test(test_real_refused),
        cmocka_unit_test(test_whole),
        cmocka_unit_test(test_format),
        cmocka_unit_test_setup_teardown(test_comma_locale, setup_comma_locale, teardown_comma_locale),
        cmocka_unit_test_setup_teardown(test_comma_locale_loader, setup_comma_locale, teardown_comma_locale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
