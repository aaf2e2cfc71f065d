/* report.h: the signed report a unit carries to its supervisor.
 *
 * For a session's assessment, writes REPORT.csv and/or REPORT.sqlite into a
 * folder, each with a detached signature FILE.sig (docs/report-format.md).
 * File names come from unit code, profile and period after sanitising.
 * Reading a report back and checking its signer is in report_read.h. */
#ifndef SELFCHECK_REPORT_H
#define SELFCHECK_REPORT_H

#include <stdbool.h>
#include "session.h"
#include "sign.h"

/* The report layout this code writes (the format_version column and the
 * SQLite user_version). */
#define REPORT_FORMAT_VERSION 1
/* PRAGMA application_id of a report database: "SCKR". */
#define REPORT_SQLITE_APPLICATION_ID 0x53434B52

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

typedef enum report_status {
    REPORT_OK = 0,
    REPORT_ERR_INCOMPLETE = -1,   /* unanswered items and no allow_incomplete */
    REPORT_ERR_EXISTS = -2,       /* a report file of that name exists */
    REPORT_ERR_IO = -3,           /* cannot write (folder missing, disk full...) */
    REPORT_ERR_KEY = -4,          /* key cannot be used: see key_status */
    REPORT_ERR_INTERNAL = -5
} report_status;

typedef struct report_options {
    const char *out_dir;          /* folder to write into (must exist) */
    bool write_csv, write_sqlite;
    bool allow_incomplete;
    bool replace;                 /* an existing report of the same name (and its
                                     signatures) is set aside, removed once the
                                     new one is written and signed, and put back
                                     if anything fails */
    const char *key_path;         /* the unit's private key */
    const char *passphrase;       /* NULL for an unencrypted key */
} report_options;

typedef struct report_result {
    char *csv_path, *sqlite_path;   /* NULL when not written */
    char *key_id;
    char *report_id;                /* the random id both files carry */
    sign_algo algo;
    sign_status key_status;         /* why the key failed, with REPORT_ERR_KEY */
} report_result;

/* Writes and signs the report. On failure nothing half-written is left behind:
 * every file this call created is removed again. Fills *result (free its
 * strings with report_result_clear, also after a failure). */
report_status report_write(const session *s, const report_options *opts,
                           report_result *result, char **err);
void report_result_clear(report_result *result);

/* A safe file name stem "UNIT_PROFILE_PERIOD" (no separators, no "..", no
 * control characters). Caller frees. */
char *report_file_stem(const char *unit_code, const char *profile_text, const char *period);

/* Formula-injection guard for CSV cells. A cell that begins with '=', '+',
 * '-', '@', tab, CR, LF or the guard character '\'' itself gets one '\''
 * put in front; report_cell_restore removes exactly one leading '\'', so
 * restore(neutralise(x)) == x for every x. Both return a new string (caller
 * frees), NULL when out of memory. */
char *report_cell_neutralise(const char *text);
char *report_cell_restore(const char *text);

#endif
