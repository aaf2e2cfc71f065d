/* ui_review_compare.h: two of a unit's periods side by side, item by
 * item: what improved, what regressed, what was added or dropped (c on the
 * unit's screen, which chooses the two to begin with). Left and Right move
 * the earlier period among the unit's reports, or after Tab the later one;
 * the earlier always stays before the later. */
#ifndef SELFCHECK_UI_REVIEW_COMPARE_H
#define SELFCHECK_UI_REVIEW_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "review_query.h"
#include "ui_canvas.h"
#include "ui_key.h"
#include "ui_review.h"
#include "ui_table.h"

typedef struct ui_review_compare {
    ui_review *rv;                 /* not owned: rv->unit, rv->compare_with and rv->compare_later */
    char **periods;                /* the unit's reported periods, oldest first */
    char **nonstandard;            /* of each: its checklists that are not official ("ID vN, ..."), or "" */
    size_t period_count;
    bool later;                    /* Left and Right move the later period (Tab), not the earlier */
    review_item_diff *items;
    size_t item_count;
    size_t kinds[5];               /* items of each review_change_kind */
    bool all;                      /* false: only the items that changed */
    ui_table *table;
    char lang[3];
    char *error;
} ui_review_compare;

ui_review_compare *ui_review_compare_new(ui_review *rv);
void ui_review_compare_free(ui_review_compare *x);
/* The later period compared: rv->compare_later, or the period shown. */
const char *ui_review_compare_later(const ui_review_compare *x);
/* Returns UI_ACT_REVIEW_UNIT (Esc, q), UI_ACT_HELP, UI_ACT_REDRAW or UI_ACT_NONE. */
ui_action ui_review_compare_key(ui_review_compare *x, ui_key k);
void ui_review_compare_render(ui_review_compare *x, ui_canvas *c);

/* "1/1", "0.5/2", or "-" for an item not scored in that period. Into out (48 bytes). */
void ui_review_item_score(bool scored, double score, double max, char out[48]);

#endif
