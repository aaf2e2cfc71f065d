/* ui_forms.h: the annex forms on screen (`i` from the start screen): the
 * data asset inventory of 000's annex, and with `w` the website survey of
 * 001's annex. Every field of the unit block and of each system's row is a
 * line of the list; Enter edits it, and the value is checked and stored at
 * once as `selfcheck inventory set` does (docs/forms.md). */
#ifndef SELFCHECK_UI_FORMS_H
#define SELFCHECK_UI_FORMS_H

#include <stdbool.h>
#include <stddef.h>

#include "forms.h"
#include "store.h"
#include "ui_canvas.h"
#include "ui_context.h"
#include "ui_field.h"
#include "ui_key.h"
#include "ui_list.h"

/* One line of the list: a heading (field NULL) or a field of a record. */
typedef struct ui_forms_line {
    const forms_record *record;   /* into data; NULL for the unit heading's record too */
    const forms_field *field;     /* NULL: a heading */
    size_t value;                 /* index of the field in its record */
    const char *heading_id;       /* system id of a system heading, "" for the unit */
} ui_forms_line;

typedef struct ui_forms {
    ui_context *ctx;              /* not owned */
    const forms_def *def;         /* the form shown */
    forms_data *data;             /* as recorded, reloaded after each change */
    ui_forms_line *lines;
    size_t line_count;
    ui_list list;
    bool editing;
    ui_field field;
    char *error;                  /* shown under the list, or NULL */
} ui_forms;

/* Loads the inventory. NULL when out of memory; a store that cannot be read
 * leaves the reason in ->error. */
ui_forms *ui_forms_new(ui_context *ctx);
void ui_forms_free(ui_forms *f);
/* UI_ACT_START to go back, UI_ACT_QUIT, or UI_ACT_REDRAW. */
ui_action ui_forms_key(ui_forms *f, ui_key k);
void ui_forms_render(ui_forms *f, ui_canvas *c);

#endif
