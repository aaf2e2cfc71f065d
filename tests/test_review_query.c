/* test_review_query.c: the review database's store and queries against
 * numbers worked out by hand: reports handed to the importer interface
 * directly (verification has its own tests in cli_review.sh), then the
 * table sorted by unit, score and change, a unit's trend, its checklists'
 * scores, two periods compared item by item, and the supersede rule
 * whatever the order of arrival. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <sqlite3.h>

#include "review_db.h"
#include "review_period.h"
#include "review_query.h"
#include "testutil.h"

typedef struct item_spec {
    const char *checklist, *item;
    double score, max;      /* max 0: not scored (na) */
    bool finding;
} item_spec;

static char *copy_of(const char *s)
{
    char *c = strdup(s);
    assert_non_null(c);
    return c;
}

static report_doc *make_doc(const char *unit, const char *period, const char *generated, const char *rid,
                            double percent, const item_spec *items, size_t n)
{
    report_doc *d = calloc(1, sizeof *d);
    assert_non_null(d);
    d->format = REPORT_FORMAT_CSV;
    d->format_version = 1;
    d->report_id = copy_of(rid);
    d->unit_code = copy_of(unit);
    d->unit_name = copy_of("单位");
    d->profile = copy_of(strchr(period, 'H') ? "halfyear" : "monthly");
    d->period = copy_of(period);
    d->assessor = copy_of("张三");
    d->completed_at = copy_of(generated);
    d->generated_at = copy_of(generated);
    d->tool_version = copy_of("0.1.0");
    d->signer_key_id = copy_of("00");
    d->signature_algo = copy_of("ed25519");
    d->complete = true;
    d->percent = percent;
    d->grade = copy_of("pass");
    d->grade_zh = copy_of("合格");
    d->verdict = copy_of("pass");
    d->items = calloc(n, sizeof *d->items);
    assert_non_null(d->items);
    d->item_count = n;
    for (size_t i = 0; i < n; i++) {
        report_item *it = &d->items[i];
        it->checklist_id = copy_of(items[i].checklist);
        it->checklist_version = 1;
        it->item_id = copy_of(items[i].item);
        it->system_id = copy_of("");
        it->system_name = copy_of("");
        it->question_zh = copy_of("问题");
        it->severity = copy_of("high");
        it->weight = items[i].max;
        it->state = copy_of(items[i].max > 0 ? "answered" : "na");
        it->answer = copy_of("");
        it->answer_text = copy_of("");
        it->scored = items[i].max > 0;
        it->score = items[i].score;
        it->max_score = items[i].max;
        it->finding = items[i].finding;
        it->note = copy_of("");
        it->owner = copy_of("");
        it->due = copy_of(items[i].finding ? "2026-12-01" : "");
    }
    return d;
}

typedef struct fixture {
    char *dir, *path;
    review_db *db;
    review_importer imp;
} fixture;

static void store(fixture *f, report_doc *d)
{
    char *err = NULL;
    review_file file = {d->report_id, d->report_id, "csv"};   /* the id stands in for the file hash */
    assert_int_equal(f->imp.begin(f->imp.self, &err), 0);
    review_store_outcome o = f->imp.store(f->imp.self, d, "00", d->report_id, &file, 1, &err);
    assert_int_equal(o, REVIEW_STORED_NEW);
    assert_int_equal(f->imp.commit(f->imp.self, &err), 0);
    report_doc_free(d);
}

static const item_spec oct_u1[] = {
    {"a", "a-1", 1, 1, false}, {"a", "a-2", 1, 1, false}, {"a", "a-3", 0, 2, true}, {"a", "a-4", 1, 1, false}};
static const item_spec nov_u1[] = {
    {"a", "a-1", 1, 1, false}, {"a", "a-2", 0.5, 1, true}, {"a", "a-3", 1, 2, true}, {"b", "b-1", 2, 2, false}};
static const item_spec plain[] = {{"a", "a-1", 1, 1, false}};

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = testutil_tempdir();
    assert_non_null(f->dir);
    assert_true(asprintf(&f->path, "%s/review.db", f->dir) > 0);
    char *err = NULL;
    assert_int_equal(review_db_open(f->path, &f->db, &err), REVIEW_DB_OK);
    review_db_importer(f->db, &f->imp);
    assert_int_equal(review_unit_add(f->db, "u1", "甲局", NULL, NULL, &err), REVIEW_DB_OK);
    assert_int_equal(review_unit_add(f->db, "u2", "乙局", NULL, NULL, &err), REVIEW_DB_OK);
    store(f, make_doc("u1", "2026-10", "2026-10-26T10:00:00", "u1-10", 80.0, oct_u1, 4));
    store(f, make_doc("u1", "2026-11", "2026-11-26T10:00:00", "u1-11", 65.0, nov_u1, 4));
    store(f, make_doc("u2", "2026-10", "2026-10-26T10:00:00", "u2-10", 90.0, plain, 1));
    store(f, make_doc("u2", "2026-11", "2026-11-26T10:00:00", "u2-11", 95.0, plain, 1));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    review_db_close(f->db);
    testutil_rmtree(f->dir);
    free(f->dir);
    free(f->path);
    free(f);
    return 0;
}

static void test_table_sorts(void **state)
{
    fixture *f = *state;
    review_table_query q = {.today = "2027-01-10", .sort = REVIEW_SORT_CHANGE};
    review_row *rows;
    size_t n;
    char *err = NULL;
    assert_int_equal(review_table(f->db, &q, &rows, &n, &err), 0);
    assert_int_equal(n, 4);
    /* the largest fall first: u1 80 -> 65 is -15, u2 90 -> 95 is +5; no change last */
    assert_string_equal(rows[0].unit_code, "u1");
    assert_string_equal(rows[0].period, "2026-11");
    assert_true(rows[0].has_change);
    assert_float_equal(rows[0].change, -15.0, 1e-9);
    assert_string_equal(rows[1].unit_code, "u2");
    assert_float_equal(rows[1].change, 5.0, 1e-9);
    assert_false(rows[2].has_change);
    assert_false(rows[3].has_change);
    /* u1's November: findings a-2 and a-3, due 2026-12-01, no next report: both overdue */
    assert_int_equal(rows[0].findings, 2);
    assert_int_equal(rows[0].overdue, 2);
    review_rows_free(rows, n);

    q.sort = REVIEW_SORT_SCORE;   /* the weakest first */
    assert_int_equal(review_table(f->db, &q, &rows, &n, &err), 0);
    double want[] = {65.0, 80.0, 90.0, 95.0};
    for (size_t i = 0; i < 4; i++)
        assert_float_equal(rows[i].percent, want[i], 1e-9);
    /* October's a-3 is still a finding in November: overdue there too */
    assert_string_equal(rows[1].report_id, "u1-10");
    assert_int_equal(rows[1].overdue, 1);
    review_rows_free(rows, n);

    q.descending = true;
    assert_int_equal(review_table(f->db, &q, &rows, &n, &err), 0);
    assert_float_equal(rows[0].percent, 95.0, 1e-9);
    review_rows_free(rows, n);
}

static void test_trend(void **state)
{
    fixture *f = *state;
    review_table_query q = {.today = "2027-01-10", .unit = "u1", .profile = "monthly"};
    review_row *rows;
    size_t n;
    char *err = NULL;
    assert_int_equal(review_table(f->db, &q, &rows, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].period, "2026-10");
    assert_float_equal(rows[0].percent, 80.0, 1e-9);
    assert_string_equal(rows[1].period, "2026-11");
    assert_float_equal(rows[1].percent, 65.0, 1e-9);
    assert_string_equal(rows[1].unit_name, "甲局");
    review_rows_free(rows, n);
}

static void test_checklists(void **state)
{
    fixture *f = *state;
    review_checklist_score *s;
    size_t n;
    char *err = NULL;
    assert_int_equal(review_unit_checklists(f->db, "u1", "monthly", "2026-11", &s, &n, &err), 0);
    assert_int_equal(n, 2);
    /* a: 1 + 0.5 + 1 of 1 + 1 + 2 = 2.5 of 4 = 62.5 %, two findings; b: 2 of 2 */
    assert_string_equal(s[0].checklist_id, "a");
    assert_float_equal(s[0].points, 2.5, 1e-9);
    assert_float_equal(s[0].max_points, 4.0, 1e-9);
    assert_float_equal(s[0].percent, 62.5, 1e-9);
    assert_int_equal(s[0].findings, 2);
    assert_string_equal(s[1].checklist_id, "b");
    assert_float_equal(s[1].percent, 100.0, 1e-9);
    review_checklist_scores_free(s, n);
}

static void test_compare(void **state)
{
    fixture *f = *state;
    review_item_diff *d;
    size_t n;
    char *err = NULL;
    assert_int_equal(review_compare(f->db, "u1", "monthly", "2026-10", "2026-11", &d, &n, &err), 0);
    assert_int_equal(n, 5);
    /* November's order, then what only October had */
    const char *items[] = {"a-1", "a-2", "a-3", "b-1", "a-4"};
    review_change_kind kinds[] = {REVIEW_SAME, REVIEW_REGRESSED, REVIEW_IMPROVED, REVIEW_ADDED, REVIEW_DROPPED};
    for (size_t i = 0; i < 5; i++) {
        assert_string_equal(d[i].item_id, items[i]);
        assert_int_equal(d[i].kind, kinds[i]);
    }
    assert_float_equal(d[1].score_a, 1.0, 1e-9);
    assert_float_equal(d[1].score_b, 0.5, 1e-9);
    assert_true(d[1].finding_b);
    assert_false(d[1].finding_a);
    review_item_diffs_free(d, n);
}

/* The kind of the item `item` in d, or -1 when it is not there. */
static int kind_of(const review_item_diff *d, size_t n, const char *item)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(d[i].item_id, item) == 0)
            return (int)d[i].kind;
    return -1;
}

/* An item not scored in one period (not applicable) is no finding there:
 * going from a finding to not scored is an improvement, from not scored to
 * a finding a regression, whichever period is the earlier one; and every
 * pair of periods compared the other way round gives the mirror kinds. */
static void test_compare_both_directions(void **state)
{
    fixture *f = *state;
    static const item_spec dec_u1[] = {{"a", "a-1", 0, 0, false}, {"a", "a-2", 0, 0, false},
                                       {"a", "a-3", 2, 2, false}, {"b", "b-1", 0, 2, true},
                                       {"a", "a-6", 0, 1, true}};
    static const item_spec jan_u1[] = {{"a", "a-1", 0, 1, true}, {"a", "a-2", 0, 0, false}};
    store(f, make_doc("u1", "2026-12", "2026-12-26T10:00:00", "u1-12", 50.0, dec_u1, 5));
    store(f, make_doc("u1", "2027-01", "2027-01-26T10:00:00", "u1-01", 0.0, jan_u1, 2));
    review_item_diff *d;
    size_t n;
    char *err = NULL;
    /* November to December: a-1 1/1 -> na the same, a-2 0.5/1 finding -> na improved, a-3 1/2 -> 2/2
     * improved, b-1 2/2 -> 0/2 regressed, a-6 added */
    assert_int_equal(review_compare(f->db, "u1", "monthly", "2026-11", "2026-12", &d, &n, &err), 0);
    assert_int_equal(n, 5);
    assert_int_equal(kind_of(d, n, "a-1"), REVIEW_SAME);
    assert_int_equal(kind_of(d, n, "a-2"), REVIEW_IMPROVED);
    assert_int_equal(kind_of(d, n, "a-3"), REVIEW_IMPROVED);
    assert_int_equal(kind_of(d, n, "b-1"), REVIEW_REGRESSED);
    assert_int_equal(kind_of(d, n, "a-6"), REVIEW_ADDED);
    review_item_diffs_free(d, n);
    /* December to January: a-1 na -> finding regressed, a-2 na -> na the same, the rest dropped */
    assert_int_equal(review_compare(f->db, "u1", "monthly", "2026-12", "2027-01", &d, &n, &err), 0);
    assert_int_equal(kind_of(d, n, "a-1"), REVIEW_REGRESSED);
    assert_int_equal(kind_of(d, n, "a-2"), REVIEW_SAME);
    assert_int_equal(kind_of(d, n, "b-1"), REVIEW_DROPPED);
    review_item_diffs_free(d, n);
    /* every pair both ways: mirrored kinds */
    static const char *const periods[] = {"2026-10", "2026-11", "2026-12", "2027-01"};
    static const review_change_kind mirror[] = {[REVIEW_SAME] = REVIEW_SAME, [REVIEW_IMPROVED] = REVIEW_REGRESSED,
                                                [REVIEW_REGRESSED] = REVIEW_IMPROVED,
                                                [REVIEW_ADDED] = REVIEW_DROPPED, [REVIEW_DROPPED] = REVIEW_ADDED};
    for (size_t p = 0; p < 4; p++)
        for (size_t q = p + 1; q < 4; q++) {
            review_item_diff *ab, *ba;
            size_t nab, nba;
            assert_int_equal(review_compare(f->db, "u1", "monthly", periods[p], periods[q], &ab, &nab, &err), 0);
            assert_int_equal(review_compare(f->db, "u1", "monthly", periods[q], periods[p], &ba, &nba, &err), 0);
            assert_int_equal(nab, nba);
            for (size_t i = 0; i < nab; i++) {
                int back = kind_of(ba, nba, ab[i].item_id);
                if (back != (int)mirror[ab[i].kind])
                    fail_msg("%s %s -> %s is %d, the other way %d", ab[i].item_id, periods[p], periods[q],
                             (int)ab[i].kind, back);
            }
            review_item_diffs_free(ab, nab);
            review_item_diffs_free(ba, nba);
        }
}

static void test_supersede_any_order(void **state)
{
    fixture *f = *state;
    /* a newer report for u2's November, then an older one arriving later */
    store(f, make_doc("u2", "2026-11", "2026-11-28T10:00:00", "u2-11b", 40.0, plain, 1));
    store(f, make_doc("u2", "2026-11", "2026-11-20T10:00:00", "u2-11a", 10.0, plain, 1));
    review_table_query q = {.today = "2027-01-10", .unit = "u2", .period = "2026-11"};
    review_row *rows;
    size_t n;
    char *err = NULL;
    assert_int_equal(review_table(f->db, &q, &rows, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].report_id, "u2-11b");
    assert_float_equal(rows[0].change, 40.0 - 90.0, 1e-9);
    review_rows_free(rows, n);
    /* the same report again is not stored twice */
    report_doc *again = make_doc("u2", "2026-11", "2026-11-28T10:00:00", "u2-11b", 40.0, plain, 1);
    review_file file = {"copy", "another-hash", "csv"};
    assert_int_equal(f->imp.begin(f->imp.self, &err), 0);
    assert_int_equal(f->imp.store(f->imp.self, again, "00", "u2-11b", &file, 1, &err), REVIEW_STORED_ALREADY);
    review_file altered = {"altered", "a third hash", "csv"};
    assert_int_equal(f->imp.store(f->imp.self, again, "00", "other content", &altered, 1, &err),
                     REVIEW_STORED_CONFLICT);
    assert_int_equal(f->imp.commit(f->imp.self, &err), 0);
    report_doc_free(again);
}

/* The earliest period of a check (the first step back on the screen) is a
 * look-up in an index on profile and period, not a scan of every report. */
static void test_first_period_uses_an_index(void **state)
{
    fixture *f = *state;
    char *first = NULL, *err = NULL;
    assert_int_equal(review_first_period(f->db, "monthly", &first, &err), 0);
    assert_string_equal(first, "2026-10");
    free(first);
    assert_int_equal(review_first_period(f->db, "halfyear", &first, &err), 0);
    assert_null(first);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(review_db_handle(f->db),
                                        "EXPLAIN QUERY PLAN SELECT min(period) FROM reports"
                                        " WHERE profile = 'monthly' AND superseded_by IS NULL",
                                        -1, &st, NULL),
                     SQLITE_OK);
    char plan[512] = "";
    while (sqlite3_step(st) == SQLITE_ROW) {
        strncat(plan, (const char *)sqlite3_column_text(st, 3), sizeof plan - strlen(plan) - 2);
        strcat(plan, ";");
    }
    sqlite3_finalize(st);
    if (strstr(plan, "INDEX reports_profile_period") == NULL)
        fail_msg("the earliest period is not read through the index: %s", plan);
    assert_int_equal(sqlite3_prepare_v2(review_db_handle(f->db), "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), REVIEW_DB_VERSION);
    sqlite3_finalize(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_table_sorts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_trend, setup, teardown),
        cmocka_unit_test_setup_teardown(test_checklists, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compare, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compare_both_directions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_supersede_any_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_first_period_uses_an_index, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
