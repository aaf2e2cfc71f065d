/* ui_review_table.c: the review table's logic and layout (see
 * ui_review_table.h). The rows in view are put into a table widget at each
 * draw, so ten thousand units cost what one page costs; the columns keep
 * the width the widest cell of all the units needs, so they do not move
 * while scrolling. */
#include "ui_review_table.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "score.h"
#include "text.h"
#include "ui_context.h"
#include "ui_table.h"

#define COLUMNS 7
#define CODE_MAX 16
#define NAME_MAX 30

typedef struct sort_ctx {
    const review_slot *s;
    ui_review_order o;
    bool reverse;
} sort_ctx;

static int by_value(double a, double b)
{
    return (a > b) - (a < b);
}

static int slot_compare(const void *pa, const void *pb, void *data)
{
    const sort_ctx *x = data;
    const review_slot *a = &x->s[*(const size_t *)pa], *b = &x->s[*(const size_t *)pb];
    int c = 0;
    if (x->o != UI_REVIEW_BY_UNIT && a->reported != b->reported)
        return a->reported ? -1 : 1;
    if (x->o == UI_REVIEW_BY_CHANGE && a->has_change != b->has_change)
        return a->has_change ? -1 : 1;
    switch (x->o) {
    case UI_REVIEW_BY_UNIT: break;
    case UI_REVIEW_BY_SCORE: c = by_value(b->percent, a->percent); break;
    case UI_REVIEW_WEAKEST: c = by_value(a->percent, b->percent); break;
    case UI_REVIEW_BY_CHANGE: c = by_value(a->change, b->change); break;
    }
    if (c == 0)
        c = strcmp(a->unit_code, b->unit_code);
    return x->reverse ? -c : c;
}

void ui_review_sort(const review_slot *s, size_t n, ui_review_order o, bool reverse, size_t *order)
{
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    sort_ctx x = {s, o, reverse};
    if (n > 1)
        qsort_r(order, n, sizeof *order, slot_compare, &x);
}

static void table_least(ui_review_table *t);

static void table_fail(ui_review_table *t, const char *text)
{
    free(t->error);
    t->error = text ? strdup(text) : NULL;
}

void ui_review_table_reload(ui_review_table *t)
{
    const review_slot *chosen = ui_review_table_chosen(t);
    char *keep = chosen ? strdup(chosen->unit_code) : NULL;
    review_slots_free(t->slots, t->count);
    free(t->order);
    t->slots = NULL;
    t->order = NULL;
    t->count = t->reported = 0;
    char *err = NULL;
    if (review_period_slots(t->rv->db, ui_review_profile_token(t->rv), ui_review_period(t->rv), &t->slots,
                            &t->count, &err) != 0) {
        table_fail(t, err ? err : _("out of memory"));
    } else if (t->count > 0 && (t->order = malloc(t->count * sizeof *t->order)) == NULL) {
        table_fail(t, _("out of memory"));
        review_slots_free(t->slots, t->count);
        t->slots = NULL;
        t->count = 0;
    } else {
        table_fail(t, NULL);
        ui_review_sort(t->slots, t->count, t->sort, t->reverse, t->order);
    }
    free(err);
    for (size_t i = 0; i < t->count; i++)
        t->reported += t->slots[i].reported;
    table_least(t);
    ui_list_set_count(&t->list, t->count);
    for (size_t pos = 0; keep && pos < t->count; pos++)
        if (strcmp(t->slots[t->order[pos]].unit_code, keep) == 0) {
            ui_list_select(&t->list, pos);
            break;
        }
    free(keep);
}

ui_review_table *ui_review_table_new(ui_review *rv)
{
    ui_review_table *t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    t->rv = rv;
    ui_list_init(&t->list, 0);
    ui_review_table_reload(t);
    return t;
}

void ui_review_table_free(ui_review_table *t)
{
    if (t == NULL)
        return;
    review_slots_free(t->slots, t->count);
    free(t->order);
    free(t->error);
    free(t);
}

const review_slot *ui_review_table_chosen(const ui_review_table *t)
{
    if (t->count == 0 || t->list.selected >= t->count)
        return NULL;
    return &t->slots[t->order[t->list.selected]];
}

/* A new order starts at its top: the weakest first shows the weakest. */
static void table_sort(ui_review_table *t, ui_review_order o, bool reverse)
{
    t->sort = o;
    t->reverse = reverse;
    ui_review_sort(t->slots, t->count, o, reverse, t->order);
    ui_list_select(&t->list, 0);
    t->list.top = 0;
}

ui_action ui_review_table_key(ui_review_table *t, ui_key k)
{
    ui_action common = ui_review_key(t->rv, &k, UI_ACT_QUIT);
    if (common != UI_ACT_NONE)
        return common;
    unsigned ch = k.code == UI_KEY_CHAR ? k.ch : 0;
    if (k.code == UI_KEY_ENTER) {
        const review_slot *s = ui_review_table_chosen(t);
        if (s == NULL || ui_review_open_unit(t->rv, s->unit_code, s->unit_name) != 0)
            return UI_ACT_NONE;
        return UI_ACT_REVIEW_UNIT;
    }
    if (k.code == UI_KEY_LEFT || k.code == UI_KEY_RIGHT) {
        if (ui_review_step_period(t->rv, k.code == UI_KEY_LEFT ? -1 : 1))
            ui_review_table_reload(t);
        return UI_ACT_REDRAW;
    }
    switch (ch) {
    case 'p':
        ui_review_toggle_check(t->rv);
        ui_review_table_reload(t);
        return UI_ACT_REDRAW;
    case 'u': table_sort(t, UI_REVIEW_BY_UNIT, false); return UI_ACT_REDRAW;
    case 's': table_sort(t, UI_REVIEW_BY_SCORE, false); return UI_ACT_REDRAW;
    case 'w': table_sort(t, UI_REVIEW_WEAKEST, false); return UI_ACT_REDRAW;
    case 'c': table_sort(t, UI_REVIEW_BY_CHANGE, false); return UI_ACT_REDRAW;
    case 'r': table_sort(t, t->sort, !t->reverse); return UI_ACT_REDRAW;
    case 'i': return UI_ACT_REVIEW_ITEMS;
    case 'f': return UI_ACT_REVIEW_FOLLOWUP;
    case 'm': return UI_ACT_REVIEW_MISSING;
    default: break;
    }
    if (ui_list_key(&t->list, k))
        return UI_ACT_REDRAW;
    return UI_ACT_NONE;
}

void ui_review_row_cells(const review_slot *s, char total[24], char change[24], char marks[96],
                         const char *cells[7])
{
    total[0] = change[0] = marks[0] = '\0';
    if (s->reported) {
        snprintf(total, 24, "%.1f%%", s->percent);
        if (s->has_change)
            ui_review_format_change(s->change, change);
    } else {
        snprintf(total, 24, "-");
    }
    const char *mark[4] = {NULL, NULL, NULL, NULL};
    size_t m = 0;
    if (!s->reported)
        mark[m++] = _("not reported");
    if (s->reported && !s->complete)
        mark[m++] = _("incomplete");
    if (s->key_revoked)
        mark[m++] = _("revoked key");
    if (s->reported && s->nonstandard && s->nonstandard[0])
        mark[m++] = _("non-standard checklist");
    size_t used = 0;
    for (size_t i = 0; i < m; i++) {
        int w = snprintf(marks + used, 96 - used, "%s%s", i ? " " : "", mark[i]);
        if (w < 0 || (size_t)w >= 96 - used)
            break;
        used += (size_t)w;
    }
    cells[0] = s->unit_code;
    cells[1] = s->unit_name;
    cells[2] = total;
    cells[3] = s->reported ? score_grade_text_label(s->grade, s->grade_zh) : "";
    cells[4] = s->reported ? score_verdict_token_label(s->verdict) : "";
    cells[5] = change;
    cells[6] = marks;
}

/* The widest cell of each column over every unit, so that the columns of
 * one page are those of all of them. Measured once per load and language:
 * the names and codes one by one, the other columns from the few texts
 * they can hold. */
static void table_least(ui_review_table *t)
{
    int *least = t->least;
    memset(t->least, 0, sizeof t->least);
    snprintf(t->least_lang, sizeof t->least_lang, "%s", i18n_lang());
    const char *grade = NULL, *verdict = NULL;
    bool unreported = false, incomplete = false, revoked = false, nonstandard = false;
    for (size_t i = 0; i < t->count; i++) {
        const review_slot *s = &t->slots[i];
        int w = (int)text_width(s->unit_code);
        least[0] = w > least[0] ? w : least[0];
        w = (int)text_width(s->unit_name);
        least[1] = w > least[1] ? w : least[1];
        unreported |= !s->reported;
        incomplete |= s->reported && !s->complete;
        revoked |= s->key_revoked;
        nonstandard |= s->reported && s->nonstandard[0];
        if (!s->reported)
            continue;
        least[2] = s->percent >= 99.95 ? 6 : least[2] > 5 ? least[2] : 5;   /* "100.0%", "87.5%" */
        if (s->has_change)
            least[5] = 6;   /* "+100.0" at most, "-12.5" and the like mostly */
        const char *g = score_grade_text_label(s->grade, s->grade_zh), *v = score_verdict_token_label(s->verdict);
        if (g != grade && (w = (int)text_width(g)) > least[3])
            least[3] = w;
        if (v != verdict && (w = (int)text_width(v)) > least[4])
            least[4] = w;
        grade = g;
        verdict = v;
    }
    /* the marks: not reported alone, or what a report can have (at most) */
    review_slot probe = {0};
    char total[24], change[24], marks[96];
    const char *cells[COLUMNS];
    probe.unit_code = probe.unit_name = probe.grade = probe.grade_zh = probe.verdict = probe.nonstandard =
        (char *)(uintptr_t)"";
    for (int reported = 0; reported < 2; reported++) {
        if (reported ? !(incomplete || revoked || nonstandard) : !unreported)
            continue;
        probe.reported = reported;
        probe.complete = !incomplete;
        probe.key_revoked = reported && revoked;
        probe.nonstandard = (char *)(uintptr_t)(reported && nonstandard ? "x" : "");
        ui_review_row_cells(&probe, total, change, marks, cells);
        int w = (int)text_width(marks);
        least[6] = w > least[6] ? w : least[6];
    }
    if (least[0] > CODE_MAX)
        least[0] = CODE_MAX;
    if (least[1] > NAME_MAX)
        least[1] = NAME_MAX;
}

static const char *order_label(ui_review_order o)
{
    switch (o) {
    case UI_REVIEW_BY_SCORE: return _("score, highest first");
    case UI_REVIEW_WEAKEST: return _("weakest first");
    case UI_REVIEW_BY_CHANGE: return _("change, largest fall first");
    case UI_REVIEW_BY_UNIT: break;
    }
    return _("unit");
}

/* The rows in view, as a table widget of one page. */
static void table_page(ui_review_table *t, ui_canvas *c, int row, int height)
{
    if (strcmp(t->least_lang, i18n_lang()) != 0)
        table_least(t);
    const int *least = t->least;
    const ui_table_column columns[COLUMNS] = {
        {_("Unit code"), 4, false, UI_ALIGN_LEFT, false, least[0]},
        {_("Unit name"), 6, true, UI_ALIGN_LEFT, false, least[1]},
        {_("Total"), 6, false, UI_ALIGN_RIGHT, true, least[2]},
        {_("Grade"), 4, false, UI_ALIGN_LEFT, false, least[3]},
        {_("Verdict"), 4, false, UI_ALIGN_LEFT, false, least[4]},
        {_("Change"), 5, false, UI_ALIGN_RIGHT, true, least[5]},
        {_("Marks"), 6, true, UI_ALIGN_LEFT, false, least[6]},
    };
    ui_table *page = ui_table_new(columns, COLUMNS);
    if (page == NULL)
        return;
    ui_list_place(&t->list, height - 1);
    for (size_t pos = t->list.top; pos < t->count && pos < t->list.top + (size_t)(height - 1); pos++) {
        const review_slot *s = &t->slots[t->order[pos]];
        char total[24], change[24], marks[96];
        const char *cells[COLUMNS];
        ui_review_row_cells(s, total, change, marks, cells);
        long r = ui_table_add_row(page, cells, s->reported ? UI_ROLE_NORMAL : UI_ROLE_DIM);
        if (r < 0)
            break;
        if (!s->reported || s->key_revoked)
            ui_table_set_role(page, (size_t)r, 6, UI_ROLE_WARNING);
        if (s->reported && strcmp(s->verdict, "fail") == 0)
            ui_table_set_role(page, (size_t)r, 4, UI_ROLE_FAILED);
        if (s->has_change && s->change <= -0.05)
            ui_table_set_role(page, (size_t)r, 5, UI_ROLE_FAILED);
        if (pos == t->list.selected)
            ui_table_select(page, (size_t)r);
    }
    ui_table_list(page)->show_selection = t->list.show_selection;
    ui_table_render(page, c, row, 0, c->cols, height);
    ui_table_free(page);
    ui_list_marks(&t->list, c, row + 1, c->cols - 1, height - 1);
}

void ui_review_table_render(ui_review_table *t, ui_canvas *c)
{
    ui_review *rv = t->rv;
    char *title = NULL, *line = NULL, *sort = NULL;
    if (asprintf(&title, _("Review %1$s %2$s"), ui_review_check_label(rv), ui_review_period(rv)) < 0)
        title = NULL;
    ui_review_frame(rv, c, title ? title : "",
                    _("Enter unit  Left/Right period  p monthly/half-year  i items  f follow-up  m missing  "
                      "? help  q quit"));
    int y = 1;
    if (t->error) {
        ui_render_wrapped(c, y + 1, 2, c->cols - 4, 3, 0, UI_ROLE_WARNING, t->error);
    } else if (t->count == 0) {
        ui_render_wrapped(c, y + 1, 2, c->cols - 4, 3, 0, UI_ROLE_DIM,
                          _("No units are registered: add them with selfcheck review units add, then import "
                            "their reports with selfcheck review import."));
    } else {
        if (asprintf(&line, _("%1$zu units: %2$zu reported, %3$zu not reported"), t->count, t->reported,
                     t->count - t->reported) < 0)
            line = NULL;
        ui_canvas_put_cut(c, y, 1, c->cols - 2, UI_ROLE_NORMAL, line ? line : "");
        table_page(t, c, y + 1, c->rows - 3 - (y + 1));
    }
    /* the sort keys, above the screen's other keys */
    if (asprintf(&sort, _("Sort: u unit  s score  w weakest first  c change  r reverse  (now: %s%s)"),
                 order_label(t->sort), t->reverse ? _(", reversed") : "") < 0)
        sort = NULL;
    ui_canvas_put_cut(c, c->rows - 3, 1, c->cols - 2, UI_ROLE_DIM, sort ? sort : "");
    free(sort);
    free(line);
    free(title);
}
