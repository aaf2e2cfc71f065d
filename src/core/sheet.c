/* sheet.c: the CSV answer sheet, written and read through csvfile.h (see
 * sheet.h and docs/answer-sheet.md). */
#include "sheet.h"
#include "answer.h"
#include "csvfile.h"
#include "error.h"
#include "fsutil.h"
#include "i18n.h"
#include "text.h"

#include <stdio.h>

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>


#define SHEET_MAX_BYTES (32u * 1024u * 1024u)

/* The columns of the template; the titles above them are for people. The
 * person filling the sheet reads from the left: which system, the question,
 * what it takes, and the cells to fill; the columns the program reads back
 * to find the instance come after (answer --from finds every column by its
 * name, so sheets of the earlier order read the same). */
static const struct {
    const char *name, *title;
} template_columns[] = {
    {"system_name", N_("System name")},
    {"question_zh", N_("Question (Chinese)")},
    {"allowed", N_("Answers it takes")},
    {"answer", N_("Answer (fill in)")},
    {"note", N_("Note")},
    {"remediation_owner", N_("Remediation owner")},
    {"remediation_due", N_("Remediation due")},
    {"checklist_id", N_("Checklist")},
    {"item_id", N_("Item")},
    {"system", N_("System")},
    {"type", N_("Type")},
    {"question_en", N_("Question (English)")},
};
#define TEMPLATE_COLUMNS (sizeof template_columns / sizeof template_columns[0])

int sheet_render_template(const plan *pl, profile p, const char *period, char **out, size_t *len, char **err)
{
    csvfile_buffer b = {0};
    csvfile_buffer_raw(&b, CSVFILE_BOM);
    /* first a title for people, with the check the sheet is for in cells
     * that a spreadsheet keeps as text (it would rewrite a bare 2026-11 as
     * a date) and that answer --from reads back */
    char *title = NULL, *profile_cell = NULL, *period_cell = NULL;
    /* TRANSLATORS: the first cell of an answer sheet: profile, period */
    if (asprintf(&title, _("Answer sheet of the %s check %s"), profile_label(p), period) < 0)
        title = NULL;
    if (asprintf(&profile_cell, "profile=%s", profile_name(p)) < 0)
        profile_cell = NULL;
    if (asprintf(&period_cell, "period=%s", period) < 0)
        period_cell = NULL;
    if (title == NULL || profile_cell == NULL || period_cell == NULL)
        b.failed = 1;
    csvfile_buffer_field(&b, title, 0);
    csvfile_buffer_field(&b, profile_cell, 0);
    csvfile_buffer_field(&b, period_cell, 1);
    free(title);
    free(profile_cell);
    free(period_cell);
    for (size_t c = 0; c < TEMPLATE_COLUMNS; c++)
        csvfile_buffer_field(&b, _(template_columns[c].title), c + 1 == TEMPLATE_COLUMNS);
    for (size_t c = 0; c < TEMPLATE_COLUMNS; c++)
        csvfile_buffer_field(&b, template_columns[c].name, c + 1 == TEMPLATE_COLUMNS);
    for (size_t i = 0; i < pl->count; i++) {
        const instance *in = &pl->items[i];
        char *allowed = answer_allowed_all(in->item);
        if (allowed == NULL)
            b.failed = 1;
        const char *row[TEMPLATE_COLUMNS] = {in->system_name ? in->system_name : "",
                                             in->item->question_zh,
                                             allowed,
                                             "", "", "", "",
                                             in->list->id,
                                             in->item->id,
                                             in->system_id,
                                             answer_type_name(in->item->type),
                                             in->item->question_en};
        for (size_t c = 0; c < TEMPLATE_COLUMNS; c++)
            csvfile_buffer_field(&b, row[c], c + 1 == TEMPLATE_COLUMNS);
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

/* Reads the profile= and period= cells of the rows above the header. */
static int read_target(const csvfile_table *t, size_t header, sheet *sh)
{
    for (size_t r = 0; r < header; r++)
        for (size_t c = 0; c < t->rows[r].count; c++) {
            const char *cell = t->rows[r].fields[c];
            char **slot = strncmp(cell, "profile=", 8) == 0  ? &sh->profile
                          : strncmp(cell, "period=", 7) == 0 ? &sh->period
                                                              : NULL;
            if (slot == NULL || *slot != NULL)
                continue;
            const char *value = strchr(cell, '=') + 1;
            if ((*slot = text_strip(value, value + strlen(value))) == NULL)
                return -1;
            sh->target_line = t->rows[r].line;
        }
    return 0;
}

static char *dup_cell(const csvfile_row *row, long column)
{
    return strdup(column >= 0 ? csvfile_cell(row, (size_t)column) : "");
}

/* A cell naming a checklist, item or system, in lower case: identifiers
 * are lower-case (ident.h), and a spreadsheet may have changed the case (a
 * system recorded as true comes back from Calc as TRUE). */
static char *dup_id_cell(const csvfile_row *row, long column)
{
    char *id = dup_cell(row, column);
    for (char *p = id; p != NULL && *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return id;
}

static bool row_filled(const sheet_row *r)
{
    return r->checklist_id && r->item_id && r->system && r->answer && r->note && r->owner && r->due;
}

/* The line of byte `offset` of text. */
static int line_at(const char *text, size_t offset)
{
    int line = 1;
    for (size_t i = 0; i < offset; i++)
        line += text[i] == '\n';
    return line;
}

/* Text in encoding `from` (an iconv name) to UTF-8 with glibc's iconv.
 * Returns 0 with *out (caller frees) and *out_len, 1 when the text is not
 * in that encoding, -1 when out of memory. */
static int to_utf8(const char *from, const char *text, size_t len, char **out, size_t *out_len)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return 1;   /* no converter installed: the sheet stays refused as not UTF-8 */
    /* a GB18030 character of 1, 2 or 4 bytes, a UTF-16 unit of 2 or a pair
     * of 4, becomes at most 4 bytes of UTF-8 (3 for one UTF-16 unit) */
    size_t capacity = len * 2 + 4;
    char *buf = malloc(capacity + 1);
    int rc = buf == NULL ? -1 : 0;
    char *in = (char *)(uintptr_t)text, *o = buf;
    size_t in_left = len, out_left = capacity;
    if (rc == 0 && iconv(cd, &in, &in_left, &o, &out_left) == (size_t)-1)
        rc = errno == E2BIG ? -1 : 1;
    iconv_close(cd);
    if (rc != 0) {
        free(buf);
        return rc;
    }
    *o = '\0';
    *out = buf;
    *out_len = (size_t)(o - buf);
    return 0;
}

/* The UTF-16 byte-order marks: a spreadsheet's "Unicode" (Calc's character
 * set "Unicode", Excel's "Unicode text") is UTF-16 with one. */
static const char *utf16_encoding(const char *text, size_t len)
{
    if (len >= 2 && memcmp(text, "\xFF\xFE", 2) == 0)
        return "UTF-16LE";
    if (len >= 2 && memcmp(text, "\xFE\xFF", 2) == 0)
        return "UTF-16BE";
    return NULL;
}

/* Reads the sheet's text as UTF-8 without a byte-order mark into *out
 * (caller frees): UTF-8 as it is, else GB18030 converted (*encoding says
 * which). A NUL byte, or text in neither encoding, is refused at its line. */
static int load_text(const char *path, char **out, size_t *out_len, sheet_encoding *encoding, char **err)
{
    char *text;
    size_t len;
    if (fsutil_read_file(path, SHEET_MAX_BYTES, &text, &len, err) != 0)
        return -1;
    /* UTF-16 is converted first: its text is full of NUL bytes */
    const char *utf16 = utf16_encoding(text, len);
    if (utf16 != NULL) {
        char *converted = NULL;
        size_t converted_len = 0;
        int rc = to_utf8(utf16, text + 2, len - 2, &converted, &converted_len);
        free(text);
        if (rc < 0)
            return error_set(err, "%s", _("out of memory"));
        if (rc > 0)
            return error_set(err, _("%s: not UTF-16 text after its UTF-16 byte-order mark (save the sheet as "
                                    "\"CSV UTF-8\")"),
                             path);
        text = converted;
        len = converted_len;
    }
    /* the byte-order mark spreadsheets write is not text */
    size_t skip = len >= 3 && memcmp(text, CSVFILE_BOM, 3) == 0 ? 3 : 0;
    const char *body = text + skip;
    size_t body_len = len - skip;
    /* a NUL would silently end the cell it is in (csvfile.h): name it */
    const char *nul = memchr(body, '\0', body_len);
    if (nul != NULL) {
        int line = line_at(body, (size_t)(nul - body));
        free(text);
        return error_set(err, _("%s:%d: a NUL byte in the sheet: a cell cannot hold one"), path, line);
    }
    *encoding = utf16 != NULL ? SHEET_UTF16 : SHEET_UTF8;
    size_t bad;
    if (text_utf8_valid(body, body_len, &bad)) {
        memmove(text, body, body_len);
        text[body_len] = '\0';
        *out = text;
        *out_len = body_len;
        return 0;
    }
    /* Excel's and WPS's "CSV" on Chinese Windows is GBK: bytes that are not
     * UTF-8 are tried as GB18030 (no BOM then: that was UTF-8's) */
    int rc = skip == 0 && utf16 == NULL ? to_utf8("GB18030", body, body_len, out, out_len) : 1;
    int line = line_at(body, bad);
    free(text);
    if (rc < 0)
        return error_set(err, "%s", _("out of memory"));
    if (rc > 0)
        return error_set(err, _("%s:%d: neither UTF-8 nor GB18030 text (save the sheet as \"CSV UTF-8\")"), path,
                         line);
    *encoding = SHEET_GB18030;
    return 0;
}

/* Whether every cell of the row is empty or spaces: spreadsheets save such
 * rows below the data when cells there were ever touched. */
static bool row_blank(const csvfile_row *row)
{
    for (size_t c = 0; c < row->count; c++)
        for (const char *p = row->fields[c]; *p; p++)
            if (*p != ' ' && *p != '\t')
                return false;
    return true;
}

/* The field separator of the header row when it is a tab or a semicolon:
 * the sheet was saved as text with another field delimiter than the comma
 * (Calc offers the one chosen last; Excel's "Unicode text" uses tabs).
 * Returns it with *line the header's line, or 0 for commas or when no
 * line names item_id between separators. */
static char other_separator(const char *text, size_t len, int *line)
{
    static const char name[] = "item_id";
    const size_t n = sizeof name - 1;
    const char *end = text + len;
    for (const char *p = text; (p = memmem(p, (size_t)(end - p), name, n)) != NULL; p += n) {
        const char *before = p > text && p[-1] == '"' ? p - 1 : p;   /* a quoted cell */
        const char *after = p + n < end && p[n] == '"' ? p + n + 1 : p + n;
        char b = before > text ? before[-1] : '\n';
        char a = after < end ? *after : '\n';
        if (!strchr(",\t;\n", b) || !strchr(",\t;\r\n", a))
            continue;   /* inside a longer word */
        char separator = b != '\n' ? b : a;
        if (separator == ',')
            return 0;
        if (separator == '\t' || separator == ';') {
            *line = line_at(text, (size_t)(p - text));
            return separator;
        }
    }
    return 0;
}

/* The header row: the first that names the column item_id (rows of titles
 * for people may stand above it), else the first row. */
static size_t header_row(const csvfile_table *t)
{
    for (size_t r = 0; r < t->count; r++)
        for (size_t c = 0; c < t->rows[r].count; c++)
            if (strcmp(t->rows[r].fields[c], "item_id") == 0)
                return r;
    return 0;
}

int sheet_read(const char *path, sheet **out, char **err)
{
    *out = NULL;
    char *text = NULL;
    size_t len = 0;
    sheet_encoding encoding = SHEET_UTF8;
    if (load_text(path, &text, &len, &encoding, err) != 0)
        return -1;
    int line = 0;
    char separator = other_separator(text, len, &line);
    if (separator != 0) {
        free(text);
        return error_set(err,
                         separator == '\t'
                             ? _("%s:%d: the cells of this sheet are separated by tabs, not commas: save it as CSV "
                                 "with the comma as the field delimiter")
                             : _("%s:%d: the cells of this sheet are separated by semicolons, not commas: save it "
                                 "as CSV with the comma as the field delimiter"),
                         path, line);
    }
    csvfile_table *t = NULL;
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
    size_t first = header_row(t);
    const csvfile_row *head = &t->rows[first];
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
    sh->encoding = encoding;
    if (read_target(t, first, sh) != 0) {
        sheet_free(sh);
        csvfile_table_free(t);
        return error_set(err, _("out of memory"));
    }
    for (size_t r = first + 1; r < t->count; r++) {
        const csvfile_row *in = &t->rows[r];
        if (row_blank(in))
            continue;
        if (in->count != head->count) {
            error_set(err, _("%s:%d: this row has %zu fields, the header %zu"), path, in->line, in->count,
                      head->count);
            sheet_free(sh);
            csvfile_table_free(t);
            return -1;
        }
        sheet_row *row = &sh->rows[sh->count++];
        row->line = in->line;
        row->checklist_id = dup_id_cell(in, column[0]);
        row->item_id = dup_id_cell(in, column[1]);
        row->system = dup_id_cell(in, column[2]);
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
    free(sh->profile);
    free(sh->period);
    free(sh);
}
