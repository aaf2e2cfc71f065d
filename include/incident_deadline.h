/* incident_deadline.h: the time limits of document 003 over an incident's
 * timeline: public opinion answered within 4 hours (level I, 第十八条) or 12
 * hours (level II, 第十九条), the 24-hour duty of level I (第十三条) in force
 * until the response ends, investigation and report within 30 days of the end
 * of the response (第二十二条). The limits are data: the actions of the rules
 * file that have one (incident.h, incident_limit); this module only measures
 * them against the events of a record (incident_store.h). */
#ifndef SELFCHECK_INCIDENT_DEADLINE_H
#define SELFCHECK_INCIDENT_DEADLINE_H

#include <stddef.h>
#include "incident.h"
#include "incident_store.h"

typedef enum incident_deadline_status {
    INCIDENT_DEADLINE_WAITING = 0,   /* the event it runs from is not in the timeline yet */
    INCIDENT_DEADLINE_OPEN,          /* running and not yet due */
    INCIDENT_DEADLINE_MET,           /* done by the time it was due */
    INCIDENT_DEADLINE_LATE,          /* done, but after it was due */
    INCIDENT_DEADLINE_OVERDUE,       /* not done, and past due */
    INCIDENT_DEADLINE_IN_FORCE,      /* a duty that has begun and not ended */
    INCIDENT_DEADLINE_ENDED          /* a duty whose end is in the timeline */
} incident_deadline_status;

/* One limit of one action as it stands. */
typedef struct incident_deadline {
    const incident_action *action;   /* into the rules set */
    incident_deadline_status status;
    char from[17];                   /* the time of its start event, "" while waiting */
    char due[17];                    /* from + limit ("" for a duty, and while waiting) */
    char done[17];                   /* the time of its met_by event, "" when not there */
} incident_deadline;

/* The token of a status ("met", "overdue", "in-force"), never translated
 * (export files and scripts carry it); static. */
const char *incident_deadline_token(incident_deadline_status status);

/* The limits that apply to rec: of every action required at its level whose
 * limit applies to its facts (incident_limit_applies), in the rules file's
 * order, measured at `now` (YYYY-MM-DDTHH:MM[:SS], clock_now). Returns 0
 * with *out, an array of *count (caller frees; NULL and 0 when none), or -1
 * with *err (out of memory, or facts or a time in the store that cannot be
 * read). */
int incident_deadlines(const incident_rules *r, const incident_record *rec, const char *now,
                       incident_deadline **out, size_t *count, char **err);

#endif
