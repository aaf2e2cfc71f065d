/* incident_deadline.c: the plan's time limits measured over an incident's
 * timeline (see incident_deadline.h). Times are local civil times to the
 * minute; they are compared as minutes since 1970-01-01 of the calendar, so
 * no time zone or daylight-saving rule enters (China keeps none). */
#include "incident_deadline.h"
#include "error.h"
#include "i18n.h"
#include "period.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *incident_deadline_token(incident_deadline_status status)
{
    static const char *const tokens[] = {"waiting", "open", "met", "late", "overdue", "in-force", "ended"};
    return (unsigned)status < sizeof tokens / sizeof tokens[0] ? tokens[status] : "";
}

/* Minutes since 1970-01-01T00:00 of a time incident_time_parse takes. 0 or -1. */
static int minutes_of(const char *text, long long *out)
{
    char t[17];
    if (incident_time_parse(text, t) != 0)
        return -1;
    civil_date d;
    char day[11];
    memcpy(day, t, 10);
    day[10] = '\0';
    if (date_parse(day, &d) != 0)
        return -1;
    *out = (long long)date_to_days(d) * 1440 + ((t[11] - '0') * 10 + (t[12] - '0')) * 60 +
           (t[14] - '0') * 10 + (t[15] - '0');
    return 0;
}

static void format_minutes(long long minutes, char out[17])
{
    long days = (long)(minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440);
    int rest = (int)(minutes - (long long)days * 1440);   /* 0..1439 */
    char day[11];
    date_format(date_from_days(days), day);
    memcpy(out, day, 10);
    out[10] = 'T';
    out[11] = (char)('0' + rest / 600);
    out[12] = (char)('0' + rest / 60 % 10);
    out[13] = ':';
    out[14] = (char)('0' + rest % 60 / 10);
    out[15] = (char)('0' + rest % 10);
    out[16] = '\0';
}

/* The facts a record was graded on, read back from its text. */
static int facts_of(const incident_record *rec, incident_facts *facts, char **err)
{
    int rc = incident_facts_parse(rec->facts, facts, err);
    if (rc != 0)
        error_prefix(err, _("incident %lld"), rec->id);
    return rc == 0 ? 0 : -1;
}

/* Measures one limit at `now`. */
static int measure(const incident_limit *l, const incident_record *rec, long long now, incident_deadline *d)
{
    const char *from = incident_record_first(rec, l->after);
    const char *done = incident_record_first(rec, l->met_by);
    if (done)
        snprintf(d->done, sizeof d->done, "%s", done);
    if (from == NULL) {
        d->status = INCIDENT_DEADLINE_WAITING;
        return 0;
    }
    snprintf(d->from, sizeof d->from, "%s", from);
    if (l->duty) {
        d->status = done ? INCIDENT_DEADLINE_ENDED : INCIDENT_DEADLINE_IN_FORCE;
        return 0;
    }
    long long start, end;
    if (minutes_of(from, &start) != 0 || (done && minutes_of(done, &end) != 0))
        return -1;
    long long due = start + l->minutes;
    format_minutes(due, d->due);
    if (done)
        d->status = end <= due ? INCIDENT_DEADLINE_MET : INCIDENT_DEADLINE_LATE;
    else
        d->status = now <= due ? INCIDENT_DEADLINE_OPEN : INCIDENT_DEADLINE_OVERDUE;
    return 0;
}

int incident_deadlines(const incident_rules *r, const incident_record *rec, const char *now,
                       incident_deadline **out, size_t *count, char **err)
{
    *out = NULL;
    *count = 0;
    long long now_minutes;
    if (minutes_of(now, &now_minutes) != 0)
        return error_set(err, _("'%s' is not a time"), now);
    if (rec->level == INCIDENT_LEVEL_NONE || r->action_count == 0)
        return 0;
    incident_facts facts;
    if (facts_of(rec, &facts, err) != 0)
        return -1;
    incident_deadline *list = calloc(r->action_count, sizeof *list);
    if (list == NULL)
        return error_set(err, "%s", _("out of memory"));
    size_t n = 0;
    for (size_t i = 0; i < r->action_count; i++) {
        const incident_action *a = &r->actions[i];
        if (!a->at[rec->level] || !incident_limit_applies(a, &facts))
            continue;
        list[n].action = a;
        if (measure(&a->limit, rec, now_minutes, &list[n]) != 0) {
            free(list);
            return error_set(err, _("incident %lld: a time in its timeline cannot be read"), rec->id);
        }
        n++;
    }
    if (n == 0) {
        free(list);
        return 0;
    }
    *out = list;
    *count = n;
    return 0;
}
