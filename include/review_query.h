/* review_query.h: what the supervisor reads from the review database: the
 * table of units by period, a unit's checklists, trend and two periods
 * side by side, an item across units, remediation follow-up, who has not
 * reported, and the items most often failed (docs/review.md).
 *
 * Every function reads only the current report of each unit, profile and
 * period (the newest: docs/review.md, the supersede rule) and hands back
 * plain arrays that the command line prints and the screens show; each
 * array has its _free. Nothing here prints. "today" is YYYY-MM-DD. */
#ifndef SELFCHECK_REVIEW_QUERY_H
#define SELFCHECK_REVIEW_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include "period.h"
#include "review_db.h"

/* One unit in one period: its current report. */
typedef struct review_row {
    char *unit_code, *unit_name, *profile, *period;
    char *report_id, *generated_at, *signer_key_id;
    double percent;            /* the total as the report gives it */
    char *grade, *grade_zh, *verdict;
    bool complete;
    long findings;             /* findings in the report */
    long overdue;              /* of them: due date passed, and not gone in the unit's next report */
    bool has_change;           /* the unit reported the period before too */
    double change;             /* percent minus the previous period's */
    bool key_revoked;          /* signed with a key revoked since */
    /* 非标准检查表: the checklists the report was answered against that are
     * not official (review_checklists.h), "ID vN, ID vN" in report order;
     * "" when every one is official (or, for a report imported before
     * schema 3, when they were never checked) */
    char *nonstandard;
} review_row;

typedef enum review_sort {
    REVIEW_SORT_UNIT = 0,      /* unit code, then profile and period */
    REVIEW_SORT_SCORE,         /* total, lowest first (weakest first) */
    REVIEW_SORT_CHANGE         /* change, largest fall first; rows without one last */
} review_sort;

typedef struct review_table_query {
    const char *profile;       /* "monthly", "halfyear", or NULL for all */
    const char *period;        /* one period, or NULL for all */
    const char *unit;          /* one unit, or NULL for all */
    review_sort sort;
    bool descending;           /* reverses the sort */
    const char *today;
} review_table_query;

/* Rows of the table. Returns 0 with *rows and *count (free with
 * review_rows_free), or -1 with *err. */
int review_table(review_db *db, const review_table_query *q, review_row **rows, size_t *count, char **err);
void review_rows_free(review_row *rows, size_t count);

/* A unit's score in one checklist of one report. */
typedef struct review_checklist_score {
    char *checklist_id;
    double points, max_points, percent;  /* percent 0 when nothing was scored */
    long findings;
    char *digest;              /* the digest the report records; "" in a version 1 report or one
                                  imported before schema 3 */
    bool nonstandard;          /* not an official checklist's digest (never for those imported before) */
} review_checklist_score;

/* The checklists of the unit's current report of profile and period. */
int review_unit_checklists(review_db *db, const char *unit, const char *prof, const char *period,
                           review_checklist_score **out, size_t *count, char **err);
void review_checklist_scores_free(review_checklist_score *s, size_t count);

/* One item of a report, or of two reports compared. Improved: a larger
 * share of its points in the second period, or (not scored in one of them:
 * not applicable, which is no finding) a finding in the first that the
 * second does not have; regressed the other way round. Comparing b with a
 * gives the mirror of comparing a with b. */
typedef enum review_change_kind {
    REVIEW_SAME = 0, REVIEW_IMPROVED, REVIEW_REGRESSED,
    REVIEW_ADDED,              /* only in the second period */
    REVIEW_DROPPED             /* only in the first period */
} review_change_kind;

typedef struct review_item_diff {
    char *checklist_id, *item_id, *system_id, *question_zh;
    bool scored_a, scored_b;
    double score_a, max_a, score_b, max_b;
    bool finding_a, finding_b;
    review_change_kind kind;
} review_item_diff;

/* The unit's items in period a and period b side by side, in the order of
 * b's report (then a's items b does not have). */
int review_compare(review_db *db, const char *unit, const char *prof, const char *period_a,
                   const char *period_b, review_item_diff **out, size_t *count, char **err);
void review_item_diffs_free(review_item_diff *d, size_t count);

/* Remediation follow-up: one row per finding, followed from the report
 * where it first appeared through the unit's next reports while it stays. */
typedef enum review_followup {
    REVIEW_FINDING_OPEN = 0,   /* in the unit's latest report, due date not passed (or none) */
    REVIEW_FINDING_OVERDUE,    /* its due date passed and it is still a finding */
    REVIEW_FINDING_RESOLVED    /* gone in the unit's next report */
} review_followup;

typedef struct review_finding {
    char *unit_code, *unit_name, *profile;
    char *checklist_id, *item_id, *system_id, *question_zh, *severity;
    char *owner, *due, *note;
    char *first_period, *last_period;   /* reports that had it */
    char *resolved_in;                  /* the period it was gone in, or "" */
    review_followup status;
    bool nonstandard;          /* a report that had it was answered against a non-official version of
                                  its checklist */
} review_finding;

/* Findings of every unit (or of `unit`), each with its follow-up status;
 * with overdue_only only the overdue ones. By unit, profile, checklist,
 * item and system. */
int review_findings(review_db *db, const char *unit, bool overdue_only, const char *today, review_finding **out,
                    size_t *count, char **err);
void review_findings_free(review_finding *f, size_t count);

/* An item failed by units. */
typedef struct review_item_count {
    char *checklist_id, *item_id, *question_zh;
    long failing;              /* units with it as a finding */
    long reporting;            /* units whose report has the item */
    char **units;              /* the failing units' codes (failing of them) */
    long nonstandard;          /* of the failing units: those whose report's checklist is not official */
} review_item_count;

/* Items by how many units fail them, most first: over the reports of
 * `period` (NULL: each unit's latest report of each profile). */
int review_items_failed(review_db *db, const char *period, review_item_count **out, size_t *count, char **err);
void review_item_counts_free(review_item_count *c, size_t count);

/* A period a unit has not reported, though it was due. */
typedef struct review_missing {
    char *unit_code, *unit_name, *profile, *period;
    char due[11];              /* its due date (passed) */
    char *last_reported;       /* the unit's latest period of the profile, or "" for never */
} review_missing;

/* Periods of the monthly and half-year checks whose due date under `s`
 * has passed by today and that a unit has not reported: for a unit that
 * has reported the profile before, every such period after its first
 * report (at most the 12 most recent); for one that never has, the latest
 * such period. By unit, profile and period. */
int review_missing_periods(review_db *db, const schedule *s, const char *today, review_missing **out,
                           size_t *count, char **err);
void review_missing_free(review_missing *m, size_t count);

/* One system of a unit as its annex form says (review_forms.c): a row of
 * the data asset inventory or of the website survey, from the unit's latest
 * current report that carries that form. */
typedef struct review_form_row {
    char *unit_code, *unit_name, *profile, *period, *report_id;
    char *system_id, *system_name;
    /* one per field of the form's row (inventory_form.row or survey_form.row),
     * "" when not recorded: the recorded value and the annex's word for it */
    char **values, **titles;
    size_t count;
} review_form_row;

/* The rows of form `form` ("inventory": the units' systems, "survey": their
 * websites) of every unit (or of `unit`), by unit and system id. Returns 0
 * with *out and *count (free with review_form_rows_free), or -1 with *err
 * (also for a form that is not "inventory" or "survey"). */
int review_form_rows(review_db *db, const char *form, const char *unit, review_form_row **out, size_t *count,
                     char **err);
void review_form_rows_free(review_form_row *rows, size_t count);

#endif
