/* report_read_sqlite.c: the SQLite half of the report reader (see
 * report_read_sqlite.h and docs/report-format.md).
 *
 * The bytes are opened as a private read-only in-memory copy with SQLite's
 * defensive settings, no triggers and no views, the way SQLite recommends
 * for files from elsewhere; the caller has checked the signature first. */
#include "report_read_sqlite.h"
#include "error.h"
#include "i18n.h"
#include "report_format.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>


static char *column_text(sqlite3_stmt *st, int c)
{
    const unsigned char *text = sqlite3_column_text(st, c);
    return strdup(text ? (const char *)text : "");
}

/* What SQLite's error means for a report, in the user's language, from its
 * error code (its English message only for the rare causes). */
static const char *db_reason(sqlite3 *db)
{
    switch (sqlite3_errcode(db) & 0xff) {
    case SQLITE_NOMEM:
        return _("out of memory");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return _("the file is damaged or is not a SQLite database");
    case SQLITE_ERROR:
        /* a table or column a report has is missing */
        return _("its tables are not those of a selfcheck report");
    default:
        return sqlite3_errmsg(db);
    }
}

/* A private read-only in-memory copy of the database, opened the way
 * SQLite recommends for files from elsewhere. */
static int open_copy(const void *data, size_t len, sqlite3 **out, char **err)
{
    *out = NULL;
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return error_set(err, "%s", _("SQLite: cannot open an in-memory database"));
    }
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 16 * 1024 * 1024);
    sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 100000);
    unsigned char *copy = sqlite3_malloc64(len);
    if (copy == NULL) {
        sqlite3_close(db);
        return error_set(err, "%s", _("out of memory"));
    }
    memcpy(copy, data, len);
    /* with FREEONCLOSE SQLite frees the copy, also when this fails */
    if (sqlite3_deserialize(db, "main", copy, (sqlite3_int64)len, (sqlite3_int64)len,
                            SQLITE_DESERIALIZE_READONLY | SQLITE_DESERIALIZE_FREEONCLOSE) != SQLITE_OK) {
        error_set(err, "SQLite: %s", db_reason(db));
        sqlite3_close(db);
        return -1;
    }
    *out = db;
    return 0;
}

/* The single integer a PRAGMA returns, or -1 with *err. */
static int pragma_int(sqlite3 *db, const char *sql, long long *value, char **err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return error_set(err, "SQLite: %s", db_reason(db));
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : error_set(err, "SQLite: %s", db_reason(db));
    if (rc == 0)
        *value = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc;
}

static int sqlite_check(sqlite3 *db, char **err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK)
        return error_set(err, "SQLite: %s", db_reason(db));
    int rc = sqlite3_step(st);
    const unsigned char *first = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
    bool ok = first && strcmp((const char *)first, "ok") == 0;
    if (!ok)
        error_set(err, _("damaged database: %s"), first ? (const char *)first : db_reason(db));
    sqlite3_finalize(st);
    if (!ok)
        return -1;
    long long app = 0, version = 0;
    if (pragma_int(db, "PRAGMA application_id", &app, err) != 0 ||
        pragma_int(db, "PRAGMA user_version", &version, err) != 0)
        return -1;
    if (app != REPORT_SQLITE_APPLICATION_ID)
        return error_set(err, _("a SQLite database, but not a selfcheck report (application_id %lld)"), app);
    if (version < REPORT_FORMAT_VERSION_MIN || version > REPORT_FORMAT_VERSION)
        return error_set(err, _("format version %lld: this selfcheck reads versions %d to %d"), version,
                         REPORT_FORMAT_VERSION_MIN, REPORT_FORMAT_VERSION);
    return 0;
}

static int sqlite_fill_doc(sqlite3 *db, report_doc *doc, char **err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT report_id, unit_code, unit_name, profile, period, assessor, completed_at,"
                           " generated_at, tool_version, signer_key_id, signature_algo, complete, percent,"
                           " grade, grade_zh, verdict, format_version FROM report",
                           -1, &st, NULL) != SQLITE_OK)
        return error_set(err, _("not a selfcheck report: %s"), db_reason(db));
    int rc = 0;
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = error_set(err, "%s", _("the report table is empty"));
    } else {
        char **slots[] = {&doc->report_id, &doc->unit_code, &doc->unit_name, &doc->profile,
                          &doc->period, &doc->assessor, &doc->completed_at, &doc->generated_at,
                          &doc->tool_version, &doc->signer_key_id, &doc->signature_algo};
        int n = (int)(sizeof slots / sizeof slots[0]);
        for (int c = 0; c < n; c++)
            if ((*slots[c] = column_text(st, c)) == NULL)
                rc = error_set(err, "%s", _("out of memory"));
        doc->complete = sqlite3_column_int(st, n) != 0;
        doc->percent = sqlite3_column_double(st, n + 1);
        doc->grade = column_text(st, n + 2);
        doc->grade_zh = column_text(st, n + 3);
        doc->verdict = column_text(st, n + 4);
        doc->format_version = sqlite3_column_int(st, n + 5);
        if (!doc->grade || !doc->grade_zh || !doc->verdict)
            rc = error_set(err, "%s", _("out of memory"));
        if (rc == 0 && sqlite3_step(st) != SQLITE_DONE)
            rc = error_set(err, "%s", _("the report table has more than one row"));
    }
    sqlite3_finalize(st);
    return rc;
}

static int sqlite_fill_items(sqlite3 *db, report_doc *doc, char **err)
{
    long long count = 0;
    if (pragma_int(db, "SELECT count(*) FROM items", &count, err) != 0)
        return -1;
    if (count <= 0)
        return error_set(err, "%s", _("the report lists no items"));
    doc->items = calloc((size_t)count, sizeof *doc->items);
    if (doc->items == NULL)
        return error_set(err, "%s", _("out of memory"));
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           doc->format_version >= 2 ?
                           "SELECT i.checklist_id, c.version, i.item_id, i.system_id, i.system_name,"
                           " i.question_zh, i.severity, i.weight, i.state, i.answer, i.answer_text,"
                           " i.score, i.max_score, i.finding, i.note, i.remediation_owner,"
                           " i.remediation_due, c.digest FROM items i LEFT JOIN checklists c"
                           " ON c.checklist_id = i.checklist_id ORDER BY i.seq" :
                           "SELECT i.checklist_id, c.version, i.item_id, i.system_id, i.system_name,"
                           " i.question_zh, i.severity, i.weight, i.state, i.answer, i.answer_text,"
                           " i.score, i.max_score, i.finding, i.note, i.remediation_owner,"
                           " i.remediation_due, '' FROM items i LEFT JOIN checklists c"
                           " ON c.checklist_id = i.checklist_id ORDER BY i.seq",
                           -1, &st, NULL) != SQLITE_OK)
        return error_set(err, _("not a selfcheck report: %s"), db_reason(db));
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        if (doc->item_count == (size_t)count) {
            rc = error_set(err, "%s", _("the items table changed while read"));
            break;
        }
        report_item *it = &doc->items[doc->item_count++];
        it->checklist_id = column_text(st, 0);
        it->checklist_version = sqlite3_column_int(st, 1);
        it->item_id = column_text(st, 2);
        it->system_id = column_text(st, 3);
        it->system_name = column_text(st, 4);
        it->question_zh = column_text(st, 5);
        it->severity = column_text(st, 6);
        it->weight = sqlite3_column_double(st, 7);
        it->state = column_text(st, 8);
        it->answer = column_text(st, 9);
        it->answer_text = column_text(st, 10);
        it->scored = sqlite3_column_type(st, 11) != SQLITE_NULL;
        it->score = sqlite3_column_double(st, 11);
        it->max_score = sqlite3_column_double(st, 12);
        it->finding = sqlite3_column_int(st, 13) != 0;
        it->note = column_text(st, 14);
        it->owner = column_text(st, 15);
        it->due = column_text(st, 16);
        it->checklist_digest = column_text(st, 17);
        if (sqlite3_column_type(st, 1) == SQLITE_NULL)
            rc = error_set(err, _("item %zu: its checklist is not in the checklists table"), doc->item_count);
        else if (!it->checklist_id || !it->item_id || !it->system_id || !it->system_name ||
                 !it->question_zh || !it->severity || !it->state || !it->answer || !it->answer_text ||
                 !it->note || !it->owner || !it->due || !it->checklist_digest)
            rc = error_set(err, "%s", _("out of memory"));
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = error_set(err, "SQLite: %s", db_reason(db));
    sqlite3_finalize(st);
    return rc;
}

int report_sqlite_read(const void *data, size_t len, report_doc *doc, char **err)
{
    sqlite3 *db;
    if (open_copy(data, len, &db, err) != 0)
        return -1;
    int rc = -1;
    if (sqlite_check(db, err) == 0 && sqlite_fill_doc(db, doc, err) == 0 && sqlite_fill_items(db, doc, err) == 0 &&
        (doc->format_version < 3 ||
         report_forms_sqlite_read(db, &doc->form_values, &doc->form_value_count, err) == 0) &&
        (doc->format_version < 4 ||
         report_incidents_sqlite_read(db, &doc->incidents, &doc->incident_count, err) == 0))
        rc = 0;
    sqlite3_close(db);
    return rc;
}

