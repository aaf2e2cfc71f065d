/* report_sqlite.c: the SQLite half of the report writer (see
 * report_sqlite.h and docs/report-format.md). The database is built in
 * memory and serialised, so no temporary file holds an unsigned report: the
 * bytes are signed and then written like the CSV's. The annex forms' table
 * is report_forms.c's. */
#include "report_sqlite.h"
#include "answer.h"
#include "error.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

static const char report_schema[] =
    "CREATE TABLE report ("
    " format_version INTEGER NOT NULL, report_id TEXT NOT NULL,"
    " unit_code TEXT NOT NULL, unit_name TEXT NOT NULL, profile TEXT NOT NULL, period TEXT NOT NULL,"
    " assessor TEXT NOT NULL, completed_at TEXT, generated_at TEXT NOT NULL, tool_version TEXT NOT NULL,"
    " signer_key_id TEXT NOT NULL, signature_algo TEXT NOT NULL, complete INTEGER NOT NULL,"
    " points REAL NOT NULL, max_points REAL NOT NULL, percent REAL NOT NULL,"
    " grade TEXT, grade_zh TEXT, verdict TEXT NOT NULL,"
    " asked INTEGER NOT NULL, answered INTEGER NOT NULL, findings INTEGER NOT NULL,"
    " critical_failures INTEGER NOT NULL);"
    "CREATE TABLE checklists ("
    " checklist_id TEXT PRIMARY KEY, version INTEGER NOT NULL, digest TEXT NOT NULL, title_zh TEXT NOT NULL,"
    " title_en TEXT NOT NULL, points REAL NOT NULL, max_points REAL NOT NULL, percent REAL NOT NULL,"
    " asked INTEGER NOT NULL, answered INTEGER NOT NULL, findings INTEGER NOT NULL);"
    "CREATE TABLE items ("
    " seq INTEGER PRIMARY KEY, checklist_id TEXT NOT NULL REFERENCES checklists(checklist_id),"
    " item_id TEXT NOT NULL, system_id TEXT NOT NULL, system_name TEXT NOT NULL,"
    " question_zh TEXT NOT NULL, question_en TEXT NOT NULL, source TEXT NOT NULL,"
    " type TEXT NOT NULL, severity TEXT NOT NULL, weight REAL NOT NULL, state TEXT NOT NULL,"
    " answer TEXT NOT NULL, answer_text TEXT NOT NULL, score REAL, max_score REAL,"
    " finding INTEGER NOT NULL, critical_failure INTEGER NOT NULL,"
    " note TEXT NOT NULL, remediation_owner TEXT NOT NULL, remediation_due TEXT NOT NULL,"
    " UNIQUE (checklist_id, item_id, system_id));"
    "CREATE VIEW findings AS SELECT seq, checklist_id, item_id, system_id, system_name,"
    " question_zh, severity, answer, answer_text, score, max_score, critical_failure,"
    " note, remediation_owner, remediation_due FROM items WHERE finding = 1 ORDER BY seq;";

static int sql_fail(sqlite3 *db, char **err)
{
    return error_set(err, "SQLite: %s", db ? sqlite3_errmsg(db) : _("out of memory"));
}

static int bind_text(sqlite3_stmt *st, int index, const char *text)
{
    return sqlite3_bind_text(st, index, text ? text : "", -1, SQLITE_TRANSIENT);
}

static int bind_real_or_null(sqlite3_stmt *st, int index, bool present, double value)
{
    return present ? sqlite3_bind_double(st, index, value) : sqlite3_bind_null(st, index);
}

/* Runs a prepared insert and resets it; SQLITE_DONE means success. */
static int step_reset(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int insert_report(sqlite3 *db, const report_ctx *cx)
{
    const session *s = cx->s;
    const score_result *r = s->score;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT INTO report VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    int k = 1;
    sqlite3_bind_int(st, k++, REPORT_FORMAT_VERSION);
    bind_text(st, k++, cx->report_id);
    bind_text(st, k++, s->assessment->unit_code);
    bind_text(st, k++, s->cfg->unit_name);
    bind_text(st, k++, profile_name(s->assessment->profile));
    bind_text(st, k++, s->assessment->period);
    bind_text(st, k++, cx->assessor);
    if (s->assessment->completed_at)
        bind_text(st, k++, s->assessment->completed_at);
    else
        sqlite3_bind_null(st, k++);
    bind_text(st, k++, cx->generated_at);
    bind_text(st, k++, SELFCHECK_VERSION);
    bind_text(st, k++, cx->key_id);
    bind_text(st, k++, cx->algo);
    sqlite3_bind_int(st, k++, r->complete);
    sqlite3_bind_double(st, k++, r->points);
    sqlite3_bind_double(st, k++, r->max);
    sqlite3_bind_double(st, k++, r->percent);
    if (r->grade) {
        bind_text(st, k++, r->grade->name);
        bind_text(st, k++, r->grade->label_zh);
    } else {
        sqlite3_bind_null(st, k++);
        sqlite3_bind_null(st, k++);
    }
    bind_text(st, k++, cx->verdict);
    sqlite3_bind_int64(st, k++, (sqlite3_int64)r->asked);
    sqlite3_bind_int64(st, k++, (sqlite3_int64)r->answered);
    sqlite3_bind_int64(st, k++, (sqlite3_int64)r->findings);
    sqlite3_bind_int64(st, k++, (sqlite3_int64)r->critical_failures);
    int rc = step_reset(st);
    sqlite3_finalize(st);
    return rc;
}

static int insert_checklists(sqlite3 *db, const report_ctx *cx)
{
    const score_result *r = cx->s->score;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT INTO checklists VALUES (?,?,?,?,?,?,?,?,?,?,?)", -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = 0;
    for (size_t l = 0; l < r->list_count && rc == 0; l++) {
        const checklist_score *cs = &r->lists[l];
        if (cs->list == NULL)   /* no instance of this checklist in the plan */
            continue;
        int k = 1;
        bind_text(st, k++, cs->list->id);
        sqlite3_bind_int(st, k++, cs->list->version);
        bind_text(st, k++, report_ctx_digest(cx, cs->list));
        bind_text(st, k++, cs->list->title_zh);
        bind_text(st, k++, cs->list->title_en);
        sqlite3_bind_double(st, k++, cs->points);
        sqlite3_bind_double(st, k++, cs->max);
        sqlite3_bind_double(st, k++, cs->percent);
        sqlite3_bind_int64(st, k++, (sqlite3_int64)cs->asked);
        sqlite3_bind_int64(st, k++, (sqlite3_int64)cs->answered);
        sqlite3_bind_int64(st, k++, (sqlite3_int64)cs->findings);
        rc = step_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

static int insert_items(sqlite3 *db, const report_ctx *cx)
{
    const session *s = cx->s;
    const score_result *r = s->score;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT INTO items VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = 0;
    sqlite3_int64 seq = 0;
    for (size_t i = 0; i < r->count && rc == 0; i++) {
        const instance_score *sc = &r->instances[i];
        if (sc->state == STATE_HIDDEN)
            continue;
        const instance *in = &s->plan->items[i];
        char *cells[REPORT_COL_COUNT] = {0};
        if (report_row_cells(cx, i, cells) != 0) {
            report_cells_free(cells);
            rc = -1;
            break;
        }
        bool scored = sc->state == STATE_ANSWERED;
        int k = 1;
        sqlite3_bind_int64(st, k++, ++seq);
        bind_text(st, k++, in->list->id);
        bind_text(st, k++, in->item->id);
        bind_text(st, k++, in->system_id);
        bind_text(st, k++, in->system_name);
        bind_text(st, k++, in->item->question_zh);
        bind_text(st, k++, in->item->question_en);
        bind_text(st, k++, in->item->source);
        bind_text(st, k++, answer_type_name(in->item->type));
        bind_text(st, k++, cells[REPORT_COL_SEVERITY]);
        sqlite3_bind_double(st, k++, in->item->weight);
        bind_text(st, k++, cells[REPORT_COL_STATE]);
        bind_text(st, k++, cells[REPORT_COL_ANSWER]);
        bind_text(st, k++, cells[REPORT_COL_ANSWER_TEXT]);
        bind_real_or_null(st, k++, scored, sc->points);
        bind_real_or_null(st, k++, scored, sc->max);
        sqlite3_bind_int(st, k++, sc->finding);
        sqlite3_bind_int(st, k++, sc->critical_failure);
        bind_text(st, k++, cells[REPORT_COL_NOTE]);
        bind_text(st, k++, cells[REPORT_COL_REMEDIATION_OWNER]);
        bind_text(st, k++, cells[REPORT_COL_REMEDIATION_DUE]);
        rc = step_reset(st);
        report_cells_free(cells);
    }
    sqlite3_finalize(st);
    return rc;
}

int report_sqlite_render(const report_ctx *cx, char **out, size_t *len, char **err)
{
    *out = NULL;
    *len = 0;
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        sql_fail(db, err);
        sqlite3_close(db);
        return -1;
    }
    char pragmas[160];
    snprintf(pragmas, sizeof pragmas, "PRAGMA application_id = %d; PRAGMA user_version = %d;",
             REPORT_SQLITE_APPLICATION_ID, REPORT_FORMAT_VERSION);
    int rc = -1;
    if (sqlite3_exec(db, pragmas, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, report_schema, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, report_forms_sqlite_schema, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, report_incidents_sqlite_schema, NULL, NULL, NULL) != SQLITE_OK ||
        insert_report(db, cx) != 0 || insert_checklists(db, cx) != 0 || insert_items(db, cx) != 0 ||
        report_forms_sqlite_write(db, cx->forms) != 0 || report_incidents_sqlite_write(db, cx->incidents) != 0 ||
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        sql_fail(db, err);
    } else {
        sqlite3_int64 size = 0;
        unsigned char *bytes = sqlite3_serialize(db, "main", &size, 0);
        char *copy = bytes && size > 0 ? malloc((size_t)size) : NULL;
        if (copy == NULL) {
            error_set(err, _("out of memory"));
        } else {
            memcpy(copy, bytes, (size_t)size);
            /* the file format of a database on disk with a rollback journal
             * (bytes 18 and 19: 1), as any SQLite opens it */
            copy[18] = copy[19] = 1;
            *out = copy;
            *len = (size_t)size;
            rc = 0;
        }
        sqlite3_free(bytes);
    }
    sqlite3_close(db);
    return rc;
}
