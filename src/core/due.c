/* due.c: which monthly and half-year checks are due (see due.h).
 *
 * The rule for the previous period lives here only; the start screen and
 * `selfcheck status` both read the list, so they cannot disagree. */
#include "due.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>

void due_list_free(due_list *d)
{
    if (d == NULL)
        return;
    for (size_t i = 0; i < d->count; i++) {
        free(d->entries[i].period);
        assessment_free(d->entries[i].assessment);
    }
    free(d->entries);
    assessment_free(d->last_completed);
    free(d->next_period);
    free(d);
}

/* Appends the entry of `period`. Takes `a` (may be NULL) in every case, so
 * that the caller has nothing left to free when this fails. `today` must be
 * canonical YYYY-MM-DD: dates of that form compare as strings. */
static int due_add(due_list *d, const char *period, assessment *a, const char *today, const schedule *s,
                   char **err)
{
    due_entry *grown = realloc(d->entries, (d->count + 1) * sizeof *grown);
    if (grown == NULL) {
        assessment_free(a);
        return error_set(err, "out of memory");
    }
    d->entries = grown;
    due_entry *e = &d->entries[d->count];
    memset(e, 0, sizeof *e);
    e->period = strdup(period);
    if (e->period == NULL) {
        assessment_free(a);
        return error_set(err, "out of memory");
    }
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
        return error_set(err, "only monthly and half-year checks fall due by the calendar");
    /* date_parse also takes 2026/1/5: compare against the canonical form */
    civil_date parsed;
    if (today == NULL || date_parse(today, &parsed) != 0)
        return error_set(err, "invalid date '%s'", today ? today : "");
    char day[11];
    date_format(parsed, day);

    char *current = NULL, *previous = NULL;
    assessment **all = NULL;
    size_t all_count = 0;
    assessment *a = NULL;
    due_list *d = NULL;
    if (period_current(p, day, &current, err) != 0)
        goto fail;
    d = calloc(1, sizeof *d);
    previous = period_previous(p, current);
    if (d == NULL || previous == NULL) {
        error_set(err, "out of memory");
        goto fail;
    }
    d->profile = p;
    if (store_assessment_list(st, unit_code, p, &all, &all_count, err) != 0)
        goto fail;

    /* the unit's first assessment of this profile: from then on every
     * period is owed */
    const char *first = NULL;
    for (size_t i = 0; i < all_count; i++)
        if (first == NULL || strcmp(all[i]->period, first) < 0)
            first = all[i]->period;
    /* earlier periods not completed, newest first, back to the first one */
    char *owed[DUE_PAST_MAX];
    size_t owed_count = 0;
    char *back = previous ? strdup(previous) : NULL;
    while (back != NULL && first != NULL && strcmp(back, first) >= 0 && owed_count < DUE_PAST_MAX) {
        const assessment *kept = NULL;
        for (size_t i = 0; i < all_count && kept == NULL; i++)
            if (all[i] != NULL && strcmp(all[i]->period, back) == 0)
                kept = all[i];
        bool done = kept != NULL && kept->completed_at != NULL;
        if (!done)
            owed[owed_count++] = back;
        char *before = period_previous(p, back);
        if (done)
            free(back);
        back = before;
    }
    free(back);
    /* the newest completed assessment is taken out of `all` (newest period
     * first) only now that the walk above has read it */
    for (size_t i = 0; i < all_count && d->last_completed == NULL; i++)
        if (all[i]->completed_at) {
            d->last_completed = all[i];
            all[i] = NULL;
        }
    int owed_rc = 0;
    for (size_t k = owed_count; k-- > 0;) {
        if (owed_rc == 0 && store_assessment_find(st, unit_code, p, owed[k], &a, err) != 0)
            owed_rc = -1;
        if (owed_rc == 0) {
            assessment *taken = a;
            a = NULL;
            owed_rc = due_add(d, owed[k], taken, day, s, err);
        }
        free(owed[k]);
    }
    if (owed_rc != 0)
        goto fail;

    if (store_assessment_find(st, unit_code, p, current, &a, err) != 0)
        goto fail;
    assessment *taken = a;
    a = NULL;
    if (due_add(d, current, taken, day, s, err) != 0)
        goto fail;
    if (d->entries[d->count - 1].state == DUE_DONE) {
        d->next_period = period_next(p, current);
        if (d->next_period == NULL) {
            error_set(err, "out of memory");
            goto fail;
        }
        if (period_due_date(p, d->next_period, s, d->next_due) != 0)
            d->next_due[0] = '\0';
    }
    assessment_free_array(all, all_count);
    free(previous);
    free(current);
    *out = d;
    return 0;

fail:
    assessment_free(a);
    assessment_free_array(all, all_count);
    free(previous);
    free(current);
    due_list_free(d);
    return -1;
}
