/* ui_pane.h: a tall text pane: laid out in full, however long, then shown
 * through a window of the screen's height that scrolls.
 *
 * The pane grows as it is written (no row cap: a long guidance text or a
 * long list of findings is never cut off silently). The screen writes lines
 * at the pane's write position; when showing it, the screen may name the
 * lines that must be in view (the field being typed into), and the pane
 * marks that there is more above or below. */
#ifndef SELFCHECK_UI_PANE_H
#define SELFCHECK_UI_PANE_H

#include <stdbool.h>

#include "ui_canvas.h"
#include "ui_key.h"

typedef struct ui_pane {
    ui_canvas canvas;    /* every line written so far (owned) */
    int y;               /* the write position: the next line */
    int top;             /* the first line in view */
    int page;            /* lines in view at the last ui_pane_show */
    bool oom;            /* a line could not be added: what is shown is short */
} ui_pane;

/* Empties the pane for text `cols` columns wide; keeps the scroll position.
 * Returns 0, or -1 when out of memory. */
int ui_pane_begin(ui_pane *p, int cols);
void ui_pane_free(ui_pane *p);
/* Makes lines [y, y + rows) exist, for drawing into the canvas directly.
 * Returns the canvas, or NULL when out of memory. */
ui_canvas *ui_pane_lines(ui_pane *p, int rows);
/* Writes text wrapped by display width from column col at the write
 * position, and moves it past the text (nothing for NULL or empty text).
 * Returns the lines written. */
int ui_pane_text(ui_pane *p, int col, ui_role role, const char *text);
/* Moves the write position down by n empty lines. */
void ui_pane_skip(ui_pane *p, int n);
/* Up/Down, j/k, PgUp/PgDn, Home/End scroll the pane. Returns true when the
 * key is one of them. */
bool ui_pane_key(ui_pane *p, ui_key k);
/* Copies lines from ->top into (row, col) of c, height lines, after moving
 * ->top so that lines [keep_top, keep_bottom) are in view (keep_top < 0:
 * no such lines) and the view does not run past the end; draws UI_MORE_ABOVE
 * and UI_MORE_BELOW in column mark_col when lines are hidden (mark_col < 0:
 * no marks). */
void ui_pane_show(ui_pane *p, ui_canvas *c, int row, int col, int height, int keep_top,
                  int keep_bottom, int mark_col);

#endif
