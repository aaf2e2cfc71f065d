/* incident.h: the incident level of document 003 (第六条–第二十二条), decided
 * by rules that are data.
 *
 * The rules file (rules/incident.ini, installed as
 * share/selfcheck/rules/incident.ini; format in docs/incidents.md) gives each
 * level its warning colour, each criterion of 第七条–第九条 as a rule (all of
 * its conditions over the facts must hold) with its level and clause, and
 * the actions the plan requires at each level with their clauses. The facts
 * are a fixed set of keys (incident_fact_name) because scripts and the
 * documentation name them. Classifying applies every rule: the highest level
 * among those that apply wins, and all of them are reported. */
#ifndef SELFCHECK_INCIDENT_H
#define SELFCHECK_INCIDENT_H

#include <stdbool.h>
#include <stddef.h>
#include "error.h"

/* Ordered: a higher value is a graver incident. */
typedef enum incident_level {
    INCIDENT_LEVEL_NONE = 0,   /* no rule applies */
    INCIDENT_LEVEL_III = 1,    /* Ⅲ级(一般) */
    INCIDENT_LEVEL_II = 2,     /* Ⅱ级(较大) */
    INCIDENT_LEVEL_I = 3       /* Ⅰ级(重大) */
} incident_level;

typedef enum incident_warning {
    INCIDENT_WARNING_NONE = 0,
    INCIDENT_WARNING_BLUE,
    INCIDENT_WARNING_YELLOW,
    INCIDENT_WARNING_RED
} incident_warning;

/* The facts, in the order the documentation lists them. */
typedef enum incident_fact {
    INCIDENT_FACT_MLPS_LEVEL,   /* 0-4, 0: not graded or no system concerned */
    INCIDENT_FACT_ATTACK,       /* none|small|large */
    INCIDENT_FACT_OUTAGE,       /* none|short|long */
    INCIDENT_FACT_PI_RECORDS,   /* personal-information records leaked: a count */
    INCIDENT_FACT_SECRETS,      /* state secrets or key data involved: no|yes */
    INCIDENT_FACT_DATA,         /* other data lost: none|ordinary|general */
    INCIDENT_FACT_DEFACED,      /* no|yes|political */
    INCIDENT_FACT_TERMINAL,     /* such content on an output terminal, beyond control: no|yes */
    INCIDENT_FACT_VULN,         /* none|low|medium|high */
    INCIDENT_FACT_POSTS,        /* public-opinion posts and comments: a count */
    INCIDENT_FACT_MEDIA,        /* mainstream media reporting: no|yes */
    INCIDENT_FACT_IMPACT,       /* other threat or effect: none|some|considerable|serious */
    INCIDENT_FACT_COUNT
} incident_fact;

/* Error kinds (negative; 0 is success). */
typedef enum incident_error {
    INCIDENT_ERR_NOMEM = -1,
    INCIDENT_ERR_UNKNOWN_KEY = -2,   /* no fact of that name */
    INCIDENT_ERR_BAD_VALUE = -3,     /* a value the fact does not take */
    INCIDENT_ERR_REPEATED = -4,      /* the same fact given twice */
    INCIDENT_ERR_MISSING = -5,       /* attack, outage or vuln given without mlps_level */
    INCIDENT_ERR_SYNTAX = -6         /* an argument that is not KEY=VALUE */
} incident_error;

/* The facts of one incident: every fact starts at its "none" value (0). */
typedef struct incident_facts {
    long value[INCIDENT_FACT_COUNT];   /* a count, a level, or the index of the word */
    bool given[INCIDENT_FACT_COUNT];
} incident_facts;

/* One criterion of 第七条–第九条. */
typedef struct incident_rule {
    char *id;        /* the section name after "rule." */
    char *clause;    /* for example "003 第八条(三)" */
    incident_level level;
    char *text_zh, *text_en;
    int line;        /* of its section in the rules file */
    struct incident_condition *conditions;   /* private to incident.c */
    size_t condition_count;
} incident_rule;

/* What happens to an incident after it is graded: the events of its
 * timeline (incident_store.h). The rules file names them in its time limits;
 * scripts and the documentation name them too, so they are a fixed set. */
typedef enum incident_event_kind {
    INCIDENT_EVENT_DISCOVERED = 0,   /* "discovered": the incident was found */
    INCIDENT_EVENT_REPORTED,         /* "reported": reported to someone (the text says to whom) */
    INCIDENT_EVENT_WARNING,          /* "warning": the warning issued (第十二条) */
    INCIDENT_EVENT_CONTAINED,        /* "contained": under control */
    INCIDENT_EVENT_OPINION,          /* "opinion": public opinion responded to (第十八条, 第十九条) */
    INCIDENT_EVENT_ENDED,            /* "ended": the emergency response ended (第二十一条) */
    INCIDENT_EVENT_INVESTIGATED,     /* "investigated": investigation and report done (第二十二条) */
    INCIDENT_EVENT_NOTE,             /* "note": anything else worth keeping */
    INCIDENT_EVENT_EDITED,           /* "edited": the facts (or the system) changed and it was graded
                                        again (incident_store_update); the text says what changed */
    INCIDENT_EVENT_COUNT
} incident_event_kind;

/* The token of an event kind ("discovered"), never translated; static. */
const char *incident_event_token(incident_event_kind kind);
/* The kind of a token. 0, or -1 when there is none of that name. */
int incident_event_parse(const char *token, incident_event_kind *out);

/* A time limit the plan sets on an action (keys `limit`, `after`, `met_by`,
 * `limit_when` of its section): the event met_by must happen within
 * `minutes` of the event `after` (第十八条 4 hours, 第十九条 12 hours,
 * 第二十二条 30 days). Or a standing duty (keys `duty_from`, `duty_until`:
 * 第十三条's 24-hour duty), in force from one event until another. */
typedef struct incident_limit {
    bool present;
    bool duty;                     /* a duty: from `after` until `met_by` */
    long minutes;                  /* the limit; 0 for a duty */
    incident_event_kind after, met_by;
    struct incident_condition *conditions;   /* when it applies (none: always); private */
    size_t condition_count;
} incident_limit;

/* One thing the plan requires, at one or more levels. */
typedef struct incident_action {
    char *id;
    char *clause;
    bool at[INCIDENT_LEVEL_I + 1];   /* at[level]: required at that level */
    char *text_zh, *text_en;
    incident_limit limit;            /* present when the plan sets one */
} incident_action;

/* A level's name and warning colour. */
typedef struct incident_level_info {
    incident_warning warning;
    char *name_zh, *name_en;
    char *clause;
} incident_level_info;

typedef struct incident_rules {
    char *path;
    incident_rule *rules;       /* in file order */
    size_t rule_count;
    incident_action *actions;   /* in file order */
    size_t action_count;
    incident_level_info levels[INCIDENT_LEVEL_I + 1];   /* [NONE] unused */
} incident_rules;

/* The result of classifying: pointers into the rules set, which must outlive it. */
typedef struct incident_result {
    incident_level level;
    incident_warning warning;
    const incident_rule **applied;   /* highest level first, then file order */
    size_t applied_count;
    const incident_action **actions; /* required at `level`, in file order */
    size_t action_count;
} incident_result;

/* The installed (or build tree's) rules file, found with paths_share.
 * Returns a string the caller frees, or NULL when there is none. */
char *incident_rules_default_path(void);

/* Reads and checks the rules file at path. Returns 0 with *out (free with
 * incident_rules_free), or -1 with every problem appended to diags as
 * FILE:LINE: message (nothing in *out). */
int incident_rules_load(const char *path, incident_rules **out, diag_list *diags);
void incident_rules_free(incident_rules *r);

/* The key of a fact ("mlps_level"), and the values it takes as the
 * documentation writes them ("0-4", "none|small|large", "a count"). Static
 * strings. */
const char *incident_fact_name(incident_fact f);
const char *incident_fact_values(incident_fact f);

/* Every fact at its "none" value, none given. */
void incident_facts_init(incident_facts *facts);

/* Sets the fact named key from its text. Returns 0, or an incident_error
 * with *err naming the key (and the value): INCIDENT_ERR_UNKNOWN_KEY,
 * INCIDENT_ERR_BAD_VALUE, INCIDENT_ERR_REPEATED. */
int incident_facts_set(incident_facts *facts, const char *key, const char *value, char **err);

/* The same from one "KEY=VALUE" argument; INCIDENT_ERR_SYNTAX without '='. */
int incident_facts_set_arg(incident_facts *facts, const char *arg, char **err);

/* Reads facts written by incident_facts_format ("KEY=VALUE" words separated
 * by spaces) into *facts (initialised first). 0, or an incident_error with
 * *err as incident_facts_set. */
int incident_facts_parse(const char *text, incident_facts *facts, char **err);

/* Every fact given in `from` replaces the one in `into` (an edit). */
void incident_facts_merge(incident_facts *into, const incident_facts *from);

/* Applies every rule to the facts. Returns 0 with *out (free with
 * incident_result_free; level NONE and no rules when none applies), or an
 * incident_error with *err: INCIDENT_ERR_MISSING when a fact about a system
 * (attack, outage, vuln) is given without mlps_level, INCIDENT_ERR_NOMEM. */
int incident_classify(const incident_rules *r, const incident_facts *facts, incident_result **out,
                      char **err);
void incident_result_free(incident_result *res);

/* Whether an action's time limit applies to an incident of these facts
 * (its `limit_when`; true when it has none, false when it has no limit). */
bool incident_limit_applies(const incident_action *action, const incident_facts *facts);

/* The given facts as "KEY=VALUE" words separated by one space, in the order
 * of incident_fact ("" when none is given), which incident_facts_set_arg
 * reads back. Returns a new string (caller frees), NULL when out of memory. */
char *incident_facts_format(const incident_facts *facts);

/* Machine tokens, never translated: "I", "II", "III", "none"; "red",
 * "yellow", "blue", "none". Static strings. */
const char *incident_level_token(incident_level level);
const char *incident_warning_token(incident_warning warning);

/* Texts in the language given ("en", else Chinese). */
const char *incident_rule_text(const incident_rule *rule, const char *lang);
const char *incident_action_text(const incident_action *action, const char *lang);
const char *incident_level_name(const incident_rules *r, incident_level level, const char *lang);

#endif
