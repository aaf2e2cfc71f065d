/* incident_store.h: the unit's incident records, kept in its answer store.
 *
 * An incident record is what document 003 asks a unit to keep of a network
 * and information security incident: a title, the system concerned, the
 * facts it was graded on (incident.h), the grading itself (level, warning
 * colour and every rule of 第七条–第九条 that applied, as they were when it
 * was recorded) and its timeline: timestamped events (discovered, reported
 * to …, contained, public opinion answered, response ended, investigation
 * reported). The plan's time limits over that timeline are computed by
 * incident_deadline.h; a record is exported and signed by incident_export.h.
 *
 * The tables (incidents, incident_events) are step 2 of the answer store's
 * migrations (store.c, docs/store.md): incident_store_open opens the file
 * with store_open first, so any store is brought up to date, then keeps a
 * connection of its own. Every write commits at once (WAL, synchronous=FULL,
 * as the answers). Times are local civil times "YYYY-MM-DDTHH:MM" (minutes:
 * the plan's limits are hours and days). */
#ifndef SELFCHECK_INCIDENT_STORE_H
#define SELFCHECK_INCIDENT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include "incident.h"

/* Statuses: 0 is success. */
typedef enum incident_store_status {
    INCIDENT_STORE_OK = 0,
    INCIDENT_STORE_ERR = -1,          /* SQLite failed, or out of memory */
    INCIDENT_STORE_INVALID = -2,      /* an empty title, a bad time, a bad system id */
    INCIDENT_STORE_NOT_FOUND = -3     /* no incident of that number */
} incident_store_status;

/* One event of a timeline. */
typedef struct incident_event {
    int seq;                    /* 1, 2, … in the order recorded */
    incident_event_kind kind;
    char *at;                   /* when it happened, YYYY-MM-DDTHH:MM */
    char *text;                 /* to whom, what; "" when nothing was said */
    char *recorded_at;          /* when it was entered, YYYY-MM-DDTHH:MM:SS */
} incident_event;

/* One incident with its timeline. Strings are never NULL. */
typedef struct incident_record {
    long long id;               /* the incident's number in this store: 1, 2, … */
    char *title;
    char *system_id;            /* the system concerned, "" when none */
    char *facts;                /* incident_facts_format of the facts it was graded on */
    incident_level level;       /* as graded when recorded */
    incident_warning warning;
    char *rules;                /* the ids of the rules that applied, space-separated,
                                   highest level first ("" for level none) */
    char *recorded_at;          /* YYYY-MM-DDTHH:MM:SS */
    incident_event *events;     /* in time order (at, then seq) */
    size_t event_count;
} incident_record;

typedef struct incident_store incident_store;

/* Opens the incident tables of the answer store at path (creating the store
 * and migrating it as store_open does). Returns 0 with *out, or
 * INCIDENT_STORE_ERR with *err. */
int incident_store_open(const char *path, incident_store **out, char **err);
void incident_store_close(incident_store *is);

/* Normalises a time given by a person to YYYY-MM-DDTHH:MM in out: accepts
 * YYYY-MM-DDTHH:MM, "YYYY-MM-DD HH:MM" (seconds, when given, are dropped)
 * and a date alone (00:00). 0, or -1 when it is not a valid time. */
int incident_time_parse(const char *text, char out[17]);

/* Records an incident graded on `facts` by `res` (incident_classify), with
 * a title of one line (at most RECORD_MAX_NAME bytes, no control
 * character: answer_text_check; event texts are checked as notes), and
 * its first event, `discovered` at discovered_at (YYYY-MM-DDTHH:MM, or any
 * form incident_time_parse takes), in one transaction. system_id may be NULL
 * or "" (a system id otherwise: lower-case letters, digits and '-'; it need
 * not be registered). `now` is the recording time (clock_now). Returns 0
 * with *id, or INCIDENT_STORE_INVALID / INCIDENT_STORE_ERR with *err. */
int incident_store_add(incident_store *is, const char *title, const char *system_id,
                       const incident_facts *facts, const incident_result *res, const char *discovered_at,
                       const char *now, long long *id, char **err);

/* Adds an event to incident id's timeline. text may be NULL. Returns 0,
 * INCIDENT_STORE_NOT_FOUND, INCIDENT_STORE_INVALID (a bad time) or
 * INCIDENT_STORE_ERR, with *err. */
int incident_store_add_event(incident_store *is, long long id, incident_event_kind kind, const char *at,
                             const char *text, const char *now, char **err);

/* Grades incident id again on `facts` (all of them: the stored facts with
 * the edit merged in, incident_facts_merge) by `res`, with the system
 * concerned changed to system_id (NULL: unchanged; "" for none), and
 * records what changed in its timeline as an `edited` event at `now`
 * (clock_now), in one transaction. When nothing changes, nothing is
 * written and *changed is false. Returns 0, INCIDENT_STORE_NOT_FOUND,
 * INCIDENT_STORE_INVALID (a bad system id) or INCIDENT_STORE_ERR, with *err. */
int incident_store_update(incident_store *is, long long id, const char *system_id, const incident_facts *facts,
                          const incident_result *res, const char *now, bool *changed, char **err);

/* The incident of number id with its timeline: 0 with *out (free with
 * incident_record_free), INCIDENT_STORE_NOT_FOUND or INCIDENT_STORE_ERR. */
int incident_store_get(incident_store *is, long long id, incident_record **out, char **err);

/* Every incident with its timeline, by number: 0 with *out, an array of
 * *count pointers (free with incident_record_free_array; NULL and 0 when
 * there is none), or INCIDENT_STORE_ERR. */
int incident_store_list(incident_store *is, incident_record ***out, size_t *count, char **err);

void incident_record_free(incident_record *rec);
void incident_record_free_array(incident_record **list, size_t count);

/* The level and warning of their tokens ("II", "yellow"); NONE when the
 * token is none of them. */
incident_level incident_level_from_token(const char *token);
incident_warning incident_warning_from_token(const char *token);

/* The time of the first event of that kind in rec's timeline, NULL when
 * there is none. Points into rec. */
const char *incident_record_first(const incident_record *rec, incident_event_kind kind);

#endif
