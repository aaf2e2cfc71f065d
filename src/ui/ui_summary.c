/* ui_summary.c: the summary screen's logic and layout (see ui_summary.h).
 *
 * The numbers come straight from session->score, the same result that
 * `selfcheck score` prints, so the two cannot disagree. */
#include "ui_summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "i18n.h"
#include "text.h"
#include "ui_chart.h"
#include "ui_walk.h"

#define BAR_COLS 22

size_t ui_summary_findings(const session *s, size_t **out)
{
    *out = NULL;
    const score_result *r = s->score;
    size_t n = 0;
    for (size_t i = 0; i < r->count; i++)
        if (r->instances[i].state == STATE_ANSWERED && r->instances[i].finding)
            n++;
    if (n == 0)
        return 0;
    size_t *list = malloc(n * sizeof *list);
    if (list == NULL)
        return 0;
    size_t at = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < r->count; i++) {
            const instance_score *is = &r->instances[i];
            if (is->state == STATE_ANSWERED && is->finding && is->critical_failure == (pass == 0))
                list[at++] = i;
        }
    *out = list;
    return n;
}

ui_summary *ui_summary_new(ui_context *ctx)
{
    ui_summary *sum = calloc(1, sizeof *sum);
    if (sum == NULL)
        return NULL;
    sum->ctx = ctx;
    sum->jump = -1;
    ui_list_init(&sum->findings, 0);
    return sum;
}

void ui_summary_free(ui_summary *sum)
{
    if (sum == NULL)
        return;
    ui_pane_free(&sum->head);
    ui_pane_free(&sum->pane);
    free(sum);
}

ui_action ui_summary_key(ui_summary *sum, ui_key k)
{
    ui_context_say(sum->ctx, UI_ROLE_NORMAL, NULL);
    k = ui_key_command(k);
    size_t *findings = NULL;
    size_t n = ui_summary_findings(sum->ctx->session, &findings);
    ui_list_set_count(&sum->findings, n);
    ui_action act = UI_ACT_NONE;
    unsigned ch = k.code == UI_KEY_CHAR ? k.ch : 0;
    if (ch == 'q')
        act = UI_ACT_QUIT;
    else if (ch == '?' || k.code == UI_KEY_F1)
        act = UI_ACT_HELP;
    else if (ch == 'L') {
        ui_context_switch_lang(sum->ctx);
        act = UI_ACT_REDRAW;
    } else if (ch == 'e')
        act = UI_ACT_EXPORT;
    else if (ch == 'b' || k.code == UI_KEY_ESC || k.code == UI_KEY_BACKSPACE) {
        sum->jump = -1;
        act = UI_ACT_WALK;
    } else if (k.code == UI_KEY_ENTER) {
        if (n > 0) {
            sum->jump = (long)findings[sum->findings.selected < n ? sum->findings.selected : 0];
            act = UI_ACT_WALK;
        }
    } else if (n > 0 ? ui_list_key(&sum->findings, k) : ui_pane_key(&sum->pane, k)) {
        /* with findings the keys select one (the pane follows); else they scroll */
        act = UI_ACT_REDRAW;
    } else if (k.code == UI_KEY_RESIZE)
        act = UI_ACT_REDRAW;
    free(findings);
    return act;
}

static void sum_text(ui_summary *sum, int col, ui_role role, const char *text)
{
    if (text != NULL && ui_pane_text(&sum->pane, col, role, text) == 0)
        ui_pane_skip(&sum->pane, 1);
}

static void sum_bar(ui_summary *sum, int col, const checklist_score *ls, int label_cols)
{
    ui_canvas *p = ui_pane_lines(&sum->pane, 1);
    if (p == NULL)
        return;
    int y = sum->pane.y;
    ui_role role = ls->max <= 0 ? UI_ROLE_DIM : ls->percent >= 100 ? UI_ROLE_ANSWERED
                 : ls->findings > 0 ? UI_ROLE_FAILED : UI_ROLE_ANSWERED;
    ui_canvas_put_cut(p, y, col, label_cols, UI_ROLE_NORMAL, checklist_title(ls->list, sum->ctx->lang));
    int x = col + label_cols + 1;   /* titles are padded to one column width */
    x += ui_chart_bar(p, y, x, BAR_COLS, ls->max > 0 ? ls->percent : 0, 100, role) + 1;
    char numbers[96];
    if (ls->max > 0)
        snprintf(numbers, sizeof numbers, "%5.1f%%  %.2f/%.2f  (%zu/%zu)", ls->percent, ls->points,
                 ls->max, ls->answered, ls->asked);
    else
        snprintf(numbers, sizeof numbers, "    -   (%zu/%zu)", ls->answered, ls->asked);
    ui_canvas_put(p, y, x, p->cols - x, role, numbers);
    ui_pane_skip(&sum->pane, 1);
}

/* One finding: glyph, question (with its system), points, then who and when. */
static void sum_finding(ui_summary *sum, size_t index, bool selected)
{
    const session *s = sum->ctx->session;
    const ui_context *ctx = sum->ctx;
    const instance *in = &s->plan->items[index];
    const instance_score *is = &s->score->instances[index];
    ui_role role;
    const char *glyph = ui_state_glyph(is, &role);
    int first = sum->pane.y;
    char *line = NULL;
    if (asprintf(&line, "%s%s%s%s (%.3g/%g)", in->system_name && *in->system_name ? "[" : "",
                 in->system_name ? in->system_name : "", in->system_name && *in->system_name ? "] " : "",
                 item_question(in->item, ctx->lang), is->points, in->item->weight) < 0)
        line = NULL;
    sum_text(sum, 4, selected ? UI_ROLE_SELECTED : UI_ROLE_NORMAL, line);
    free(line);
    ui_canvas *p = &sum->pane.canvas;
    if (selected) {
        ui_canvas_put(p, first, 0, 2, UI_ROLE_SELECTED, ">");
        for (int r = first; r < sum->pane.y; r++)
            ui_canvas_paint(p, r, 4, p->cols - 4, UI_ROLE_SELECTED);
    }
    ui_canvas_put(p, first, 2, 1, role, glyph);
    const answer *a = session_answer(s, index);
    bool owner = a && a->owner && *a->owner;
    /* the answer given, so the finding is read without going to the item */
    char *given = a && a->value ? answer_display(in->item, a->value, ctx->lang) : NULL;
    const char *args[] = {given ? given : "-", owner ? a->owner : _("no owner yet"), a && a->due ? a->due : "-"};
    char *who = ui_subst(_("Answer: {1} · fix: {2} · due {3}"), args, 3);
    free(given);
    sum_text(sum, 6, owner ? UI_ROLE_DIM : UI_ROLE_WARNING, who);
    free(who);
}

void ui_summary_render(ui_summary *sum, ui_canvas *c)
{
    const ui_context *ctx = sum->ctx;
    const session *s = ctx->session;
    const score_result *r = s->score;
    ui_render_assessment_title(ctx, c, _("Summary"));
    int body_top = 1, body_rows = c->rows - 3, width = c->cols - 2;
    if (ui_pane_begin(&sum->head, width) != 0 || ui_pane_begin(&sum->pane, width) != 0)
        return;

    /* the total, grade and verdict, in words as well as colour */
    char total[96], points[64];
    bool incomplete = r->verdict == VERDICT_INCOMPLETE;
    if (incomplete && r->max > 0)
        /* TRANSLATORS: the percentage of an unfinished check */
        snprintf(total, sizeof total, _("%.1f%% so far (provisional)"), r->percent);
    else if (r->max > 0)
        snprintf(total, sizeof total, "%.1f%%", r->percent);
    else
        snprintf(total, sizeof total, "-");
    snprintf(points, sizeof points, "%.2f/%.2f", r->points, r->max);
    /* TRANSLATORS: the verdict of a check with unanswered items */
    const char *verdict = incomplete ? _("Incomplete") : (r->pass ? _("Pass") : _("Fail"));
    const char *args[] = {total, points, r->grade ? grade_label(r->grade, ctx->lang) : "-", verdict};
    char *line = ui_subst(_("Total {1} ({2} points)  Grade: {3}  Verdict: {4}"), args, 4);
    ui_pane_text(&sum->head, 0, incomplete ? UI_ROLE_NORMAL : r->pass ? UI_ROLE_ANSWERED : UI_ROLE_CRITICAL, line);
    free(line);
    char answered[32], asked[32], findings[32], critical[32];
    snprintf(answered, sizeof answered, "%zu", r->answered);
    snprintf(asked, sizeof asked, "%zu", r->asked);
    snprintf(findings, sizeof findings, "%zu", r->findings);
    snprintf(critical, sizeof critical, "%zu", r->critical_failures);
    const char *pargs[] = {answered, asked, findings, critical};
    line = ui_subst(_("{1}/{2} answered · {3} to fix · {4} critical failures"), pargs, 4);
    ui_pane_text(&sum->head, 0, UI_ROLE_NORMAL, line);
    free(line);
    if (!r->complete) {
        char missing[32];
        snprintf(missing, sizeof missing, "%zu", r->asked - r->answered);
        const char *margs[] = {missing};
        line = ui_subst(_("{1} items are not answered yet; the total counts answered items only."), margs, 1);
        ui_pane_text(&sum->head, 0, UI_ROLE_WARNING, line);
        free(line);
    }
    ui_pane_skip(&sum->head, 1);
    /* the total stays in view while the rest scrolls (up to half the body) */
    int pinned = sum->head.y < body_rows / 2 ? sum->head.y : body_rows / 2;

    /* a bar per checklist of the profile */
    int label_cols = 0;
    for (size_t k = 0; k < r->list_count; k++)
        if (r->lists[k].asked > 0) {
            int tw = (int)text_width(checklist_title(r->lists[k].list, ctx->lang));
            if (tw > label_cols)
                label_cols = tw;
        }
    int max_label = width - BAR_COLS - 30;
    if (label_cols > max_label)
        label_cols = max_label > 8 ? max_label : 8;
    for (size_t k = 0; k < r->list_count; k++)
        if (r->lists[k].asked > 0)
            sum_bar(sum, 0, &r->lists[k], label_cols);
    ui_pane_skip(&sum->pane, 1);

    /* critical failures first, then the findings */
    size_t *list = NULL;
    size_t n = ui_summary_findings(s, &list);
    ui_list_set_count(&sum->findings, n);
    size_t selected = sum->findings.selected;
    int selected_top = -1, selected_bottom = -1;
    if (r->critical_failures > 0) {
        const char *cargs[] = {critical};
        line = ui_subst(_("Critical failures ({1}; with one, the verdict is Fail whatever the total):"), cargs, 1);
        sum_text(sum, 0, UI_ROLE_CRITICAL, line);
        free(line);
    }
    bool others_header = false;
    for (size_t f = 0; f < n; f++) {
        if (!r->instances[list[f]].critical_failure && !others_header) {
            char others[32];
            snprintf(others, sizeof others, "%zu", r->findings - r->critical_failures);
            const char *fargs[] = {others};
            line = ui_subst(_("Findings ({1}, to be fixed):"), fargs, 1);
            sum_text(sum, 0, UI_ROLE_FAILED, line);
            free(line);
            others_header = true;
        }
        if (f == selected)
            selected_top = sum->pane.y;
        sum_finding(sum, list[f], f == selected);
        if (f == selected)
            selected_bottom = sum->pane.y;
    }
    if (n == 0)
        sum_text(sum, 0, UI_ROLE_ANSWERED, _("No findings."));
    free(list);

    /* scroll: keep the selected finding in view, never past the end */
    int view = body_rows - pinned;
    sum->findings.page = view > 2 ? view / 2 : 1;   /* findings take about two lines each */
    ui_canvas_blit(c, body_top, 1, &sum->head.canvas, 0, pinned);
    ui_pane_show(&sum->pane, c, body_top + pinned, 1, view, selected_top, selected_bottom, c->cols - 1);
    ui_render_hints(ctx, c, _("e sign & export  Enter go to item  Esc back  j/k move  ? help  q quit"));
    ui_render_status(ctx, c);
}
