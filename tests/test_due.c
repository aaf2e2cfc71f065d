/* test_due.c: cmocka tests of what is due (due.h).
 *
 * Each test fills a fresh store with assessments (started, answered,
 * completed) and asks what is due on days passed explicitly, so the clock
 * and SELFCHECK_NOW play no part. The due days are the built-in [schedule]
 * defaults (config_defaults): the 25th of each month, 06-25 and 12-25. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "config.h"
#include "due.h"
#include "fsutil.h"
#include "store.h"
#include "testutil.h"

#define UNIT "4401-hb"

typedef struct fixture {
    char *dir;
    char *db;
    store *s;
    schedule sched;   /* the built-in defaults */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (f == NULL)
        return -1;
    *state = f;
    f->dir = testutil_tempdir();
    if (f->dir == NULL)
        return -1;
    f->db = fsutil_join(f->dir, "selfcheck.db");
    config *defaults = config_defaults();
    if (f->db == NULL || defaults == NULL) {
        config_free(defaults);
        return -1;
    }
    f->sched = defaults->schedule;
    config_free(defaults);
    char *err = NULL;
    if (store_open(f->db, &f->s, &err) != 0) {
        print_error("%s\n", err);
        free(err);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    store_close(f->s);
    testutil_rmtree(f->dir);
    free(f->dir);
    free(f->db);
    free(f);
    return 0;
}

/* Stores an assessment of `unit` with `answers` items answered, completed
 * when `completed` is true. */
static void add_for(fixture *f, const char *unit, profile p, const char *period, size_t answers, bool completed)
{
    assessment *a = NULL;
    char *err = NULL;
    assert_int_equal(store_assessment_open(f->s, unit, p, period, "张三", &a, &err), 0);
    assert_null(err);
    for (size_t i = 0; i < answers; i++) {
        char item_id[32];
        snprintf(item_id, sizeof item_id, "item-%zu", i);
        assert_int_equal(store_answer_put(f->s, a->id, "example", item_id, "", ANSWER_FIELD_VALUE, "yes",
                                          "2026-01-01T09:00:00", &err), 0);
    }
    if (completed)
        assert_int_equal(store_assessment_set_completed(f->s, a->id, "2026-01-02T10:00:00", &err), 0);
    assert_null(err);
    assessment_free(a);
}

static void add(fixture *f, profile p, const char *period, size_t answers, bool completed)
{
    add_for(f, UNIT, p, period, answers, completed);
}

/* What is due on `today`; fails the test on error. */
static due_list *due_on(fixture *f, profile p, const char *today)
{
    due_list *d = NULL;
    char *err = NULL;
    int rc = due_compute(f->s, UNIT, p, today, &f->sched, &d, &err);
    if (rc != 0)
        print_error("%s\n", err ? err : "(no message)");
    free(err);
    assert_int_equal(rc, 0);
    assert_non_null(d);
    assert_int_equal(d->profile, p);
    assert_true(d->count >= 1);
    return d;
}

static void assert_entry(const due_entry *e, const char *period, const char *due, due_state state, bool overdue)
{
    assert_string_equal(e->period, period);
    assert_string_equal(e->due, due);
    assert_int_equal(e->state, state);
    assert_int_equal(e->overdue, overdue);
    if (state == DUE_NOT_STARTED) {
        assert_null(e->assessment);
    } else {
        assert_non_null(e->assessment);
        assert_string_equal(e->assessment->period, period);
        assert_int_equal(e->assessment->completed_at != NULL, state == DUE_DONE);
    }
}

static void test_empty_store_only_current(void **state)
{
    fixture *f = *state;
    due_list *d = due_on(f, PROFILE_MONTHLY, "2026-11-20");
    assert_int_equal(d->count, 1);
    assert_entry(&d->entries[0], "2026-11", "2026-11-25", DUE_NOT_STARTED, false);
    assert_null(d->last_completed);
    assert_null(d->next_period);
    assert_string_equal(d->next_due, "");
    due_list_free(d);

    /* on the due day it is not yet late; the day after it is */
    d = due_on(f, PROFILE_MONTHLY, "2026-11-25");
    assert_false(d->entries[0].overdue);
    due_list_free(d);
    d = due_on(f, PROFILE_MONTHLY, "2026-11-26");
    assert_int_equal(d->count, 1);
    assert_entry(&d->entries[0], "2026-11", "2026-11-25", DUE_NOT_STARTED, true);
    due_list_free(d);

    /* a spreadsheet's spelling of the day means the same day, and is not
     * compared as text ('/' sorts after '-') */
    d = due_on(f, PROFILE_MONTHLY, "2026/11/3");
    assert_entry(&d->entries[0], "2026-11", "2026-11-25", DUE_NOT_STARTED, false);
    due_list_free(d);
    d = due_on(f, PROFILE_MONTHLY, "2026/11/26");
    assert_entry(&d->entries[0], "2026-11", "2026-11-25", DUE_NOT_STARTED, true);
    due_list_free(d);
}

static void test_current_done_gives_next(void **state)
{
    fixture *f = *state;
    add(f, PROFILE_MONTHLY, "2026-11", 4, true);
    /* after the due date too: a completed period is never overdue */
    due_list *d = due_on(f, PROFILE_MONTHLY, "2026-11-28");
    assert_int_equal(d->count, 1);
    assert_entry(&d->entries[0], "2026-11", "2026-11-25", DUE_DONE, false);
    assert_non_null(d->last_completed);
    assert_string_equal(d->last_completed->period, "2026-11");
    assert_string_equal(d->next_period, "2026-12");
    assert_string_equal(d->next_due, "2026-12-25");
    due_list_free(d);
}

static void test_current_in_progress(void **state)
{
    fixture *f = *state;
    add(f, PROFILE_MONTHLY, "2026-11", 2, false);
    due_list *d = due_on(f, PROFILE_MONTHLY, "2026-11-26");
    assert_int_equal(d->count, 1);
    assert_entry(&d->entries[0], "2026-11", "2026-11-25", DUE_IN_PROGRESS, true);
    assert_null(d->last_completed);
    assert_null(d->next_period);
    due_list_free(d);
}

static void test_previous_unfinished_is_listed(void **state)
{
    fixture *f = *state;
    add(f, PROFILE_MONTHLY, "2026-10", 5, false);
    due_list *d = due_on(f, PROFILE_MONTHLY, "2026-11-03");
    assert_int_equal(d->count, 2);
    assert_entry(&d->entries[0], "2026-10", "2026-10-25", DUE_IN_PROGRESS, true);
    assert_entry(&d->entries[1], "2026-11", "2026-11-25", DUE_NOT_STARTED, false);
    assert_null(d->last_completed);
    assert_null(d->next_period);
    due_list_free(d);

    /* finishing it takes it off the list and makes it the last completed */
    add(f, PROFILE_MONTHLY, "2026-10", 0, true);
    d = due_on(f, PROFILE_MONTHLY, "2026-11-03");
    assert_int_equal(d->count, 1);
    assert_entry(&d->entries[0], "2026-11", "2026-11-25", DUE_NOT_STARTED, false);
    assert_non_null(d->last_completed);
    assert_string_equal(d->last_completed->period, "2026-10");
    due_list_free(d);
}

/* The previous period is overdue only once its own due date has passed. With
 * the defaults that is always so; a schedule that lets the first half-year
 * be finished in July shows the difference. */
static void test_previous_overdue_only_after_due(void **state)
{
    fixture *f = *state;
    f->sched.halfyear_due[0][0] = 7;
    f->sched.halfyear_due[0][1] = 10;
    add(f, PROFILE_HALFYEAR, "2026-H1", 1, false);
    due_list *d = due_on(f, PROFILE_HALFYEAR, "2026-07-05");
    assert_int_equal(d->count, 2);
    assert_entry(&d->entries[0], "2026-H1", "2026-07-10", DUE_IN_PROGRESS, false);
    assert_entry(&d->entries[1], "2026-H2", "2026-12-25", DUE_NOT_STARTED, false);
    due_list_free(d);
    d = due_on(f, PROFILE_HALFYEAR, "2026-07-10");
    assert_false(d->entries[0].overdue);
    due_list_free(d);
    d = due_on(f, PROFILE_HALFYEAR, "2026-07-11");
    assert_int_equal(d->count, 2);
    assert_entry(&d->entries[0], "2026-H1", "2026-07-10", DUE_IN_PROGRESS, true);
    due_list_free(d);
}

static void test_gap_after_older_is_overdue(void **state)
{
    fixture *f = *state;
    add(f, PROFILE_MONTHLY, "2026-08", 3, true);
    due_list *d = due_on(f, PROFILE_MONTHLY, "2026-11-03");
    /* every month since the unit began is owed: September and October */
    assert_int_equal(d->count, 3);
    assert_entry(&d->entries[0], "2026-09", "2026-09-25", DUE_NOT_STARTED, true);
    assert_entry(&d->entries[1], "2026-10", "2026-10-25", DUE_NOT_STARTED, true);
    assert_entry(&d->entries[2], "2026-11", "2026-11-25", DUE_NOT_STARTED, false);
    assert_non_null(d->last_completed);
    assert_string_equal(d->last_completed->period, "2026-08");
    due_list_free(d);

    /* an older one that was never finished shows the unit kept it too */
    add(f, PROFILE_HALFYEAR, "2025-H2", 1, false);
    d = due_on(f, PROFILE_HALFYEAR, "2026-08-01");
    assert_int_equal(d->count, 3);
    assert_entry(&d->entries[0], "2025-H2", "2025-12-25", DUE_IN_PROGRESS, true);
    assert_entry(&d->entries[1], "2026-H1", "2026-06-25", DUE_NOT_STARTED, true);
    assert_entry(&d->entries[2], "2026-H2", "2026-12-25", DUE_NOT_STARTED, false);
    assert_null(d->last_completed);
    due_list_free(d);
}

/* A unit that stopped long ago is shown the most recent DUE_PAST_MAX
 * periods it owes, not every one since; completed ones among them are not owed. */
static void test_owed_periods_are_capped(void **state)
{
    fixture *f = *state;
    add(f, PROFILE_MONTHLY, "2024-01", 3, true);
    add(f, PROFILE_MONTHLY, "2026-03", 3, true);
    due_list *d = due_on(f, PROFILE_MONTHLY, "2026-11-03");
    assert_int_equal(d->count, DUE_PAST_MAX + 1);
    /* twelve months back from October, March left out: 2025-10 .. 2026-10 */
    assert_string_equal(d->entries[0].period, "2025-10");
    for (size_t i = 0; i + 1 < d->count; i++) {
        assert_string_not_equal(d->entries[i].period, "2026-03");
        assert_true(d->entries[i].overdue);
        if (i > 0)
            assert_true(strcmp(d->entries[i - 1].period, d->entries[i].period) < 0);   /* oldest first */
    }
    assert_string_equal(d->entries[d->count - 2].period, "2026-10");
    assert_string_equal(d->entries[d->count - 1].period, "2026-11");
    assert_string_equal(d->last_completed->period, "2026-03");
    due_list_free(d);
}

static void test_no_older_no_gap(void **state)
{
    fixture *f = *state;
    /* only the current period and a later one: nothing before to miss */
    add(f, PROFILE_MONTHLY, "2026-11", 1, false);
    add(f, PROFILE_MONTHLY, "2026-12", 0, false);
    due_list *d = due_on(f, PROFILE_MONTHLY, "2026-11-03");
    assert_int_equal(d->count, 1);
    assert_entry(&d->entries[0], "2026-11", "2026-11-25", DUE_IN_PROGRESS, false);
    due_list_free(d);

    /* another unit's history and another profile's do not count */
    add_for(f, "4401-other", PROFILE_MONTHLY, "2026-08", 0, true);
    add(f, PROFILE_HALFYEAR, "2025-H1", 0, true);
    d = due_on(f, PROFILE_MONTHLY, "2026-11-03");
    assert_int_equal(d->count, 1);
    assert_null(d->last_completed);
    due_list_free(d);
}

static void test_halfyear_periods(void **state)
{
    fixture *f = *state;
    due_list *d = due_on(f, PROFILE_HALFYEAR, "2026-03-01");
    assert_int_equal(d->count, 1);
    assert_entry(&d->entries[0], "2026-H1", "2026-06-25", DUE_NOT_STARTED, false);
    due_list_free(d);

    add(f, PROFILE_HALFYEAR, "2026-H1", 6, true);
    d = due_on(f, PROFILE_HALFYEAR, "2026-06-30");
    assert_int_equal(d->count, 1);
    assert_entry(&d->entries[0], "2026-H1", "2026-06-25", DUE_DONE, false);
    assert_string_equal(d->next_period, "2026-H2");
    assert_string_equal(d->next_due, "2026-12-25");
    due_list_free(d);

    /* the second half: the first is done, so it is not listed again */
    d = due_on(f, PROFILE_HALFYEAR, "2026-12-26");
    assert_int_equal(d->count, 1);
    assert_entry(&d->entries[0], "2026-H2", "2026-12-25", DUE_NOT_STARTED, true);
    assert_string_equal(d->last_completed->period, "2026-H1");
    due_list_free(d);

    /* across the year: H2 done gives next year's H1 */
    add(f, PROFILE_HALFYEAR, "2026-H2", 6, true);
    d = due_on(f, PROFILE_HALFYEAR, "2026-12-31");
    assert_string_equal(d->next_period, "2027-H1");
    assert_string_equal(d->next_due, "2027-06-25");
    assert_string_equal(d->last_completed->period, "2026-H2");
    due_list_free(d);
}

static void test_year_boundary(void **state)
{
    fixture *f = *state;
    add(f, PROFILE_MONTHLY, "2026-12", 2, false);
    due_list *d = due_on(f, PROFILE_MONTHLY, "2027-01-10");
    assert_int_equal(d->count, 2);
    assert_entry(&d->entries[0], "2026-12", "2026-12-25", DUE_IN_PROGRESS, true);
    assert_entry(&d->entries[1], "2027-01", "2027-01-25", DUE_NOT_STARTED, false);
    due_list_free(d);

    /* December done: January of the next year is next */
    add(f, PROFILE_MONTHLY, "2026-12", 0, true);
    d = due_on(f, PROFILE_MONTHLY, "2026-12-20");
    assert_entry(&d->entries[0], "2026-12", "2026-12-25", DUE_DONE, false);
    assert_string_equal(d->next_period, "2027-01");
    assert_string_equal(d->next_due, "2027-01-25");
    due_list_free(d);

    /* and in January, December done and earlier history: nothing overdue */
    d = due_on(f, PROFILE_MONTHLY, "2027-01-10");
    assert_int_equal(d->count, 1);
    assert_entry(&d->entries[0], "2027-01", "2027-01-25", DUE_NOT_STARTED, false);
    due_list_free(d);
}

static void test_errors_are_returned(void **state)
{
    fixture *f = *state;
    due_list *d = (due_list *)1;
    char *err = NULL;
    assert_int_equal(due_compute(f->s, UNIT, PROFILE_CHANGE, "2026-11-03", &f->sched, &d, &err), -1);
    assert_null(d);
    assert_non_null(err);
    free(err);
    err = NULL;
    d = (due_list *)1;
    assert_int_equal(due_compute(f->s, UNIT, PROFILE_MONTHLY, "2026-13-01", &f->sched, &d, &err), -1);
    assert_null(d);
    assert_non_null(strstr(err, "2026-13-01"));
    free(err);
    err = NULL;

    /* a store that cannot be read is an error, not an empty list */
    add(f, PROFILE_MONTHLY, "2026-10", 1, false);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "DROP TABLE answers; DROP TABLE assessment_systems; DROP TABLE assessments",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    d = (due_list *)1;
    assert_int_equal(due_compute(f->s, UNIT, PROFILE_MONTHLY, "2026-11-03", &f->sched, &d, &err), -1);
    assert_null(d);
    assert_non_null(err);
    assert_non_null(strstr(err, "assessments"));
    free(err);
    due_list_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_empty_store_only_current, setup, teardown),
        cmocka_unit_test_setup_teardown(test_current_done_gives_next, setup, teardown),
        cmocka_unit_test_setup_teardown(test_current_in_progress, setup, teardown),
        cmocka_unit_test_setup_teardown(test_previous_unfinished_is_listed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_previous_overdue_only_after_due, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gap_after_older_is_overdue, setup, teardown),
        cmocka_unit_test_setup_teardown(test_owed_periods_are_capped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_older_no_gap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_halfyear_periods, setup, teardown),
        cmocka_unit_test_setup_teardown(test_year_boundary, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors_are_returned, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
