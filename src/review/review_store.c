/* review_store.c: the review database as an importer (review_import.h).
 *
 * A verified report becomes one row of reports, one row of items per item
 * and one row of report_files per file it was read from. Report ids are
 * unique: the same report again (its CSV twin, a copy on another stick) only
 * adds its file; the same id with other content is refused. Of the reports
 * for one unit, profile and period the newest by generated_at (then report
 * id, so that the order of arrival never matters) is current; the others
 * stay as history, superseded_by pointing at the report current when they
 * were superseded. The checklists a report was answered against are kept
 * with their digests, and the report is marked when one is not official
 * (review_checklists.h). Statements are prepared once per connection: SQLite's
 * cost per row is what limits the writer. */
#include "review_db_internal.h"
#include "error.h"
#include "i18n.h"
#include "period.h"

#include <stdlib.h>
#include <string.h>

void review_store_finalize(review_db *db)
{
    sqlite3_stmt **all[] = {&db->find_file, &db->find_report, &db->insert_report, &db->insert_item, &db->insert_items,
                            &db->insert_file, &db->current, &db->supersede, &db->insert_checklist, &db->mark,
                            &db->insert_form};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        sqlite3_finalize(*all[i]);
        *all[i] = NULL;
    }
    review_incidents_finalize(db);
}

#define ITEM_COLUMNS 19
#define ITEM_INSERT_SQL                                                                                     \
    "INSERT INTO items(report, seq, checklist_id, checklist_version, item_id, system_id, system_name,"      \
    " question_zh, severity, weight, state, answer, answer_text, score, max_score, finding, note, owner,"  \
    " due) VALUES"
/* Item rows inserted by one statement: each statement's step costs SQLite
 * about what a row does, and a report has some 150 rows. */
#define ITEMS_PER_INSERT 25

/* INSERT INTO items … VALUES(?,…),(?,…)… for `rows` rows; NULL when out of memory. */
static char *items_sql(size_t rows)
{
    static const char group[] = ",(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    size_t head = strlen(ITEM_INSERT_SQL), each = sizeof group - 1;
    char *sql = malloc(head + rows * each + 1);
    if (sql == NULL)
        return NULL;
    memcpy(sql, ITEM_INSERT_SQL, head);
    size_t at = head;
    for (size_t i = 0; i < rows; i++) {
        size_t skip = i == 0;   /* no ',' before the first */
        memcpy(sql + at, group + skip, each - skip);
        at += each - skip;
    }
    sql[at] = '\0';
    return sql;
}

static int prepare_all(review_db *db, char **err)
{
    if (db->insert_item != NULL)
        return 0;
    char *many = items_sql(ITEMS_PER_INSERT);
    if (many == NULL)
        return error_set(err, _("out of memory"));
    struct {
        sqlite3_stmt **st;
        const char *sql;
    } list[] = {
        {&db->find_file, "SELECT report FROM report_files WHERE sha256 = ?"},
        {&db->find_report, "SELECT id, content_sha256 FROM reports WHERE report_id = ?"},
        {&db->insert_report,
         "INSERT INTO reports(report_id, unit_code, unit_name, profile, period, assessor, completed_at,"
         " generated_at, tool_version, signer_key_id, signature_algo, complete, percent, grade, grade_zh,"
         " verdict, item_count, content_sha256, imported_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"},
        {&db->insert_item, ITEM_INSERT_SQL "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"},
        {&db->insert_items, many},
        {&db->insert_file, "INSERT OR IGNORE INTO report_files(sha256, report, path, format) VALUES(?,?,?,?)"},
        {&db->current,
         "SELECT id, generated_at, report_id FROM reports WHERE unit_code = ? AND profile = ? AND period = ?"
         " AND superseded_by IS NULL AND id <> ?"},
        {&db->supersede, "UPDATE reports SET superseded_by = ?1 WHERE id = ?2"},
        {&db->insert_checklist,
         "INSERT INTO report_checklists(report, seq, checklist_id, version, digest) VALUES(?,?,?,?,?)"},
        {&db->mark, "UPDATE reports SET nonstandard = " REVIEW_MARK("?1") " WHERE id = ?1"},
        {&db->insert_form,
         "INSERT INTO form_values(report, seq, form, record, record_name, field, title, value, value_title)"
         " VALUES(?,?,?,?,?,?,?,?,?)"},
    };
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
        if (sqlite3_prepare_v3(db->conn, list[i].sql, -1, SQLITE_PREPARE_PERSISTENT, list[i].st, NULL) != SQLITE_OK) {
            review_db_fail(db, REVIEW_DB_ERROR, err, "prepare the import");
            review_store_finalize(db);
            free(many);
            return -1;
        }
    free(many);
    return 0;
}

static int store_begin(void *self, char **err)
{
    review_db *db = self;
    if (prepare_all(db, err) != 0 || review_db_exec(db, "BEGIN IMMEDIATE", err) != 0)
        return -1;
    db->in_batch = true;
    return 0;
}

static int store_commit(void *self, char **err)
{
    review_db *db = self;
    if (!db->in_batch)
        return 0;
    if (review_db_exec(db, "COMMIT", err) != 0)
        return -1;
    db->in_batch = false;
    return 0;
}

static void store_rollback(void *self)
{
    review_db *db = self;
    if (db->in_batch)
        review_db_exec(db, "ROLLBACK", NULL);
    db->in_batch = false;
}

static int add_files(review_db *db, sqlite3_int64 report, const review_file *files, size_t count, char **err)
{
    for (size_t i = 0; i < count; i++) {
        review_db_bind_text(db->insert_file, 1, files[i].sha256);
        sqlite3_bind_int64(db->insert_file, 2, report);
        review_db_bind_text(db->insert_file, 3, files[i].path);
        review_db_bind_text(db->insert_file, 4, files[i].format);
        if (review_db_run(db, db->insert_file, err) != 0)
            return -1;
    }
    return 0;
}

/* Binds item it, number seq, as the row whose first parameter is at + 1. */
static void bind_item(sqlite3_stmt *st, int at, sqlite3_int64 report, size_t seq, const report_item *it)
{
    sqlite3_bind_int64(st, at + 1, report);
    sqlite3_bind_int64(st, at + 2, (sqlite3_int64)seq);
    review_db_bind_text(st, at + 3, it->checklist_id);
    sqlite3_bind_int(st, at + 4, it->checklist_version);
    review_db_bind_text(st, at + 5, it->item_id);
    review_db_bind_text(st, at + 6, it->system_id);
    review_db_bind_text(st, at + 7, it->system_name);
    review_db_bind_text(st, at + 8, it->question_zh);
    review_db_bind_text(st, at + 9, it->severity);
    sqlite3_bind_double(st, at + 10, it->weight);
    review_db_bind_text(st, at + 11, it->state);
    review_db_bind_text(st, at + 12, it->answer);
    review_db_bind_text(st, at + 13, it->answer_text);
    if (it->scored) {
        sqlite3_bind_double(st, at + 14, it->score);
        sqlite3_bind_double(st, at + 15, it->max_score);
    } else {
        sqlite3_bind_null(st, at + 14);
        sqlite3_bind_null(st, at + 15);
    }
    sqlite3_bind_int(st, at + 16, it->finding);
    review_db_bind_text(st, at + 17, it->note);
    review_db_bind_text(st, at + 18, it->owner);
    review_db_bind_text(st, at + 19, it->due);
}

/* The items, ITEMS_PER_INSERT rows a statement, the rest one by one. Every
 * value is bound anew for each row: no clearing between. */
static int insert_items(review_db *db, sqlite3_int64 report, const report_doc *doc, char **err)
{
    size_t i = 0;
    while (i < doc->item_count) {
        bool many = doc->item_count - i >= ITEMS_PER_INSERT;
        sqlite3_stmt *st = many ? db->insert_items : db->insert_item;
        size_t rows = many ? ITEMS_PER_INSERT : 1;
        for (size_t k = 0; k < rows; k++, i++)
            bind_item(st, (int)(k * ITEM_COLUMNS), report, i + 1, &doc->items[i]);
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return review_db_fail(db, -1, err, "import"), -1;
    }
    return 0;
}

static sqlite3_int64 insert_report(review_db *db, const report_doc *doc, const char *key_id, const char *content,
                                   char **err)
{
    char now[20];
    clock_now(now);
    sqlite3_stmt *st = db->insert_report;
    const char *texts[] = {doc->report_id, doc->unit_code, doc->unit_name, doc->profile, doc->period,
                           doc->assessor, doc->completed_at, doc->generated_at, doc->tool_version, key_id,
                           doc->signature_algo};
    int c = 1;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        review_db_bind_text(st, c++, texts[i]);
    sqlite3_bind_int(st, c++, doc->complete);
    sqlite3_bind_double(st, c++, doc->percent);
    review_db_bind_text(st, c++, doc->grade);
    review_db_bind_text(st, c++, doc->grade_zh);
    review_db_bind_text(st, c++, doc->verdict);
    sqlite3_bind_int64(st, c++, (sqlite3_int64)doc->item_count);
    review_db_bind_text(st, c++, content);
    review_db_bind_text(st, c++, now);
    if (review_db_run(db, st, err) != 0)
        return -1;
    return sqlite3_last_insert_rowid(db->conn);
}

/* The checklists the report was answered against, each with its digest
 * ("" in a version 1 report, which is therefore marked), then its mark. */
static int insert_checklists(review_db *db, sqlite3_int64 report, const report_doc *doc, char **err)
{
    for (size_t i = 0; i < doc->checklist_count; i++) {
        const report_checklist *c = &doc->checklists[i];
        sqlite3_bind_int64(db->insert_checklist, 1, report);
        sqlite3_bind_int64(db->insert_checklist, 2, (sqlite3_int64)i + 1);
        review_db_bind_text(db->insert_checklist, 3, c->id);
        sqlite3_bind_int(db->insert_checklist, 4, c->version);
        review_db_bind_text(db->insert_checklist, 5, c->digest);
        if (review_db_run(db, db->insert_checklist, err) != 0)
            return -1;
    }
    sqlite3_bind_int64(db->mark, 1, report);
    return review_db_run(db, db->mark, err);
}

/* The annex forms the report carries (format 3). */
static int insert_forms(review_db *db, sqlite3_int64 report, const report_doc *doc, char **err)
{
    for (size_t i = 0; i < doc->form_value_count; i++) {
        const report_form_value *v = &doc->form_values[i];
        const char *texts[] = {v->form, v->record, v->record_name, v->field, v->title, v->value, v->value_title};
        sqlite3_bind_int64(db->insert_form, 1, report);
        sqlite3_bind_int64(db->insert_form, 2, (sqlite3_int64)i + 1);
        for (int c = 0; c < 7; c++)
            review_db_bind_text(db->insert_form, c + 3, texts[c]);
        if (review_db_run(db, db->insert_form, err) != 0)
            return -1;
    }
    return 0;
}

/* Makes the newest report of the slot current. */
static int supersede(review_db *db, sqlite3_int64 id, const report_doc *doc, char **err)
{
    sqlite3_stmt *st = db->current;
    review_db_bind_text(st, 1, doc->unit_code);
    review_db_bind_text(st, 2, doc->profile);
    review_db_bind_text(st, 3, doc->period);
    sqlite3_bind_int64(st, 4, id);
    int rc = sqlite3_step(st);
    sqlite3_int64 older = 0, newer = 0;
    if (rc == SQLITE_ROW) {
        const char *gen = (const char *)sqlite3_column_text(st, 1);
        const char *rid = (const char *)sqlite3_column_text(st, 2);
        int c = strcmp(doc->generated_at, gen ? gen : "");
        if (c == 0)
            c = strcmp(doc->report_id, rid ? rid : "");
        sqlite3_int64 cur = sqlite3_column_int64(st, 0);
        older = c > 0 ? cur : id;
        newer = c > 0 ? id : cur;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return review_db_fail(db, -1, err, "import"), -1;
    if (rc == SQLITE_DONE)
        return 0;
    sqlite3_bind_int64(db->supersede, 1, newer);
    sqlite3_bind_int64(db->supersede, 2, older);
    return review_db_run(db, db->supersede, err);
}

static review_store_outcome store_report(void *self, const report_doc *doc, const char *key_id, const char *content,
                                         const review_file *files, size_t count, char **err)
{
    review_db *db = self;
    /* every file stored already: nothing to do */
    size_t known = 0;
    for (size_t i = 0; i < count; i++) {
        review_db_bind_text(db->find_file, 1, files[i].sha256);
        int rc = sqlite3_step(db->find_file);
        sqlite3_reset(db->find_file);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return review_db_fail(db, -1, err, "import"), REVIEW_STORED_ERROR;
        known += rc == SQLITE_ROW;
    }
    if (known == count)
        return REVIEW_STORED_ALREADY;
    review_db_bind_text(db->find_report, 1, doc->report_id);
    int rc = sqlite3_step(db->find_report);
    if (rc == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(db->find_report, 0);
        const char *stored = (const char *)sqlite3_column_text(db->find_report, 1);
        bool same = stored != NULL && strcmp(stored, content) == 0;
        sqlite3_reset(db->find_report);
        if (!same)
            return REVIEW_STORED_CONFLICT;
        return add_files(db, id, files, count, err) == 0 ? REVIEW_STORED_ALREADY : REVIEW_STORED_ERROR;
    }
    sqlite3_reset(db->find_report);
    if (rc != SQLITE_DONE)
        return review_db_fail(db, -1, err, "import"), REVIEW_STORED_ERROR;
    sqlite3_int64 id = insert_report(db, doc, key_id, content, err);
    if (id < 0 || insert_items(db, id, doc, err) != 0 || insert_checklists(db, id, doc, err) != 0 ||
        insert_forms(db, id, doc, err) != 0 || review_incidents_store(db, id, doc, err) != 0 ||
        add_files(db, id, files, count, err) != 0 ||
        supersede(db, id, doc, err) != 0)
        return REVIEW_STORED_ERROR;
    return REVIEW_STORED_NEW;
}

static int store_known_files(void *self, char ***hashes, size_t *count, char **err)
{
    review_db *db = self;
    *hashes = NULL;
    *count = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn, "SELECT sha256 FROM report_files ORDER BY sha256", -1, &st, NULL) != SQLITE_OK)
        return review_db_fail(db, -1, err, "read"), -1;
    char **list = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            size_t c = cap ? 2 * cap : 256;
            char **g = realloc(list, c * sizeof *g);
            if (g == NULL)
                break;
            list = g;
            cap = c;
        }
        if ((list[n] = review_db_column(st, 0)) == NULL)
            break;
        n++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        for (size_t i = 0; i < n; i++)
            free(list[i]);
        free(list);
        return error_set(err, _("review database: cannot read the files imported before"));
    }
    *hashes = list;
    *count = n;
    return 0;
}

void review_db_importer(review_db *db, review_importer *out)
{
    *out = (review_importer){
        .self = db,
        .begin = store_begin,
        .store = store_report,
        .commit = store_commit,
        .rollback = store_rollback,
        .known_files = store_known_files,
    };
}
