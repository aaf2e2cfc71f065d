/* ident.h: the rules for identifiers, each written once.
 *
 * Two rules, because the things they name differ:
 * - names inside the program's own files and store: checklist ids, item ids,
 *   choice keys and system ids (a system id also ends a change period,
 *   "2026-11-15@oa"): 1 to IDENT_NAME_MAX lower-case ASCII letters, digits and
 *   '-', not starting with '-' (so that none reads as an option);
 * - unit codes, given by the supervisor and part of report file names: 1 to
 *   IDENT_UNIT_CODE_MAX ASCII letters of either case, digits, '-' and '_'.
 * Everything that checks one of these calls this module. */
#ifndef SELFCHECK_IDENT_H
#define SELFCHECK_IDENT_H

#include <stdbool.h>

#define IDENT_NAME_MAX 64
#define IDENT_UNIT_CODE_MAX 32

/* Whether c may appear in a name: a lower-case ASCII letter, a digit or '-'. */
bool ident_name_char(char c);

/* Whether s is a name (checklist id, item id, choice key, system id).
 * NULL is not. */
bool ident_name_valid(const char *s);

/* Whether id may name a new system: a name that starts with a letter and
 * does not read as a date (jan-5), because a spreadsheet rewrites a system
 * 007 as 7, 1e3 as 1.00E+03 and 3-4 as a date, and the sheet's rows for it
 * would no longer match. Systems recorded before keep their ids. */
bool ident_system_id_new_valid(const char *id);

/* Whether code is a unit code, safe in a file name. NULL is not. */
bool ident_unit_code_valid(const char *code);

#endif
