/* review_period.c: one period of one check for the review screen, and a
 * unit's trend (see review_period.h).
 *
 * The screen's first page must come up at once on ten thousand units of
 * twelve periods, so this never evaluates the window functions of
 * review_query.c over the whole reports table: each unit's report of the
 * period and of the period just before are two look-ups in the index on
 * (unit_code, profile, period). */
#include "review_period.h"
#include "review_db_internal.h"
#include "error.h"
#include "i18n.h"
#include "period.h"
#include "profile.h"

#include <stdlib.h>
#include <string.h>

void review_slots_free(review_slot *s, size_t count)
{
    for (size_t i = 0; s && i < count; i++) {
        free(s[i].unit_code);
        free(s[i].unit_name);
        free(s[i].grade);
        free(s[i].grade_zh);
        free(s[i].verdict);
        free(s[i].last_reported);
        free(s[i].nonstandard);
    }
    free(s);
}

static void slots_free(void *list, size_t count)
{
    review_slots_free(list, count);
}

static int slot_row(sqlite3_stmt *st, void *element, void *ctx)
{
    (void)ctx;
    review_slot *s = element;
    char **const text[] = {&s->unit_code, &s->unit_name, &s->grade, &s->grade_zh, &s->verdict,
                           &s->last_reported, &s->nonstandard};
    static const int col[] = {0, 1, 4, 5, 6, 11, 12};
    if (review_db_columns(st, col, text, sizeof col / sizeof col[0]) != 0)
        return -1;
    s->reported = sqlite3_column_int(st, 2) != 0;
    s->percent = sqlite3_column_double(st, 3);
    s->complete = sqlite3_column_int(st, 7) != 0;
    s->has_change = s->reported && sqlite3_column_int(st, 8) != 0;
    s->change = s->has_change ? s->percent - sqlite3_column_double(st, 9) : 0;
    s->key_revoked = sqlite3_column_int(st, 10) != 0;
    return 0;
}

int review_period_slots(review_db *db, const char *prof, const char *period, review_slot **out, size_t *count,
                        char **err)
{
    *out = NULL;
    *count = 0;
    profile p;
    if (profile_parse(prof, &p) != 0 || p == PROFILE_CHANGE)
        return error_set(err, _("the review table shows monthly and half-year checks, not '%s'"), prof);
    char *prev = period_previous(p, period);
    if (prev == NULL)
        return error_set(err, _("'%s' is not a %s period"), period, prof);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn,
                           "SELECT u.code, u.name, r.id IS NOT NULL, r.percent, r.grade, r.grade_zh, r.verdict,"
                           " r.complete, q.id IS NOT NULL, q.percent,"
                           " (SELECT k.revoked_at IS NOT NULL FROM keys k WHERE k.key_id = r.signer_key_id),"
                           " CASE WHEN r.id IS NULL THEN (SELECT max(x.period) FROM reports x"
                           "  WHERE x.unit_code = u.code AND x.profile = ?1 AND x.period < ?2"
                           "  AND x.superseded_by IS NULL) END, r.nonstandard"
                           " FROM units u"
                           " LEFT JOIN reports r ON r.unit_code = u.code AND r.profile = ?1 AND r.period = ?2"
                           "  AND r.superseded_by IS NULL"
                           " LEFT JOIN reports q ON q.unit_code = u.code AND q.profile = ?1 AND q.period = ?3"
                           "  AND q.superseded_by IS NULL"
                           " ORDER BY u.code",
                           -1, &st, NULL) != SQLITE_OK) {
        free(prev);
        return review_db_read_fail(db, err);
    }
    review_db_bind_text(st, 1, prof);
    review_db_bind_text(st, 2, period);
    review_db_bind_text(st, 3, prev);
    void *list;
    int rc = review_collect(db, st, sizeof(review_slot), slot_row, NULL, slots_free, &list, count, err);
    free(prev);
    *out = list;
    return rc;
}

int review_first_period(review_db *db, const char *prof, char **out, char **err)
{
    *out = NULL;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn, "SELECT min(period) FROM reports WHERE profile = ? AND superseded_by IS NULL",
                           -1, &st, NULL) != SQLITE_OK)
        return review_db_read_fail(db, err);
    review_db_bind_text(st, 1, prof);
    int rc = 0, step = sqlite3_step(st);
    if (step == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
        if ((*out = review_db_column(st, 0)) == NULL)
            rc = error_set(err, _("out of memory"));
    } else if (step != SQLITE_ROW && step != SQLITE_DONE) {
        rc = review_db_read_fail(db, err);
    }
    sqlite3_finalize(st);
    return rc;
}

void review_points_free(review_point *p, size_t count)
{
    for (size_t i = 0; p && i < count; i++) {
        free(p[i].period);
        free(p[i].grade);
        free(p[i].grade_zh);
        free(p[i].verdict);
        free(p[i].nonstandard);
    }
    free(p);
}

static void points_free(void *list, size_t count)
{
    review_points_free(list, count);
}

static int point_row(sqlite3_stmt *st, void *element, void *ctx)
{
    (void)ctx;
    review_point *pt = element;
    pt->percent = sqlite3_column_double(st, 1);
    pt->complete = sqlite3_column_int(st, 5) != 0;
    pt->key_revoked = sqlite3_column_int(st, 6) != 0;
    char **const text[] = {&pt->period, &pt->grade, &pt->grade_zh, &pt->verdict, &pt->nonstandard};
    static const int col[] = {0, 2, 3, 4, 7};
    return review_db_columns(st, col, text, sizeof col / sizeof col[0]);
}

int review_unit_trend(review_db *db, const char *unit, const char *prof, review_point **out, size_t *count,
                      char **err)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn,
                           "SELECT r.period, r.percent, r.grade, r.grade_zh, r.verdict, r.complete,"
                           " (SELECT k.revoked_at IS NOT NULL FROM keys k WHERE k.key_id = r.signer_key_id),"
                           " r.nonstandard FROM reports r WHERE r.unit_code = ? AND r.profile = ?"
                           " AND r.superseded_by IS NULL ORDER BY r.period",
                           -1, &st, NULL) != SQLITE_OK)
        return review_db_read_fail(db, err);
    review_db_bind_text(st, 1, unit);
    review_db_bind_text(st, 2, prof);
    void *list;
    int rc = review_collect(db, st, sizeof(review_point), point_row, NULL, points_free, &list, count, err);
    *out = list;
    return rc;
}
