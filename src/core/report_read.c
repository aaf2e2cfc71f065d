/* report_read.c: reads a signed report back and checks its signer (see
 * report_read.h and docs/report-format.md).
 *
 * The file is read into memory once. The signature is checked against
 * those bytes, and the content is parsed from the same bytes, so nothing can
 * change in between. Parsing must be safe on hostile input, because with a
 * trust folder the unit code is read before the signature can be checked (it
 * chooses the key): CSV goes through libcsv in strict mode, and a SQLite
 * report is opened from a private in-memory copy, read-only, with SQLite's
 * defensive settings, no triggers and no views. */
#include "report_read.h"
#include "error.h"
#include "config.h"
#include "ident.h"
#include "fsutil.h"
#include "report.h"
#include "text.h"

#include <dirent.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <csv.h>
#include <sqlite3.h>

#define UTF8_BOM "\xEF\xBB\xBF"
#define SQLITE_MAGIC "SQLite format 3"   /* and its NUL: 16 bytes */
#define SIG_MAX_BYTES 1024
/* Unit codes are letters, digits, '-' and '_' (config.c); longer ones than
 * this are not real. */

const char *report_format_name(report_format f)
{
    switch (f) {
    case REPORT_FORMAT_CSV: return "csv";
    case REPORT_FORMAT_SQLITE: return "sqlite";
    case REPORT_FORMAT_UNKNOWN: break;
    }
    return "unknown";
}

report_format report_detect_format(const void *data, size_t len)
{
    static const char csv_start[] = UTF8_BOM "\"format_version\"";
    if (len >= 16 && memcmp(data, SQLITE_MAGIC, 16) == 0)
        return REPORT_FORMAT_SQLITE;
    if (len >= sizeof csv_start - 1 && memcmp(data, csv_start, sizeof csv_start - 1) == 0)
        return REPORT_FORMAT_CSV;
    return REPORT_FORMAT_UNKNOWN;
}

static void item_clear(report_item *it)
{
    free(it->checklist_id);
    free(it->item_id);
    free(it->system_id);
    free(it->system_name);
    free(it->question_zh);
    free(it->severity);
    free(it->state);
    free(it->answer);
    free(it->answer_text);
    free(it->note);
    free(it->owner);
    free(it->due);
}

void report_doc_free(report_doc *doc)
{
    if (doc == NULL)
        return;
    char **strings[] = {&doc->report_id, &doc->unit_code, &doc->unit_name, &doc->profile,
                        &doc->period, &doc->assessor, &doc->completed_at, &doc->generated_at,
                        &doc->tool_version, &doc->signer_key_id, &doc->signature_algo,
                        &doc->grade, &doc->grade_zh, &doc->verdict};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        free(*strings[i]);
    for (size_t i = 0; i < doc->item_count; i++)
        item_clear(&doc->items[i]);
    free(doc->items);
    free(doc);
}

/* ---- values ---- */

/* A number written by report.c ("%.10g"), read the same in every locale. */
static bool parse_number(locale_t c_locale, const char *text, double *out)
{
    if (*text == '\0')
        return false;
    char *end;
    errno = 0;
    double v = strtod_l(text, &end, c_locale);
    if (*end != '\0' || errno != 0 || v != v)
        return false;
    *out = v;
    return true;
}

static bool parse_yes_no(const char *text, bool *out)
{
    if (strcmp(text, "yes") == 0)
        *out = true;
    else if (strcmp(text, "no") == 0)
        *out = false;
    else
        return false;
    return true;
}

static bool known_state(const char *text)
{
    const char *states[] = {"answered", "na", "recorded", "unanswered"};
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
        if (strcmp(text, states[i]) == 0)
            return true;
    return false;
}

/* Checks what both formats must hold. */
static int doc_check(const report_doc *doc, char **err)
{
    if (!ident_unit_code_valid(doc->unit_code))
        return error_set(err, "the unit code '%.80s' is not 1 to 32 letters, digits, '-' and '_'", doc->unit_code);
    if (doc->item_count == 0)
        return error_set(err, "the report lists no items");
    if (strcmp(doc->signature_algo, "sm2") != 0 && strcmp(doc->signature_algo, "ed25519") != 0)
        return error_set(err, "unknown signature algorithm '%.40s'", doc->signature_algo);
    for (size_t i = 0; i < doc->item_count; i++)
        if (!known_state(doc->items[i].state))
            return error_set(err, "item %zu: unknown state '%.40s'", i + 1, doc->items[i].state);
    return 0;
}

/* ---- CSV ---- */

typedef struct csv_rows {
    char ***rows;
    size_t *sizes;
    size_t count, capacity;
    char **fields;
    size_t field_count, field_capacity;
    bool failed;
} csv_rows;

static void csv_on_field(void *data, size_t len, void *context)
{
    csv_rows *r = context;
    if (r->failed)
        return;
    if (r->field_count == r->field_capacity) {
        size_t capacity = r->field_capacity ? 2 * r->field_capacity : 40;
        char **grown = realloc(r->fields, capacity * sizeof *grown);
        if (grown == NULL) {
            r->failed = true;
            return;
        }
        r->fields = grown;
        r->field_capacity = capacity;
    }
    char *copy = malloc(len + 1);
    if (copy == NULL) {
        r->failed = true;
        return;
    }
    if (len > 0)
        memcpy(copy, data, len);
    copy[len] = '\0';
    r->fields[r->field_count++] = copy;
}

static void csv_on_row(int terminator, void *context)
{
    (void)terminator;
    csv_rows *r = context;
    if (r->failed)
        return;
    if (r->count == r->capacity) {
        size_t capacity = r->capacity ? 2 * r->capacity : 64;
        char ***rows = realloc(r->rows, capacity * sizeof *rows);
        if (rows == NULL) {
            r->failed = true;
            return;
        }
        r->rows = rows;
        size_t *sizes = realloc(r->sizes, capacity * sizeof *sizes);
        if (sizes == NULL) {
            r->failed = true;
            return;
        }
        r->sizes = sizes;
        r->capacity = capacity;
    }
    r->rows[r->count] = r->fields;
    r->sizes[r->count] = r->field_count;
    r->count++;
    r->fields = NULL;
    r->field_count = r->field_capacity = 0;
}

static void csv_rows_free(csv_rows *r)
{
    for (size_t i = 0; i < r->field_count; i++)
        free(r->fields[i]);
    free(r->fields);
    for (size_t i = 0; i < r->count; i++) {
        for (size_t f = 0; f < r->sizes[i]; f++)
            free(r->rows[i][f]);
        free(r->rows[i]);
    }
    free(r->rows);
    free(r->sizes);
}

static int line_of(const char *text, size_t offset)
{
    int line = 1;
    for (size_t i = 0; i < offset; i++)
        line += text[i] == '\n';
    return line;
}

/* Splits the CSV text into rows of fields (strict RFC 4180). */
static int csv_split(const char *body, size_t len, csv_rows *rows, char **err)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return error_set(err, "out of memory");
    size_t done = csv_parse(&p, body, len, csv_on_field, csv_on_row, rows);
    if (done != len) {
        /* read the error before csv_fini, which clears it */
        error_set(err, "line %d: malformed CSV: %s", line_of(body, done), csv_strerror(csv_error(&p)));
        csv_free(&p);
        return -1;
    }
    if (csv_fini(&p, csv_on_field, csv_on_row, rows) != 0) {
        csv_free(&p);
        return error_set(err, "malformed CSV: a quoted field is not closed");
    }
    csv_free(&p);
    if (rows->failed)
        return error_set(err, "out of memory");
    return 0;
}

/* The restored cell c of a row (a new string, or NULL when out of memory). */
static char *cell(char **row, int c)
{
    return report_cell_restore(row[c]);
}

static int csv_fill_item(locale_t c_locale, char **row, report_item *it, char **err)
{
    char *version = cell(row, REPORT_COL_CHECKLIST_VERSION);
    char *weight = cell(row, REPORT_COL_WEIGHT);
    char *score = cell(row, REPORT_COL_SCORE);
    char *max = cell(row, REPORT_COL_MAX_SCORE);
    char *finding = cell(row, REPORT_COL_FINDING);
    it->checklist_id = cell(row, REPORT_COL_CHECKLIST_ID);
    it->item_id = cell(row, REPORT_COL_ITEM_ID);
    it->system_id = cell(row, REPORT_COL_SYSTEM_ID);
    it->system_name = cell(row, REPORT_COL_SYSTEM_NAME);
    it->question_zh = cell(row, REPORT_COL_QUESTION_ZH);
    it->severity = cell(row, REPORT_COL_SEVERITY);
    it->state = cell(row, REPORT_COL_STATE);
    it->answer = cell(row, REPORT_COL_ANSWER);
    it->answer_text = cell(row, REPORT_COL_ANSWER_TEXT);
    it->note = cell(row, REPORT_COL_NOTE);
    it->owner = cell(row, REPORT_COL_REMEDIATION_OWNER);
    it->due = cell(row, REPORT_COL_REMEDIATION_DUE);
    int rc = 0;
    double v;
    if (!version || !weight || !score || !max || !finding || !it->checklist_id || !it->item_id ||
        !it->system_id || !it->system_name || !it->question_zh || !it->severity || !it->state ||
        !it->answer || !it->answer_text || !it->note || !it->owner || !it->due) {
        rc = error_set(err, "out of memory");
    } else if (!parse_number(c_locale, version, &v) || v < 0 || v > 1e9 || v != (int)v) {
        rc = error_set(err, "checklist_version '%.40s' is not a whole number", version);
    } else {
        it->checklist_version = (int)v;
        it->scored = *score != '\0';
        if (!parse_number(c_locale, weight, &it->weight))
            rc = error_set(err, "weight '%.40s' is not a number", weight);
        else if (it->scored && (!parse_number(c_locale, score, &it->score) ||
                                !parse_number(c_locale, max, &it->max_score)))
            rc = error_set(err, "score '%.40s' or max_score '%.40s' is not a number", score, max);
        else if (!parse_yes_no(finding, &it->finding))
            rc = error_set(err, "finding '%.40s' is not yes or no", finding);
    }
    free(version);
    free(weight);
    free(score);
    free(max);
    free(finding);
    return rc;
}

static int csv_fill_doc(locale_t c_locale, char **row, report_doc *doc, char **err)
{
    char **slots[REPORT_COL_FIRST_ITEM] = {
        [REPORT_COL_REPORT_ID] = &doc->report_id, [REPORT_COL_UNIT_CODE] = &doc->unit_code,
        [REPORT_COL_UNIT_NAME] = &doc->unit_name, [REPORT_COL_PROFILE] = &doc->profile,
        [REPORT_COL_PERIOD] = &doc->period, [REPORT_COL_ASSESSOR] = &doc->assessor,
        [REPORT_COL_COMPLETED_AT] = &doc->completed_at, [REPORT_COL_GENERATED_AT] = &doc->generated_at,
        [REPORT_COL_TOOL_VERSION] = &doc->tool_version, [REPORT_COL_SIGNER_KEY_ID] = &doc->signer_key_id,
        [REPORT_COL_SIGNATURE_ALGO] = &doc->signature_algo, [REPORT_COL_GRADE] = &doc->grade,
        [REPORT_COL_GRADE_ZH] = &doc->grade_zh, [REPORT_COL_VERDICT] = &doc->verdict,
    };
    for (int c = 0; c < REPORT_COL_FIRST_ITEM; c++)
        if (slots[c] != NULL && (*slots[c] = cell(row, c)) == NULL)
            return error_set(err, "out of memory");
    char *complete = cell(row, REPORT_COL_COMPLETE);
    char *percent = cell(row, REPORT_COL_TOTAL_PERCENT);
    int rc = 0;
    if (complete == NULL || percent == NULL)
        rc = error_set(err, "out of memory");
    else if (!parse_yes_no(complete, &doc->complete))
        rc = error_set(err, "complete '%.40s' is not yes or no", complete);
    else if (!parse_number(c_locale, percent, &doc->percent))
        rc = error_set(err, "total_percent '%.40s' is not a number", percent);
    free(complete);
    free(percent);
    return rc;
}

static int parse_csv(const char *data, size_t len, report_doc *doc, char **err)
{
    const char *body = data + 3;   /* the byte-order mark, checked by detection */
    len -= 3;
    size_t bad;
    if (!text_utf8_valid(body, len, &bad))
        return error_set(err, "line %d: not UTF-8", line_of(body, bad));
    csv_rows rows = {0};
    locale_t c_locale = (locale_t)0;
    int rc = -1;
    if (csv_split(body, len, &rows, err) != 0)
        goto done;
    if (rows.count < 2 || rows.sizes[1] < 1) {
        error_set(err, "no item rows after the header");
        goto done;
    }
    char *version = cell(rows.rows[1], REPORT_COL_FORMAT_VERSION);
    bool supported = version && strcmp(version, "1") == 0;
    if (!supported)
        error_set(err, "format version '%.20s': this selfcheck reads version %d", version ? version : "",
                  REPORT_FORMAT_VERSION);
    free(version);
    if (!supported)
        goto done;
    doc->format_version = REPORT_FORMAT_VERSION;
    if (rows.sizes[0] != REPORT_COL_COUNT) {
        error_set(err, "line 1: %zu columns, a version %d report has %d", rows.sizes[0],
                  REPORT_FORMAT_VERSION, REPORT_COL_COUNT);
        goto done;
    }
    for (int c = 0; c < REPORT_COL_COUNT; c++)
        if (strcmp(rows.rows[0][c], report_csv_columns[c]) != 0) {
            error_set(err, "line 1: column %d is '%.40s', expected '%s'", c + 1, rows.rows[0][c],
                      report_csv_columns[c]);
            goto done;
        }
    for (size_t r = 1; r < rows.count; r++) {
        if (rows.sizes[r] != REPORT_COL_COUNT) {
            error_set(err, "row %zu has %zu fields, the header %d", r + 1, rows.sizes[r], REPORT_COL_COUNT);
            goto done;
        }
        /* the report's own columns repeat on every row and must agree */
        for (int c = 0; c < REPORT_COL_FIRST_ITEM; c++)
            if (strcmp(rows.rows[r][c], rows.rows[1][c]) != 0) {
                error_set(err, "row %zu: %s differs from the first row's", r + 1, report_csv_columns[c]);
                goto done;
            }
    }
    c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    doc->items = calloc(rows.count - 1, sizeof *doc->items);
    if (c_locale == (locale_t)0 || doc->items == NULL) {
        error_set(err, "out of memory");
        goto done;
    }
    if (csv_fill_doc(c_locale, rows.rows[1], doc, err) != 0)
        goto done;
    for (size_t r = 1; r < rows.count; r++) {
        report_item *it = &doc->items[doc->item_count++];
        if (csv_fill_item(c_locale, rows.rows[r], it, err) != 0) {
            error_prefix(err, "row %zu", r + 1);
            goto done;
        }
    }
    rc = 0;
done:
    if (c_locale != (locale_t)0)
        freelocale(c_locale);
    csv_rows_free(&rows);
    return rc;
}

/* ---- SQLite ---- */

static char *column_text(sqlite3_stmt *st, int c)
{
    const unsigned char *text = sqlite3_column_text(st, c);
    return strdup(text ? (const char *)text : "");
}

/* A private read-only in-memory copy of the database, opened the way
 * SQLite recommends for files from elsewhere. */
static int open_copy(const void *data, size_t len, sqlite3 **out, char **err)
{
    *out = NULL;
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return error_set(err, "SQLite: cannot open an in-memory database");
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
        return error_set(err, "out of memory");
    }
    memcpy(copy, data, len);
    /* with FREEONCLOSE SQLite frees the copy, also when this fails */
    if (sqlite3_deserialize(db, "main", copy, (sqlite3_int64)len, (sqlite3_int64)len,
                            SQLITE_DESERIALIZE_READONLY | SQLITE_DESERIALIZE_FREEONCLOSE) != SQLITE_OK) {
        error_set(err, "SQLite: %s", sqlite3_errmsg(db));
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
        return error_set(err, "SQLite: %s", sqlite3_errmsg(db));
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : error_set(err, "SQLite: %s", sqlite3_errmsg(db));
    if (rc == 0)
        *value = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc;
}

static int sqlite_check(sqlite3 *db, char **err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK)
        return error_set(err, "SQLite: %s", sqlite3_errmsg(db));
    int rc = sqlite3_step(st);
    const unsigned char *first = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
    bool ok = first && strcmp((const char *)first, "ok") == 0;
    if (!ok)
        error_set(err, "damaged database: %s", first ? (const char *)first : sqlite3_errmsg(db));
    sqlite3_finalize(st);
    if (!ok)
        return -1;
    long long app = 0, version = 0;
    if (pragma_int(db, "PRAGMA application_id", &app, err) != 0 ||
        pragma_int(db, "PRAGMA user_version", &version, err) != 0)
        return -1;
    if (app != REPORT_SQLITE_APPLICATION_ID)
        return error_set(err, "a SQLite database, but not a selfcheck report (application_id %lld)", app);
    if (version != REPORT_FORMAT_VERSION)
        return error_set(err, "format version %lld: this selfcheck reads version %d", version,
                         REPORT_FORMAT_VERSION);
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
        return error_set(err, "not a selfcheck report: %s", sqlite3_errmsg(db));
    int rc = 0;
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = error_set(err, "the report table is empty");
    } else {
        char **slots[] = {&doc->report_id, &doc->unit_code, &doc->unit_name, &doc->profile,
                          &doc->period, &doc->assessor, &doc->completed_at, &doc->generated_at,
                          &doc->tool_version, &doc->signer_key_id, &doc->signature_algo};
        int n = (int)(sizeof slots / sizeof slots[0]);
        for (int c = 0; c < n; c++)
            if ((*slots[c] = column_text(st, c)) == NULL)
                rc = error_set(err, "out of memory");
        doc->complete = sqlite3_column_int(st, n) != 0;
        doc->percent = sqlite3_column_double(st, n + 1);
        doc->grade = column_text(st, n + 2);
        doc->grade_zh = column_text(st, n + 3);
        doc->verdict = column_text(st, n + 4);
        doc->format_version = sqlite3_column_int(st, n + 5);
        if (!doc->grade || !doc->grade_zh || !doc->verdict)
            rc = error_set(err, "out of memory");
        if (rc == 0 && sqlite3_step(st) != SQLITE_DONE)
            rc = error_set(err, "the report table has more than one row");
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
        return error_set(err, "the report lists no items");
    doc->items = calloc((size_t)count, sizeof *doc->items);
    if (doc->items == NULL)
        return error_set(err, "out of memory");
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT i.checklist_id, c.version, i.item_id, i.system_id, i.system_name,"
                           " i.question_zh, i.severity, i.weight, i.state, i.answer, i.answer_text,"
                           " i.score, i.max_score, i.finding, i.note, i.remediation_owner,"
                           " i.remediation_due FROM items i LEFT JOIN checklists c"
                           " ON c.checklist_id = i.checklist_id ORDER BY i.seq",
                           -1, &st, NULL) != SQLITE_OK)
        return error_set(err, "not a selfcheck report: %s", sqlite3_errmsg(db));
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        if (doc->item_count == (size_t)count) {
            rc = error_set(err, "the items table changed while read");
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
        if (sqlite3_column_type(st, 1) == SQLITE_NULL)
            rc = error_set(err, "item %zu: its checklist is not in the checklists table", doc->item_count);
        else if (!it->checklist_id || !it->item_id || !it->system_id || !it->system_name ||
                 !it->question_zh || !it->severity || !it->state || !it->answer || !it->answer_text ||
                 !it->note || !it->owner || !it->due)
            rc = error_set(err, "out of memory");
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = error_set(err, "SQLite: %s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return rc;
}

static int parse_sqlite(const void *data, size_t len, report_doc *doc, char **err)
{
    sqlite3 *db;
    if (open_copy(data, len, &db, err) != 0)
        return -1;
    int rc = -1;
    if (sqlite_check(db, err) == 0 && sqlite_fill_doc(db, doc, err) == 0 && sqlite_fill_items(db, doc, err) == 0)
        rc = 0;
    sqlite3_close(db);
    return rc;
}

/* ---- both ---- */

int report_parse(const void *data, size_t len, report_doc **out, char **err)
{
    *out = NULL;
    report_format f = report_detect_format(data, len);
    if (f == REPORT_FORMAT_UNKNOWN)
        return error_set(err, "not a selfcheck report (neither its CSV header nor a SQLite database)");
    report_doc *doc = calloc(1, sizeof *doc);
    if (doc == NULL)
        return error_set(err, "out of memory");
    doc->format = f;
    int rc = f == REPORT_FORMAT_CSV ? parse_csv(data, len, doc, err) : parse_sqlite(data, len, doc, err);
    if (rc == 0)
        rc = doc_check(doc, err);
    if (rc != 0) {
        error_prefix(err, "not a valid selfcheck %s report", report_format_name(f));
        report_doc_free(doc);
        return -1;
    }
    *out = doc;
    return 0;
}

int report_parse_file(const char *path, report_doc **out, char **err)
{
    *out = NULL;
    char *data;
    size_t len;
    if (fsutil_read_file(path, REPORT_MAX_BYTES, &data, &len, err) != 0)
        return -1;
    int rc = report_parse(data, len, out, err);
    if (rc != 0)
        error_prefix(err, "%s", path);
    free(data);
    return rc;
}

/* ---- the claim: who says they signed, read before verifying ---- */

/* libcsv callbacks that keep the header and the first data row only. */
static void head_on_field(void *data, size_t len, void *context)
{
    csv_rows *r = context;
    if (r->count < 2)
        csv_on_field(data, len, context);
}

static void head_on_row(int terminator, void *context)
{
    csv_rows *r = context;
    if (r->count < 2)
        csv_on_row(terminator, context);
}

static char *csv_head_cell(const csv_rows *r, const char *column)
{
    for (size_t c = 0; c < r->sizes[0] && c < r->sizes[1]; c++)
        if (strcmp(r->rows[0][c], column) == 0)
            return report_cell_restore(r->rows[1][c]);
    return NULL;
}

/* Unit code and signer key id from the header and first row of a CSV
 * report. A damaged later row does not matter here: the signature check
 * that follows says whether the file is intact. */
static int csv_claim(const char *data, size_t len, char **unit_code, char **key_id, char **err)
{
    csv_rows r = {0};
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0)
        return error_set(err, "out of memory");
    csv_parse(&p, data + 3, len - 3, head_on_field, head_on_row, &r);
    csv_free(&p);
    int rc = 0;
    if (r.failed)
        rc = error_set(err, "out of memory");
    else if (r.count < 2)
        rc = error_set(err, "no header and first row");
    else if ((*unit_code = csv_head_cell(&r, "unit_code")) == NULL ||
             (*key_id = csv_head_cell(&r, "signer_key_id")) == NULL)
        rc = error_set(err, "no unit_code or signer_key_id column");
    csv_rows_free(&r);
    return rc;
}

static int sqlite_claim(const char *data, size_t len, char **unit_code, char **key_id, char **err)
{
    sqlite3 *db;
    if (open_copy(data, len, &db, err) != 0)
        return -1;
    sqlite3_stmt *st;
    int rc = 0;
    if (sqlite3_prepare_v2(db, "SELECT unit_code, signer_key_id FROM report LIMIT 1", -1, &st, NULL) != SQLITE_OK) {
        rc = error_set(err, "SQLite: %s", sqlite3_errmsg(db));
    } else {
        if (sqlite3_step(st) != SQLITE_ROW)
            rc = error_set(err, "the report table is empty or damaged");
        else if ((*unit_code = column_text(st, 0)) == NULL || (*key_id = column_text(st, 1)) == NULL)
            rc = error_set(err, "out of memory");
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return rc;
}

/* The unit code and signer key id a report claims, without believing
 * anything else in it. Returns 0, or -1 with *err. */
static int report_claim(const char *data, size_t len, char **unit_code, char **key_id, char **err)
{
    *unit_code = *key_id = NULL;
    report_format f = report_detect_format(data, len);
    int rc = f == REPORT_FORMAT_CSV ? csv_claim(data, len, unit_code, key_id, err)
           : f == REPORT_FORMAT_SQLITE ? sqlite_claim(data, len, unit_code, key_id, err)
           : error_set(err, "neither its CSV header nor a SQLite database");
    if (rc == 0 && !ident_unit_code_valid(*unit_code))
        rc = error_set(err, "the unit code '%.80s' is not 1 to 32 letters, digits, '-' and '_'", *unit_code);
    if (rc != 0) {
        free(*unit_code);
        free(*key_id);
        *unit_code = *key_id = NULL;
        error_prefix(err, "not a selfcheck report");
    }
    return rc;
}

/* ---- verification ---- */

void report_verification_clear(report_verification *v)
{
    if (v == NULL)
        return;
    report_doc_free(v->doc);
    free(v->key_path);
    free(v->key_id);
    v->doc = NULL;
    v->key_path = v->key_id = NULL;
}

/* Loads a public key and notes it in v. */
static report_verify_status load_key(const char *path, report_verification *v, sign_key **key, char **err)
{
    sign_status st = sign_key_load_public(path, key, err);
    if (st != SIGN_OK)
        return REPORT_VERIFY_KEY;
    free(v->key_path);
    free(v->key_id);
    v->key_path = strdup(path);
    v->key_id = sign_key_id(*key);
    v->algo = sign_key_algo(*key);
    if (v->key_path == NULL || v->key_id == NULL) {
        error_set(err, "out of memory");
        return REPORT_VERIFY_INTERNAL;
    }
    return REPORT_VERIFY_OK;
}

/* The signature against the bytes; any failure but an internal one is a
 * signature that does not verify with this key. */
static report_verify_status check_signature(const sign_key *key, const char *data, size_t len,
                                            const char *sig, size_t sig_len, char **err)
{
    sign_status st = sign_verify_data(key, (const unsigned char *)data, len, (const unsigned char *)sig,
                                      sig_len, err);
    if (st == SIGN_OK)
        return REPORT_VERIFY_OK;
    return st == SIGN_ERR_INTERNAL ? REPORT_VERIFY_INTERNAL : REPORT_VERIFY_BAD_SIGNATURE;
}

/* The unit whose TRUST_DIR/UNIT.pub has key id `key_id`: a new string with
 * the unit code, or NULL. Keys that do not load are passed over. */
static char *trusted_unit_of(const char *trust_dir, const char *key_id)
{
    DIR *d = opendir(trust_dir);
    if (d == NULL)
        return NULL;
    char *found = NULL;
    struct dirent *e;
    while (found == NULL && (e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n <= 4 || strcmp(e->d_name + n - 4, ".pub") != 0)
            continue;
        char *path = fsutil_join(trust_dir, e->d_name);
        sign_key *key = NULL;
        if (path && sign_key_load_public(path, &key, NULL) == SIGN_OK) {
            char *id = sign_key_id(key);
            if (id && strcmp(id, key_id) == 0)
                found = strndup(e->d_name, n - 4);
            free(id);
        }
        sign_key_free(key);
        free(path);
    }
    closedir(d);
    return found;
}

/* The signature failed with the unit's registered key: the file changed,
 * or someone else's key signed it. The signer key id the report claims
 * tells which. */
static report_verify_status explain_failure(const char *path, const char *trust_dir, const char *unit,
                                            const char *claimed_id, const report_verification *v,
                                            const char *data, size_t len, const char *sig, size_t sig_len,
                                            char **err)
{
    if (strcmp(claimed_id, v->key_id) == 0) {
        error_set(err, "%s: the signature does not match with unit %s's registered key (the file "
                  "changed after signing)", path, unit);
        return REPORT_VERIFY_BAD_SIGNATURE;
    }
    char *other = *claimed_id ? trusted_unit_of(trust_dir, claimed_id) : NULL;
    if (other != NULL) {
        char *name = NULL, *other_path = NULL;
        sign_key *key = NULL;
        bool signed_by_other = false;
        if (asprintf(&name, "%s.pub", other) >= 0)
            other_path = fsutil_join(trust_dir, name);
        free(name);
        if (other_path && sign_key_load_public(other_path, &key, NULL) == SIGN_OK)
            signed_by_other = sign_verify_data(key, (const unsigned char *)data, len,
                                               (const unsigned char *)sig, sig_len, NULL) == SIGN_OK;
        error_set(err, "%s: says it is unit %s's report but %s with the key registered for unit %s",
                  path, unit, signed_by_other ? "is signed" : "claims to be signed", other);
        sign_key_free(key);
        free(other_path);
        free(other);
    } else {
        error_set(err, "%s: says it is unit %s's report but names signer key %.16s…, not the key "
                  "registered for %s (%.16s…)", path, unit, claimed_id, unit, v->key_id);
    }
    return REPORT_VERIFY_KEY_MISMATCH;
}

/* Picks TRUST_DIR/UNIT.pub by the unit the report claims and checks the
 * signature with it. */
static report_verify_status verify_trusted(const char *path, const char *trust_dir, const char *data, size_t len,
                                           const char *sig, size_t sig_len, report_verification *out,
                                           sign_key **key, char **unit_out, char **err)
{
    char *unit = NULL, *claimed_id = NULL, *key_path = NULL, *name = NULL;
    report_verify_status status;
    if (report_claim(data, len, &unit, &claimed_id, err) != 0) {
        error_prefix(err, "%s", path);
        return REPORT_VERIFY_MALFORMED;
    }
    /* unit is letters, digits, '-' and '_' (report_claim): it cannot leave
     * the trust folder */
    if (asprintf(&name, "%s.pub", unit) < 0 || (key_path = fsutil_join(trust_dir, name)) == NULL) {
        error_set(err, "out of memory");
        status = REPORT_VERIFY_INTERNAL;
    } else if (!fsutil_exists(key_path)) {
        error_set(err, "%s: unit %s has no registered key (%s does not exist)", path, unit, key_path);
        status = REPORT_VERIFY_UNKNOWN_SIGNER;
    } else if ((status = load_key(key_path, out, key, err)) == REPORT_VERIFY_OK) {
        status = check_signature(*key, data, len, sig, sig_len, err);
        if (status == REPORT_VERIFY_BAD_SIGNATURE)
            status = explain_failure(path, trust_dir, unit, claimed_id, out, data, len, sig, sig_len, err);
    }
    free(name);
    free(key_path);
    free(claimed_id);
    *unit_out = unit;
    return status;
}

report_verify_status report_verify(const char *path, const char *pubkey_path,
                                   const char *trust_dir, report_verification *out,
                                   char **err)
{
    memset(out, 0, sizeof *out);
    if ((pubkey_path == NULL) == (trust_dir == NULL)) {
        error_set(err, "verify: give either a public key or a trust folder");
        return REPORT_VERIFY_INTERNAL;
    }
    char *data = NULL, *sig = NULL, *sig_path = NULL, *trusted_unit = NULL;
    size_t len = 0, sig_len = 0;
    report_doc *doc = NULL;
    sign_key *key = NULL;
    report_verify_status status = REPORT_VERIFY_MALFORMED;
    if (asprintf(&sig_path, "%s.sig", path) < 0) {
        sig_path = NULL;
        error_set(err, "out of memory");
        status = REPORT_VERIFY_INTERNAL;
        goto done;
    }
    if (fsutil_read_file(path, REPORT_MAX_BYTES, &data, &len, err) != 0)
        goto done;
    if (!fsutil_exists(sig_path)) {
        error_set(err, "%s: no signature file %s next to it", path, sig_path);
        goto done;
    }
    if (fsutil_read_file(sig_path, SIG_MAX_BYTES, &sig, &sig_len, err) != 0)
        goto done;

    if (pubkey_path != NULL) {
        if ((status = load_key(pubkey_path, out, &key, err)) != REPORT_VERIFY_OK)
            goto done;
        status = check_signature(key, data, len, sig, sig_len, err);
        if (status == REPORT_VERIFY_BAD_SIGNATURE)
            error_set(err, "%s: the signature does not match with %s (the file changed after "
                      "signing, or another key signed it)", path, pubkey_path);
    } else {
        status = verify_trusted(path, trust_dir, data, len, sig, sig_len, out, &key, &trusted_unit, err);
    }
    if (status != REPORT_VERIFY_OK)
        goto done;

    /* Signed by the right key: only now is the content read, from the
     * very bytes that were checked. */
    if (report_parse(data, len, &doc, err) != 0) {
        error_prefix(err, "%s", path);
        status = REPORT_VERIFY_MALFORMED;
        goto done;
    }
    if (trusted_unit != NULL && strcmp(doc->unit_code, trusted_unit) != 0) {
        error_set(err, "%s: names unit %s in one place and %s in another", path, trusted_unit, doc->unit_code);
        status = REPORT_VERIFY_MALFORMED;
        goto done;
    }
    /* A report naming another signer than the key that signed it is not
     * one selfcheck wrote. */
    if (strcmp(doc->signer_key_id, out->key_id) != 0) {
        error_set(err, "%s: signed with key %.16s… but names signer key %.16s…", path, out->key_id,
                  doc->signer_key_id);
        status = REPORT_VERIFY_KEY_MISMATCH;
        goto done;
    }
    if (strcmp(doc->signature_algo, sign_algo_name(out->algo)) != 0) {
        error_set(err, "%s: signed with %s but names %s", path, sign_algo_name(out->algo), doc->signature_algo);
        status = REPORT_VERIFY_MALFORMED;
        goto done;
    }
    out->doc = doc;
    doc = NULL;
    status = REPORT_VERIFY_OK;
done:
    report_doc_free(doc);
    sign_key_free(key);
    free(trusted_unit);
    free(sig_path);
    free(sig);
    free(data);
    return status;
}
