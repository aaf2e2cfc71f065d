/* review_period.h: one period of one check as the review screen shows it:
 * every registered unit, with its current report of that period or marked
 * as not having reported it, and a unit's scores over its periods.
 *
 * Unlike review_table (review_query.h), which follows every report through
 * its neighbours, this reads only the reports of the period shown and of
 * the period just before it, through the index on unit, profile and period,
 * so the screen opens on a database of thousands of units at once
 * (docs/performance.md). Nothing here prints. */
#ifndef SELFCHECK_REVIEW_PERIOD_H
#define SELFCHECK_REVIEW_PERIOD_H

#include <stdbool.h>
#include <stddef.h>
#include "review_db.h"

/* A registered unit in one period of a check. Strings are never NULL. */
typedef struct review_slot {
    char *unit_code, *unit_name;
    bool reported;             /* false: no report of the period (未报送) */
    double percent;            /* the total as the report gives it */
    char *grade, *grade_zh, *verdict;   /* "" when not reported */
    bool complete;
    bool key_revoked;          /* signed with a key revoked since */
    bool has_change;           /* the unit also reported the period just before */
    double change;             /* percent minus that period's */
    char *last_reported;       /* not reported: the unit's latest period before this one, "" for none */
    char *nonstandard;         /* 非标准检查表: the report's checklists that are not official ("ID vN, …"), or "" */
} review_slot;

/* Every registered unit, by code, in period `period` of profile `prof`
 * ("monthly" or "halfyear"). Returns 0 with *out and *count (free with
 * review_slots_free), or -1 with *err. */
int review_period_slots(review_db *db, const char *prof, const char *period, review_slot **out, size_t *count,
                        char **err);
void review_slots_free(review_slot *s, size_t count);

/* The earliest period of `prof` any current report has, into *out (caller
 * frees), or NULL when there is none. Returns 0, or -1 with *err. */
int review_first_period(review_db *db, const char *prof, char **out, char **err);

/* One point of a unit's trend. */
typedef struct review_point {
    char *period;
    double percent;
    char *grade, *grade_zh, *verdict;
    bool complete, key_revoked;
    char *nonstandard;         /* as in review_slot */
} review_point;

/* The unit's current reports of `prof`, oldest first. Returns 0 with *out
 * and *count (free with review_points_free), or -1 with *err. */
int review_unit_trend(review_db *db, const char *unit, const char *prof, review_point **out, size_t *count,
                      char **err);
void review_points_free(review_point *p, size_t count);

#endif
