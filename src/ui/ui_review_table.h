/* ui_review_table.h: the review's first screen: every registered unit in
 * one period of the monthly or the half-year check, with its total, grade,
 * verdict and change since the period before; units without a report of
 * the period are in it, marked, and so are reports signed with a key
 * revoked since. Sorted by unit, score or change, the weakest first on
 * request.
 *
 * Only the rows in view are laid out: the table may hold ten thousand
 * units (docs/performance.md). */
#ifndef SELFCHECK_UI_REVIEW_TABLE_H
#define SELFCHECK_UI_REVIEW_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "review_period.h"
#include "ui_canvas.h"
#include "ui_key.h"
#include "ui_list.h"
#include "ui_review.h"

typedef enum ui_review_order {
    UI_REVIEW_BY_UNIT = 0,     /* unit code */
    UI_REVIEW_BY_SCORE,        /* total, highest first */
    UI_REVIEW_WEAKEST,         /* total, lowest first */
    UI_REVIEW_BY_CHANGE        /* change since the period before, largest fall first */
} ui_review_order;

/* Fills order[0..n) with the indexes of s in the order asked for. Units
 * that have not reported come after every unit that has (except by unit),
 * and by change the units without a change come after those with one;
 * reverse reverses the rest, not that. Ties go by unit code. */
void ui_review_sort(const review_slot *s, size_t n, ui_review_order o, bool reverse, size_t *order);

typedef struct ui_review_table {
    ui_review *rv;              /* not owned */
    review_slot *slots;         /* every unit, by code */
    size_t count, reported;
    size_t *order;              /* position shown -> slot */
    ui_list list;               /* over positions */
    ui_review_order sort;
    bool reverse;
    char *error;                /* the database could not be read, or NULL */
    int least[7];               /* each column's widest cell over every unit */
    char least_lang[3];         /* the language they were measured in */
} ui_review_table;

/* Reads the period shown. Returns NULL when out of memory; a database that
 * cannot be read leaves an empty table and the reason in ->error. */
ui_review_table *ui_review_table_new(ui_review *rv);
void ui_review_table_free(ui_review_table *t);
/* Reads the period shown again, keeping the selection on the same unit. */
void ui_review_table_reload(ui_review_table *t);
/* The unit selected, or NULL. */
const review_slot *ui_review_table_chosen(const ui_review_table *t);
/* Returns UI_ACT_REVIEW_UNIT (Enter; the unit is in rv), _ITEMS, _FOLLOWUP,
 * _MISSING, UI_ACT_HELP, UI_ACT_QUIT, UI_ACT_REDRAW or UI_ACT_NONE. */
ui_action ui_review_table_key(ui_review_table *t, ui_key k);
void ui_review_table_render(ui_review_table *t, ui_canvas *c);

/* The cells of a unit's row in the language in force: code, name, total,
 * grade, verdict, change and marks; total and change buffers hold 24
 * bytes, marks 96. */
void ui_review_row_cells(const review_slot *s, char total[24], char change[24], char marks[96],
                         const char *cells[7]);

#endif
