/* due.h: which monthly and half-year checks a unit has due on a given day.
 *
 * The start screen and `selfcheck status` both list what is due from here, so
 * that they agree. The current period is always due. An earlier period is due
 * too when it is not completed and the unit kept the check then or before:
 * it was started, or the unit has an older assessment of the profile (a gap
 * after the unit began is overdue). A unit that never kept the check is not
 * told it missed the periods before its first one. At most DUE_PAST_MAX
 * earlier periods are listed, the most recent ones. */
#ifndef SELFCHECK_DUE_H
#define SELFCHECK_DUE_H

#include <stdbool.h>
#include <stddef.h>

#include "checklist.h"
#include "period.h"
#include "store.h"

/* Earlier periods listed at most: a year of monthly checks. */
#define DUE_PAST_MAX 12

typedef enum due_state {
    DUE_NOT_STARTED = 0,    /* no assessment of the period */
    DUE_IN_PROGRESS,        /* an assessment, not completed */
    DUE_DONE                /* completed */
} due_state;

typedef struct due_entry {
    char *period;           /* "2026-11", "2026-H2" */
    char due[11];           /* YYYY-MM-DD, or "" when the schedule gives none */
    due_state state;
    bool overdue;           /* not done and today is after the due date */
    const assessment *assessment; /* the period's assessment (the list owns it), or NULL when not started */
} due_entry;

typedef struct due_list {
    profile profile;
    /* The earlier periods still due, oldest first, then the current period,
     * which is always there: entries[count - 1]. */
    due_entry *entries;
    size_t count;
    const assessment *last_completed;   /* the newest completed assessment (the list owns it), or NULL */
    /* When the current period is done: the period after it and its due date
     * ("" when the schedule gives none); otherwise NULL and "". */
    char *next_period;
    char next_due[11];
    /* every assessment of the profile, read once; the pointers above point here */
    assessment **assessments;
    size_t assessment_count;
} due_list;

/* Works out what `unit_code` has due of profile `p` (monthly or half-year) on
 * `today` (YYYY-MM-DD) under schedule `s`. Returns 0 with *out (free with
 * due_list_free; it owns every string and assessment in it), or -1 with *err
 * for a store error, an invalid day, a change profile (nothing is due by the
 * calendar) or lack of memory; *out is NULL then. */
int due_compute(store *st, const char *unit_code, profile p, const char *today, const schedule *s,
                due_list **out, char **err);
/* Frees the list and everything it owns; NULL is fine. */
void due_list_free(due_list *d);

#endif
