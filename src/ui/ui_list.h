/* ui_list.h: a selectable, scrolling list of rows: which row is selected,
 * which rows are in view, the keys that move through it, and the marks that
 * say there is more above or below.
 *
 * The list knows rows only by index; what a row shows is drawn by the
 * caller's function, so the same list serves the start screen, the walk's
 * left pane, the systems screen and the tables built on it (ui_table.h).
 * Rows that cannot be selected (section headings) are skipped by every key. */
#ifndef SELFCHECK_UI_LIST_H
#define SELFCHECK_UI_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "ui_canvas.h"
#include "ui_key.h"

/* The marks drawn in the list's last column when rows are hidden. */
#define UI_MORE_ABOVE "^"
#define UI_MORE_BELOW "v"

/* Whether row i can be selected (NULL: every row can). */
typedef bool (*ui_list_selectable_fn)(const void *data, size_t i);
/* Draws row i at (row, col), width columns wide; selected says whether it is
 * the selected row (its bar is already filled with UI_ROLE_SELECTED). */
typedef void (*ui_list_draw_fn)(void *data, ui_canvas *c, int row, int col, int width,
                                size_t i, bool selected);

typedef struct ui_list {
    size_t count;             /* rows */
    size_t selected;          /* the selected row (< count when count > 0) */
    size_t top;               /* first row in view */
    int page;                 /* rows in view at the last layout (PgUp/PgDn) */
    bool show_selection;      /* false: draw without a selected row (a form has the focus) */
    ui_list_selectable_fn selectable;
    const void *data;         /* for selectable */
} ui_list;

/* A list of count rows, the first selectable one selected. */
void ui_list_init(ui_list *l, size_t count);
/* Changes the number of rows, keeping the selection where it can. */
void ui_list_set_count(ui_list *l, size_t count);
/* Selects row i (or the nearest selectable row after it, else before). */
void ui_list_select(ui_list *l, size_t i);
/* Up/Down, j/k, PgUp/PgDn, Home/End. Returns true when the key is one of
 * them (whether or not the selection moved), false for any other key. */
bool ui_list_key(ui_list *l, ui_key k);
/* Scrolls so that the selected row is in a view of `rows` rows, and the view
 * is never past the end. Called by ui_list_render; for callers that lay rows
 * out themselves. */
void ui_list_place(ui_list *l, int rows);
/* Whether rows are hidden above or below the view placed last. */
bool ui_list_more_above(const ui_list *l);
bool ui_list_more_below(const ui_list *l);
/* Places the view into (row, col, width, height), fills the selected row's
 * bar, calls draw for each row in view with width - 1 columns, and draws the
 * marks (UI_MORE_ABOVE, UI_MORE_BELOW) in the last column, kept free for
 * them, when rows are hidden. */
void ui_list_render(ui_list *l, ui_canvas *c, int row, int col, int width, int height,
                    ui_list_draw_fn draw, void *data);
/* Only the marks, for a view placed with ui_list_place and drawn by the caller. */
void ui_list_marks(const ui_list *l, ui_canvas *c, int row, int col, int height);

#endif
