/* csvfile.c: strict CSV reading with line numbers, writing, and the formula
 * guard, over libcsv (see csvfile.h).
 *
 * libcsv reports a row only when it ends, with no position, so the text is
 * fed one line at a time (each chunk ends at a '\n' or a bare '\r'): a row
 * that is not open when a chunk with something in it begins starts on that
 * chunk's line, and a syntax error lies on the line being fed.
 *
 * Rows that open with the same fields as the row before (a report's own
 * columns, repeated on every item row) can be recognised by their bytes and
 * those fields copied instead of parsed again (csvfile_parse_repeating): the
 * table is the same, libcsv parses the rest of the row. */
#include "csvfile.h"
#include "error.h"
#include "i18n.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

/* The fields are copied one after another into one block of text, each
 * NUL-terminated, and the rows only note where their fields start: a
 * report of 5,000 fields costs a handful of allocations, not 5,000. The
 * pointers are made at the end, when the text no longer moves. */
typedef struct reader {
    char *text;
    size_t text_len, text_capacity;
    size_t *starts;         /* where each field begins in text */
    size_t field_count, field_capacity;
    csvfile_row *rows;      /* count and line; fields are set at the end */
    size_t row_count, row_capacity;
    size_t row_first;       /* the first field of the row being read */
    bool row_open;
    int row_line;           /* where the row being read began */
    bool failed;            /* out of memory in a callback */
    /* csvfile_parse_repeating: the opening of the last row parsed whole */
    size_t repeat;          /* how many fields an opening has; 0: none */
    const char *ref_raw;    /* its bytes in the input, or NULL */
    size_t ref_raw_len;     /* through the ',' after its last field */
    size_t ref_first;       /* its first field (an index into starts) */
    char *encoded;          /* scratch: how the writer quotes an opening */
    size_t encoded_capacity;
} reader;

/* The capacity that holds need, doubling from have (or first). */
static size_t grown_capacity(size_t have, size_t need, size_t first)
{
    size_t c = have ? have : first;
    while (c < need)
        c *= 2;
    return c;
}

static bool reserve_text(reader *r, size_t more)
{
    if (r->text_len + more <= r->text_capacity)
        return true;
    size_t c = grown_capacity(r->text_capacity, r->text_len + more, 4096);
    char *g = realloc(r->text, c);
    if (g == NULL)
        return false;
    r->text = g;
    r->text_capacity = c;
    return true;
}

static bool reserve_field(reader *r)
{
    if (r->field_count < r->field_capacity)
        return true;
    size_t c = grown_capacity(r->field_capacity, r->field_count + 1, 256);
    size_t *g = realloc(r->starts, c * sizeof *g);
    if (g == NULL)
        return false;
    r->starts = g;
    r->field_capacity = c;
    return true;
}

static bool reserve_row(reader *r)
{
    if (r->row_count < r->row_capacity)
        return true;
    size_t c = grown_capacity(r->row_capacity, r->row_count + 1, 64);
    csvfile_row *g = realloc(r->rows, c * sizeof *g);
    if (g == NULL)
        return false;
    r->rows = g;
    r->row_capacity = c;
    return true;
}

static void on_field(void *data, size_t len, void *context)
{
    reader *r = context;
    if (r->failed)
        return;
    if (!reserve_field(r) || !reserve_text(r, len + 1)) {
        r->failed = true;
        return;
    }
    r->starts[r->field_count++] = r->text_len;
    if (len > 0)
        memcpy(r->text + r->text_len, data, len);
    r->text[r->text_len + len] = '\0';
    r->text_len += len + 1;
}

static void on_row(int terminator, void *context)
{
    (void)terminator;
    reader *r = context;
    r->row_open = false;
    if (r->failed)
        return;
    if (!reserve_row(r)) {
        r->failed = true;
        return;
    }
    r->rows[r->row_count++] = (csvfile_row){NULL, r->field_count - r->row_first, r->row_line};
    r->row_first = r->field_count;
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

/* The end of the chunk that starts at pos: just after the next '\n', or
 * after a '\r' that no '\n' follows (a bare CR ends a row), or len. */
static size_t chunk_end(const char *text, size_t len, size_t pos)
{
    const char *nl = memchr(text + pos, '\n', len - pos);
    size_t stop = nl ? (size_t)(nl - text) : len;
    const char *cr = text + pos;
    while ((cr = memchr(cr, '\r', stop - (size_t)(cr - text))) != NULL) {
        size_t at = (size_t)(cr - text);
        if (at + 1 >= len || text[at + 1] != '\n')
            return at + 1;
        cr++;
        if ((size_t)(cr - text) >= stop)
            break;
    }
    return nl ? stop + 1 : len;
}

/* ---- repeated openings ---- */

/* The length of field i of the text read so far (its NUL excluded; a field
 * may hold NUL bytes of its own). Field i + 1 must exist. */
static size_t field_len(const reader *r, size_t i)
{
    return r->starts[i + 1] - r->starts[i] - 1;
}

/* After a row that began a chunk was parsed whole (its fields from first
 * on): makes its opening the one later rows are compared with, when the
 * chunk's bytes begin with exactly its first `repeat` fields as the writer
 * quotes them ("text" with '"' doubled, then ','). Then those bytes, read
 * again from the start of a row, give those fields again and leave libcsv
 * at the start of a field, which it treats as the start of a row but for
 * blanks and line ends (checked where the opening is skipped). */
static void note_opening(reader *r, const char *chunk, size_t n, size_t first)
{
    r->ref_raw = NULL;
    if (r->failed || r->row_count == 0 || r->rows[r->row_count - 1].count <= r->repeat)
        return;
    size_t least = 0, need = 0;
    for (size_t i = 0; i < r->repeat; i++) {
        least += field_len(r, first + i) + 3;
        need += 2 * field_len(r, first + i) + 3;
    }
    if (least >= n)
        return;   /* the chunk cannot hold it and more */
    if (need > r->encoded_capacity) {
        size_t c = grown_capacity(r->encoded_capacity, need, 1024);
        char *g = realloc(r->encoded, c);
        if (g == NULL)
            return;   /* only an optimisation: parse every row */
        r->encoded = g;
        r->encoded_capacity = c;
    }
    size_t len = 0;
    for (size_t i = 0; i < r->repeat; i++) {
        const char *field = r->text + r->starts[first + i];
        size_t flen = field_len(r, first + i);
        r->encoded[len++] = '"';
        for (size_t k = 0; k < flen; k++) {
            if (field[k] == '"')
                r->encoded[len++] = '"';
            r->encoded[len++] = field[k];
        }
        r->encoded[len++] = '"';
        r->encoded[len++] = ',';
    }
    if (len < n && memcmp(chunk, r->encoded, len) == 0) {
        r->ref_raw = chunk;
        r->ref_raw_len = len;
        r->ref_first = first;
    }
}

/* At the start of a row: when the chunk opens with the bytes of the noted
 * opening, then a byte that is not a blank or a line end, appends that
 * opening's fields and returns how many bytes they took; else 0. (Blanks
 * are skipped at the start of a row and of a field alike, but what comes
 * after them, a line end or the end of the text, ends a row only after a
 * field.) */
static size_t copy_opening(reader *r, const char *chunk, size_t n)
{
    size_t len = r->ref_raw_len;
    if (r->ref_raw == NULL || n <= len || strchr(" \t\r\n", chunk[len]) != NULL ||
        memcmp(chunk, r->ref_raw, len) != 0)
        return 0;
    size_t from = r->starts[r->ref_first];
    size_t span = r->starts[r->ref_first + r->repeat] - from;
    if (!reserve_text(r, span)) {
        r->failed = true;
        return 0;
    }
    for (size_t i = 0; i < r->repeat; i++) {
        if (!reserve_field(r)) {
            r->failed = true;
            return 0;
        }
        r->starts[r->field_count++] = r->text_len + (r->starts[r->ref_first + i] - from);
    }
    memcpy(r->text + r->text_len, r->text + from, span);
    r->text_len += span;
    return len;
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

/* Makes the table of what was read: the pointers into the text. NULL when
 * out of memory. Takes the reader's blocks either way. */
static csvfile_table *table_of(reader *r, size_t max_rows)
{
    /* a chunk may end more than one row (bare CRs): keep what was asked */
    size_t rows = max_rows > 0 && r->row_count > max_rows ? max_rows : r->row_count;
    size_t fields = 0;
    for (size_t i = 0; i < rows; i++)
        fields += r->rows[i].count;
    csvfile_table *t = calloc(1, sizeof *t);
    char **cells = calloc(fields ? fields : 1, sizeof *cells);
    if (t == NULL || cells == NULL || (r->text == NULL && !reserve_text(r, 1))) {
        free(t);
        free(cells);
        free(r->rows);
        free(r->text);
        return NULL;
    }
    for (size_t f = 0; f < fields; f++)
        cells[f] = r->text + r->starts[f];
    size_t at = 0;
    for (size_t i = 0; i < rows; i++) {
        r->rows[i].fields = cells + at;
        at += r->rows[i].count;
    }
    t->rows = r->rows;
    t->count = rows;
    t->cells = cells;
    t->text = r->text;
    return t;
}

static csvfile_status parse(const char *text, size_t len, size_t max_rows, size_t repeat, csvfile_table **out,
                            int *line, char **err)
{
    *out = NULL;
    if (line != NULL)
        *line = 0;
    if (len >= 3 && memcmp(text, CSVFILE_BOM, 3) == 0) {
        text += 3;
        len -= 3;
    }
    reader r = {.repeat = repeat};
    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return fail_with(CSVFILE_NOMEM, err);
    csvfile_status status = CSVFILE_OK;
    int at = 1;
    size_t pos = 0;
    bool stopped = false;
    while (pos < len && status == CSVFILE_OK) {
        size_t end = chunk_end(text, len, pos);
        size_t n = end - pos;
        size_t skip = 0, rows_before = r.row_count, first = r.field_count;
        bool opens = false;
        if (!r.row_open && chunk_has_content(text + pos, n)) {
            r.row_open = true;
            r.row_line = at;
            opens = repeat > 0;
            if (opens)
                skip = copy_opening(&r, text + pos, n);
        }
        if (r.failed) {
            status = CSVFILE_NOMEM;
            break;
        }
        if (csv_parse(&parser, text + pos + skip, n - skip, on_field, on_row, &r) != n - skip) {
            /* read the error before csv_fini, which would clear it */
            status = csv_error(&parser) == CSV_ENOMEM ? CSVFILE_NOMEM : CSVFILE_MALFORMED;
            break;
        }
        if (r.failed) {
            status = CSVFILE_NOMEM;
            break;
        }
        if (opens && skip == 0 && r.row_count == rows_before + 1)
            note_opening(&r, text + pos, n, first);
        if (text[end - 1] == '\n')
            at++;
        pos = end;
        if (max_rows > 0 && r.row_count >= max_rows) {
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
    csvfile_table *t = NULL;
    if (status == CSVFILE_OK && (t = table_of(&r, max_rows)) == NULL)
        status = CSVFILE_NOMEM;
    else if (status != CSVFILE_OK) {
        free(r.rows);
        free(r.text);
    }
    free(r.starts);
    free(r.encoded);
    if (status != CSVFILE_OK) {
        if (line != NULL)
            *line = at;
        return fail_with(status, err);
    }
    *out = t;
    return CSVFILE_OK;
}

csvfile_status csvfile_parse(const char *text, size_t len, size_t max_rows, csvfile_table **out, int *line,
                             char **err)
{
    return parse(text, len, max_rows, 0, out, line, err);
}

csvfile_status csvfile_parse_repeating(const char *text, size_t len, size_t repeat, csvfile_table **out, int *line,
                                       char **err)
{
    return parse(text, len, 0, repeat, out, line, err);
}

void csvfile_table_free(csvfile_table *t)
{
    if (t == NULL)
        return;
    free(t->rows);
    free(t->cells);
    free(t->text);
    free(t);
}

char *csvfile_table_take_text(csvfile_table *t)
{
    char *text = t->text;
    t->text = NULL;
    return text;
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

const char *csvfile_unguarded(const char *text)
{
    const char *src = text ? text : "";
    return src[0] == '\'' && needs_guard(src[1]) ? src + 1 : src;
}

char *csvfile_unguard(const char *text)
{
    return strdup(csvfile_unguarded(text));
}
