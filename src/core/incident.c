/* incident.c: the incident classifier of document 003: the facts an incident
 * is described by, the rules file that turns them into a level, a warning
 * colour and the actions the plan requires (see incident.h and
 * docs/incidents.md). The criteria live in rules/incident.ini, not here, so
 * that a new edition of the plan changes data; this file knows only the facts
 * (which scripts name) and the form of a rule. */
#include "incident.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ini.h"
#include "number.h"
#include "paths.h"

/* A count larger than this is a typing error, not an incident. */
#define COUNT_MAX 1000000000000L

enum condition_op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE };

/* One condition of a rule: FACT OP VALUE. For a fact of words, `mask` has
 * bit i set for each word i named (`a|b`) and the op is = or !=; for a
 * number, `number` is compared. */
struct incident_condition {
    int group;   /* conditions of one group must all hold; any group will do ("or") */
    incident_fact fact;
    enum condition_op op;
    long number;
    unsigned mask;
};

static const char *const attack_words[] = {"none", "small", "large", NULL};
static const char *const outage_words[] = {"none", "short", "long", NULL};
static const char *const no_yes_words[] = {"no", "yes", NULL};
static const char *const data_words[] = {"none", "ordinary", "general", NULL};
static const char *const defaced_words[] = {"no", "yes", "political", NULL};
static const char *const vuln_words[] = {"none", "low", "medium", "high", NULL};
static const char *const impact_words[] = {"none", "some", "considerable", "serious", NULL};

/* The facts: a word list, or a number from 0 to max. Word 0 and number 0 are
 * "nothing of that kind happened", the value of a fact not given. */
static const struct fact_def {
    const char *name;
    const char *values;
    const char *const *words;
    long max;
} fact_defs[INCIDENT_FACT_COUNT] = {
    [INCIDENT_FACT_MLPS_LEVEL] = {"mlps_level", "0-4", NULL, 4},
    [INCIDENT_FACT_ATTACK] = {"attack", "none|small|large", attack_words, 0},
    [INCIDENT_FACT_OUTAGE] = {"outage", "none|short|long", outage_words, 0},
    [INCIDENT_FACT_PI_RECORDS] = {"pi_records", "a count", NULL, COUNT_MAX},
    [INCIDENT_FACT_SECRETS] = {"secrets", "no|yes", no_yes_words, 0},
    [INCIDENT_FACT_DATA] = {"data", "none|ordinary|general", data_words, 0},
    [INCIDENT_FACT_DEFACED] = {"defaced", "no|yes|political", defaced_words, 0},
    [INCIDENT_FACT_TERMINAL] = {"terminal", "no|yes", no_yes_words, 0},
    [INCIDENT_FACT_VULN] = {"vuln", "none|low|medium|high", vuln_words, 0},
    [INCIDENT_FACT_POSTS] = {"posts", "a count", NULL, COUNT_MAX},
    [INCIDENT_FACT_MEDIA] = {"media", "no|yes", no_yes_words, 0},
    [INCIDENT_FACT_IMPACT] = {"impact", "none|some|considerable|serious", impact_words, 0},
};

const char *incident_fact_name(incident_fact f)
{
    return (unsigned)f < INCIDENT_FACT_COUNT ? fact_defs[f].name : "";
}

const char *incident_fact_values(incident_fact f)
{
    return (unsigned)f < INCIDENT_FACT_COUNT ? fact_defs[f].values : "";
}

const char *incident_level_token(incident_level level)
{
    switch (level) {
    case INCIDENT_LEVEL_I: return "I";
    case INCIDENT_LEVEL_II: return "II";
    case INCIDENT_LEVEL_III: return "III";
    default: return "none";
    }
}

const char *incident_warning_token(incident_warning warning)
{
    switch (warning) {
    case INCIDENT_WARNING_RED: return "red";
    case INCIDENT_WARNING_YELLOW: return "yellow";
    case INCIDENT_WARNING_BLUE: return "blue";
    default: return "none";
    }
}

static bool lang_is_en(const char *lang)
{
    return lang != NULL && strcmp(lang, "en") == 0;
}

const char *incident_rule_text(const incident_rule *rule, const char *lang)
{
    return lang_is_en(lang) ? rule->text_en : rule->text_zh;
}

const char *incident_action_text(const incident_action *action, const char *lang)
{
    return lang_is_en(lang) ? action->text_en : action->text_zh;
}

const char *incident_level_name(const incident_rules *r, incident_level level, const char *lang)
{
    if (level <= INCIDENT_LEVEL_NONE || level > INCIDENT_LEVEL_I)
        return "";
    const incident_level_info *info = &r->levels[level];
    const char *name = lang_is_en(lang) ? info->name_en : info->name_zh;
    return name ? name : "";
}

/* The fact of that key, or -1. */
static int fact_find(const char *key, size_t len)
{
    for (int f = 0; f < INCIDENT_FACT_COUNT; f++)
        if (strlen(fact_defs[f].name) == len && strncmp(fact_defs[f].name, key, len) == 0)
            return f;
    return -1;
}

/* The index of word in a fact's word list, or -1. */
static int word_find(const char *const *words, const char *word, size_t len)
{
    for (int i = 0; words[i] != NULL; i++)
        if (strlen(words[i]) == len && strncmp(words[i], word, len) == 0)
            return i;
    return -1;
}

/* Reads one value of fact f: a word's index or a number in range. */
static bool fact_value_parse(incident_fact f, const char *text, long *out)
{
    const struct fact_def *d = &fact_defs[f];
    if (d->words != NULL) {
        int i = word_find(d->words, text, strlen(text));
        if (i < 0)
            return false;
        *out = i;
        return true;
    }
    return number_parse_whole(text, 0, d->max, out);
}

void incident_facts_init(incident_facts *facts)
{
    memset(facts, 0, sizeof *facts);
}

int incident_facts_set(incident_facts *facts, const char *key, const char *value, char **err)
{
    int f = fact_find(key, strlen(key));
    if (f < 0) {
        error_set(err, _("unknown fact '%s' (the facts are listed by 'selfcheck incident classify --help')"), key);
        return INCIDENT_ERR_UNKNOWN_KEY;
    }
    if (facts->given[f]) {
        error_set(err, _("fact '%s' given twice"), key);
        return INCIDENT_ERR_REPEATED;
    }
    long v;
    if (!fact_value_parse((incident_fact)f, value, &v)) {
        error_set(err, _("bad value '%1$s' for %2$s (expected %3$s)"), value, key,
                  fact_defs[f].words ? fact_defs[f].values : f == INCIDENT_FACT_MLPS_LEVEL
                                                               ? _("0 to 4")
                                                               : _("a whole number of 0 or more"));
        return INCIDENT_ERR_BAD_VALUE;
    }
    facts->value[f] = v;
    facts->given[f] = true;
    return 0;
}

int incident_facts_set_arg(incident_facts *facts, const char *arg, char **err)
{
    const char *eq = strchr(arg, '=');
    if (eq == NULL || eq == arg) {
        error_set(err, _("'%s' is not KEY=VALUE"), arg);
        return INCIDENT_ERR_SYNTAX;
    }
    char *key = strndup(arg, (size_t)(eq - arg));
    if (key == NULL) {
        error_set(err, _("out of memory"));
        return INCIDENT_ERR_NOMEM;
    }
    int rc = incident_facts_set(facts, key, eq + 1, err);
    free(key);
    return rc;
}

int incident_facts_parse(const char *text, incident_facts *facts, char **err)
{
    incident_facts_init(facts);
    int rc = 0;
    for (const char *p = text ? text : ""; *p && rc == 0;) {
        size_t len = strcspn(p, " ");
        char *word = strndup(p, len);
        if (word == NULL) {
            error_set(err, "%s", _("out of memory"));
            return INCIDENT_ERR_NOMEM;
        }
        rc = len ? incident_facts_set_arg(facts, word, err) : 0;
        free(word);
        p += len;
        p += *p == ' ';
    }
    return rc;
}

void incident_facts_merge(incident_facts *into, const incident_facts *from)
{
    for (int f = 0; f < INCIDENT_FACT_COUNT; f++)
        if (from->given[f]) {
            into->value[f] = from->value[f];
            into->given[f] = true;
        }
}

static bool condition_holds(const struct incident_condition *c, const incident_facts *facts)
{
    long v = facts->value[c->fact];
    if (fact_defs[c->fact].words != NULL) {
        bool in = (c->mask >> v) & 1u;
        return c->op == OP_EQ ? in : !in;
    }
    switch (c->op) {
    case OP_EQ: return v == c->number;
    case OP_NE: return v != c->number;
    case OP_LT: return v < c->number;
    case OP_LE: return v <= c->number;
    case OP_GT: return v > c->number;
    case OP_GE: return v >= c->number;
    }
    return false;
}

/* Whether every condition of some group holds (groups are in order, each
 * condition numbered with its group: "a, b or c" is {0, 0, 1}). */
static bool conditions_hold(const struct incident_condition *c, size_t count, const incident_facts *facts)
{
    if (count == 0)
        return true;
    for (size_t i = 0; i < count;) {
        int group = c[i].group;
        bool all = true;
        for (; i < count && c[i].group == group; i++)
            all = all && condition_holds(&c[i], facts);
        if (all)
            return true;
    }
    return false;
}

static bool rule_applies(const incident_rule *rule, const incident_facts *facts)
{
    return conditions_hold(rule->conditions, rule->condition_count, facts);
}

bool incident_limit_applies(const incident_action *action, const incident_facts *facts)
{
    const incident_limit *l = &action->limit;
    return l->present && conditions_hold(l->conditions, l->condition_count, facts);
}

static const char *const event_tokens[INCIDENT_EVENT_COUNT] = {
    "discovered", "reported", "warning", "contained", "opinion", "ended", "investigated", "note", "edited",
};

const char *incident_event_token(incident_event_kind kind)
{
    return (unsigned)kind < INCIDENT_EVENT_COUNT ? event_tokens[kind] : "";
}

int incident_event_parse(const char *token, incident_event_kind *out)
{
    for (int k = 0; k < INCIDENT_EVENT_COUNT; k++)
        if (strcmp(token, event_tokens[k]) == 0) {
            *out = (incident_event_kind)k;
            return 0;
        }
    return -1;
}

char *incident_facts_format(const incident_facts *facts)
{
    size_t size = 1;
    for (int f = 0; f < INCIDENT_FACT_COUNT; f++)
        size += strlen(fact_defs[f].name) + 24;
    char *out = malloc(size);
    if (out == NULL)
        return NULL;
    size_t n = 0;
    out[0] = '\0';
    for (int f = 0; f < INCIDENT_FACT_COUNT; f++) {
        if (!facts->given[f])
            continue;
        const struct fact_def *d = &fact_defs[f];
        if (d->words != NULL)
            n += (size_t)snprintf(out + n, size - n, "%s%s=%s", n ? " " : "", d->name, d->words[facts->value[f]]);
        else
            n += (size_t)snprintf(out + n, size - n, "%s%s=%ld", n ? " " : "", d->name, facts->value[f]);
    }
    return out;
}

int incident_classify(const incident_rules *r, const incident_facts *facts, incident_result **out,
                      char **err)
{
    *out = NULL;
    /* 第七条(一)–第九条(三) grade a system's trouble by its MLPS level: without
     * it a level-3 system's outage would silently count as no system's */
    static const incident_fact about_system[] = {INCIDENT_FACT_ATTACK, INCIDENT_FACT_OUTAGE,
                                                 INCIDENT_FACT_VULN};
    if (!facts->given[INCIDENT_FACT_MLPS_LEVEL])
        for (size_t i = 0; i < sizeof about_system / sizeof about_system[0]; i++)
            if (facts->value[about_system[i]] != 0) {
                error_set(err, _("%s concerns a system: give its mlps_level too (0 when it has none)"),
                          fact_defs[about_system[i]].name);
                return INCIDENT_ERR_MISSING;
            }
    incident_result *res = calloc(1, sizeof *res);
    if (res == NULL)
        goto nomem;
    *out = res;
    if (r->rule_count > 0 && (res->applied = calloc(r->rule_count, sizeof *res->applied)) == NULL)
        goto nomem;
    for (incident_level lv = INCIDENT_LEVEL_I; lv > INCIDENT_LEVEL_NONE; lv--)
        for (size_t i = 0; i < r->rule_count; i++)
            if (r->rules[i].level == lv && rule_applies(&r->rules[i], facts)) {
                res->applied[res->applied_count++] = &r->rules[i];
                if (res->level == INCIDENT_LEVEL_NONE)
                    res->level = lv;
            }
    if (res->level == INCIDENT_LEVEL_NONE)
        return 0;
    res->warning = r->levels[res->level].warning;
    if (r->action_count > 0 && (res->actions = calloc(r->action_count, sizeof *res->actions)) == NULL)
        goto nomem;
    for (size_t i = 0; i < r->action_count; i++)
        if (r->actions[i].at[res->level])
            res->actions[res->action_count++] = &r->actions[i];
    return 0;
nomem:
    incident_result_free(*out);
    *out = NULL;
    error_set(err, _("out of memory"));
    return INCIDENT_ERR_NOMEM;
}

void incident_result_free(incident_result *res)
{
    if (res == NULL)
        return;
    free(res->applied);
    free(res->actions);
    free(res);
}

/* ---- the rules file ---- */

char *incident_rules_default_path(void)
{
    return paths_share("selfcheck/rules/incident.ini");
}

static void rule_clear(incident_rule *rule)
{
    free(rule->id);
    free(rule->clause);
    free(rule->text_zh);
    free(rule->text_en);
    free(rule->conditions);
}

static void action_clear(incident_action *a)
{
    free(a->id);
    free(a->clause);
    free(a->text_zh);
    free(a->text_en);
    free(a->limit.conditions);
}

void incident_rules_free(incident_rules *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->rule_count; i++)
        rule_clear(&r->rules[i]);
    for (size_t i = 0; i < r->action_count; i++)
        action_clear(&r->actions[i]);
    for (int lv = 0; lv <= INCIDENT_LEVEL_I; lv++) {
        free(r->levels[lv].name_zh);
        free(r->levels[lv].name_en);
        free(r->levels[lv].clause);
    }
    free(r->rules);
    free(r->actions);
    free(r->path);
    free(r);
}

/* The state of one load: the file's problems are counted, so the load fails
 * at the end when there was any, after every problem has been reported. */
typedef struct load_context {
    diag_file file;
    bool nomem;
} load_context;

/* A copy of s, noting when memory ran out. */
static char *dup_or_note(load_context *cx, const char *s)
{
    if (s == NULL)
        return NULL;
    char *copy = strdup(s);
    if (copy == NULL)
        cx->nomem = true;
    return copy;
}

/* "I", "II" or "III" (the file writes the document's Roman numerals in ASCII). */
static incident_level level_parse(const char *s, size_t len)
{
    static const char *const names[] = {NULL, "III", "II", "I"};
    for (int lv = INCIDENT_LEVEL_III; lv <= INCIDENT_LEVEL_I; lv++)
        if (strlen(names[lv]) == len && strncmp(names[lv], s, len) == 0)
            return (incident_level)lv;
    return INCIDENT_LEVEL_NONE;
}

/* Reports every key of s not among the allowed (NULL-terminated). */
static void check_keys(load_context *cx, const ini_section *s, const char *const *allowed)
{
    for (size_t k = 0; k < s->key_count; k++) {
        bool known = false;
        for (size_t a = 0; allowed[a] != NULL && !known; a++)
            known = strcmp(s->keys[k].name, allowed[a]) == 0;
        if (!known)
            diag_file_report(&cx->file, s->keys[k].line, _("unknown key '%s' in [%s]"), s->keys[k].name, s->name);
    }
}

/* The value of a required key, or NULL after reporting it missing or empty. */
static const char *required(load_context *cx, const ini_section *s, const char *key)
{
    const char *v = ini_get(s, key);
    if (v == NULL)
        diag_file_report(&cx->file, s->line, _("[%s] has no '%s'"), s->name, key);
    else if (v[0] == '\0')
        diag_file_report(&cx->file, ini_line(s, key), _("'%s' of [%s] is empty"), key, s->name);
    else
        return v;
    return NULL;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* Reads the value part of one condition (after the operator) for fact f. */
static bool condition_value_parse(load_context *cx, int line, struct incident_condition *c, const char *text,
                                  size_t len)
{
    const struct fact_def *d = &fact_defs[c->fact];
    if (d->words == NULL) {
        char *copy = strndup(text, len);
        if (copy == NULL) {
            cx->nomem = true;
            return false;
        }
        bool ok = number_parse_whole(copy, 0, d->max, &c->number);
        if (!ok)
            diag_file_report(&cx->file, line, _("'%s' is not a value of %s (%s)"), copy, d->name, d->values);
        free(copy);
        return ok;
    }
    if (c->op != OP_EQ && c->op != OP_NE) {
        diag_file_report(&cx->file, line, _("%s takes = or != (it is one of %s), not an ordering"), d->name, d->values);
        return false;
    }
    const char *p = text, *end = text + len;
    while (p <= end) {
        const char *bar = memchr(p, '|', (size_t)(end - p));
        const char *stop = bar ? bar : end;
        int w = word_find(d->words, p, (size_t)(stop - p));
        if (w < 0) {
            diag_file_report(&cx->file, line, _("'%.*s' is not a value of %s (%s)"), (int)(stop - p), p, d->name,
                             d->values);
            return false;
        }
        c->mask |= 1u << w;
        p = stop + 1;
    }
    return true;
}

/* Reads one condition "FACT OP VALUE" of text[0..len). */
static bool condition_parse(load_context *cx, int line, const char *text, size_t len,
                            struct incident_condition *c)
{
    const char *p = text, *end = text + len;
    while (p < end && is_space(*p))
        p++;
    while (end > p && is_space(end[-1]))
        end--;
    const char *name = p;
    while (p < end && ((*p >= 'a' && *p <= 'z') || *p == '_'))
        p++;
    int f = fact_find(name, (size_t)(p - name));
    if (f < 0) {
        diag_file_report(&cx->file, line, _("unknown fact '%.*s' in a condition"), (int)(p - name), name);
        return false;
    }
    c->fact = (incident_fact)f;
    while (p < end && is_space(*p))
        p++;
    static const struct { const char *text; enum condition_op op; } ops[] = {
        {">=", OP_GE}, {"<=", OP_LE}, {"!=", OP_NE}, {"=", OP_EQ}, {">", OP_GT}, {"<", OP_LT},
    };
    size_t i = 0;
    for (; i < sizeof ops / sizeof ops[0]; i++)
        if ((size_t)(end - p) >= strlen(ops[i].text) && strncmp(p, ops[i].text, strlen(ops[i].text)) == 0)
            break;
    if (i == sizeof ops / sizeof ops[0]) {
        diag_file_report(&cx->file, line, _("condition on %s needs one of = != < <= > >="), fact_defs[f].name);
        return false;
    }
    c->op = ops[i].op;
    p += strlen(ops[i].text);
    while (p < end && is_space(*p))
        p++;
    if (p == end) {
        diag_file_report(&cx->file, line, _("condition on %s has no value"), fact_defs[f].name);
        return false;
    }
    return condition_value_parse(cx, line, c, p, (size_t)(end - p));
}

/* Reads a `when`: conditions separated by commas, all of which must hold,
 * in groups separated by " or ", one of which must. */
static void conditions_parse(load_context *cx, int line, const char *when, struct incident_condition **out,
                             size_t *count)
{
    size_t n = 1;
    for (const char *p = when; *p; p++)
        n += *p == ',' || strncmp(p, " or ", 4) == 0;
    *out = calloc(n, sizeof **out);
    if (*out == NULL) {
        cx->nomem = true;
        return;
    }
    int group = 0;
    for (const char *p = when;;) {
        const char *comma = strchr(p, ','), *or = strstr(p, " or ");
        const char *stop = comma && (or == NULL || comma < or) ? comma : or;
        size_t len = stop ? (size_t)(stop - p) : strlen(p);
        struct incident_condition *c = &(*out)[*count];
        if (condition_parse(cx, line, p, len, c)) {
            c->group = group;
            (*count)++;
        }
        if (stop == NULL)
            break;
        if (stop == or) {
            group++;
            p = stop + 4;
        } else {
            p = stop + 1;
        }
    }
}

static void rule_read(load_context *cx, incident_rules *r, const ini_section *s, const char *id)
{
    static const char *const keys[] = {"level", "clause", "when", "text_zh", "text_en", NULL};
    check_keys(cx, s, keys);
    incident_rule *rule = &r->rules[r->rule_count++];
    rule->line = s->line;
    rule->id = dup_or_note(cx, id);
    const char *level = required(cx, s, "level");
    if (level != NULL && (rule->level = level_parse(level, strlen(level))) == INCIDENT_LEVEL_NONE)
        diag_file_report(&cx->file, ini_line(s, "level"), "level '%s' is not I, II or III", level);
    rule->clause = dup_or_note(cx, required(cx, s, "clause"));
    rule->text_zh = dup_or_note(cx, required(cx, s, "text_zh"));
    rule->text_en = dup_or_note(cx, required(cx, s, "text_en"));
    const char *when = required(cx, s, "when");
    if (when != NULL)
        conditions_parse(cx, ini_line(s, "when"), when, &rule->conditions, &rule->condition_count);
}

/* The event a key names, after reporting it unknown. */
static incident_event_kind event_read(load_context *cx, const ini_section *s, const char *key)
{
    const char *v = required(cx, s, key);
    incident_event_kind k = INCIDENT_EVENT_NOTE;
    if (v != NULL && incident_event_parse(v, &k) != 0)
        diag_file_report(&cx->file, ini_line(s, key),
                         _("'%s' is not an event (discovered, reported, warning, contained, opinion, ended, "
                         "investigated)"),
                         v);
    return k;
}

/* An action's time limit: `limit` (NUMBER h or NUMBER d) with `after` and
 * `met_by`, or a duty `duty_from`..`duty_until`; `limit_when` for either. */
static void limit_read(load_context *cx, const ini_section *s, incident_limit *l)
{
    const char *limit = ini_get(s, "limit"), *from = ini_get(s, "duty_from");
    const char *when = ini_get(s, "limit_when");
    if (limit == NULL && from == NULL) {
        if (when != NULL || ini_get(s, "after") || ini_get(s, "met_by") || ini_get(s, "duty_until"))
            diag_file_report(&cx->file, s->line, _("[%s] has a part of a time limit but no 'limit' or 'duty_from'"),
                             s->name);
        return;
    }
    l->present = true;
    if (limit != NULL && from != NULL) {
        diag_file_report(&cx->file, ini_line(s, "limit"), "[%s] has both 'limit' and 'duty_from'", s->name);
        return;
    }
    if (limit != NULL) {
        size_t len = strlen(limit);
        char *digits = strndup(limit, len ? len - 1 : 0);
        long n = 0;
        if (digits == NULL) {
            cx->nomem = true;
            return;
        }
        bool ok = len >= 2 && (limit[len - 1] == 'h' || limit[len - 1] == 'd') &&
                  number_parse_whole(digits, 1, 3660, &n);
        free(digits);
        if (!ok)
            diag_file_report(&cx->file, ini_line(s, "limit"), "limit '%s' is not hours or days (4h, 30d)", limit);
        l->minutes = ok ? n * (limit[len - 1] == 'h' ? 60 : 1440) : 0;
        l->after = event_read(cx, s, "after");
        l->met_by = event_read(cx, s, "met_by");
    } else {
        l->duty = true;
        l->after = event_read(cx, s, "duty_from");
        l->met_by = event_read(cx, s, "duty_until");
    }
    if (when != NULL)
        conditions_parse(cx, ini_line(s, "limit_when"), when, &l->conditions, &l->condition_count);
}

static void action_read(load_context *cx, incident_rules *r, const ini_section *s, const char *id)
{
    static const char *const keys[] = {"levels", "clause", "text_zh", "text_en", "limit", "after", "met_by",
                                       "limit_when", "duty_from", "duty_until", NULL};
    check_keys(cx, s, keys);
    incident_action *a = &r->actions[r->action_count++];
    a->id = dup_or_note(cx, id);
    a->clause = dup_or_note(cx, required(cx, s, "clause"));
    a->text_zh = dup_or_note(cx, required(cx, s, "text_zh"));
    a->text_en = dup_or_note(cx, required(cx, s, "text_en"));
    const char *levels = required(cx, s, "levels");
    for (const char *p = levels; p != NULL;) {
        const char *comma = strchr(p, ',');
        const char *end = comma ? comma : p + strlen(p);
        while (p < end && is_space(*p))
            p++;
        while (end > p && is_space(end[-1]))
            end--;
        incident_level lv = level_parse(p, (size_t)(end - p));
        if (lv == INCIDENT_LEVEL_NONE)
            diag_file_report(&cx->file, ini_line(s, "levels"), "level '%.*s' is not I, II or III", (int)(end - p), p);
        a->at[lv] = lv != INCIDENT_LEVEL_NONE;
        p = comma ? comma + 1 : NULL;
    }
    limit_read(cx, s, &a->limit);
}

static void level_read(load_context *cx, incident_rules *r, const ini_section *s, const char *suffix)
{
    static const char *const keys[] = {"warning", "name_zh", "name_en", "clause", NULL};
    static const char *const suffixes[] = {NULL, "iii", "ii", "i"};
    incident_level lv = INCIDENT_LEVEL_NONE;
    for (int i = INCIDENT_LEVEL_III; i <= INCIDENT_LEVEL_I; i++)
        if (strcmp(suffix, suffixes[i]) == 0)
            lv = (incident_level)i;
    if (lv == INCIDENT_LEVEL_NONE) {
        diag_file_report(&cx->file, s->line, _("[%s]: the levels are [level.i], [level.ii] and [level.iii]"), s->name);
        return;
    }
    check_keys(cx, s, keys);
    incident_level_info *info = &r->levels[lv];
    static const char *const colours[] = {NULL, "blue", "yellow", "red"};
    const char *warning = required(cx, s, "warning");
    for (int w = INCIDENT_WARNING_BLUE; warning != NULL && w <= INCIDENT_WARNING_RED; w++)
        if (strcmp(warning, colours[w]) == 0)
            info->warning = (incident_warning)w;
    if (warning != NULL && info->warning == INCIDENT_WARNING_NONE)
        diag_file_report(&cx->file, ini_line(s, "warning"), "warning '%s' is not red, yellow or blue", warning);
    info->name_zh = dup_or_note(cx, required(cx, s, "name_zh"));
    info->name_en = dup_or_note(cx, required(cx, s, "name_en"));
    info->clause = dup_or_note(cx, required(cx, s, "clause"));
}

static void header_read(load_context *cx, const ini_section *s)
{
    static const char *const keys[] = {"version", "source", NULL};
    check_keys(cx, s, keys);
    const char *version = required(cx, s, "version");
    long v;
    if (version != NULL && !number_parse_whole(version, 1, 1000000, &v))
        diag_file_report(&cx->file, ini_line(s, "version"), "version '%s' is not a whole number of 1 or more",
                         version);
}

/* What must hold across sections: the three levels, distinct colours, rules,
 * and something to do at every level. */
static void check_whole(load_context *cx, const incident_rules *r, bool have_header)
{
    if (!have_header)
        diag_file_report(&cx->file, 0, _("no [incident-rules] section"));
    for (int lv = INCIDENT_LEVEL_III; lv <= INCIDENT_LEVEL_I; lv++) {
        if (r->levels[lv].clause == NULL && r->levels[lv].warning == INCIDENT_WARNING_NONE) {
            diag_file_report(&cx->file, 0, _("level %s is not defined ([level.%s])"),
                             incident_level_token((incident_level)lv),
                             lv == INCIDENT_LEVEL_I ? "i" : lv == INCIDENT_LEVEL_II ? "ii" : "iii");
            continue;
        }
        for (int other = lv + 1; other <= INCIDENT_LEVEL_I; other++)
            if (r->levels[lv].warning != INCIDENT_WARNING_NONE && r->levels[lv].warning == r->levels[other].warning)
                diag_file_report(&cx->file, 0, _("levels %s and %s have the same warning colour"),
                                 incident_level_token((incident_level)other), incident_level_token((incident_level)lv));
        bool any = false;
        for (size_t i = 0; i < r->action_count && !any; i++)
            any = r->actions[i].at[lv];
        if (!any)
            diag_file_report(&cx->file, 0, _("no action for level %s"), incident_level_token((incident_level)lv));
    }
    if (r->rule_count == 0)
        diag_file_report(&cx->file, 0, _("no [rule.ID] sections"));
}

int incident_rules_load(const char *path, incident_rules **out, diag_list *diags)
{
    *out = NULL;
    ini_file *f = NULL;
    if (ini_file_read(path, &f, diags) != 0)
        return -1;
    load_context cx = {{path, diags, 0}, false};
    incident_rules *r = calloc(1, sizeof *r);
    if (r == NULL || (r->path = strdup(path)) == NULL ||
        (f->count > 0 && ((r->rules = calloc(f->count, sizeof *r->rules)) == NULL ||
                          (r->actions = calloc(f->count, sizeof *r->actions)) == NULL))) {
        cx.nomem = true;
        goto done;
    }
    bool have_header = false;
    for (size_t i = 0; i < f->count; i++) {
        const ini_section *s = &f->sections[i];
        if (strcmp(s->name, "incident-rules") == 0) {
            have_header = true;
            header_read(&cx, s);
        } else if (strncmp(s->name, "rule.", 5) == 0 && s->name[5] != '\0') {
            rule_read(&cx, r, s, s->name + 5);
        } else if (strncmp(s->name, "action.", 7) == 0 && s->name[7] != '\0') {
            action_read(&cx, r, s, s->name + 7);
        } else if (strncmp(s->name, "level.", 6) == 0) {
            level_read(&cx, r, s, s->name + 6);
        } else {
            diag_file_report(&cx.file, s->line,
                             _("unknown section [%s] (expected [incident-rules], [level.X], [rule.ID], [action.ID])"),
                             s->name);
        }
    }
    check_whole(&cx, r, have_header);
done:
    ini_file_free(f);
    if (cx.nomem)
        diag_file_report(&cx.file, 0, _("out of memory"));
    if (cx.nomem || cx.file.errors > 0) {
        incident_rules_free(r);
        return -1;
    }
    *out = r;
    return 0;
}
