/* ui_walk.h: the walk-through screen's logic: which item is shown, which of
 * its fields has the focus, what is being typed, and the layout of the
 * checklists (left) and the current item (right) into a canvas.
 *
 * Every answer, note and remediation field is committed with session_set the
 * moment it is entered, so quitting or a crash never loses what was given. */
#ifndef SELFCHECK_UI_WALK_H
#define SELFCHECK_UI_WALK_H

#include <stdbool.h>
#include <stddef.h>

#include "ui_canvas.h"
#include "ui_context.h"
#include "ui_field.h"
#include "ui_key.h"
#include "ui_list.h"
#include "ui_pane.h"

typedef enum ui_walk_focus {
    UI_FOCUS_ANSWER = 0,
    UI_FOCUS_NOTE,
    UI_FOCUS_OWNER,
    UI_FOCUS_DUE
} ui_walk_focus;

typedef struct ui_walk {
    ui_context *ctx;          /* not owned; ctx->session must be open */
    size_t current;           /* plan index of the item shown */
    ui_walk_focus focus;
    bool editing;             /* the focused field is being typed into */
    ui_field field;           /* its text while editing */
    bool searching;           /* the search line is open */
    ui_field search;
    char *last_search;
    size_t choice;            /* highlighted choice of a choice item */
    char *error;              /* validation message shown under the field, or NULL */
    bool chain;               /* after a finding: ask owner, then due, then move on */
    bool clearing;            /* d or Delete was pressed once: the next one clears the field */
    ui_list lists;            /* the checklists shown in the left pane */
    ui_list items;            /* the current checklist's items in the left pane */
    int page;                 /* rows of the item list at the last layout, for PgUp/PgDn */
    ui_pane pane;             /* the right pane, laid out in full before it is cut */
    bool due_warned;          /* a due date in the past was warned about: Enter again keeps it */
    char *edit_base;          /* the field's stored text when typing began, to notice a change
                               * made meanwhile by another program (NULL: empty) */
    char *unsaved;            /* set by ui_walk_flush: what was typed and not saved, and why
                               * (owned), or NULL */
} ui_walk;

/* Starts on plan index `start` (clamped; a negative value means the first
 * unanswered item, or the first item when all are answered). Returns NULL
 * when out of memory. Free with ui_walk_free. */
ui_walk *ui_walk_new(ui_context *ctx, long start);
void ui_walk_free(ui_walk *w);

/* Handles one key. Returns what the event loop should do. */
ui_action ui_walk_key(ui_walk *w, ui_key k);
/* Lays the screen out into c (already reset to the window's size). */
void ui_walk_render(ui_walk *w, ui_canvas *c);
/* Shows plan index `index` with the focus on its answer. */
void ui_walk_goto(ui_walk *w, size_t index);
/* Commits what is being typed, if it is valid: called when the screen is left
 * by quitting or a signal, so text typed into a note is not lost. Like every
 * save it re-reads the item first; when another program changed the field
 * meanwhile, or the text is not valid, nothing is written and w->unsaved says
 * what was typed, for the terminal once it is restored. */
void ui_walk_flush(ui_walk *w);

/* Shared by the walk's logic and its drawing (ui_walk_draw.c): the number
 * of items in the plan; whether plan index i is asked (not hidden by a
 * condition); the current item's answer (or NULL); whether the current item
 * has a finding or remediation fields filled in; a number as "%g" (caller
 * frees, NULL when out of memory). */
size_t ui_walk_count(const ui_walk *w);
bool ui_walk_visible(const ui_walk *w, size_t i);
const answer *ui_walk_answer_of(const ui_walk *w);
bool ui_walk_has_remediation(const ui_walk *w);
char *ui_walk_format_number(double v);

/* Shared by the walk's logic and its saving (ui_walk_save.c): the current
 * item; sets the message under the field (takes `message`, NULL clears it);
 * the stored text of one field of the current item, or NULL. */
const item *ui_walk_item(const ui_walk *w);
void ui_walk_set_error(ui_walk *w, char *message);
const char *ui_walk_stored(const ui_walk *w, ui_walk_focus focus);
/* Stores one field of the current item after checking the input. Returns 0,
 * or -1 with w->error set (the input stays in the field to be corrected). */
int ui_walk_commit(ui_walk *w, ui_walk_focus focus, const char *input);
/* Re-reads the answers before a field is written; `base` is what the screen
 * showed. Returns true, with w->error naming what is stored now, when the
 * field changed under the screen (or the store cannot be read). */
bool ui_walk_changed_meanwhile(ui_walk *w, ui_walk_focus focus, const char *base);

/* Glyph and role that mark an instance's state (✓ ✗ ~ - ?), shared with the
 * summary so that colour is never the only signal. */
const char *ui_state_glyph(const instance_score *is, ui_role *role);

#endif
