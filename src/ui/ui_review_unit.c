/* ui_review_unit.c: a unit's screen in the review (see ui_review_unit.h).
 * Everything is read on entering and after Left or Right; nothing is kept
 * open but the review's own connection. */
#include "ui_review_unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "score.h"
#include "text.h"
#include "ui_chart.h"
#include "ui_context.h"

#define LIST_ROWS 7       /* checklists shown beside the chart */
#define LEFT_COLS 40      /* the checklists' half of the screen */
#define TREND_SLOT 6      /* columns per period of the trend, at most */

static void unit_fail(ui_review_unit *u, const char *text)
{
    free(u->error);
    u->error = text ? strdup(text) : NULL;
}

void ui_review_period_label(const char *period, char out[8])
{
    const char *h = strchr(period, 'H');
    if (h != NULL && strlen(period) >= 7)
        snprintf(out, 8, "%.2s%s", period + 2, h);
    else if (strlen(period) >= 7)
        snprintf(out, 8, "%.2s", period + 5);
    else
        snprintf(out, 8, "%.7s", period);
}

static void unit_clear(ui_review_unit *u)
{
    review_points_free(u->trend, u->points);
    review_checklist_scores_free(u->lists, u->list_count);
    review_findings_free(u->findings, u->finding_count);
    ui_table_free(u->table);
    u->trend = NULL;
    u->lists = NULL;
    u->findings = NULL;
    u->table = NULL;
    u->points = u->list_count = u->finding_count = u->overdue = 0;
}

/* The findings table in the language in force. */
static void unit_table(ui_review_unit *u)
{
    ui_table_free(u->table);
    snprintf(u->lang, sizeof u->lang, "%s", i18n_lang());
    const ui_table_column columns[] = {
        {_("Item"), 6, false, UI_ALIGN_LEFT, false, 0},
        {_("Question"), 10, true, UI_ALIGN_LEFT, false, 0},
        {_("Owner"), 4, false, UI_ALIGN_LEFT, false, 0},
        {_("Due"), 10, false, UI_ALIGN_LEFT, false, 0},
        {_("Status"), 4, false, UI_ALIGN_LEFT, false, 0},
    };
    u->table = ui_table_new(columns, sizeof columns / sizeof columns[0]);
    for (size_t i = 0; u->table && i < u->finding_count; i++) {
        const review_finding *f = &u->findings[i];
        bool overdue = f->status == REVIEW_FINDING_OVERDUE;
        char where[160];
        /* "!": answered against a non-standard checklist, as its bar above is marked */
        snprintf(where, sizeof where, "%s%s%s%s", f->nonstandard ? "!" : "", f->item_id, f->system_id[0] ? "@" : "",
                 f->system_id);
        const char *cells[] = {where, f->question_zh, f->owner[0] ? f->owner : "-", f->due[0] ? f->due : "-",
                               overdue ? _("overdue") : _("open")};
        long r = ui_table_add_row(u->table, cells, UI_ROLE_NORMAL);
        if (r >= 0 && overdue) {
            ui_table_set_role(u->table, (size_t)r, 3, UI_ROLE_WARNING);
            ui_table_set_role(u->table, (size_t)r, 4, UI_ROLE_WARNING);
        }
    }
}

static void unit_load(ui_review_unit *u)
{
    unit_clear(u);
    ui_review *rv = u->rv;
    const char *prof = ui_review_profile_token(rv), *period = ui_review_period(rv);
    char *err = NULL;
    int rc = review_unit_trend(rv->db, rv->unit, prof, &u->trend, &u->points, &err);
    u->at = u->points;
    for (size_t i = 0; rc == 0 && i < u->points; i++)
        if (strcmp(u->trend[i].period, period) == 0)
            u->at = i;
    if (rc == 0 && u->at < u->points)
        rc = review_unit_checklists(rv->db, rv->unit, prof, period, &u->lists, &u->list_count, &err);
    review_finding *all = NULL;
    size_t n = 0;
    if (rc == 0)
        rc = review_findings(rv->db, rv->unit, false, rv->ctx->today, &all, &n, &err);
    /* keep the open and overdue findings of the check shown, overdue first */
    if (rc == 0 && n > 0 && (u->findings = calloc(n, sizeof *u->findings)) == NULL)
        rc = -1;
    for (int pass = 0; rc == 0 && pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            review_followup want = pass == 0 ? REVIEW_FINDING_OVERDUE : REVIEW_FINDING_OPEN;
            if (all[i].status != want || strcmp(all[i].profile, prof) != 0)
                continue;
            u->findings[u->finding_count++] = all[i];
            memset(&all[i], 0, sizeof all[i]);
            all[i].status = REVIEW_FINDING_RESOLVED;   /* moved: not freed twice */
            u->overdue += want == REVIEW_FINDING_OVERDUE;
        }
    review_findings_free(all, n);
    unit_fail(u, rc == 0 ? NULL : err ? err : _("out of memory"));
    free(err);
    unit_table(u);
}

ui_review_unit *ui_review_unit_new(ui_review *rv)
{
    ui_review_unit *u = calloc(1, sizeof *u);
    if (u == NULL)
        return NULL;
    u->rv = rv;
    unit_load(u);
    if (u->table == NULL) {
        ui_review_unit_free(u);
        return NULL;
    }
    return u;
}

void ui_review_unit_free(ui_review_unit *u)
{
    if (u == NULL)
        return;
    unit_clear(u);
    free(u->error);
    free(u);
}

/* Moves to the unit's report before or after the period shown. */
static bool unit_step(ui_review_unit *u, int dir)
{
    size_t to;
    if (u->points == 0)
        return false;
    if (u->at == u->points) {
        /* not reported: to the latest report before the period, or the first after */
        const char *period = ui_review_period(u->rv);
        size_t before = u->points;
        for (size_t i = 0; i < u->points; i++)
            if (strcmp(u->trend[i].period, period) < 0)
                before = i;
        if (dir < 0 && before == u->points)
            return false;
        to = dir < 0 ? before : before == u->points ? 0 : before + 1;
        if (to >= u->points)
            return false;
    } else if (dir < 0) {
        if (u->at == 0)
            return false;
        to = u->at - 1;
    } else {
        if (u->at + 1 >= u->points)
            return false;
        to = u->at + 1;
    }
    if (ui_review_show_period(u->rv, u->trend[to].period) != 0)
        return false;
    unit_load(u);
    return true;
}

ui_action ui_review_unit_key(ui_review_unit *u, ui_key k)
{
    ui_action common = ui_review_key(u->rv, &k, UI_ACT_REVIEW_TABLE);
    if (common != UI_ACT_NONE)
        return common;
    unsigned ch = k.code == UI_KEY_CHAR ? k.ch : 0;
    if (k.code == UI_KEY_LEFT || k.code == UI_KEY_RIGHT) {
        unit_step(u, k.code == UI_KEY_LEFT ? -1 : 1);
        return UI_ACT_REDRAW;
    }
    if (ch == 'c') {
        if (u->points < 2) {
            ui_context_say(u->rv->ctx, UI_ROLE_WARNING,
                           _("The unit has fewer than two reports of this check: nothing to compare."));
            return UI_ACT_REDRAW;
        }
        /* the period shown and the report before it (the one after, for its
         * first report); not reported: its latest report and the one before */
        size_t later = u->at == u->points ? u->points - 1 : u->at == 0 ? 1 : u->at;
        char *a = strdup(u->trend[later - 1].period), *b = strdup(u->trend[later].period);
        if (a == NULL || b == NULL) {
            free(a);
            free(b);
            return UI_ACT_NONE;
        }
        free(u->rv->compare_with);
        free(u->rv->compare_later);
        u->rv->compare_with = a;
        u->rv->compare_later = b;
        return UI_ACT_REVIEW_COMPARE;
    }
    if (u->table && ui_table_key(u->table, k))
        return UI_ACT_REDRAW;
    return UI_ACT_NONE;
}

/* "Total 90.0% · 优秀 · 通过 · change +10.0", or that the period is missing. */
static char *unit_summary(const ui_review_unit *u)
{
    char *line = NULL;
    int n;
    if (u->at < u->points) {
        const review_point *p = &u->trend[u->at];
        char change[24] = "";
        if (u->at > 0) {
            char *prev = period_previous(ui_review_profile(u->rv), p->period);
            if (prev && strcmp(prev, u->trend[u->at - 1].period) == 0)
                ui_review_format_change(p->percent - u->trend[u->at - 1].percent, change);
            free(prev);
        }
        char *nonstandard = NULL;
        if (p->nonstandard[0] && asprintf(&nonstandard, _(" \xC2\xB7 non-standard checklist: %s"), p->nonstandard) < 0)
            nonstandard = NULL;
        n = asprintf(&line, _("Total %1$.1f%% \xC2\xB7 %2$s \xC2\xB7 %3$s \xC2\xB7 change %4$s%5$s%6$s%7$s"),
                     p->percent, score_grade_text_label(p->grade, p->grade_zh), score_verdict_token_label(p->verdict),
                     change[0] ? change : "-", p->complete ? "" : _(" \xC2\xB7 incomplete"),
                     p->key_revoked ? _(" \xC2\xB7 revoked key") : "", nonstandard ? nonstandard : "");
        free(nonstandard);
    } else {
        const char *last = "";
        for (size_t i = 0; i < u->points; i++)
            if (strcmp(u->trend[i].period, ui_review_period(u->rv)) < 0)
                last = u->trend[i].period;
        n = last[0] ? asprintf(&line, _("Not reported for %1$s (latest report: %2$s)"), ui_review_period(u->rv), last)
                    : asprintf(&line, _("Not reported for %s (no report yet)"), ui_review_period(u->rv));
    }
    return n < 0 ? NULL : line;
}

static void unit_checklists(const ui_review_unit *u, ui_canvas *c, int y)
{
    ui_canvas_put_cut(c, y, 1, LEFT_COLS - 2, UI_ROLE_TITLE, _("Score per checklist"));
    if (u->list_count == 0) {
        ui_canvas_put_cut(c, y + 1, 1, LEFT_COLS - 2, UI_ROLE_DIM, "-");
        return;
    }
    size_t shown = u->list_count <= LIST_ROWS ? u->list_count : LIST_ROWS - 1;
    for (size_t i = 0; i < shown; i++) {
        const review_checklist_score *s = &u->lists[i];
        int row = y + 1 + (int)i;
        char pct[24];
        snprintf(pct, sizeof pct, "%5.1f%%", s->percent);
        /* a checklist the review does not know is marked "!" (named on the line above) */
        if (s->nonstandard)
            ui_canvas_put(c, row, 1, 1, UI_ROLE_WARNING, "!");
        ui_canvas_put_cut(c, row, s->nonstandard ? 2 : 1, s->nonstandard ? 13 : 14,
                          s->nonstandard ? UI_ROLE_WARNING : UI_ROLE_NORMAL, s->checklist_id);
        ui_chart_bar(c, row, 16, 14, s->points, s->max_points, s->findings > 0 ? UI_ROLE_FAILED : UI_ROLE_ANSWERED);
        ui_canvas_put(c, row, 31, 7, UI_ROLE_NORMAL, pct);
    }
    if (shown < u->list_count) {
        char *more = NULL;
        if (asprintf(&more, _("... and %zu more"), u->list_count - shown) >= 0)
            ui_canvas_put_cut(c, y + 1 + (int)shown, 1, LEFT_COLS - 2, UI_ROLE_DIM, more);
        free(more);
    }
}

static void unit_trend(const ui_review_unit *u, ui_canvas *c, int y, int width)
{
    if (u->points == 0) {
        ui_canvas_put_cut(c, y, LEFT_COLS + 1, width, UI_ROLE_TITLE, _("Total over the periods"));
        return;
    }
    double *values = calloc(u->points, sizeof *values);
    char (*labels)[8] = calloc(u->points, sizeof *labels);
    char (*totals)[24] = calloc(u->points, sizeof *totals);
    const char **names = calloc(u->points, sizeof *names);
    const char **texts = calloc(u->points, sizeof *texts);
    size_t shown = 0;
    if (values && labels && totals && names && texts) {
        for (size_t i = 0; i < u->points; i++) {
            values[i] = u->trend[i].percent;
            ui_review_period_label(u->trend[i].period, labels[i]);
            names[i] = labels[i];
            /* one decimal, as the report gives the total */
            snprintf(totals[i], sizeof totals[i], "%.1f", u->trend[i].percent);
            texts[i] = totals[i];
        }
        ui_chart_series s = {.values = values, .labels = names, .texts = texts, .count = u->points, .max = 100,
                             .focused = u->at < u->points, .focus = u->at};
        /* columns of at most five, so that a few periods do not look like a wall */
        int w = (int)u->points * TREND_SLOT < width ? (int)u->points * TREND_SLOT : width;
        shown = ui_chart_trend(c, y + 1, LEFT_COLS + 1, w, LIST_ROWS, &s, UI_ROLE_ANSWERED);
    }
    char *title = NULL;
    if (shown > 0 && shown < u->points &&
        asprintf(&title, _("Total over the periods (%1$zu of %2$zu)"), shown, u->points) < 0)
        title = NULL;
    ui_canvas_put_cut(c, y, LEFT_COLS + 1, width, UI_ROLE_TITLE, title ? title : _("Total over the periods"));
    free(title);
    free(values);
    free(labels);
    free(totals);
    free(names);
    free(texts);
}

void ui_review_unit_render(ui_review_unit *u, ui_canvas *c)
{
    ui_review *rv = u->rv;
    if (u->table == NULL || strcmp(u->lang, i18n_lang()) != 0)
        unit_table(u);
    char *title = NULL, *line = unit_summary(u), *heading = NULL;
    if (asprintf(&title, _("Unit %1$s %2$s \xC2\xB7 %3$s %4$s"), rv->unit, rv->unit_name, ui_review_check_label(rv),
                 ui_review_period(rv)) < 0)
        title = NULL;
    ui_review_frame(rv, c, title ? title : "",
                    _("Left/Right period  c compare  Up/Down findings  Esc back  L language  ? help"));
    if (u->error) {
        ui_render_wrapped(c, 2, 2, c->cols - 4, 3, 0, UI_ROLE_WARNING, u->error);
    } else {
        ui_canvas_put_cut(c, 1, 1, c->cols - 2, u->at < u->points ? UI_ROLE_NORMAL : UI_ROLE_WARNING,
                          line ? line : "");
        int y = 3;
        unit_checklists(u, c, y);
        unit_trend(u, c, y, c->cols - LEFT_COLS - 2);
        y += LIST_ROWS + 2;
        if (asprintf(&heading, _("Open findings: %1$zu, of them overdue: %2$zu"), u->finding_count, u->overdue) < 0)
            heading = NULL;
        ui_canvas_put_cut(c, y, 1, c->cols - 2, UI_ROLE_TITLE, heading ? heading : "");
        if (u->finding_count == 0)
            ui_canvas_put_cut(c, y + 1, 2, c->cols - 4, UI_ROLE_DIM, _("No open findings."));
        else if (u->table)
            ui_table_render(u->table, c, y + 1, 0, c->cols, c->rows - 3 - (y + 1));
    }
    free(heading);
    free(line);
    free(title);
}
