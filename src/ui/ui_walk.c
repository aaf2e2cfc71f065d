/* ui_walk.c: the walk-through screen's logic (see ui_walk.h): which item is
 * shown, the keys, validation and committing answers. Its drawing is in
 * ui_walk_draw.c. */
#include "ui_walk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "i18n.h"
#include "sysattr.h"
#include "text.h"

static session *walk_session(const ui_walk *w)
{
    return w->ctx->session;
}

size_t ui_walk_count(const ui_walk *w)
{
    const session *s = walk_session(w);
    return s && s->plan ? s->plan->count : 0;
}

bool ui_walk_visible(const ui_walk *w, size_t i)
{
    const session *s = walk_session(w);
    return i < ui_walk_count(w) && s->score->instances[i].state != STATE_HIDDEN;
}

const item *ui_walk_item(const ui_walk *w)
{
    return walk_session(w)->plan->items[w->current].item;
}

const answer *ui_walk_answer_of(const ui_walk *w)
{
    return session_answer(walk_session(w), w->current);
}

void ui_walk_set_error(ui_walk *w, char *message)
{
    free(w->error);
    w->error = message;
}

/* The index of the current item's answer among its choices, or 0. */
static size_t walk_choice_of(const ui_walk *w)
{
    const item *it = ui_walk_item(w);
    const answer *a = ui_walk_answer_of(w);
    if (it->type != ANSWER_CHOICE || a == NULL || a->value == NULL)
        return 0;
    for (size_t k = 0; k < it->choice_count; k++)
        if (strcmp(it->choices[k].key, a->value) == 0)
            return k;
    return 0;
}

void ui_walk_goto(ui_walk *w, size_t index)
{
    if (ui_walk_count(w) == 0)
        return;
    if (index >= ui_walk_count(w))
        index = ui_walk_count(w) - 1;
    w->current = index;
    w->focus = UI_FOCUS_ANSWER;
    w->editing = false;
    w->chain = false;
    w->clearing = false;
    ui_walk_set_error(w, NULL);
    w->choice = walk_choice_of(w);
}

ui_walk *ui_walk_new(ui_context *ctx, long start)
{
    ui_walk *w = calloc(1, sizeof *w);
    if (w == NULL)
        return NULL;
    w->ctx = ctx;
    w->page = 10;
    ui_list_init(&w->lists, 0);
    ui_list_init(&w->items, 0);
    if (ui_walk_count(w) == 0)
        return w;
    if (start < 0) {
        start = session_next_unanswered(ctx->session, 0);
        if (start < 0)
            start = 0;
    }
    ui_walk_goto(w, (size_t)start);
    /* The first item may be hidden by a condition: start on a visible one. */
    if (!ui_walk_visible(w, w->current))
        for (size_t i = 0; i < ui_walk_count(w); i++)
            if (ui_walk_visible(w, i)) {
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
    ui_pane_free(&w->pane);
    free(w->last_search);
    free(w->error);
    free(w->edit_base);
    free(w->unsaved);
    free(w);
}

/* ---- moving ---- */

static long walk_step(const ui_walk *w, size_t from, int direction, size_t steps)
{
    long found = -1;
    long i = (long)from;
    while (steps > 0) {
        i += direction;
        if (i < 0 || (size_t)i >= ui_walk_count(w))
            break;
        if (ui_walk_visible(w, (size_t)i)) {
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
        for (long i = direction > 0 ? (long)ui_walk_count(w) - 1 : 0;
             i >= 0 && (size_t)i < ui_walk_count(w); i -= direction)
            if (ui_walk_visible(w, (size_t)i)) {
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
    ui_context_say(w->ctx, UI_ROLE_WARNING, _("That was the last item; here is the first unanswered one."));
    return UI_ACT_REDRAW;
}

/* Opens the focused field for typing, starting from its stored text or from
 * `initial` when given (a digit that started a number). */
static void walk_edit(ui_walk *w, ui_walk_focus focus, const char *initial)
{
    const answer *a = ui_walk_answer_of(w);
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
    w->field.max_chars = focus == UI_FOCUS_NOTE || ui_walk_item(w)->type == ANSWER_TEXT ? 2000 : 200;
    ui_field_set(&w->field, text);
    ui_walk_set_error(w, NULL);
    w->due_warned = false;
    const char *stored = ui_walk_stored(w, focus);
    free(w->edit_base);
    w->edit_base = stored ? strdup(stored) : NULL;
}

static ui_action walk_after_answer(ui_walk *w)
{
    const session *s = walk_session(w);
    const instance_score *is = &s->score->instances[w->current];
    const answer *a = ui_walk_answer_of(w);
    w->editing = false;
    if (is->finding && (a == NULL || a->owner == NULL || a->owner[0] == '\0')) {
        w->chain = true;
        walk_edit(w, UI_FOCUS_OWNER, NULL);
        ui_context_say(w->ctx, UI_ROLE_WARNING, _("Who will fix this? (Enter saves, Esc skips)"));
        return UI_ACT_REDRAW;
    }
    sysattr_conflict c;
    char *text = sysattr_conflict_find(s->plan, w->current, s->answers, &c)
                     ? sysattr_conflict_text(&c, ui_walk_item(w), w->ctx->lang) : NULL;
    ui_action act = walk_advance(w);
    if (text != NULL) {
        /* said as the walk moves on; the item's pane keeps the line */
        char *line = NULL;
        if (asprintf(&line, "! %s", text) >= 0)
            ui_context_say(w->ctx, UI_ROLE_WARNING, line);
        free(line);
        free(text);
    }
    return act;
}

static ui_action walk_answer(ui_walk *w, const char *value)
{
    w->focus = UI_FOCUS_ANSWER;
    const char *stored = ui_walk_stored(w, UI_FOCUS_ANSWER);
    char *shown = stored ? strdup(stored) : NULL;
    bool changed = (stored && shown == NULL) || ui_walk_changed_meanwhile(w, UI_FOCUS_ANSWER, shown);
    free(shown);
    if (changed)
        return UI_ACT_REDRAW;
    if (ui_walk_commit(w, UI_FOCUS_ANSWER, value) != 0)
        return UI_ACT_REDRAW;
    return walk_after_answer(w);
}

bool ui_walk_has_remediation(const ui_walk *w)
{
    const instance_score *is = &walk_session(w)->score->instances[w->current];
    const answer *a = ui_walk_answer_of(w);
    return is->finding || (a && ((a->owner && *a->owner) || (a->due && *a->due)));
}

static ui_action walk_tab(ui_walk *w, int direction)
{
    int fields = ui_walk_has_remediation(w) ? 4 : 2;
    int f = (int)w->focus;
    if (f >= fields)
        f = 0;
    w->focus = (ui_walk_focus)((f + direction + fields) % fields);
    ui_walk_set_error(w, NULL);
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
    size_t n = ui_walk_count(w);
    for (size_t step = 1; step <= n; step++) {
        size_t i = (w->current + step) % n;
        if (ui_walk_visible(w, i) && walk_matches(w, i, needle)) {
            ui_walk_goto(w, i);
            return UI_ACT_REDRAW;
        }
    }
    const char *args[] = {needle};
    ui_context_sayf(w->ctx, UI_ROLE_WARNING, _("Not found: {1}"), args, 1);
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
        ui_walk_set_error(w, NULL);
        ui_context_say(w->ctx, UI_ROLE_NORMAL, NULL);
        if (w->chain) {
            /* Esc on the owner or the due-date prompt: the same for both. Nothing
             * typed there is kept, the asking stops, the focus is back on the answer */
            w->chain = false;
            w->focus = UI_FOCUS_ANSWER;
            ui_context_say(w->ctx, UI_ROLE_NORMAL,
                           _("Skipped. Tab reaches the remediation owner and due date when you want them."));
        }
        return UI_ACT_REDRAW;
    }
    if (r == UI_FIELD_CHANGED && w->error != NULL)
        ui_walk_set_error(w, NULL);   /* the message was about the text now changed */
    if (r == UI_FIELD_CHANGED)
        w->due_warned = false;     /* a new date is checked afresh */
    if (r != UI_FIELD_SUBMIT)
        return r == UI_FIELD_CHANGED ? UI_ACT_REDRAW : UI_ACT_NONE;
    char *text = ui_field_text(&w->field);
    if (text == NULL)
        return UI_ACT_REDRAW;
    ui_walk_focus focus = w->focus;
    if (ui_walk_changed_meanwhile(w, focus, w->edit_base)) {
        /* stay in the field; a second Enter writes over what is there now */
        const char *now = ui_walk_stored(w, focus);
        free(w->edit_base);
        w->edit_base = now ? strdup(now) : NULL;
        free(text);
        return UI_ACT_REDRAW;
    }
    int rc = ui_walk_commit(w, focus, text);
    free(text);
    if (rc != 0)
        return UI_ACT_REDRAW;   /* stay in the field, the message says why */
    w->editing = false;
    if (focus == UI_FOCUS_ANSWER)
        return walk_after_answer(w);
    if (w->chain && focus == UI_FOCUS_OWNER) {
        walk_edit(w, UI_FOCUS_DUE, NULL);
        ui_context_say(w->ctx, UI_ROLE_WARNING, _("Confirm the due date (Enter saves, Esc skips)"));
        return UI_ACT_REDRAW;
    }
    if (w->chain && focus == UI_FOCUS_DUE) {
        ui_context_say(w->ctx, UI_ROLE_NORMAL, NULL);
        return walk_advance(w);
    }
    ui_context_say(w->ctx, UI_ROLE_ANSWERED, _("Saved."));
    return UI_ACT_REDRAW;
}

static ui_action walk_take_over(ui_walk *w)
{
    const session *s = walk_session(w);
    const answer *prev = session_previous_answer(s, w->current);
    if (s->previous == NULL || prev == NULL || prev->value == NULL) {
        ui_context_say(w->ctx, UI_ROLE_WARNING, _("There is no previous answer to take over."));
        return UI_ACT_REDRAW;
    }
    char *value = strdup(prev->value);   /* prev may move when the answers reload */
    char *owner = prev->owner && *prev->owner ? strdup(prev->owner) : NULL;
    const char *stored = ui_walk_stored(w, UI_FOCUS_ANSWER);
    char *shown = stored ? strdup(stored) : NULL;
    if (value == NULL || (stored && shown == NULL)) {
        free(value);
        free(owner);
        free(shown);
        return UI_ACT_REDRAW;
    }
    /* re-read before the owner is written too, so that neither the answer
     * nor an owner recorded meanwhile elsewhere is written over unseen */
    bool changed = ui_walk_changed_meanwhile(w, UI_FOCUS_ANSWER, shown);
    free(shown);
    if (changed) {
        free(value);
        free(owner);
        return UI_ACT_REDRAW;
    }
    /* last time's remediation owner comes too, where none is given yet, so
     * the finding does not ask for it again */
    const char *mine = ui_walk_stored(w, UI_FOCUS_OWNER);
    bool with_owner = owner != NULL && (mine == NULL || *mine == '\0');
    if (with_owner && ui_walk_commit(w, UI_FOCUS_OWNER, owner) != 0)
        with_owner = false;
    ui_action act = walk_answer(w, value);
    if (w->error == NULL)
        ui_context_say(w->ctx, UI_ROLE_ANSWERED, with_owner ? _("Took over last time's answer and remediation owner.")
                                                            : _("Took over last time's answer."));
    free(value);
    free(owner);
    return act;
}

/* d or Delete: the first press asks, the second clears the focused field. */
static ui_action walk_clear(ui_walk *w)
{
    const answer *a = ui_walk_answer_of(w);
    const char *stored = a == NULL ? NULL
        : w->focus == UI_FOCUS_ANSWER ? a->value : w->focus == UI_FOCUS_NOTE ? a->note
        : w->focus == UI_FOCUS_OWNER ? a->owner : a->due;
    if (stored == NULL || *stored == '\0') {
        w->clearing = false;
        ui_context_say(w->ctx, UI_ROLE_NORMAL, _("This field is empty: there is nothing to clear."));
        return UI_ACT_REDRAW;
    }
    if (!w->clearing) {
        w->clearing = true;
        ui_context_say(w->ctx, UI_ROLE_WARNING,
                       _("Clear this field? Press d or Delete again to clear it; any other key keeps it."));
        return UI_ACT_REDRAW;
    }
    w->clearing = false;
    /* re-read, as every save does: what is cleared is what the screen showed */
    char *shown = strdup(stored);
    bool changed = shown == NULL || ui_walk_changed_meanwhile(w, w->focus, shown);
    free(shown);
    if (changed)
        return UI_ACT_REDRAW;
    if (ui_walk_commit(w, w->focus, "") == 0)
        ui_context_say(w->ctx, UI_ROLE_ANSWERED, _("Cleared."));
    return UI_ACT_REDRAW;
}

static ui_action walk_not_allowed(ui_walk *w)
{
    /* the core's one list of accepted forms, as the sheet's `allowed` column
     * and the command line's messages give it: yes|no (是|否) */
    char *allowed = answer_allowed_all(ui_walk_item(w));
    const char *args[] = {allowed ? allowed : ""};
    ui_context_sayf(w->ctx, UI_ROLE_WARNING, _("This item does not take that answer; it takes: {1}"), args, 1);
    free(allowed);
    return UI_ACT_REDRAW;
}

/* Enter on an unanswered yes/no or choice item: says which keys answer it. */
static ui_action walk_which_keys(ui_walk *w, const item *it)
{
    char *keys = NULL, *line = NULL;
    int rc = it->type == ANSWER_YESNO
        ? asprintf(&keys, "y %s   n %s%s%s%s%s", _("Yes"), _("No"),
                   it->allow_partial ? "   p " : "", it->allow_partial ? _("Partly") : "",
                   it->allow_na ? "   x " : "", it->allow_na ? _("Not applicable") : "")
        : asprintf(&keys, "1-%zu", it->choice_count);
    if (rc >= 0 && asprintf(&line, _("Not answered yet. The keys that answer it: %s"), keys) >= 0) {
        ui_context_say(w->ctx, UI_ROLE_WARNING, line);
        free(line);
    }
    if (rc >= 0)
        free(keys);
    return UI_ACT_REDRAW;
}

/* y/n/p/x, digits and arrows: the keys that answer the current item. */
static ui_action walk_answer_key(ui_walk *w, ui_key k, bool *handled)
{
    const item *it = ui_walk_item(w);
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
        if (ch >= 0x80) {
            /* a word typed through an input method (从未, 已安排 2027-01-15):
             * its first character opens the field, Enter reads the word */
            char initial[8];
            initial[ui_utf8_encode(ch, initial)] = '\0';
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

/* After a key: when the answers changed how many items are asked (a
 * condition hid or showed some), the status bar's answered/asked count
 * moves; say why beside whatever else the key said. */
static void walk_explain_asked(ui_walk *w, size_t before)
{
    const session *s = walk_session(w);
    size_t now = s && s->score ? s->score->asked : 0;
    if (now == before)
        return;
    size_t diff = now < before ? before - now : now - before;
    char n1[24], n2[24];
    snprintf(n1, sizeof n1, "%zu", diff);
    snprintf(n2, sizeof n2, "%zu", now);
    const char *args[] = {n1, n2};
    /* TRANSLATORS: {1} items, {2} items asked now (the total on the status bar) */
    char *note = ui_subst(now < before ? ngettext("Given the answers so far, {1} item is no longer asked; {2} are asked now.",
                                                  "Given the answers so far, {1} items are no longer asked; {2} are asked now.", diff)
                                       : ngettext("Given the answers so far, {1} more item is asked; {2} are asked now.",
                                                  "Given the answers so far, {1} more items are asked; {2} are asked now.", diff),
                          args, 2);
    if (note == NULL)
        return;
    ui_context *ctx = w->ctx;
    char *both = NULL;
    if (ctx->message == NULL || *ctx->message == '\0')
        ui_context_say(ctx, UI_ROLE_WARNING, note);
    else if (asprintf(&both, "%s  %s", ctx->message, note) >= 0) {
        ui_context_say(ctx, ctx->message_role, both);
        free(both);
    }
    free(note);
}

static ui_action walk_key(ui_walk *w, ui_key k);

ui_action ui_walk_key(ui_walk *w, ui_key k)
{
    const session *s = walk_session(w);
    size_t asked = s && s->score ? s->score->asked : 0;
    ui_action act = walk_key(w, k);
    if (act != UI_ACT_NONE && act != UI_ACT_QUIT)
        walk_explain_asked(w, asked);
    return act;
}

static ui_action walk_key(ui_walk *w, ui_key k)
{
    if (k.code == UI_KEY_RESIZE)
        return UI_ACT_REDRAW;
    /* F1 is the help while typing, as on every screen: the text stays */
    if (k.code == UI_KEY_F1)
        return UI_ACT_HELP;
    if (w->searching)
        return walk_search_key(w, k);
    if (w->editing && ui_walk_count(w) > 0)
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
    if (ui_walk_count(w) == 0)
        return UI_ACT_NONE;
    if (w->error && k.code != UI_KEY_ENTER)
        ui_walk_set_error(w, NULL);
    /* clearing a field takes the same key twice: any other key keeps it */
    bool clear_key = k.code == UI_KEY_DELETE || ch == 'd';
    if (clear_key)
        return walk_clear(w);
    w->clearing = false;

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
        return walk_move(w, -1, ui_walk_count(w));
    case UI_KEY_END:
        return walk_move(w, 1, ui_walk_count(w));
    case UI_KEY_TAB:
        return walk_tab(w, 1);
    case UI_KEY_BTAB:
        return walk_tab(w, -1);
    case UI_KEY_ENTER:
        if (w->focus == UI_FOCUS_ANSWER) {
            const item *it = ui_walk_item(w);
            const answer *a = ui_walk_answer_of(w);
            if (it->type == ANSWER_YESNO || it->type == ANSWER_CHOICE) {
                if (a && a->value)
                    return walk_advance(w);
                return walk_which_keys(w, it);
            }
        }
        walk_edit(w, w->focus, NULL);
        return UI_ACT_REDRAW;
    case UI_KEY_BACKSPACE:
    case UI_KEY_ESC:
        /* back, as on every screen: to the start screen (every answer is saved) */
        return UI_ACT_START;
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
            ui_context_say(w->ctx, UI_ROLE_ANSWERED, _("Every item is answered (s: summary)."));
            return UI_ACT_REDRAW;
        }
        ui_walk_goto(w, (size_t)next);
        return UI_ACT_REDRAW;
    }
    case 'c':
        return walk_take_over(w);
    case 'b':
        return UI_ACT_START;
    case '/':
        w->searching = true;
        w->search.max_chars = 100;
        ui_field_set(&w->search, NULL);
        return UI_ACT_REDRAW;
    default:
        return UI_ACT_NONE;
    }
}
