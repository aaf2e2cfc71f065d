/* score.c: the plan of an assessment and its scoring (see score.h and
 * docs/scoring.md). */
#include "score.h"
#include "answer.h"
#include "error.h"
#include "i18n.h"
#include "number.h"
#include "period.h"
#include "sysattr.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int plan_push(plan *pl, size_t *capacity, const checklist *list, size_t list_index,
                     const item *it, const char *system_id, const char *system_name)
{
    if (pl->count == *capacity) {
        size_t grown_capacity = *capacity ? *capacity * 2 : 64;
        instance *grown = realloc(pl->items, grown_capacity * sizeof *grown);
        if (grown == NULL)
            return -1;
        pl->items = grown;
        *capacity = grown_capacity;
    }
    instance *in = &pl->items[pl->count];
    in->list = list;
    in->list_index = list_index;
    in->item = it;
    in->system_id = strdup(system_id);
    in->system_name = strdup(system_name);
    in->show_if_parent = -1;
    if (in->system_id == NULL || in->system_name == NULL) {
        free(in->system_id);
        free(in->system_name);
        return -1;
    }
    pl->count++;
    return 0;
}

/* Sets each instance's show_if_parent. The referenced item is earlier in
 * its checklist, so its instances were pushed first: first[] (the first
 * instance of each item of the list, by item index) finds it in constant
 * time, and the plan is linked in linear time even for a long chain. */
static int plan_link(plan *pl, const system_info *systems, size_t system_count)
{
    size_t start = 0;
    while (start < pl->count) {
        const checklist *list = pl->items[start].list;
        size_t end = start;
        while (end < pl->count && pl->items[end].list == list)
            end++;
        long *first = malloc((list->item_count ? list->item_count : 1) * sizeof *first);
        if (first == NULL)
            return -1;
        for (size_t i = 0; i < list->item_count; i++)
            first[i] = -1;
        for (size_t i = start; i < end; i++) {
            instance *in = &pl->items[i];
            size_t item_index = (size_t)(in->item - list->items);
            if (first[item_index] < 0)
                first[item_index] = (long)i;
            const condition *c = condition_on_item(in->item->show_if);
            if (c == NULL)
                continue;
            size_t target = c->item_index;
            if (target >= list->item_count || strcmp(list->items[target].id, c->item_id) != 0) {
                /* a condition made without the loader: look the item up */
                const item *other = checklist_find_item(list, c->item_id);
                if (other == NULL)
                    continue;
                target = (size_t)(other - list->items);
            }
            if (target >= item_index || first[target] < 0)
                continue;   /* not an earlier item, or not in this profile */
            if (list->items[target].scope != SCOPE_SYSTEM) {
                in->show_if_parent = first[target];
                continue;
            }
            /* the same system's instance: pushed in the order of systems[] */
            for (size_t s = 0; s < system_count; s++)
                if (strcmp(systems[s].id, in->system_id) == 0) {
                    in->show_if_parent = first[target] + (long)s;
                    break;
                }
        }
        free(first);
        start = end;
    }
    return 0;
}

int plan_build(const checklist_set *set, profile p, const system_info *systems,
               size_t system_count, plan **out, char **err)
{
    *out = NULL;
    plan *pl = calloc(1, sizeof *pl);
    if (pl == NULL)
        return error_set(err, _("out of memory"));
    size_t capacity = 0;
    for (size_t l = 0; l < set->count; l++) {
        const checklist *list = &set->lists[l];
        for (size_t i = 0; i < list->item_count; i++) {
            const item *it = &list->items[i];
            if (!(it->profiles & (unsigned)p))
                continue;
            if (it->scope == SCOPE_UNIT) {
                if (plan_push(pl, &capacity, list, l, it, "", "") != 0)
                    goto oom;
                continue;
            }
            for (size_t s = 0; s < system_count; s++)
                if (plan_push(pl, &capacity, list, l, it, systems[s].id, systems[s].name) != 0)
                    goto oom;
        }
    }
    if (plan_link(pl, systems, system_count) != 0)
        goto oom;
    *out = pl;
    return 0;
oom:
    plan_free(pl);
    return error_set(err, _("out of memory"));
}

void plan_free(plan *pl)
{
    if (pl == NULL)
        return;
    for (size_t i = 0; i < pl->count; i++) {
        free(pl->items[i].system_id);
        free(pl->items[i].system_name);
    }
    free(pl->items);
    free(pl);
}

long plan_find(const plan *pl, const char *checklist_id, const char *item_id, const char *system_id)
{
    for (size_t i = 0; i < pl->count; i++) {
        const instance *in = &pl->items[i];
        if (strcmp(in->item->id, item_id) == 0 && strcmp(in->list->id, checklist_id) == 0 &&
            strcmp(in->system_id, system_id ? system_id : "") == 0)
            return (long)i;
    }
    return -1;
}

/* The instance an item's show_if or not_before refers to: the same system
 * when the referenced item is per-system, else the unit's. */
static long related_instance(const plan *pl, size_t index, const char *item_id)
{
    const instance *in = &pl->items[index];
    const item *other = checklist_find_item(in->list, item_id);
    if (other == NULL)
        return -1;
    return plan_find(pl, in->list->id, item_id, other->scope == SCOPE_SYSTEM ? in->system_id : "");
}

static const answer *instance_answer(const plan *pl, size_t index, const answer_set *answers)
{
    const instance *in = &pl->items[index];
    return answer_set_find(answers, in->list->id, in->item->id, in->system_id);
}

/* Whether a condition on an item holds for the answer to the parent. */
static bool answer_holds(const plan *pl, long parent, const condition *c, const answer_set *answers)
{
    if (parent < 0)
        return false;
    const answer *a = instance_answer(pl, (size_t)parent, answers);
    if (a == NULL || a->value == NULL)
        return false;
    for (size_t v = 0; v < c->value_count; v++)
        if (strcmp(a->value, c->values[v]) == 0)
            return true;
    return false;
}

/* The forms' value of the attribute a condition is on, for the instance's
 * system, or NULL when they record none. */
static const char *recorded_value(const plan *pl, size_t index, const condition *c)
{
    int a = sysattr_find(c->attribute);
    return a < 0 ? NULL : sysattr_get(pl->attrs, pl->items[index].system_id, (sysattr_name)a);
}

/* Whether the instance's condition is decided by its parent's answer (a
 * condition on an item, or on an attribute the forms leave unrecorded with
 * a show_if_unrecorded), so that the parent must be visible too. */
static bool uses_parent(const plan *pl, size_t index)
{
    const condition *c = pl->items[index].item->show_if;
    if (c == NULL)
        return false;
    if (c->attribute == NULL)
        return true;
    return c->unrecorded != NULL && recorded_value(pl, index, c) == NULL;
}

/* Whether instance index's own condition holds, given that its parent (for
 * a condition on an item) is visible. A condition on a system attribute
 * holds when the forms record one of its values for the instance's system;
 * when they record nothing, its show_if_unrecorded decides, and without one
 * it holds: an item is asked until the inventory says it does not apply. */
static bool condition_holds(const plan *pl, size_t index, const answer_set *answers)
{
    const condition *c = pl->items[index].item->show_if;
    if (c == NULL)
        return true;
    long parent = pl->items[index].show_if_parent;
    if (c->attribute == NULL)
        return answer_holds(pl, parent, c, answers);
    const char *v = recorded_value(pl, index, c);
    if (v == NULL)
        return c->unrecorded == NULL || answer_holds(pl, parent, c->unrecorded, answers);
    for (size_t i = 0; i < c->value_count; i++)
        if (strcmp(v, c->values[i]) == 0)
            return true;
    return false;
}

bool score_instance_visible(const plan *pl, size_t index, const answer_set *answers)
{
    /* up the chain without recursion: a chain may be thousands deep */
    for (long at = (long)index; at >= 0; at = pl->items[at].show_if_parent) {
        if (!condition_holds(pl, (size_t)at, answers))
            return false;
        if (!uses_parent(pl, (size_t)at))
            break;
    }
    return true;
}

double score_item(const item *it, const char *value, const char *other_date, const char *answered_on)
{
    if (value == NULL || strcmp(value, "na") == 0)
        return -1;
    /* "never" (a number or date item that allows it) is a thing never done */
    if (it->allow_never && strcmp(value, "never") == 0)
        return 0;
    /* a booked re-assessment: half credit until its day, then overdue. The
     * day counts against today, not the day of the answer, so that a booking
     * that has passed stops earning while the assessment is still open. */
    char booked[11];
    if (answer_scheduled_date(it, value, booked)) {
        char today[11];
        civil_date b, t;
        clock_today(today);
        if (date_parse(booked, &b) != 0 || date_parse(today, &t) != 0)
            return -1;
        return date_to_days(t) <= date_to_days(b) ? it->partial_score : 0;
    }
    switch (it->type) {
    case ANSWER_YESNO:
        if (strcmp(value, "yes") == 0) return 1;
        if (strcmp(value, "no") == 0) return 0;
        if (strcmp(value, "partial") == 0 && it->allow_partial) return it->partial_score;
        return -1;
    case ANSWER_CHOICE:
        for (size_t i = 0; i < it->choice_count; i++)
            if (strcmp(it->choices[i].key, value) == 0)
                return it->choices[i].score;
        return -1;
    case ANSWER_NUMBER: {
        double d;
        if (!number_parse_real(value, &d))
            return -1;
        if (it->direction == NUMBER_LOWER_IS_BETTER)
            return d <= it->number_full ? 1 : d <= it->number_partial && it->number_partial > it->number_full
                                                  ? it->partial_score : 0;
        return d >= it->number_full ? 1 : d >= it->number_partial && it->number_partial < it->number_full
                                              ? it->partial_score : 0;
    }
    case ANSWER_DATE: {
        civil_date d, on, other;
        if (date_parse(value, &d) != 0)
            return -1;
        double score = 1;
        if (it->max_age_days > 0 && answered_on != NULL && date_parse(answered_on, &on) == 0 &&
            date_to_days(on) - date_to_days(d) > it->max_age_days)
            score = 0;
        if (other_date != NULL && date_parse(other_date, &other) == 0 &&
            date_to_days(d) < date_to_days(other))
            score = 0;
        return score;
    }
    case ANSWER_TEXT:
        return -1;
    }
    return -1;
}

/* The day an answer was given: the date part of answered_at, else today. */
static void answered_on(const answer *a, char out[11])
{
    if (a->answered_at != NULL && strlen(a->answered_at) >= 10) {
        memcpy(out, a->answered_at, 10);
        out[10] = '\0';
        civil_date d;
        if (date_parse(out, &d) == 0)
            return;
    }
    clock_today(out);
}

static double percent_of(double points, double max)
{
    return max > 0 ? round(1000.0 * points / max) / 10.0 : 0;
}

int score_compute(const plan *pl, const answer_set *answers, const config *cfg,
                  score_result **out, char **err)
{
    *out = NULL;
    score_result *r = calloc(1, sizeof *r);
    if (r == NULL)
        return error_set(err, _("out of memory"));
    r->instances = calloc(pl->count ? pl->count : 1, sizeof *r->instances);
    size_t list_count = 0;
    for (size_t i = 0; i < pl->count; i++)
        if (pl->items[i].list_index + 1 > list_count)
            list_count = pl->items[i].list_index + 1;
    r->lists = calloc(list_count ? list_count : 1, sizeof *r->lists);
    if (r->instances == NULL || r->lists == NULL) {
        score_result_free(r);
        return error_set(err, _("out of memory"));
    }
    r->count = pl->count;
    r->list_count = list_count;
    for (size_t i = 0; i < pl->count; i++) {
        const instance *in = &pl->items[i];
        instance_score *sc = &r->instances[i];
        checklist_score *cs = &r->lists[in->list_index];
        cs->list = in->list;
        sc->answer = instance_answer(pl, i, answers);
        /* a parent is an earlier instance, already decided: linear in the plan */
        long parent = in->show_if_parent;
        bool visible = (parent < 0 || !uses_parent(pl, i) || r->instances[parent].state != STATE_HIDDEN) &&
                       condition_holds(pl, i, answers);
        if (!visible) {
            sc->state = STATE_HIDDEN;
            continue;
        }
        cs->asked++;
        r->asked++;
        const char *value = sc->answer ? sc->answer->value : NULL;
        if (value == NULL) {
            sc->state = STATE_UNANSWERED;
            continue;
        }
        if (in->item->type == ANSWER_TEXT || in->item->weight == 0) {
            /* text, and questions that only steer which items follow */
            sc->state = STATE_RECORDED;
        } else if (strcmp(value, "na") == 0) {
            sc->state = STATE_NA;
        } else {
            const char *other = NULL;
            if (in->item->not_before != NULL) {
                long o = related_instance(pl, i, in->item->not_before);
                const answer *oa = o >= 0 ? instance_answer(pl, (size_t)o, answers) : NULL;
                other = oa ? oa->value : NULL;
            }
            char day[11];
            answered_on(sc->answer, day);
            double s = score_item(in->item, value, other, day);
            if (s < 0) {
                /* a stored value the checklist no longer accepts: ask again */
                sc->state = STATE_UNANSWERED;
                continue;
            }
            sc->state = STATE_ANSWERED;
            sc->score = s;
            sc->max = in->item->weight;
            sc->points = in->item->weight * s;
            sc->finding = s < 1;
            sc->critical_failure = s == 0 && in->item->severity == SEVERITY_CRITICAL;
        }
        cs->answered++;
        r->answered++;
        cs->points += sc->points;
        cs->max += sc->max;
        r->points += sc->points;
        r->max += sc->max;
        if (sc->finding) {
            cs->findings++;
            r->findings++;
        }
        if (sc->critical_failure)
            r->critical_failures++;
    }
    for (size_t l = 0; l < list_count; l++)
        r->lists[l].percent = percent_of(r->lists[l].points, r->lists[l].max);
    r->percent = percent_of(r->points, r->max);
    r->complete = r->answered == r->asked;
    r->grade = r->complete && cfg && r->max > 0 ? config_grade_for(cfg, r->percent) : NULL;
    if (!r->complete)
        r->verdict = VERDICT_INCOMPLETE;
    else if (r->max > 0 && r->critical_failures == 0 && cfg && r->percent >= cfg->pass_mark)
        r->verdict = VERDICT_PASS;
    else
        r->verdict = VERDICT_FAIL;
    r->pass = r->verdict == VERDICT_PASS;
    *out = r;
    return 0;
}

const char *score_verdict_token(score_verdict v)
{
    switch (v) {
    case VERDICT_PASS: return "pass";
    case VERDICT_FAIL: return "fail";
    case VERDICT_INCOMPLETE: break;
    }
    return "incomplete";
}

const char *score_verdict_label(score_verdict v)
{
    switch (v) {
    case VERDICT_PASS: return _("pass");
    case VERDICT_FAIL: return _("fail");
    case VERDICT_INCOMPLETE: break;
    }
    return _("incomplete");
}

const char *score_grade_text_label(const char *grade, const char *grade_zh)
{
    return strcmp(i18n_lang(), "zh") == 0 && grade_zh[0] != '\0' ? grade_zh : grade;
}

const char *score_verdict_token_label(const char *token)
{
    static const score_verdict all[] = {VERDICT_PASS, VERDICT_FAIL, VERDICT_INCOMPLETE};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (strcmp(token, score_verdict_token(all[i])) == 0)
            return score_verdict_label(all[i]);
    return token;
}

void score_result_free(score_result *r)
{
    if (r == NULL)
        return;
    free(r->instances);
    free(r->lists);
    free(r);
}

int score_stored_percent(store *st, const char *db_path, const checklist_set *set, const config *cfg,
                         const assessment *a, score_stored *out, char **err)
{
    plan *pl = NULL;
    answer_set *answers = NULL;
    sysattr_set *attrs = NULL;
    score_result *r = NULL;
    int rc = SCORE_ERR;
    if (plan_build(set, a->profile, a->systems, a->system_count, &pl, err) != 0)
        goto done;
    /* the items gated on the systems' attributes are asked as the session
     * asks them, so that the counts here are the walk's */
    if (db_path != NULL) {
        if (sysattr_load(db_path, a->systems, a->system_count, &attrs, err) != 0) {
            rc = SCORE_ERR_STORE;
            goto done;
        }
        pl->attrs = attrs;
    }
    if (store_answers_load(st, a->id, &answers, err) != 0) {
        rc = SCORE_ERR_STORE;
        goto done;
    }
    if (score_compute(pl, answers, cfg, &r, err) != 0)
        goto done;
    out->percent = r->percent;
    out->grade = r->grade;
    out->verdict = r->verdict;
    out->critical_failures = r->critical_failures;
    out->answered = r->answered;
    out->asked = r->asked;
    rc = 0;
done:
    score_result_free(r);
    answer_set_free(answers);
    sysattr_set_free(attrs);
    plan_free(pl);
    return rc;
}
