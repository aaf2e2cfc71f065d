/* review_db.c: the review database's file, schema and registry of units and
 * keys (see review_db.h; the importer side is in review_store.c).
 *
 * The schema is created and migrated in one transaction per version step, so
 * a crash during a migration leaves the old version. Keys are stored as the
 * PEM the unit handed over, with their id; the registry decodes each once. */
#include "review_db.h"
#include "review_db_internal.h"
#include "error.h"
#include "i18n.h"
#include "fsutil.h"
#include "ident.h"
#include "period.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

static const char schema_v1[] =
    "CREATE TABLE units(code TEXT PRIMARY KEY, name TEXT NOT NULL, region TEXT NOT NULL DEFAULT '',"
    " level TEXT NOT NULL DEFAULT '', registered_at TEXT NOT NULL);"
    "CREATE TABLE keys(key_id TEXT PRIMARY KEY, unit_code TEXT NOT NULL REFERENCES units(code),"
    " algo TEXT NOT NULL, pem TEXT NOT NULL, valid_from TEXT NOT NULL, registered_at TEXT NOT NULL,"
    " revoked_at TEXT);"
    "CREATE INDEX keys_unit ON keys(unit_code);"
    "CREATE TABLE reports(id INTEGER PRIMARY KEY, report_id TEXT NOT NULL UNIQUE,"
    " unit_code TEXT NOT NULL, unit_name TEXT NOT NULL, profile TEXT NOT NULL, period TEXT NOT NULL,"
    " assessor TEXT NOT NULL, completed_at TEXT NOT NULL, generated_at TEXT NOT NULL,"
    " tool_version TEXT NOT NULL, signer_key_id TEXT NOT NULL, signature_algo TEXT NOT NULL,"
    " complete INTEGER NOT NULL, percent REAL NOT NULL, grade TEXT NOT NULL, grade_zh TEXT NOT NULL,"
    " verdict TEXT NOT NULL, item_count INTEGER NOT NULL, content_sha256 TEXT NOT NULL,"
    " imported_at TEXT NOT NULL, superseded_by INTEGER REFERENCES reports(id));"
    "CREATE INDEX reports_slot ON reports(unit_code, profile, period);"
    "CREATE TABLE report_files(sha256 TEXT PRIMARY KEY, report INTEGER NOT NULL REFERENCES reports(id),"
    " path TEXT NOT NULL, format TEXT NOT NULL) WITHOUT ROWID;"
    /* the widest table: one row per item of every report, written in key
     * order, so a clustered key and no second index */
    "CREATE TABLE items(report INTEGER NOT NULL, seq INTEGER NOT NULL, checklist_id TEXT NOT NULL,"
    " checklist_version INTEGER NOT NULL, item_id TEXT NOT NULL, system_id TEXT NOT NULL,"
    " system_name TEXT NOT NULL, question_zh TEXT NOT NULL, severity TEXT NOT NULL, weight REAL NOT NULL,"
    " state TEXT NOT NULL, answer TEXT NOT NULL, answer_text TEXT NOT NULL, score REAL, max_score REAL,"
    " finding INTEGER NOT NULL, note TEXT NOT NULL, owner TEXT NOT NULL, due TEXT NOT NULL,"
    " PRIMARY KEY(report, seq)) WITHOUT ROWID;";

/* Version 2: each key's own bytes, from which the registry builds it
 * without decoding PEM (which costs more than verifying a report). */
static const char schema_v2[] = "ALTER TABLE keys ADD COLUMN raw BLOB;";

/* Version 3: the official checklists (by the digest of their canonical
 * content, review_checklists.h), the checklists each report was answered
 * against, and the report's mark naming those the review does not know.
 * Reports imported before kept no digests: their checklists are listed with
 * a NULL digest, which is never marked (they were not checked). */
static const char schema_v3[] =
    "CREATE TABLE official_checklists(digest TEXT PRIMARY KEY, checklist_id TEXT NOT NULL,"
    " version INTEGER NOT NULL, title_zh TEXT NOT NULL, source TEXT NOT NULL, added_at TEXT NOT NULL)"
    " WITHOUT ROWID;"
    "CREATE TABLE report_checklists(report INTEGER NOT NULL REFERENCES reports(id), seq INTEGER NOT NULL,"
    " checklist_id TEXT NOT NULL, version INTEGER NOT NULL, digest TEXT, PRIMARY KEY(report, seq))"
    " WITHOUT ROWID;"
    "ALTER TABLE reports ADD COLUMN nonstandard TEXT NOT NULL DEFAULT '';"
    "INSERT INTO report_checklists(report, seq, checklist_id, version, digest)"
    " SELECT report, min(seq), checklist_id, checklist_version, NULL FROM items"
    " GROUP BY report, checklist_id, checklist_version;";

/* Version 4: the annex forms a report carries (format 3, report_forms.h),
 * one row per recorded value, for the lists of units' systems and
 * websites. Reports imported before have none. */
static const char schema_v4[] =
    "CREATE TABLE form_values(report INTEGER NOT NULL REFERENCES reports(id), seq INTEGER NOT NULL,"
    " form TEXT NOT NULL, record TEXT NOT NULL, record_name TEXT NOT NULL, field TEXT NOT NULL,"
    " title TEXT NOT NULL, value TEXT NOT NULL, value_title TEXT NOT NULL, PRIMARY KEY(report, seq))"
    " WITHOUT ROWID;";

/* Version 5: the earliest period of a check (review_first_period, the
 * screen's first step back) is a look-up, not a scan of every report:
 * reports_slot leads with the unit. Only current reports are asked for. */
static const char schema_v5[] =
    "CREATE INDEX reports_profile_period ON reports(profile, period) WHERE superseded_by IS NULL;";

/* Version 6: the incidents a report carries (format 4, report_incidents.h),
 * one row per incident with the status and limits missed the report gives,
 * and its entries (rules, events, limits), for review_incidents.h. Reports
 * imported before have none. */
static const char schema_v6[] =
    "CREATE TABLE incidents(report INTEGER NOT NULL REFERENCES reports(id), number INTEGER NOT NULL,"
    " title TEXT NOT NULL, system_id TEXT NOT NULL, system_name TEXT NOT NULL, level TEXT NOT NULL,"
    " warning TEXT NOT NULL, facts TEXT NOT NULL, recorded_at TEXT NOT NULL, discovered_at TEXT NOT NULL,"
    " status TEXT NOT NULL, missed INTEGER NOT NULL, missed_limits TEXT NOT NULL, PRIMARY KEY(report, number))"
    " WITHOUT ROWID;"
    "CREATE TABLE incident_entries(report INTEGER NOT NULL REFERENCES reports(id), number INTEGER NOT NULL,"
    " seq INTEGER NOT NULL, entry TEXT NOT NULL, name TEXT NOT NULL, at TEXT NOT NULL, due TEXT NOT NULL,"
    " status TEXT NOT NULL, clause TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY(report, number, seq))"
    " WITHOUT ROWID;";

/* Migrations: entry v brings the schema from version v to v + 1. */
static const char *const migrations[REVIEW_DB_VERSION] = {schema_v1, schema_v2, schema_v3, schema_v4,
                                                          schema_v5, schema_v6};

sqlite3 *review_db_handle(review_db *db)
{
    return db->conn;
}

char *review_db_default_path(void)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    char *path = NULL;
    int n;
    if (xdg != NULL && xdg[0] == '/')
        n = asprintf(&path, "%s/selfcheck/review.db", xdg);
    else if (home != NULL && home[0] != '\0')
        n = asprintf(&path, "%s/.local/share/selfcheck/review.db", home);
    else
        return NULL;
    return n < 0 ? NULL : path;
}

review_db_status review_db_fail(review_db *db, review_db_status status, char **err, const char *what)
{
    error_set(err, _("review database: %s: %s"), what, sqlite3_errmsg(db->conn));
    return status;
}

int review_db_run(review_db *db, sqlite3_stmt *st, char **err)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE)
        return review_db_fail(db, -1, err, "import"), -1;
    return 0;
}

int review_db_read_fail(review_db *db, char **err)
{
    return review_db_fail(db, REVIEW_DB_ERROR, err, "read"), -1;
}

void *review_grow(void **array, size_t *count, size_t *cap, size_t size)
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

int review_collect(review_db *db, sqlite3_stmt *st, size_t size, review_row_fn row, void *ctx,
                   review_list_free_fn list_free, void **out, size_t *count, char **err)
{
    *out = NULL;
    *count = 0;
    void *list = NULL;
    size_t n = 0, cap = 0;
    int rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        void *element = review_grow(&list, &n, &cap, size);
        if (element == NULL || row(st, element, ctx) != 0) {
            rc = error_set(err, _("out of memory"));
            break;
        }
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = review_db_read_fail(db, err);
    sqlite3_finalize(st);
    if (rc != 0) {
        list_free(list, n);
        return -1;
    }
    *out = list;
    *count = n;
    return 0;
}

int review_db_exec(review_db *db, const char *sql, char **err)
{
    char *msg = NULL;
    if (sqlite3_exec(db->conn, sql, NULL, NULL, &msg) != SQLITE_OK) {
        error_set(err, _("review database: %s"), msg ? msg : sqlite3_errmsg(db->conn));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static int pragma_get(review_db *db, const char *sql, long long *value, char **err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
        return review_db_fail(db, -1, err, "read"), -1;
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
    if (rc == 0)
        *value = sqlite3_column_int64(st, 0);
    else
        review_db_fail(db, -1, err, "read");
    sqlite3_finalize(st);
    return rc;
}

static int migrate(review_db *db, char **err)
{
    long long version = 0, app = 0;
    if (pragma_get(db, "PRAGMA user_version", &version, err) != 0 ||
        pragma_get(db, "PRAGMA application_id", &app, err) != 0)
        return -1;
    if (version > REVIEW_DB_VERSION)
        return error_set(err, _("review database: schema version %lld is newer than this selfcheck's (%d)"), version,
                         REVIEW_DB_VERSION);
    if (version > 0 && app != REVIEW_DB_APPLICATION_ID)
        return error_set(err, _("review database: not a selfcheck review database (application_id %lld)"), app);
    for (long long v = version; v < REVIEW_DB_VERSION; v++) {
        char *set = NULL;
        if (asprintf(&set, "PRAGMA user_version = %lld; PRAGMA application_id = %d;", v + 1,
                     REVIEW_DB_APPLICATION_ID) < 0)
            return error_set(err, _("out of memory"));
        int rc = review_db_exec(db, "BEGIN IMMEDIATE", err);
        if (rc == 0 && (review_db_exec(db, migrations[v], err) != 0 || review_db_exec(db, set, err) != 0 ||
                        review_db_exec(db, "COMMIT", err) != 0)) {
            review_db_exec(db, "ROLLBACK", NULL);
            rc = -1;
        }
        free(set);
        if (rc != 0)
            return -1;
    }
    return 0;
}

review_db_status review_db_open(const char *path, review_db **out, char **err)
{
    *out = NULL;
    char *dir = strdup(path);
    if (dir == NULL)
        return error_set(err, _("out of memory")), REVIEW_DB_ERROR;
    char *slash = strrchr(dir, '/');
    int rc = 0;
    if (slash != NULL && slash != dir) {
        *slash = '\0';
        rc = fsutil_mkdir_p(dir, err);
    }
    free(dir);
    if (rc != 0)
        return REVIEW_DB_ERROR;
    review_db *db = calloc(1, sizeof *db);
    if (db == NULL)
        return error_set(err, _("out of memory")), REVIEW_DB_ERROR;
    bool fresh = !fsutil_exists(path);
    /* the database lists every unit's weaknesses: its owner's only */
    mode_t old = umask(077);
    int open_rc = sqlite3_open_v2(path, &db->conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                  NULL);
    umask(old);
    if (open_rc != SQLITE_OK) {
        error_set(err, _("%s: cannot open the review database: %s"), path,
                  db->conn ? sqlite3_errmsg(db->conn) : _("out of memory"));
        review_db_close(db);
        return REVIEW_DB_ERROR;
    }
    sqlite3_busy_timeout(db->conn, 5000);
    if (review_db_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", err) != 0 ||
        migrate(db, err) != 0) {
        error_prefix(err, "%s", path);
        review_db_close(db);
        return REVIEW_DB_ERROR;
    }
    (void)fresh;
    *out = db;
    return REVIEW_DB_OK;
}

void review_db_close(review_db *db)
{
    if (db == NULL)
        return;
    review_store_finalize(db);
    sqlite3_close(db->conn);
    free(db);
}

/* ---- registry ---- */

static bool text_ok(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n == 0 || n > max)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return false;
    return true;
}

int review_db_bind_text(sqlite3_stmt *st, int i, const char *text)
{
    return sqlite3_bind_text(st, i, text ? text : "", -1, SQLITE_STATIC);
}

review_db_status review_unit_add(review_db *db, const char *code, const char *name, const char *region,
                                 const char *level, char **err)
{
    if (!ident_unit_code_valid(code))
        return error_set(err, _("unit code '%.40s' is not 1 to 32 letters, digits, '-' and '_'"), code),
               REVIEW_DB_INVALID;
    if (!text_ok(name, 200))
        return error_set(err, _("unit %s: the name is empty, too long or has control characters"), code),
               REVIEW_DB_INVALID;
    char now[20];
    clock_now(now);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn, "INSERT INTO units(code, name, region, level, registered_at) VALUES(?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return review_db_fail(db, REVIEW_DB_ERROR, err, "register the unit");
    review_db_bind_text(st, 1, code);
    review_db_bind_text(st, 2, name);
    review_db_bind_text(st, 3, region);
    review_db_bind_text(st, 4, level);
    review_db_bind_text(st, 5, now);
    int rc = sqlite3_step(st);
    review_db_status status = REVIEW_DB_OK;
    if (rc == SQLITE_CONSTRAINT) {
        error_set(err, _("unit %s is registered already"), code);
        status = REVIEW_DB_EXISTS;
    } else if (rc != SQLITE_DONE) {
        status = review_db_fail(db, REVIEW_DB_ERROR, err, "register the unit");
    }
    sqlite3_finalize(st);
    return status;
}

/* The one integer a query with one text parameter returns, or -1. */
static long long count_of(review_db *db, const char *sql, const char *param)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    review_db_bind_text(st, 1, param);
    long long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

review_db_status review_unit_remove(review_db *db, const char *code, char **err)
{
    if (review_db_exec(db, "BEGIN IMMEDIATE", err) != 0)
        return REVIEW_DB_ERROR;
    review_db_status status = REVIEW_DB_OK;
    long long units = count_of(db, "SELECT count(*) FROM units WHERE code = ?", code);
    long long reports = count_of(db, "SELECT count(*) FROM reports WHERE unit_code = ?", code);
    if (units < 0 || reports < 0) {
        status = review_db_fail(db, REVIEW_DB_ERROR, err, "remove the unit");
    } else if (units == 0) {
        error_set(err, _("unit %s is not registered"), code);
        status = REVIEW_DB_NOT_FOUND;
    } else if (reports > 0) {
        error_set(err, _("unit %s has %lld imported reports: they stay traceable to its keys, so it is kept"), code,
                  reports);
        status = REVIEW_DB_IN_USE;
    } else {
        sqlite3_stmt *st;
        const char *sqls[] = {"DELETE FROM keys WHERE unit_code = ?", "DELETE FROM units WHERE code = ?"};
        for (size_t i = 0; i < 2 && status == REVIEW_DB_OK; i++) {
            if (sqlite3_prepare_v2(db->conn, sqls[i], -1, &st, NULL) != SQLITE_OK)
                status = review_db_fail(db, REVIEW_DB_ERROR, err, "remove the unit");
            else {
                review_db_bind_text(st, 1, code);
                if (sqlite3_step(st) != SQLITE_DONE)
                    status = review_db_fail(db, REVIEW_DB_ERROR, err, "remove the unit");
                sqlite3_finalize(st);
            }
        }
    }
    if (status == REVIEW_DB_OK && review_db_exec(db, "COMMIT", err) != 0)
        status = REVIEW_DB_ERROR;
    if (status != REVIEW_DB_OK)
        review_db_exec(db, "ROLLBACK", NULL);
    return status;
}

/* The hex id the unit wrote, lower-cased, spaces and colons dropped. */
static char *normal_id(const char *text)
{
    char *out = malloc(strlen(text) + 1);
    if (out == NULL)
        return NULL;
    size_t n = 0;
    for (const char *p = text; *p; p++)
        if (*p != ' ' && *p != ':' && *p != '-')
            out[n++] = (char)tolower((unsigned char)*p);
    out[n] = '\0';
    return out;
}

review_db_status review_key_add(review_db *db, const char *unit_code, const char *pem, size_t pem_len,
                                const char *expected_id, const char *valid_from, char **key_id, char **err)
{
    *key_id = NULL;
    char today[11];
    clock_today(today);
    civil_date d;
    if (valid_from != NULL && date_parse(valid_from, &d) != 0)
        return error_set(err, _("'%.40s' is not a date (YYYY-MM-DD)"), valid_from), REVIEW_DB_INVALID;
    char from[11];
    if (valid_from != NULL)
        date_format(d, from);
    else
        memcpy(from, today, sizeof from);
    sign_key *key = NULL;
    if (sign_key_parse_public(pem, pem_len, &key, err) != SIGN_OK)
        return REVIEW_DB_KEY_BAD;
    char *id = sign_key_id(key);
    const char *algo = sign_algo_name(sign_key_algo(key));
    unsigned char *raw = NULL;
    size_t raw_len = 0;
    sign_status raw_status = sign_key_raw_public(key, &raw, &raw_len, err);
    sign_key_free(key);
    if (id == NULL || raw_status != SIGN_OK) {
        free(id);
        free(raw);
        return error_set(err, _("out of memory")), REVIEW_DB_ERROR;
    }
    if (expected_id != NULL) {
        char *want = normal_id(expected_id);
        bool same = want != NULL && strcmp(want, id) == 0;
        free(want);
        if (!same) {
            error_set(err, _("the key's id is %s, not %s as given: this is not the key on the unit's form"), id,
                      expected_id);
            free(id);
            free(raw);
            return REVIEW_DB_KEY_MISMATCH;
        }
    }
    review_db_status status = REVIEW_DB_OK;
    char now[20];
    clock_now(now);
    if (count_of(db, "SELECT count(*) FROM units WHERE code = ?", unit_code) <= 0) {
        error_set(err, _("unit %s is not registered"), unit_code);
        free(id);
        free(raw);
        return REVIEW_DB_NOT_FOUND;
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn, "SELECT max(valid_from) FROM keys WHERE unit_code = ?", -1, &st, NULL) != SQLITE_OK) {
        free(id);
        free(raw);
        return review_db_fail(db, REVIEW_DB_ERROR, err, "register the key");
    }
    review_db_bind_text(st, 1, unit_code);
    const unsigned char *latest = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
    if (latest != NULL && strcmp((const char *)latest, from) > 0) {
        error_set(err, _("unit %s has a key valid from %s: a new key cannot start earlier (%s)"), unit_code,
                  (const char *)latest, from);
        sqlite3_finalize(st);
        free(id);
        free(raw);
        return REVIEW_DB_INVALID;
    }
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(db->conn,
                           "INSERT INTO keys(key_id, unit_code, algo, pem, valid_from, registered_at, raw)"
                           " VALUES(?,?,?,?,?,?,?)", -1, &st, NULL) != SQLITE_OK) {
        free(id);
        free(raw);
        return review_db_fail(db, REVIEW_DB_ERROR, err, "register the key");
    }
    review_db_bind_text(st, 1, id);
    review_db_bind_text(st, 2, unit_code);
    review_db_bind_text(st, 3, algo);
    sqlite3_bind_text(st, 4, pem, (int)pem_len, SQLITE_STATIC);
    review_db_bind_text(st, 5, from);
    review_db_bind_text(st, 6, now);
    sqlite3_bind_blob(st, 7, raw, (int)raw_len, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    free(raw);
    raw = NULL;
    if (rc == SQLITE_CONSTRAINT) {
        error_set(err, _("key %.16s… is registered already"), id);
        status = REVIEW_DB_EXISTS;
    } else if (rc != SQLITE_DONE) {
        status = review_db_fail(db, REVIEW_DB_ERROR, err, "register the key");
    }
    sqlite3_finalize(st);
    if (status == REVIEW_DB_OK)
        *key_id = id;
    else
        free(id);
    return status;
}

review_db_status review_key_revoke(review_db *db, const char *key_id, const char *at, char **err)
{
    char now[20];
    clock_now(now);
    char *id = normal_id(key_id);
    if (id == NULL)
        return error_set(err, _("out of memory")), REVIEW_DB_ERROR;
    review_db_status status = REVIEW_DB_OK;
    sqlite3_stmt *st = NULL;
    if (strlen(id) < 8 || strspn(id, "0123456789abcdef") != strlen(id)) {
        error_set(err, _("'%.70s' is not a key id (at least 8 hex digits)"), key_id);
        status = REVIEW_DB_INVALID;
    } else if (sqlite3_prepare_v2(db->conn,
                                  "UPDATE keys SET revoked_at = ?1 WHERE revoked_at IS NULL AND key_id IN"
                                  " (SELECT key_id FROM keys WHERE substr(key_id, 1, length(?2)) = ?2"
                                  " AND (SELECT count(*) FROM keys WHERE substr(key_id, 1, length(?2)) = ?2) = 1)",
                                  -1, &st, NULL) != SQLITE_OK) {
        status = review_db_fail(db, REVIEW_DB_ERROR, err, "revoke the key");
    } else {
        review_db_bind_text(st, 1, at ? at : now);
        review_db_bind_text(st, 2, id);
        if (sqlite3_step(st) != SQLITE_DONE)
            status = review_db_fail(db, REVIEW_DB_ERROR, err, "revoke the key");
        else if (sqlite3_changes(db->conn) != 1) {
            error_set(err, _("no single key with id %s that is not revoked already"), key_id);
            status = REVIEW_DB_NOT_FOUND;
        }
    }
    sqlite3_finalize(st);
    free(id);
    return status;
}

char *review_db_column(sqlite3_stmt *st, int c)
{
    const unsigned char *t = sqlite3_column_text(st, c);
    return strdup(t ? (const char *)t : "");
}

int review_db_columns(sqlite3_stmt *st, const int *cols, char **const *slots, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((*slots[i] = review_db_column(st, cols ? cols[i] : (int)i)) == NULL)
            return -1;
    return 0;
}

void review_units_free(review_unit_info *units, size_t count)
{
    if (units == NULL)
        return;
    for (size_t i = 0; i < count; i++) {
        review_unit_info *u = &units[i];
        free(u->code);
        free(u->name);
        free(u->region);
        free(u->level);
        for (size_t k = 0; k < u->key_count; k++) {
            free(u->keys[k].key_id);
            free(u->keys[k].algo);
            free(u->keys[k].valid_from);
            free(u->keys[k].revoked_at);
        }
        free(u->keys);
    }
    free(units);
}

review_db_status review_units_list(review_db *db, review_unit_info **out, size_t *count, char **err)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = NULL, *ks = NULL;
    review_unit_info *units = NULL;
    size_t n = 0, cap = 0;
    review_db_status status = REVIEW_DB_OK;
    if (sqlite3_prepare_v2(db->conn,
                           "SELECT code, name, region, level, (SELECT count(*) FROM reports r WHERE r.unit_code = u.code)"
                           " FROM units u ORDER BY code", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db->conn,
                           "SELECT key_id, algo, valid_from, coalesce(revoked_at, '') FROM keys WHERE unit_code = ?"
                           " ORDER BY valid_from, registered_at", -1, &ks, NULL) != SQLITE_OK) {
        status = review_db_fail(db, REVIEW_DB_ERROR, err, "list the units");
        goto done;
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        review_unit_info *u = review_grow((void **)&units, &n, &cap, sizeof *u);
        if (u == NULL)
            goto oom;
        u->code = review_db_column(st, 0);
        u->name = review_db_column(st, 1);
        u->region = review_db_column(st, 2);
        u->level = review_db_column(st, 3);
        u->report_count = sqlite3_column_int64(st, 4);
        if (!u->code || !u->name || !u->region || !u->level)
            goto oom;
        sqlite3_reset(ks);
        review_db_bind_text(ks, 1, u->code);
        size_t key_cap = 0;
        while (sqlite3_step(ks) == SQLITE_ROW) {
            review_key_info *k = review_grow((void **)&u->keys, &u->key_count, &key_cap, sizeof *k);
            if (k == NULL)
                goto oom;
            k->key_id = review_db_column(ks, 0);
            k->algo = review_db_column(ks, 1);
            k->valid_from = review_db_column(ks, 2);
            k->revoked_at = review_db_column(ks, 3);
            if (!k->key_id || !k->algo || !k->valid_from || !k->revoked_at)
                goto oom;
        }
    }
    if (rc != SQLITE_DONE)
        status = review_db_fail(db, REVIEW_DB_ERROR, err, "list the units");
    goto done;
oom:
    error_set(err, _("out of memory"));
    status = REVIEW_DB_ERROR;
done:
    sqlite3_finalize(st);
    sqlite3_finalize(ks);
    if (status != REVIEW_DB_OK) {
        review_units_free(units, n);
        return status;
    }
    *out = units;
    *count = n;
    return REVIEW_DB_OK;
}

review_db_status review_db_registry(review_db *db, review_registry **out, char **err)
{
    *out = NULL;
    review_registry *r = calloc(1, sizeof *r);
    if (r == NULL)
        return error_set(err, _("out of memory")), REVIEW_DB_ERROR;
    clock_today(r->today);
    char now[20];
    clock_now(now);
    long long units = count_of(db, "SELECT count(*) FROM units WHERE ? IS NOT NULL", "");
    long long keys = count_of(db, "SELECT count(*) FROM keys WHERE ? IS NOT NULL", "");
    sqlite3_stmt *st = NULL;
    review_db_status status = REVIEW_DB_OK;
    if (units < 0 || keys < 0) {
        status = review_db_fail(db, REVIEW_DB_ERROR, err, "read the registry");
        goto done;
    }
    r->units = calloc((size_t)units + 1, sizeof *r->units);
    r->keys = calloc((size_t)keys + 1, sizeof *r->keys);
    if (r->units == NULL || r->keys == NULL)
        goto oom;
    if (sqlite3_prepare_v2(db->conn, "SELECT code FROM units", -1, &st, NULL) != SQLITE_OK) {
        status = review_db_fail(db, REVIEW_DB_ERROR, err, "read the registry");
        goto done;
    }
    while (r->unit_count < (size_t)units && sqlite3_step(st) == SQLITE_ROW)
        if ((r->units[r->unit_count++] = review_db_column(st, 0)) == NULL)
            goto oom;
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(db->conn,
                           "SELECT key_id, unit_code, pem, valid_from, revoked_at IS NOT NULL AND revoked_at <= ?,"
                           " algo, raw FROM keys", -1, &st, NULL) != SQLITE_OK) {
        st = NULL;
        status = review_db_fail(db, REVIEW_DB_ERROR, err, "read the registry");
        goto done;
    }
    review_db_bind_text(st, 1, now);
    while (r->key_count < (size_t)keys && sqlite3_step(st) == SQLITE_ROW) {
        review_key *k = &r->keys[r->key_count];
        const char *id = (const char *)sqlite3_column_text(st, 0);
        const char *from = (const char *)sqlite3_column_text(st, 3);
        const void *pem = sqlite3_column_blob(st, 2);
        int pem_len = sqlite3_column_bytes(st, 2);
        if (id == NULL || strlen(id) != 64 || from == NULL || strlen(from) != 10 || pem == NULL) {
            error_set(err, _("review database: a damaged key row"));
            status = REVIEW_DB_ERROR;
            goto done;
        }
        memcpy(k->key_id, id, 65);
        memcpy(k->valid_from, from, 11);
        k->revoked = sqlite3_column_int(st, 4) != 0;
        if ((k->unit_code = review_db_column(st, 1)) == NULL)
            goto oom;
        r->key_count++;
        /* from its own bytes where they were kept (schema 2), else from the PEM */
        sign_algo algo;
        const void *raw = sqlite3_column_blob(st, 6);
        int raw_len = sqlite3_column_bytes(st, 6);
        const char *algo_name = (const char *)sqlite3_column_text(st, 5);
        sign_status ks = raw != NULL && algo_name != NULL && sign_algo_parse(algo_name, &algo) == 0
                       ? sign_key_from_raw_public(algo, raw, (size_t)raw_len, &k->key, err)
                       : sign_key_parse_public(pem, (size_t)pem_len, &k->key, err);
        if (ks != SIGN_OK) {
            error_prefix(err, _("review database: key %.16s…"), id);
            status = REVIEW_DB_ERROR;
            goto done;
        }
    }
    if (review_registry_finish(r, err) != 0)
        status = REVIEW_DB_ERROR;
    goto done;
oom:
    error_set(err, _("out of memory"));
    status = REVIEW_DB_ERROR;
done:
    sqlite3_finalize(st);
    if (status != REVIEW_DB_OK) {
        review_registry_free(r);
        return status;
    }
    *out = r;
    return REVIEW_DB_OK;
}
