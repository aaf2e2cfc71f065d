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

#define SHEET_COLUMNS "system_name,question_zh,allowed,answer,note,remediation_owner,remediation_due," \
                      "checklist_id,item_id,system,type,question_en"

/* Writes the blank sheet for a plan of the check `p` `period` into a new
 * buffer (*out, caller frees): a title row that also records the check
 * (cells `profile=P` and `period=X`), a row of column titles in the user's
 * language, the header row SHEET_COLUMNS, then one row per instance. */
int sheet_render_template(const plan *pl, profile p, const char *period, char **out, size_t *len, char **err);

typedef struct sheet_row {
    int line;                  /* line of the file where the row starts */
    char *checklist_id, *item_id, *system;
    char *answer, *note, *owner, *due;   /* "" when the cell is empty */
} sheet_row;

/* How the file was written. */
typedef enum sheet_encoding {
    SHEET_UTF8 = 0,   /* UTF-8, with or without a byte-order mark */
    SHEET_GB18030,    /* GBK/GB18030 ("CSV" of Excel and WPS on Chinese Windows), converted */
    SHEET_UTF16       /* UTF-16 with its byte-order mark (a spreadsheet's "Unicode"), converted */
} sheet_encoding;

typedef struct sheet {
    sheet_row *rows;   /* the rows below the header, blank rows left out */
    size_t count;
    sheet_encoding encoding;
    char *profile, *period;   /* the check the template was made for (the
                                 profile= and period= cells above the header),
                                 NULL when the sheet does not say */
    int target_line;          /* the line of those cells */
} sheet;

/* Reads a filled sheet. UTF-16 after its byte-order mark, and text that is
 * not UTF-8 but is GB18030, are converted (sh->encoding says so); a sheet
 * whose cells are separated by tabs or semicolons is refused, naming them.
 * The header row is the first that names `item_id` (rows of titles above
 * it are skipped); rows whose cells are all empty are left out; the
 * checklist, item and system cells are given in lower case (a spreadsheet
 * may have changed it: Calc saves a system true as TRUE). Columns are
 * found by their header names, so a user may reorder them or add columns
 * of their own; the three key columns and `answer` are required; a NUL
 * byte or a column of the program named twice is refused. Returns 0 with
 * *out (free with sheet_free), or -1 with *err "FILE:LINE: message". */
int sheet_read(const char *path, sheet **out, char **err);
void sheet_free(sheet *sh);

#endif
