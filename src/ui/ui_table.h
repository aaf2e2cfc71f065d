/* ui_table.h: a table on the list widget: a header, columns sized by display
 * width, cells cut with "…" when they do not fit, rows sorted by a column,
 * and headings that group rows.
 *
 * Columns are never dropped: when a row is too wide, the flexible columns
 * (names, titles) give up columns first, down to their minimum, then the
 * others; dates, states and scores keep their width as long as they can.
 * The table owns copies of every text it is given. */
#ifndef SELFCHECK_UI_TABLE_H
#define SELFCHECK_UI_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "ui_canvas.h"
#include "ui_key.h"
#include "ui_list.h"

typedef enum ui_align { UI_ALIGN_LEFT = 0, UI_ALIGN_RIGHT } ui_align;

typedef struct ui_table_column {
    const char *title;      /* the header (copied); NULL or "" for none */
    int min;                /* the fewest columns it is shrunk to (at least 1) */
    bool flex;              /* gives up width first when the row is too wide */
    ui_align align;
    bool numeric;           /* sorts by the number the cell starts with */
    int least;              /* at least this wide before shrinking (0: as wide as its cells), so
                               that a table showing one page of many rows keeps its columns */
} ui_table_column;

typedef struct ui_table ui_table;

/* A table with n columns (copied). Returns NULL when out of memory. */
ui_table *ui_table_new(const ui_table_column *columns, size_t n);
void ui_table_free(ui_table *t);
/* Removes every row (the columns stay). */
void ui_table_clear(ui_table *t);
/* Adds a row of n cells (the table's column count; NULL cells are empty),
 * drawn in role. Returns its row number (in the order added), or -1 when out
 * of memory. */
long ui_table_add_row(ui_table *t, const char *const *cells, ui_role role);
/* Adds a heading: one text across the row, never selected. Returns its row
 * number, or -1 when out of memory. */
long ui_table_add_heading(ui_table *t, const char *text, ui_role role);
/* Gives one cell its own role (an overdue date, a failed score). */
void ui_table_set_role(ui_table *t, size_t row, size_t col, ui_role role);
/* Sorts the rows between headings by column col (descending when asked);
 * rows that compare equal keep their order. col outside the table: the
 * order rows were added in. */
void ui_table_sort(ui_table *t, size_t col, bool descending);
/* The rows and the selection, for the keys and for selecting a row. */
ui_list *ui_table_list(ui_table *t);
/* The row number (as added) of the selected row, or -1 when there is none. */
long ui_table_selected(const ui_table *t);
/* Selects the row with this number (as added). */
void ui_table_select(ui_table *t, size_t row);
/* Up/Down, j/k, PgUp/PgDn, Home/End (see ui_list_key). */
bool ui_table_key(ui_table *t, ui_key k);
/* The width of each column (out[0..n)) when the table is drawn `width`
 * columns wide. Returns the columns the rows take. */
int ui_table_widths(const ui_table *t, int width, int *out);
/* Draws the header (when any column has a title) and the rows below it into
 * (row, col, width, height); the selected row is marked with ">" as well as
 * its colour, and hidden rows with the list's marks. */
void ui_table_render(ui_table *t, ui_canvas *c, int row, int col, int width, int height);

#endif
