/* sheet_import.h: recording a filled answer sheet into an assessment, all
 * or nothing.
 *
 * The command line (`selfcheck answer --from`) and any other front end read
 * a sheet with sheet_read and hand it here: every row is checked against the
 * session's plan first, so that one run names every problem of the sheet,
 * and only a sheet without problems is recorded, in one transaction
 * together with the default due dates of its findings. The caller prints the
 * problems and chooses the exit code from the status. */
#ifndef SELFCHECK_SHEET_IMPORT_H
#define SELFCHECK_SHEET_IMPORT_H

#include <stddef.h>

#include "error.h"
#include "session.h"
#include "sheet.h"

/* What sheet_import did. */
typedef enum sheet_import_status {
    SHEET_IMPORT_OK = 0,    /* recorded */
    SHEET_IMPORT_INVALID,   /* rows with problems (in `problems`); nothing recorded */
    SHEET_IMPORT_STORE,     /* the store refused the writes (*err); nothing recorded */
    SHEET_IMPORT_NOMEM,     /* out of memory (*err); nothing recorded */
    SHEET_IMPORT_MISMATCH   /* the sheet was made for another check than the one named (*err) */
} sheet_import_status;

/* The check a sheet is to be recorded into. The template writes the profile
 * and period into the sheet; the command line may name them too
 * (profile_arg, period_arg: NULL when not given). What the sheet names is
 * taken where the command line says nothing; where both say something they
 * must agree. Sets *profile_out and *period_out to the one to open (pointing
 * into sh or to the arguments; *period_out NULL: the current period) and
 * returns SHEET_IMPORT_OK; SHEET_IMPORT_MISMATCH with *err naming both
 * checks; SHEET_IMPORT_INVALID with *err "PATH:LINE: ..." when the sheet's
 * own cells are not a profile and period. */
sheet_import_status sheet_import_target(const sheet *sh, const char *path, const char *profile_arg,
                                        const char *period_arg, const char **profile_out, const char **period_out,
                                        char **err);

/* Checks every row of `sh` against the plan of `s` (an item that is not in
 * the assessment, an instance given twice, an answer the item does not
 * take, a due date that is not a date) and records the sheet when there is
 * no problem. `path` names the sheet in the messages. Each problem is added
 * to `problems` as PATH:LINE: message, in the user's language. An empty cell
 * leaves what is stored alone. A free-text cell (a text answer, a note, an
 * owner) in the form a spreadsheet gives a long number or a fraction
 * (1.10101199001011E+17, ½) is recorded as it is, with an entry in
 * `warnings` naming its line. On SHEET_IMPORT_OK, *recorded is the number
 * of answers recorded and s->score is up to date. */
sheet_import_status sheet_import(session *s, const sheet *sh, const char *path, diag_list *problems,
                                 diag_list *warnings, size_t *recorded, char **err);

#endif
