/* ui_field.h: a one-line text field edited character by character.
 *
 * The text is kept as code points, so that a Chinese character typed through
 * an input method (one get_wch call per character) is inserted, moved over
 * and deleted whole, and the field scrolls by display columns. */
#ifndef SELFCHECK_UI_FIELD_H
#define SELFCHECK_UI_FIELD_H

#include <stdbool.h>
#include <stddef.h>

#include "ui_canvas.h"
#include "ui_key.h"

typedef struct ui_field {
    unsigned *chars;      /* code points, not terminated */
    size_t len, capacity;
    size_t cursor;        /* 0..len */
    size_t max_chars;     /* 0: no limit */
    bool masked;          /* draw '*' for each character (passphrases) */
} ui_field;

/* What a key did to the field. */
typedef enum ui_field_result {
    UI_FIELD_IGNORED = 0,   /* not an editing key: the screen may handle it */
    UI_FIELD_CHANGED,       /* text or cursor changed */
    UI_FIELD_SUBMIT,        /* Enter */
    UI_FIELD_CANCEL         /* Esc */
} ui_field_result;

/* A field starts zeroed ({0}); ui_field_free releases its text. */
void ui_field_free(ui_field *f);
/* Replaces the text with UTF-8 text (NULL: empty), cursor at the end.
 * Returns 0, or -1 when out of memory. */
int ui_field_set(ui_field *f, const char *text);
/* The text as UTF-8. Returns a new string; caller frees (NULL when out of memory). */
char *ui_field_text(const ui_field *f);
/* The text without spaces at either end, as a form saves it. Caller frees. */
char *ui_field_text_trimmed(const ui_field *f);
/* Applies one key: characters insert, Left/Right/Home/End (Ctrl-A, Ctrl-E)
 * move, Backspace/Delete erase, Ctrl-U empties, Enter submits, Esc cancels. */
ui_field_result ui_field_key(ui_field *f, ui_key k);
/* Draws the part of the field that keeps the cursor in view into `width`
 * columns at (row, col), and places the canvas cursor. */
void ui_field_render(const ui_field *f, ui_canvas *c, int row, int col, int width, ui_role role);

#endif
