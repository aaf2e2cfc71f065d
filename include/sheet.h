/* sheet.h: the answer sheet, a CSV file filled in a spreadsheet.
 *
 * `selfcheck template` writes one row per item instance; `selfcheck answer
 * --from` reads it back (docs/answer-sheet.md). Written and read through
 * csvfile.h (strict libcsv); UTF-8 with a byte-order mark so that Excel and WPS on
 * Chinese Windows read it as UTF-8; CRLF line ends (RFC 4180). */
#ifndef SELFCHECK_SHEET_H
#define SELFCHECK_SHEET_H

#include <stddef.h>
#include "score.h"

#define SHEET_COLUMNS "checklist_id,item_id,system,type,allowed,question_zh,question_en," \
                      "answer,note,remediation_owner,remediation_due"

/* Writes the blank sheet for a plan into a new buffer (*out, caller frees). */
int sheet_render_template(const plan *pl, char **out, size_t *len, char **err);

typedef struct sheet_row {
    int line;                  /* line of the file where the row starts */
    char *checklist_id, *item_id, *system;
    char *answer, *note, *owner, *due;   /* "" when the cell is empty */
} sheet_row;

typedef struct sheet {
    sheet_row *rows;
    size_t count;
} sheet;

/* Reads a filled sheet. Columns are found by their header names, so a user
 * may reorder them or add columns of their own; the three key columns and
 * `answer` are required. Returns 0 with *out (free with sheet_free), or -1
 * with *err "FILE:LINE: message". */
int sheet_read(const char *path, sheet **out, char **err);
void sheet_free(sheet *sh);

#endif
