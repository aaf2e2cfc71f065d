/* checklist.h: the checklist model and its loader.
 *
 * A checklist is one INI file in checklists/ (format: docs/checklist-format.md).
 * The loader reads it with iniparser after a raw pre-pass over the file's lines
 * that catches what iniparser would hide: line numbers, duplicate sections and
 * keys, upper-case names it would fold, lines too long for its buffer, invalid
 * UTF-8. Every problem found is reported as FILE:LINE: message. */
#ifndef SELFCHECK_CHECKLIST_H
#define SELFCHECK_CHECKLIST_H

#include <stdbool.h>
#include <stddef.h>
#include "error.h"
#include "profile.h"

typedef enum severity {
    SEVERITY_LOW = 0,
    SEVERITY_MEDIUM,
    SEVERITY_HIGH,
    SEVERITY_CRITICAL
} severity;

typedef enum answer_type {
    ANSWER_YESNO = 0,
    ANSWER_CHOICE,
    ANSWER_NUMBER,
    ANSWER_DATE,
    ANSWER_TEXT
} answer_type;

typedef enum scope {
    SCOPE_UNIT = 0,    /* answered once for the unit */
    SCOPE_SYSTEM       /* answered once per information system of the unit */
} scope;

/* Which way a number answer gets better. */
typedef enum number_direction {
    NUMBER_LOWER_IS_BETTER = 0,  /* days since signatures were updated */
    NUMBER_HIGHER_IS_BETTER      /* days of logs kept */
} number_direction;

typedef struct choice {
    char *key;        /* canonical answer value, e.g. "daily" */
    char *label_zh;
    char *label_en;
    double score;     /* in [0,1] */
} choice;

typedef struct condition {
    char *item_id;     /* an earlier yesno or choice item of the same checklist */
    char **values;     /* the item is shown when that answer is one of these */
    size_t value_count;
    char *attribute;   /* show_if = system.NAME: a system attribute (sysattr.h)
                          instead of an item; item_id is then NULL */
    size_t item_index; /* index of item_id in its checklist (the loader sets it) */
    size_t depth;      /* conditions on the way up the chain, this one included */
    /* show_if_unrecorded = ITEM: VALUES beside a condition on an attribute:
     * the condition on an earlier item that decides instead while the forms
     * record no value of the attribute for the system (the answer to the
     * level item, until the inventory gives the level); NULL otherwise */
    struct condition *unrecorded;
} condition;

/* The condition on an item in c's place in a chain: c itself when it names
 * an item, its show_if_unrecorded when it is on a system attribute, or
 * NULL. */
const condition *condition_on_item(const condition *c);
/* Frees c, its values and its show_if_unrecorded; accepts NULL. */
void condition_free(condition *c);

/* The longest chain of show_if conditions on items a checklist may hold
 * (an item shown when one is, that is shown when another is...): deeper
 * chains are refused when the checklist is loaded. */
#define CHECKLIST_MAX_SHOW_IF_DEPTH 10000

typedef struct item {
    char *id;
    int line;              /* line of the [item.ID] header, for messages */
    char *question_zh, *question_en;
    char *guidance_zh, *guidance_en;   /* may be empty strings, never NULL */
    char *source;          /* document and clause, e.g. "000 四(二)" */
    severity severity;
    double weight;         /* > 0 for scored items; 0 for text items and for
                              steering yesno/choice items (asked, not scored) */
    unsigned profiles;     /* PROFILE_* bits */
    scope scope;
    answer_type type;

    /* yesno */
    bool allow_partial;
    double partial_score;  /* yesno "partial" and number partial band, default 0.5 */
    /* every scored type */
    bool allow_na;

    /* choice */
    choice *choices;
    size_t choice_count;

    /* number */
    double number_min, number_max;
    double number_full, number_partial;
    number_direction direction;
    /* number and date: "never" (从未) is an answer, and scores 0; for counts
     * of days since something that may never have happened */
    bool allow_never;
    /* date: "scheduled YYYY-MM-DD" (a re-assessment booked for that day) is
     * an answer; it scores partial_score until that day, then 0 */
    bool allow_scheduled;
    char *unit_zh, *unit_en;  /* may be empty */

    /* date */
    int max_age_days;       /* 0 = no age limit */
    char *not_before;       /* id of a date item this date must not precede, or NULL */

    condition *show_if;     /* NULL = always shown */
    char *states;           /* states = system.NAME: the answer states that system
                               attribute (sysattr.h), so that the inventory can
                               contradict it; NULL otherwise */
    char **states_values;   /* states = system.NAME: V, ... on a yesno item: `yes`
                               says the attribute is one of these (for a unit
                               item: of some system), so that the forms
                               recording one contradict `no`; NULL otherwise */
    size_t states_value_count;
} item;

typedef struct checklist {
    char *path;
    char *id;
    int id_line;      /* line of its id, for messages */
    int version;
    char *title_zh, *title_en;
    item *items;
    size_t item_count;
} checklist;

/* A set of loaded checklists, in file-name order. Owns them. */
typedef struct checklist_set {
    checklist *lists;
    size_t count;
} checklist_set;

/* Loads one checklist file. On success returns 0 and stores a new checklist in
 * *out (free with checklist_free). On failure returns -1 and appends every
 * problem found to diags (which must be initialised). */
int checklist_load_file(const char *path, checklist **out, diag_list *diags);

/* Loads every PATH: a file, or a folder whose *.ini files are loaded in name
 * order. Also checks that checklist ids are unique across the set. Returns 0
 * with *out set (free with checklist_set_free), or -1 with diags filled and
 * *out NULL. A path list may be given as one string with ':' between folders. */
int checklist_set_load(const char *const *paths, size_t path_count,
                       checklist_set **out, diag_list *diags);

void checklist_free(checklist *list);
void checklist_set_free(checklist_set *set);

/* Look-ups; return NULL when absent. */
const item *checklist_find_item(const checklist *list, const char *item_id);
const checklist *checklist_set_find(const checklist_set *set, const char *checklist_id);

/* Names: "yesno"...; "critical"... (profile names: profile.h) */
const char *severity_name(severity s);
/* The severity in the user's language ("关键", "critical"): one wording for
 * every screen and command that shows it. */
const char *severity_label(severity s);
/* Reads a severity's name. Returns 0 with *out, or -1 for another text. */
int severity_parse(const char *name, severity *out);
const char *answer_type_name(answer_type t);

/* The localised text of an item or checklist: lang "zh" or "en". Falls back to
 * Chinese for an unknown language. */
const char *item_question(const item *it, const char *lang);
const char *item_guidance(const item *it, const char *lang);
const char *checklist_title(const checklist *list, const char *lang);

#endif
