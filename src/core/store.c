/* store.c: the SQLite answer store (see store.h and docs/store.md).
 *
 * Durability comes from SQLite itself: WAL with synchronous=FULL, and each
 * write one statement committed on its own (or inside an explicit
 * transaction for an all-or-nothing import).
 *
 * Text is bound with SQLITE_STATIC: every statement is stepped and finalized
 * while the caller's strings are alive, and a bind that makes no copy cannot
 * run out of memory (a failed SQLITE_TRANSIENT bind leaves NULL bound, which
 * a query would silently match nothing with). */
#include "store.h"
#include "answer.h"
#include "error.h"
#include "fsutil.h"
#include "i18n.h"
#include "ident.h"
#include "period.h"
#include "record_limits.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

struct store {
    sqlite3 *db;
    char *path;
};

/* Schema migrations: entry i takes a store from user_version i to i+1. */
static const char *const migrations[STORE_SCHEMA_VERSION] = {
    "CREATE TABLE systems ("
    "  id TEXT PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  added_at TEXT NOT NULL);"
    "CREATE TABLE assessments ("
    "  id INTEGER PRIMARY KEY,"
    "  unit_code TEXT NOT NULL,"
    "  profile TEXT NOT NULL,"
    "  period TEXT NOT NULL,"
    "  assessor TEXT NOT NULL DEFAULT '',"
    "  created_at TEXT NOT NULL,"
    "  completed_at TEXT,"
    "  UNIQUE (unit_code, profile, period));"
    "CREATE TABLE assessment_systems ("
    "  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,"
    "  system_id TEXT NOT NULL,"
    "  system_name TEXT NOT NULL,"
    "  PRIMARY KEY (assessment_id, system_id));"
    "CREATE TABLE answers ("
    "  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,"
    "  checklist_id TEXT NOT NULL,"
    "  item_id TEXT NOT NULL,"
    "  system_id TEXT NOT NULL DEFAULT '',"
    "  value TEXT,"
    "  note TEXT,"
    "  remediation_owner TEXT,"
    "  remediation_due TEXT,"
    "  answered_at TEXT,"
    "  updated_at TEXT NOT NULL,"
    "  PRIMARY KEY (assessment_id, checklist_id, item_id, system_id));",
    /* 2: incident records and their timelines (incident_store.h) */
    "CREATE TABLE incidents ("
    "  id INTEGER PRIMARY KEY,"
    "  title TEXT NOT NULL,"
    "  system_id TEXT NOT NULL DEFAULT '',"
    "  facts TEXT NOT NULL,"
    "  level TEXT NOT NULL,"
    "  warning TEXT NOT NULL,"
    "  rules TEXT NOT NULL,"
    "  recorded_at TEXT NOT NULL);"
    "CREATE TABLE incident_events ("
    "  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  at TEXT NOT NULL,"
    "  text TEXT NOT NULL DEFAULT '',"
    "  recorded_at TEXT NOT NULL,"
    "  PRIMARY KEY (incident_id, seq));",
};

/* What went wrong, in the user's language, from SQLite's error code (never
 * from its English message): a locked store, a full disk (also when SQLite
 * says only "disk I/O error" but the system said ENOSPC), a read-only or
 * damaged file. The rare causes are said as SQLite says them. */
const char *store_db_reason(sqlite3 *db)
{
    if (db == NULL)
        return _("out of memory");
    int code = sqlite3_extended_errcode(db);
    int sys = sqlite3_system_errno(db);
    if (sys == ENOSPC || sys == EDQUOT || (code & 0xff) == SQLITE_FULL)
        return _("the disk is full: free some space and try again; nothing was lost");
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return _("the answer store is in use by another selfcheck (database is locked): close it and try again");
    case SQLITE_READONLY:
        return _("the answer store cannot be written (read-only)");
    case SQLITE_IOERR:
        return _("disk I/O error: the disk may be full or damaged");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return _("the file is damaged or is not a selfcheck answer store");
    case SQLITE_CANTOPEN:
        return _("the file cannot be opened");
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return _("permission denied");
    case SQLITE_NOMEM:
        return _("out of memory");
    default:
        return sqlite3_errmsg(db);
    }
}

/* `what` is translated already: what could not be done, then why. */
static int db_error(store *s, char **err, const char *what)
{
    return error_set(err, "%s: %s: %s", s->path, what, store_db_reason(s->db));
}

static int exec(store *s, const char *sql, char **err)
{
    char *message = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &message) != SQLITE_OK) {
        error_set(err, "%s: %s", s->path, store_db_reason(s->db));
        sqlite3_free(message);
        return -1;
    }
    return 0;
}

static int user_version(store *s, int *version, char **err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return db_error(s, err, _("cannot read the schema version"));
    int rc = sqlite3_step(st);
    *version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : db_error(s, err, _("cannot read the schema version"));
}

/* Brings a store at `version` (never newer than ours: store_open refuses
 * those) up to STORE_SCHEMA_VERSION. */
static int migrate(store *s, int version, char **err)
{
    for (; version < STORE_SCHEMA_VERSION; version++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d;", version + 1);
        if (exec(s, "BEGIN IMMEDIATE;", err) != 0)
            return -1;
        if (exec(s, migrations[version], err) != 0 || exec(s, pragma, err) != 0) {
            exec(s, "ROLLBACK;", NULL);
            return -1;
        }
        if (exec(s, "COMMIT;", err) != 0)
            return -1;
    }
    return 0;
}

int store_open(const char *path, store **out, char **err)
{
    *out = NULL;
    char *dir = strdup(path);
    if (dir == NULL)
        return error_set(err, _("out of memory"));
    char *slash = strrchr(dir, '/');
    if (slash != NULL && slash != dir) {
        *slash = '\0';
        if (fsutil_mkdir_p(dir, err) != 0) {
            free(dir);
            return -1;
        }
    }
    free(dir);
    store *s = calloc(1, sizeof *s);
    if (s == NULL || (s->path = strdup(path)) == NULL) {
        free(s);
        return error_set(err, _("out of memory"));
    }
    /* The answers list a unit's weaknesses: a new store is made readable by
     * its owner only. SQLite gives its -wal and -shm files the same mode. */
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0)
        close(fd);
    else if (errno != EEXIST) {
        error_set(err, _("%s: cannot create the answer store: %s"), path, i18n_strerror(errno));
        store_close(s);
        return -1;
    }
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        error_set(err, _("%s: cannot open the answer store: %s"), path,
                  store_db_reason(s->db));
        store_close(s);
        return -1;
    }
    sqlite3_busy_timeout(s->db, 5000);
    /* a file from a newer selfcheck is refused before anything is changed in it */
    int version = 0;
    if (user_version(s, &version, err) != 0 || version > STORE_SCHEMA_VERSION) {
        if (version > STORE_SCHEMA_VERSION)
            error_set(err, _("%s: made by a newer selfcheck (schema %d, this one knows %d): use that version"),
                      path, version, STORE_SCHEMA_VERSION);
        store_close(s);
        return -1;
    }
    /* journal_mode is kept in the file; synchronous must be set on every
     * connection. FULL makes a committed answer survive a power cut. */
    if (exec(s, "PRAGMA journal_mode = WAL;", err) != 0 ||
        exec(s, "PRAGMA synchronous = FULL;", err) != 0 ||
        exec(s, "PRAGMA foreign_keys = ON;", err) != 0 || migrate(s, version, err) != 0) {
        error_prefix(err, "%s", _("cannot use the answer store (is it a selfcheck database?)"));
        store_close(s);
        return -1;
    }
    *out = s;
    return 0;
}

void store_close(store *s)
{
    if (s == NULL)
        return;
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

int store_begin(store *s, char **err)
{
    return exec(s, "BEGIN IMMEDIATE;", err);
}

int store_commit(store *s, char **err)
{
    return exec(s, "COMMIT;", err);
}

void store_rollback(store *s)
{
    if (!sqlite3_get_autocommit(s->db))
        exec(s, "ROLLBACK;", NULL);
}

/* A copy of a text column, NULL for SQL NULL; sets *failed when memory ran
 * out (in SQLite or in the copy), which a NULL alone could not say. */
static char *column_text(sqlite3_stmt *st, int column, bool *failed)
{
    const unsigned char *t = sqlite3_column_text(st, column);
    if (t == NULL) {
        if (sqlite3_column_type(st, column) != SQLITE_NULL)
            *failed = true;
        return NULL;
    }
    char *copy = strdup((const char *)t);
    if (copy == NULL)
        *failed = true;
    return copy;
}

/* ---- systems ---- */

int store_system_add(store *s, const char *id, const char *name, char **err)
{
    if (!ident_name_valid(id)) {
        error_set(err, _("system id '%s' must be lower-case letters, digits and '-' (for example oa)"), id);
        return STORE_ERR_INVALID;
    }
    if (!ident_system_id_new_valid(id)) {
        error_set(err, _("system id '%s' must start with a letter and not read as a number, a date or true/false "
                         "(for example oa or web-2): a spreadsheet would rewrite it"), id);
        return STORE_ERR_INVALID;
    }
    if (name == NULL || *name == '\0') {
        error_set(err, _("system '%s' needs a name"), id);
        return STORE_ERR_INVALID;
    }
    char *why = NULL;
    if (answer_text_check(name, true, &why) != 0) {
        error_set(err, _("the name of system '%s': %s"), id, why ? why : _("out of memory"));
        free(why);
        return STORE_ERR_INVALID;
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM systems", -1, &st, NULL) != SQLITE_OK)
        return db_error(s, err, _("cannot add the system"));
    int rc = sqlite3_step(st);
    long long registered = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    if (registered < 0)
        return db_error(s, err, _("cannot add the system"));
    if (registered >= RECORD_MAX_SYSTEMS) {
        error_set(err, _("%d systems are registered, as many as a unit may have: remove one first"),
                  RECORD_MAX_SYSTEMS);
        return STORE_ERR_INVALID;
    }
    char now[20];
    clock_now(now);
    if (sqlite3_prepare_v2(s->db, "INSERT INTO systems (id, name, added_at) VALUES (?, ?, ?)", -1, &st,
                           NULL) != SQLITE_OK)
        return db_error(s, err, _("cannot add the system"));
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_CONSTRAINT) {
        error_set(err, _("system '%s' exists already"), id);
        return STORE_ERR_EXISTS;
    }
    return rc == SQLITE_DONE ? 0 : db_error(s, err, _("cannot add the system"));
}

int store_system_remove(store *s, const char *id, char **err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "DELETE FROM systems WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
        return db_error(s, err, _("cannot remove the system"));
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_error(s, err, _("cannot remove the system"));
    if (sqlite3_changes(s->db) == 0) {
        error_set(err, _("no system '%s'"), id);
        return STORE_ERR_NOT_FOUND;
    }
    return 0;
}

static int load_systems(store *s, const char *sql, long long bind_id, system_info **out,
                        size_t *count, char **err)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return db_error(s, err, _("cannot list systems"));
    if (bind_id >= 0)
        sqlite3_bind_int64(st, 1, bind_id);
    int rc;
    bool failed = false;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        system_info *grown = realloc(*out, (*count + 1) * sizeof *grown);
        if (grown == NULL) {
            failed = true;
            break;
        }
        *out = grown;
        grown[*count].id = column_text(st, 0, &failed);
        grown[*count].name = column_text(st, 1, &failed);
        (*count)++;
        if (failed)
            break;
    }
    if (rc != SQLITE_DONE || failed) {
        if (!failed)
            db_error(s, err, _("cannot list systems"));
        else
            error_set(err, _("out of memory"));
        sqlite3_finalize(st);
        system_info_free_array(*out, *count);
        *out = NULL;
        *count = 0;
        return -1;
    }
    sqlite3_finalize(st);
    return 0;
}

int store_systems_list(store *s, system_info **out, size_t *count, char **err)
{
    return load_systems(s, "SELECT id, name FROM systems ORDER BY id", -1, out, count, err);
}

void system_info_free_array(system_info *systems, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(systems[i].id);
        free(systems[i].name);
    }
    free(systems);
}

/* ---- assessments ---- */

void assessment_free(assessment *a)
{
    if (a == NULL)
        return;
    free(a->unit_code);
    free(a->period);
    free(a->assessor);
    free(a->created_at);
    free(a->completed_at);
    system_info_free_array(a->systems, a->system_count);
    free(a);
}

void assessment_free_array(assessment **list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        assessment_free(list[i]);
    free(list);
}

#define ASSESSMENT_COLUMNS "id, unit_code, profile, period, assessor, created_at, completed_at"

static assessment *assessment_from_row(store *s, sqlite3_stmt *st, char **err)
{
    assessment *a = calloc(1, sizeof *a);
    if (a == NULL) {
        error_set(err, _("out of memory"));
        return NULL;
    }
    bool failed = false;
    a->id = sqlite3_column_int64(st, 0);
    a->unit_code = column_text(st, 1, &failed);
    const char *profile_text = (const char *)sqlite3_column_text(st, 2);
    if (profile_text == NULL || profile_parse(profile_text, &a->profile) != 0)
        a->profile = PROFILE_MONTHLY;
    a->period = column_text(st, 3, &failed);
    a->assessor = column_text(st, 4, &failed);
    a->created_at = column_text(st, 5, &failed);
    a->completed_at = column_text(st, 6, &failed);
    if (failed || a->unit_code == NULL || a->period == NULL) {
        error_set(err, _("out of memory"));
        assessment_free(a);
        return NULL;
    }
    if (load_systems(s, "SELECT system_id, system_name FROM assessment_systems WHERE assessment_id = ? "
                        "ORDER BY system_id", a->id, &a->systems, &a->system_count, err) != 0) {
        assessment_free(a);
        return NULL;
    }
    return a;
}

int store_assessment_find(store *s, const char *unit_code, profile p, const char *period,
                          assessment **out, char **err)
{
    *out = NULL;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT " ASSESSMENT_COLUMNS " FROM assessments "
                           "WHERE unit_code = ? AND profile = ? AND period = ?", -1, &st, NULL) != SQLITE_OK)
        return db_error(s, err, _("cannot read assessments"));
    sqlite3_bind_text(st, 1, unit_code, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, profile_name(p), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, period, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        /* the statement stays open while systems are read: fine in SQLite */
        *out = assessment_from_row(s, st, err);
        sqlite3_finalize(st);
        return *out ? 0 : -1;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, err, _("cannot read assessments"));
}

/* An open assessment covers the unit's current systems (or, for a change,
 * the one system named in its period); a completed one keeps its own. */
static int sync_systems(store *s, long long id, profile p, const char *period, char **err)
{
    char *only = p == PROFILE_CHANGE ? period_change_system(period) : NULL;
    if (p == PROFILE_CHANGE) {
        sqlite3_stmt *check;
        int found = 0;
        if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM systems WHERE id = ?", -1, &check, NULL) == SQLITE_OK) {
            sqlite3_bind_text(check, 1, only ? only : "", -1, SQLITE_STATIC);
            found = sqlite3_step(check) == SQLITE_ROW;
            sqlite3_finalize(check);
        }
        if (!found) {
            error_set(err, _("no system '%s': add it first with 'selfcheck systems add %s NAME'"),
                      only ? only : "", only ? only : "ID");
            free(only);
            return STORE_ERR_NOT_FOUND;
        }
    }
    sqlite3_stmt *del, *ins;
    if (sqlite3_prepare_v2(s->db, "DELETE FROM assessment_systems WHERE assessment_id = ?", -1, &del,
                           NULL) != SQLITE_OK) {
        free(only);
        return db_error(s, err, _("cannot update the assessment's systems"));
    }
    sqlite3_bind_int64(del, 1, id);
    int rc = sqlite3_step(del);
    sqlite3_finalize(del);
    if (rc != SQLITE_DONE) {
        free(only);
        return db_error(s, err, _("cannot update the assessment's systems"));
    }
    if (sqlite3_prepare_v2(s->db, "INSERT INTO assessment_systems (assessment_id, system_id, system_name) "
                           "SELECT ?, id, name FROM systems WHERE ?2 IS NULL OR id = ?2", -1, &ins,
                           NULL) != SQLITE_OK) {
        free(only);
        return db_error(s, err, _("cannot update the assessment's systems"));
    }
    sqlite3_bind_int64(ins, 1, id);
    if (only)
        sqlite3_bind_text(ins, 2, only, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(ins, 2);
    rc = sqlite3_step(ins);
    sqlite3_finalize(ins);
    free(only);
    return rc == SQLITE_DONE ? 0 : db_error(s, err, _("cannot update the assessment's systems"));
}

int store_assessment_open(store *s, const char *unit_code, profile p, const char *period,
                          const char *assessor, assessment **out, char **err)
{
    *out = NULL;
    if (period_validate(p, period, err) != 0)
        return -1;
    if (store_begin(s, err) != 0)
        return -1;
    assessment *a = NULL;
    int rc = STORE_ERR;
    if (store_assessment_find(s, unit_code, p, period, &a, err) != 0)
        goto fail;
    long long id;
    if (a == NULL) {
        sqlite3_stmt *st;
        char now[20];
        clock_now(now);
        if (sqlite3_prepare_v2(s->db, "INSERT INTO assessments (unit_code, profile, period, assessor, created_at) "
                               "VALUES (?, ?, ?, ?, ?)", -1, &st, NULL) != SQLITE_OK) {
            db_error(s, err, _("cannot create the assessment"));
            goto fail;
        }
        sqlite3_bind_text(st, 1, unit_code, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, profile_name(p), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, period, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, assessor ? assessor : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
        int step = sqlite3_step(st);
        sqlite3_finalize(st);
        if (step != SQLITE_DONE) {
            db_error(s, err, _("cannot create the assessment"));
            goto fail;
        }
        id = sqlite3_last_insert_rowid(s->db);
    } else {
        id = a->id;
        bool completed = a->completed_at != NULL;
        assessment_free(a);
        a = NULL;
        if (completed) {
            if (store_commit(s, err) != 0)
                goto fail;
            if (store_assessment_find(s, unit_code, p, period, out, err) != 0)
                return STORE_ERR;
            return *out != NULL ? 0 : db_error(s, err, _("cannot read the assessment back"));
        }
    }
    rc = sync_systems(s, id, p, period, err);
    if (rc != 0)
        goto fail;
    if (store_commit(s, err) != 0)
        goto fail;
    if (store_assessment_find(s, unit_code, p, period, out, err) != 0)
        return STORE_ERR;
    return *out != NULL ? 0 : db_error(s, err, _("cannot read the assessment back"));
fail:
    assessment_free(a);
    store_rollback(s);
    return rc != 0 ? rc : STORE_ERR;
}

int store_assessment_list(store *s, const char *unit_code, profile p,
                          assessment ***out, size_t *count, char **err)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT " ASSESSMENT_COLUMNS " FROM assessments "
                           "WHERE unit_code = ? AND profile = ? ORDER BY period DESC", -1, &st,
                           NULL) != SQLITE_OK)
        return db_error(s, err, _("cannot list assessments"));
    sqlite3_bind_text(st, 1, unit_code, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, profile_name(p), -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        assessment **grown = realloc(*out, (*count + 1) * sizeof *grown);
        assessment *a = grown ? assessment_from_row(s, st, err) : NULL;
        if (grown)
            *out = grown;
        if (a == NULL) {
            rc = SQLITE_ERROR;
            break;
        }
        (*out)[(*count)++] = a;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        assessment_free_array(*out, *count);
        *out = NULL;
        *count = 0;
        return err && *err ? -1 : db_error(s, err, _("cannot list assessments"));
    }
    return 0;
}

int store_assessment_discard_unused(store *s, long long assessment_id, char **err)
{
    sqlite3_stmt *st;
    /* assessment_systems and answers go with it (ON DELETE CASCADE) */
    if (sqlite3_prepare_v2(s->db, "DELETE FROM assessments WHERE id = ?1 AND completed_at IS NULL"
                           " AND NOT EXISTS (SELECT 1 FROM answers WHERE assessment_id = ?1)", -1, &st,
                           NULL) != SQLITE_OK)
        return db_error(s, err, _("cannot remove the assessment"));
    sqlite3_bind_int64(st, 1, assessment_id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, err, _("cannot remove the assessment"));
}

int store_assessment_set_completed(store *s, long long assessment_id, const char *when, char **err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "UPDATE assessments SET completed_at = ? WHERE id = ?", -1, &st,
                           NULL) != SQLITE_OK)
        return db_error(s, err, _("cannot mark the assessment"));
    if (when)
        sqlite3_bind_text(st, 1, when, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 1);
    sqlite3_bind_int64(st, 2, assessment_id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, err, _("cannot mark the assessment"));
}

/* ---- answers ---- */

int store_answer_put(store *s, long long assessment_id, const char *checklist_id,
                     const char *item_id, const char *system_id, answer_field field,
                     const char *text, const char *when, char **err)
{
    static const char *const sql[] = {
        [ANSWER_FIELD_VALUE] =
            "INSERT INTO answers (assessment_id, checklist_id, item_id, system_id, value, answered_at, updated_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?5 IS NULL THEN NULL ELSE ?6 END, ?6) "
            "ON CONFLICT (assessment_id, checklist_id, item_id, system_id) DO UPDATE SET "
            "answered_at = CASE WHEN excluded.value IS value THEN answered_at ELSE excluded.answered_at END, "
            "value = excluded.value, updated_at = excluded.updated_at",
        [ANSWER_FIELD_NOTE] =
            "INSERT INTO answers (assessment_id, checklist_id, item_id, system_id, note, updated_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (assessment_id, checklist_id, item_id, system_id) "
            "DO UPDATE SET note = excluded.note, updated_at = excluded.updated_at",
        [ANSWER_FIELD_OWNER] =
            "INSERT INTO answers (assessment_id, checklist_id, item_id, system_id, remediation_owner, updated_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (assessment_id, checklist_id, item_id, system_id) "
            "DO UPDATE SET remediation_owner = excluded.remediation_owner, updated_at = excluded.updated_at",
        [ANSWER_FIELD_DUE] =
            "INSERT INTO answers (assessment_id, checklist_id, item_id, system_id, remediation_due, updated_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (assessment_id, checklist_id, item_id, system_id) "
            "DO UPDATE SET remediation_due = excluded.remediation_due, updated_at = excluded.updated_at",
    };
    if ((unsigned)field > ANSWER_FIELD_DUE)
        return error_set(err, "%s", _("unknown answer field"));
    /* the limits hold whoever records: the walk, a sheet, the command line */
    char *why = NULL;
    if (text != NULL && field != ANSWER_FIELD_DUE && answer_text_check(text, field == ANSWER_FIELD_OWNER, &why) != 0) {
        static const char *const names[] = {N_("the answer"), N_("the note"), N_("the remediation owner")};
        error_set(err, "%s/%s: %s: %s", checklist_id, item_id, _(names[field]), why ? why : _("out of memory"));
        free(why);
        return STORE_ERR_INVALID;
    }
    char now[20];
    if (when == NULL) {
        clock_now(now);
        when = now;
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql[field], -1, &st, NULL) != SQLITE_OK)
        return db_error(s, err, _("cannot record the answer"));
    sqlite3_bind_int64(st, 1, assessment_id);
    sqlite3_bind_text(st, 2, checklist_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, item_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, system_id ? system_id : "", -1, SQLITE_STATIC);
    bool clear = text == NULL || (field != ANSWER_FIELD_VALUE && *text == '\0');
    if (clear)
        sqlite3_bind_null(st, 5);
    else
        sqlite3_bind_text(st, 5, text, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, when, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, err, _("cannot record the answer"));
}

int store_answered_count(store *s, long long assessment_id, size_t *out, char **err)
{
    *out = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM answers WHERE assessment_id = ? AND value IS NOT NULL",
                           -1, &st, NULL) != SQLITE_OK)
        return db_error(s, err, _("cannot count answers"));
    sqlite3_bind_int64(st, 1, assessment_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = (size_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : db_error(s, err, _("cannot count answers"));
}

int store_answers_load(store *s, long long assessment_id, answer_set **out, char **err)
{
    *out = NULL;
    answer_set *set = calloc(1, sizeof *set);
    if (set == NULL)
        return error_set(err, _("out of memory"));
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT checklist_id, item_id, system_id, value, note, remediation_owner, "
                           "remediation_due, answered_at FROM answers WHERE assessment_id = ? "
                           "ORDER BY checklist_id, item_id, system_id", -1, &st, NULL) != SQLITE_OK) {
        free(set);
        return db_error(s, err, _("cannot read answers"));
    }
    sqlite3_bind_int64(st, 1, assessment_id);
    int rc;
    size_t capacity = 0;
    bool failed = false;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (set->count == capacity) {
            capacity = capacity ? capacity * 2 : 64;
            answer *grown = realloc(set->items, capacity * sizeof *grown);
            if (grown == NULL) {
                failed = true;
                break;
            }
            set->items = grown;
        }
        answer *a = &set->items[set->count++];
        *a = (answer){0};
        a->checklist_id = column_text(st, 0, &failed);
        a->item_id = column_text(st, 1, &failed);
        a->system_id = column_text(st, 2, &failed);
        a->value = column_text(st, 3, &failed);
        a->note = column_text(st, 4, &failed);
        a->owner = column_text(st, 5, &failed);
        a->due = column_text(st, 6, &failed);
        a->answered_at = column_text(st, 7, &failed);
        if (a->system_id == NULL && !failed && (a->system_id = strdup("")) == NULL)
            failed = true;
        if (failed || a->checklist_id == NULL || a->item_id == NULL) {
            failed = true;
            break;
        }
    }
    if (rc != SQLITE_DONE || failed) {
        if (failed)
            error_set(err, _("out of memory"));
        else
            db_error(s, err, _("cannot read answers"));
        sqlite3_finalize(st);
        answer_set_free(set);
        return -1;
    }
    sqlite3_finalize(st);
    *out = set;
    return 0;
}

void answer_set_free(answer_set *set)
{
    if (set == NULL)
        return;
    for (size_t i = 0; i < set->count; i++) {
        answer *a = &set->items[i];
        free(a->checklist_id);
        free(a->item_id);
        free(a->system_id);
        free(a->value);
        free(a->note);
        free(a->owner);
        free(a->due);
        free(a->answered_at);
    }
    free(set->items);
    free(set);
}

const answer *answer_set_find(const answer_set *set, const char *checklist_id,
                              const char *item_id, const char *system_id)
{
    if (set == NULL)
        return NULL;
    /* sorted by (checklist, item, system) as loaded: binary search */
    size_t lo = 0, hi = set->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const answer *a = &set->items[mid];
        int c = strcmp(a->checklist_id, checklist_id);
        if (c == 0)
            c = strcmp(a->item_id, item_id);
        if (c == 0)
            c = strcmp(a->system_id, system_id ? system_id : "");
        if (c == 0)
            return a;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}
