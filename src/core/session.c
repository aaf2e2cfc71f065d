/* session.c: one assessment opened for answering (see session.h). */
#include "session.h"
#include "answer.h"
#include "error.h"
#include "i18n.h"
#include "period.h"
#include "record_limits.h"
#include "sysattr.h"

#include <stdlib.h>
#include <string.h>

static int rescore(session *s, char **err)
{
    answer_set *answers;
    score_result *score;
    if (store_answers_load(s->store, s->assessment->id, &answers, err) != 0)
        return -1;
    if (score_compute(s->plan, answers, s->cfg, &score, err) != 0) {
        answer_set_free(answers);
        return -1;
    }
    score_result_free(s->score);
    answer_set_free(s->answers);
    s->answers = answers;
    s->score = score;
    return 0;
}

/* The latest assessment of the same profile before this one, for showing
 * last time's answers beside this time's. */
static int load_previous(session *s, char **err)
{
    assessment **list;
    size_t count;
    if (store_assessment_list(s->store, s->assessment->unit_code, s->assessment->profile, &list, &count, err) != 0)
        return -1;
    for (size_t i = 0; i < count; i++)
        if (strcmp(list[i]->period, s->assessment->period) < 0) {
            s->previous = list[i];
            list[i] = NULL;
            break;
        }
    assessment_free_array(list, count);
    if (s->previous != NULL && store_answers_load(s->store, s->previous->id, &s->previous_answers, err) != 0)
        return -1;
    return 0;
}

/* Marks the assessment completed when every asked item is answered, and
 * clears the mark when an answer makes new items appear. */
static int update_completion(session *s, char **err)
{
    bool marked = s->assessment->completed_at != NULL;
    if (s->score->complete == marked)
        return 0;
    char now[20];
    clock_now(now);
    char *when = NULL;
    if (s->score->complete && (when = strdup(now)) == NULL)
        return error_set(err, _("out of memory"));
    if (store_assessment_set_completed(s->store, s->assessment->id, when, err) != 0) {
        free(when);
        return -1;
    }
    free(s->assessment->completed_at);
    s->assessment->completed_at = when;
    return 0;
}

/* Reads the systems' attributes from the annex forms in the same store, so
 * that items gated on them (show_if = system.NAME) are asked where the
 * inventory says they apply. */
static int load_attrs(session *s, const char *db_path, char **err)
{
    char *path = db_path ? strdup(db_path) : config_store_path(s->cfg);
    int rc = path ? sysattr_load(path, s->assessment->systems, s->assessment->system_count, &s->attrs, err)
                  : error_set(err, _("out of memory"));
    free(path);
    if (rc == 0)
        s->plan->attrs = s->attrs;
    return rc;
}

/* Opens the assessment; with `create` false, a missing one is no error:
 * *out stays NULL (and cfg and set are freed). */
static int open_assessment(config *cfg, checklist_set *set, const char *db_path, profile p,
                           const char *period, bool create, session **out, char **err)
{
    *out = NULL;
    session *s = calloc(1, sizeof *s);
    if (s == NULL) {
        config_free(cfg);
        checklist_set_free(set);
        return error_set(err, _("out of memory"));
    }
    s->cfg = cfg;
    s->set = set;
    int failure = -1;
    if (cfg->unit_code[0] == '\0') {
        error_set(err, _("no unit configured: set [unit] code in selfcheck.ini (or run selfcheck to be asked)"));
        failure = SESSION_ERR_NO_UNIT;
        goto fail;
    }
    s->db_path = db_path ? strdup(db_path) : config_store_path(cfg);
    int rc = s->db_path ? store_open(s->db_path, &s->store, err) : error_set(err, _("out of memory"));
    if (rc != 0)
        goto fail;
    char *current = NULL;
    if (period == NULL) {
        char today[11];
        clock_today(today);
        if (period_current(p, today, &current, err) != 0) {
            /* only a change assessment has no current period */
            failure = p == PROFILE_CHANGE ? SESSION_ERR_NOT_FOUND : -1;
            goto fail;
        }
        period = current;
    }
    assessment *found = NULL;
    rc = store_assessment_find(s->store, cfg->unit_code, p, period, &found, err);
    assessment_free(found);
    if (rc != 0 || (!create && found == NULL)) {
        free(current);
        session_free(s);
        return rc;
    }
    s->created = found == NULL;
    rc = store_assessment_open(s->store, cfg->unit_code, p, period, cfg->assessor, &s->assessment, err);
    free(current);
    if (rc != 0) {
        failure = rc == STORE_ERR_NOT_FOUND ? SESSION_ERR_NOT_FOUND : -1;
        goto fail;
    }
    if (plan_build(set, p, s->assessment->systems, s->assessment->system_count, &s->plan, err) != 0 ||
        load_attrs(s, db_path, err) != 0 || rescore(s, err) != 0 || load_previous(s, err) != 0 || update_completion(s, err) != 0)
        goto fail;
    *out = s;
    return 0;
fail:
    session_free(s);
    return failure;
}

int session_open(config *cfg, checklist_set *set, const char *db_path, profile p,
                 const char *period, session **out, char **err)
{
    return open_assessment(cfg, set, db_path, p, period, true, out, err);
}

int session_open_existing(config *cfg, checklist_set *set, const char *db_path, profile p,
                          const char *period, session **out, char **err)
{
    return open_assessment(cfg, set, db_path, p, period, false, out, err);
}

int session_discard_if_unused(session *s, char **err)
{
    if (!s->created)
        return 0;
    return store_assessment_discard_unused(s->store, s->assessment->id, err) == 0 ? 0 : -1;
}

void session_free(session *s)
{
    if (s == NULL)
        return;
    score_result_free(s->score);
    answer_set_free(s->answers);
    answer_set_free(s->previous_answers);
    assessment_free(s->previous);
    plan_free(s->plan);
    sysattr_set_free(s->attrs);
    assessment_free(s->assessment);
    store_close(s->store);
    checklist_set_free(s->set);
    config_free(s->cfg);
    free(s->db_path);
    free(s);
}

/* A finding without a due date gets one: today plus the schedule's days; a
 * booked re-assessment ("scheduled DATE") is due on its booked day.
 * Sets *wrote when it stored one, so that the caller rescores once however
 * many it wrote. */
static int default_due(session *s, size_t index, bool *wrote, char **err)
{
    const instance_score *sc = &s->score->instances[index];
    const instance *in = &s->plan->items[index];
    if (!sc->finding)
        return 0;
    char due[11];
    if (sc->answer && answer_scheduled_date(in->item, sc->answer->value, due)) {
        if (sc->answer->due && strcmp(sc->answer->due, due) == 0)
            return 0;
    } else {
        if (sc->answer && sc->answer->due)
            return 0;
        char today[11];
        civil_date d;
        clock_today(today);
        if (date_parse(today, &d) != 0)
            return 0;
        date_format(date_from_days(date_to_days(d) + s->cfg->schedule.remediation_days), due);
    }
    if (store_answer_put(s->store, s->assessment->id, in->list->id, in->item->id, in->system_id,
                         ANSWER_FIELD_DUE, due, NULL, err) != 0)
        return -1;
    *wrote = true;
    return 0;
}

/* The length of one field of a stored answer (0 when absent). */
static size_t field_bytes(const answer *a, answer_field field)
{
    const char *t = a == NULL                    ? NULL
                    : field == ANSWER_FIELD_VALUE ? a->value
                    : field == ANSWER_FIELD_NOTE  ? a->note
                    : field == ANSWER_FIELD_OWNER ? a->owner
                                                  : NULL;
    return t ? strlen(t) : 0;
}

size_t session_text_bytes(const session *s)
{
    size_t total = 0;
    for (size_t i = 0; s->answers && i < s->answers->count; i++)
        for (answer_field f = ANSWER_FIELD_VALUE; f <= ANSWER_FIELD_OWNER; f++)
            total += field_bytes(&s->answers->items[i], f);
    return total;
}

int session_set(session *s, size_t index, answer_field field, const char *input, char **err)
{
    if (index >= s->plan->count)
        return error_set(err, _("no such item"));
    const instance *in = &s->plan->items[index];
    char *canonical = NULL;
    char today[11];
    clock_today(today);
    bool clearing = input == NULL || *input == '\0';
    if (!clearing && field == ANSWER_FIELD_VALUE) {
        if (answer_parse(in->item, input, today, &canonical, err) != 0)
            return -1;
    } else if (!clearing && field == ANSWER_FIELD_DUE) {
        civil_date d;
        if (answer_date_parse(input, &d, err) != 0)
            return -1;
        char buf[11];
        date_format(d, buf);
        canonical = strdup(buf);
    } else if (!clearing) {
        canonical = strdup(input);
    }
    if (!clearing && canonical == NULL)
        return error_set(err, _("out of memory"));
    if (canonical != NULL && field != ANSWER_FIELD_DUE) {
        size_t total = session_text_bytes(s) - field_bytes(session_answer(s, index), field) + strlen(canonical);
        if (total > RECORD_MAX_TOTAL) {
            free(canonical);
            /* TRANSLATORS: the bytes the texts would take, then the limit */
            return error_set(err, _("the answers, notes and owners of this check would take %zu bytes, "
                                    "more than the %zu allowed: shorten a note"),
                             total, RECORD_MAX_TOTAL);
        }
    }
    int rc = store_answer_put(s->store, s->assessment->id, in->list->id, in->item->id, in->system_id,
                              field, canonical, NULL, err);
    free(canonical);
    if (rc != 0 || rescore(s, err) != 0)
        return -1;
    bool wrote = false;
    if (field == ANSWER_FIELD_VALUE && default_due(s, index, &wrote, err) != 0)
        return -1;
    if (wrote && rescore(s, err) != 0)
        return -1;
    return update_completion(s, err);
}

int session_refresh(session *s, char **err)
{
    if (rescore(s, err) != 0)
        return -1;
    bool wrote = false;
    for (size_t i = 0; i < s->plan->count; i++)
        if (default_due(s, i, &wrote, err) != 0)
            return -1;
    if (wrote && rescore(s, err) != 0)
        return -1;
    return update_completion(s, err);
}

const answer *session_answer(const session *s, size_t index)
{
    return index < s->score->count ? s->score->instances[index].answer : NULL;
}

const answer *session_previous_answer(const session *s, size_t index)
{
    if (s->previous_answers == NULL || index >= s->plan->count)
        return NULL;
    const instance *in = &s->plan->items[index];
    return answer_set_find(s->previous_answers, in->list->id, in->item->id, in->system_id);
}

long session_next_unanswered(const session *s, size_t from)
{
    size_t n = s->plan->count;
    for (size_t k = 0; k < n; k++) {
        size_t i = (from + k) % n;
        if (s->score->instances[i].state == STATE_UNANSWERED)
            return (long)i;
    }
    return -1;
}
