/* report_read_csv.c: the CSV half of the report reader (see
 * report_read_csv.h and docs/report-format.md).
 *
 * The text is checked to be UTF-8 once, then split by the CSV module
 * (csvfile.h: strict RFC 4180, one block of text for all fields; the
 * columns an item row shares with the row before are recognised by their
 * bytes and copied, not parsed again). The report's strings point into
 * that block, which the report takes over, and a cell's formula guard is
 * undone by pointing one byte further: reading a report of 150 items costs
 * a handful of allocations, not one per cell.
 *
 * A report is a list of sections, each a header row followed by its rows;
 * the first cell of a header names its section (the table `sections`).
 * There are the items and, from format 3, the annex forms
 * (report_forms.c reads them); a later section is added as one entry of
 * the table and its reader. The report's own columns repeat on every item
 * row and must agree. */
#include "report_read_csv.h"
#include "csvfile.h"
#include "error.h"
#include "i18n.h"
#include "number.h"
#include "report_format.h"
#include "report_forms.h"
#include "report_incidents.h"
#include "text.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static int line_of(const char *text, size_t offset)
{
    int line = 1;
    for (size_t i = 0; i < offset; i++)
        line += text[i] == '\n';
    return line;
}

/* A cell with its formula guard undone, in place: the cell itself or the
 * cell one byte on. */
static char *restored(char *cell)
{
    return cell + (csvfile_unguarded(cell) != cell);
}

/* Where report column c lies in a row of this format version: version 1
 * has no checklist_digest column (-1), and the columns after it sit one to
 * the left. */
static int file_column(int c, int version)
{
    if (version >= 2 || c < REPORT_COL_CHECKLIST_DIGEST)
        return c;
    return c == REPORT_COL_CHECKLIST_DIGEST ? -1 : c - 1;
}

/* The width of a row of this version. */
static size_t row_width(int version)
{
    return version >= 2 ? REPORT_COL_COUNT : REPORT_COL_COUNT - 1;
}

/* The restored cell of report column c. A column the version does not
 * have reads as "": the empty string at the end of the row's first cell,
 * so that every string of the report lies in its one block. */
static char *cell(const csvfile_row *row, int c, int version)
{
    int f = file_column(c, version);
    if (f < 0)
        return row->fields[0] + strlen(row->fields[0]);
    return restored(row->fields[f]);
}

/* ---- the items section ---- */

static int csv_fill_item(const csvfile_row *row, int version, report_item *it, char **err)
{
    const char *text_version = cell(row, REPORT_COL_CHECKLIST_VERSION, version);
    const char *weight = cell(row, REPORT_COL_WEIGHT, version);
    const char *score = cell(row, REPORT_COL_SCORE, version);
    const char *max = cell(row, REPORT_COL_MAX_SCORE, version);
    const char *finding = cell(row, REPORT_COL_FINDING, version);
    it->checklist_id = cell(row, REPORT_COL_CHECKLIST_ID, version);
    it->checklist_digest = cell(row, REPORT_COL_CHECKLIST_DIGEST, version);
    it->item_id = cell(row, REPORT_COL_ITEM_ID, version);
    it->system_id = cell(row, REPORT_COL_SYSTEM_ID, version);
    it->system_name = cell(row, REPORT_COL_SYSTEM_NAME, version);
    it->question_zh = cell(row, REPORT_COL_QUESTION_ZH, version);
    it->severity = cell(row, REPORT_COL_SEVERITY, version);
    it->state = cell(row, REPORT_COL_STATE, version);
    it->answer = cell(row, REPORT_COL_ANSWER, version);
    it->answer_text = cell(row, REPORT_COL_ANSWER_TEXT, version);
    it->note = cell(row, REPORT_COL_NOTE, version);
    it->owner = cell(row, REPORT_COL_REMEDIATION_OWNER, version);
    it->due = cell(row, REPORT_COL_REMEDIATION_DUE, version);
    long v;
    if (!number_parse_whole(text_version, 0, 1000000000L, &v))
        return error_set(err, _("checklist_version '%.40s' is not a whole number"), text_version);
    it->checklist_version = (int)v;
    it->scored = *score != '\0';
    if (!number_parse_real(weight, &it->weight))
        return error_set(err, _("weight '%.40s' is not a number"), weight);
    if (it->scored && (!number_parse_real(score, &it->score) || !number_parse_real(max, &it->max_score)))
        return error_set(err, _("score '%1$.40s' or max_score '%2$.40s' is not a number"), score, max);
    if (!parse_yes_no(finding, &it->finding))
        return error_set(err, _("finding '%.40s' is not yes or no"), finding);
    return 0;
}

static int csv_fill_doc(const csvfile_row *row, int version, report_doc *doc, char **err)
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
        if (slots[c] != NULL)
            *slots[c] = cell(row, c, version);
    const char *complete = cell(row, REPORT_COL_COMPLETE, version);
    const char *percent = cell(row, REPORT_COL_TOTAL_PERCENT, version);
    if (!parse_yes_no(complete, &doc->complete))
        return error_set(err, _("complete '%.40s' is not yes or no"), complete);
    if (!number_parse_real(percent, &doc->percent))
        return error_set(err, _("total_percent '%.40s' is not a number"), percent);
    return 0;
}

/* The header row and item rows [first, end) of the table: the report's
 * columns and its items. */
static int read_items(const csvfile_table *t, size_t header, size_t end, report_doc *doc, char **err)
{
    const csvfile_row *head = &t->rows[header];
    if (end - header < 2 || t->rows[header + 1].count < 1)
        return error_set(err, _("line %d: no item rows after the header"), head->line);
    const csvfile_row *first = &t->rows[header + 1];
    const char *text_version = restored(first->fields[REPORT_COL_FORMAT_VERSION]);
    long v = 0;
    if (!number_parse_whole(text_version, REPORT_FORMAT_VERSION_MIN, REPORT_FORMAT_VERSION, &v))
        return error_set(err, _("line %1$d: format version '%2$.20s': this selfcheck reads versions %3$d to %4$d"),
                         first->line, text_version, REPORT_FORMAT_VERSION_MIN, REPORT_FORMAT_VERSION);
    int version = (int)v;
    doc->format_version = version;
    size_t width = row_width(version);
    if (head->count != width)
        return error_set(err, _("line %1$d: %2$zu columns, a version %3$d report has %4$zu"), head->line, head->count,
                         version, width);
    for (int c = 0; c < REPORT_COL_COUNT; c++) {
        int f = file_column(c, version);
        if (f >= 0 && strcmp(head->fields[f], report_csv_columns[c]) != 0)
            return error_set(err, _("line %1$d: column %2$d is '%3$.40s', expected '%4$s'"), head->line, f + 1,
                             head->fields[f], report_csv_columns[c]);
    }
    /* the report's own columns repeat on every row and must agree: one
     * span of bytes each (csvfile.h keeps a row's fields together); the
     * first row is measured only once it is known to have every field */
    if (first->count != width)
        return error_set(err, _("line %1$d: %2$zu fields, the header has %3$zu"), first->line, first->count, width);
    size_t span = (size_t)(first->fields[REPORT_COL_FIRST_ITEM] - first->fields[0]);
    for (size_t r = header + 1; r < end; r++) {
        const csvfile_row *row = &t->rows[r];
        if (row->count != width)
            return error_set(err, _("line %1$d: %2$zu fields, the header has %3$zu"), row->line, row->count, width);
        if ((size_t)(row->fields[REPORT_COL_FIRST_ITEM] - row->fields[0]) == span &&
            memcmp(row->fields[0], first->fields[0], span) == 0)
            continue;
        int c = 0;
        while (c < REPORT_COL_FIRST_ITEM - 1 && strcmp(row->fields[c], first->fields[c]) == 0)
            c++;
        return error_set(err, _("line %1$d: %2$s differs from the first item row's"), row->line,
                         report_csv_columns[c]);
    }
    doc->items = calloc(end - header - 1, sizeof *doc->items);
    if (doc->items == NULL)
        return error_set(err, "%s", _("out of memory"));
    if (csv_fill_doc(first, version, doc, err) != 0)
        return -1;
    for (size_t r = header + 1; r < end; r++) {
        report_item *it = &doc->items[doc->item_count++];
        if (csv_fill_item(&t->rows[r], version, it, err) != 0) {
            error_prefix(err, _("line %d"), t->rows[r].line);
            return -1;
        }
    }
    return 0;
}

/* ---- sections ---- */

typedef struct csv_section {
    const char *first_column;   /* the first cell of its header, which names it */
    bool required;
    /* reads the header at row `header` and the rows up to `end` */
    int (*read)(const csvfile_table *t, size_t header, size_t end, report_doc *doc, char **err);
} csv_section;

/* The sections in the order a report holds them; the first starts the file. */
static const csv_section sections[] = {
    {"format_version", true, read_items},
    {"form", false, report_forms_csv_read},
    {"incident", false, report_incidents_csv_read},
};
#define SECTION_COUNT (sizeof sections / sizeof sections[0])

/* The section a row starts (the index), or -1 when it is not a header. */
static int section_of(const csvfile_row *row)
{
    for (size_t s = 0; s < SECTION_COUNT; s++)
        if (row->count > 0 && strcmp(row->fields[0], sections[s].first_column) == 0)
            return (int)s;
    return -1;
}

static int read_sections(const csvfile_table *t, report_doc *doc, char **err)
{
    if (t->count == 0 || section_of(&t->rows[0]) != 0)
        return error_set(err, "%s", _("line 1: not the header of a selfcheck report"));
    size_t start = 0;
    int current = 0;
    bool seen[SECTION_COUNT] = {false};
    for (size_t r = 1; r <= t->count; r++) {
        int next = r < t->count ? section_of(&t->rows[r]) : -1;
        if (r < t->count && next < 0)
            continue;
        /* rows [start, r) are section `current` */
        if (sections[current].read(t, start, r, doc, err) != 0)
            return -1;
        seen[current] = true;
        if (r == t->count)
            break;
        if (next <= current)
            return error_set(err, _("line %1$d: the section %2$s again, or out of order"), t->rows[r].line,
                             sections[next].first_column);
        current = next;
        start = r;
    }
    for (size_t s = 0; s < SECTION_COUNT; s++)
        if (sections[s].required && !seen[s])
            return error_set(err, _("no %s section"), sections[s].first_column);
    return 0;
}

/* How many fields every item row of the body opens with that are most
 * often the row before's: the report's own columns and the checklist's id,
 * version and digest (version 1 has no digest). Only a hint to the CSV
 * module: a wrong guess parses the same, a little slower. */
static size_t repeated_fields(const char *body, size_t len)
{
    const char *nl = memchr(body, '\n', len);
    size_t rest = nl ? len - (size_t)(nl + 1 - body) : 0;
    if (rest >= 4 && memcmp(nl + 1, "\"1\",", 4) == 0)
        return REPORT_COL_CHECKLIST_VERSION + 1;
    return REPORT_COL_CHECKLIST_DIGEST + 1;
}

int report_csv_read(const char *data, size_t len, report_doc *doc, char **err)
{
    const char *body = data + 3;   /* the byte-order mark, checked by detection */
    len -= 3;
    size_t bad;
    if (!text_utf8_valid(body, len, &bad))
        return error_set(err, _("line %d: not UTF-8"), line_of(body, bad));
    csvfile_table *t = NULL;
    int line = 0;
    char *why = NULL;
    if (csvfile_parse_repeating(body, len, repeated_fields(body, len), &t, &line, &why) != CSVFILE_OK) {
        error_set(err, _("line %1$d: %2$s"), line, why ? why : _("malformed CSV"));
        free(why);
        return -1;
    }
    /* the report's strings point into the fields' text: the report keeps it */
    doc->strings = csvfile_table_take_text(t);
    int rc = read_sections(t, doc, err);
    csvfile_table_free(t);
    return rc;
}

/* ---- the claim: who says they signed, read before verifying ---- */

/* The restored cell of the first row under the header's column, copied; NULL
 * when there is no such column or out of memory. */
static char *head_cell(const csvfile_table *t, const char *column)
{
    for (size_t c = 0; c < t->rows[0].count && c < t->rows[1].count; c++)
        if (strcmp(t->rows[0].fields[c], column) == 0)
            return strdup(csvfile_unguarded(t->rows[1].fields[c]));
    return NULL;
}

/* Unit code and signer key id from the header and first row of a CSV
 * report: only those two rows are read. A damaged later row does not
 * matter here: the signature check that follows says whether the file is
 * intact. */
int report_csv_claim(const char *data, size_t len, char **unit_code, char **key_id, char **err)
{
    *unit_code = *key_id = NULL;
    csvfile_table *t = NULL;
    csvfile_status st = csvfile_parse(data, len, 2, &t, NULL, NULL);
    if (st == CSVFILE_NOMEM)
        return error_set(err, "%s", _("out of memory"));
    int rc = 0;
    if (st != CSVFILE_OK || t->count < 2)
        rc = error_set(err, "%s", _("no header and first row"));
    else if ((*unit_code = head_cell(t, "unit_code")) == NULL || (*key_id = head_cell(t, "signer_key_id")) == NULL)
        rc = error_set(err, "%s", _("no unit_code or signer_key_id column"));
    csvfile_table_free(t);
    if (rc != 0) {
        free(*unit_code);
        free(*key_id);
        *unit_code = *key_id = NULL;
    }
    return rc;
}
