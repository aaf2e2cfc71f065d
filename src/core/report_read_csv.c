/* report_read_csv.c: the CSV half of the report reader (see
 * report_read_csv.h and docs/report-format.md).
 *
 * Strict RFC 4180 through libcsv, UTF-8 checked first, every cell's formula
 * guard undone, and the report's own columns checked to agree on every row. */
#include "report_read_csv.h"
#include "error.h"
#include "i18n.h"
#include "number.h"
#include "report_format.h"
#include "text.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

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

static int csv_fill_item(char **row, report_item *it, char **err)
{
    char *version = cell(row, REPORT_COL_CHECKLIST_VERSION);
    char *weight = cell(row, REPORT_COL_WEIGHT);
    char *score = cell(row, REPORT_COL_SCORE);
    char *max = cell(row, REPORT_COL_MAX_SCORE);
    char *finding = cell(row, REPORT_COL_FINDING);
    it->checklist_id = cell(row, REPORT_COL_CHECKLIST_ID);
    it->checklist_digest = cell(row, REPORT_COL_CHECKLIST_DIGEST);
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
    long v;
    if (!version || !weight || !score || !max || !finding || !it->checklist_id || !it->checklist_digest ||
        !it->item_id ||
        !it->system_id || !it->system_name || !it->question_zh || !it->severity || !it->state ||
        !it->answer || !it->answer_text || !it->note || !it->owner || !it->due) {
        rc = error_set(err, "out of memory");
    } else if (!number_parse_whole(version, 0, 1000000000L, &v)) {
        rc = error_set(err, "checklist_version '%.40s' is not a whole number", version);
    } else {
        it->checklist_version = (int)v;
        it->scored = *score != '\0';
        if (!number_parse_real(weight, &it->weight))
            rc = error_set(err, "weight '%.40s' is not a number", weight);
        else if (it->scored && (!number_parse_real(score, &it->score) ||
                                !number_parse_real(max, &it->max_score)))
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

static int csv_fill_doc(char **row, report_doc *doc, char **err)
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
    else if (!number_parse_real(percent, &doc->percent))
        rc = error_set(err, "total_percent '%.40s' is not a number", percent);
    free(complete);
    free(percent);
    return rc;
}

/* Puts the checklist_digest column (its name in the header, empty below)
 * into the rows of a version 1 report. Rows of another width are left
 * alone, for the width check to refuse. 0, or -1 when out of memory. */
static int insert_digest_column(csv_rows *rows)
{
    for (size_t r = 0; r < rows->count; r++) {
        if (rows->sizes[r] != REPORT_COL_COUNT - 1)
            continue;
        char *text = strdup(r == 0 ? report_csv_columns[REPORT_COL_CHECKLIST_DIGEST] : "");
        char **grown = text ? realloc(rows->rows[r], REPORT_COL_COUNT * sizeof *grown) : NULL;
        if (grown == NULL) {
            free(text);
            return -1;
        }
        memmove(grown + REPORT_COL_CHECKLIST_DIGEST + 1, grown + REPORT_COL_CHECKLIST_DIGEST,
                (REPORT_COL_COUNT - 1 - REPORT_COL_CHECKLIST_DIGEST) * sizeof *grown);
        grown[REPORT_COL_CHECKLIST_DIGEST] = text;
        rows->rows[r] = grown;
        rows->sizes[r] = REPORT_COL_COUNT;
    }
    return 0;
}

int report_csv_read(const char *data, size_t len, report_doc *doc, char **err)
{
    const char *body = data + 3;   /* the byte-order mark, checked by detection */
    len -= 3;
    size_t bad;
    if (!text_utf8_valid(body, len, &bad))
        return error_set(err, "line %d: not UTF-8", line_of(body, bad));
    csv_rows rows = {0};
    int rc = -1;
    if (csv_split(body, len, &rows, err) != 0)
        goto done;
    if (rows.count < 2 || rows.sizes[1] < 1) {
        error_set(err, "no item rows after the header");
        goto done;
    }
    char *version = cell(rows.rows[1], REPORT_COL_FORMAT_VERSION);
    long v = 0;
    bool supported = version && number_parse_whole(version, REPORT_FORMAT_VERSION_MIN, REPORT_FORMAT_VERSION, &v);
    if (!supported)
        error_set(err, "format version '%.20s': this selfcheck reads versions %d to %d", version ? version : "",
                  REPORT_FORMAT_VERSION_MIN, REPORT_FORMAT_VERSION);
    free(version);
    if (!supported)
        goto done;
    doc->format_version = (int)v;
    /* version 1 has no checklist_digest column: an empty one is put in, so
     * that the rest reads both alike */
    if (v == 1 && insert_digest_column(&rows) != 0) {
        error_set(err, "out of memory");
        goto done;
    }
    if (rows.sizes[0] != REPORT_COL_COUNT) {
        error_set(err, "line 1: %zu columns, a version %d report has %d", rows.sizes[0] - (v == 1),
                  (int)v, REPORT_COL_COUNT - (v == 1));
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
    doc->items = calloc(rows.count - 1, sizeof *doc->items);
    if (doc->items == NULL) {
        error_set(err, "out of memory");
        goto done;
    }
    if (csv_fill_doc(rows.rows[1], doc, err) != 0)
        goto done;
    for (size_t r = 1; r < rows.count; r++) {
        report_item *it = &doc->items[doc->item_count++];
        if (csv_fill_item(rows.rows[r], it, err) != 0) {
            error_prefix(err, "row %zu", r + 1);
            goto done;
        }
    }
    rc = 0;
done:
    csv_rows_free(&rows);
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
int report_csv_claim(const char *data, size_t len, char **unit_code, char **key_id, char **err)
{
    *unit_code = *key_id = NULL;
    if (len < 3)
        return error_set(err, "no header and first row");
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
    if (rc != 0) {
        free(*unit_code);
        free(*key_id);
        *unit_code = *key_id = NULL;
    }
    return rc;
}

