/* report.h: the signed report a unit carries to its supervisor.
 *
 * For a session's assessment, writes REPORT.csv and/or REPORT.sqlite into a
 * folder, each with a detached signature FILE.sig (docs/report-format.md).
 * File names come from unit code, profile and period after sanitising.
 * Reading a report back and checking its signer is in report_read.h. */
#ifndef SELFCHECK_REPORT_H
#define SELFCHECK_REPORT_H

#include <stdbool.h>
#include "report_format.h"
#include "session.h"
#include "sign.h"

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
    /* The unit's public key beside the reports, OUT_DIR/UNITCODE.pub (the
     * name verify --trust and the supervisor's registry expect), written
     * unless that file holds this key already; NULL when it could not be
     * written or holds another key (pubkey_conflict), which is never
     * overwritten. */
    char *pubkey_path;
    bool pubkey_conflict;
} report_result;

/* Writes and signs the report, then the unit's public key beside it (see
 * pubkey_path). On failure nothing half-written is left behind: every file
 * this call created is removed again. Fills *result (free its
 * strings with report_result_clear, also after a failure). */
report_status report_write(const session *s, const report_options *opts,
                           report_result *result, char **err);
void report_result_clear(report_result *result);

#endif
