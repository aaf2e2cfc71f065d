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

static int fail(review_db *db, char **err)
{
    return review_db_fail(db, REVIEW_DB_ERROR, err, "read"), -1;
}

/* Grows *array (of `size`-byte elements) to hold one more; returns the new
 * element zeroed, or NULL when out of memory. */
static void *grow(void **array, size_t *count, size_t *cap, size_t size)
{
    if (*count == *cap) {
        size_t c = *cap ? 2 * *cap : 32;
        void *g = realloc(*array, c * size);
        if (g == NULL)
            return NULL;
        *array = g;
        *cap = c;
    }
    void *slot = (char *)*array + *count * size;
    memset(slot, 0, size);
    (*count)++;
    return slot;
}

/* Copies text columns first.. into the given slots; false when out of memory. */
static bool columns(sqlite3_stmt *st, int first, char **const *slots, size_t n)
{
    bool ok = true;
    for (size_t i = 0; i < n; i++)
        ok &= (*slots[i] = review_db_column(st, first + (int)i)) != NULL;
    return ok;
}

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
        return fail(db, err);
    review_db_bind_text(st, 1, q->today);
    if (q->profile)
        review_db_bind_text(st, 2, q->profile);
    if (q->period)
        review_db_bind_text(st, 3, q->period);
    if (q->unit)
        review_db_bind_text(st, 4, q->unit);
    review_row *list = NULL;
    size_t n = 0, cap = 0;
    int rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        review_row *r = grow((void **)&list, &n, &cap, sizeof *r);
        char **const slots[] = {&r->unit_code, &r->unit_name, &r->profile, &r->period, &r->report_id,
                                &r->generated_at, &r->signer_key_id, &r->grade, &r->grade_zh, &r->verdict};
        if (r == NULL || !columns(st, 0, slots, sizeof slots / sizeof slots[0])) {
            rc = error_set(err, "out of memory");
            break;
        }
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
        if ((r->nonstandard = review_db_column(st, 17)) == NULL) {
            rc = error_set(err, "out of memory");
            break;
        }
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = fail(db, err);
    sqlite3_finalize(st);
    if (rc != 0) {
        review_rows_free(list, n);
        return -1;
    }
    sort_key = q->sort;
    sort_descending = q->descending;
    if (n > 1)
        qsort(list, n, sizeof *list, compare_rows);
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
        return fail(db, err);
    review_db_bind_text(st, 1, unit);
    review_db_bind_text(st, 2, prof);
    review_db_bind_text(st, 3, period);
    review_checklist_score *list = NULL;
    size_t n = 0, cap = 0;
    int rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        review_checklist_score *s = grow((void **)&list, &n, &cap, sizeof *s);
        if (s == NULL || (s->checklist_id = review_db_column(st, 0)) == NULL ||
            (s->digest = review_db_column(st, 4)) == NULL) {
            rc = error_set(err, "out of memory");
            break;
        }
        s->points = sqlite3_column_double(st, 1);
        s->max_points = sqlite3_column_double(st, 2);
        s->percent = s->max_points > 0 ? 100.0 * s->points / s->max_points : 0;
        s->findings = sqlite3_column_int64(st, 3);
        s->nonstandard = sqlite3_column_int(st, 5) != 0;
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = fail(db, err);
    sqlite3_finalize(st);
    if (rc != 0) {
        review_checklist_scores_free(list, n);
        return -1;
    }
    *out = list;
    *count = n;
    return 0;
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
        return fail(db, err);
    review_db_bind_text(st, 1, unit);
    review_db_bind_text(st, 2, prof);
    review_db_bind_text(st, 3, period_a);
    review_db_bind_text(st, 4, period_b);
    review_item_diff *list = NULL;
    size_t n = 0, cap = 0;
    int rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        review_item_diff *d = grow((void **)&list, &n, &cap, sizeof *d);
        char **const slots[] = {&d->checklist_id, &d->item_id, &d->system_id, &d->question_zh};
        if (d == NULL || !columns(st, 0, slots, 4)) {
            rc = error_set(err, "out of memory");
            break;
        }
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
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = fail(db, err);
    sqlite3_finalize(st);
    if (rc != 0) {
        review_item_diffs_free(list, n);
        return -1;
    }
    *out = list;
    *count = n;
    return 0;
}
