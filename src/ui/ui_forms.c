/* ui_forms.c: the annex forms screen's logic and layout (see ui_forms.h).
 * Like the systems screen it holds no store connection while the user reads:
 * each change opens the store, records, and reloads. */
#include "ui_forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms_store.h"
#include "i18n.h"
#include "inventory.h"
#include "survey.h"
#include "text.h"

static void forms_fail(ui_forms *f, const char *text)
{
    free(f->error);
    f->error = text ? strdup(text) : NULL;
}

/* Opens the store and the forms' tables for one read or change. */
static int forms_open(ui_forms *f, store **db, forms_store **fs)
{
    char *path = ui_context_store_path(f->ctx), *err = NULL;
    *db = NULL;
    *fs = NULL;
    int rc = path == NULL || store_open(path, db, &err) != 0 || forms_store_open(path, fs, &err) != 0 ? -1 : 0;
    if (rc != 0) {
        forms_fail(f, err ? err : _("out of memory"));
        store_close(*db);
        *db = NULL;
    }
    free(err);
    free(path);
    return rc;
}

static int add_line(ui_forms *f, size_t *capacity, ui_forms_line line)
{
    if (f->line_count == *capacity) {
        size_t grown_capacity = *capacity ? *capacity * 2 : 64;
        ui_forms_line *grown = realloc(f->lines, grown_capacity * sizeof *grown);
        if (grown == NULL)
            return -1;
        f->lines = grown;
        *capacity = grown_capacity;
    }
    f->lines[f->line_count++] = line;
    return 0;
}

static int add_record(ui_forms *f, size_t *capacity, const forms_record *r, const forms_field *fields, size_t n)
{
    if (add_line(f, capacity, (ui_forms_line){r, NULL, 0, r->id}) != 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (add_line(f, capacity, (ui_forms_line){r, &fields[i], i, r->id}) != 0)
            return -1;
    return 0;
}

static bool line_selectable(const void *data, size_t i)
{
    const ui_forms *f = data;
    return f->lines[i].field != NULL;
}

/* Reloads the form from the store, keeping the selected line. */
static void forms_reload(ui_forms *f)
{
    size_t keep = f->list.selected;
    forms_data_free(f->data);
    f->data = NULL;
    free(f->lines);
    f->lines = NULL;
    f->line_count = 0;
    store *db;
    forms_store *fs;
    if (forms_open(f, &db, &fs) == 0) {
        system_info *systems = NULL;
        size_t count = 0;
        char *err = NULL;
        if (store_systems_list(db, &systems, &count, &err) != 0 ||
            forms_store_load(fs, f->def, systems, count, &f->data, &err) != 0)
            forms_fail(f, err);
        free(err);
        system_info_free_array(systems, count);
        forms_store_close(fs);
        store_close(db);
    }
    size_t capacity = 0;
    bool failed = false;
    if (f->data != NULL) {
        failed = add_record(f, &capacity, &f->data->unit, f->def->unit, f->def->unit_count) != 0;
        for (size_t i = 0; i < f->data->row_count && !failed; i++)
            failed = add_record(f, &capacity, &f->data->rows[i], f->def->row, f->def->row_count) != 0;
    }
    if (failed) {
        free(f->lines);
        f->lines = NULL;
        f->line_count = 0;
        forms_fail(f, _("out of memory"));
    }
    f->list.selectable = line_selectable;
    f->list.data = f;
    ui_list_set_count(&f->list, f->line_count);
    if (f->line_count > 0)
        ui_list_select(&f->list, keep < f->line_count ? keep : 0);
}

ui_forms *ui_forms_new(ui_context *ctx)
{
    ui_forms *f = calloc(1, sizeof *f);
    if (f == NULL)
        return NULL;
    f->ctx = ctx;
    f->def = &inventory_form;
    ui_list_init(&f->list, 0);
    f->field.max_chars = 500;
    forms_reload(f);
    return f;
}

void ui_forms_free(ui_forms *f)
{
    if (f == NULL)
        return;
    forms_data_free(f->data);
    free(f->lines);
    ui_field_free(&f->field);
    free(f->error);
    free(f);
}

/* Checks and records the edited value of the selected field. */
static void forms_submit(ui_forms *f)
{
    const ui_forms_line *line = &f->lines[f->list.selected];
    char *text = ui_field_text_trimmed(&f->field), *err = NULL;
    size_t len = text ? strlen(line->field->key) + strlen(text) + 2 : 0;
    char *assignment = text ? malloc(len) : NULL;
    forms_changes changes = {0};
    store *db;
    forms_store *fs;
    if (assignment == NULL) {
        forms_fail(f, _("out of memory"));
    } else {
        snprintf(assignment, len, "%s=%s", line->field->key, text);
        if (forms_changes_add(&changes, f->data, line->record->id, assignment, &err) != 0) {
            forms_fail(f, err);
        } else if (forms_open(f, &db, &fs) == 0) {
            if (forms_store_apply(fs, f->def, &changes, &err) != 0) {
                forms_fail(f, err);
            } else {
                forms_fail(f, NULL);
                f->editing = false;
                ui_context_say(f->ctx, UI_ROLE_ANSWERED, _("Recorded."));
            }
            forms_store_close(fs);
            store_close(db);
        }
    }
    forms_changes_clear(&changes);
    free(assignment);
    free(text);
    free(err);
    if (!f->editing)
        forms_reload(f);
}

static ui_action forms_edit_key(ui_forms *f, ui_key k)
{
    switch (ui_field_key(&f->field, k)) {
    case UI_FIELD_SUBMIT: forms_submit(f); return UI_ACT_REDRAW;
    case UI_FIELD_CANCEL:
        f->editing = false;
        forms_fail(f, NULL);
        return UI_ACT_REDRAW;
    case UI_FIELD_CHANGED: return UI_ACT_REDRAW;
    case UI_FIELD_IGNORED: break;
    }
    return k.code == UI_KEY_RESIZE ? UI_ACT_REDRAW : UI_ACT_NONE;
}

ui_action ui_forms_key(ui_forms *f, ui_key k)
{
    if (f->editing)
        return forms_edit_key(f, k);
    ui_context_say(f->ctx, UI_ROLE_NORMAL, NULL);
    k = ui_key_command(k);
    unsigned ch = k.code == UI_KEY_CHAR ? k.ch : 0;
    if (ch == 'q')
        return UI_ACT_QUIT;
    if (ch == 'L') {
        ui_context_switch_lang(f->ctx);
        return UI_ACT_REDRAW;
    }
    if (k.code == UI_KEY_ESC || k.code == UI_KEY_BACKSPACE || ch == 'b')
        return UI_ACT_START;
    if (ch == 'w') {
        f->def = f->def == &inventory_form ? &survey_form : &inventory_form;
        f->list.selected = 0;
        forms_fail(f, NULL);
        forms_reload(f);
        return UI_ACT_REDRAW;
    }
    if (k.code == UI_KEY_ENTER && f->list.selected < f->line_count && f->lines[f->list.selected].field) {
        const ui_forms_line *line = &f->lines[f->list.selected];
        f->editing = true;
        ui_field_set(&f->field, line->record->values[line->value]);
        return UI_ACT_REDRAW;
    }
    if (ui_list_key(&f->list, k) || k.code == UI_KEY_RESIZE)
        return UI_ACT_REDRAW;
    return UI_ACT_NONE;
}

static void forms_draw_line(void *data, ui_canvas *c, int row, int col, int width, size_t i, bool selected)
{
    const ui_forms *f = data;
    const ui_forms_line *line = &f->lines[i];
    ui_role role = selected ? UI_ROLE_SELECTED : UI_ROLE_NORMAL;
    if (line->field == NULL) {
        char heading[256];
        if (*line->heading_id == '\0')
            snprintf(heading, sizeof heading, "%s", _("Unit"));
        else
            snprintf(heading, sizeof heading, _("System %1$s (%2$s)"), line->record->id, line->record->name);
        ui_canvas_put_cut(c, row, col, width, UI_ROLE_DIM, heading);
        return;
    }
    if (selected)
        ui_canvas_put(c, row, col, 1, role, ">");
    int label_cols = width / 2;
    ui_canvas_put_cut(c, row, col + 2, label_cols - 3, role, _(line->field->label));
    const char *v = line->record->values[line->value];
    ui_canvas_put_cut(c, row, col + label_cols, width - label_cols, v ? role : UI_ROLE_DIM,
                      v ? forms_value_title(line->field, v) : "-");
}

void ui_forms_render(ui_forms *f, ui_canvas *c)
{
    ui_render_title(f->ctx, c,
                    f->def == &inventory_form ? _("Data asset inventory (000 annex)")
                                              : _("Website and application survey (001 annex)"));
    int width = c->cols - 4, y = 2;
    int bottom = c->rows - 3 - (f->editing ? 3 : 0) - (f->error ? 2 : 0);
    if (f->line_count > 0 && bottom > y) {
        f->list.show_selection = !f->editing;
        ui_list_render(&f->list, c, y, 2, width + 1, bottom - y, forms_draw_line, f);
    }
    int line = bottom + 1;
    if (f->error)
        line += ui_render_wrapped(c, bottom, 2, width, 2, 0, UI_ROLE_WARNING, f->error);
    if (f->editing && f->list.selected < f->line_count) {
        const forms_field *field = f->lines[f->list.selected].field;
        char *allowed = forms_allowed(field);
        char prompt[512];
        snprintf(prompt, sizeof prompt, "%s (%s):", _(field->label), allowed ? allowed : "");
        free(allowed);
        ui_canvas_put_cut(c, line, 2, width, UI_ROLE_NORMAL, prompt);
        ui_field_render(&f->field, c, line + 1, 4, width - 2, UI_ROLE_INPUT);
        ui_canvas_cursor(c, c->cursor_row, c->cursor_col);
    }
    ui_render_hints(f->ctx, c,
                    f->editing ? _("Enter record · Esc cancel")
                               : _("↑↓ move · Enter edit · w inventory/website survey · b back · L language · q quit"));
    ui_render_status(f->ctx, c);
}
