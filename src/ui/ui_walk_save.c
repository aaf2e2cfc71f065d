/* ui_walk_save.c: saving a field of the walk-through (see ui_walk.h): the
 * input checked in the user's language before the core sees it, the item read
 * again before every write so that an answer another program recorded
 * meanwhile (answer --from) is never written over unseen, and the text still
 * being typed when the program is ended. */
#include "ui_walk.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "i18n.h"
#include "period.h"
#include "text.h"

/* ---- validation, in the user's language, before the core sees the input ---- */

char *ui_walk_format_number(double v)
{
    char *out = NULL;
    return asprintf(&out, "%g", v) < 0 ? NULL : out;
}

static char *walk_check_number(const ui_walk *w, const item *it, const char *input)
{
    char *end = NULL;
    double v = strtod(input, &end);
    if (end == input || *end != '\0' || !isfinite(v))
        return strdup(_("Please type a number, e.g. 7."));
    if (v < it->number_min || v > it->number_max) {
        char *lo = ui_walk_format_number(it->number_min), *hi = ui_walk_format_number(it->number_max);
        const char *args[] = {lo ? lo : "", hi ? hi : "",
                              ui_context_en(w->ctx) ? it->unit_en : it->unit_zh};
        char *msg = ui_subst(_("The number must be between {1} and {2} {3}."), args, 3);
        free(lo);
        free(hi);
        return msg;
    }
    return NULL;
}

/* A date is read by the core's one reader, in every form a sheet takes
 * (2026-12-20, 2026/12/20, 2026.12.20, 2026年12月20日, 26年12月20日); a form
 * whose order is a guess is refused with the forms that are accepted. */
static char *walk_check_date(const ui_walk *w, const char *input, bool may_be_future)
{
    civil_date d, today;
    char *err = NULL;
    if (answer_date_parse(input, &d, &err) != 0)
        return err ? err : strdup("?");
    if (!may_be_future && date_parse(w->ctx->today, &today) == 0
        && date_to_days(d) > date_to_days(today)) {
        const char *args[] = {w->ctx->today};
        return ui_subst(_("The date cannot be after today ({1})."), args, 1);
    }
    return NULL;
}

/* Whether a valid date lies before today. */
static bool walk_date_past(const ui_walk *w, const char *input)
{
    civil_date d, today;
    return answer_read_date(input, &d) == 0 && date_parse(w->ctx->today, &today) == 0
        && date_to_days(d) < date_to_days(today);
}

/* The stored text of one field of the current item, or NULL. */
const char *ui_walk_stored(const ui_walk *w, ui_walk_focus focus)
{
    const answer *a = ui_walk_answer_of(w);
    if (a == NULL)
        return NULL;
    return focus == UI_FOCUS_ANSWER ? a->value : focus == UI_FOCUS_NOTE ? a->note
         : focus == UI_FOCUS_OWNER ? a->owner : a->due;
}

static bool walk_same_text(const char *x, const char *y)
{
    return strcmp(x ? x : "", y ? y : "") == 0;
}

/* Re-reads the answers before a field is written, so that an answer recorded
 * meanwhile by another program (the command line, a sheet) is not written
 * over unseen. `base` is what the screen showed. Returns true, with a message
 * naming what is stored now, when the field changed under the screen. */
bool ui_walk_changed_meanwhile(ui_walk *w, ui_walk_focus focus, const char *base)
{
    char *err = NULL;
    if (session_refresh(w->ctx->session, &err) != 0) {
        ui_walk_set_error(w, err);
        return true;
    }
    const char *now = ui_walk_stored(w, focus);
    if (walk_same_text(now, base))
        return false;
    char *shown = NULL;
    if (focus == UI_FOCUS_ANSWER && now != NULL)
        shown = answer_display(ui_walk_item(w), now, w->ctx->lang);
    const char *args[] = {now == NULL || *now == '\0' ? _("(empty)") : shown ? shown : now};
    ui_walk_set_error(w, ui_subst(_("Meanwhile this was changed elsewhere; it is now: {1}. Give your answer again to write over it."), args, 1));
    free(shown);
    return true;
}

/* Stores one field of the current item. Returns 0, or -1 with w->error set
 * (the input is kept in the field so that it can be corrected). */
int ui_walk_commit(ui_walk *w, ui_walk_focus focus, const char *input)
{
    session *s = w->ctx->session;
    const item *it = ui_walk_item(w);
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
        if (problem == NULL && *input != '\0' && !w->due_warned && walk_date_past(w, input)) {
            /* a remediation due before today is most likely a slip: ask again */
            w->due_warned = true;
            const char *args[] = {input, w->ctx->today};
            problem = ui_subst(_("The due date {1} is already past (today is {2}). Type another date, or press Enter again to keep it."), args, 2);
        }
        break;
    }
    if (problem == NULL && session_set(s, w->current, field, input, &err) != 0)
        problem = err ? err : strdup("?");
    free(folded);
    if (problem != NULL) {
        ui_walk_set_error(w, problem);
        return -1;
    }
    ui_walk_set_error(w, NULL);
    return 0;
}

/* "backup-daily" or "backup-daily@oa": the item a line on the terminal names. */
static char *walk_item_name(const ui_walk *w)
{
    const instance *in = &w->ctx->session->plan->items[w->current];
    char *out = NULL;
    int rc = in->system_id && *in->system_id ? asprintf(&out, "%s@%s", in->item->id, in->system_id)
                                            : asprintf(&out, "%s", in->item->id);
    return rc < 0 ? NULL : out;
}

static const char *walk_field_name(ui_walk_focus focus)
{
    switch (focus) {
    case UI_FOCUS_ANSWER: return _("answer");
    case UI_FOCUS_NOTE: return _("note");
    case UI_FOCUS_OWNER: return _("remediation owner");
    case UI_FOCUS_DUE: return _("remediation due date");
    }
    return "?";
}

void ui_walk_flush(ui_walk *w)
{
    if (!w->editing || ui_walk_count(w) == 0)
        return;
    w->editing = false;
    char *text = ui_field_text(&w->field);
    if (text == NULL || *text == '\0') {
        free(text);
        return;
    }
    /* re-read first, as every save does: an answer recorded meanwhile by
     * another program (answer --from) is not written over unseen. Nobody is
     * there to confirm now, so what is stored stays, and what was typed is
     * kept in w->unsaved for the terminal once it is restored */
    ui_walk_focus focus = w->focus;
    char *item_name = walk_item_name(w);
    char *err = NULL;
    const char *problem = NULL;
    if (session_refresh(w->ctx->session, &err) != 0) {
        problem = err ? err : "?";
    } else {
        const char *now = ui_walk_stored(w, focus);
        if (walk_same_text(now, text)) {
            free(text);
            free(item_name);
            return;
        }
        if (!walk_same_text(now, w->edit_base)) {
            char *shown = focus == UI_FOCUS_ANSWER && now ? answer_display(ui_walk_item(w), now, w->ctx->lang) : NULL;
            const char *args[] = {walk_field_name(focus), item_name ? item_name : "?",
                                  now == NULL || *now == '\0' ? _("(empty)") : shown ? shown : now, text};
            free(w->unsaved);
            w->unsaved = ui_subst(_("Not saved: while you typed, the {1} of item {2} was changed elsewhere to: {3}. What you typed: {4}"), args, 4);
            free(shown);
            free(text);
            free(item_name);
            return;
        }
        w->due_warned = true;   /* a past due date cannot be asked about again now: kept */
        if (ui_walk_commit(w, focus, text) != 0)
            problem = w->error ? w->error : "?";
    }
    if (problem != NULL) {
        const char *args[] = {walk_field_name(focus), item_name ? item_name : "?", problem, text};
        free(w->unsaved);
        w->unsaved = ui_subst(_("Not saved: the {1} of item {2} typed when the program was ended: {3} What you typed: {4}"), args, 4);
    }
    free(err);
    free(text);
    free(item_name);
}
