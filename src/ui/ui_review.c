/* ui_review.c: the state the review screens share, the period arithmetic
 * of the table, and the words and help pages of the review (see
 * ui_review.h). */
#include "ui_review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "review_period.h"

static const profile checks[2] = {PROFILE_MONTHLY, PROFILE_HALFYEAR};

char *ui_review_due_period(profile p, const char *today, const schedule *s)
{
    char *period = NULL;
    if (period_current(p, today, &period, NULL) != 0)
        return NULL;
    /* the current period, or one of the few before it: the latest one due */
    char *p0 = strdup(period);
    for (int steps = 0; period != NULL && steps < 4; steps++) {
        char due[11];
        if (period_due_date(p, period, s, due) == 0 && strcmp(due, today) < 0) {
            free(p0);
            return period;
        }
        char *prev = period_previous(p, period);
        free(period);
        period = prev;
    }
    free(period);
    return p0;
}

void ui_review_free(ui_review *rv)
{
    if (rv == NULL)
        return;
    for (int i = 0; i < 2; i++) {
        free(rv->due[i]);
        free(rv->shown[i]);
        free(rv->first[i]);
    }
    free(rv->unit);
    free(rv->unit_name);
    free(rv->compare_with);
    free(rv->compare_later);
    review_db_close(rv->db);
    free(rv);
}

ui_review *ui_review_new(ui_context *ctx, review_db *db, const schedule *s, char **err)
{
    ui_review *rv = calloc(1, sizeof *rv);
    if (rv == NULL) {
        review_db_close(db);
        error_set(err, _("out of memory"));
        return NULL;
    }
    rv->ctx = ctx;
    rv->db = db;
    rv->sched = *s;
    for (int i = 0; i < 2; i++) {
        rv->due[i] = ui_review_due_period(checks[i], ctx->today, s);
        rv->shown[i] = rv->due[i] ? strdup(rv->due[i]) : NULL;
        if (rv->shown[i] == NULL) {
            error_set(err, _("out of memory"));
            ui_review_free(rv);
            return NULL;
        }
    }
    return rv;
}

profile ui_review_profile(const ui_review *rv)
{
    return checks[rv->check];
}

const char *ui_review_profile_token(const ui_review *rv)
{
    return profile_name(checks[rv->check]);
}

const char *ui_review_check_label(const ui_review *rv)
{
    return rv->check == UI_REVIEW_MONTHLY ? _("Monthly check") : _("Half-year check");
}

const char *ui_review_period(const ui_review *rv)
{
    return rv->shown[rv->check];
}

void ui_review_toggle_check(ui_review *rv)
{
    rv->check = 1 - rv->check;
}

int ui_review_show_period(ui_review *rv, const char *period)
{
    char *copy = strdup(period);
    if (copy == NULL)
        return -1;
    free(rv->shown[rv->check]);
    rv->shown[rv->check] = copy;
    return 0;
}

bool ui_review_step_period(ui_review *rv, int dir)
{
    profile p = ui_review_profile(rv);
    const char *now = ui_review_period(rv);
    char *next = dir < 0 ? period_previous(p, now) : period_next(p, now);
    if (next == NULL)
        return false;
    char *current = NULL;
    bool ok;
    if (dir < 0) {
        /* back to the first period anyone reported, or to the period due;
         * read on the first step back, not on opening: it scans the reports */
        if (!rv->first_read[rv->check]) {
            rv->first_read[rv->check] = true;
            if (review_first_period(rv->db, ui_review_profile_token(rv), &rv->first[rv->check], NULL) != 0)
                rv->first[rv->check] = NULL;
        }
        const char *first = rv->first[rv->check];
        const char *floor = first && strcmp(first, rv->due[rv->check]) < 0 ? first : rv->due[rv->check];
        ok = strcmp(next, floor) >= 0;
    } else {
        ok = period_current(p, rv->ctx->today, &current, NULL) == 0 && strcmp(next, current) <= 0;
    }
    free(current);
    if (ok)
        ok = ui_review_show_period(rv, next) == 0;
    free(next);
    return ok;
}

int ui_review_open_unit(ui_review *rv, const char *code, const char *name)
{
    char *c = strdup(code), *n = strdup(name ? name : "");
    if (c == NULL || n == NULL) {
        free(c);
        free(n);
        return -1;
    }
    free(rv->unit);
    free(rv->unit_name);
    free(rv->compare_with);
    free(rv->compare_later);
    rv->compare_with = rv->compare_later = NULL;
    rv->unit = c;
    rv->unit_name = n;
    return 0;
}

void ui_review_format_change(double change, char out[24])
{
    /* a change that rounds to nothing is 0.0, never -0.0 */
    if (change > -0.05 && change < 0.05)
        change = 0;
    snprintf(out, 24, change > 0 ? "+%.1f" : "%.1f", change);
}

static const char help_common[] = N_(
    "Every review screen\n"
    "?\tshow this help\n"
    "L\tswitch between Chinese and English\n"
    "Up, Down, j, k, PgUp, PgDn, Home, End\tmove or scroll\n"
    "Esc, q\tback to the table (q on the table quits)\n"
    "Ctrl-C\tquit at once");

static const char help_table[] = N_(
    "Review: the table\n"
    "Enter\tthe chosen unit: scores per checklist, trend, open findings\n"
    "Left, Right\tthe period before or after\n"
    "p\tswitch between the monthly and the half-year check\n"
    "u\tsort by unit code\n"
    "s\tsort by score, highest first\n"
    "w\tweakest first: lowest score first\n"
    "c\tsort by change since the period before, largest fall first\n"
    "r\treverse the order\n"
    "i\tan item across units: which units fail it this period\n"
    "f\tremediation follow-up: overdue and resolved findings\n"
    "m\twho has not reported the current period, and since when\n"
    "Marks\tnot reported: no report of the period; revoked key: signed with a key revoked since");

static const char help_unit[] = N_(
    "Review: a unit\n"
    "Left, Right\tthe unit's period before or after\n"
    "c\tcompare two of the unit's periods item by item: this one and the one before\n"
    "Up, Down, PgUp, PgDn\tscroll the open findings\n"
    "Marks\toverdue: the due date passed and the finding is still in the unit's latest report; ! before a "
    "checklist or an item: answered against a checklist that is not an official one (non-standard)");

static const char help_compare[] = N_(
    "Review: two periods compared\n"
    "Left, Right\tchoose the earlier period (or the later one after Tab) among the unit's reports\n"
    "Tab\tswitch between choosing the earlier and the later period\n"
    "d\tshow only the items that changed, or every item\n"
    "Up, Down, PgUp, PgDn\tscroll the items");

static const char help_items[] = N_(
    "Review: an item across units\n"
    "Up, Down\tchoose an item; the units that fail it are listed below\n"
    "Left, Right\tthe period before or after");

static const char help_followup[] = N_(
    "Review: remediation follow-up\n"
    "Overdue\tits due date passed and it is still a finding in the unit's latest report\n"
    "Open\tnot yet due\n"
    "Resolved\tgone in the unit's next report");

static const char help_missing[] = N_(
    "Review: who has not reported\n"
    "Rows\tunits without a report of the current monthly or half-year period whose due date has passed; since: "
    "their latest report, missed: how many due periods are missing");

const char *ui_review_help(ui_screen_id id)
{
    switch (id) {
    case UI_SCREEN_REVIEW_TABLE: return _(help_table);
    case UI_SCREEN_REVIEW_UNIT: return _(help_unit);
    case UI_SCREEN_REVIEW_COMPARE: return _(help_compare);
    case UI_SCREEN_REVIEW_ITEMS: return _(help_items);
    case UI_SCREEN_REVIEW_FOLLOWUP: return _(help_followup);
    case UI_SCREEN_REVIEW_MISSING: return _(help_missing);
    default: return NULL;
    }
}

const char *ui_review_help_common(void)
{
    return _(help_common);
}

ui_action ui_review_key(ui_review *rv, ui_key *k, ui_action back)
{
    if (k->code == UI_KEY_RESIZE)
        return UI_ACT_REDRAW;
    ui_context_say(rv->ctx, UI_ROLE_NORMAL, NULL);
    *k = ui_key_command(*k);
    unsigned ch = k->code == UI_KEY_CHAR ? k->ch : 0;
    /* Backspace goes back, but never quits */
    if (ch == 'q' || k->code == UI_KEY_ESC || (k->code == UI_KEY_BACKSPACE && back != UI_ACT_QUIT))
        return back;
    if (ch == '?' || k->code == UI_KEY_F1)
        return UI_ACT_HELP;
    if (ch == 'L') {
        ui_context_switch_lang(rv->ctx);
        return UI_ACT_REDRAW;
    }
    return UI_ACT_NONE;
}

void ui_review_frame(const ui_review *rv, ui_canvas *c, const char *title, const char *hints)
{
    ui_render_title(rv->ctx, c, title);
    ui_render_hints(rv->ctx, c, hints);
    ui_render_status(rv->ctx, c);
}
