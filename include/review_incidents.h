/* review_incidents.h: the incidents the units reported, as the supervisor's
 * review keeps and lists them (docs/review.md#incidents).
 *
 * A report of format 4 carries the incidents of its period
 * (report_incidents.h); the import stores each with its entries (tables
 * incidents and incident_entries, schema 6), beside the report they came
 * in. Only current reports count: a report superseded by a newer one of the
 * same unit, profile and period no longer speaks for its incidents. One
 * incident (a unit's number) usually travels in several reports (every
 * period it stays open in, monthly and half-year alike): the list shows it
 * once, as the latest current report carrying it says. Nothing here
 * prints. */
#ifndef SELFCHECK_REVIEW_INCIDENTS_H
#define SELFCHECK_REVIEW_INCIDENTS_H

#include <stddef.h>
#include "review_db.h"

struct report_doc;

/* One incident as a report gave it. Strings are never NULL. */
typedef struct review_incident {
    char *unit_code, *unit_name;
    char *profile, *period, *report_id, *generated_at;   /* the report it is taken from */
    long long number;            /* the unit's number of the incident */
    char *title, *system_id, *system_name;
    char *level, *warning;       /* I, II, III, none; red, yellow, blue, none */
    char *facts;
    char *discovered_at;         /* YYYY-MM-DDTHH:MM, "" when the report has no discovered event */
    char *status;                /* open, ended or closed (report_incident_status) */
    long missed;                 /* time limits overdue or met late when the report was written */
    char *missed_limits;         /* their actions' clauses, "; "-separated ("003 第十九条") */
} review_incident;

/* The incidents of current reports, by unit code and number: of unit `unit`
 * only (NULL: every unit), of reports of period `period` only (NULL: each
 * incident once, from the latest current report, by generated_at, that
 * carries it). Returns 0 with *out and *count (free with
 * review_incidents_free), or -1 with *err. */
int review_incidents_list(review_db *db, const char *unit, const char *period, review_incident **out,
                          size_t *count, char **err);
void review_incidents_free(review_incident *list, size_t count);

#endif
