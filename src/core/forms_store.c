/* forms_store.c: the forms' values in the answer store (see forms_store.h).
 *
 * One table holds every value of every form, keyed by form, record (the
 * unit block "" or a system id) and field key: a field added to a form later
 * needs no migration, and a form's values are read with one query. */
#include "forms_store.h"
#include "i18n.h"
#include "period.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

struct forms_store {
    sqlite3 *db;
    char *path;
};

/* Step i takes the forms' tables from version i to i+1. */
static const char *const forms_migrations[FORMS_SCHEMA_VERSION] = {
    "CREATE TABLE form_values ("
    "  form TEXT NOT NULL,"
    "  record TEXT NOT NULL,"
    "  field TEXT NOT NULL,"
    "  value TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL,"
    "  PRIMARY KEY (form, record, field));",
};

static int fs_error(forms_store *fs, char **err, const char *what)
{
    error_set(err, "%s: %s: %s", fs->path, what, store_db_reason(fs->db));
    return FORMS_ERR;
}

static int fs_exec(forms_store *fs, const char *sql, char **err)
{
    char *message = NULL;
    if (sqlite3_exec(fs->db, sql, NULL, NULL, &message) != SQLITE_OK) {
        error_set(err, "%s: %s", fs->path, store_db_reason(fs->db));
        sqlite3_free(message);
        return FORMS_ERR;
    }
    return FORMS_OK;
}

/* The forms' schema version in the file: 0 when it has none yet. */
static int schema_version(forms_store *fs, int *version, char **err)
{
    sqlite3_stmt *st;
    *version = 0;
    if (sqlite3_prepare_v2(fs->db, "SELECT value FROM forms_meta WHERE key = 'forms_schema'", -1, &st, NULL) !=
        SQLITE_OK)
        return fs_error(fs, err, _("cannot read the forms' schema version"));
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? FORMS_OK : fs_error(fs, err, _("cannot read the forms' schema version"));
}

/* The version when the forms' tables are there already, else -1: opening a
 * store whose forms are current takes no write lock. */
static int current_version(forms_store *fs)
{
    sqlite3_stmt *st;
    int version = -1;
    if (sqlite3_prepare_v2(fs->db, "SELECT value FROM forms_meta WHERE key = 'forms_schema'", -1, &st, NULL) !=
        SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return version;
}

static int migrate(forms_store *fs, char **err)
{
    if (current_version(fs) == FORMS_SCHEMA_VERSION)
        return FORMS_OK;
    if (fs_exec(fs, "BEGIN IMMEDIATE;", err) != 0)
        return FORMS_ERR;
    int version;
    if (fs_exec(fs, "CREATE TABLE IF NOT EXISTS forms_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);", err) !=
            0 ||
        schema_version(fs, &version, err) != 0)
        goto fail;
    if (version > FORMS_SCHEMA_VERSION) {
        error_set(err, _("%s: its forms were written by a newer selfcheck (forms schema %d, this one knows %d): use "
                         "that version"),
                  fs->path, version, FORMS_SCHEMA_VERSION);
        goto fail;
    }
    for (; version < FORMS_SCHEMA_VERSION; version++)
        if (fs_exec(fs, forms_migrations[version], err) != 0)
            goto fail;
    char sql[128];
    snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO forms_meta (key, value) VALUES ('forms_schema', '%d');",
             FORMS_SCHEMA_VERSION);
    if (fs_exec(fs, sql, err) != 0 || fs_exec(fs, "COMMIT;", err) != 0)
        goto fail;
    return FORMS_OK;
fail:
    fs_exec(fs, "ROLLBACK;", NULL);
    return FORMS_ERR;
}

int forms_store_open(const char *path, forms_store **out, char **err)
{
    *out = NULL;
    forms_store *fs = calloc(1, sizeof *fs);
    if (fs == NULL || (fs->path = strdup(path)) == NULL) {
        free(fs);
        error_set(err, "%s", _("out of memory"));
        return FORMS_ERR;
    }
    /* store_open made the file (mode 0600) and chose WAL; synchronous is per
     * connection and must be FULL here too */
    if (sqlite3_open_v2(path, &fs->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        error_set(err, _("%s: cannot open the answer store: %s"), path,
                  store_db_reason(fs->db));
        forms_store_close(fs);
        return FORMS_ERR;
    }
    sqlite3_busy_timeout(fs->db, 5000);
    if (fs_exec(fs, "PRAGMA synchronous = FULL;", err) != 0 || migrate(fs, err) != 0) {
        forms_store_close(fs);
        return FORMS_ERR;
    }
    *out = fs;
    return FORMS_OK;
}

void forms_store_close(forms_store *fs)
{
    if (fs == NULL)
        return;
    sqlite3_close(fs->db);
    free(fs->path);
    free(fs);
}

static int record_init(forms_record *r, const char *id, const char *name, size_t count)
{
    r->id = strdup(id);
    r->name = strdup(name);
    r->values = calloc(count ? count : 1, sizeof *r->values);
    r->count = count;
    return r->id && r->name && r->values ? 0 : -1;
}

/* Puts a stored value into its record's slot (values of fields the form no
 * longer has are left alone). */
static int record_set(forms_record *r, const forms_field *fields, size_t count, const char *key, const char *value)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(fields[i].key, key) == 0) {
            free(r->values[i]);
            if ((r->values[i] = strdup(value)) == NULL)
                return -1;
            r->any = true;
        }
    return 0;
}

static forms_record *row_of(forms_data *d, const char *id)
{
    for (size_t i = 0; i < d->row_count; i++)
        if (strcmp(d->rows[i].id, id) == 0)
            return &d->rows[i];
    return NULL;
}

int forms_store_load(forms_store *fs, const forms_def *def, const system_info *systems, size_t system_count,
                     forms_data **out, char **err)
{
    *out = NULL;
    forms_data *d = calloc(1, sizeof *d);
    if (d == NULL)
        goto nomem;
    d->def = def;
    if (record_init(&d->unit, "", "", def->unit_count) != 0 ||
        (system_count > 0 && (d->rows = calloc(system_count, sizeof *d->rows)) == NULL))
        goto nomem;
    for (; d->row_count < system_count; d->row_count++)
        if (record_init(&d->rows[d->row_count], systems[d->row_count].id, systems[d->row_count].name,
                        def->row_count) != 0) {
            d->row_count++;
            goto nomem;
        }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(fs->db, "SELECT record, field, value FROM form_values WHERE form = ?", -1, &st, NULL) !=
        SQLITE_OK) {
        fs_error(fs, err, _("cannot read the forms"));
        forms_data_free(d);
        return FORMS_ERR;
    }
    sqlite3_bind_text(st, 1, def->name, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *record = (const char *)sqlite3_column_text(st, 0);
        const char *field = (const char *)sqlite3_column_text(st, 1);
        const char *value = (const char *)sqlite3_column_text(st, 2);
        if (record == NULL || field == NULL || value == NULL)
            continue;
        forms_record *r = *record == '\0' ? &d->unit : row_of(d, record);
        if (r == NULL)
            continue;   /* a system no longer registered */
        bool unit = r == &d->unit;
        if (record_set(r, unit ? def->unit : def->row, unit ? def->unit_count : def->row_count, field, value) != 0) {
            sqlite3_finalize(st);
            goto nomem;
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        fs_error(fs, err, _("cannot read the forms"));
        forms_data_free(d);
        return FORMS_ERR;
    }
    *out = d;
    return FORMS_OK;
nomem:
    forms_data_free(d);
    error_set(err, "%s", _("out of memory"));
    return FORMS_ERR;
}

int forms_store_apply(forms_store *fs, const forms_def *def, const forms_changes *changes, char **err)
{
    if (fs_exec(fs, "BEGIN IMMEDIATE;", err) != 0)
        return FORMS_ERR;
    sqlite3_stmt *put = NULL, *del = NULL;
    if (sqlite3_prepare_v2(fs->db,
                           "INSERT OR REPLACE INTO form_values (form, record, field, value, updated_at) "
                           "VALUES (?, ?, ?, ?, ?)",
                           -1, &put, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(fs->db, "DELETE FROM form_values WHERE form = ? AND record = ? AND field = ?", -1, &del,
                           NULL) != SQLITE_OK) {
        fs_error(fs, err, _("cannot record the form"));
        goto fail;
    }
    char now[20];
    clock_now(now);
    for (size_t i = 0; i < changes->count; i++) {
        const forms_change *c = &changes->items[i];
        sqlite3_stmt *st = c->value ? put : del;
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, def->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, c->record, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, c->field->key, -1, SQLITE_STATIC);
        if (c->value) {
            sqlite3_bind_text(st, 4, c->value, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
        }
        if (sqlite3_step(st) != SQLITE_DONE) {
            fs_error(fs, err, _("cannot record the form"));
            goto fail;
        }
    }
    sqlite3_finalize(put);
    sqlite3_finalize(del);
    put = del = NULL;
    if (fs_exec(fs, "COMMIT;", err) != 0)
        goto fail;
    return FORMS_OK;
fail:
    sqlite3_finalize(put);
    sqlite3_finalize(del);
    if (!sqlite3_get_autocommit(fs->db))
        fs_exec(fs, "ROLLBACK;", NULL);
    return FORMS_ERR;
}
