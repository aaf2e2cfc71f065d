/* ui_walk.c: the walk-through screen's logic and layout (see ui_walk.h).
 *
 * The left pane lists the checklists with their progress and the items of
 * the current checklist with a glyph for each state; the right pane shows the
 * current item. The right pane is first laid out in full into its own canvas
 * and then cut to the window, so a long question or guidance never pushes the
 * field being edited off screen. */
#include "ui_walk.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "period.h"
#include "text.h"

/* Lines the right pane may take before it is cut; far more than any item. */
#define PANE_ROWS 400
/* Indent of the right pane's text: room for the focus marker "> ". */
#define PANE_INDENT 2

static session *walk_session(const ui_walk *w)
{
    return w->ctx->session;
}

static size_t walk_count(const ui_walk *w)
{
    const session *s = walk_session(w);
    return s && s->plan ? s->plan->count : 0;
}

static bool walk_visible(const ui_walk *w, size_t i)
{
    const session *s = walk_session(w);
    return i < walk_count(w) && s->score->instances[i].state != STATE_HIDDEN;
}

static const item *walk_item(const ui_walk *w)
{
    return walk_session(w)->plan->items[w->current].item;
}

static const answer *walk_answer_of(const ui_walk *w)
{
    return session_answer(walk_session(w), w->current);
}

static void walk_set_error(ui_walk *w, char *message)
{
    free(w->error);
    w->error = message;
}

/* The index of the current item's answer among its choices, or 0. */
static size_t walk_choice_of(const ui_walk *w)
{
    const item *it = walk_item(w);
    const answer *a = walk_answer_of(w);
    if (it->type != ANSWER_CHOICE || a == NULL || a->value == NULL)
        return 0;
    for (size_t k = 0; k < it->choice_count; k++)
        if (strcmp(it->choices[k].key, a->value) == 0)
            return k;
    return 0;
}

void ui_walk_goto(ui_walk *w, size_t index)
{
    if (walk_count(w) == 0)
        return;
    if (index >= walk_count(w))
        index = walk_count(w) - 1;
    w->current = index;
    w->focus = UI_FOCUS_ANSWER;
    w->editing = false;
    w->chain = false;
    walk_set_error(w, NULL);
    w->choice = walk_choice_of(w);
}

ui_walk *ui_walk_new(ui_context *ctx, long start)
{
    ui_walk *w = calloc(1, sizeof *w);
    if (w == NULL)
        return NULL;
    w->ctx = ctx;
    w->page = 10;
    if (walk_count(w) == 0)
        return w;
    if (start < 0) {
        start = session_next_unanswered(ctx->session, 0);
        if (start < 0)
            start = 0;
    }
    ui_walk_goto(w, (size_t)start);
    /* The first item may be hidden by a condition: start on a visible one. */
    if (!walk_visible(w, w->current))
        for (size_t i = 0; i < walk_count(w); i++)
            if (walk_visible(w, i)) {
                ui_walk_goto(w, i);
                break;
            }
    return w;
}

void ui_walk_free(ui_walk *w)
{
    if (w == NULL)
        return;
    ui_field_free(&w->field);
    ui_field_free(&w->search);
    ui_canvas_free(&w->pane);
    free(w->last_search);
    free(w->error);
    free(w);
}

/* ---- validation, in the user's language, before the core sees the input ---- */

static char *walk_format_number(double v)
{
    char *out = NULL;
    return asprintf(&out, "%g", v) < 0 ? NULL : out;
}

static char *walk_check_number(const ui_walk *w, const item *it, const char *input)
{
    char *end = NULL;
    double v = strtod(input, &end);
    if (end == input || *end != '\0' || !isfinite(v))
        return strdup(ui_tr(w->ctx, T_ERR_NUMBER));
    if (v < it->number_min || v > it->number_max) {
        char *lo = walk_format_number(it->number_min), *hi = walk_format_number(it->number_max);
        const char *args[] = {lo ? lo : "", hi ? hi : "",
                              ui_context_en(w->ctx) ? it->unit_en : it->unit_zh};
        char *msg = ui_subst(ui_tr(w->ctx, T_ERR_NUMBER_RANGE), args, 3);
        free(lo);
        free(hi);
        return msg;
    }
    return NULL;
}

static char *walk_check_date(const ui_walk *w, const char *input, bool may_be_future)
{
    civil_date d, today;
    if (date_parse(input, &d) != 0 || !date_valid(d))
        return strdup(ui_tr(w->ctx, T_ERR_DATE));
    if (!may_be_future && date_parse(w->ctx->today, &today) == 0
        && date_to_days(d) > date_to_days(today)) {
        const char *args[] = {w->ctx->today};
        return ui_subst(ui_tr(w->ctx, T_ERR_DATE_FUTURE), args, 1);
    }
    return NULL;
}

/* Stores one field of the current item. Returns 0, or -1 with w->error set
 * (the input is kept in the field so that it can be corrected). */
static int walk_commit(ui_walk *w, ui_walk_focus focus, const char *input)
{
    session *s = walk_session(w);
    const item *it = walk_item(w);
    char *folded = NULL, *problem = NULL, *err = NULL;
    answer_field field = ANSWER_FIELD_VALUE;
    switch (focus) {
    case UI_FOCUS_ANSWER:
        field = ANSWER_FIELD_VALUE;
        if (it->type == ANSWER_NUMBER || it->type == ANSWER_DATE) {
            folded = ui_fold_digits(input);
            if (folded == NULL)
                return -1;
            input = folded;
            bool na = it->allow_na && strcmp(input, "na") == 0;
            if (*input != '\0' && !na && !answer_means_never(it, input) &&
                !answer_scheduled_date(it, input, NULL))
                problem = it->type == ANSWER_NUMBER ? walk_check_number(w, it, input)
                                                    : walk_check_date(w, input, false);
        }
        break;
    case UI_FOCUS_NOTE:
        field = ANSWER_FIELD_NOTE;
        break;
    case UI_FOCUS_OWNER:
        field = ANSWER_FIELD_OWNER;
        break;
    case UI_FOCUS_DUE:
        field = ANSWER_FIELD_DUE;
        folded = ui_fold_digits(input);
        if (folded == NULL)
            return -1;
        input = folded;
        if (*input != '\0')
            problem = walk_check_date(w, input, true);
        break;
    }
    if (problem == NULL && session_set(s, w->current, field, input, &err) != 0)
        problem = err ? err : strdup("?");
    free(folded);
    if (problem != NULL) {
        walk_set_error(w, problem);
        return -1;
    }
    walk_set_error(w, NULL);
    return 0;
}

/* ---- moving ---- */

static long walk_step(const ui_walk *w, size_t from, int direction, size_t steps)
{
    long found = -1;
    long i = (long)from;
    while (steps > 0) {
        i += direction;
        if (i < 0 || (size_t)i >= walk_count(w))
            break;
        if (walk_visible(w, (size_t)i)) {
            found = i;
            steps--;
        }
    }
    return found;
}

static ui_action walk_move(ui_walk *w, int direction, size_t steps)
{
    long to = walk_step(w, w->current, direction, steps);
    if (to < 0) {
        /* a page past the end stops at the last item there is */
        for (long i = direction > 0 ? (long)walk_count(w) - 1 : 0;
             i >= 0 && (size_t)i < walk_count(w); i -= direction)
            if (walk_visible(w, (size_t)i)) {
                to = i;
                break;
            }
    }
    if (to >= 0 && (size_t)to != w->current)
        ui_walk_goto(w, (size_t)to);
    return UI_ACT_REDRAW;
}

static ui_action walk_advance(ui_walk *w)
{
    w->chain = false;
    long next = walk_step(w, w->current, 1, 1);
    if (next >= 0) {
        ui_walk_goto(w, (size_t)next);
        return UI_ACT_REDRAW;
    }
    long open = session_next_unanswered(walk_session(w), 0);
    if (open < 0)
        return UI_ACT_SUMMARY;
    ui_walk_goto(w, (size_t)open);
    ui_context_say(w->ctx, UI_ROLE_WARNING, ui_tr(w->ctx, T_WALK_JUMPED));
    return UI_ACT_REDRAW;
}

/* Opens the focused field for typing, starting from its stored text or from
 * `initial` when given (a digit that started a number). */
static void walk_edit(ui_walk *w, ui_walk_focus focus, const char *initial)
{
    const answer *a = walk_answer_of(w);
    const char *text = NULL;
    if (initial != NULL)
        text = initial;
    else if (a != NULL)
        text = focus == UI_FOCUS_ANSWER ? a->value : focus == UI_FOCUS_NOTE ? a->note
             : focus == UI_FOCUS_OWNER ? a->owner : a->due;
    if (focus == UI_FOCUS_ANSWER && text && strcmp(text, "na") == 0)
        text = NULL;
    w->focus = focus;
    w->editing = true;
    w->field.masked = false;
    w->field.max_chars = focus == UI_FOCUS_NOTE || walk_item(w)->type == ANSWER_TEXT ? 2000 : 200;
    ui_field_set(&w->field, text);
    walk_set_error(w, NULL);
}

static ui_action walk_after_answer(ui_walk *w)
{
    const session *s = walk_session(w);
    const instance_score *is = &s->score->instances[w->current];
    const answer *a = walk_answer_of(w);
    w->editing = false;
    if (is->finding && (a == NULL || a->owner == NULL || a->owner[0] == '\0')) {
        w->chain = true;
        walk_edit(w, UI_FOCUS_OWNER, NULL);
        ui_context_say(w->ctx, UI_ROLE_WARNING, ui_tr(w->ctx, T_WALK_ASK_OWNER));
        return UI_ACT_REDRAW;
    }
    return walk_advance(w);
}

static ui_action walk_answer(ui_walk *w, const char *value)
{
    w->focus = UI_FOCUS_ANSWER;
    if (walk_commit(w, UI_FOCUS_ANSWER, value) != 0)
        return UI_ACT_REDRAW;
    return walk_after_answer(w);
}

static bool walk_has_remediation(const ui_walk *w)
{
    const instance_score *is = &walk_session(w)->score->instances[w->current];
    const answer *a = walk_answer_of(w);
    return is->finding || (a && ((a->owner && *a->owner) || (a->due && *a->due)));
}

static ui_action walk_tab(ui_walk *w, int direction)
{
    int fields = walk_has_remediation(w) ? 4 : 2;
    int f = (int)w->focus;
    if (f >= fields)
        f = 0;
    w->focus = (ui_walk_focus)((f + direction + fields) % fields);
    walk_set_error(w, NULL);
    return UI_ACT_REDRAW;
}

/* ---- search ---- */

static bool walk_matches(const ui_walk *w, size_t i, const char *needle)
{
    const instance *in = &walk_session(w)->plan->items[i];
    return strcasestr(in->item->question_zh, needle) || strcasestr(in->item->question_en, needle)
        || strcasestr(in->item->id, needle) || (in->system_name && strcasestr(in->system_name, needle));
}

static ui_action walk_search(ui_walk *w, const char *needle)
{
    if (needle == NULL || *needle == '\0')
        return UI_ACT_REDRAW;
    size_t n = walk_count(w);
    for (size_t step = 1; step <= n; step++) {
        size_t i = (w->current + step) % n;
        if (walk_visible(w, i) && walk_matches(w, i, needle)) {
            ui_walk_goto(w, i);
            return UI_ACT_REDRAW;
        }
    }
    const char *args[] = {needle};
    ui_context_sayf(w->ctx, UI_ROLE_WARNING, T_WALK_NOT_FOUND, args, 1);
    return UI_ACT_REDRAW;
}

static ui_action walk_search_key(ui_walk *w, ui_key k)
{
    ui_field_result r = ui_field_key(&w->search, k);
    if (r == UI_FIELD_CANCEL) {
        w->searching = false;
        return UI_ACT_REDRAW;
    }
    if (r != UI_FIELD_SUBMIT)
        return UI_ACT_REDRAW;
    w->searching = false;
    char *text = ui_field_text(&w->search);
    if (text && *text) {
        free(w->last_search);
        w->last_search = text;
        text = NULL;
    }
    free(text);
    return walk_search(w, w->last_search);
}

/* ---- keys ---- */

static ui_action walk_edit_key(ui_walk *w, ui_key k)
{
    ui_field_result r = ui_field_key(&w->field, k);
    if (r == UI_FIELD_CANCEL) {
        w->editing = false;
        w->chain = false;
        walk_set_error(w, NULL);
        ui_context_say(w->ctx, UI_ROLE_NORMAL, NULL);
        return UI_ACT_REDRAW;
    }
    if (r != UI_FIELD_SUBMIT)
        return r == UI_FIELD_CHANGED ? UI_ACT_REDRAW : UI_ACT_NONE;
    char *text = ui_field_text(&w->field);
    if (text == NULL)
        return UI_ACT_REDRAW;
    ui_walk_focus focus = w->focus;
    int rc = walk_commit(w, focus, text);
    free(text);
    if (rc != 0)
        return UI_ACT_REDRAW;   /* stay in the field, the message says why */
    w->editing = false;
    if (focus == UI_FOCUS_ANSWER)
        return walk_after_answer(w);
    if (w->chain && focus == UI_FOCUS_OWNER) {
        walk_edit(w, UI_FOCUS_DUE, NULL);
        ui_context_say(w->ctx, UI_ROLE_WARNING, ui_tr(w->ctx, T_WALK_ASK_DUE));
        return UI_ACT_REDRAW;
    }
    if (w->chain && focus == UI_FOCUS_DUE) {
        ui_context_say(w->ctx, UI_ROLE_NORMAL, NULL);
        return walk_advance(w);
    }
    ui_context_say(w->ctx, UI_ROLE_ANSWERED, ui_tr(w->ctx, T_WALK_SAVED));
    return UI_ACT_REDRAW;
}

static ui_action walk_take_over(ui_walk *w)
{
    const session *s = walk_session(w);
    const answer *prev = session_previous_answer(s, w->current);
    if (s->previous == NULL || prev == NULL || prev->value == NULL) {
        ui_context_say(w->ctx, UI_ROLE_WARNING, ui_tr(w->ctx, T_WALK_NO_PREVIOUS));
        return UI_ACT_REDRAW;
    }
    char *value = strdup(prev->value);   /* prev may move when the answers reload */
    if (value == NULL)
        return UI_ACT_REDRAW;
    ui_action act = walk_answer(w, value);
    if (w->error == NULL)
        ui_context_say(w->ctx, UI_ROLE_ANSWERED, ui_tr(w->ctx, T_WALK_TOOK_OVER));
    free(value);
    return act;
}

static ui_action walk_not_allowed(ui_walk *w)
{
    char *allowed = answer_allowed(walk_item(w));
    const char *args[] = {allowed ? allowed : ""};
    ui_context_sayf(w->ctx, UI_ROLE_WARNING, T_WALK_NOT_ALLOWED, args, 1);
    free(allowed);
    return UI_ACT_REDRAW;
}

/* y/n/p/x, digits and arrows: the keys that answer the current item. */
static ui_action walk_answer_key(ui_walk *w, ui_key k, bool *handled)
{
    const item *it = walk_item(w);
    *handled = true;
    unsigned ch = k.code == UI_KEY_CHAR ? k.ch : 0;
    if (ch == 'x' && it->type != ANSWER_TEXT)
        return it->allow_na ? walk_answer(w, "na") : walk_not_allowed(w);
    switch (it->type) {
    case ANSWER_YESNO:
        if (ch == 'y')
            return walk_answer(w, "yes");
        if (ch == 'n')
            return walk_answer(w, "no");
        if (ch == 'p')
            return it->allow_partial ? walk_answer(w, "partial") : walk_not_allowed(w);
        break;
    case ANSWER_CHOICE:
        if (ch >= '1' && ch <= '9') {
            size_t n = ch - '1';
            if (n >= it->choice_count)
                return walk_not_allowed(w);
            w->choice = n;
            return walk_answer(w, it->choices[n].key);
        }
        if (k.code == UI_KEY_LEFT || ch == 'h') {
            w->choice = w->choice > 0 ? w->choice - 1 : it->choice_count - 1;
            return UI_ACT_REDRAW;
        }
        if (k.code == UI_KEY_RIGHT || ch == 'l') {
            w->choice = w->choice + 1 < it->choice_count ? w->choice + 1 : 0;
            return UI_ACT_REDRAW;
        }
        if (k.code == UI_KEY_ENTER && w->focus == UI_FOCUS_ANSWER && it->choice_count > 0)
            return walk_answer(w, it->choices[w->choice < it->choice_count ? w->choice : 0].key);
        break;
    case ANSWER_NUMBER:
    case ANSWER_DATE:
        if (ch == 'n')
            return it->allow_never ? walk_answer(w, "never") : walk_not_allowed(w);
        if ((ch >= '0' && ch <= '9') || (it->type == ANSWER_NUMBER && (ch == '.' || ch == '-'))) {
            char initial[2] = {(char)ch, '\0'};
            walk_edit(w, UI_FOCUS_ANSWER, initial);
            return UI_ACT_REDRAW;
        }
        break;
    case ANSWER_TEXT:
        break;
    }
    *handled = false;
    return UI_ACT_NONE;
}

ui_action ui_walk_key(ui_walk *w, ui_key k)
{
    if (k.code == UI_KEY_RESIZE)
        return UI_ACT_REDRAW;
    if (w->searching)
        return walk_search_key(w, k);
    if (w->editing && walk_count(w) > 0)
        return walk_edit_key(w, k);
    ui_context_say(w->ctx, UI_ROLE_NORMAL, NULL);
    k = ui_key_command(k);
    unsigned ch = k.code == UI_KEY_CHAR ? k.ch : 0;
    if (ch == 'q')
        return UI_ACT_QUIT;
    if (ch == '?' || k.code == UI_KEY_F1)
        return UI_ACT_HELP;
    if (ch == 'L') {
        ui_context_switch_lang(w->ctx);
        return UI_ACT_REDRAW;
    }
    if (ch == 's')
        return UI_ACT_SUMMARY;
    if (walk_count(w) == 0)
        return UI_ACT_NONE;
    if (w->error && k.code != UI_KEY_ENTER)
        walk_set_error(w, NULL);

    if (w->focus == UI_FOCUS_ANSWER || (ch > 0 && ch < 0x80 && strchr("ynpx0123456789", (int)ch))) {
        bool handled;
        ui_action act = walk_answer_key(w, k, &handled);
        if (handled)
            return act;
    }
    switch (k.code) {
    case UI_KEY_UP:
        return walk_move(w, -1, 1);
    case UI_KEY_DOWN:
        return walk_move(w, 1, 1);
    case UI_KEY_PGUP:
        return walk_move(w, -1, (size_t)(w->page > 1 ? w->page - 1 : 1));
    case UI_KEY_PGDN:
        return walk_move(w, 1, (size_t)(w->page > 1 ? w->page - 1 : 1));
    case UI_KEY_HOME:
        return walk_move(w, -1, walk_count(w));
    case UI_KEY_END:
        return walk_move(w, 1, walk_count(w));
    case UI_KEY_TAB:
        return walk_tab(w, 1);
    case UI_KEY_BTAB:
        return walk_tab(w, -1);
    case UI_KEY_ENTER:
        if (w->focus == UI_FOCUS_ANSWER) {
            const item *it = walk_item(w);
            const answer *a = walk_answer_of(w);
            if (it->type == ANSWER_YESNO || it->type == ANSWER_CHOICE) {
                if (a && a->value)
                    return walk_advance(w);
                return UI_ACT_REDRAW;
            }
        }
        walk_edit(w, w->focus, NULL);
        return UI_ACT_REDRAW;
    case UI_KEY_BACKSPACE:
    case UI_KEY_DELETE:
        if (walk_commit(w, w->focus, "") == 0)
            ui_context_say(w->ctx, UI_ROLE_ANSWERED, ui_tr(w->ctx, T_WALK_SAVED));
        return UI_ACT_REDRAW;
    case UI_KEY_CHAR:
        break;
    default:
        return UI_ACT_NONE;
    }
    switch (ch) {
    case 'k':
        return walk_move(w, -1, 1);
    case 'j':
        return walk_move(w, 1, 1);
    case 'u': {
        long next = session_next_unanswered(walk_session(w), w->current + 1);
        if (next < 0) {
            ui_context_say(w->ctx, UI_ROLE_ANSWERED, ui_tr(w->ctx, T_WALK_ALL_ANSWERED));
            return UI_ACT_REDRAW;
        }
        ui_walk_goto(w, (size_t)next);
        return UI_ACT_REDRAW;
    }
    case 'c':
        return walk_take_over(w);
    case '/':
        w->searching = true;
        w->search.max_chars = 100;
        ui_field_set(&w->search, NULL);
        return UI_ACT_REDRAW;
    default:
        return UI_ACT_NONE;
    }
}

void ui_walk_flush(ui_walk *w)
{
    if (!w->editing || walk_count(w) == 0)
        return;
    char *text = ui_field_text(&w->field);
    const answer *a = walk_answer_of(w);
    const char *stored = a == NULL ? NULL
        : w->focus == UI_FOCUS_ANSWER ? a->value : w->focus == UI_FOCUS_NOTE ? a->note
        : w->focus == UI_FOCUS_OWNER ? a->owner : a->due;
    if (text && *text && (stored == NULL || strcmp(stored, text) != 0))
        walk_commit(w, w->focus, text);
    free(text);
    w->editing = false;
}

/* ---- layout ---- */

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

static void walk_render_lists(ui_walk *w, ui_canvas *c, const walk_geometry *g, int *used_rows)
{
    const session *s = walk_session(w);
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
    int top = (int)at - rows + 1 > 0 ? (int)at - rows + 1 : 0;
    for (int y = 0; y < rows; y++) {
        size_t k = shown[top + y];
        const checklist_score *ls = &r->lists[k];
        int row = g->body_top + y;
        char count[48];
        snprintf(count, sizeof count, "%zu/%zu", ls->answered, ls->asked);
        int cw = (int)strlen(count);
        bool done = ls->asked > 0 && ls->answered >= ls->asked;
        ui_role role = done ? UI_ROLE_ANSWERED : UI_ROLE_NORMAL;
        if (k == current_list)
            ui_canvas_put(c, row, 0, 1, UI_ROLE_SELECTED, ">");
        ui_canvas_put(c, row, 1, 1, role, done ? "\xE2\x9C\x93" : " ");
        ui_canvas_put(c, row, 3, g->left_cols - cw - 4, role,
                      checklist_title(ls->list, w->ctx->lang));
        ui_canvas_put(c, row, g->left_cols - cw, cw, role, count);
    }
    free(shown);
    *used_rows = rows;
}

static void walk_render_items(ui_walk *w, ui_canvas *c, const walk_geometry *g, int top_row, int rows)
{
    const session *s = walk_session(w);
    size_t current_list = s->plan->items[w->current].list_index;
    size_t count = walk_count(w), n = 0, at = 0;
    size_t *rows_of = malloc((count ? count : 1) * sizeof *rows_of);
    if (rows_of == NULL)
        return;
    for (size_t i = 0; i < count; i++)
        if (s->plan->items[i].list_index == current_list && (walk_visible(w, i) || i == w->current)) {
            if (i == w->current)
                at = n;
            rows_of[n++] = i;
        }
    w->page = rows > 1 ? rows : 1;
    if ((int)at < w->list_top)
        w->list_top = (int)at;
    if ((int)at >= w->list_top + rows)
        w->list_top = (int)at - rows + 1;
    if (w->list_top > (int)n - rows)
        w->list_top = (int)n - rows;
    if (w->list_top < 0)
        w->list_top = 0;
    int digits = n >= 100 ? 3 : n >= 10 ? 2 : 1;
    for (int y = 0; y < rows && w->list_top + y < (int)n; y++) {
        size_t pos = (size_t)(w->list_top + y);
        size_t i = rows_of[pos];
        const instance *in = &s->plan->items[i];
        int row = top_row + y;
        bool selected = i == w->current;
        if (selected)
            ui_canvas_fill(c, row, 0, g->left_cols, UI_ROLE_SELECTED);
        ui_role role;
        const char *glyph = ui_state_glyph(&s->score->instances[i], &role);
        ui_canvas_put(c, row, 0, 1, selected ? UI_ROLE_SELECTED : role, glyph);
        char label[32];
        snprintf(label, sizeof label, "%*zu", digits, pos + 1);
        int x = 2 + ui_canvas_put(c, row, 2, digits, selected ? UI_ROLE_SELECTED : UI_ROLE_DIM, label) + 1;
        ui_role text_role = selected ? UI_ROLE_SELECTED : UI_ROLE_NORMAL;
        if (in->system_name && *in->system_name) {
            x += ui_canvas_put(c, row, x, g->left_cols - x, text_role, "[");
            x += ui_canvas_put(c, row, x, g->left_cols - x - 1 > 8 ? 8 : g->left_cols - x - 1,
                               text_role, in->system_name);
            x += ui_canvas_put(c, row, x, g->left_cols - x, text_role, "]");
        }
        ui_canvas_put(c, row, x, g->left_cols - x, text_role, item_question(in->item, w->ctx->lang));
    }
    free(rows_of);
}

/* Writes wrapped text into the right pane at line *y, advancing *y. */
static void pane_text(ui_walk *w, int *y, int col, ui_role role, const char *text)
{
    int width = w->pane.cols - col;
    if (*y >= w->pane.rows || width < 2)
        return;
    int n = ui_render_wrapped(&w->pane, *y, col, width, w->pane.rows - *y, 0, role, text);
    *y += n > 0 ? n : 0;
}

static char *join3(const char *a, const char *b, const char *c)
{
    char *out = NULL;
    return asprintf(&out, "%s%s%s", a ? a : "", b ? b : "", c ? c : "") < 0 ? NULL : out;
}

static void pane_marker(ui_walk *w, int y, ui_walk_focus focus)
{
    if (w->focus == focus)
        ui_canvas_put(&w->pane, y, 0, 1, UI_ROLE_SELECTED, ">");
}

/* A labelled field: "> 备注：text", or the editor while it is being typed. */
static void pane_field(ui_walk *w, int *y, ui_walk_focus focus, const char *label,
                       const char *value, ui_role value_role, int *focus_top)
{
    if (w->focus == focus)
        *focus_top = *y;
    pane_marker(w, *y, focus);
    if (w->editing && w->focus == focus) {
        int lw = ui_canvas_put(&w->pane, *y, PANE_INDENT, w->pane.cols - PANE_INDENT,
                               UI_ROLE_SELECTED, label);
        ui_field_render(&w->field, &w->pane, *y, PANE_INDENT + lw,
                        w->pane.cols - PANE_INDENT - lw, UI_ROLE_INPUT);
        (*y)++;
        return;
    }
    int lw = ui_canvas_put(&w->pane, *y, PANE_INDENT, w->pane.cols - PANE_INDENT,
                           w->focus == focus ? UI_ROLE_SELECTED : UI_ROLE_NORMAL, label);
    int width = w->pane.cols - PANE_INDENT - lw;
    int n = ui_render_wrapped(&w->pane, *y, PANE_INDENT + lw, width, w->pane.rows - *y, 0,
                              value_role, value);
    *y += n > 0 ? n : 1;
}

static void pane_error(ui_walk *w, int *y, ui_walk_focus focus)
{
    if (w->error && w->focus == focus) {
        char *text = join3("! ", w->error, NULL);
        pane_text(w, y, PANE_INDENT, UI_ROLE_WARNING, text);
        free(text);
    }
}

/* The hint of a typed answer, then the keys for "never" and "not applicable"
 * when the item takes them. Caller frees. */
static char *walk_keys_line(const ui_context *ctx, const item *it, const char *typed)
{
    char *line = NULL;
    if (asprintf(&line, "%s%s%s%s%s", typed ? typed : "",
                 it->allow_never ? "   n " : "", it->allow_never ? ui_tr(ctx, T_NEVER) : "",
                 it->allow_na ? "   x " : "", it->allow_na ? ui_tr(ctx, T_NA) : "") < 0)
        return NULL;
    return line;
}

static void pane_answer_keys(ui_walk *w, int *y, const item *it)
{
    const ui_context *ctx = w->ctx;
    char *line = NULL;
    const char *na = it->allow_na ? ui_tr(ctx, T_NA) : NULL;
    switch (it->type) {
    case ANSWER_YESNO: {
        if (asprintf(&line, "y %s   n %s%s%s%s%s", ui_tr(ctx, T_YES), ui_tr(ctx, T_NO),
                     it->allow_partial ? "   p " : "", it->allow_partial ? ui_tr(ctx, T_PARTIAL) : "",
                     na ? "   x " : "", na ? na : "") < 0)
            line = NULL;
        pane_text(w, y, PANE_INDENT, UI_ROLE_DIM, line);
        break;
    }
    case ANSWER_CHOICE: {
        int x = PANE_INDENT, width = w->pane.cols;
        for (size_t k = 0; k < it->choice_count; k++) {
            char *option = NULL;
            const char *label = ui_context_en(ctx) ? it->choices[k].label_en : it->choices[k].label_zh;
            int rc = k < 9 ? asprintf(&option, "%zu %s", k + 1, label) : asprintf(&option, "%s", label);
            if (rc < 0)
                continue;
            int ow = (int)text_width(option);
            if (x > PANE_INDENT && x + ow > width) {
                (*y)++;
                x = PANE_INDENT;
            }
            ui_role role = k == w->choice && w->focus == UI_FOCUS_ANSWER ? UI_ROLE_SELECTED : UI_ROLE_NORMAL;
            x += ui_canvas_put(&w->pane, *y, x, width - x, role, option) + 3;
            free(option);
        }
        (*y)++;
        line = join3(ui_tr(ctx, T_WALK_KEYS_CHOICE), na ? "   x " : "", na);
        pane_text(w, y, PANE_INDENT, UI_ROLE_DIM, line);
        break;
    }
    case ANSWER_NUMBER: {
        char *lo = walk_format_number(it->number_min), *hi = walk_format_number(it->number_max);
        const char *args[] = {lo ? lo : "", hi ? hi : "", ui_context_en(ctx) ? it->unit_en : it->unit_zh};
        char *keys = ui_subst(ui_tr(ctx, T_WALK_KEYS_NUMBER), args, 3);
        line = walk_keys_line(ctx, it, keys);
        pane_text(w, y, PANE_INDENT, UI_ROLE_DIM, line);
        free(keys);
        free(lo);
        free(hi);
        break;
    }
    case ANSWER_DATE: {
        const char *args[] = {ctx->today};
        char *keys = ui_subst(ui_tr(ctx, T_WALK_KEYS_DATE), args, 1);
        line = walk_keys_line(ctx, it, keys);
        pane_text(w, y, PANE_INDENT, UI_ROLE_DIM, line);
        free(keys);
        break;
    }
    case ANSWER_TEXT:
        pane_text(w, y, PANE_INDENT, UI_ROLE_DIM, ui_tr(ctx, T_WALK_KEYS_TEXT));
        break;
    }
    free(line);
}

static void pane_previous(ui_walk *w, int *y, const item *it, const answer *a)
{
    const session *s = walk_session(w);
    const ui_context *ctx = w->ctx;
    if (s->previous == NULL)
        return;
    const answer *prev = session_previous_answer(s, w->current);
    const char *args[] = {s->previous->period};
    char *label = ui_subst(ui_tr(ctx, T_WALK_PREVIOUS), args, 1);
    char *shown = prev && prev->value ? answer_display(it, prev->value, ctx->lang) : NULL;
    char *line = join3(label, shown ? shown : ui_tr(ctx, T_UNANSWERED), NULL);
    bool can_take = prev && prev->value && (a == NULL || a->value == NULL || strcmp(a->value, prev->value) != 0);
    if (can_take) {
        char *with = join3(line, "   ", ui_tr(ctx, T_WALK_TAKE_OVER));
        free(line);
        line = with;
    }
    pane_text(w, y, PANE_INDENT, UI_ROLE_DIM, line);
    if (prev && prev->value && a && a->value)
        pane_text(w, y, PANE_INDENT, strcmp(prev->value, a->value) == 0 ? UI_ROLE_DIM : UI_ROLE_WARNING,
                  ui_tr(ctx, strcmp(prev->value, a->value) == 0 ? T_WALK_SAME : T_WALK_CHANGED));
    if (prev && prev->note && *prev->note) {
        char *note = join3(ui_tr(ctx, T_WALK_NOTE), prev->note, NULL);
        pane_text(w, y, PANE_INDENT + 2, UI_ROLE_DIM, note);
        free(note);
    }
    free(label);
    free(shown);
    free(line);
}

/* Lays the current item out into w->pane; returns the lines used and the
 * lines of the focused field (so that the cut keeps them in view). */
static int walk_render_pane(ui_walk *w, int *focus_top, int *focus_bottom)
{
    const session *s = walk_session(w);
    const ui_context *ctx = w->ctx;
    const instance *in = &s->plan->items[w->current];
    const instance_score *is = &s->score->instances[w->current];
    const item *it = in->item;
    const answer *a = walk_answer_of(w);
    int y = 0;
    *focus_top = 0;

    /* where: checklist and position, the system, severity, weight, points */
    size_t pos = 0, total = 0;
    for (size_t i = 0; i < walk_count(w); i++)
        if (s->plan->items[i].list_index == in->list_index && walk_visible(w, i)) {
            total++;
            if (i <= w->current)
                pos++;
        }
    char n1[24], n2[24];
    snprintf(n1, sizeof n1, "%zu", pos);
    snprintf(n2, sizeof n2, "%zu", total);
    const char *where_args[] = {n1, n2, checklist_title(in->list, ctx->lang)};
    char *where = ui_subst(ui_tr(ctx, T_WALK_ITEM_N), where_args, 3);
    pane_text(w, &y, 0, UI_ROLE_DIM, where);
    free(where);
    if (in->system_name && *in->system_name) {
        const char *args[] = {in->system_name};
        char *sys = ui_subst(ui_tr(ctx, T_WALK_SYSTEM), args, 1);
        pane_text(w, &y, 0, UI_ROLE_TITLE, sys);
        free(sys);
    }
    if (it->type != ANSWER_TEXT) {
        char weight[32], points[32], max[32];
        snprintf(weight, sizeof weight, "%g", it->weight);
        snprintf(points, sizeof points, "%.3g", is->points);
        snprintf(max, sizeof max, "%g", it->weight);
        const char *args[] = {ui_severity_label(ctx, it->severity), weight};
        char *line = ui_subst(ui_tr(ctx, T_WALK_WEIGHT), args, 2);
        if (is->state == STATE_ANSWERED) {
            const char *pargs[] = {points, max};
            char *pts = ui_subst(ui_tr(ctx, T_WALK_POINTS), pargs, 2);
            char *both = join3(line, " \xC2\xB7 ", pts);
            free(line);
            free(pts);
            line = both;
        }
        pane_text(w, &y, 0, it->severity == SEVERITY_CRITICAL ? UI_ROLE_CRITICAL : UI_ROLE_DIM, line);
        free(line);
    }
    y++;
    pane_text(w, &y, 0, UI_ROLE_NORMAL, item_question(it, ctx->lang));
    const char *guidance = item_guidance(it, ctx->lang);
    if (guidance && *guidance) {
        char *line = join3(ui_tr(ctx, T_WALK_GUIDANCE), guidance, NULL);
        pane_text(w, &y, 0, UI_ROLE_DIM, line);
        free(line);
    }
    if (it->source && *it->source) {
        char *line = join3(ui_tr(ctx, T_WALK_SOURCE), it->source, NULL);
        pane_text(w, &y, 0, UI_ROLE_DIM, line);
        free(line);
    }
    if (is->state == STATE_HIDDEN)
        pane_text(w, &y, 0, UI_ROLE_WARNING, ui_tr(ctx, T_HIDDEN));
    y++;

    /* the answer */
    ui_role role = UI_ROLE_DIM;
    const char *glyph = ui_state_glyph(is, &role);
    char *shown = a && a->value ? answer_display(it, a->value, ctx->lang) : NULL;
    char *value = join3(glyph, " ", shown ? shown : ui_tr(ctx, T_UNANSWERED));
    pane_field(w, &y, UI_FOCUS_ANSWER, ui_tr(ctx, T_WALK_ANSWER), value, role, focus_top);
    free(value);
    free(shown);
    pane_error(w, &y, UI_FOCUS_ANSWER);
    if (w->focus == UI_FOCUS_ANSWER)
        *focus_bottom = y;
    pane_answer_keys(w, &y, it);
    pane_previous(w, &y, it, a);
    y++;

    /* note and remediation */
    bool has_note = a && a->note && *a->note;
    pane_field(w, &y, UI_FOCUS_NOTE, ui_tr(ctx, T_WALK_NOTE), has_note ? a->note : ui_tr(ctx, T_WALK_EMPTY),
               has_note ? UI_ROLE_NORMAL : UI_ROLE_DIM, focus_top);
    pane_error(w, &y, UI_FOCUS_NOTE);
    if (w->focus == UI_FOCUS_NOTE)
        *focus_bottom = y;
    if (walk_has_remediation(w)) {
        y++;
        if (is->finding) {
            char points[32], max[32];
            snprintf(points, sizeof points, "%.3g", is->points);
            snprintf(max, sizeof max, "%g", it->weight);
            const char *args[] = {points, max};
            char *line = ui_subst(ui_tr(ctx, T_WALK_FINDING), args, 2);
            pane_text(w, &y, 0, is->critical_failure ? UI_ROLE_CRITICAL : UI_ROLE_FAILED, line);
            free(line);
        }
        bool has_owner = a && a->owner && *a->owner, has_due = a && a->due && *a->due;
        pane_field(w, &y, UI_FOCUS_OWNER, ui_tr(ctx, T_WALK_OWNER),
                   has_owner ? a->owner : ui_tr(ctx, T_WALK_EMPTY),
                   has_owner ? UI_ROLE_NORMAL : UI_ROLE_WARNING, focus_top);
        pane_error(w, &y, UI_FOCUS_OWNER);
        if (w->focus == UI_FOCUS_OWNER)
            *focus_bottom = y;
        pane_field(w, &y, UI_FOCUS_DUE, ui_tr(ctx, T_WALK_DUE),
                   has_due ? a->due : ui_tr(ctx, T_WALK_EMPTY),
                   has_due ? UI_ROLE_NORMAL : UI_ROLE_WARNING, focus_top);
        pane_error(w, &y, UI_FOCUS_DUE);
        if (w->focus == UI_FOCUS_DUE)
            *focus_bottom = y;
    }
    if (*focus_bottom < *focus_top + 1)
        *focus_bottom = *focus_top + 1;
    return y < w->pane.rows ? y : w->pane.rows;
}

void ui_walk_render(ui_walk *w, ui_canvas *c)
{
    const ui_context *ctx = w->ctx;
    const session *s = walk_session(w);
    walk_geometry g = walk_layout(c->rows, c->cols);

    char *title = NULL;
    if (asprintf(&title, "%s %s \xC2\xB7 %s \xC2\xB7 %s", ui_profile_label(ctx, s->assessment->profile),
                 s->assessment->period, s->cfg->unit_name, s->assessment->assessor ? s->assessment->assessor : "") < 0)
        title = NULL;
    ui_render_title(ctx, c, title ? title : "");
    free(title);

    if (walk_count(w) == 0) {
        ui_render_wrapped(c, 2, 2, c->cols - 4, g.body_rows - 2, 0, UI_ROLE_WARNING,
                          ui_tr(ctx, T_WALK_NOTHING_TO_ASK));
    } else {
        int list_rows = 0;
        walk_render_lists(w, c, &g, &list_rows);
        ui_canvas_hline(c, g.body_top + list_rows, 0, g.left_cols, UI_ROLE_DIM);
        int items_top = g.body_top + list_rows + 1;
        walk_render_items(w, c, &g, items_top, g.body_top + g.body_rows - items_top);
        ui_canvas_vline(c, g.left_cols, g.body_top, g.body_rows, UI_ROLE_DIM);

        if (ui_canvas_reset(&w->pane, PANE_ROWS, g.right_cols) == 0) {
            int focus_top = 0, focus_bottom = 1;
            int used = walk_render_pane(w, &focus_top, &focus_bottom);
            int skip = 0;
            if (focus_bottom > g.body_rows)
                skip = focus_bottom - g.body_rows;
            if (skip > focus_top)
                skip = focus_top;
            if (used - skip < g.body_rows && skip > 0) {
                skip = used - g.body_rows;
                if (skip < 0)
                    skip = 0;
            }
            ui_canvas_blit(c, g.body_top, g.right_col, &w->pane, skip, g.body_rows);
            if (skip > 0)
                ui_canvas_put(c, g.body_top, c->cols - 1, 1, UI_ROLE_DIM, "^");
            if (used - skip > g.body_rows)
                ui_canvas_put(c, g.body_top + g.body_rows - 1, c->cols - 1, 1, UI_ROLE_DIM, "v");
        }
    }

    if (w->searching) {
        int row = c->rows - 2;
        int lw = ui_canvas_put(c, row, 1, c->cols - 2, UI_ROLE_SELECTED, ui_tr(ctx, T_WALK_SEARCH));
        ui_field_render(&w->search, c, row, 1 + lw, c->cols - 2 - lw, UI_ROLE_INPUT);
    } else {
        ui_render_hints(ctx, c, ui_tr(ctx, w->editing ? T_WALK_EDIT_HINTS : T_WALK_HINTS));
    }
    ui_render_status(ctx, c);
}
