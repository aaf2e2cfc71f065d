/* report.c: writes the signed report of an assessment (see report.h and
 * docs/report-format.md).
 *
 * One run makes up to four files in the destination folder: STEM.csv and
 * STEM.sqlite with their detached signatures. Every target name is checked
 * before anything is written, each file appears atomically under its final
 * name (link of a synced temporary file, so an existing file is never
 * replaced), and when a later step fails every file this run made is
 * removed again: the supervisor never receives a report without its
 * signature, nor a signature over something half-written. */
#include "report.h"
#include "answer.h"
#include "error.h"
#include "fsutil.h"
#include "msg.h"
#include "csvfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/rand.h>
#include <sqlite3.h>

#define UTF8_BOM "\xEF\xBB\xBF"
/* Reports list the unit's weaknesses: only the owner may read them. */
#define REPORT_FILE_MODE 0600

static const char *state_name(instance_state st)
{
    switch (st) {
    case STATE_HIDDEN: return "hidden";
    case STATE_UNANSWERED: return "unanswered";
    case STATE_ANSWERED: return "answered";
    case STATE_NA: return "na";
    case STATE_RECORDED: return "recorded";
    }
    return "?";
}

/* ---- what the report says ---- */

/* Everything a row needs besides its instance. */
typedef struct report_ctx {
    const session *s;
    char report_id[37];
    char generated_at[20];
    const char *key_id, *algo;
    const char *assessor;
    char format_version[16];
    char percent[32];
    const char *grade, *grade_zh, *verdict, *complete;
} report_ctx;

/* A number as text, the same in every locale (SQLite's printf ignores
 * LC_NUMERIC; a German locale's "1,5" would break the CSV's meaning). */
static void number_text(char out[32], double value)
{
    sqlite3_snprintf(32, out, "%.10g", value);
}

/* A random (version 4) UUID from OpenSSL's generator. */
static int make_report_id(char out[37])
{
    unsigned char b[16];
    if (RAND_bytes(b, sizeof b) != 1)
        return -1;
    b[6] = (unsigned char)((b[6] & 0x0F) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3F) | 0x80);
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
             b[14], b[15]);
    return 0;
}

/* The cells of the row of instance i (unescaped), each a new string. */
static int row_cells(const report_ctx *cx, size_t i, char *cells[REPORT_COL_COUNT])
{
    const session *s = cx->s;
    const assessment *a = s->assessment;
    const instance *in = &s->plan->items[i];
    const instance_score *sc = &s->score->instances[i];
    const char *value = sc->answer ? sc->answer->value : NULL;
    char version[16], weight[32], score[32] = "", max[32] = "";
    snprintf(version, sizeof version, "%d", in->list->version);
    number_text(weight, in->item->weight);
    if (sc->state == STATE_ANSWERED) {
        number_text(score, sc->points);
        number_text(max, sc->max);
    }
    const char *fixed[REPORT_COL_COUNT] = {
        [REPORT_COL_FORMAT_VERSION] = cx->format_version,
        [REPORT_COL_REPORT_ID] = cx->report_id,
        [REPORT_COL_UNIT_CODE] = a->unit_code,
        [REPORT_COL_UNIT_NAME] = s->cfg->unit_name,
        [REPORT_COL_PROFILE] = profile_name(a->profile),
        [REPORT_COL_PERIOD] = a->period,
        [REPORT_COL_ASSESSOR] = cx->assessor,
        [REPORT_COL_COMPLETED_AT] = a->completed_at,
        [REPORT_COL_GENERATED_AT] = cx->generated_at,
        [REPORT_COL_TOOL_VERSION] = SELFCHECK_VERSION,
        [REPORT_COL_SIGNER_KEY_ID] = cx->key_id,
        [REPORT_COL_SIGNATURE_ALGO] = cx->algo,
        [REPORT_COL_COMPLETE] = cx->complete,
        [REPORT_COL_TOTAL_PERCENT] = cx->percent,
        [REPORT_COL_GRADE] = cx->grade,
        [REPORT_COL_GRADE_ZH] = cx->grade_zh,
        [REPORT_COL_VERDICT] = cx->verdict,
        [REPORT_COL_CHECKLIST_ID] = in->list->id,
        [REPORT_COL_CHECKLIST_VERSION] = version,
        [REPORT_COL_ITEM_ID] = in->item->id,
        [REPORT_COL_SYSTEM_ID] = in->system_id,
        [REPORT_COL_SYSTEM_NAME] = in->system_name,
        [REPORT_COL_QUESTION_ZH] = in->item->question_zh,
        [REPORT_COL_SEVERITY] = in->item->type == ANSWER_TEXT ? "" : severity_name(in->item->severity),
        [REPORT_COL_WEIGHT] = weight,
        [REPORT_COL_STATE] = state_name(sc->state),
        [REPORT_COL_ANSWER] = value,
        [REPORT_COL_ANSWER_TEXT] = NULL,
        [REPORT_COL_SCORE] = score,
        [REPORT_COL_MAX_SCORE] = max,
        [REPORT_COL_FINDING] = sc->finding ? "yes" : "no",
        [REPORT_COL_NOTE] = sc->answer ? sc->answer->note : NULL,
        [REPORT_COL_REMEDIATION_OWNER] = sc->answer ? sc->answer->owner : NULL,
        [REPORT_COL_REMEDIATION_DUE] = sc->answer ? sc->answer->due : NULL,
    };
    int rc = 0;
    for (int c = 0; c < REPORT_COL_COUNT; c++) {
        if (c == REPORT_COL_ANSWER_TEXT)
            cells[c] = value ? answer_display(in->item, value, "zh") : strdup("");
        else
            cells[c] = strdup(fixed[c] ? fixed[c] : "");
        if (cells[c] == NULL)
            rc = -1;
    }
    return rc;
}

static void cells_free(char *cells[REPORT_COL_COUNT])
{
    for (int c = 0; c < REPORT_COL_COUNT; c++) {
        free(cells[c]);
        cells[c] = NULL;
    }
}

/* ---- CSV ---- */

/* The whole CSV file: BOM, header, one row per asked instance. */
static int render_csv(const report_ctx *cx, char **out, size_t *len, char **err)
{
    csvfile_buffer b = {0};
    csvfile_buffer_raw(&b, UTF8_BOM);
    for (int c = 0; c < REPORT_COL_COUNT; c++)
        csvfile_buffer_field(&b, report_csv_columns[c], c + 1 == REPORT_COL_COUNT);
    const score_result *r = cx->s->score;
    for (size_t i = 0; i < r->count && !b.failed; i++) {
        if (r->instances[i].state == STATE_HIDDEN)
            continue;
        char *cells[REPORT_COL_COUNT] = {0};
        if (row_cells(cx, i, cells) != 0)
            b.failed = 1;
        for (int c = 0; c < REPORT_COL_COUNT && !b.failed; c++) {
            char *guarded = report_cell_neutralise(cells[c]);
            if (guarded == NULL)
                b.failed = 1;
            else
                csvfile_buffer_field(&b, guarded, c + 1 == REPORT_COL_COUNT);
            free(guarded);
        }
        cells_free(cells);
    }
    if (b.failed) {
        free(b.data);
        return error_set(err, msg("out of memory"));
    }
    *out = b.data;
    *len = b.len;
    return 0;
}

/* ---- SQLite ---- */

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
    " checklist_id TEXT PRIMARY KEY, version INTEGER NOT NULL, title_zh TEXT NOT NULL,"
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

static int sql_fail(sqlite3 *db, const char *path, char **err)
{
    return error_set(err, "%s: SQLite: %s", path, db ? sqlite3_errmsg(db) : "out of memory");
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
    if (sqlite3_prepare_v2(db, "INSERT INTO checklists VALUES (?,?,?,?,?,?,?,?,?,?)", -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = 0;
    for (size_t l = 0; l < r->list_count && rc == 0; l++) {
        const checklist_score *cs = &r->lists[l];
        if (cs->list == NULL)   /* no instance of this checklist in the plan */
            continue;
        int k = 1;
        bind_text(st, k++, cs->list->id);
        sqlite3_bind_int(st, k++, cs->list->version);
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
        if (row_cells(cx, i, cells) != 0) {
            cells_free(cells);
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
        cells_free(cells);
    }
    sqlite3_finalize(st);
    return rc;
}

/* Fills the database file at tmp_path (an empty file) and closes it. */
static int fill_sqlite(const char *tmp_path, const char *final_path, const report_ctx *cx, char **err)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(tmp_path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        sql_fail(db, final_path, err);
        sqlite3_close(db);
        return -1;
    }
    char pragmas[160];
    /* journal_mode=DELETE: a single self-contained file, unlike the
     * answer store's WAL. */
    snprintf(pragmas, sizeof pragmas,
             "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;"
             "PRAGMA application_id = %d; PRAGMA user_version = %d;",
             REPORT_SQLITE_APPLICATION_ID, REPORT_FORMAT_VERSION);
    int rc = -1;
    if (sqlite3_exec(db, pragmas, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, report_schema, NULL, NULL, NULL) != SQLITE_OK ||
        insert_report(db, cx) != 0 || insert_checklists(db, cx) != 0 || insert_items(db, cx) != 0 ||
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        sql_fail(db, final_path, err);
    } else {
        rc = 0;
    }
    if (sqlite3_close(db) != SQLITE_OK && rc == 0)
        rc = error_set(err, "%s: SQLite: cannot close the database", final_path);
    return rc;
}

static int fsync_path(const char *path, int flags)
{
    int fd = open(path, flags);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    /* FAT on a USB stick refuses fsync on folders */
    if (rc != 0 && (flags & O_DIRECTORY) && (errno == EINVAL || errno == EROFS))
        rc = 0;
    if (close(fd) != 0)
        rc = -1;
    return rc;
}

/* Builds the database in a temporary file beside final_path, syncs it, and
 * links it into place (never over an existing file). */
static report_status write_sqlite(const char *dir, const char *final_path, const report_ctx *cx, char **err)
{
    char *tmp = NULL, *journal = NULL;
    if (asprintf(&tmp, "%s.tmp.XXXXXX", final_path) < 0) {
        error_set(err, msg("out of memory"));
        return REPORT_ERR_INTERNAL;
    }
    int fd = mkstemp(tmp);
    if (fd < 0) {
        error_set(err, msg("%s: cannot create a temporary file: %s"), final_path, msg_strerror(errno));
        free(tmp);
        return REPORT_ERR_IO;
    }
    close(fd);
    report_status status = REPORT_ERR_IO;
    if (asprintf(&journal, "%s-journal", tmp) < 0) {
        journal = NULL;
        error_set(err, msg("out of memory"));
        status = REPORT_ERR_INTERNAL;
        goto fail;
    }
    if (chmod(tmp, REPORT_FILE_MODE) != 0) {
        error_set(err, msg("%s: cannot set mode: %s"), tmp, msg_strerror(errno));
        goto fail;
    }
    if (fill_sqlite(tmp, final_path, cx, err) != 0)
        goto fail;
    if (fsync_path(tmp, O_RDONLY) != 0) {
        error_set(err, msg("%s: cannot sync: %s"), final_path, msg_strerror(errno));
        goto fail;
    }
    if (link(tmp, final_path) != 0) {
        int e = errno;
        error_set(err, "%s: %s", final_path, e == EEXIST ? "already exists, not overwritten" : msg_strerror(e));
        status = e == EEXIST ? REPORT_ERR_EXISTS : REPORT_ERR_IO;
        goto fail;
    }
    unlink(tmp);
    if (fsync_path(dir, O_RDONLY | O_DIRECTORY) != 0) {
        error_set(err, msg("%s: cannot sync folder: %s"), dir, msg_strerror(errno));
        unlink(final_path);
        goto fail;
    }
    free(tmp);
    free(journal);
    return REPORT_OK;
fail:
    unlink(tmp);
    if (journal)
        unlink(journal);
    free(tmp);
    free(journal);
    return status;
}

/* ---- the whole run ---- */

/* The files this run made, removed again if it fails. */
typedef struct made_files {
    char *paths[4];
    int count;
} made_files;

static void made_add(made_files *m, const char *path)
{
    m->paths[m->count++] = strdup(path);
}

static void made_undo(made_files *m)
{
    for (int i = m->count - 1; i >= 0; i--)
        if (m->paths[i])
            unlink(m->paths[i]);
}

static void made_free(made_files *m)
{
    for (int i = 0; i < m->count; i++)
        free(m->paths[i]);
    m->count = 0;
}

static report_status sign_status_to_report(sign_status st)
{
    switch (st) {
    case SIGN_OK: return REPORT_OK;
    case SIGN_ERR_EXISTS: return REPORT_ERR_EXISTS;
    case SIGN_ERR_IO: return REPORT_ERR_IO;
    default: return REPORT_ERR_INTERNAL;
    }
}

/* Signs path into PATH.sig and records both as made. */
static report_status sign_one(const sign_key *key, const char *path, made_files *made, char **err)
{
    sign_status st = sign_file(key, path, err);
    if (st != SIGN_OK)
        return sign_status_to_report(st);
    char *sig = NULL;
    if (asprintf(&sig, "%s.sig", path) < 0) {
        error_set(err, msg("out of memory"));
        return REPORT_ERR_INTERNAL;
    }
    made_add(made, sig);
    free(sig);
    return REPORT_OK;
}

/* Report files of an earlier run set aside by a replacing run. */
typedef struct aside_files {
    char *orig[4];
    char *moved[4];
    int count;
} aside_files;

/* Moves every existing target (and its .sig) to NAME.replaced. */
static report_status set_aside(const char *csv, const char *db, aside_files *a, char **err)
{
    const char *paths[2] = {csv, db};
    for (int i = 0; i < 2; i++) {
        for (int with_sig = 0; paths[i] != NULL && with_sig < 2; with_sig++) {
            char *orig = NULL, *moved = NULL;
            if (asprintf(&orig, "%s%s", paths[i], with_sig ? ".sig" : "") < 0 ||
                asprintf(&moved, "%s.replaced", orig) < 0) {
                free(orig);
                error_set(err, msg("out of memory"));
                return REPORT_ERR_INTERNAL;
            }
            if (!fsutil_exists(orig)) {
                free(orig);
                free(moved);
                continue;
            }
            if (fsutil_exists(moved)) {
                error_set(err, msg("%s: left by an interrupted replacement: put it back as %s or remove it"),
                          moved, orig);
                free(orig);
                free(moved);
                return REPORT_ERR_EXISTS;
            }
            if (rename(orig, moved) != 0) {
                error_set(err, msg("%s: cannot set the old report aside: %s"), orig, msg_strerror(errno));
                free(orig);
                free(moved);
                return REPORT_ERR_IO;
            }
            a->orig[a->count] = orig;
            a->moved[a->count++] = moved;
        }
    }
    return REPORT_OK;
}

/* After a failed run: the old report goes back where it was. */
static void aside_restore(aside_files *a)
{
    for (int i = a->count - 1; i >= 0; i--)
        rename(a->moved[i], a->orig[i]);
}

/* After a successful run: the old report is gone for good. */
static void aside_drop(aside_files *a)
{
    for (int i = 0; i < a->count; i++)
        unlink(a->moved[i]);
}

static void aside_free(aside_files *a)
{
    for (int i = 0; i < a->count; i++) {
        free(a->orig[i]);
        free(a->moved[i]);
    }
    a->count = 0;
}

/* REPORT_ERR_EXISTS when any target is already there. */
static report_status check_targets(const char *csv, const char *db, char **err)
{
    const char *paths[2] = {csv, db};
    for (int i = 0; i < 2; i++) {
        if (paths[i] == NULL)
            continue;
        char *sig = NULL;
        if (asprintf(&sig, "%s.sig", paths[i]) < 0) {
            error_set(err, msg("out of memory"));
            return REPORT_ERR_INTERNAL;
        }
        const char *taken = fsutil_exists(paths[i]) ? paths[i] : fsutil_exists(sig) ? sig : NULL;
        if (taken != NULL) {
            error_set(err, msg("%s: already exists, not overwritten (move the old report away, or "
                      "write to another folder with --out)"), taken);
            free(sig);
            return REPORT_ERR_EXISTS;
        }
        free(sig);
    }
    return REPORT_OK;
}

report_status report_write(const session *s, const report_options *opts,
                           report_result *result, char **err)
{
    memset(result, 0, sizeof *result);
    result->key_status = SIGN_OK;
    if (opts->out_dir == NULL || (!opts->write_csv && !opts->write_sqlite)) {
        error_set(err, "report: no folder or no format given");
        return REPORT_ERR_INTERNAL;
    }
    const score_result *r = s->score;
    if (r->asked == 0) {
        error_set(err, msg("the assessment asks no items: nothing to report (for per-system "
                  "checklists add the unit's systems first)"));
        return REPORT_ERR_INCOMPLETE;
    }
    if (!r->complete && !opts->allow_incomplete) {
        error_set(err, msg("%zu of %zu asked items are unanswered: answer them, or report anyway "
                  "with --allow-incomplete"), r->asked - r->answered, r->asked);
        return REPORT_ERR_INCOMPLETE;
    }
    struct stat st;
    if (stat(opts->out_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        error_set(err, msg("%s: no such folder"), opts->out_dir);
        return REPORT_ERR_IO;
    }

    sign_key *key = NULL;
    sign_status ks = sign_key_load_private(opts->key_path, opts->passphrase, &key, err);
    if (ks != SIGN_OK) {
        result->key_status = ks;
        return REPORT_ERR_KEY;
    }
    report_ctx cx = {.s = s};
    result->algo = sign_key_algo(key);
    result->key_id = sign_key_id(key);
    report_status status = REPORT_ERR_INTERNAL;
    made_files made = {0};
    aside_files aside = {0};
    char *stem = report_file_stem(s->assessment->unit_code, profile_name(s->assessment->profile),
                                  s->assessment->period);
    char *csv_path = NULL, *db_path = NULL, *csv_data = NULL, *name = NULL;
    size_t csv_len = 0;
    if (result->key_id == NULL || stem == NULL || make_report_id(cx.report_id) != 0) {
        error_set(err, "cannot make the report id or key id");
        goto done;
    }
    result->report_id = strdup(cx.report_id);
    cx.key_id = result->key_id;
    cx.algo = sign_algo_name(result->algo);
    cx.assessor = s->assessment->assessor && *s->assessment->assessor ? s->assessment->assessor
                                                                      : s->cfg->assessor;
    snprintf(cx.format_version, sizeof cx.format_version, "%d", REPORT_FORMAT_VERSION);
    clock_now(cx.generated_at);
    sqlite3_snprintf(sizeof cx.percent, cx.percent, "%.1f", r->percent);
    cx.grade = r->grade ? r->grade->name : "";
    cx.grade_zh = r->grade ? r->grade->label_zh : "";
    cx.verdict = r->pass ? "pass" : "fail";
    cx.complete = r->complete ? "yes" : "no";

    if (opts->write_csv) {
        if (asprintf(&name, "%s.csv", stem) < 0 || (csv_path = fsutil_join(opts->out_dir, name)) == NULL)
            goto oom;
        free(name);
        name = NULL;
    }
    if (opts->write_sqlite) {
        if (asprintf(&name, "%s.sqlite", stem) < 0 || (db_path = fsutil_join(opts->out_dir, name)) == NULL)
            goto oom;
        free(name);
        name = NULL;
    }
    status = opts->replace ? set_aside(csv_path, db_path, &aside, err) : check_targets(csv_path, db_path, err);
    if (status != REPORT_OK)
        goto done;

    if (csv_path) {
        if (render_csv(&cx, &csv_data, &csv_len, err) != 0) {
            status = REPORT_ERR_INTERNAL;
            goto done;
        }
        int rc = fsutil_write_atomic(csv_path, csv_data, csv_len, REPORT_FILE_MODE, false, err);
        if (rc != 0) {
            status = rc == FSUTIL_EXISTS ? REPORT_ERR_EXISTS : REPORT_ERR_IO;
            goto done;
        }
        made_add(&made, csv_path);
        if ((status = sign_one(key, csv_path, &made, err)) != REPORT_OK)
            goto done;
    }
    if (db_path) {
        if ((status = write_sqlite(opts->out_dir, db_path, &cx, err)) != REPORT_OK)
            goto done;
        made_add(&made, db_path);
        if ((status = sign_one(key, db_path, &made, err)) != REPORT_OK)
            goto done;
    }
    result->csv_path = csv_path;
    result->sqlite_path = db_path;
    csv_path = db_path = NULL;
    status = REPORT_OK;
    goto done;
oom:
    free(name);
    error_set(err, msg("out of memory"));
    status = REPORT_ERR_INTERNAL;
done:
    if (status != REPORT_OK) {
        made_undo(&made);
        aside_restore(&aside);
    } else {
        aside_drop(&aside);
    }
    aside_free(&aside);
    made_free(&made);
    free(csv_data);
    free(csv_path);
    free(db_path);
    free(stem);
    sign_key_free(key);
    return status;
}

void report_result_clear(report_result *result)
{
    if (result == NULL)
        return;
    free(result->csv_path);
    free(result->sqlite_path);
    free(result->key_id);
    free(result->report_id);
    result->csv_path = result->sqlite_path = result->key_id = result->report_id = NULL;
}
