/* review_followup.c: remediation follow-up, the items most often failed and
 * the periods not reported (see review_query.h).
 *
 * A finding is followed through a unit's reports of one profile: it is
 * carried while the unit's next report still has it as a finding, resolved
 * when the next report no longer does, and overdue while it is still a
 * finding after its due date (the earliest date the unit gave for it). */
#include "review_query.h"
#include "review_db_internal.h"
#include "error.h"
#include "i18n.h"
#include "profile.h"

#include <stdlib.h>
#include <string.h>

#define CURRENT                                                                                          \
    "WITH cur AS (SELECT r.*, LEAD(r.id) OVER w AS next_id, LEAD(r.period) OVER w AS next_period"        \
    " FROM reports r WHERE r.superseded_by IS NULL"                                                      \
    " WINDOW w AS (PARTITION BY r.unit_code, r.profile ORDER BY r.period)) "

#define MISSING_MAX 12

static int set_text(char **slot, const unsigned char *text)
{
    free(*slot);
    *slot = strdup(text ? (const char *)text : "");
    return *slot ? 0 : -1;
}

/* ---- follow-up ---- */

static void finding_clear(review_finding *f)
{
    char *all[] = {f->unit_code, f->unit_name, f->profile, f->checklist_id, f->item_id, f->system_id,
                   f->question_zh, f->severity, f->owner, f->due, f->note, f->first_period, f->last_period,
                   f->resolved_in};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        free(all[i]);
}

void review_findings_free(review_finding *f, size_t count)
{
    for (size_t i = 0; f && i < count; i++)
        finding_clear(&f[i]);
    free(f);
}

int review_findings(review_db *db, const char *unit, bool overdue_only, const char *today, review_finding **out,
                    size_t *count, char **err)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn,
                           CURRENT
                           "SELECT cur.unit_code, coalesce(u.name, cur.unit_name), cur.profile, f.checklist_id,"
                           " f.item_id, f.system_id, f.question_zh, f.severity, f.owner, f.due, f.note, cur.period,"
                           " coalesce(cur.next_period, ''), cur.next_id IS NOT NULL AND EXISTS (SELECT 1 FROM items g"
                           "  WHERE g.report = cur.next_id AND g.finding = 1 AND g.checklist_id = f.checklist_id"
                           "  AND g.item_id = f.item_id AND g.system_id = f.system_id), "
                           REVIEW_NONSTANDARD("cur.id", "f.checklist_id")
                           " FROM cur JOIN items f ON f.report = cur.id LEFT JOIN units u ON u.code = cur.unit_code"
                           " WHERE f.finding = 1 AND (?1 IS NULL OR cur.unit_code = ?1)"
                           " ORDER BY cur.unit_code, cur.profile, f.checklist_id, f.item_id, f.system_id, cur.period",
                           -1, &st, NULL) != SQLITE_OK)
        return review_db_read_fail(db, err);
    if (unit != NULL)
        review_db_bind_text(st, 1, unit);
    review_finding *list = NULL;
    size_t n = 0, cap = 0;
    review_finding *chain = NULL;   /* the finding being followed, not yet ended */
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const unsigned char *due = sqlite3_column_text(st, 9);
        if (chain == NULL) {
            if ((chain = calloc(1, sizeof *chain)) == NULL) {
                rc = error_set(err, _("out of memory"));
                break;
            }
            char **const first[] = {&chain->unit_code, &chain->unit_name, &chain->profile, &chain->checklist_id,
                                    &chain->item_id, &chain->system_id, &chain->question_zh, &chain->severity};
            for (int c = 0; c < 8 && rc == 0; c++)
                rc = set_text(first[c], sqlite3_column_text(st, c));
            rc |= set_text(&chain->first_period, sqlite3_column_text(st, 11));
            rc |= set_text(&chain->due, (const unsigned char *)"");
        }
        /* the latest report's owner and note; the earliest due date */
        rc |= set_text(&chain->owner, sqlite3_column_text(st, 8));
        rc |= set_text(&chain->note, sqlite3_column_text(st, 10));
        rc |= set_text(&chain->last_period, sqlite3_column_text(st, 11));
        chain->nonstandard |= sqlite3_column_int(st, 14) != 0;
        if (rc == 0 && due != NULL && due[0] != '\0' && (chain->due[0] == '\0' || strcmp((const char *)due, chain->due) < 0))
            rc = set_text(&chain->due, due);
        if (rc != 0) {
            rc = error_set(err, _("out of memory"));
            break;
        }
        if (sqlite3_column_int(st, 13) != 0)
            continue;   /* carried into the next report: the next row goes on with it */
        const unsigned char *next = sqlite3_column_text(st, 12);
        if (set_text(&chain->resolved_in, next) != 0) {
            rc = error_set(err, _("out of memory"));
            break;
        }
        chain->status = chain->resolved_in[0] != '\0'                              ? REVIEW_FINDING_RESOLVED
                      : chain->due[0] != '\0' && strcmp(chain->due, today) < 0 ? REVIEW_FINDING_OVERDUE
                                                                                 : REVIEW_FINDING_OPEN;
        if (!overdue_only || chain->status == REVIEW_FINDING_OVERDUE) {
            review_finding *slot = review_grow((void **)&list, &n, &cap, sizeof *slot);
            if (slot == NULL) {
                rc = error_set(err, _("out of memory"));
                break;
            }
            *slot = *chain;
            free(chain);
        } else {
            finding_clear(chain);
            free(chain);
        }
        chain = NULL;
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = review_db_read_fail(db, err);
    sqlite3_finalize(st);
    if (chain != NULL) {
        finding_clear(chain);
        free(chain);
    }
    if (rc != 0) {
        review_findings_free(list, n);
        return -1;
    }
    *out = list;
    *count = n;
    return 0;
}

/* ---- items most often failed ---- */

void review_item_counts_free(review_item_count *c, size_t count)
{
    for (size_t i = 0; c && i < count; i++) {
        free(c[i].checklist_id);
        free(c[i].item_id);
        free(c[i].question_zh);
        for (long u = 0; c[i].units && u < c[i].failing; u++)
            free(c[i].units[u]);
        free(c[i].units);
    }
    free(c);
}

static int cmp_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Splits the comma-separated unit codes (which hold no comma) into *units. */
static int split_units(const char *list, long expected, char ***units)
{
    *units = calloc((size_t)expected + 1, sizeof **units);
    if (*units == NULL)
        return -1;
    long n = 0;
    const char *p = list ? list : "";
    while (*p && n < expected) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (((*units)[n++] = strndup(p, len)) == NULL)
            return -1;
        p += len + (end != NULL);
    }
    qsort(*units, (size_t)n, sizeof **units, cmp_text);
    return n == expected ? 0 : -1;
}

static void item_counts_free(void *list, size_t count)
{
    review_item_counts_free(list, count);
}

static int item_count_row(sqlite3_stmt *st, void *element, void *ctx)
{
    (void)ctx;
    review_item_count *c = element;
    char **const text[] = {&c->checklist_id, &c->item_id, &c->question_zh};
    if (review_db_columns(st, NULL, text, 3) != 0)
        return -1;
    c->failing = sqlite3_column_int64(st, 3);
    c->reporting = sqlite3_column_int64(st, 4);
    c->nonstandard = sqlite3_column_int64(st, 6);
    return split_units((const char *)sqlite3_column_text(st, 5), c->failing, &c->units);
}

int review_items_failed(review_db *db, const char *period, review_item_count **out, size_t *count, char **err)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn,
                           CURRENT
                           "SELECT f.checklist_id, f.item_id, max(f.question_zh),"
                           " count(DISTINCT CASE WHEN f.finding = 1 THEN cur.unit_code END),"
                           " count(DISTINCT cur.unit_code),"
                           " group_concat(DISTINCT CASE WHEN f.finding = 1 THEN cur.unit_code END),"
                           " count(DISTINCT CASE WHEN f.finding = 1 AND "
                           REVIEW_NONSTANDARD("cur.id", "f.checklist_id") " THEN cur.unit_code END)"
                           " FROM cur JOIN items f ON f.report = cur.id"
                           " WHERE (?1 IS NULL AND cur.next_id IS NULL) OR cur.period = ?1"
                           " GROUP BY f.checklist_id, f.item_id HAVING count(DISTINCT CASE WHEN f.finding = 1"
                           " THEN cur.unit_code END) > 0 ORDER BY 4 DESC, 1, 2",
                           -1, &st, NULL) != SQLITE_OK)
        return review_db_read_fail(db, err);
    if (period != NULL)
        review_db_bind_text(st, 1, period);
    void *list;
    int rc = review_collect(db, st, sizeof(review_item_count), item_count_row, NULL, item_counts_free, &list, count,
                            err);
    *out = list;
    return rc;
}

/* ---- periods not reported ---- */

void review_missing_free(review_missing *m, size_t count)
{
    for (size_t i = 0; m && i < count; i++) {
        free(m[i].unit_code);
        free(m[i].unit_name);
        free(m[i].profile);
        free(m[i].period);
        free(m[i].last_reported);
    }
    free(m);
}

/* The periods of p whose due date passed by today, newest first (at most
 * MISSING_MAX). Returns the count; out[] holds new strings. */
static size_t due_periods(profile p, const char *today, const schedule *s, char **out, char dues[][11])
{
    char *period = NULL;
    if (period_current(p, today, &period, NULL) != 0)
        return 0;
    size_t n = 0;
    /* the current period may be due already; the ones before it are */
    for (int steps = 0; period != NULL && n < MISSING_MAX && steps < MISSING_MAX + 3; steps++) {
        char due[11];
        char *prev = period_previous(p, period);
        if (period_due_date(p, period, s, due) == 0 && strcmp(due, today) < 0) {
            memcpy(dues[n], due, sizeof due);
            out[n++] = period;
        } else {
            free(period);
        }
        period = prev;
    }
    free(period);
    return n;
}

/* The unit's reported periods of a profile, sorted. */
static int reported_periods(review_db *db, sqlite3_stmt *st, const char *unit, const char *prof, char ***out,
                            size_t *count)
{
    *out = NULL;
    *count = 0;
    size_t cap = 0;
    sqlite3_reset(st);
    review_db_bind_text(st, 1, unit);
    review_db_bind_text(st, 2, prof);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        char **slot = review_grow((void **)out, count, &cap, sizeof *slot);
        if (slot == NULL || set_text(slot, sqlite3_column_text(st, 0)) != 0)
            return -1;
    }
    (void)db;
    return step == SQLITE_DONE ? 0 : -1;
}

static void strings_free(char **list, size_t n)
{
    for (size_t i = 0; list && i < n; i++)
        free(list[i]);
    free(list);
}

/* Adds the missing periods of one unit and profile. */
static int unit_missing(const char *code, const char *name, profile p, char **reported, size_t reported_count,
                        char **due_list, char dues[][11], size_t due_count, review_missing **list, size_t *n,
                        size_t *cap)
{
    const char *first = reported_count ? reported[0] : NULL;
    const char *last = reported_count ? reported[reported_count - 1] : "";
    /* oldest first */
    for (size_t k = due_count; k-- > 0;) {
        const char *period = due_list[k];
        bool missing;
        if (first == NULL)
            missing = k == 0;   /* never reported: only the latest period due */
        else
            missing = strcmp(period, first) > 0 &&
                      bsearch(&period, reported, reported_count, sizeof *reported, cmp_text) == NULL;
        if (!missing)
            continue;
        review_missing *m = review_grow((void **)list, n, cap, sizeof *m);
        if (m == NULL)
            return -1;
        memcpy(m->due, dues[k], sizeof m->due);
        m->unit_code = strdup(code);
        m->unit_name = strdup(name);
        m->profile = strdup(profile_name(p));
        m->period = strdup(period);
        m->last_reported = strdup(last);
        if (!m->unit_code || !m->unit_name || !m->profile || !m->period || !m->last_reported)
            return -1;
    }
    return 0;
}

int review_missing_periods(review_db *db, const schedule *s, const char *today, review_missing **out,
                           size_t *count, char **err)
{
    *out = NULL;
    *count = 0;
    static const profile profiles[] = {PROFILE_MONTHLY, PROFILE_HALFYEAR};
    char *due_list[2][MISSING_MAX];
    char dues[2][MISSING_MAX][11];
    size_t due_count[2];
    for (size_t i = 0; i < 2; i++)
        due_count[i] = due_periods(profiles[i], today, s, due_list[i], dues[i]);
    sqlite3_stmt *units = NULL, *periods = NULL;
    review_missing *list = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    if (sqlite3_prepare_v2(db->conn, "SELECT code, name FROM units ORDER BY code", -1, &units, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db->conn,
                           "SELECT DISTINCT period FROM reports WHERE superseded_by IS NULL AND unit_code = ?"
                           " AND profile = ? ORDER BY period", -1, &periods, NULL) != SQLITE_OK) {
        rc = review_db_read_fail(db, err);
        goto done;
    }
    int step;
    while (rc == 0 && (step = sqlite3_step(units)) == SQLITE_ROW) {
        const char *code = (const char *)sqlite3_column_text(units, 0);
        const char *name = (const char *)sqlite3_column_text(units, 1);
        for (size_t i = 0; i < 2 && rc == 0; i++) {
            char **reported;
            size_t reported_count;
            if (reported_periods(db, periods, code, profile_name(profiles[i]), &reported, &reported_count) != 0)
                rc = review_db_read_fail(db, err);
            else if (unit_missing(code ? code : "", name ? name : "", profiles[i], reported, reported_count,
                                  due_list[i], dues[i], due_count[i], &list, &n, &cap) != 0)
                rc = error_set(err, _("out of memory"));
            strings_free(reported, reported_count);
        }
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = review_db_read_fail(db, err);
done:
    sqlite3_finalize(units);
    sqlite3_finalize(periods);
    for (size_t i = 0; i < 2; i++)
        for (size_t k = 0; k < due_count[i]; k++)
            free(due_list[i][k]);
    if (rc != 0) {
        review_missing_free(list, n);
        return -1;
    }
    *out = list;
    *count = n;
    return 0;
}
