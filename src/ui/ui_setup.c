/* ui_setup.c: the first-run screen's logic and layout (see ui_setup.h). */
#include "ui_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "i18n.h"
#include "ident.h"
#include "text.h"
#include "ui_export.h"

/* The fields' labels, msgids. */
static const char *const setup_labels[3] = {N_("Unit code"), N_("Unit name"), N_("Assessor")};

ui_setup *ui_setup_new(ui_context *ctx)
{
    ui_setup *st = calloc(1, sizeof *st);
    if (st == NULL)
        return NULL;
    st->ctx = ctx;
    const config *cfg = ctx->cfg;
    /* the code is not cut at 32 characters: a longer one is kept and refused
     * with a message, so that what was typed is seen (and 64 stops a stuck key) */
    st->fields[0].max_chars = 2 * IDENT_UNIT_CODE_MAX;
    st->fields[1].max_chars = 100;
    st->fields[2].max_chars = 50;
    ui_field_set(&st->fields[0], cfg->unit_code);
    ui_field_set(&st->fields[1], cfg->unit_name);
    ui_field_set(&st->fields[2], cfg->assessor);
    st->key_exists = cfg->signing_key && fsutil_exists(cfg->signing_key);
    st->keygen = !st->key_exists;
    return st;
}

void ui_setup_free(ui_setup *st)
{
    if (st == NULL)
        return;
    for (int i = 0; i < 3; i++)
        ui_field_free(&st->fields[i]);
    free(st->error);
    free(st);
}

static void setup_fail(ui_setup *st, const char *text)
{
    free(st->error);
    st->error = text ? strdup(text) : NULL;
}

char *ui_setup_problem(const ui_setup *st, int field)
{
    char *text = field >= 0 && field < 3 ? ui_field_text_trimmed(&st->fields[field]) : NULL;
    if (text == NULL)
        return NULL;
    char *problem = NULL;
    size_t n = strlen(text);
    if (field == UI_SETUP_CODE) {
        if (n == 0)
            problem = strdup(_("Required: the code your supervisor registered for your unit."));
        else if (n > IDENT_UNIT_CODE_MAX) {
            char count[24];
            snprintf(count, sizeof count, "%zu", n);
            const char *args[] = {count};
            problem = ui_subst(_("{1} characters: at most 32 are allowed."), args, 1);
        } else if (!ident_unit_code_valid(text))
            problem = strdup(_("Letters, digits, - and _ only (no spaces)."));
    } else if (n == 0) {
        problem = strdup(_("Required."));
    }
    free(text);
    return problem;
}

/* Whether the form holds anything that Esc would throw away. */
static bool setup_changed(const ui_setup *st)
{
    const config *cfg = st->ctx->cfg;
    const char *saved[3] = {cfg->unit_code, cfg->unit_name, cfg->assessor};
    bool changed = false;
    for (int i = 0; i < 3 && !changed; i++) {
        char *text = ui_field_text(&st->fields[i]);
        changed = text == NULL || strcmp(text, saved[i] ? saved[i] : "") != 0;
        free(text);
    }
    return changed;
}

/* Validates, generates the key if asked, and saves. Returns 0 when saved. */
static int setup_save(ui_setup *st)
{
    ui_context *ctx = st->ctx;
    char *values[3];
    for (int i = 0; i < 3; i++)
        values[i] = ui_field_text_trimmed(&st->fields[i]);
    int rc = -1;
    char *err = NULL, *path = NULL, *key_id = NULL;
    if (!values[0] || !values[1] || !values[2])
        goto done;
    for (int i = 0; i < 3; i++) {
        char *problem = ui_setup_problem(st, i);
        st->touched[i] = true;
        if (problem != NULL) {
            /* said under the field and, with the field's name, under Save */
            const char *args[] = {_(setup_labels[i]), problem};
            free(st->error);
            st->error = ui_subst(_("{1}: {2}"), args, 2);
            free(problem);
            st->focus = i;
            goto done;
        }
    }
    config *cfg = ctx->cfg;
    if (ui_set_string(&cfg->unit_code, values[0]) || ui_set_string(&cfg->unit_name, values[1])
        || ui_set_string(&cfg->assessor, values[2]))
        goto done;
    if (st->keygen && !st->key_exists) {
        if (ui_export_keygen(cfg, &key_id, &err) != 0) {
            setup_fail(st, err);
            goto done;
        }
        st->key_exists = true;
    }
    path = ui_context_config_save_path(ctx);
    if (path == NULL || config_save(cfg, path, &err) != 0) {
        setup_fail(st, err ? err : "cannot save the configuration");
        goto done;
    }
    const char *args[] = {path, key_id ? key_id : ""};
    ui_context_sayf(ctx, UI_ROLE_ANSWERED, key_id ? _("Settings saved to {1}; signing key generated, id {2}") : _("Settings saved to {1}"), args, 2);
    rc = 0;
done:
    for (int i = 0; i < 3; i++)
        free(values[i]);
    free(err);
    free(path);
    free(key_id);
    return rc;
}

static int setup_next_focus(const ui_setup *st, int focus, int direction)
{
    focus = (focus + direction + UI_SETUP_FOCUS_COUNT) % UI_SETUP_FOCUS_COUNT;
    if (focus == UI_SETUP_KEYGEN && st->key_exists)
        focus = (focus + direction + UI_SETUP_FOCUS_COUNT) % UI_SETUP_FOCUS_COUNT;
    return focus;
}

ui_action ui_setup_key(ui_setup *st, ui_key k)
{
    if (k.code == UI_KEY_RESIZE)
        return UI_ACT_REDRAW;
    if (k.code == UI_KEY_F1)
        return UI_ACT_HELP;
    if (st->confirm_quit) {
        /* Esc asked; a second Esc quits, any other key goes back to the form */
        st->confirm_quit = false;
        ui_context_say(st->ctx, UI_ROLE_NORMAL, NULL);
        return k.code == UI_KEY_ESC ? UI_ACT_QUIT : UI_ACT_REDRAW;
    }
    if (k.code == UI_KEY_ESC) {
        if (!setup_changed(st))
            return UI_ACT_QUIT;
        st->confirm_quit = true;
        ui_context_say(st->ctx, UI_ROLE_WARNING,
                       _("Quit without saving? What was typed is lost. Press Esc again to quit, any other key to go back."));
        return UI_ACT_REDRAW;
    }
    if (st->focus < 3 && (k.code == UI_KEY_TAB || k.code == UI_KEY_DOWN || k.code == UI_KEY_BTAB
                          || k.code == UI_KEY_UP || k.code == UI_KEY_ENTER))
        st->touched[st->focus] = true;   /* leaving a field: an empty one now says it is required */
    if (k.code == UI_KEY_TAB || k.code == UI_KEY_DOWN) {
        st->focus = setup_next_focus(st, st->focus, 1);
        return UI_ACT_REDRAW;
    }
    if (k.code == UI_KEY_BTAB || k.code == UI_KEY_UP) {
        st->focus = setup_next_focus(st, st->focus, -1);
        return UI_ACT_REDRAW;
    }
    if (st->focus < 3) {
        ui_field_result r = ui_field_key(&st->fields[st->focus], k);
        if (r == UI_FIELD_CHANGED && st->focus == UI_SETUP_CODE)
            st->touched[UI_SETUP_CODE] = true;   /* the code is checked as it is typed */
        if (r == UI_FIELD_SUBMIT)
            st->focus = setup_next_focus(st, st->focus, 1);
        return r == UI_FIELD_IGNORED ? UI_ACT_NONE : UI_ACT_REDRAW;
    }
    k = ui_key_command(k);
    if (st->focus == UI_SETUP_KEYGEN) {
        if (k.code == UI_KEY_CHAR && (k.ch == ' ' || k.ch == 'y' || k.ch == 'n')) {
            st->keygen = k.ch == ' ' ? !st->keygen : k.ch == 'y';
            return UI_ACT_REDRAW;
        }
        if (k.code == UI_KEY_ENTER) {
            st->focus = UI_SETUP_SAVE;
            return UI_ACT_REDRAW;
        }
    }
    if (k.code == UI_KEY_CHAR && k.ch == '?')
        return UI_ACT_HELP;
    if (st->focus == UI_SETUP_SAVE && k.code == UI_KEY_ENTER)
        return setup_save(st) == 0 ? UI_ACT_START : UI_ACT_REDRAW;
    return UI_ACT_NONE;
}

void ui_setup_render(ui_setup *st, ui_canvas *c)
{
    const ui_context *ctx = st->ctx;
    ui_render_title(ctx, c, _("First run: about your unit"));
    int y = 2, width = c->cols - 4;
    char *path = ui_context_config_save_path(ctx);
    const char *args[] = {path ? path : ""};
    char *intro = ui_subst(_("These settings are saved in {1} and go into every report. Edit that file to change them later."), args, 1);
    y += ui_render_wrapped(c, y, 2, width, 4, 0, UI_ROLE_NORMAL, intro);
    free(intro);
    free(path);
    y++;
    int label_cols = 0;
    for (int i = 0; i < 3; i++) {
        int w = (int)text_width(_(setup_labels[i]));
        if (w > label_cols)
            label_cols = w;
    }
    int cursor_row = -1, cursor_col = -1;
    for (int i = 0; i < 3; i++, y += 2) {
        bool focused = st->focus == i;
        if (focused)
            ui_canvas_put(c, y, 2, 1, UI_ROLE_SELECTED, ">");
        ui_canvas_put(c, y, 4, label_cols, focused ? UI_ROLE_SELECTED : UI_ROLE_NORMAL, _(setup_labels[i]));
        int fw = width - label_cols - 4;
        if (fw > 50)
            fw = 50;
        ui_field_render(&st->fields[i], c, y, 6 + label_cols, fw, UI_ROLE_INPUT);
        if (focused) {
            cursor_row = c->cursor_row;
            cursor_col = c->cursor_col;
        }
        /* the row below: what is wrong with the field, or what the code is for */
        char *problem = st->touched[i] ? ui_setup_problem(st, i) : NULL;
        if (problem != NULL)
            ui_canvas_put_cut(c, y + 1, 6 + label_cols, width - label_cols - 2, UI_ROLE_WARNING, problem);
        else if (i == UI_SETUP_CODE && focused)
            ui_canvas_put_cut(c, y + 1, 6 + label_cols, width - label_cols - 2, UI_ROLE_NORMAL,
                              _("As your supervisor registered it: reports are checked against it."));
        free(problem);
    }
    const char *key = ctx->cfg->signing_key ? ctx->cfg->signing_key : "";
    const char *kargs[] = {key};
    char *keyline = ui_subst(st->key_exists ? _("Signing key already present: {1}")
                                                  : _("Generate the unit's signing key ({1}) to sign reports"),
                             kargs, 1);
    ui_role key_role = st->focus == UI_SETUP_KEYGEN ? UI_ROLE_SELECTED : UI_ROLE_NORMAL;
    if (st->focus == UI_SETUP_KEYGEN)
        ui_canvas_put(c, y, 2, 1, UI_ROLE_SELECTED, ">");
    if (!st->key_exists)
        ui_canvas_put(c, y, 4, 3, key_role, st->keygen ? "[x]" : "[ ]");
    int n = ui_render_wrapped(c, y, 8, width - 6, 3, 0, key_role, keyline);
    y += (n > 0 ? n : 1) + 1;
    free(keyline);
    if (st->focus == UI_SETUP_SAVE)
        ui_canvas_put(c, y, 2, 1, UI_ROLE_SELECTED, ">");
    char *save = NULL;
    if (asprintf(&save, "[ %s ]", _("Save")) >= 0) {
        ui_canvas_put(c, y, 4, width, st->focus == UI_SETUP_SAVE ? UI_ROLE_SELECTED : UI_ROLE_NORMAL, save);
        free(save);
    }
    y += 2;
    if (st->error)
        ui_render_wrapped(c, y, 2, width, c->rows - 3 - y, 0, UI_ROLE_WARNING, st->error);
    ui_canvas_cursor(c, cursor_row, cursor_col);
    ui_render_hints(ctx, c, _("Tab/Up/Down move  Enter next  Space toggle  Esc quit unsaved  F1 help"));
    ui_render_status(ctx, c);
}
