/* ui_systems.c: the information-systems screen's logic and layout (see
 * ui_systems.h). Every change goes to the store at once, like an answer. */
#include "ui_systems.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ident.h"
#include "text.h"

#define SYSTEM_NAME_MAX_CHARS 60

static void systems_fail(ui_systems *sy, const char *text)
{
    free(sy->error);
    sy->error = text ? strdup(text) : NULL;
}

/* Opens the store for one change: the screen holds no connection while the
 * user reads, so the command line can use the store meanwhile. */
static store *systems_store(ui_systems *sy)
{
    char *path = ui_context_store_path(sy->ctx), *err = NULL;
    store *db = NULL;
    if (path == NULL || store_open(path, &db, &err) != 0) {
        systems_fail(sy, err ? err : "cannot open the answer store");
        db = NULL;
    }
    free(err);
    free(path);
    return db;
}

/* Reloads the list, keeping the selection on `keep` (a code) when given. */
static void systems_reload(ui_systems *sy, const char *keep)
{
    system_info_free_array(sy->systems, sy->count);
    sy->systems = NULL;
    sy->count = 0;
    store *db = systems_store(sy);
    if (db == NULL)
        return;
    char *err = NULL;
    if (store_systems_list(db, &sy->systems, &sy->count, &err) != 0)
        systems_fail(sy, err);
    free(err);
    store_close(db);
    ui_list_set_count(&sy->list, sy->count);
    for (size_t i = 0; keep && i < sy->count; i++)
        if (strcmp(sy->systems[i].id, keep) == 0)
            ui_list_select(&sy->list, i);
}

ui_systems *ui_systems_new(ui_context *ctx)
{
    ui_systems *sy = calloc(1, sizeof *sy);
    if (sy == NULL)
        return NULL;
    sy->ctx = ctx;
    ui_list_init(&sy->list, 0);
    sy->fields[0].max_chars = 64;
    sy->fields[1].max_chars = SYSTEM_NAME_MAX_CHARS;
    systems_reload(sy, NULL);
    return sy;
}

void ui_systems_free(ui_systems *sy)
{
    if (sy == NULL)
        return;
    system_info_free_array(sy->systems, sy->count);
    ui_field_free(&sy->fields[0]);
    ui_field_free(&sy->fields[1]);
    free(sy->error);
    free(sy);
}

/* Checks the new system in the user's language, then stores it. */
static void systems_add(ui_systems *sy)
{
    ui_context *ctx = sy->ctx;
    char *code = ui_field_text_trimmed(&sy->fields[0]), *name = ui_field_text_trimmed(&sy->fields[1]), *err = NULL;
    if (code == NULL || name == NULL) {
        systems_fail(sy, _("out of memory"));
    } else if (!ident_name_valid(code)) {
        systems_fail(sy, _("The code may contain lower-case letters, digits and - only (not first), at most 64 characters, e.g. oa, web-portal."));
        sy->focus = 0;
    } else if (*name == '\0') {
        systems_fail(sy, _("Please type the system's name, e.g. Office automation."));
        sy->focus = 1;
    } else {
        /* the store is the judge of a code in use: another process may
         * have registered it since the list was read */
        store *db = systems_store(sy);
        int rc = db ? store_system_add(db, code, name, &err) : STORE_ERR;
        store_close(db);
        if (rc == STORE_ERR_EXISTS) {
            const char *args[] = {code};
            char *text = ui_subst(_("There is a system with code {1} already: choose another code."), args, 1);
            systems_fail(sy, text);
            free(text);
            sy->focus = 0;
        } else if (rc == 0) {
            systems_fail(sy, NULL);
            sy->mode = UI_SYSTEMS_LIST;
            const char *args[] = {code, name};
            ui_context_sayf(ctx, UI_ROLE_ANSWERED, _("Registered system {1} ({2})"), args, 2);
            systems_reload(sy, code);
        } else if (db != NULL) {
            systems_fail(sy, err);
        }
    }
    free(err);
    free(code);
    free(name);
}

static void systems_remove(ui_systems *sy)
{
    sy->mode = UI_SYSTEMS_LIST;
    if (sy->list.selected >= sy->count)
        return;
    store *db = systems_store(sy);
    if (db == NULL)
        return;
    char *err = NULL;
    const system_info *s = &sy->systems[sy->list.selected];
    if (store_system_remove(db, s->id, &err) != 0) {
        systems_fail(sy, err);
    } else {
        const char *args[] = {s->id, s->name};
        ui_context_sayf(sy->ctx, UI_ROLE_ANSWERED, _("Removed system {1} ({2})"), args, 2);
        systems_fail(sy, NULL);
    }
    free(err);
    store_close(db);
    systems_reload(sy, NULL);
}

static ui_action systems_add_key(ui_systems *sy, ui_key k)
{
    if (k.code == UI_KEY_F1)
        return UI_ACT_HELP;
    if (k.code == UI_KEY_TAB || k.code == UI_KEY_DOWN || k.code == UI_KEY_BTAB || k.code == UI_KEY_UP) {
        sy->focus = 1 - sy->focus;
        return UI_ACT_REDRAW;
    }
    switch (ui_field_key(&sy->fields[sy->focus], k)) {
    case UI_FIELD_SUBMIT:
        if (sy->focus == 0)
            sy->focus = 1;
        else
            systems_add(sy);
        return UI_ACT_REDRAW;
    case UI_FIELD_CANCEL:
        sy->mode = UI_SYSTEMS_LIST;
        systems_fail(sy, NULL);
        return UI_ACT_REDRAW;
    case UI_FIELD_CHANGED:
        return UI_ACT_REDRAW;
    case UI_FIELD_IGNORED:
        break;
    }
    return UI_ACT_NONE;
}

ui_action ui_systems_key(ui_systems *sy, ui_key k)
{
    if (k.code == UI_KEY_RESIZE)
        return UI_ACT_REDRAW;
    if (sy->mode == UI_SYSTEMS_ADD)
        return systems_add_key(sy, k);
    ui_context_say(sy->ctx, UI_ROLE_NORMAL, NULL);
    k = ui_key_command(k);
    unsigned ch = k.code == UI_KEY_CHAR ? k.ch : 0;
    if (sy->mode == UI_SYSTEMS_CONFIRM) {
        if (ch == 'y' || ch == 'd')
            systems_remove(sy);
        else
            sy->mode = UI_SYSTEMS_LIST;   /* any other key keeps the system */
        return UI_ACT_REDRAW;
    }
    if (ch == 'q')
        return UI_ACT_QUIT;
    if (ch == '?' || k.code == UI_KEY_F1)
        return UI_ACT_HELP;
    if (ch == 'L') {
        ui_context_switch_lang(sy->ctx);
        return UI_ACT_REDRAW;
    }
    if (k.code == UI_KEY_ESC || k.code == UI_KEY_BACKSPACE || ch == 'b')
        return UI_ACT_START;
    if (ch == 'a' || k.code == UI_KEY_ENTER) {
        sy->mode = UI_SYSTEMS_ADD;
        sy->focus = 0;
        ui_field_set(&sy->fields[0], NULL);
        ui_field_set(&sy->fields[1], NULL);
        systems_fail(sy, NULL);
        return UI_ACT_REDRAW;
    }
    if ((ch == 'd' || k.code == UI_KEY_DELETE) && sy->count > 0) {
        sy->mode = UI_SYSTEMS_CONFIRM;
        return UI_ACT_REDRAW;
    }
    if (ui_list_key(&sy->list, k))
        return UI_ACT_REDRAW;
    return UI_ACT_NONE;
}

/* The add form: two labelled fields. Returns the rows used. */
static int systems_render_form(ui_systems *sy, ui_canvas *c, int y, int width)
{
    static const char *const labels[2] = {N_("Code"), N_("Name")};
    int label_cols = 0;
    for (int i = 0; i < 2; i++) {
        int w = (int)text_width(_(labels[i]));
        if (w > label_cols)
            label_cols = w;
    }
    int cursor_row = -1, cursor_col = -1;
    for (int i = 0; i < 2; i++) {
        bool focused = sy->focus == i;
        if (focused)
            ui_canvas_put(c, y + i, 2, 1, UI_ROLE_SELECTED, ">");
        ui_canvas_put(c, y + i, 4, label_cols, focused ? UI_ROLE_SELECTED : UI_ROLE_NORMAL,
                      _(labels[i]));
        int fw = width - label_cols - 4;
        ui_field_render(&sy->fields[i], c, y + i, 6 + label_cols, fw > 62 ? 62 : fw, UI_ROLE_INPUT);
        if (focused) {
            cursor_row = c->cursor_row;
            cursor_col = c->cursor_col;
        }
    }
    ui_canvas_cursor(c, cursor_row, cursor_col);
    return 2;
}

typedef struct systems_draw {
    const ui_systems *sy;
    int code_cols;
} systems_draw;

static void systems_draw_row(void *data, ui_canvas *c, int row, int col, int width, size_t i, bool selected)
{
    const systems_draw *d = data;
    const system_info *s = &d->sy->systems[i];
    ui_role role = selected ? UI_ROLE_SELECTED : UI_ROLE_NORMAL;
    if (selected)
        ui_canvas_put(c, row, col, 1, role, ">");
    ui_canvas_put_cut(c, row, col + 2, d->code_cols, role, s->id);
    ui_canvas_put_cut(c, row, col + 4 + d->code_cols, width - d->code_cols - 4, role, s->name);
}

void ui_systems_render(ui_systems *sy, ui_canvas *c)
{
    const ui_context *ctx = sy->ctx;
    ui_render_title(ctx, c, _("The unit's information systems"));
    int width = c->cols - 4, y = 2;
    y += ui_render_wrapped(c, y, 2, width, 3, 0, UI_ROLE_NORMAL, _("Per-system items (flaws, passwords, backups, MLPS assessment) are asked once for each system here; after a significant change of a system, the start screen offers its re-assessment.")) + 1;

    /* the list, scrolled to keep the selection in view, above the form and
     * the message lines that the bottom of the screen keeps for them */
    int bottom = c->rows - 3 - (sy->mode == UI_SYSTEMS_ADD ? 3 : 0) - (sy->error ? 2 : 0);
    int rows = bottom - y;
    if (sy->count == 0) {
        ui_render_wrapped(c, y, 2, width, 2, 0, UI_ROLE_DIM, _("No systems registered yet. Press a to register the first, for example code oa, name Office automation."));
    } else if (rows > 0) {
        systems_draw d = {sy, 0};
        for (size_t i = 0; i < sy->count; i++) {
            int w = (int)text_width(sy->systems[i].id);
            if (w > d.code_cols)
                d.code_cols = w;
        }
        if (d.code_cols > 24)
            d.code_cols = 24;
        sy->list.show_selection = sy->mode != UI_SYSTEMS_ADD;
        ui_list_render(&sy->list, c, y, 2, width + 1, rows, systems_draw_row, &d);
    }
    int line = bottom + 1;
    if (sy->error)
        line += ui_render_wrapped(c, bottom, 2, width, 2, 0, UI_ROLE_WARNING, sy->error);
    if (sy->mode == UI_SYSTEMS_ADD)
        systems_render_form(sy, c, line, width);
    const char *hints = sy->mode == UI_SYSTEMS_ADD ? _("Enter next/save  Tab switch  Esc cancel  F1 help") : _("a add  d remove  Up/Down choose  Esc back  L language  ? help  q quit");
    if (sy->mode == UI_SYSTEMS_CONFIRM && sy->list.selected < sy->count) {
        const char *args[] = {sy->systems[sy->list.selected].id, sy->systems[sy->list.selected].name};
        char *ask = ui_subst(_("Remove system {1} ({2})? Press d or y again to confirm, any other key to keep it. Finished checks and answers given stay as they are."), args, 2);
        ui_render_wrapped(c, bottom, 2, width, 2, 0, UI_ROLE_WARNING, ask);
        free(ask);
    }
    ui_render_hints(ctx, c, hints);
    ui_render_status(ctx, c);
}
