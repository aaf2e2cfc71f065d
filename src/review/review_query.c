/* review_query.c: the supervisor's tables, read from the review database
 * (see review_query.h).
 *
 * Only current reports count (superseded_by IS NULL). A unit's reports of
 * one profile are ordered by period, which sorts as text ("2026-09" <
 * "2026-10", "2026-H1" < "2026-H2"); the window functions LAG and LEAD give
 * each report its predecessor and its next report, which is what "change
 * since the previous period" and remediation follow-up are about. An item
 * is the same item in two reports when checklist, item and system agree. */
#include "review_query.h"
#include "review_db_internal.h"
#include "error.h"
#include "profile.h"

#include <stdlib.h>
#include <string.h>

#define CURRENT                                                                                          \
    "WITH cur AS (SELECT r.*, LEAD(r.id) OVER w AS next_id, LAG(r.period) OVER w AS prev_period,"       \
    " LAG(r.percent) OVER w AS prev_percent FROM reports r WHERE r.superseded_by IS NULL"                \
    " WINDOW w AS (PARTITION BY r.unit_code, r.profile ORDER BY r.period)) "

#define SAME_ITEM "g.checklist_id = f.checklist_id AND g.item_id = f.item_id AND g.system_id = f.system_id"

/* ---- the table ---- */

void review_rows_free(review_row *rows, size_t count)
{
    for (size_t i = 0; rows && i < count; i++) {
        review_row *r = &rows[i];
        char *all[] = {r->unit_code, r->unit_name, r->profile, r->period, r->report_id, r->generated_at,
                       r->signer_key_id, r->grade, r->grade_zh, r->verdict, r->nonstandard};
        for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
            free(all[k]);
    }
    free(rows);
}

static void rows_free(void *list, size_t count)
{
    review_rows_free(list, count);
}

static review_sort sort_key;
static bool sort_descending;

static int row_order(const review_row *a, const review_row *b)
{
    int c = strcmp(a->unit_code, b->unit_code);
    if (c == 0)
        c = strcmp(a->profile, b->profile);
    if (c == 0)
        c = strcmp(a->period, b->period);
    return c;
}

static int compare_rows(const void *pa, const void *pb)
{
    const review_row *a = pa, *b = pb;
    int c = 0;
    if (sort_key == REVIEW_SORT_SCORE)
        c = (a->percent > b->percent) - (a->percent < b->percent);
    else if (sort_key == REVIEW_SORT_CHANGE) {
        if (a->has_change != b->has_change)
            return a->has_change ? -1 : 1;   /* rows without a change last, either way */
        c = (a->change > b->change) - (a->change < b->change);
    }
    if (sort_descending)
        c = -c;
    return c != 0 ? c : row_order(a, b);
}

/* One row of the table's query. */
static int table_row(sqlite3_stmt *st, void *element, void *ctx)
{
    (void)ctx;
    review_row *r = element;
    char **const slots[] = {&r->unit_code, &r->unit_name, &r->profile, &r->period, &r->report_id,
                            &r->generated_at, &r->signer_key_id, &r->grade, &r->grade_zh, &r->verdict};
    if (review_db_columns(st, NULL, slots, sizeof slots / sizeof slots[0]) != 0)
        return -1;
    r->percent = sqlite3_column_double(st, 10);
    r->complete = sqlite3_column_int(st, 11) != 0;
    profile p;
    const char *prev = (const char *)sqlite3_column_text(st, 12);
    if (prev != NULL && profile_parse(r->profile, &p) == 0 && p != PROFILE_CHANGE) {
        /* a change since the period just before, not since a gap */
        char *expected = period_previous(p, r->period);
        r->has_change = expected != NULL && strcmp(expected, prev) == 0;
        free(expected);
        r->change = r->has_change ? r->percent - sqlite3_column_double(st, 13) : 0;
    }
    r->findings = sqlite3_column_int64(st, 14);
    r->overdue = sqlite3_column_int64(st, 15);
    r->key_revoked = sqlite3_column_int(st, 16) != 0;
    return (r->nonstandard = review_db_column(st, 17)) == NULL ? -1 : 0;
}

int review_table(review_db *db, const review_table_query *q, review_row **rows, size_t *count, char **err)
{
    *rows = NULL;
    *count = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn,
                           CURRENT
                           "SELECT cur.unit_code, coalesce(u.name, cur.unit_name), cur.profile, cur.period,"
                           " cur.report_id, cur.generated_at, cur.signer_key_id, cur.grade, cur.grade_zh,"
                           " cur.verdict, cur.percent, cur.complete, cur.prev_period, cur.prev_percent,"
                           " (SELECT count(*) FROM items f WHERE f.report = cur.id AND f.finding = 1),"
                           " (SELECT count(*) FROM items f WHERE f.report = cur.id AND f.finding = 1"
                           "  AND f.due <> '' AND f.due < ?1 AND (cur.next_id IS NULL OR EXISTS"
                           "  (SELECT 1 FROM items g WHERE g.report = cur.next_id AND g.finding = 1 AND " SAME_ITEM
                           "))),"
                           " (SELECT k.revoked_at IS NOT NULL FROM keys k WHERE k.key_id = cur.signer_key_id),"
                           " cur.nonstandard"
                           " FROM cur LEFT JOIN units u ON u.code = cur.unit_code"
                           " WHERE (?2 IS NULL OR cur.profile = ?2) AND (?3 IS NULL OR cur.period = ?3)"
                           " AND (?4 IS NULL OR cur.unit_code = ?4)",
                           -1, &st, NULL) != SQLITE_OK)
        return review_db_read_fail(db, err);
    review_db_bind_text(st, 1, q->today);
    if (q->profile)
        review_db_bind_text(st, 2, q->profile);
    if (q->period)
        review_db_bind_text(st, 3, q->period);
    if (q->unit)
        review_db_bind_text(st, 4, q->unit);
    void *list;
    size_t n;
    if (review_collect(db, st, sizeof(review_row), table_row, NULL, rows_free, &list, &n, err) != 0)
        return -1;
    sort_key = q->sort;
    sort_descending = q->descending;
    if (n > 1)
        qsort(list, n, sizeof(review_row), compare_rows);
    *rows = list;
    *count = n;
    return 0;
}

/* ---- a unit's checklists ---- */

void review_checklist_scores_free(review_checklist_score *s, size_t count)
{
    for (size_t i = 0; s && i < count; i++) {
        free(s[i].checklist_id);
        free(s[i].digest);
    }
    free(s);
}

static void checklist_scores_free(void *list, size_t count)
{
    review_checklist_scores_free(list, count);
}

static int checklist_row(sqlite3_stmt *st, void *element, void *ctx)
{
    (void)ctx;
    review_checklist_score *s = element;
    if ((s->checklist_id = review_db_column(st, 0)) == NULL || (s->digest = review_db_column(st, 4)) == NULL)
        return -1;
    s->points = sqlite3_column_double(st, 1);
    s->max_points = sqlite3_column_double(st, 2);
    s->percent = s->max_points > 0 ? 100.0 * s->points / s->max_points : 0;
    s->findings = sqlite3_column_int64(st, 3);
    s->nonstandard = sqlite3_column_int(st, 5) != 0;
    return 0;
}

int review_unit_checklists(review_db *db, const char *unit, const char *prof, const char *period,
                           review_checklist_score **out, size_t *count, char **err)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn,
                           "SELECT i.checklist_id, coalesce(sum(i.score), 0), coalesce(sum(i.max_score), 0),"
                           " sum(i.finding), coalesce((SELECT rc.digest FROM report_checklists rc"
                           " WHERE rc.report = r.id AND rc.checklist_id = i.checklist_id), ''), "
                           REVIEW_NONSTANDARD("r.id", "i.checklist_id")
                           " FROM reports r JOIN items i ON i.report = r.id"
                           " WHERE r.superseded_by IS NULL AND r.unit_code = ? AND r.profile = ? AND r.period = ?"
                           " GROUP BY i.checklist_id ORDER BY min(i.seq)",
                           -1, &st, NULL) != SQLITE_OK)
        return review_db_read_fail(db, err);
    review_db_bind_text(st, 1, unit);
    review_db_bind_text(st, 2, prof);
    review_db_bind_text(st, 3, period);
    void *list;
    int rc = review_collect(db, st, sizeof(review_checklist_score), checklist_row, NULL, checklist_scores_free,
                            &list, count, err);
    *out = list;
    return rc;
}

/* ---- two periods ---- */

void review_item_diffs_free(review_item_diff *d, size_t count)
{
    for (size_t i = 0; d && i < count; i++) {
        free(d[i].checklist_id);
        free(d[i].item_id);
        free(d[i].system_id);
        free(d[i].question_zh);
    }
    free(d);
}

/* What changed for an item in both reports: scored in both, its share of
 * the points; scored in one only (not applicable in the other, which is no
 * finding there), whether it became or stopped being a finding. Either way
 * the kind from b to a is the mirror of that from a to b. */
static review_change_kind change_kind(const review_item_diff *d)
{
    if (d->scored_a && d->scored_b && d->max_a > 0 && d->max_b > 0) {
        double ra = d->score_a / d->max_a, rb = d->score_b / d->max_b;
        return rb > ra ? REVIEW_IMPROVED : rb < ra ? REVIEW_REGRESSED : REVIEW_SAME;
    }
    return d->finding_a && !d->finding_b ? REVIEW_IMPROVED
         : !d->finding_a && d->finding_b ? REVIEW_REGRESSED
                                         : REVIEW_SAME;
}

static void item_diffs_free(void *list, size_t count)
{
    review_item_diffs_free(list, count);
}

static int diff_row(sqlite3_stmt *st, void *element, void *ctx)
{
    (void)ctx;
    review_item_diff *d = element;
    char **const slots[] = {&d->checklist_id, &d->item_id, &d->system_id, &d->question_zh};
    if (review_db_columns(st, NULL, slots, 4) != 0)
        return -1;
    bool in_a = sqlite3_column_int(st, 4) != 0, in_b = sqlite3_column_int(st, 8) != 0;
    d->scored_a = in_a && sqlite3_column_type(st, 5) != SQLITE_NULL;
    d->score_a = sqlite3_column_double(st, 5);
    d->max_a = sqlite3_column_double(st, 6);
    d->finding_a = sqlite3_column_int(st, 7) != 0;
    d->scored_b = in_b && sqlite3_column_type(st, 9) != SQLITE_NULL;
    d->score_b = sqlite3_column_double(st, 9);
    d->max_b = sqlite3_column_double(st, 10);
    d->finding_b = sqlite3_column_int(st, 11) != 0;
    d->kind = !in_a ? REVIEW_ADDED : !in_b ? REVIEW_DROPPED : change_kind(d);
    return 0;
}

int review_compare(review_db *db, const char *unit, const char *prof, const char *period_a,
                   const char *period_b, review_item_diff **out, size_t *count, char **err)
{
    *out = NULL;
    *count = 0;
    /* b's items joined to a's, then a's items that b lacks */
    static const char sql[] =
        "WITH ra AS (SELECT id FROM reports WHERE superseded_by IS NULL AND unit_code = ?1 AND profile = ?2"
        " AND period = ?3), rb AS (SELECT id FROM reports WHERE superseded_by IS NULL AND unit_code = ?1"
        " AND profile = ?2 AND period = ?4),"
        " a AS (SELECT * FROM items WHERE report = (SELECT id FROM ra)),"
        " b AS (SELECT * FROM items WHERE report = (SELECT id FROM rb))"
        " SELECT b.checklist_id, b.item_id, b.system_id, b.question_zh, a.seq IS NOT NULL, a.score, a.max_score,"
        " a.finding, 1, b.score, b.max_score, b.finding, 0 AS part, b.seq FROM b LEFT JOIN a"
        " ON a.checklist_id = b.checklist_id AND a.item_id = b.item_id AND a.system_id = b.system_id"
        " UNION ALL SELECT a.checklist_id, a.item_id, a.system_id, a.question_zh, 1, a.score, a.max_score,"
        " a.finding, 0, NULL, NULL, 0, 1, a.seq FROM a WHERE NOT EXISTS (SELECT 1 FROM b"
        " WHERE b.checklist_id = a.checklist_id AND b.item_id = a.item_id AND b.system_id = a.system_id)"
        " ORDER BY part, 14";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
        return review_db_read_fail(db, err);
    review_db_bind_text(st, 1, unit);
    review_db_bind_text(st, 2, prof);
    review_db_bind_text(st, 3, period_a);
    review_db_bind_text(st, 4, period_b);
    void *list;
    int rc = review_collect(db, st, sizeof(review_item_diff), diff_row, NULL, item_diffs_free, &list, count, err);
    *out = list;
    return rc;
}
