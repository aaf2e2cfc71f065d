/* ui_review_lists.h: the review's three lists, each a table read from the
 * database when the screen is entered (docs/review.md):
 *
 * - the items across units (i on the table): for the period shown, every
 *   item that some unit fails, with how many of the units whose reports have
 *   it fail it, and below the table the failing units of the item chosen
 *   (全市弱口令问题有多少单位); Left and Right move the period;
 * - remediation follow-up (f): every finding of every unit, overdue ones
 *   first, then those not yet due, then those resolved;
 * - who has not reported (m): the units without a report of the current
 *   monthly and of the current half-year period whose due date has passed,
 *   with their latest report (since when) and how many due periods they
 *   have missed. */
#ifndef SELFCHECK_UI_REVIEW_LISTS_H
#define SELFCHECK_UI_REVIEW_LISTS_H

#include <stddef.h>

#include "review_period.h"
#include "review_query.h"
#include "ui_canvas.h"
#include "ui_key.h"
#include "ui_review.h"
#include "ui_table.h"

typedef enum ui_review_list_kind {
    UI_REVIEW_LIST_ITEMS = 0,
    UI_REVIEW_LIST_FOLLOWUP,
    UI_REVIEW_LIST_MISSING
} ui_review_list_kind;

typedef struct ui_review_list {
    ui_review *rv;                   /* not owned */
    ui_review_list_kind kind;
    review_item_count *items;        /* items: what review_items_failed gives */
    size_t item_count;
    review_slot *units;              /* items: the units' names, by code */
    size_t unit_count;
    review_finding *findings;        /* follow-up */
    size_t finding_count;
    size_t counts[3];                /* follow-up: overdue, open, resolved; missing: monthly, half-year */
    review_missing *missing;         /* missing: the periods not reported */
    size_t missing_count;
    ui_table *table;
    char lang[3];                    /* the language the table was made in */
    char *error;
} ui_review_list;

/* Reads the list. Returns NULL when out of memory; a database that cannot
 * be read leaves the reason in ->error. */
ui_review_list *ui_review_list_new(ui_review *rv, ui_review_list_kind kind);
void ui_review_list_free(ui_review_list *l);
/* Returns UI_ACT_REVIEW_TABLE (Esc, q), UI_ACT_HELP, UI_ACT_REDRAW or UI_ACT_NONE. */
ui_action ui_review_list_key(ui_review_list *l, ui_key k);
void ui_review_list_render(ui_review_list *l, ui_canvas *c);

/* The parts of each list, in its own file (ui_review_items.c,
 * ui_review_followup.c, ui_review_missing.c): load reads it (0, or -1 with
 * *err), table fills l->table in the language in force (made by the
 * caller with the columns that columns gives), render draws what is not
 * the table (title, the line above it, anything below it) and returns the
 * rows the table may take from row 2. */
typedef struct ui_review_list_part {
    int (*load)(ui_review_list *l, char **err);
    size_t (*columns)(const ui_review_list *l, ui_table_column *out);   /* at most 8 */
    void (*fill)(ui_review_list *l);
    int (*render)(ui_review_list *l, ui_canvas *c);
} ui_review_list_part;

extern const ui_review_list_part ui_review_items_part;
extern const ui_review_list_part ui_review_followup_part;
extern const ui_review_list_part ui_review_missing_part;

#endif
