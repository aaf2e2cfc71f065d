/* ui_review_compare.c: two periods of a unit compared (see
 * ui_review_compare.h). The comparison itself is review_compare's; this
 * counts, filters and lays it out. */
#include "ui_review_compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "review_period.h"
#include "ui_context.h"

static const char *const kind_label[] = {N_("same"), N_("improved"), N_("regressed"), N_("added"),
                                         N_("dropped")};

void ui_review_item_score(bool scored, double score, double max, char out[48])
{
    if (scored)
        snprintf(out, 48, "%.10g/%.10g", score, max);
    else
        snprintf(out, 48, "-");
}

const char *ui_review_compare_later(const ui_review_compare *x)
{
    return x->rv->compare_later ? x->rv->compare_later : ui_review_period(x->rv);
}

static void compare_table(ui_review_compare *x)
{
    ui_table_free(x->table);
    snprintf(x->lang, sizeof x->lang, "%s", i18n_lang());
    const ui_table_column columns[] = {
        {_("Item"), 6, false, UI_ALIGN_LEFT, false, 0},
        {_("Question"), 10, true, UI_ALIGN_LEFT, false, 0},
        {x->rv->compare_with ? x->rv->compare_with : "", 5, false, UI_ALIGN_RIGHT, false, 0},
        {ui_review_compare_later(x), 5, false, UI_ALIGN_RIGHT, false, 0},
        {_("Changed"), 4, false, UI_ALIGN_LEFT, false, 0},
    };
    x->table = ui_table_new(columns, sizeof columns / sizeof columns[0]);
    for (size_t i = 0; x->table && i < x->item_count; i++) {
        const review_item_diff *d = &x->items[i];
        if (!x->all && d->kind == REVIEW_SAME)
            continue;
        char where[200], a[48], b[48];
        snprintf(where, sizeof where, "%s/%s%s%s", d->checklist_id, d->item_id, d->system_id[0] ? "@" : "",
                 d->system_id);
        ui_review_item_score(d->scored_a, d->score_a, d->max_a, a);
        ui_review_item_score(d->scored_b, d->score_b, d->max_b, b);
        if (d->kind == REVIEW_ADDED)
            snprintf(a, sizeof a, " ");
        if (d->kind == REVIEW_DROPPED)
            snprintf(b, sizeof b, " ");
        const char *cells[] = {where, d->question_zh, a, b, d->kind == REVIEW_SAME ? "" : _(kind_label[d->kind])};
        long r = ui_table_add_row(x->table, cells, UI_ROLE_NORMAL);
        if (r >= 0 && (d->kind == REVIEW_REGRESSED || d->kind == REVIEW_IMPROVED))
            ui_table_set_role(x->table, (size_t)r, 4, d->kind == REVIEW_REGRESSED ? UI_ROLE_FAILED : UI_ROLE_ANSWERED);
    }
}

static void compare_load(ui_review_compare *x)
{
    review_item_diffs_free(x->items, x->item_count);
    x->items = NULL;
    x->item_count = 0;
    memset(x->kinds, 0, sizeof x->kinds);
    char *err = NULL;
    ui_review *rv = x->rv;
    if (rv->compare_with &&
        review_compare(rv->db, rv->unit, ui_review_profile_token(rv), rv->compare_with,
                       ui_review_compare_later(x), &x->items, &x->item_count, &err) != 0) {
        free(x->error);
        x->error = strdup(err ? err : _("out of memory"));
    }
    free(err);
    for (size_t i = 0; i < x->item_count; i++)
        x->kinds[x->items[i].kind]++;
    compare_table(x);
}

ui_review_compare *ui_review_compare_new(ui_review *rv)
{
    ui_review_compare *x = calloc(1, sizeof *x);
    if (x == NULL)
        return NULL;
    x->rv = rv;
    review_point *trend = NULL;
    size_t n = 0;
    char *err = NULL;
    if (review_unit_trend(rv->db, rv->unit, ui_review_profile_token(rv), &trend, &n, &err) == 0 &&
        (x->periods = calloc(n ? n : 1, sizeof *x->periods)) != NULL &&
        (x->nonstandard = calloc(n ? n : 1, sizeof *x->nonstandard)) != NULL) {
        for (size_t i = 0; i < n; i++) {
            x->periods[x->period_count] = trend[i].period;
            x->nonstandard[x->period_count++] = trend[i].nonstandard;
            trend[i].period = trend[i].nonstandard = NULL;
        }
    } else {
        x->error = strdup(err ? err : _("out of memory"));
    }
    free(err);
    review_points_free(trend, n);
    compare_load(x);
    if (x->table == NULL) {
        ui_review_compare_free(x);
        return NULL;
    }
    return x;
}

void ui_review_compare_free(ui_review_compare *x)
{
    if (x == NULL)
        return;
    for (size_t i = 0; i < x->period_count; i++) {
        free(x->periods[i]);
        free(x->nonstandard[i]);
    }
    free(x->periods);
    free(x->nonstandard);
    review_item_diffs_free(x->items, x->item_count);
    ui_table_free(x->table);
    free(x->error);
    free(x);
}

/* The index of period p among the unit's reports, or period_count. */
static size_t compare_index(const ui_review_compare *x, const char *p)
{
    for (size_t i = 0; p && i < x->period_count; i++)
        if (strcmp(x->periods[i], p) == 0)
            return i;
    return x->period_count;
}

/* Moves the earlier period (or, after Tab, the later) one back or on among
 * the unit's reports, never onto or past the other. */
static void compare_step(ui_review_compare *x, int dir)
{
    size_t a = compare_index(x, x->rv->compare_with), b = compare_index(x, ui_review_compare_later(x));
    size_t n = x->period_count, at = x->later ? b : a;
    if (a >= n || b >= n || (dir < 0 && at == 0))
        return;
    size_t to = dir < 0 ? at - 1 : at + 1;
    if (x->later ? to <= a || to >= n : to >= b)
        return;
    char *copy = strdup(x->periods[to]);
    if (copy == NULL)
        return;
    char **slot = x->later ? &x->rv->compare_later : &x->rv->compare_with;
    free(*slot);
    *slot = copy;
    compare_load(x);
}

ui_action ui_review_compare_key(ui_review_compare *x, ui_key k)
{
    ui_action common = ui_review_key(x->rv, &k, UI_ACT_REVIEW_UNIT);
    if (common != UI_ACT_NONE)
        return common;
    unsigned ch = k.code == UI_KEY_CHAR ? k.ch : 0;
    if (k.code == UI_KEY_LEFT || k.code == UI_KEY_RIGHT) {
        compare_step(x, k.code == UI_KEY_LEFT ? -1 : 1);
        return UI_ACT_REDRAW;
    }
    if (k.code == UI_KEY_TAB || k.code == UI_KEY_BTAB) {
        x->later = !x->later;
        return UI_ACT_REDRAW;
    }
    if (ch == 'd') {
        x->all = !x->all;
        compare_table(x);
        return UI_ACT_REDRAW;
    }
    if (x->table && ui_table_key(x->table, k))
        return UI_ACT_REDRAW;
    return UI_ACT_NONE;
}

/* "非标准检查表：2026-10 bench v1；2026-12 bench v1" for the two periods
 * whose reports were answered against checklists that are not official, or
 * NULL when neither was. Caller frees. */
static char *compare_marks(const ui_review_compare *x)
{
    const char *period[2] = {x->rv->compare_with, ui_review_compare_later(x)};
    char *parts[2] = {NULL, NULL};
    for (int k = 0; k < 2; k++) {
        size_t i = compare_index(x, period[k]);
        if (i < x->period_count && x->nonstandard[i][0] &&
            asprintf(&parts[k], "%s %s", x->periods[i], x->nonstandard[i]) < 0)
            parts[k] = NULL;
    }
    char *out = NULL;
    int n = parts[0] && parts[1] ? asprintf(&out, _("Non-standard checklist: %1$s; %2$s"), parts[0], parts[1])
          : parts[0] || parts[1] ? asprintf(&out, _("Non-standard checklist: %s"), parts[0] ? parts[0] : parts[1])
                                 : 0;
    if (n < 0)
        out = NULL;
    free(parts[0]);
    free(parts[1]);
    return out;
}

void ui_review_compare_render(ui_review_compare *x, ui_canvas *c)
{
    ui_review *rv = x->rv;
    if (x->table == NULL || strcmp(x->lang, i18n_lang()) != 0)
        compare_table(x);
    char *title = NULL, *line = NULL, *hints = NULL;
    /* the period Left and Right move is in brackets */
    char a[24], b[24];
    snprintf(a, sizeof a, x->later ? "%s" : "[%s]", rv->compare_with ? rv->compare_with : "-");
    snprintf(b, sizeof b, x->later ? "[%s]" : "%s", ui_review_compare_later(x));
    if (asprintf(&title, _("Compare %1$s %2$s: %3$s and %4$s"), rv->unit, rv->unit_name, a, b) < 0)
        title = NULL;
    if (asprintf(&hints, "%s  %s  %s",
                 x->later ? _("Left/Right the later period  Tab the earlier")
                          : _("Left/Right the earlier period  Tab the later"),
                 x->all ? _("d only the changes") : _("d every item"), _("Esc back  ? help")) < 0)
        hints = NULL;
    ui_review_frame(rv, c, title ? title : "", hints ? hints : "");
    if (x->error) {
        ui_render_wrapped(c, 2, 2, c->cols - 4, 3, 0, UI_ROLE_WARNING, x->error);
    } else {
        if (asprintf(&line, _("improved %1$zu \xC2\xB7 regressed %2$zu \xC2\xB7 added %3$zu \xC2\xB7 dropped %4$zu "
                              "\xC2\xB7 same %5$zu"),
                     x->kinds[REVIEW_IMPROVED], x->kinds[REVIEW_REGRESSED], x->kinds[REVIEW_ADDED],
                     x->kinds[REVIEW_DROPPED], x->kinds[REVIEW_SAME]) < 0)
            line = NULL;
        ui_canvas_put_cut(c, 1, 1, c->cols - 2, UI_ROLE_NORMAL, line ? line : "");
        char *marks = compare_marks(x);
        int top = 2;
        if (marks != NULL)
            ui_canvas_put_cut(c, top++, 1, c->cols - 2, UI_ROLE_WARNING, marks);
        free(marks);
        if (ui_table_list(x->table)->count == 0)
            ui_canvas_put_cut(c, top + 1, 2, c->cols - 4, UI_ROLE_DIM, _("No item changed between the two periods."));
        else
            ui_table_render(x->table, c, top, 0, c->cols, c->rows - 3 - top);
    }
    free(line);
    free(hints);
    free(title);
}
