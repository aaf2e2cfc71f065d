/* session.h: one assessment opened for answering, as the command line and the
 * TUI both use it.
 *
 * A session holds the configuration, the loaded checklists, the open store,
 * the assessment, its plan, its answers and their live score. Every change
 * goes through session_set, which validates, commits to the store at once,
 * and rescores; the caller then redraws from s->score. */
#ifndef SELFCHECK_SESSION_H
#define SELFCHECK_SESSION_H

#include <stdbool.h>
#include "checklist.h"
#include "config.h"
#include "score.h"
#include "store.h"

typedef struct session {
    config *cfg;             /* owned */
    checklist_set *set;      /* owned */
    store *store;            /* owned */
    assessment *assessment;  /* owned */
    bool created;            /* this session created the assessment */
    plan *plan;              /* owned */
    answer_set *answers;     /* owned; reloaded after every change */
    score_result *score;     /* owned; recomputed after every change */
    assessment *previous;    /* the previous assessment of the same profile, or NULL */
    answer_set *previous_answers;  /* its answers, or NULL */
    struct sysattr_set *attrs;     /* owned: the systems' attributes from the annex
                                      forms, which plan->attrs points to */
    char *db_path;           /* owned: the answer store's file (the annex forms are there too) */
} session;

/* Opens the assessment (creating it) of profile p and period (NULL: the
 * current one) for the configured unit. Takes ownership of cfg and set (also
 * on failure). db_path NULL means the configured data folder's selfcheck.db.
 * Returns 0 with *out, or -1 or a SESSION_ERR_ below with *err. */
int session_open(config *cfg, checklist_set *set, const char *db_path, profile p,
                 const char *period, session **out, char **err);
/* What session_open and session_open_existing return besides 0 and -1 (the
 * store, the checklists, or memory), for the caller's exit code. */
enum {
    SESSION_ERR_NO_UNIT = -2,     /* [unit] code is not set */
    SESSION_ERR_NOT_FOUND = -3    /* a change assessment without a period, or of an unknown system */
};
/* Like session_open, but never creates the assessment: returns 0 with *out
 * NULL when there is none (cfg and set are freed then too). */
int session_open_existing(config *cfg, checklist_set *set, const char *db_path, profile p,
                          const char *period, session **out, char **err);
void session_free(session *s);
/* Removes the assessment again when this session created it and nothing was
 * recorded in it, so that a refused sheet or a blank template creates no
 * check. Returns 0, or -1 with *err. */
int session_discard_if_unused(session *s, char **err);

/* Sets one field of instance `index` of the plan (ANSWER_FIELD_VALUE input is
 * validated and made canonical with answer_parse; "" or NULL clears). Commits
 * at once, reloads, rescores, and marks the assessment completed when every
 * asked instance is answered (or clears the mark when a condition change
 * makes it incomplete). A finding with no due date gets one from the
 * schedule. A text over its limit or one that would take the assessment's
 * texts over RECORD_MAX_TOTAL is refused (record_limits.h). Returns 0, or -1
 * with *err (nothing changed). */
int session_set(session *s, size_t index, answer_field field, const char *input, char **err);

/* Bytes of the recorded texts (answer values, notes, owners) of the
 * assessment, which RECORD_MAX_TOTAL bounds. */
size_t session_text_bytes(const session *s);

/* The stored answer of instance `index`, or NULL. */
const answer *session_answer(const session *s, size_t index);
/* The previous assessment's answer to the same instance, or NULL. */
const answer *session_previous_answer(const session *s, size_t index);
/* Index of the first asked, unanswered instance at or after `from` (wrapping
 * around), or -1 when every asked instance is answered. */
long session_next_unanswered(const session *s, size_t from);

/* Rereads answers and rescores (after a batch import). 0 or -1 with *err. */
int session_refresh(session *s, char **err);

#endif
