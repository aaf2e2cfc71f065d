/* due.c: which monthly and half-year checks are due (see due.h).
 *
 * The rule for earlier periods still owed lives here only; the start screen
 * and `selfcheck status` both read the list, so they cannot disagree. The
 * unit's assessments of the profile are read once, and the entries point
 * into them. */
#include "due.h"
#include "error.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>

void due_list_free(due_list *d)
{
    if (d == NULL)
        return;
    for (size_t i = 0; i < d->count; i++)
        free(d->entries[i].period);
    free(d->entries);
    assessment_free_array(d->assessments, d->assessment_count);
    free(d->next_period);
    free(d);
}

/* The assessment of `period` among those the list read, or NULL. */
static const assessment *due_find(const due_list *d, const char *period)
{
    for (size_t i = 0; i < d->assessment_count; i++)
        if (strcmp(d->assessments[i]->period, period) == 0)
            return d->assessments[i];
    return NULL;
}

/* Appends the entry of `period`. `today` must be canonical YYYY-MM-DD:
 * dates of that form compare as strings. */
static int due_add(due_list *d, const char *period, const char *today, const schedule *s, char **err)
{
    due_entry *grown = realloc(d->entries, (d->count + 1) * sizeof *grown);
    if (grown == NULL)
        return error_set(err, _("out of memory"));
    d->entries = grown;
    due_entry *e = &d->entries[d->count];
    memset(e, 0, sizeof *e);
    e->period = strdup(period);
    if (e->period == NULL)
        return error_set(err, _("out of memory"));
    const assessment *a = due_find(d, period);
    d->count++;
    e->assessment = a;
    e->state = a == NULL ? DUE_NOT_STARTED : a->completed_at ? DUE_DONE : DUE_IN_PROGRESS;
    /* a schedule day that does not exist in that month or half-year leaves
     * the period without a due date rather than failing the whole list */
    if (period_due_date(d->profile, period, s, e->due) != 0)
        e->due[0] = '\0';
    e->overdue = e->state != DUE_DONE && e->due[0] != '\0' && strcmp(today, e->due) > 0;
    return 0;
}

int due_compute(store *st, const char *unit_code, profile p, const char *today, const schedule *s,
                due_list **out, char **err)
{
    *out = NULL;
    if (p != PROFILE_MONTHLY && p != PROFILE_HALFYEAR)
        return error_set(err, _("only monthly and half-year checks fall due by the calendar"));
    /* date_parse also takes 2026/1/5: compare against the canonical form */
    civil_date parsed;
    if (today == NULL || date_parse(today, &parsed) != 0)
        return error_set(err, _("invalid date '%s'"), today ? today : "");
    char day[11];
    date_format(parsed, day);

    char *current = NULL;
    due_list *d = NULL;
    if (period_current(p, day, &current, err) != 0)
        goto fail;
    d = calloc(1, sizeof *d);
    if (d == NULL) {
        error_set(err, _("out of memory"));
        goto fail;
    }
    d->profile = p;
    if (store_assessment_list(st, unit_code, p, &d->assessments, &d->assessment_count, err) != 0)
        goto fail;

    /* the unit's first assessment of this profile: from then on every
     * period is owed; the list is newest period first, so the first
     * completed one is the last completed */
    const char *first = NULL;
    for (size_t i = 0; i < d->assessment_count; i++) {
        const assessment *a = d->assessments[i];
        if (first == NULL || strcmp(a->period, first) < 0)
            first = a->period;
        if (d->last_completed == NULL && a->completed_at != NULL)
            d->last_completed = a;
    }
    /* earlier periods not completed, newest first, back to the first one */
    char *owed[DUE_PAST_MAX];
    size_t owed_count = 0;
    char *back = period_previous(p, current);
    if (back == NULL) {
        error_set(err, _("out of memory"));
        goto fail;
    }
    while (back != NULL && first != NULL && strcmp(back, first) >= 0 && owed_count < DUE_PAST_MAX) {
        const assessment *kept = due_find(d, back);
        bool done = kept != NULL && kept->completed_at != NULL;
        char *before = period_previous(p, back);
        if (done)
            free(back);
        else
            owed[owed_count++] = back;
        back = before;
    }
    free(back);
    int rc = 0;
    for (size_t k = owed_count; k-- > 0;) {   /* oldest first */
        if (rc == 0)
            rc = due_add(d, owed[k], day, s, err);
        free(owed[k]);
    }
    if (rc != 0 || due_add(d, current, day, s, err) != 0)
        goto fail;
    if (d->entries[d->count - 1].state == DUE_DONE) {
        d->next_period = period_next(p, current);
        if (d->next_period == NULL) {
            error_set(err, _("out of memory"));
            goto fail;
        }
        if (period_due_date(p, d->next_period, s, d->next_due) != 0)
            d->next_due[0] = '\0';
    }
    free(current);
    *out = d;
    return 0;

fail:
    free(current);
    due_list_free(d);
    return -1;
}
