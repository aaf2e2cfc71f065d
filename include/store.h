/* store.h: the answer store, one SQLite file per unit machine.
 *
 * WAL journal with synchronous=FULL: every answer is committed the moment it
 * is given, so a crash, kill -9 or power cut loses nothing already answered.
 * The schema is versioned with PRAGMA user_version and migrated on open
 * (docs/store.md). */
#ifndef SELFCHECK_STORE_H
#define SELFCHECK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include "profile.h"

typedef struct store store;

#define STORE_SCHEMA_VERSION 2

/* Opens (creating and migrating if needed) the store at path; the folder is
 * created. Returns 0 with *out set, or -1 with *err. */
int store_open(const char *path, store **out, char **err);
void store_close(store *s);

/* Explicit transactions, for all-or-nothing imports. Writes made inside one
 * are committed by store_commit; outside one, each write commits itself. */
int store_begin(store *s, char **err);
int store_commit(store *s, char **err);
void store_rollback(store *s);

struct sqlite3;
/* Why the last call on this connection to the unit's store file failed, in
 * the user's language, from SQLite's error code (a locked store, a full disk,
 * a read-only or damaged file; the rare causes as SQLite says them): for the
 * other tables of the same file (forms_store.h, incident_store.h). Never
 * NULL, not to be freed. */
const char *store_db_reason(struct sqlite3 *db);

/* What a store call returns besides 0, so that callers can tell the user's
 * mistakes from a broken store without reading the message. */
typedef enum store_error {
    STORE_ERR = -1,             /* SQLite failed, or out of memory */
    STORE_ERR_INVALID = -2,     /* a system code or name, or an answer text, that cannot be stored
                                   (record_limits.h, answer_text_check) */
    STORE_ERR_EXISTS = -3,      /* a system of that code is there already */
    STORE_ERR_NOT_FOUND = -4    /* no such system */
} store_error;

/* ---- information systems of the unit ---- */
typedef struct system_info {
    char *id;      /* short id: lower-case letters, digits and '-' */
    char *name;    /* display name, e.g. 办公自动化系统 */
} system_info;

/* A system's code follows ident_name_valid (ident.h). */
/* The name is one line (answer_text_check); at most RECORD_MAX_SYSTEMS systems.
 * Returns 0, or a store_error with *err: STORE_ERR_INVALID, STORE_ERR_EXISTS. */
int store_system_add(store *s, const char *id, const char *name, char **err);
/* Returns 0, or a store_error with *err: STORE_ERR_NOT_FOUND. */
int store_system_remove(store *s, const char *id, char **err);
/* *out (free with system_info_free_array) in id order. */
int store_systems_list(store *s, system_info **out, size_t *count, char **err);
void system_info_free_array(system_info *systems, size_t count);

/* ---- assessments ---- */
typedef struct assessment {
    long long id;
    char *unit_code;
    profile profile;
    char *period;
    char *assessor;
    char *created_at;
    char *completed_at;        /* NULL while not completed */
    system_info *systems;      /* the systems it covers, in id order */
    size_t system_count;
} assessment;

/* Finds the assessment (unit, profile, period), creating it if absent. While
 * it is not completed its systems follow the unit's current list (for a change
 * assessment: the one system named in the period, which must exist:
 * STORE_ERR_NOT_FOUND when it does not). Returns 0, or a store_error. */
int store_assessment_open(store *s, const char *unit_code, profile p, const char *period,
                          const char *assessor, assessment **out, char **err);
/* Like open, but never creates: *out is NULL when there is none. */
int store_assessment_find(store *s, const char *unit_code, profile p, const char *period,
                          assessment **out, char **err);
/* All assessments of a unit and profile, newest period first; *out is an array
 * of count pointers (free with assessment_free_array). */
int store_assessment_list(store *s, const char *unit_code, profile p,
                          assessment ***out, size_t *count, char **err);
/* Removes the assessment if nothing was recorded in it (no answer row, not
 * completed), with its systems: for a caller that opened it only to read a
 * sheet it then refused. Returns 0 (also when it was kept), or a store_error. */
int store_assessment_discard_unused(store *s, long long assessment_id, char **err);
/* Marks completed at `when` (ISO time), or clears the mark with when = NULL. */
int store_assessment_set_completed(store *s, long long assessment_id, const char *when, char **err);
void assessment_free(assessment *a);
void assessment_free_array(assessment **list, size_t count);

/* ---- answers ---- */
typedef struct answer {
    char *checklist_id;
    char *item_id;
    char *system_id;       /* "" for a unit item */
    char *value;           /* canonical answer, NULL while unanswered */
    char *note;            /* NULL when none */
    char *owner;           /* remediation owner, NULL when none */
    char *due;             /* remediation due date YYYY-MM-DD, NULL when none */
    char *answered_at;     /* ISO time of the last change of value */
} answer;

typedef struct answer_set {
    answer *items;
    size_t count;
} answer_set;

typedef enum answer_field {
    ANSWER_FIELD_VALUE = 0,
    ANSWER_FIELD_NOTE,
    ANSWER_FIELD_OWNER,
    ANSWER_FIELD_DUE
} answer_field;

/* Sets one field of one answer (creating the row), committing at once unless
 * inside store_begin. text NULL (or "" for note/owner/due) clears the field.
 * `when` is the ISO time recorded as answered_at when the value changes.
 * A text over its limit or holding a control character (answer_text_check:
 * an owner is a name, a value or note may have several lines) is refused
 * with STORE_ERR_INVALID. */
int store_answer_put(store *s, long long assessment_id, const char *checklist_id,
                     const char *item_id, const char *system_id, answer_field field,
                     const char *text, const char *when, char **err);
/* Every stored answer of an assessment (free with answer_set_free). */
int store_answers_load(store *s, long long assessment_id, answer_set **out, char **err);
/* How many items of an assessment have an answer (a note alone is none). 0, or -1 with *err. */
int store_answered_count(store *s, long long assessment_id, size_t *out, char **err);
void answer_set_free(answer_set *set);
/* NULL when absent. system_id "" for unit items. */
const answer *answer_set_find(const answer_set *set, const char *checklist_id,
                              const char *item_id, const char *system_id);

#endif
