/* ui_systems.h: the unit's information systems on screen: the list, adding
 * one (its short code and its name) and removing one after a confirmation.
 * The per-system checklist items are asked once for each system listed here;
 * `selfcheck systems` does the same from the command line. */
#ifndef SELFCHECK_UI_SYSTEMS_H
#define SELFCHECK_UI_SYSTEMS_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"
#include "ui_canvas.h"
#include "ui_context.h"
#include "ui_field.h"
#include "ui_key.h"
#include "ui_list.h"

typedef enum ui_systems_mode {
    UI_SYSTEMS_LIST = 0,   /* moving in the list */
    UI_SYSTEMS_ADD,        /* typing a new system's code and name */
    UI_SYSTEMS_CONFIRM     /* asked whether to remove the selected system */
} ui_systems_mode;

typedef struct ui_systems {
    ui_context *ctx;          /* not owned */
    system_info *systems;     /* the store's list, in code order */
    size_t count;
    ui_list list;             /* the selected system and the rows in view */
    ui_systems_mode mode;
    ui_field fields[2];       /* code, name (while adding) */
    int focus;                /* 0 code, 1 name */
    char *error;              /* what went wrong, shown under the list, or NULL */
} ui_systems;

/* Loads the list from the store. Returns NULL when out of memory; a store
 * that cannot be read leaves an empty list and the reason in ->error. */
ui_systems *ui_systems_new(ui_context *ctx);
void ui_systems_free(ui_systems *sy);
/* Returns UI_ACT_START to go back (the start screen then shows the systems'
 * change checks), UI_ACT_QUIT, UI_ACT_HELP, or UI_ACT_REDRAW. */
ui_action ui_systems_key(ui_systems *sy, ui_key k);
void ui_systems_render(ui_systems *sy, ui_canvas *c);

#endif
