/* ui_walk_draw.c: the walk-through screen's layout (see ui_walk.h).
 *
 * The left pane lists the checklists with their progress and the items of
 * the current checklist with a glyph for each state, each list scrolled by
 * the list widget with a mark when rows are hidden; the right pane shows the
 * current item, laid out in full into a pane (ui_pane.h) and then cut to the
 * window, so a long question or guidance never pushes the field being edited
 * off screen. */
#include "ui_walk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "i18n.h"
#include "sysattr.h"
#include "text.h"
#include "ui_list.h"

/* Indent of the right pane's text: room for the focus marker "> ". */
#define PANE_INDENT 2

const char *ui_state_glyph(const instance_score *is, ui_role *role)
{
    switch (is->state) {
    case STATE_HIDDEN:
        *role = UI_ROLE_DIM;
        return " ";
    case STATE_UNANSWERED:
        *role = UI_ROLE_DIM;
        return "?";
    case STATE_NA:
        *role = UI_ROLE_DIM;
        return "-";
    case STATE_RECORDED:
        *role = UI_ROLE_ANSWERED;
        return "\xE2\x9C\x93";   /* ✓ */
    case STATE_ANSWERED:
        break;
    }
    if (is->critical_failure) {
        *role = UI_ROLE_CRITICAL;
        return "\xE2\x9C\x97";   /* ✗ */
    }
    if (is->score <= 0) {
        *role = UI_ROLE_FAILED;
        return "\xE2\x9C\x97";
    }
    if (is->finding) {
        *role = UI_ROLE_WARNING;
        return "~";
    }
    *role = UI_ROLE_ANSWERED;
    return "\xE2\x9C\x93";
}

typedef struct walk_geometry {
    int body_top, body_rows;
    int left_cols;
    int right_col, right_cols;
} walk_geometry;

/* All of the screen's geometry, from the window size alone: recomputed on
 * every draw, so a resize needs nothing more than a redraw. */
static walk_geometry walk_layout(int rows, int cols)
{
    walk_geometry g;
    g.body_top = 1;
    g.body_rows = rows - 3;
    g.left_cols = cols * 3 / 10;
    if (g.left_cols < 22)
        g.left_cols = 22;
    if (g.left_cols > 40)
        g.left_cols = 40;
    g.right_col = g.left_cols + 2;
    g.right_cols = cols - g.right_col - 1;
    return g;
}

typedef struct walk_lists_draw {
    ui_walk *w;
    const size_t *shown;     /* checklist indexes in the order shown */
    size_t current;          /* the current item's checklist */
} walk_lists_draw;

/* The mark before a checklist in the left pane: blank until every asked item
 * is answered; then ✓ only when nothing needs remediation, ~ when something
 * does, ✗ (critical role) when a critical item failed, so that a finished
 * checklist never looks clean while it has a finding. */
static const char *walk_list_mark(const score_result *r, const plan *pl, size_t k, ui_role *role)
{
    const checklist_score *ls = &r->lists[k];
    if (ls->asked == 0 || ls->answered < ls->asked)
        return " ";
    for (size_t i = 0; i < r->count; i++)
        if (pl->items[i].list_index == k && r->instances[i].critical_failure) {
            *role = UI_ROLE_CRITICAL;
            return "\xE2\x9C\x97";   /* ✗ */
        }
    if (ls->findings > 0) {
        *role = UI_ROLE_WARNING;
        return "~";
    }
    *role = UI_ROLE_ANSWERED;
    return "\xE2\x9C\x93";           /* ✓ */
}

static void walk_draw_list_row(void *data, ui_canvas *c, int row, int col, int width, size_t pos,
                               bool selected)
{
    (void)selected;
    const walk_lists_draw *d = data;
    const score_result *r = d->w->ctx->session->score;
    size_t k = d->shown[pos];
    const checklist_score *ls = &r->lists[k];
    char count[48];
    snprintf(count, sizeof count, "%zu/%zu", ls->answered, ls->asked);
    int cw = (int)strlen(count);
    bool done = ls->asked > 0 && ls->answered >= ls->asked;
    ui_role role = done ? UI_ROLE_ANSWERED : UI_ROLE_NORMAL, mark_role = role;
    const char *mark = walk_list_mark(r, d->w->ctx->session->plan, k, &mark_role);
    if (k == d->current)
        ui_canvas_put(c, row, col, 1, UI_ROLE_SELECTED, ">");
    ui_canvas_put(c, row, col + 1, 1, mark_role, mark);
    ui_canvas_put_cut(c, row, col + 3, width - cw - 4, role, checklist_title(ls->list, d->w->ctx->lang));
    ui_canvas_put(c, row, col + width - cw, cw, role, count);
}

/* The checklists with their progress, as many as a third of the body holds,
 * scrolled to the current one, marked when some are hidden above or below. */
static void walk_render_lists(ui_walk *w, ui_canvas *c, const walk_geometry *g, int *used_rows)
{
    const session *s = w->ctx->session;
    const score_result *r = s->score;
    size_t current_list = s->plan->items[w->current].list_index;
    size_t *shown = malloc((r->list_count ? r->list_count : 1) * sizeof *shown);
    size_t n = 0, at = 0;
    *used_rows = 0;
    if (shown == NULL)
        return;
    for (size_t k = 0; k < r->list_count; k++)
        if (r->lists[k].asked > 0 || k == current_list) {
            if (k == current_list)
                at = n;
            shown[n++] = k;
        }
    int max_rows = g->body_rows / 3;
    if (max_rows < 3)
        max_rows = 3;
    int rows = (int)n < max_rows ? (int)n : max_rows;
    ui_list_set_count(&w->lists, n);
    w->lists.show_selection = true;
    ui_list_select(&w->lists, at);
    ui_list_place(&w->lists, rows);
    /* the current checklist is marked with ">", not with a bar: the bar is the item's */
    w->lists.show_selection = false;
    walk_lists_draw d = {w, shown, current_list};
    ui_list_render(&w->lists, c, g->body_top, 0, g->left_cols, rows, walk_draw_list_row, &d);
    free(shown);
    *used_rows = rows;
}

typedef struct walk_items_draw {
    ui_walk *w;
    const size_t *rows_of;   /* plan indexes in the order shown */
    int digits;
} walk_items_draw;

static void walk_draw_item_row(void *data, ui_canvas *c, int row, int col, int width, size_t pos,
                               bool selected)
{
    const walk_items_draw *d = data;
    const session *s = d->w->ctx->session;
    size_t i = d->rows_of[pos];
    const instance *in = &s->plan->items[i];
    ui_role role;
    const char *glyph = ui_state_glyph(&s->score->instances[i], &role);
    int right = col + width;
    ui_canvas_put(c, row, col, 1, selected ? UI_ROLE_SELECTED : role, glyph);
    char label[32];
    snprintf(label, sizeof label, "%*zu", d->digits, pos + 1);
    int x = col + 2 + ui_canvas_put(c, row, col + 2, d->digits, selected ? UI_ROLE_SELECTED : UI_ROLE_DIM,
                                    label) + 1;
    ui_role text_role = selected ? UI_ROLE_SELECTED : UI_ROLE_NORMAL;
    if (in->system_name && *in->system_name) {
        x += ui_canvas_put(c, row, x, right - x, text_role, "[");
        x += ui_canvas_put_cut(c, row, x, right - x - 1 > 8 ? 8 : right - x - 1, text_role, in->system_name);
        x += ui_canvas_put(c, row, x, right - x, text_role, "]");
    }
    ui_canvas_put_cut(c, row, x, right - x, text_role, item_question(in->item, d->w->ctx->lang));
}

/* The current checklist's items, the current one selected. */
static void walk_render_items(ui_walk *w, ui_canvas *c, const walk_geometry *g, int top_row, int rows)
{
    const session *s = w->ctx->session;
    size_t current_list = s->plan->items[w->current].list_index;
    size_t count = ui_walk_count(w), n = 0, at = 0;
    size_t *rows_of = malloc((count ? count : 1) * sizeof *rows_of);
    if (rows_of == NULL)
        return;
    for (size_t i = 0; i < count; i++)
        if (s->plan->items[i].list_index == current_list && (ui_walk_visible(w, i) || i == w->current)) {
            if (i == w->current)
                at = n;
            rows_of[n++] = i;
        }
    w->page = rows > 1 ? rows : 1;
    ui_list_set_count(&w->items, n);
    ui_list_select(&w->items, at);
    walk_items_draw d = {w, rows_of, n >= 100 ? 3 : n >= 10 ? 2 : 1};
    ui_list_render(&w->items, c, top_row, 0, g->left_cols, rows, walk_draw_item_row, &d);
    free(rows_of);
}

/* Writes wrapped text into the right pane at its write position. */
static void pane_text(ui_walk *w, int col, ui_role role, const char *text)
{
    ui_pane_text(&w->pane, col, role, text);
}

/* The pane's canvas with the line at the write position in it, or NULL. */
static ui_canvas *pane_line(ui_walk *w)
{
    return ui_pane_lines(&w->pane, 1);
}

static char *join3(const char *a, const char *b, const char *c)
{
    char *out = NULL;
    return asprintf(&out, "%s%s%s", a ? a : "", b ? b : "", c ? c : "") < 0 ? NULL : out;
}

static void pane_marker(ui_walk *w, ui_canvas *pc, ui_walk_focus focus)
{
    if (w->focus == focus)
        ui_canvas_put(pc, w->pane.y, 0, 1, UI_ROLE_SELECTED, ">");
}

/* A labelled field: "> 备注：text", or the editor while it is being typed. */
static void pane_field(ui_walk *w, ui_walk_focus focus, const char *label,
                       const char *value, ui_role value_role, int *focus_top)
{
    ui_canvas *pc = pane_line(w);
    if (pc == NULL)
        return;
    int y = w->pane.y, cols = pc->cols;
    if (w->focus == focus)
        *focus_top = y;
    pane_marker(w, pc, focus);
    if (w->editing && w->focus == focus) {
        int lw = ui_canvas_put(pc, y, PANE_INDENT, cols - PANE_INDENT, UI_ROLE_SELECTED, label);
        ui_field_render(&w->field, pc, y, PANE_INDENT + lw, cols - PANE_INDENT - lw, UI_ROLE_INPUT);
        ui_pane_skip(&w->pane, 1);
        return;
    }
    int lw = ui_canvas_put(pc, y, PANE_INDENT, cols - PANE_INDENT,
                           w->focus == focus ? UI_ROLE_SELECTED : UI_ROLE_NORMAL, label);
    if (ui_pane_text(&w->pane, PANE_INDENT + lw, value_role, value) == 0)
        ui_pane_skip(&w->pane, 1);
}

static void pane_error(ui_walk *w, ui_walk_focus focus)
{
    if (w->error && w->focus == focus) {
        char *text = join3("! ", w->error, NULL);
        pane_text(w, PANE_INDENT, UI_ROLE_WARNING, text);
        free(text);
    }
}

/* The answer's contradiction with the annex forms, as `score` lists it. */
static void pane_conflict(ui_walk *w, const item *it)
{
    const session *s = w->ctx->session;
    sysattr_conflict c;
    if (!sysattr_conflict_find(s->plan, w->current, s->answers, &c))
        return;
    char *text = sysattr_conflict_text(&c, it, w->ctx->lang);
    char *line = join3("! ", text ? text : _("out of memory"), NULL);
    pane_text(w, PANE_INDENT, UI_ROLE_WARNING, line);
    free(line);
    free(text);
}

/* The hint of a typed answer, then the keys for "never" and "not applicable"
 * when the item takes them. Caller frees. */
static char *walk_keys_line(const item *it, const char *typed)
{
    char *line = NULL;
    if (asprintf(&line, "%s%s%s%s%s", typed ? typed : "",
                 it->allow_never ? "   n " : "", it->allow_never ? _("Never") : "",
                 it->allow_na ? "   x " : "", it->allow_na ? _("Not applicable") : "") < 0)
        return NULL;
    return line;
}

static void pane_answer_keys(ui_walk *w, const item *it)
{
    const ui_context *ctx = w->ctx;
    char *line = NULL;
    const char *na = it->allow_na ? _("Not applicable") : NULL;
    switch (it->type) {
    case ANSWER_YESNO: {
        if (asprintf(&line, "y %s   n %s%s%s%s%s", _("Yes"), _("No"),
                     it->allow_partial ? "   p " : "", it->allow_partial ? _("Partly") : "",
                     na ? "   x " : "", na ? na : "") < 0)
            line = NULL;
        pane_text(w, PANE_INDENT, UI_ROLE_DIM, line);
        break;
    }
    case ANSWER_CHOICE: {
        int x = PANE_INDENT, width = w->pane.canvas.cols;
        for (size_t k = 0; k < it->choice_count; k++) {
            char *option = NULL;
            const char *label = ui_context_en(ctx) ? it->choices[k].label_en : it->choices[k].label_zh;
            int rc = k < 9 ? asprintf(&option, "%zu %s", k + 1, label) : asprintf(&option, "%s", label);
            if (rc < 0)
                continue;
            int ow = (int)text_width(option);
            if (x > PANE_INDENT && x + ow > width) {
                ui_pane_skip(&w->pane, 1);
                x = PANE_INDENT;
            }
            ui_role role = k == w->choice && w->focus == UI_FOCUS_ANSWER ? UI_ROLE_SELECTED : UI_ROLE_NORMAL;
            ui_canvas *pc = pane_line(w);
            if (pc)
                x += ui_canvas_put(pc, w->pane.y, x, width - x, role, option) + 3;
            free(option);
        }
        ui_pane_skip(&w->pane, 1);
        line = join3(_("Press a digit, or move with Left/Right and press Enter"), na ? "   x " : "", na);
        pane_text(w, PANE_INDENT, UI_ROLE_DIM, line);
        break;
    }
    case ANSWER_NUMBER: {
        char *lo = ui_walk_format_number(it->number_min), *hi = ui_walk_format_number(it->number_max);
        const char *args[] = {lo ? lo : "", hi ? hi : "", ui_context_en(ctx) ? it->unit_en : it->unit_zh};
        char *keys = ui_subst(_("Type a number ({1} to {2} {3}) and press Enter"), args, 3);
        line = walk_keys_line(it, keys);
        pane_text(w, PANE_INDENT, UI_ROLE_DIM, line);
        free(keys);
        free(lo);
        free(hi);
        break;
    }
    case ANSWER_DATE: {
        const char *args[] = {ctx->today};
        char *keys = ui_subst(_("Type a date YYYY-MM-DD (today is {1}) and press Enter"), args, 1);
        line = walk_keys_line(it, keys);
        pane_text(w, PANE_INDENT, UI_ROLE_DIM, line);
        free(keys);
        break;
    }
    case ANSWER_TEXT:
        pane_text(w, PANE_INDENT, UI_ROLE_DIM, _("Press Enter to type the text"));
        break;
    }
    free(line);
}

static void pane_previous(ui_walk *w, const item *it, const answer *a)
{
    const session *s = w->ctx->session;
    const ui_context *ctx = w->ctx;
    if (s->previous == NULL)
        return;
    const answer *prev = session_previous_answer(s, w->current);
    const char *args[] = {s->previous->period};
    char *label = ui_subst(_("Last time ({1}): "), args, 1);
    char *shown = prev && prev->value ? answer_display(it, prev->value, ctx->lang) : NULL;
    char *line = join3(label, shown ? shown : _("not answered"), NULL);
    bool can_take = prev && prev->value && (a == NULL || a->value == NULL || strcmp(a->value, prev->value) != 0);
    if (can_take) {
        char *with = join3(line, "   ", _("c: take it over"));
        free(line);
        line = with;
    }
    pane_text(w, PANE_INDENT, UI_ROLE_DIM, line);
    if (prev && prev->value && a && a->value)
        pane_text(w, PANE_INDENT, strcmp(prev->value, a->value) == 0 ? UI_ROLE_DIM : UI_ROLE_WARNING,
                  strcmp(prev->value, a->value) == 0 ? _("Same as last time") : _("Changed since last time"));
    /* labelled as last time's, apart from this time's note and owner below */
    if (prev && prev->note && *prev->note) {
        char *note = join3(_("Last time's note: "), prev->note, NULL);
        pane_text(w, PANE_INDENT + 2, UI_ROLE_DIM, note);
        free(note);
    }
    if (prev && prev->owner && *prev->owner) {
        char *owner = join3(_("Last time's remediation owner: "), prev->owner, NULL);
        pane_text(w, PANE_INDENT + 2, UI_ROLE_DIM, owner);
        free(owner);
    }
    free(label);
    free(shown);
    free(line);
}

/* Lays the current item out into w->pane; returns the lines used and the
 * lines of the focused field (so that the cut keeps them in view). */
static int walk_render_pane(ui_walk *w, int *focus_top, int *focus_bottom)
{
    const session *s = w->ctx->session;
    const ui_context *ctx = w->ctx;
    const instance *in = &s->plan->items[w->current];
    const instance_score *is = &s->score->instances[w->current];
    const item *it = in->item;
    const answer *a = ui_walk_answer_of(w);
    *focus_top = 0;

    /* where: checklist and position, the system, severity, weight, points.
     * Counted over every instance of the checklist in the plan (per-system
     * ones included), hidden or not, so the total stays the same while
     * answers hide and show items */
    size_t pos = 0, total = 0;
    for (size_t i = 0; i < ui_walk_count(w); i++)
        if (s->plan->items[i].list_index == in->list_index) {
            total++;
            if (i <= w->current)
                pos++;
        }
    char n1[24], n2[24];
    snprintf(n1, sizeof n1, "%zu", pos);
    snprintf(n2, sizeof n2, "%zu", total);
    const char *where_args[] = {n1, n2, checklist_title(in->list, ctx->lang)};
    char *where = ui_subst(_("{3} · item {1} of {2}"), where_args, 3);
    pane_text(w, 0, UI_ROLE_DIM, where);
    free(where);
    if (in->system_name && *in->system_name) {
        const char *args[] = {in->system_name};
        char *sys = ui_subst(_("System: {1}"), args, 1);
        pane_text(w, 0, UI_ROLE_TITLE, sys);
        free(sys);
    }
    if (it->type != ANSWER_TEXT) {
        char weight[32], points[32], max[32];
        snprintf(weight, sizeof weight, "%g", it->weight);
        snprintf(points, sizeof points, "%.3g", is->points);
        snprintf(max, sizeof max, "%g", it->weight);
        const char *args[] = {severity_label(it->severity), weight};
        char *line = ui_subst(_("Severity {1} · weight {2}"), args, 2);
        if (is->state == STATE_ANSWERED) {
            const char *pargs[] = {points, max};
            char *pts = ui_subst(_("points {1}/{2}"), pargs, 2);
            char *both = join3(line, " \xC2\xB7 ", pts);
            free(line);
            free(pts);
            line = both;
        }
        pane_text(w, 0, it->severity == SEVERITY_CRITICAL ? UI_ROLE_CRITICAL : UI_ROLE_DIM, line);
        free(line);
    }
    ui_pane_skip(&w->pane, 1);
    pane_text(w, 0, UI_ROLE_NORMAL, item_question(it, ctx->lang));
    const char *guidance = item_guidance(it, ctx->lang);
    if (guidance && *guidance) {
        char *line = join3(_("How to check: "), guidance, NULL);
        pane_text(w, 0, UI_ROLE_DIM, line);
        free(line);
    }
    if (it->source && *it->source) {
        char *line = join3(_("Source: "), it->source, NULL);
        pane_text(w, 0, UI_ROLE_DIM, line);
        free(line);
    }
    if (is->state == STATE_HIDDEN)
        pane_text(w, 0, UI_ROLE_WARNING, _("Given an earlier answer, this item is not asked now."));
    ui_pane_skip(&w->pane, 1);

    /* the answer */
    ui_role role = UI_ROLE_DIM;
    const char *glyph = ui_state_glyph(is, &role);
    char *shown = a && a->value ? answer_display(it, a->value, ctx->lang) : NULL;
    char *value = join3(glyph, " ", shown ? shown : _("not answered"));
    pane_field(w, UI_FOCUS_ANSWER, _("Answer: "), value, role, focus_top);
    free(value);
    free(shown);
    pane_error(w, UI_FOCUS_ANSWER);
    pane_conflict(w, it);
    if (w->focus == UI_FOCUS_ANSWER)
        *focus_bottom = w->pane.y;
    pane_answer_keys(w, it);
    pane_previous(w, it, a);
    ui_pane_skip(&w->pane, 1);

    /* note and remediation */
    bool has_note = a && a->note && *a->note;
    pane_field(w, UI_FOCUS_NOTE, _("This time's note: "), has_note ? a->note : _("(empty)"),
               has_note ? UI_ROLE_NORMAL : UI_ROLE_DIM, focus_top);
    pane_error(w, UI_FOCUS_NOTE);
    if (w->focus == UI_FOCUS_NOTE)
        *focus_bottom = w->pane.y;
    if (ui_walk_has_remediation(w)) {
        ui_pane_skip(&w->pane, 1);
        if (is->finding) {
            char points[32], max[32];
            snprintf(points, sizeof points, "%.3g", is->points);
            snprintf(max, sizeof max, "%g", it->weight);
            const char *args[] = {points, max};
            char *line = ui_subst(_("Needs remediation: {1} of {2} points"), args, 2);
            pane_text(w, 0, is->critical_failure ? UI_ROLE_CRITICAL : UI_ROLE_FAILED, line);
            free(line);
        }
        bool has_owner = a && a->owner && *a->owner, has_due = a && a->due && *a->due;
        pane_field(w, UI_FOCUS_OWNER, _("Remediation owner: "),
                   has_owner ? a->owner : _("(empty)"),
                   has_owner ? UI_ROLE_NORMAL : UI_ROLE_WARNING, focus_top);
        pane_error(w, UI_FOCUS_OWNER);
        if (w->focus == UI_FOCUS_OWNER)
            *focus_bottom = w->pane.y;
        pane_field(w, UI_FOCUS_DUE, _("Remediation due: "),
                   has_due ? a->due : _("(empty)"),
                   has_due ? UI_ROLE_NORMAL : UI_ROLE_WARNING, focus_top);
        pane_error(w, UI_FOCUS_DUE);
        if (w->focus == UI_FOCUS_DUE)
            *focus_bottom = w->pane.y;
    }
    if (*focus_bottom < *focus_top + 1)
        *focus_bottom = *focus_top + 1;
    return w->pane.y;
}

void ui_walk_render(ui_walk *w, ui_canvas *c)
{
    const ui_context *ctx = w->ctx;
    const session *s = w->ctx->session;
    walk_geometry g = walk_layout(c->rows, c->cols);

    char *title = NULL;
    if (asprintf(&title, "%s %s \xC2\xB7 %s \xC2\xB7 %s", ui_profile_label(ctx, s->assessment->profile),
                 s->assessment->period, s->cfg->unit_name, s->assessment->assessor ? s->assessment->assessor : "") < 0)
        title = NULL;
    ui_render_title(ctx, c, title ? title : "");
    free(title);

    if (ui_walk_count(w) == 0) {
        ui_render_wrapped(c, 2, 2, c->cols - 4, g.body_rows - 2, 0, UI_ROLE_WARNING,
                          _("This check has no items to answer (no checklist item belongs to this profile, or no information system is registered)."));
    } else {
        int list_rows = 0;
        walk_render_lists(w, c, &g, &list_rows);
        ui_canvas_hline(c, g.body_top + list_rows, 0, g.left_cols, UI_ROLE_DIM);
        int items_top = g.body_top + list_rows + 1;
        walk_render_items(w, c, &g, items_top, g.body_top + g.body_rows - items_top);
        ui_canvas_vline(c, g.left_cols, g.body_top, g.body_rows, UI_ROLE_DIM);

        if (ui_pane_begin(&w->pane, g.right_cols) == 0) {
            int focus_top = 0, focus_bottom = 1;
            walk_render_pane(w, &focus_top, &focus_bottom);
            /* the pane is laid out afresh for each draw: it scrolls only as
             * far as the focused field needs */
            w->pane.top = 0;
            ui_pane_show(&w->pane, c, g.body_top, g.right_col, g.body_rows, focus_top, focus_bottom,
                         c->cols - 1);
        }
    }

    if (w->searching) {
        int row = c->rows - 2;
        int lw = ui_canvas_put(c, row, 1, c->cols - 2, UI_ROLE_SELECTED, _("/ Search questions: "));
        ui_field_render(&w->search, c, row, 1 + lw, c->cols - 2 - lw, UI_ROLE_INPUT);
    } else {
        ui_render_hints(ctx, c, w->editing ? _("Enter save  Esc cancel  Left/Right move cursor  Ctrl-U clear")
                                           : _("j/k move  Tab field  c last  u unanswered  / find  s summary  ? help  q quit"));
    }
    ui_render_status(ctx, c);
}
