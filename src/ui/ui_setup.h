/* ui_setup.h: the first-run screen: the unit's code and name and the
 * assessor, the offer to generate the unit's signing key, and saving the
 * configuration (config_save to --config or the user's file). */
#ifndef SELFCHECK_UI_SETUP_H
#define SELFCHECK_UI_SETUP_H

#include <stdbool.h>

#include "ui_canvas.h"
#include "ui_context.h"
#include "ui_field.h"
#include "ui_key.h"

enum {
    UI_SETUP_CODE = 0,
    UI_SETUP_NAME,
    UI_SETUP_ASSESSOR,
    UI_SETUP_KEYGEN,
    UI_SETUP_SAVE,
    UI_SETUP_FOCUS_COUNT
};

typedef struct ui_setup {
    ui_context *ctx;          /* not owned; ctx->cfg is filled and saved */
    ui_field fields[3];       /* code, name, assessor */
    int focus;
    bool keygen;              /* generate the key on saving */
    bool key_exists;          /* a key is already there: nothing to offer */
    char *error;              /* why saving failed, or NULL */
    bool touched[3];          /* the field was typed into or left: its problem is shown */
    bool confirm_quit;        /* Esc was pressed with something typed: a second Esc quits */
} ui_setup;

/* Returns NULL when out of memory. Free with ui_setup_free. */
ui_setup *ui_setup_new(ui_context *ctx);
void ui_setup_free(ui_setup *st);
/* Returns UI_ACT_START once saved, UI_ACT_QUIT on Esc (on a second Esc when
 * something was typed: the first asks). */
ui_action ui_setup_key(ui_setup *st, ui_key k);
void ui_setup_render(ui_setup *st, ui_canvas *c);
/* What is wrong with field UI_SETUP_CODE, _NAME or _ASSESSOR as it stands
 * (empty, too long, characters a unit code cannot hold), in the user's
 * language; NULL when it is fine. Caller frees. */
char *ui_setup_problem(const ui_setup *st, int field);


#endif
