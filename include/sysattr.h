/* sysattr.h: the attributes of an information system that the annex forms
 * record and checklist items may be gated on (docs/checklist-format.md,
 * "Conditions on a system's attributes"; docs/forms.md).
 *
 * `show_if = system.release_area: internet, both` asks a per-system item only
 * for the systems whose inventory row says so. An attribute the forms do not
 * record for a system does not hide the item: it is asked until the
 * inventory says it does not apply. The same attributes let the core point
 * out an answer that contradicts the inventory. */
#ifndef SELFCHECK_SYSATTR_H
#define SELFCHECK_SYSATTR_H

#include <stdbool.h>
#include <stddef.h>
#include "score.h"
#include "store.h"

typedef enum sysattr_name {
    SYSATTR_RELEASE_AREA = 0,  /* internet|private|both (inventory 发布区域) */
    SYSATTR_PERSONAL_INFO,     /* yes|no (inventory 包含数据类型 holds 公民个人信息) */
    SYSATTR_WEBSITE,           /* yes|no (the system has a row in the website survey) */
    SYSATTR_MLPS_LEVEL,        /* none|1|2|3|4 (inventory 定级级别, else the survey's) */
    SYSATTR_STORAGE,           /* internet|private|both|hosting (inventory 数据存储位置) */
    SYSATTR_COUNT
} sysattr_name;

/* The attribute named `name` ("release_area"), or -1. */
int sysattr_find(const char *name);
/* Its name, for messages and reports. */
const char *sysattr_name_text(sysattr_name a);
/* The values it takes, "internet|private|both" (a machine token). */
const char *sysattr_values(sysattr_name a);
/* True when `value` is one of them. */
bool sysattr_value_valid(sysattr_name a, const char *value);

/* The attributes of the systems of an assessment. Owns its strings. */
typedef struct sysattr_row {
    char *system_id;
    char *system_name;
    char *values[SYSATTR_COUNT];   /* NULL when not recorded */
} sysattr_row;

typedef struct sysattr_set {
    sysattr_row *rows;
    size_t count;
} sysattr_set;

/* Reads the attributes of `systems` from the forms in the answer store at
 * db_path (which store_open has opened). Returns 0 with *out (free with
 * sysattr_set_free), or -1 with *err. */
int sysattr_load(const char *db_path, const system_info *systems, size_t count, sysattr_set **out, char **err);
void sysattr_set_free(sysattr_set *set);
/* The recorded value of a system's attribute, or NULL (unknown, or no set). */
const char *sysattr_get(const sysattr_set *set, const char *system_id, sysattr_name a);

/* The value an MLPS level answer stands for: the choice keys of the
 * checklists' level item ("l3", "l1-standalone", "none") or a level itself
 * ("3"). Writes "1".."4" or "none" into out; false when it is neither. */
bool sysattr_level_of_answer(const char *value, char out[5]);

/* Room for any attribute value sysattr_stated_value writes. */
#define SYSATTR_VALUE_MAX 16
/* The value of attribute a that the answer of an item stating it (states =
 * system.NAME) stands for: for mlps_level a level answer read as
 * sysattr_level_of_answer does, for the others the answer itself when the
 * attribute takes it. Returns buf (or the answer), or NULL when the answer
 * says nothing of the attribute (na, partial). */
const char *sysattr_stated_value(sysattr_name a, const char *value, char buf[SYSATTR_VALUE_MAX]);

/* An answer that the inventory contradicts. */
typedef enum sysattr_conflict_kind {
    /* the item is gated on the attribute (show_if = system.NAME), the forms
     * record a value it applies to, and it is answered not applicable: a
     * system hosted at a third party whose hosting item says na */
    SYSATTR_CONFLICT_NOT_APPLICABLE = 1,
    /* the item states the attribute (states = system.NAME) and its answer
     * differs from what the forms record: level 3 recorded, l2 answered; or
     * it states that the attribute is one of some values (states =
     * system.NAME: V...), answered no, and the forms record one of them: a
     * system stored at a hosting unit whose "hosted outside" says no */
    SYSATTR_CONFLICT_DIFFERS
} sysattr_conflict_kind;

typedef struct sysattr_conflict {
    size_t index;                 /* the plan instance */
    sysattr_conflict_kind kind;
    sysattr_name attribute;
    const char *recorded;         /* the forms' value (borrowed from the set) */
    const char *answered;         /* the answer (borrowed from answers) */
    const char *system_name;      /* for a unit item, the system whose record
                                     contradicts it (borrowed from the set);
                                     NULL for a per-system item */
} sysattr_conflict;

/* Whether the answer of instance `index` contradicts pl->attrs (a visible,
 * answered instance only): true with *out. The one place that decides a
 * contradiction; `score` lists them, the walk screen shows the current
 * item's. */
bool sysattr_conflict_find(const plan *pl, size_t index, const answer_set *answers, sysattr_conflict *out);

/* The contradictions between the answers and pl->attrs, in plan order.
 * Returns 0 with *out (caller frees the array; NULL when there is none) and
 * *count, or -1 when out of memory. */
int sysattr_conflicts(const plan *pl, const answer_set *answers, sysattr_conflict **out, size_t *count);

/* The contradiction as one sentence in the messages' language ("answered
 * Level 2, but the inventory records mlps_level = 3"), the answer as
 * answer_display shows it in `lang`. Caller frees; NULL when out of
 * memory. */
char *sysattr_conflict_text(const sysattr_conflict *c, const item *it, const char *lang);

#endif
