/* test_sheet_import.c: cmocka tests of recording a filled sheet
 * (sheet_import.h).
 *
 * The plan is the half-year check of example.ini with two systems, as in
 * test_sheet.c. A sheet without problems is recorded whole, the default due
 * date of its finding with it; a sheet with bad rows names every one of them
 * at its line and records nothing, not even its good rows. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "config.h"
#include "fsutil.h"
#include "session.h"
#include "sheet.h"
#include "sheet_import.h"
#include "store.h"
#include "testutil.h"

#define BOM "\xEF\xBB\xBF"
#define HEAD BOM "checklist_id,item_id,system,answer,note,remediation_owner,remediation_due\r\n"

typedef testutil_session fixture;

static sheet *sheet_of(const fixture *f, const char *text)
{
    char *path = fsutil_join(f->dir, "sheet.csv");
    FILE *out = fopen(path, "wb");
    assert_non_null(out);
    assert_int_equal(fwrite(text, 1, strlen(text), out), strlen(text));
    assert_int_equal(fclose(out), 0);
    sheet *sh = NULL;
    char *err = NULL;
    int rc = sheet_read(path, &sh, &err);
    if (rc != 0)
        print_message("%s\n", err);
    assert_int_equal(rc, 0);
    free(path);
    return sh;
}

static const answer *stored(const fixture *f, const char *item_id, const char *system)
{
    return answer_set_find(f->s->answers, "example", item_id, system);
}

static void test_records_whole_sheet(void **state)
{
    fixture *f = *state;
    sheet *sh = sheet_of(f, HEAD "example,backup-daily,oa,是,每天,,\r\n"
                                 "example,backup-daily,web,no,,张三,2026/4/30\r\n"
                                 "example,av-signature-age,,12,,,\r\n"
                                 "example,backup-notes,,,只有备注,,\r\n");
    diag_list problems, warnings;
    diag_list_init(&problems);
    diag_list_init(&warnings);
    size_t recorded = 9;
    char *err = NULL;
    assert_int_equal(sheet_import(f->s, sh, "sheet.csv", &problems, &warnings, &recorded, &err), SHEET_IMPORT_OK);
    assert_null(err);
    assert_int_equal(problems.count, 0);
    assert_int_equal(warnings.count, 0);
    assert_int_equal(recorded, 3);
    assert_int_equal(f->s->score->answered, 3);
    assert_string_equal(stored(f, "backup-daily", "oa")->value, "yes");
    assert_string_equal(stored(f, "backup-daily", "oa")->note, "每天");
    assert_string_equal(stored(f, "backup-daily", "web")->value, "no");
    assert_string_equal(stored(f, "backup-daily", "web")->owner, "张三");
    assert_string_equal(stored(f, "backup-daily", "web")->due, "2026-04-30");
    assert_string_equal(stored(f, "av-signature-age", "")->value, "12");
    /* a note without an answer is recorded, the answer stays open */
    assert_null(stored(f, "backup-notes", "")->value);
    assert_string_equal(stored(f, "backup-notes", "")->note, "只有备注");
    sheet_free(sh);
}

static void test_finding_gets_default_due_date(void **state)
{
    fixture *f = *state;
    sheet *sh = sheet_of(f, HEAD "example,backup-daily,oa,no,,,\r\n");
    diag_list problems, warnings;
    diag_list_init(&problems);
    diag_list_init(&warnings);
    size_t recorded = 0;
    char *err = NULL;
    assert_int_equal(sheet_import(f->s, sh, "sheet.csv", &problems, &warnings, &recorded, &err), SHEET_IMPORT_OK);
    const answer *a = stored(f, "backup-daily", "oa");
    assert_non_null(a);
    assert_non_null(a->due);   /* from the schedule, in the sheet's transaction */
    sheet_free(sh);
}

/* every bad row is named at its line, and nothing is recorded */
static void test_refuses_and_records_nothing(void **state)
{
    fixture *f = *state;
    sheet *sh = sheet_of(f, HEAD "example,backup-daily,oa,yes,,,\r\n"
                                 "example,no-such-item,,yes,,,\r\n"
                                 "example,backup-daily,oa,no,,,\r\n"
                                 "example,av-signature-age,,twelve,,,\r\n"
                                 "example,backup-frequency,,weekly,,,someday\r\n");
    diag_list problems, warnings;
    diag_list_init(&problems);
    diag_list_init(&warnings);
    size_t recorded = 0;
    char *err = NULL;
    assert_int_equal(sheet_import(f->s, sh, "s.csv", &problems, &warnings, &recorded, &err), SHEET_IMPORT_INVALID);
    assert_null(err);
    assert_int_equal(problems.count, 4);
    const int lines[] = {3, 4, 5, 6};
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(problems.items[i].file, "s.csv");
        assert_int_equal(problems.items[i].line, lines[i]);
    }
    assert_non_null(strstr(problems.items[0].message, "example/no-such-item"));
    assert_non_null(strstr(problems.items[1].message, "also on line 2"));
    assert_non_null(strstr(problems.items[2].message, "av-signature-age"));
    assert_non_null(strstr(problems.items[3].message, "someday"));
    assert_int_equal(recorded, 0);
    assert_null(stored(f, "backup-daily", "oa"));
    /* nothing in the store either */
    answer_set *as = NULL;
    assert_int_equal(store_answers_load(f->s->store, f->s->assessment->id, &as, &err), 0);
    assert_int_equal(as->count, 0);
    answer_set_free(as);
    diag_list_clear(&problems);
    sheet_free(sh);
}

/* a long number or a fraction that a spreadsheet rewrote is recorded as it
 * is, with a warning naming the row */
static void test_number_form_warnings(void **state)
{
    fixture *f = *state;
    sheet *sh = sheet_of(f, HEAD "example,backup-daily,oa,yes,1.10101199001011E+17,,\r\n"
                                 "example,backup-notes,,½,,,\r\n"
                                 "example,av-signature-age,,1.00E+03,,,\r\n"
                                 "example,backup-daily,web,no,第 1E+3 号,,\r\n");
    diag_list problems, warnings;
    diag_list_init(&problems);
    diag_list_init(&warnings);
    size_t recorded = 0;
    char *err = NULL;
    /* 1.00E+03 answers a number item: it is the number 1000, no warning;
     * "第 1E+3 号" is text around it, no warning either */
    assert_int_equal(sheet_import(f->s, sh, "s.csv", &problems, &warnings, &recorded, &err), SHEET_IMPORT_OK);
    assert_int_equal(warnings.count, 2);
    assert_int_equal(warnings.items[0].line, 2);
    assert_non_null(strstr(warnings.items[0].message, "note '1.10101199001011E+17'"));
    assert_int_equal(warnings.items[1].line, 3);
    assert_non_null(strstr(warnings.items[1].message, "answer '½'"));
    assert_string_equal(stored(f, "backup-daily", "oa")->note, "1.10101199001011E+17");
    assert_string_equal(stored(f, "backup-notes", "")->value, "½");
    assert_string_equal(stored(f, "av-signature-age", "")->value, "1000");
    diag_list_clear(&warnings);
    sheet_free(sh);
}

/* the check a sheet is recorded into: the one it was made for */
static void test_target(void **state)
{
    fixture *f = *state;
    sheet *sh = sheet_of(f, BOM "\"答题表\",\"profile=halfyear\",\"period= 2026-H1 \"\r\n"
                                "checklist_id,item_id,system,answer\r\nexample,backup-daily,oa,yes\r\n");
    const char *p = NULL, *period = NULL;
    char *err = NULL;
    assert_int_equal(sheet_import_target(sh, "s.csv", NULL, NULL, &p, &period, &err), SHEET_IMPORT_OK);
    assert_string_equal(p, "halfyear");
    assert_string_equal(period, "2026-H1");
    assert_int_equal(sheet_import_target(sh, "s.csv", "halfyear", "2026-H1", &p, &period, &err), SHEET_IMPORT_OK);
    assert_null(err);
    /* handed in for another period: refused, naming both */
    assert_int_equal(sheet_import_target(sh, "s.csv", NULL, "2026-H2", &p, &period, &err), SHEET_IMPORT_MISMATCH);
    assert_non_null(strstr(err, "s.csv: "));
    assert_non_null(strstr(err, "2026-H1"));
    assert_non_null(strstr(err, "not for 2026-H2"));
    free(err);
    err = NULL;
    assert_int_equal(sheet_import_target(sh, "s.csv", "monthly", NULL, &p, &period, &err), SHEET_IMPORT_MISMATCH);
    assert_non_null(strstr(err, "not for the monthly check"));
    free(err);
    err = NULL;
    sheet_free(sh);
    /* the sheet's own cells edited into something else */
    sh = sheet_of(f, "x,profile=halfyear,period=2026-13\r\nchecklist_id,item_id,system,answer\r\n");
    assert_int_equal(sheet_import_target(sh, "s.csv", NULL, NULL, &p, &period, &err), SHEET_IMPORT_INVALID);
    assert_true(strncmp(err, "s.csv:1: ", 9) == 0);
    free(err);
    err = NULL;
    sheet_free(sh);
    sh = sheet_of(f, "x,profile=weekly,period=2026-11\r\nchecklist_id,item_id,system,answer\r\n");
    assert_int_equal(sheet_import_target(sh, "s.csv", NULL, NULL, &p, &period, &err), SHEET_IMPORT_INVALID);
    assert_non_null(strstr(err, "profile=weekly"));
    free(err);
    err = NULL;
    sheet_free(sh);
    /* a sheet that does not say: the command line decides */
    sh = sheet_of(f, "checklist_id,item_id,system,answer\r\n");
    assert_int_equal(sheet_import_target(sh, "s.csv", "monthly", "2026-02", &p, &period, &err), SHEET_IMPORT_OK);
    assert_string_equal(p, "monthly");
    assert_string_equal(period, "2026-02");
    assert_int_equal(sheet_import_target(sh, "s.csv", NULL, NULL, &p, &period, &err), SHEET_IMPORT_OK);
    assert_null(p);
    assert_null(period);
    sheet_free(sh);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_records_whole_sheet, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_finding_gets_default_due_date, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_refuses_and_records_nothing, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_target, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_number_form_warnings, testutil_session_setup, testutil_session_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
