/* period.h: calendar dates, assessment periods and when a check is due.
 *
 * A period names one assessment of a profile: "2026-11" (monthly),
 * "2026-H2" (half-year), "2026-11-15@oa" (a change of system "oa" on
 * 2026-11-15). "Today" and "now" come from the clock, or from the
 * environment variable SELFCHECK_NOW ("YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS"),
 * which tests and worked examples use to be reproducible. */
#ifndef SELFCHECK_PERIOD_H
#define SELFCHECK_PERIOD_H

#include <stdbool.h>
#include "profile.h"

typedef struct civil_date {
    int year, month, day;
} civil_date;

/* Parses YYYY-MM-DD (also YYYY/M/D, as spreadsheets rewrite dates). 0 or -1. */
int date_parse(const char *text, civil_date *out);
/* Writes YYYY-MM-DD into out (11 bytes). */
void date_format(civil_date d, char out[11]);
/* Days since 1970-01-01 (negative before). */
long date_to_days(civil_date d);
civil_date date_from_days(long days);
bool date_valid(civil_date d);

/* Today's local date (or SELFCHECK_NOW's), as YYYY-MM-DD. */
void clock_today(char out[11]);
/* The local time now (or SELFCHECK_NOW's), as YYYY-MM-DDTHH:MM:SS. */
void clock_now(char out[20]);

/* The period of `p` that contains `today` ("2026-11", "2026-H2"). A change
 * assessment has no current period: returns -1 with *err set. Caller frees *out. */
int period_current(profile p, const char *today, char **out, char **err);
/* Checks that `period` has the form the profile needs. 0, or -1 with *err. */
int period_validate(profile p, const char *period, char **err);
/* The profile a period's form names: YYYY-MM monthly, YYYY-H1/H2 half-year,
 * DATE@SYSTEM on change, so that --period alone is enough. Returns 0 with
 * *out, or -1 when the period is none of them. */
int period_profile(const char *period, profile *out);
/* For a change period "DATE@SYSTEM", a new string with the system id (caller
 * frees); NULL for other profiles. */
char *period_change_system(const char *period);

/* The schedule of due dates ([schedule] in selfcheck.ini). */
typedef struct schedule {
    int monthly_due_day;       /* day of the month the monthly check is due (1-28) */
    int halfyear_due[2][2];    /* {month, day} for H1 and H2 */
    int remediation_days;      /* default due date of a finding: days after it is found */
} schedule;

/* The due date of a monthly or half-year period under `s`. 0 or -1. */
int period_due_date(profile p, const char *period, const schedule *s, char out[11]);
/* The period after `period` (monthly and half-year only). Caller frees. */
char *period_next(profile p, const char *period);
/* The period before `period` (monthly and half-year only). Caller frees. */
char *period_previous(profile p, const char *period);

#endif
