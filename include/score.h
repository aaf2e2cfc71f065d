/* score.h: the item instances of an assessment, and their scores.
 *
 * A plan lists every instance to ask for a profile: each unit item once, each
 * per-system item once per system, in checklist and item order. Scoring
 * (docs/scoring.md) gives each answered instance a score in [0,1] and points =
 * weight x score; not-applicable and hidden instances leave the denominator;
 * a critical instance scored 0 fails the verdict whatever the percentage. */
#ifndef SELFCHECK_SCORE_H
#define SELFCHECK_SCORE_H

#include <stdbool.h>
#include <stddef.h>
#include "checklist.h"
#include "config.h"
#include "store.h"

typedef struct instance {
    const checklist *list;
    size_t list_index;        /* index of list in the set */
    const item *item;
    char *system_id;          /* "" for unit items */
    char *system_name;        /* "" for unit items */
    long show_if_parent;      /* the instance its show_if on an item refers
                                 to (always an earlier one), or -1 */
} instance;

struct sysattr_set;

typedef struct plan {
    instance *items;
    size_t count;
    /* the systems' attributes from the annex forms, for show_if on a system
     * attribute; not owned; NULL asks every such item (session.c sets it) */
    const struct sysattr_set *attrs;
} plan;

/* Builds the plan of `p` over the set for the given systems. For a change
 * profile pass only the changed system. Returns 0 with *out (free with
 * plan_free), or -1 with *err. */
int plan_build(const checklist_set *set, profile p, const system_info *systems,
               size_t system_count, plan **out, char **err);
void plan_free(plan *pl);
/* Index of the instance, or -1. */
long plan_find(const plan *pl, const char *checklist_id, const char *item_id, const char *system_id);

typedef enum instance_state {
    STATE_HIDDEN = 0,     /* its show_if condition is false: not asked */
    STATE_UNANSWERED,
    STATE_ANSWERED,       /* scored */
    STATE_NA,             /* not applicable: leaves the denominator */
    STATE_RECORDED        /* answered, not scored: text, or a weight-0 steering question */
} instance_state;

typedef struct instance_score {
    instance_state state;
    const answer *answer;  /* NULL when nothing is stored */
    double score;          /* in [0,1], meaningful when ANSWERED */
    double points;         /* weight x score */
    double max;            /* weight when ANSWERED, else 0 */
    bool finding;          /* answered below full score */
    bool critical_failure; /* a critical item scored 0 */
} instance_score;

typedef struct checklist_score {
    const checklist *list;
    double points, max;
    double percent;        /* 100 x points / max, 0 when max is 0 */
    size_t asked, answered, findings;
} checklist_score;

/* An incomplete assessment has no grade and never passes: its percentage so
 * far is provisional. A complete one with nothing scored fails. */
typedef enum score_verdict {
    VERDICT_INCOMPLETE = 0,
    VERDICT_FAIL,              /* a critical item scored 0, or percent below the pass mark */
    VERDICT_PASS
} score_verdict;

typedef struct score_result {
    instance_score *instances;   /* parallel to the plan */
    size_t count;
    checklist_score *lists;      /* by checklist index in the set, up to the last one
                                    with instances; .list is NULL for one without */
    size_t list_count;
    double points, max, percent; /* percent rounded to one decimal */
    size_t asked;                /* visible instances */
    size_t answered;             /* visible instances with an answer (na and text included) */
    size_t findings;
    size_t critical_failures;
    bool complete;               /* every visible instance answered */
    const grade_level *grade;    /* from the config; NULL when incomplete or nothing is scored */
    score_verdict verdict;       /* incomplete until every visible instance is answered */
    bool pass;                   /* verdict == VERDICT_PASS */
} score_result;

/* The verdict's machine token as the reports write it: "pass", "fail" or
 * "incomplete" (a static string). */
const char *score_verdict_token(score_verdict v);

/* The verdict in the user's language ("通过", "不通过", "未完成"). */
const char *score_verdict_label(score_verdict v);

/* The verdict token of a report or the review ("pass"...) in the user's
 * language; another text is returned as it is. */
const char *score_verdict_token_label(const char *token);

/* The grade a report recorded (its English and Chinese names), in the
 * user's language: the Chinese one under Chinese when there is one. */
const char *score_grade_text_label(const char *grade, const char *grade_zh);

/* Scores the answers against the plan. Returns 0 with *out (free with
 * score_result_free). The result points into pl, answers and cfg: keep them. */
int score_compute(const plan *pl, const answer_set *answers, const config *cfg,
                  score_result **out, char **err);
void score_result_free(score_result *r);

/* What score_stored_percent returns besides 0. */
enum {
    SCORE_ERR = -1,         /* out of memory, or the checklists cannot make the plan */
    SCORE_ERR_STORE = -2    /* the assessment's answers cannot be read */
};

/* What the status line, the start screen and the review's overview show of
 * an assessment kept in the store: its total as score_compute rounds it (one
 * rule for every place that prints it), grade, verdict, critical failures
 * and how many of the items asked are answered. */
typedef struct score_stored {
    double percent;              /* rounded to one decimal, as score_result */
    const grade_level *grade;    /* points into the config; NULL when nothing is scored yet */
    score_verdict verdict;
    size_t critical_failures;
    size_t answered, asked;      /* as score_result: of the items asked now */
} score_stored;

/* Scores an assessment kept in the store against the checklists now loaded.
 * db_path is the store's file, whose annex forms decide the items gated on a
 * system's attributes as a session does (NULL asks every such item).
 * Returns 0 with *out, or a SCORE_ERR kind with *err (*out untouched). */
int score_stored_percent(store *st, const char *db_path, const checklist_set *set, const config *cfg,
                         const assessment *a, score_stored *out, char **err);

/* The score of one answer value for an item, in [0,1]; `other_date` is the
 * answer of the item's not_before item (or NULL) and `answered_on` the date
 * (YYYY-MM-DD) the answer was given, against which max_age_days counts.
 * A "scheduled DATE" answer scores the item's partial_score until DATE (counted
 * against today, clock_today) and 0 after it.
 * Returns -1 for na or a value the item does not accept. */
double score_item(const item *it, const char *value, const char *other_date, const char *answered_on);

/* Whether an instance is asked, given the answers so far. */
bool score_instance_visible(const plan *pl, size_t index, const answer_set *answers);

#endif
