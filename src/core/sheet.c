/* sheet.c: the CSV answer sheet, written and read with libcsv (see sheet.h
 * and docs/answer-sheet.md). */
#include "sheet.h"
#include "answer.h"
#include "error.h"
#include "fsutil.h"
#include "msg.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

#include <csv.h>

#define SHEET_MAX_BYTES (32u * 1024u * 1024u)
#define UTF8_BOM "\xEF\xBB\xBF"

static void buffer_append(csv_buffer *b, const char *data, size_t len)
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

void csv_buffer_raw(csv_buffer *b, const char *text)
{
    buffer_append(b, text, strlen(text));
}

void csv_buffer_field(csv_buffer *b, const char *text, int last_in_row)
{
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

int sheet_render_template(const plan *pl, char **out, size_t *len, char **err)
{
    csv_buffer b = {0};
    csv_buffer_raw(&b, UTF8_BOM);
    const char *header[] = {"checklist_id", "item_id", "system", "type", "allowed", "question_zh",
                            "question_en", "answer", "note", "remediation_owner", "remediation_due"};
    size_t columns = sizeof header / sizeof header[0];
    for (size_t c = 0; c < columns; c++)
        csv_buffer_field(&b, header[c], c + 1 == columns);
    for (size_t i = 0; i < pl->count; i++) {
        const instance *in = &pl->items[i];
        char *allowed = answer_allowed(in->item);
        const char *row[] = {in->list->id, in->item->id, in->system_id, answer_type_name(in->item->type),
                             allowed, in->item->question_zh, in->item->question_en, "", "", "", ""};
        for (size_t c = 0; c < columns; c++)
            csv_buffer_field(&b, row[c], c + 1 == columns);
        free(allowed);
    }
    if (b.failed) {
        free(b.data);
        return error_set(err, msg("out of memory"));
    }
    *out = b.data;
    *len = b.len;
    return 0;
}

/* Parser state shared with libcsv's callbacks. */
typedef struct sheet_parse {
    char **fields;          /* the current row */
    size_t field_count, field_capacity;
    int line;               /* physical line being fed */
    int field_line;         /* line where the current row began */
    bool row_started;
    char ***rows;           /* every row's fields */
    size_t *row_sizes;
    int *row_lines;
    size_t row_count, row_capacity;
    bool failed;
} sheet_parse;

static void on_field(void *data, size_t len, void *context)
{
    sheet_parse *p = context;
    if (p->failed)
        return;
    if (p->field_count == p->field_capacity) {
        size_t capacity = p->field_capacity ? p->field_capacity * 2 : 16;
        char **grown = realloc(p->fields, capacity * sizeof *grown);
        if (grown == NULL) {
            p->failed = true;
            return;
        }
        p->fields = grown;
        p->field_capacity = capacity;
    }
    char *copy = malloc(len + 1);
    if (copy == NULL) {
        p->failed = true;
        return;
    }
    memcpy(copy, data ? data : "", len);
    copy[len] = '\0';
    p->fields[p->field_count++] = copy;
}

static void on_row(int terminator, void *context)
{
    (void)terminator;
    sheet_parse *p = context;
    if (p->failed)
        return;
    if (p->row_count == p->row_capacity) {
        size_t capacity = p->row_capacity ? p->row_capacity * 2 : 64;
        char ***rows = realloc(p->rows, capacity * sizeof *rows);
        if (rows)
            p->rows = rows;
        size_t *sizes = realloc(p->row_sizes, capacity * sizeof *sizes);
        if (sizes)
            p->row_sizes = sizes;
        int *lines = realloc(p->row_lines, capacity * sizeof *lines);
        if (lines)
            p->row_lines = lines;
        if (!rows || !sizes || !lines) {
            p->failed = true;
            return;
        }
        p->row_capacity = capacity;
    }
    p->rows[p->row_count] = p->fields;
    p->row_sizes[p->row_count] = p->field_count;
    p->row_lines[p->row_count] = p->field_line;
    p->row_count++;
    p->fields = NULL;
    p->field_count = p->field_capacity = 0;
    p->row_started = false;
}

static void free_parse(sheet_parse *p)
{
    for (size_t i = 0; i < p->field_count; i++)
        free(p->fields[i]);
    free(p->fields);
    for (size_t r = 0; r < p->row_count; r++) {
        for (size_t i = 0; i < p->row_sizes[r]; i++)
            free(p->rows[r][i]);
        free(p->rows[r]);
    }
    free(p->rows);
    free(p->row_sizes);
    free(p->row_lines);
}

/* Feeds libcsv a byte at a time so that each row's first line is known
 * exactly, even when a quoted field holds line breaks. Sheets are small. */
static int parse_csv(const char *path, const char *text, size_t len, sheet_parse *p, char **err)
{
    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return error_set(err, msg("out of memory"));
    p->line = 1;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (!p->row_started && c != '\r' && c != '\n' && c != ' ' && c != '\t') {
            p->row_started = true;
            p->field_line = p->line;
        }
        if (csv_parse(&parser, &c, 1, on_field, on_row, p) != 1) {
            error_set(err, msg("%s:%d: malformed CSV: %s (a quote inside a field must be doubled)"), path, p->line,
                      csv_strerror(csv_error(&parser)));
            csv_free(&parser);
            return -1;
        }
        if (c == '\n')
            p->line++;
        if (p->failed)
            break;
    }
    if (csv_fini(&parser, on_field, on_row, p) != 0) {
        error_set(err, msg("%s:%d: malformed CSV: a quoted field is not closed"), path, p->field_line);
        csv_free(&parser);
        return -1;
    }
    csv_free(&parser);
    if (p->failed)
        return error_set(err, msg("%s: out of memory"), path);
    return 0;
}

static char *dup_cell(char **fields, size_t count, long column)
{
    return strdup(column >= 0 && (size_t)column < count ? fields[column] : "");
}

int sheet_read(const char *path, sheet **out, char **err)
{
    *out = NULL;
    char *text;
    size_t len;
    if (fsutil_read_file(path, SHEET_MAX_BYTES, &text, &len, err) != 0)
        return -1;
    const char *body = text;
    /* libcsv's strict mode rejects the byte-order mark spreadsheets write */
    if (len >= 3 && memcmp(body, UTF8_BOM, 3) == 0) {
        body += 3;
        len -= 3;
    }
    size_t bad;
    if (!text_utf8_valid(body, len, &bad)) {
        int line = 1;
        for (size_t i = 0; i < bad; i++)
            line += body[i] == '\n';
        free(text);
        return error_set(err, msg("%s:%d: not UTF-8 (save the sheet as \"CSV UTF-8\")"), path, line);
    }
    sheet_parse p = {0};
    if (parse_csv(path, body, len, &p, err) != 0) {
        free(text);
        free_parse(&p);
        return -1;
    }
    free(text);
    if (p.row_count == 0) {
        free_parse(&p);
        return error_set(err, msg("%s: empty sheet: the first row must name the columns"), path);
    }
    const char *names[] = {"checklist_id", "item_id", "system", "answer", "note", "remediation_owner",
                           "remediation_due"};
    long column[7];
    for (int n = 0; n < 7; n++) {
        column[n] = -1;
        for (size_t c = 0; c < p.row_sizes[0]; c++)
            if (strcmp(p.rows[0][c], names[n]) == 0)
                column[n] = (long)c;
        if (n < 4 && column[n] < 0) {   /* the first four are required */
            error_set(err, msg("%s:%d: no column '%s' in the header row"), path, p.row_lines[0], names[n]);
            free_parse(&p);
            return -1;
        }
    }
    sheet *sh = calloc(1, sizeof *sh);
    if (sh != NULL)
        sh->rows = calloc(p.row_count, sizeof *sh->rows);
    if (sh == NULL || sh->rows == NULL) {
        free(sh);
        free_parse(&p);
        return error_set(err, msg("out of memory"));
    }
    for (size_t r = 1; r < p.row_count; r++) {
        if (p.row_sizes[r] != p.row_sizes[0]) {
            error_set(err, msg("%s:%d: this row has %zu fields, the header %zu"), path, p.row_lines[r],
                      p.row_sizes[r], p.row_sizes[0]);
            sheet_free(sh);
            free_parse(&p);
            return -1;
        }
        sheet_row *row = &sh->rows[sh->count++];
        row->line = p.row_lines[r];
        row->checklist_id = dup_cell(p.rows[r], p.row_sizes[r], column[0]);
        row->item_id = dup_cell(p.rows[r], p.row_sizes[r], column[1]);
        row->system = dup_cell(p.rows[r], p.row_sizes[r], column[2]);
        row->answer = dup_cell(p.rows[r], p.row_sizes[r], column[3]);
        row->note = dup_cell(p.rows[r], p.row_sizes[r], column[4]);
        row->owner = dup_cell(p.rows[r], p.row_sizes[r], column[5]);
        row->due = dup_cell(p.rows[r], p.row_sizes[r], column[6]);
    }
    free_parse(&p);
    *out = sh;
    return 0;
}

void sheet_free(sheet *sh)
{
    if (sh == NULL)
        return;
    for (size_t i = 0; i < sh->count; i++) {
        sheet_row *r = &sh->rows[i];
        free(r->checklist_id);
        free(r->item_id);
        free(r->system);
        free(r->answer);
        free(r->note);
        free(r->owner);
        free(r->due);
    }
    free(sh->rows);
    free(sh);
}
