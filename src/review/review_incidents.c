/* review_incidents.c: the incidents of imported reports (see
 * review_incidents.h): stored with their report at import, listed from the
 * current reports.
 *
 * The status and the limits missed are taken once, at import, from what the
 * report says (report_incident_status, report_incident_missed): they are
 * the unit's signed word at the time it wrote the report, and the review
 * does not measure them again against its own clock or rules. */
#include "review_incidents.h"
#include "review_db_internal.h"
#include "error.h"
#include "i18n.h"
#include "report_incidents.h"
#include "report_read.h"

#include <stdlib.h>
#include <string.h>

void review_incidents_finalize(review_db *db)
{
    sqlite3_finalize(db->insert_incident);
    sqlite3_finalize(db->insert_incident_entry);
    db->insert_incident = db->insert_incident_entry = NULL;
}

static int prepare(review_db *db, char **err)
{
    if (db->insert_incident != NULL)
        return 0;
    if (sqlite3_prepare_v3(db->conn,
                           "INSERT INTO incidents(report, number, title, system_id, system_name, level, warning,"
                           " facts, recorded_at, discovered_at, status, missed, missed_limits)"
                           " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)",
                           -1, SQLITE_PREPARE_PERSISTENT, &db->insert_incident, NULL) != SQLITE_OK ||
        sqlite3_prepare_v3(db->conn,
                           "INSERT INTO incident_entries(report, number, seq, entry, name, at, due, status, clause,"
                           " text) VALUES(?,?,?,?,?,?,?,?,?,?)",
                           -1, SQLITE_PREPARE_PERSISTENT, &db->insert_incident_entry, NULL) != SQLITE_OK) {
        review_db_fail(db, REVIEW_DB_ERROR, err, "prepare the import");
        review_incidents_finalize(db);
        return -1;
    }
    return 0;
}

/* The clauses of the limits missed, "; "-separated. Caller frees; NULL when
 * out of memory. */
static char *missed_clauses(const report_incident *inc)
{
    size_t len = 1;
    for (size_t i = 0; i < inc->entry_count; i++)
        len += strlen(inc->entries[i].clause) + strlen(inc->entries[i].name) + 2;
    char *out = malloc(len);
    if (out == NULL)
        return NULL;
    out[0] = '\0';
    for (size_t i = 0; i < inc->entry_count; i++) {
        const report_incident_entry *e = &inc->entries[i];
        if (e->kind != REPORT_INCIDENT_LIMIT || (strcmp(e->status, "overdue") != 0 && strcmp(e->status, "late") != 0))
            continue;
        if (out[0] != '\0')
            strcat(out, "; ");
        strcat(out, e->clause[0] ? e->clause : e->name);
    }
    return out;
}

static const char *const entry_words[] = {"rule", "event", "limit"};

int review_incidents_store(review_db *db, sqlite3_int64 report, const struct report_doc *doc, char **err)
{
    if (doc->incident_count == 0)
        return 0;
    if (prepare(db, err) != 0)
        return -1;
    for (size_t i = 0; i < doc->incident_count; i++) {
        const report_incident *inc = &doc->incidents[i];
        char *missed = missed_clauses(inc);
        if (missed == NULL)
            return error_set(err, "%s", _("out of memory"));
        sqlite3_stmt *st = db->insert_incident;
        sqlite3_bind_int64(st, 1, report);
        sqlite3_bind_int64(st, 2, inc->number);
        const char *texts[] = {inc->title, inc->system_id, inc->system_name, inc->level, inc->warning, inc->facts,
                               inc->recorded_at, report_incident_discovered(inc), report_incident_status(inc)};
        for (int c = 0; c < 9; c++)
            review_db_bind_text(st, c + 3, texts[c]);
        sqlite3_bind_int64(st, 12, (sqlite3_int64)report_incident_missed(inc));
        review_db_bind_text(st, 13, missed);
        int rc = review_db_run(db, st, err);
        free(missed);
        if (rc != 0)
            return -1;
        for (size_t k = 0; k < inc->entry_count; k++) {
            const report_incident_entry *e = &inc->entries[k];
            st = db->insert_incident_entry;
            sqlite3_bind_int64(st, 1, report);
            sqlite3_bind_int64(st, 2, inc->number);
            sqlite3_bind_int64(st, 3, (sqlite3_int64)k + 1);
            const char *cells[] = {entry_words[e->kind], e->name, e->at, e->due, e->status, e->clause, e->text};
            for (int c = 0; c < 7; c++)
                review_db_bind_text(st, c + 4, cells[c]);
            if (review_db_run(db, st, err) != 0)
                return -1;
        }
    }
    return 0;
}

void review_incidents_free(review_incident *list, size_t count)
{
    for (size_t i = 0; list && i < count; i++) {
        review_incident *r = &list[i];
        char *all[] = {r->unit_code, r->unit_name, r->profile, r->period, r->report_id, r->generated_at, r->title,
                       r->system_id, r->system_name, r->level, r->warning, r->facts, r->discovered_at, r->status,
                       r->missed_limits};
        for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
            free(all[k]);
    }
    free(list);
}

int review_incidents_list(review_db *db, const char *unit, const char *period, review_incident **out,
                          size_t *count, char **err)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st;
    /* of the current reports (of the period, when given), each incident
     * from the latest report carrying it */
    if (sqlite3_prepare_v2(db->conn,
                           "WITH src AS (SELECT r.unit_code, r.unit_name, r.profile, r.period, r.report_id,"
                           " r.generated_at, i.*, row_number() OVER (PARTITION BY r.unit_code, i.number"
                           " ORDER BY r.generated_at DESC, r.report_id DESC) AS k"
                           " FROM incidents i JOIN reports r ON r.id = i.report WHERE r.superseded_by IS NULL"
                           " AND (?1 IS NULL OR r.unit_code = ?1) AND (?2 IS NULL OR r.period = ?2))"
                           " SELECT src.unit_code, coalesce(u.name, src.unit_name), src.profile, src.period,"
                           " src.report_id, src.generated_at, src.number, src.title, src.system_id,"
                           " src.system_name, src.level, src.warning, src.facts, src.discovered_at, src.status,"
                           " src.missed, src.missed_limits"
                           " FROM src LEFT JOIN units u ON u.code = src.unit_code WHERE src.k = 1"
                           " ORDER BY src.unit_code, src.number",
                           -1, &st, NULL) != SQLITE_OK)
        return review_db_fail(db, REVIEW_DB_ERROR, err, "read"), -1;
    if (unit != NULL)
        review_db_bind_text(st, 1, unit);
    if (period != NULL)
        review_db_bind_text(st, 2, period);
    review_incident *list = NULL;
    size_t n = 0, cap = 0;
    int rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            size_t c = cap ? 2 * cap : 32;
            review_incident *g = realloc(list, c * sizeof *g);
            if (g == NULL) {
                rc = error_set(err, "%s", _("out of memory"));
                break;
            }
            list = g;
            cap = c;
        }
        review_incident *r = &list[n++];
        memset(r, 0, sizeof *r);
        char **slots[] = {&r->unit_code, &r->unit_name, &r->profile, &r->period, &r->report_id, &r->generated_at};
        bool ok = true;
        for (int c = 0; c < 6; c++)
            ok &= (*slots[c] = review_db_column(st, c)) != NULL;
        r->number = sqlite3_column_int64(st, 6);
        char **more[] = {&r->title, &r->system_id, &r->system_name, &r->level, &r->warning, &r->facts,
                         &r->discovered_at, &r->status};
        for (int c = 0; c < 8; c++)
            ok &= (*more[c] = review_db_column(st, 7 + c)) != NULL;
        r->missed = (long)sqlite3_column_int64(st, 15);
        ok &= (r->missed_limits = review_db_column(st, 16)) != NULL;
        if (!ok) {
            rc = error_set(err, "%s", _("out of memory"));
            break;
        }
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = (review_db_fail(db, REVIEW_DB_ERROR, err, "read"), -1);
    sqlite3_finalize(st);
    if (rc != 0) {
        review_incidents_free(list, n);
        return -1;
    }
    *out = list;
    *count = n;
    return 0;
}
