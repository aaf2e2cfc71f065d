/* test_answer_period.c: cmocka tests of answers (answer.h) and of dates,
 * periods and the clock (period.h).
 *
 * answer_parse is tested for every answer type with the items of
 * example.ini: the forgiving spellings (是, Y, choice labels, 2026/3/5) must
 * come out canonical, and what an item does not allow (partial, na, a date in
 * the future, 29 February of a common year) must be refused. Date arithmetic
 * is checked against timegm over two centuries; SELFCHECK_NOW must replace
 * the clock. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "answer.h"
#include "checklist.h"
#include "period.h"

static checklist *example;

static int group_setup(void **state)
{
    (void)state;
    diag_list diags;
    diag_list_init(&diags);
    int rc = checklist_load_file(FIXTURES_DIR "/example.ini", &example, &diags);
    diag_list_clear(&diags);
    return rc;
}

static int group_teardown(void **state)
{
    (void)state;
    checklist_free(example);
    unsetenv("SELFCHECK_NOW");
    return 0;
}

static const item *get(const char *id)
{
    const item *it = checklist_find_item(example, id);
    assert_non_null(it);
    return it;
}

/* input must parse to canonical. */
static void accepts(const item *it, const char *input, const char *today, const char *canonical)
{
    char *out = (char *)1, *err = NULL;
    int rc = answer_parse(it, input, today, &out, &err);
    if (rc != 0 || strcmp(out, canonical) != 0)
        print_message("%s: '%s' gave %d: %s\n", it->id, input, rc, rc == 0 ? out : err);
    assert_int_equal(rc, 0);
    assert_null(err);
    assert_string_equal(out, canonical);
    free(out);
}

/* input must be refused with a message holding phrase. */
static void refuses(const item *it, const char *input, const char *today, const char *phrase)
{
    char *out = (char *)1, *err = NULL;
    int rc = answer_parse(it, input, today, &out, &err);
    if (rc != -1 || err == NULL || strstr(err, phrase) == NULL)
        print_message("%s: '%s' gave %d: %s (expected an error with \"%s\")\n", it->id,
                      input ? input : "(null)", rc, rc == 0 ? out : err ? err : "(none)", phrase);
    assert_int_equal(rc, -1);
    assert_null(out);
    assert_non_null(err);
    assert_non_null(strstr(err, phrase));
    free(err);
}

static void test_yesno(void **state)
{
    (void)state;
    const item *full = get("backup-daily");            /* allow = partial, na */
    const item *plain = get("hosted-by-third-party");  /* neither */
    const char *yes[] = {"yes", "YES", "Yes", "y", "Y", "是", "符合", "  yes  ", "\tY\n"};
    const char *no[] = {"no", "NO", "n", "N", "否", "不符合", " 否 "};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        accepts(full, yes[i], NULL, "yes");
        accepts(plain, yes[i], NULL, "yes");
    }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        accepts(full, no[i], NULL, "no");
        accepts(plain, no[i], NULL, "no");
    }
    const char *partial[] = {"partial", "Partial", "p", "部分", "部分符合"};
    for (size_t i = 0; i < sizeof partial / sizeof partial[0]; i++) {
        accepts(full, partial[i], NULL, "partial");
        refuses(plain, partial[i], NULL, "yes|no");   /* not allowed here */
    }
    const char *na[] = {"na", "NA", "n/a", "N/A", "x", "不适用"};
    for (size_t i = 0; i < sizeof na / sizeof na[0]; i++) {
        accepts(full, na[i], NULL, "na");
        refuses(plain, na[i], NULL, "yes|no");
    }
    refuses(full, "maybe", NULL, "use yes|no|partial|na (是|否|部分|不适用)");
    refuses(plain, "maybe", NULL, "use yes|no (是|否)");
    accepts(full, "ｙｅｓ", NULL, "yes");     /* typed through the input method */
    accepts(full, "　是　", NULL, "yes");
    refuses(full, "yes please", NULL, "is not an answer");
    refuses(full, "1", NULL, "is not an answer");
    refuses(full, "", NULL, "no answer");
    refuses(full, "   ", NULL, "no answer");
    refuses(full, NULL, NULL, "no answer");
}

static void test_choice(void **state)
{
    (void)state;
    const item *it = get("backup-frequency");
    accepts(it, "daily", NULL, "daily");
    accepts(it, "DAILY", NULL, "daily");
    accepts(it, " weekly ", NULL, "weekly");
    accepts(it, "每天", NULL, "daily");
    accepts(it, "每月", NULL, "monthly");
    accepts(it, "不备份", NULL, "none");
    accepts(it, "Never", NULL, "none");
    accepts(it, "never", NULL, "none");
    accepts(it, "Weekly", NULL, "weekly");
    refuses(it, "yearly", NULL, "daily|weekly|monthly|none");
    refuses(it, "na", NULL, "daily|weekly|monthly|none");   /* no allow = na */
    refuses(it, "每年", NULL, "not one of the choices");
    refuses(it, "", NULL, "no answer");
    /* words that mean the same, and the message offers the Chinese labels */
    accepts(it, "每日", NULL, "daily");
    accepts(it, "每星期", NULL, "weekly");
    accepts(it, "每个月", NULL, "monthly");
    refuses(it, "yearly", NULL, "use daily|weekly|monthly|none (每天|每周|每月|不备份)");

    /* with allow = na */
    item copy = *it;
    copy.allow_na = true;
    accepts(&copy, "na", NULL, "na");
    accepts(&copy, "不适用", NULL, "na");
    accepts(&copy, "daily", NULL, "daily");
}

static void test_number(void **state)
{
    (void)state;
    const item *it = get("av-signature-age");   /* 0..3650 */
    accepts(it, "7", NULL, "7");
    accepts(it, " 30 ", NULL, "30");
    accepts(it, "7.0", NULL, "7");
    accepts(it, "0", NULL, "0");
    accepts(it, "3650", NULL, "3650");
    accepts(it, "0.5", NULL, "0.5");
    accepts(it, "1e3", NULL, "1000");
    accepts(it, "007", NULL, "7");   /* decimal, not octal */
    accepts(it, "+12", NULL, "12");
    refuses(it, "3651", NULL, "outside 0..3650");
    refuses(it, "3650.5", NULL, "outside");
    refuses(it, "-1", NULL, "outside");
    refuses(it, "abc", NULL, "not a number");
    /* the unit after the number, as people write it */
    accepts(it, "7 days", NULL, "7");
    accepts(it, "180天", NULL, "180");
    accepts(it, "180 天", NULL, "180");
    refuses(it, "7 weeks", NULL, "not a number");
    refuses(it, "7天天", NULL, "not a number");
    /* spreadsheet and input-method forms */
    accepts(it, "1,234", NULL, "1234");
    accepts(it, "３６５", NULL, "365");
    accepts(it, "１２．０", NULL, "12");
    accepts(it, "1.00E+03", NULL, "1000");
    refuses(it, "1,23", NULL, "not a number");    /* not groups of three */
    refuses(it, "12,5", NULL, "not a number");    /* a decimal comma is not read */
    refuses(it, "1234,567,8", NULL, "not a number");
    /* the message offers the Chinese forms too */
    refuses(it, "abc", NULL, "use 0..3650 (0..3650 天)");
    refuses(it, "nan", NULL, "not a number");
    refuses(it, "inf", NULL, "not a number");
    refuses(it, "1e999", NULL, "not a number");
    refuses(it, "na", NULL, "not a number");    /* no allow = na */
    refuses(it, "", NULL, "no answer");

    item copy = *it;
    copy.allow_na = true;
    copy.number_min = -10.5;
    copy.number_max = 10.25;
    accepts(&copy, "na", NULL, "na");
    accepts(&copy, "-10.5", NULL, "-10.5");
    accepts(&copy, "10.25", NULL, "10.25");
    refuses(&copy, "10.26", NULL, "outside -10.5..10.25");
    refuses(it, "never", NULL, "not a number");   /* no allow = never */
    refuses(it, "从未", NULL, "not a number");
    assert_false(answer_means_never(it, "never"));
}

/* allow = never on a number: a count of days since something never done. */
static void test_number_never(void **state)
{
    (void)state;
    item copy = *get("av-signature-age");
    copy.allow_never = true;
    const char *never[] = {"never", "Never", "NEVER", "从未", "无", "没有", " 从未 "};
    for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
        accepts(&copy, never[i], NULL, "never");
    accepts(&copy, "7", NULL, "7");
    refuses(&copy, "nevermore", NULL, "not a number");
    refuses(&copy, "na", NULL, "not a number");   /* never is not na */
    assert_true(answer_means_never(&copy, "从未"));
    assert_false(answer_means_never(&copy, "7"));
    assert_false(answer_means_never(&copy, NULL));

    char *allowed = answer_allowed(&copy);
    assert_string_equal(allowed, "0..3650|never");
    free(allowed);
    copy.allow_na = true;
    allowed = answer_allowed(&copy);
    assert_string_equal(allowed, "0..3650|never|na");
    free(allowed);

    char *shown = answer_display(&copy, "never", "zh");
    assert_string_equal(shown, "从未");
    free(shown);
    shown = answer_display(&copy, "never", "en");
    assert_string_equal(shown, "Never");
    free(shown);
}

static void test_date(void **state)
{
    (void)state;
    const item *it = get("mlps-last-assessment");   /* no na */
    const item *na = get("mlps-last-change");       /* allow = na */
    const char *today = "2026-03-15";
    accepts(it, "2026-03-05", today, "2026-03-05");
    accepts(it, "2026-3-5", today, "2026-03-05");
    accepts(it, "2026/03/05", today, "2026-03-05");
    accepts(it, "2026/3/5", today, "2026-03-05");
    accepts(it, " 2025-12-31 ", today, "2025-12-31");
    accepts(it, "2026-03-15", today, "2026-03-15");          /* today itself */
    refuses(it, "2026-03-16", today, "in the future");       /* tomorrow */
    refuses(it, "2027-01-01", today, "in the future");
    accepts(it, "2099-01-01", NULL, "2099-01-01");           /* no today: no bound */
    /* 29 February only in leap years */
    refuses(it, "2025-02-29", "2030-01-01", "not a date");
    refuses(it, "2100-02-29", NULL, "not a date");           /* century, not leap */
    accepts(it, "2024-02-29", "2030-01-01", "2024-02-29");
    accepts(it, "2000-02-29", "2030-01-01", "2000-02-29");   /* 400-year leap */
    refuses(it, "2026-02-30", today, "not a date");
    refuses(it, "2026-04-31", today, "not a date");
    refuses(it, "2026-13-01", today, "not a date");
    refuses(it, "2026-00-10", today, "not a date");
    refuses(it, "2026-01-00", today, "not a date");
    refuses(it, "2026-03/05", today, "not a date");          /* mixed separators */
    refuses(it, "26-03-05", today, "not a date");
    refuses(it, "20260305", today, "not a date");
    /* as Chinese spreadsheets and people write dates */
    accepts(it, "2026.03.05", today, "2026-03-05");
    accepts(it, "2026.3.5", today, "2026-03-05");
    accepts(it, "2026年3月5日", today, "2026-03-05");
    accepts(it, "2026年03月05日", today, "2026-03-05");
    accepts(it, "26年3月5日", today, "2026-03-05");      /* LibreOffice, Chinese locale */
    accepts(it, "２０２６年３月５日", today, "2026-03-05");
    accepts(it, "２０２６／３／５", today, "2026-03-05");
    accepts(it, "2026/3/5 0:00", today, "2026-03-05");   /* a date cell with its time */
    refuses(it, "2026年3月5", today, "not a date");
    refuses(it, "2026年3月32日", today, "not a date");
    refuses(it, "026年3月5日", today, "not a date");
    refuses(it, "2026/3/5 10:00", today, "not a date");
    refuses(it, "2026.03-05", today, "not a date");
    /* whether 12/11/26 is December or November is a guess: refused with
     * the forms that are read */
    refuses(it, "12/11/26", today, "2026/3/31, 2026.3.31 or 2026年3月31日");
    refuses(it, "3/5/2026", today, "not a date");
    refuses(it, "2026-03-05T10:00", today, "not a date");
    refuses(it, "1899-12-31", today, "not a date");
    refuses(it, "na", today, "not a date");
    accepts(na, "na", today, "na");
    accepts(na, "不适用", today, "na");
    accepts(na, "2020-1-1", today, "2020-01-01");
}

static void test_text(void **state)
{
    (void)state;
    const item *it = get("backup-notes");
    /* free text is kept exactly as given */
    accepts(it, "  存放在机房B柜；\n异地一份, \"见制度\"  ", NULL, "  存放在机房B柜；\n异地一份, \"见制度\"  ");
    accepts(it, "na", NULL, "na");
    refuses(it, NULL, NULL, "no answer");
}

static void test_allowed(void **state)
{
    (void)state;
    const char *cases[][2] = {
        {"backup-daily", "yes|no|partial|na"},
        {"hosted-by-third-party", "yes|no"},
        {"hosting-contract", "yes|no|partial"},
        {"backup-frequency", "daily|weekly|monthly|none"},
        {"av-signature-age", "0..3650"},
        {"mlps-last-change", "YYYY-MM-DD|na"},
        {"mlps-last-assessment", "YYYY-MM-DD"},
        {"backup-notes", "text"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *allowed = answer_allowed(get(cases[i][0]));
        assert_string_equal(allowed, cases[i][1]);
        free(allowed);
    }
    item copy = *get("backup-frequency");
    copy.allow_na = true;
    char *allowed = answer_allowed(&copy);
    assert_string_equal(allowed, "daily|weekly|monthly|none|na");
    free(allowed);
}

static void test_display(void **state)
{
    (void)state;
    const struct {
        const char *item, *value, *lang, *shown;
    } cases[] = {
        {"backup-daily", "yes", "zh", "是"},
        {"backup-daily", "yes", "en", "Yes"},
        {"backup-daily", "no", "zh", "否"},
        {"backup-daily", "partial", "en", "Partly"},
        {"backup-daily", "na", "zh", "不适用"},
        {"backup-daily", "na", "en", "Not applicable"},
        {"backup-frequency", "weekly", "zh", "每周"},
        {"backup-frequency", "none", "en", "Never"},
        {"av-signature-age", "7", "zh", "7天"},
        {"av-signature-age", "7", "en", "7 days"},
        {"mlps-last-change", "2026-03-05", "en", "2026-03-05"},
        {"backup-notes", "na", "en", "na"},   /* text is shown as written */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *shown = answer_display(get(cases[i].item), cases[i].value, cases[i].lang);
        assert_string_equal(shown, cases[i].shown);
        free(shown);
    }
    char *shown = answer_display(get("backup-daily"), NULL, "en");
    assert_string_equal(shown, "(unanswered)");
    free(shown);
}

/* ---- periods ---- */

static void assert_current(profile p, const char *today, const char *expected)
{
    char *out = NULL, *err = NULL;
    assert_int_equal(period_current(p, today, &out, &err), 0);
    assert_string_equal(out, expected);
    free(out);
}

static void test_period_current(void **state)
{
    (void)state;
    assert_current(PROFILE_MONTHLY, "2026-03-15", "2026-03");
    assert_current(PROFILE_MONTHLY, "2026-12-31", "2026-12");
    assert_current(PROFILE_MONTHLY, "2026-1-1", "2026-01");
    assert_current(PROFILE_HALFYEAR, "2026-01-01", "2026-H1");
    assert_current(PROFILE_HALFYEAR, "2026-06-30", "2026-H1");
    assert_current(PROFILE_HALFYEAR, "2026-07-01", "2026-H2");
    assert_current(PROFILE_HALFYEAR, "2026-12-31", "2026-H2");
    char *out = NULL, *err = NULL;
    assert_int_equal(period_current(PROFILE_CHANGE, "2026-03-15", &out, &err), -1);
    assert_null(out);
    assert_non_null(strstr(err, "DATE@SYSTEM"));
    free(err);
    err = NULL;
    assert_int_equal(period_current(PROFILE_MONTHLY, "2026-02-30", &out, &err), -1);
    assert_non_null(err);
    free(err);
}

static void test_period_validate(void **state)
{
    (void)state;
    const char *monthly_ok[] = {"2026-03", "2026-12", "1900-01", "9999-12"};
    const char *monthly_bad[] = {"2026-3", "2026-13", "2026-00", "26-03", "2026-03x", "2026-H1",
                                 "2026/03", "", "2026-03-01", " 2026-03", "1899-12"};
    for (size_t i = 0; i < sizeof monthly_ok / sizeof monthly_ok[0]; i++)
        assert_int_equal(period_validate(PROFILE_MONTHLY, monthly_ok[i], NULL), 0);
    for (size_t i = 0; i < sizeof monthly_bad / sizeof monthly_bad[0]; i++) {
        char *err = NULL;
        if (period_validate(PROFILE_MONTHLY, monthly_bad[i], &err) != -1)
            fail_msg("monthly period '%s' accepted", monthly_bad[i]);
        assert_non_null(strstr(err, "YYYY-MM"));
        free(err);
    }
    const char *half_ok[] = {"2026-H1", "2026-H2"};
    const char *half_bad[] = {"2026-H3", "2026-H0", "2026-h1", "2026-H", "2026-H12", "2026-06", "2026H1", ""};
    for (size_t i = 0; i < 2; i++)
        assert_int_equal(period_validate(PROFILE_HALFYEAR, half_ok[i], NULL), 0);
    for (size_t i = 0; i < sizeof half_bad / sizeof half_bad[0]; i++) {
        char *err = NULL;
        if (period_validate(PROFILE_HALFYEAR, half_bad[i], &err) != -1)
            fail_msg("half-year period '%s' accepted", half_bad[i]);
        assert_non_null(strstr(err, "H1"));
        free(err);
    }
    const char *change_ok[] = {"2026-11-15@oa", "2024-02-29@mail-2", "2026-01-01@0",
                               "2026-01-01@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
    const char *change_bad[] = {"2026-11-15@", "2026-11-15", "2026-02-30@oa", "2026-11-15@OA",
                                "2026-1-5@oa", "2026-11-15@o a", "@oa", "2026-11@oa", "2026-11-15@oa@web",
                                /* the system id rule of ident.h: no leading '-', at most 64 */
                                "2026-11-15@-oa", "2026-11-15@"
                                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
    for (size_t i = 0; i < sizeof change_ok / sizeof change_ok[0]; i++)
        assert_int_equal(period_validate(PROFILE_CHANGE, change_ok[i], NULL), 0);
    for (size_t i = 0; i < sizeof change_bad / sizeof change_bad[0]; i++) {
        char *err = NULL;
        if (period_validate(PROFILE_CHANGE, change_bad[i], &err) != -1)
            fail_msg("change period '%s' accepted", change_bad[i]);
        assert_non_null(strstr(err, "DATE@SYSTEM"));
        free(err);
    }
    char *system = period_change_system("2026-11-15@oa");
    assert_string_equal(system, "oa");
    free(system);
    assert_null(period_change_system("2026-11"));
}

/* A period is the key of an assessment in the store, so it must be spelt
 * one way only: a second spelling of the same period would open a second
 * assessment for it. */
static void test_period_must_be_canonical(void **state)
{
    (void)state;
    const struct {
        profile p;
        const char *period;
    } cases[] = {
        {PROFILE_MONTHLY, "2026- 3"},
        {PROFILE_MONTHLY, "2026-+3"},
        {PROFILE_CHANGE, "2026/11/15@oa"},
        {PROFILE_CHANGE, "2026-+3-05@oa"},
    };
    int accepted = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *err = NULL;
        if (period_validate(cases[i].p, cases[i].period, &err) == 0) {
            print_message("%s period '%s' accepted\n", profile_name(cases[i].p), cases[i].period);
            accepted++;
        }
        free(err);
    }
    assert_int_equal(accepted, 0);
}

static void assert_step(profile p, const char *period, const char *next, const char *previous)
{
    char *n = period_next(p, period), *b = period_previous(p, period);
    assert_non_null(n);
    assert_non_null(b);
    assert_string_equal(n, next);
    assert_string_equal(b, previous);
    free(n);
    free(b);
}

static void test_period_next_previous(void **state)
{
    (void)state;
    assert_step(PROFILE_MONTHLY, "2026-03", "2026-04", "2026-02");
    assert_step(PROFILE_MONTHLY, "2026-12", "2027-01", "2026-11");
    assert_step(PROFILE_MONTHLY, "2026-01", "2026-02", "2025-12");
    assert_step(PROFILE_HALFYEAR, "2026-H1", "2026-H2", "2025-H2");
    assert_step(PROFILE_HALFYEAR, "2026-H2", "2027-H1", "2026-H1");
    assert_null(period_next(PROFILE_CHANGE, "2026-11-15@oa"));
    assert_null(period_previous(PROFILE_CHANGE, "2026-11-15@oa"));
    assert_null(period_next(PROFILE_MONTHLY, "2026-H1"));
    assert_null(period_next(PROFILE_HALFYEAR, "2026-03"));
    /* twelve steps make a year, both ways */
    char *p = strdup("2026-05");
    for (int i = 0; i < 12; i++) {
        char *n = period_next(PROFILE_MONTHLY, p);
        free(p);
        p = n;
    }
    assert_string_equal(p, "2027-05");
    for (int i = 0; i < 24; i++) {
        char *n = period_previous(PROFILE_MONTHLY, p);
        free(p);
        p = n;
    }
    assert_string_equal(p, "2025-05");
    free(p);
}

static void assert_due(profile p, const char *period, const schedule *s, const char *expected)
{
    char out[11];
    memset(out, 'z', sizeof out);
    assert_int_equal(period_due_date(p, period, s, out), 0);
    assert_string_equal(out, expected);
}

static void test_period_due_date(void **state)
{
    (void)state;
    schedule s = {.monthly_due_day = 25, .halfyear_due = {{6, 25}, {12, 25}}, .remediation_days = 30};
    assert_due(PROFILE_MONTHLY, "2026-03", &s, "2026-03-25");
    assert_due(PROFILE_MONTHLY, "2026-02", &s, "2026-02-25");
    assert_due(PROFILE_HALFYEAR, "2026-H1", &s, "2026-06-25");
    assert_due(PROFILE_HALFYEAR, "2026-H2", &s, "2026-12-25");
    /* a due day past the end of the month is clamped to its last day */
    s.monthly_due_day = 31;
    assert_due(PROFILE_MONTHLY, "2026-02", &s, "2026-02-28");
    assert_due(PROFILE_MONTHLY, "2028-02", &s, "2028-02-29");
    assert_due(PROFILE_MONTHLY, "2026-04", &s, "2026-04-30");
    assert_due(PROFILE_MONTHLY, "2026-12", &s, "2026-12-31");
    s.monthly_due_day = 1;
    assert_due(PROFILE_MONTHLY, "2026-07", &s, "2026-07-01");
    s.halfyear_due[0][0] = 5;
    s.halfyear_due[0][1] = 31;
    s.halfyear_due[1][0] = 11;
    s.halfyear_due[1][1] = 30;
    assert_due(PROFILE_HALFYEAR, "2027-H1", &s, "2027-05-31");
    assert_due(PROFILE_HALFYEAR, "2027-H2", &s, "2027-11-30");
    char out[11];
    assert_int_equal(period_due_date(PROFILE_CHANGE, "2026-11-15@oa", &s, out), -1);
    assert_int_equal(period_due_date(PROFILE_MONTHLY, "2026-13", &s, out), -1);
    assert_int_equal(period_due_date(PROFILE_HALFYEAR, "2026-03", &s, out), -1);
}

/* ---- dates ---- */

static void test_date_parse_format(void **state)
{
    (void)state;
    civil_date d;
    assert_int_equal(date_parse("2026-03-05", &d), 0);
    assert_int_equal(d.year, 2026);
    assert_int_equal(d.month, 3);
    assert_int_equal(d.day, 5);
    assert_int_equal(date_parse("2026/3/5", &d), 0);
    assert_int_equal(d.month, 3);
    assert_int_equal(date_parse(NULL, &d), -1);
    assert_int_equal(date_parse("2026-3", &d), -1);
    assert_int_equal(date_parse("12026-03-05", &d), -1);
    char out[11];
    date_format((civil_date){2026, 3, 5}, out);
    assert_string_equal(out, "2026-03-05");
    date_format((civil_date){1900, 12, 31}, out);
    assert_string_equal(out, "1900-12-31");
    assert_true(date_valid((civil_date){2024, 2, 29}));
    assert_false(date_valid((civil_date){2023, 2, 29}));
    assert_false(date_valid((civil_date){1900, 2, 29}));
    assert_false(date_valid((civil_date){2026, 0, 1}));
    assert_false(date_valid((civil_date){2026, 12, 32}));
}

static void test_days_round_trip(void **state)
{
    (void)state;
    assert_int_equal(date_to_days((civil_date){1970, 1, 1}), 0);
    assert_int_equal(date_to_days((civil_date){1969, 12, 31}), -1);
    assert_int_equal(date_to_days((civil_date){2000, 3, 1}), 11017);
    civil_date start = {1900, 1, 1};
    long first = date_to_days(start);
    /* every day from 1900 to 2100: consecutive, valid, round trips, agrees with timegm */
    civil_date prev = start;
    for (long n = first; n <= date_to_days((civil_date){2100, 12, 31}); n++) {
        civil_date d = date_from_days(n);
        if (!date_valid(d) || date_to_days(d) != n)
            fail_msg("day %ld gives %04d-%02d-%02d", n, d.year, d.month, d.day);
        if (n > first) {
            bool next_day = (d.year == prev.year && d.month == prev.month && d.day == prev.day + 1) ||
                            (d.year == prev.year && d.month == prev.month + 1 && d.day == 1) ||
                            (d.year == prev.year + 1 && d.month == 1 && d.day == 1 && prev.month == 12);
            if (!next_day)
                fail_msg("day %ld (%04d-%02d-%02d) does not follow the one before", n, d.year, d.month, d.day);
        }
        if (n % 97 == 0) {
            struct tm tm = {.tm_year = d.year - 1900, .tm_mon = d.month - 1, .tm_mday = d.day, .tm_hour = 12};
            assert_int_equal((timegm(&tm) - 12 * 3600) / 86400, n);
        }
        prev = d;
    }
    assert_int_equal(prev.year, 2100);
    assert_int_equal(prev.month, 12);
    assert_int_equal(prev.day, 31);
}

/* ---- the clock ---- */

static void test_clock_override(void **state)
{
    (void)state;
    char today[11], now[20];
    setenv("SELFCHECK_NOW", "2026-03-05", 1);
    clock_today(today);
    clock_now(now);
    assert_string_equal(today, "2026-03-05");
    assert_string_equal(now, "2026-03-05T00:00:00");
    setenv("SELFCHECK_NOW", "2026-11-30T23:59:58", 1);
    clock_today(today);
    clock_now(now);
    assert_string_equal(today, "2026-11-30");
    assert_string_equal(now, "2026-11-30T23:59:58");

    /* unset, or not a date: the real clock */
    const char *values[] = {NULL, "garbage-value", "2026-02-30"};
    for (size_t i = 0; i < 3; i++) {
        if (values[i])
            setenv("SELFCHECK_NOW", values[i], 1);
        else
            unsetenv("SELFCHECK_NOW");
        char before[11], after[11];
        time_t t = time(NULL);
        struct tm tm;
        localtime_r(&t, &tm);
        strftime(before, sizeof before, "%Y-%m-%d", &tm);
        clock_today(today);
        clock_now(now);
        t = time(NULL);
        localtime_r(&t, &tm);
        strftime(after, sizeof after, "%Y-%m-%d", &tm);
        /* a midnight may pass between the readings */
        assert_true(strcmp(today, before) == 0 || strcmp(today, after) == 0);
        assert_int_equal(strlen(now), 19);
        assert_int_equal(now[10], 'T');
        assert_true(strncmp(now, before, 10) == 0 || strncmp(now, after, 10) == 0);
    }
    unsetenv("SELFCHECK_NOW");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_yesno),
        cmocka_unit_test(test_choice),
        cmocka_unit_test(test_number),
        cmocka_unit_test(test_number_never),
        cmocka_unit_test(test_date),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_allowed),
        cmocka_unit_test(test_display),
        cmocka_unit_test(test_period_current),
        cmocka_unit_test(test_period_validate),
        cmocka_unit_test(test_period_must_be_canonical),
        cmocka_unit_test(test_period_next_previous),
        cmocka_unit_test(test_period_due_date),
        cmocka_unit_test(test_date_parse_format),
        cmocka_unit_test(test_days_round_trip),
        cmocka_unit_test(test_clock_override),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
