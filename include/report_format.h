/* report_format.h: what a selfcheck report file is, for its writer and its
 * readers alike (docs/report-format.md).
 *
 * The CSV columns, the format version, the SQLite application id, the file
 * name stem, the formula guard of CSV cells and the size limits. A reader of
 * reports (verify, the supervisor's import) includes this and report_read.h,
 * never the unit's session. */
#ifndef SELFCHECK_REPORT_FORMAT_H
#define SELFCHECK_REPORT_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "record_limits.h"

/* The report layout this code writes (the format_version column and the
 * SQLite user_version). Version 2 added the checklist digests
 * (checklist_digest.h), version 3 the annex forms (report_forms.h),
 * version 4 the incidents of the period (report_incidents.h); the reader
 * still reads versions 1 to 3. */
#define REPORT_FORMAT_VERSION 4
#define REPORT_FORMAT_VERSION_MIN 1
/* PRAGMA application_id of a report database: "SCKR". */
#define REPORT_SQLITE_APPLICATION_ID 0x53434B52

/* Size limits. What a report can hold is bounded where answers are
 * recorded (record_limits.h: each text, the total of a check, the number of
 * systems), so that every report written can be read; a report file is at
 * most REPORT_MAX_BYTES, which the writer refuses to exceed and the readers
 * read up to. SQLite's string limit on reading is set above RECORD_MAX_TEXT. */
#define REPORT_MAX_TEXT RECORD_MAX_TEXT
#define REPORT_MAX_BYTES ((size_t)64 * 1024 * 1024)
/* A detached signature: SM2 DER is at most 72 bytes, Ed25519 64. */
#define REPORT_MAX_SIG_BYTES ((size_t)1024)

/* The CSV report's columns, in file order (docs/report-format.md). The
 * first group describes the whole report and repeats on every row. */
typedef enum report_column {
    REPORT_COL_FORMAT_VERSION = 0,
    REPORT_COL_REPORT_ID,
    REPORT_COL_UNIT_CODE,
    REPORT_COL_UNIT_NAME,
    REPORT_COL_PROFILE,
    REPORT_COL_PERIOD,
    REPORT_COL_ASSESSOR,
    REPORT_COL_COMPLETED_AT,
    REPORT_COL_GENERATED_AT,
    REPORT_COL_TOOL_VERSION,
    REPORT_COL_SIGNER_KEY_ID,
    REPORT_COL_SIGNATURE_ALGO,
    REPORT_COL_COMPLETE,
    REPORT_COL_TOTAL_PERCENT,
    REPORT_COL_GRADE,
    REPORT_COL_GRADE_ZH,
    REPORT_COL_VERDICT,
    /* one item instance per row */
    REPORT_COL_CHECKLIST_ID,
    REPORT_COL_CHECKLIST_VERSION,
    REPORT_COL_CHECKLIST_DIGEST,   /* from version 2 */
    REPORT_COL_ITEM_ID,
    REPORT_COL_SYSTEM_ID,
    REPORT_COL_SYSTEM_NAME,
    REPORT_COL_QUESTION_ZH,
    REPORT_COL_SEVERITY,
    REPORT_COL_WEIGHT,
    REPORT_COL_STATE,
    REPORT_COL_ANSWER,
    REPORT_COL_ANSWER_TEXT,
    REPORT_COL_SCORE,
    REPORT_COL_MAX_SCORE,
    REPORT_COL_FINDING,
    REPORT_COL_NOTE,
    REPORT_COL_REMEDIATION_OWNER,
    REPORT_COL_REMEDIATION_DUE,
    REPORT_COL_COUNT
} report_column;
/* The first column of the per-item group. */
#define REPORT_COL_FIRST_ITEM REPORT_COL_CHECKLIST_ID

/* The header names, indexed by report_column. */
extern const char *const report_csv_columns[REPORT_COL_COUNT];

/* A safe file name stem "UNIT_PROFILE_PERIOD" (no separators, no "..", no
 * control characters). Caller frees; NULL when out of memory. */
char *report_file_stem(const char *unit_code, const char *profile_text, const char *period);

/* True when the file name `name` (a path or a bare name) could be a report
 * of this unit: its last component starts with the unit's part of the stem
 * and a '_'. Used to pick a unit's keys without reading the file. */
bool report_name_has_unit(const char *name, const char *unit_code);

/* True when the last component of `name` has the form of a report's name:
 * UNIT_PROFILE_PERIOD.csv or .sqlite with a known profile. */
bool report_name_is_report(const char *name);

/* Formula-injection guard for CSV cells. A cell that begins with '=', '+',
 * '-', '@', tab, CR, LF or the guard character '\'' itself gets one '\''
 * put in front; report_cell_restore removes exactly one leading '\'', so
 * restore(neutralise(x)) == x for every x. Both return a new string (caller
 * frees), NULL when out of memory. */
char *report_cell_neutralise(const char *text);
char *report_cell_restore(const char *text);

#endif
