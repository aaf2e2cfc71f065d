/* csvfile.c: strict CSV reading with line numbers, writing, and the formula
 * guard, over libcsv (see csvfile.h).
 *
 * libcsv reports a row only when it ends, with no position, so the text is
 * fed one line at a time (each chunk ends at a '\n' or a bare '\r'): a row
 * that is not open when a chunk with something in it begins starts on that
 * chunk's line, and a syntax error lies on the line being fed. */
#include "csvfile.h"
#include "error.h"
#include "i18n.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

typedef struct reader {
    csvfile_table *table;
    size_t capacity;
    char **fields;          /* the row being read */
    size_t field_count, field_capacity;
    bool row_open;
    int row_line;           /* where the row being read began */
    bool failed;            /* out of memory in a callback */
} reader;

static void on_field(void *data, size_t len, void *context)
{
    reader *r = context;
    if (r->failed)
        return;
    if (r->field_count == r->field_capacity) {
        size_t capacity = r->field_capacity ? r->field_capacity * 2 : 16;
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

static void free_fields(char **fields, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(fields[i]);
    free(fields);
}

static void on_row(int terminator, void *context)
{
    (void)terminator;
    reader *r = context;
    r->row_open = false;
    if (r->failed)
        return;
    csvfile_table *t = r->table;
    if (t->count == r->capacity) {
        size_t capacity = r->capacity ? r->capacity * 2 : 64;
        csvfile_row *grown = realloc(t->rows, capacity * sizeof *grown);
        if (grown == NULL) {
            r->failed = true;
            return;
        }
        t->rows = grown;
        r->capacity = capacity;
    }
    t->rows[t->count++] = (csvfile_row){r->fields, r->field_count, r->row_line};
    r->fields = NULL;
    r->field_count = r->field_capacity = 0;
}

/* Whether the chunk holds more than blanks and line ends: only then does it
 * start a row (libcsv makes no row of an empty line). */
static bool chunk_has_content(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != '\r' && p[i] != '\n' && p[i] != ' ' && p[i] != '\t')
            return true;
    return false;
}

static csvfile_status fail_with(csvfile_status status, char **err)
{
    switch (status) {
    case CSVFILE_NOMEM:
        error_set(err, "%s", _("out of memory"));
        break;
    case CSVFILE_MALFORMED:
        error_set(err, "%s", _("malformed CSV: a quote inside a field must be doubled, and nothing may follow a "
                               "closing quote"));
        break;
    case CSVFILE_UNCLOSED:
        error_set(err, "%s", _("malformed CSV: a quoted field is not closed"));
        break;
    case CSVFILE_OK:
        break;
    }
    return status;
}

csvfile_status csvfile_parse(const char *text, size_t len, size_t max_rows, csvfile_table **out, int *line,
                             char **err)
{
    *out = NULL;
    if (line != NULL)
        *line = 0;
    if (len >= 3 && memcmp(text, CSVFILE_BOM, 3) == 0) {
        text += 3;
        len -= 3;
    }
    reader r = {0};
    r.table = calloc(1, sizeof *r.table);
    if (r.table == NULL)
        return fail_with(CSVFILE_NOMEM, err);
    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        free(r.table);
        return fail_with(CSVFILE_NOMEM, err);
    }
    csvfile_status status = CSVFILE_OK;
    int at = 1;
    size_t pos = 0;
    bool stopped = false;
    while (pos < len && status == CSVFILE_OK) {
        size_t end = pos;
        while (end < len && text[end] != '\n' && !(text[end] == '\r' && (end + 1 >= len || text[end + 1] != '\n')))
            end++;
        if (end < len)
            end++;   /* the line end belongs to the chunk */
        size_t n = end - pos;
        if (!r.row_open && chunk_has_content(text + pos, n)) {
            r.row_open = true;
            r.row_line = at;
        }
        if (csv_parse(&parser, text + pos, n, on_field, on_row, &r) != n) {
            /* read the error before csv_fini, which would clear it */
            status = csv_error(&parser) == CSV_ENOMEM ? CSVFILE_NOMEM : CSVFILE_MALFORMED;
            break;
        }
        if (r.failed) {
            status = CSVFILE_NOMEM;
            break;
        }
        if (text[end - 1] == '\n')
            at++;
        pos = end;
        if (max_rows > 0 && r.table->count >= max_rows) {
            stopped = true;
            break;
        }
    }
    if (status == CSVFILE_OK && !stopped) {
        if (csv_fini(&parser, on_field, on_row, &r) != 0)
            status = CSVFILE_UNCLOSED;
        else if (r.failed)
            status = CSVFILE_NOMEM;
        if (status == CSVFILE_UNCLOSED)
            at = r.row_line;
    }
    csv_free(&parser);
    free_fields(r.fields, r.field_count);
    if (max_rows > 0 && r.table->count > max_rows) {
        /* a chunk may end more than one row (bare CRs): keep what was asked */
        for (size_t i = max_rows; i < r.table->count; i++)
            free_fields(r.table->rows[i].fields, r.table->rows[i].count);
        r.table->count = max_rows;
    }
    if (status != CSVFILE_OK) {
        csvfile_table_free(r.table);
        if (line != NULL)
            *line = at;
        return fail_with(status, err);
    }
    *out = r.table;
    return CSVFILE_OK;
}

void csvfile_table_free(csvfile_table *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->count; i++)
        free_fields(t->rows[i].fields, t->rows[i].count);
    free(t->rows);
    free(t);
}

const char *csvfile_cell(const csvfile_row *row, size_t column)
{
    return column < row->count ? row->fields[column] : "";
}

/* ---- writing ---- */

static void buffer_append(csvfile_buffer *b, const char *data, size_t len)
{
    if (b->failed)
        return;
    if (b->len + len + 1 > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 4096;
        while (capacity < b->len + len + 1)
            capacity *= 2;
        char *grown = realloc(b->data, capacity);
        if (grown == NULL) {
            b->failed = 1;
            return;
        }
        b->data = grown;
        b->capacity = capacity;
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void csvfile_buffer_raw(csvfile_buffer *b, const char *text)
{
    buffer_append(b, text, strlen(text));
}

void csvfile_buffer_field(csvfile_buffer *b, const char *text, int last_in_row)
{
    if (b->failed)
        return;
    const char *src = text ? text : "";
    size_t len = strlen(src);
    /* csv_write quotes the field and doubles quotes; it needs at most
     * 2 * len + 2 bytes and does not NUL-terminate */
    size_t room = 2 * len + 2;
    char *tmp = malloc(room);
    if (tmp == NULL) {
        b->failed = 1;
        return;
    }
    size_t written = csv_write(tmp, room, src, len);
    buffer_append(b, tmp, written);
    free(tmp);
    buffer_append(b, last_in_row ? "\r\n" : ",", last_in_row ? 2 : 1);
}

/* ---- the formula guard ---- */

static bool needs_guard(char first)
{
    return first != '\0' && strchr("=+-@\t\r\n'", first) != NULL;
}

char *csvfile_guard(const char *text)
{
    const char *src = text ? text : "";
    if (!needs_guard(src[0]))
        return strdup(src);
    char *out = NULL;
    if (asprintf(&out, "'%s", src) < 0)
        return NULL;
    return out;
}

char *csvfile_unguard(const char *text)
{
    const char *src = text ? text : "";
    return strdup(src[0] == '\'' && needs_guard(src[1]) ? src + 1 : src);
}
