/* ui_summary.c: the summary screen's logic and layout (see ui_summary.h).
 *
 * The numbers come straight from session->score, the same result that
 * `selfcheck score` prints, so the two cannot disagree. */
#include "ui_summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui_walk.h"

#define SUMMARY_ROWS 2000
#define BAR_COLS 20

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
    return sum;
}

void ui_summary_free(ui_summary *sum)
{
    if (sum == NULL)
        return;
    ui_canvas_free(&sum->pane);
    free(sum);
}

ui_action ui_summary_key(ui_summary *sum, ui_key k)
{
    ui_context_say(sum->ctx, UI_ROLE_NORMAL, NULL);
    k = ui_key_command(k);
    size_t *findings = NULL;
    size_t n = ui_summary_findings(sum->ctx->session, &findings);
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
            sum->jump = (long)findings[sum->selected < n ? sum->selected : 0];
            act = UI_ACT_WALK;
        }
    } else if (k.code == UI_KEY_UP || ch == 'k') {
        if (n > 0 && sum->selected > 0)
            sum->selected--;
        else if (sum->top > 0)
            sum->top--;
        act = UI_ACT_REDRAW;
    } else if (k.code == UI_KEY_DOWN || ch == 'j') {
        if (n > 0 && sum->selected + 1 < n)
            sum->selected++;
        else
            sum->top++;
        act = UI_ACT_REDRAW;
    } else if (k.code == UI_KEY_PGUP) {
        sum->top -= 10;
        sum->selected = sum->selected > 10 ? sum->selected - 10 : 0;
        act = UI_ACT_REDRAW;
    } else if (k.code == UI_KEY_PGDN) {
        sum->top += 10;
        sum->selected = n == 0 ? 0 : sum->selected + 10 < n ? sum->selected + 10 : n - 1;
        act = UI_ACT_REDRAW;
    } else if (k.code == UI_KEY_HOME) {
        sum->top = 0;
        sum->selected = 0;
        act = UI_ACT_REDRAW;
    } else if (k.code == UI_KEY_END) {
        sum->top = SUMMARY_ROWS;
        sum->selected = n ? n - 1 : 0;
        act = UI_ACT_REDRAW;
    } else if (k.code == UI_KEY_RESIZE)
        act = UI_ACT_REDRAW;
    free(findings);
    return act;
}

static void sum_text(ui_summary *sum, int *y, int col, ui_role role, const char *text)
{
    int width = sum->pane.cols - col;
    if (*y >= sum->pane.rows || width < 2 || text == NULL)
        return;
    int n = ui_render_wrapped(&sum->pane, *y, col, width, sum->pane.rows - *y, 0, role, text);
    *y += n > 0 ? n : 1;
}

static void sum_bar(ui_summary *sum, int y, int col, const checklist_score *ls, int label_cols)
{
    ui_canvas *p = &sum->pane;
    ui_role role = ls->max <= 0 ? UI_ROLE_DIM : ls->percent >= 100 ? UI_ROLE_ANSWERED
                 : ls->findings > 0 ? UI_ROLE_FAILED : UI_ROLE_ANSWERED;
    ui_canvas_put(p, y, col, label_cols, UI_ROLE_NORMAL, checklist_title(ls->list, sum->ctx->lang));
    int x = col + label_cols + 1;   /* titles are padded to one column width */
    char bar[BAR_COLS + 3];
    int filled = ls->max > 0 ? (int)(ls->percent / 100.0 * BAR_COLS + 0.5) : 0;
    bar[0] = '[';
    for (int i = 0; i < BAR_COLS; i++)
        bar[1 + i] = i < filled ? '#' : '.';
    bar[BAR_COLS + 1] = ']';
    bar[BAR_COLS + 2] = '\0';
    x += ui_canvas_put(p, y, x, BAR_COLS + 2, role, bar) + 1;
    char numbers[96];
    if (ls->max > 0)
        snprintf(numbers, sizeof numbers, "%5.1f%%  %.2f/%.2f  (%zu/%zu)", ls->percent, ls->points,
                 ls->max, ls->answered, ls->asked);
    else
        snprintf(numbers, sizeof numbers, "    -   (%zu/%zu)", ls->answered, ls->asked);
    ui_canvas_put(p, y, x, p->cols - x, role, numbers);
}

/* One finding: glyph, question (with its system), points, then who and when. */
static void sum_finding(ui_summary *sum, int *y, size_t index, bool selected)
{
    const session *s = sum->ctx->session;
    const ui_context *ctx = sum->ctx;
    const instance *in = &s->plan->items[index];
    const instance_score *is = &s->score->instances[index];
    ui_role role;
    const char *glyph = ui_state_glyph(is, &role);
    int first = *y;
    char *line = NULL;
    if (asprintf(&line, "%s%s%s%s (%.3g/%g)", in->system_name && *in->system_name ? "[" : "",
                 in->system_name ? in->system_name : "", in->system_name && *in->system_name ? "] " : "",
                 item_question(in->item, ctx->lang), is->points, in->item->weight) < 0)
        line = NULL;
    sum_text(sum, y, 4, selected ? UI_ROLE_SELECTED : UI_ROLE_NORMAL, line);
    free(line);
    if (selected) {
        ui_canvas_put(&sum->pane, first, 0, 2, UI_ROLE_SELECTED, ">");
        for (int r = first; r < *y; r++)
            ui_canvas_paint(&sum->pane, r, 4, sum->pane.cols - 4, UI_ROLE_SELECTED);
    }
    ui_canvas_put(&sum->pane, first, 2, 1, role, glyph);
    const answer *a = session_answer(s, index);
    bool owner = a && a->owner && *a->owner;
    const char *args[] = {owner ? a->owner : ui_tr(ctx, T_SUM_NO_OWNER), a && a->due ? a->due : "-"};
    char *who = ui_subst(ui_tr(ctx, T_SUM_OWNER_DUE), args, 2);
    sum_text(sum, y, 6, owner ? UI_ROLE_DIM : UI_ROLE_WARNING, who);
    free(who);
}

void ui_summary_render(ui_summary *sum, ui_canvas *c)
{
    const ui_context *ctx = sum->ctx;
    const session *s = ctx->session;
    const score_result *r = s->score;
    ui_render_assessment_title(ctx, c, T_SUM_TITLE);
    int body_top = 1, body_rows = c->rows - 3, width = c->cols - 2;
    if (ui_canvas_reset(&sum->pane, SUMMARY_ROWS, width) != 0)
        return;
    int y = 0;

    /* the total, grade and verdict, in words as well as colour */
    char total[64], points[64];
    if (r->max > 0)
        snprintf(total, sizeof total, "%.1f%%", r->percent);
    else
        snprintf(total, sizeof total, "-");
    snprintf(points, sizeof points, "%.2f/%.2f", r->points, r->max);
    const char *verdict = r->max <= 0 ? "-" : ui_tr(ctx, r->pass ? T_PASS : T_FAIL);
    const char *args[] = {total, points, r->grade ? grade_label(r->grade, ctx->lang) : "-", verdict};
    char *line = ui_subst(ui_tr(ctx, T_SUM_TOTAL), args, 4);
    sum_text(sum, &y, 0, r->max <= 0 ? UI_ROLE_NORMAL : r->pass ? UI_ROLE_ANSWERED : UI_ROLE_CRITICAL, line);
    free(line);
    char answered[32], asked[32], findings[32], critical[32];
    snprintf(answered, sizeof answered, "%zu", r->answered);
    snprintf(asked, sizeof asked, "%zu", r->asked);
    snprintf(findings, sizeof findings, "%zu", r->findings);
    snprintf(critical, sizeof critical, "%zu", r->critical_failures);
    const char *pargs[] = {answered, asked, findings, critical};
    line = ui_subst(ui_tr(ctx, T_SUM_PROGRESS), pargs, 4);
    sum_text(sum, &y, 0, UI_ROLE_NORMAL, line);
    free(line);
    if (!r->complete) {
        char missing[32];
        snprintf(missing, sizeof missing, "%zu", r->asked - r->answered);
        const char *margs[] = {missing};
        line = ui_subst(ui_tr(ctx, T_SUM_INCOMPLETE), margs, 1);
        sum_text(sum, &y, 0, UI_ROLE_WARNING, line);
        free(line);
    }
    y++;
    /* the total stays in view while the rest scrolls */
    int pinned = y < body_rows / 2 ? y : 0;

    /* a bar per checklist of the profile */
    int label_cols = 0;
    for (size_t k = 0; k < r->list_count; k++)
        if (r->lists[k].asked > 0) {
            int tw = (int)text_width(checklist_title(r->lists[k].list, ctx->lang));
            if (tw > label_cols)
                label_cols = tw;
        }
    int max_label = width - (BAR_COLS + 2) - 30;
    if (label_cols > max_label)
        label_cols = max_label > 8 ? max_label : 8;
    for (size_t k = 0; k < r->list_count && y < sum->pane.rows; k++)
        if (r->lists[k].asked > 0)
            sum_bar(sum, y++, 0, &r->lists[k], label_cols);
    y++;

    /* critical failures first, then the findings */
    size_t *list = NULL;
    size_t n = ui_summary_findings(s, &list);
    if (sum->selected >= n)
        sum->selected = n ? n - 1 : 0;
    int selected_top = -1, selected_bottom = -1;
    if (r->critical_failures > 0) {
        const char *cargs[] = {critical};
        line = ui_subst(ui_tr(ctx, T_SUM_CRITICAL), cargs, 1);
        sum_text(sum, &y, 0, UI_ROLE_CRITICAL, line);
        free(line);
    }
    bool others_header = false;
    for (size_t f = 0; f < n; f++) {
        if (!r->instances[list[f]].critical_failure && !others_header) {
            char others[32];
            snprintf(others, sizeof others, "%zu", r->findings - r->critical_failures);
            const char *fargs[] = {others};
            line = ui_subst(ui_tr(ctx, T_SUM_FINDINGS), fargs, 1);
            sum_text(sum, &y, 0, UI_ROLE_FAILED, line);
            free(line);
            others_header = true;
        }
        if (f == sum->selected)
            selected_top = y;
        sum_finding(sum, &y, list[f], f == sum->selected);
        if (f == sum->selected)
            selected_bottom = y;
    }
    if (n == 0)
        sum_text(sum, &y, 0, UI_ROLE_ANSWERED, ui_tr(ctx, T_SUM_NO_FINDINGS));
    free(list);

    /* scroll: keep the selected finding in view, never past the end */
    int view = body_rows - pinned;
    int first = pinned + sum->top;
    if (selected_top >= 0) {
        if (selected_top < first)
            first = selected_top;
        if (selected_bottom > first + view)
            first = selected_bottom - view;
    }
    if (first > y - view)
        first = y - view;
    if (first < pinned)
        first = pinned;
    sum->top = first - pinned;
    ui_canvas_blit(c, body_top, 1, &sum->pane, 0, pinned);
    ui_canvas_blit(c, body_top + pinned, 1, &sum->pane, first, view);
    if (sum->top > 0)
        ui_canvas_put(c, body_top + pinned, c->cols - 1, 1, UI_ROLE_DIM, "^");
    if (y - first > view)
        ui_canvas_put(c, body_top + body_rows - 1, c->cols - 1, 1, UI_ROLE_DIM, "v");
    ui_render_hints(ctx, c, ui_tr(ctx, T_SUM_HINTS));
    ui_render_status(ctx, c);
}
