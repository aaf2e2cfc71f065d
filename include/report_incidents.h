/* report_incidents.h: the unit's incident records inside its signed report
 * (format version 4; docs/report-format.md, "The incidents").
 *
 * A report carries the incidents of its period: every incident recorded in
 * the answer store (incident_store.h) that was discovered on or before the
 * last day of the period and was not closed (its investigation reported,
 * 第二十二条) before the first day. Each travels with its facts, level,
 * warning, the rules that applied, its timeline and the plan's time limits
 * as they stood when the report was written: in the CSV as a section of its
 * own after the forms (a header row starting with `incident`), in the
 * SQLite file as the table incident_entries, both covered by the signature.
 * This module reads them from the store for the writers, and writes and
 * reads both formats' part. */
#ifndef SELFCHECK_REPORT_INCIDENTS_H
#define SELFCHECK_REPORT_INCIDENTS_H

#include <stdbool.h>
#include <stddef.h>

struct sqlite3;
struct system_info;
struct csvfile_buffer;
struct csvfile_table;
struct report_doc;

/* The CSV section's columns (its header row), in file order. */
#define REPORT_INCIDENT_COLUMNS 15
extern const char *const report_incident_csv_columns[REPORT_INCIDENT_COLUMNS];
/* At most this many rows (incident, rule, event and limit entries) in one
 * report; the writer refuses more, the reader too. */
#define REPORT_MAX_INCIDENT_ROWS ((size_t)20000)

/* What one row of an incident is, in the order a report holds them. */
typedef enum report_incident_kind {
    REPORT_INCIDENT_RULE = 0,    /* a rule that applied: name its id, clause, text (Chinese) */
    REPORT_INCIDENT_EVENT,       /* an event of the timeline: name its kind, at, text */
    REPORT_INCIDENT_LIMIT        /* a time limit of the plan: name the action, at when met, due, status, clause, text */
} report_incident_kind;

/* One entry of an incident. Strings are never NULL ("" when empty). */
typedef struct report_incident_entry {
    report_incident_kind kind;
    char *name, *at, *due, *status, *clause, *text;
} report_incident_entry;

/* One incident as the report gives it. Strings are never NULL. */
typedef struct report_incident {
    long long number;            /* its number in the unit's store */
    char *title;
    char *system_id, *system_name;   /* "" when no system is concerned */
    char *level, *warning;       /* tokens: I, II, III, none; red, yellow, blue, none */
    char *facts;                 /* KEY=VALUE words (incident_facts_format) */
    char *recorded_at;           /* YYYY-MM-DDTHH:MM:SS */
    report_incident_entry *entries;   /* rules, then events in time order, then limits */
    size_t entry_count;
} report_incident;

typedef struct report_incidents {
    report_incident *list;       /* by number */
    size_t count;
} report_incidents;

/* The first and last day (YYYY-MM-DD) a report's period covers: a month
 * ("2026-11"), a half-year ("2026-H2": 07-01 to 12-31) or the day of a
 * change ("2026-11-15@oa"). 0, or -1 when it is none of them. */
int report_incidents_period_span(const char *period, char first[11], char last[11]);

/* The incidents of the period `period` recorded in the answer store at
 * store_path, with the names of these systems, their time limits measured
 * at `now` (YYYY-MM-DDTHH:MM[:SS]) with the rules file at rules_path (NULL:
 * the installed one; only read when there is an incident). Returns 0 with
 * *out (free with report_incidents_free), or -1 with *err. */
int report_incidents_load(const char *store_path, const char *rules_path, const char *period,
                          const struct system_info *systems, size_t system_count, const char *now,
                          report_incidents **out, char **err);
void report_incidents_free(report_incidents *in);

/* Frees the incidents of a list and the list. */
void report_incident_list_free(report_incident *list, size_t count);

/* The time of its `discovered` event (YYYY-MM-DDTHH:MM), "" when none. */
const char *report_incident_discovered(const report_incident *inc);
/* "open" (the response has not ended), "ended" (ended, the investigation
 * not yet reported) or "closed" (investigated), from the timeline. */
const char *report_incident_status(const report_incident *inc);
/* How many time limits were missed: overdue, or met late. */
size_t report_incident_missed(const report_incident *inc);

/* Appends the CSV section (header and rows, every cell through the formula
 * guard, CRLF) to b; nothing when in is NULL or empty. A failure sets
 * b->failed. */
void report_incidents_csv_write(struct csvfile_buffer *b, const report_incidents *in);

/* Reads the CSV section whose header is row `header` of t and whose rows go
 * up to `end` into doc->incidents (copies). Only in a report of format 4 or
 * later. Returns 0, or -1 with *err. */
int report_incidents_csv_read(const struct csvfile_table *t, size_t header, size_t end, struct report_doc *doc,
                              char **err);

/* The SQLite report's table of incident rows (CREATE TABLE ...;). */
extern const char report_incidents_sqlite_schema[];

/* Inserts every row into incident_entries of a report database being built.
 * 0, or -1 (SQLite's error on db). */
int report_incidents_sqlite_write(struct sqlite3 *db, const report_incidents *in);

/* Reads incident_entries of a report database (format 4 or later) into
 * *list and *count (free with report_incident_list_free). 0, or -1 with
 * *err. */
int report_incidents_sqlite_read(struct sqlite3 *db, report_incident **list, size_t *count, char **err);

#endif
