/* sheet.c: the CSV answer sheet, written and read through csvfile.h (see
 * sheet.h and docs/answer-sheet.md). */
#include "sheet.h"
#include "answer.h"
#include "csvfile.h"
#include "error.h"
#include "fsutil.h"
#include "i18n.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>


#define SHEET_MAX_BYTES (32u * 1024u * 1024u)

int sheet_render_template(const plan *pl, char **out, size_t *len, char **err)
{
    csvfile_buffer b = {0};
    csvfile_buffer_raw(&b, CSVFILE_BOM);
    const char *header[] = {"checklist_id", "item_id", "system", "type", "allowed", "question_zh",
                            "question_en", "answer", "note", "remediation_owner", "remediation_due"};
    size_t columns = sizeof header / sizeof header[0];
    for (size_t c = 0; c < columns; c++)
        csvfile_buffer_field(&b, header[c], c + 1 == columns);
    for (size_t i = 0; i < pl->count; i++) {
        const instance *in = &pl->items[i];
        char *allowed = answer_allowed(in->item);
        const char *row[] = {in->list->id, in->item->id, in->system_id, answer_type_name(in->item->type),
                             allowed, in->item->question_zh, in->item->question_en, "", "", "", ""};
        for (size_t c = 0; c < columns; c++)
            csvfile_buffer_field(&b, row[c], c + 1 == columns);
        free(allowed);
    }
    if (b.failed) {
        free(b.data);
        return error_set(err, _("out of memory"));
    }
    *out = b.data;
    *len = b.len;
    return 0;
}

static char *dup_cell(const csvfile_row *row, long column)
{
    return strdup(column >= 0 ? csvfile_cell(row, (size_t)column) : "");
}

static bool row_filled(const sheet_row *r)
{
    return r->checklist_id && r->item_id && r->system && r->answer && r->note && r->owner && r->due;
}

int sheet_read(const char *path, sheet **out, char **err)
{
    *out = NULL;
    char *text;
    size_t len;
    if (fsutil_read_file(path, SHEET_MAX_BYTES, &text, &len, err) != 0)
        return -1;
    /* the byte-order mark spreadsheets write is not text */
    const char *body = text;
    size_t body_len = len;
    if (body_len >= 3 && memcmp(body, CSVFILE_BOM, 3) == 0) {
        body += 3;
        body_len -= 3;
    }
    /* a NUL would silently end the cell it is in (csvfile.h): name it */
    const char *nul = memchr(body, '\0', body_len);
    if (nul != NULL) {
        int line = 1;
        for (const char *p = body; p < nul; p++)
            line += *p == '\n';
        free(text);
        return error_set(err, _("%s:%d: a NUL byte in the sheet: a cell cannot hold one"), path, line);
    }
    size_t bad;
    if (!text_utf8_valid(body, body_len, &bad)) {
        int line = 1;
        for (size_t i = 0; i < bad; i++)
            line += body[i] == '\n';
        free(text);
        return error_set(err, _("%s:%d: not UTF-8 (save the sheet as \"CSV UTF-8\")"), path, line);
    }
    csvfile_table *t = NULL;
    int line = 0;
    csvfile_status status = csvfile_parse(text, len, 0, &t, &line, err);
    free(text);
    if (status == CSVFILE_NOMEM) {
        error_prefix(err, "%s", path);
        return -1;
    }
    if (status != CSVFILE_OK) {
        error_prefix(err, "%s:%d", path, line);
        return -1;
    }
    if (t->count == 0) {
        csvfile_table_free(t);
        return error_set(err, _("%s: empty sheet: the first row must name the columns"), path);
    }
    const csvfile_row *head = &t->rows[0];
    const char *names[] = {"checklist_id", "item_id", "system", "answer", "note", "remediation_owner",
                           "remediation_due"};
    long column[7];
    for (int n = 0; n < 7; n++) {
        column[n] = -1;
        for (size_t c = 0; c < head->count; c++) {
            if (strcmp(head->fields[c], names[n]) != 0)
                continue;
            if (column[n] >= 0) {   /* which of the two would be read is a guess */
                error_set(err, _("%s:%d: the header row names column '%s' twice (columns %ld and %zu)"), path,
                          head->line, names[n], column[n] + 1, c + 1);
                csvfile_table_free(t);
                return -1;
            }
            column[n] = (long)c;
        }
        if (n < 4 && column[n] < 0) {   /* the first four are required */
            error_set(err, _("%s:%d: no column '%s' in the header row"), path, head->line, names[n]);
            csvfile_table_free(t);
            return -1;
        }
    }
    sheet *sh = calloc(1, sizeof *sh);
    if (sh != NULL)
        sh->rows = calloc(t->count, sizeof *sh->rows);
    if (sh == NULL || sh->rows == NULL) {
        free(sh);
        csvfile_table_free(t);
        return error_set(err, _("out of memory"));
    }
    for (size_t r = 1; r < t->count; r++) {
        const csvfile_row *in = &t->rows[r];
        if (in->count != head->count) {
            error_set(err, _("%s:%d: this row has %zu fields, the header %zu"), path, in->line, in->count,
                      head->count);
            sheet_free(sh);
            csvfile_table_free(t);
            return -1;
        }
        sheet_row *row = &sh->rows[sh->count++];
        row->line = in->line;
        row->checklist_id = dup_cell(in, column[0]);
        row->item_id = dup_cell(in, column[1]);
        row->system = dup_cell(in, column[2]);
        row->answer = dup_cell(in, column[3]);
        row->note = dup_cell(in, column[4]);
        row->owner = dup_cell(in, column[5]);
        row->due = dup_cell(in, column[6]);
        if (!row_filled(row)) {
            sheet_free(sh);
            csvfile_table_free(t);
            return error_set(err, _("out of memory"));
        }
    }
    csvfile_table_free(t);
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
