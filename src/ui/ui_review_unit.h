/* ui_review_unit.h: one unit on the review screen (Enter on the table):
 * its total, grade and verdict in the period shown, its score in each
 * checklist with bars, its trend over the periods as a chart, and its open
 * findings with the remediation owner and due date, overdue ones marked.
 * Left and Right move through the periods the unit reported. */
#ifndef SELFCHECK_UI_REVIEW_UNIT_H
#define SELFCHECK_UI_REVIEW_UNIT_H

#include <stddef.h>

#include "review_period.h"
#include "review_query.h"
#include "ui_canvas.h"
#include "ui_key.h"
#include "ui_review.h"
#include "ui_table.h"

typedef struct ui_review_unit {
    ui_review *rv;                    /* not owned; rv->unit is the unit shown */
    review_point *trend;              /* the unit's reports of the check, oldest first */
    size_t points;
    size_t at;                        /* the period shown in trend, or points when not reported */
    review_checklist_score *lists;    /* its checklists in the period shown */
    size_t list_count;
    review_finding *findings;         /* open and overdue findings of the check */
    size_t finding_count, overdue;
    ui_table *table;                  /* the findings on screen */
    char lang[3];                     /* the language the table was made in */
    char *error;
} ui_review_unit;

/* Reads the unit rv->unit. Returns NULL when out of memory; a database
 * that cannot be read leaves the reason in ->error. */
ui_review_unit *ui_review_unit_new(ui_review *rv);
void ui_review_unit_free(ui_review_unit *u);
/* Returns UI_ACT_REVIEW_TABLE (Esc, q), UI_ACT_REVIEW_COMPARE (c),
 * UI_ACT_HELP, UI_ACT_REDRAW or UI_ACT_NONE. */
ui_action ui_review_unit_key(ui_review_unit *u, ui_key k);
void ui_review_unit_render(ui_review_unit *u, ui_canvas *c);

/* The short label of a period on the trend chart: the month of a monthly
 * one ("2026-11" -> "11"), year and half of a half-year ("2026-H2" ->
 * "26H2"). Into out (8 bytes). */
void ui_review_period_label(const char *period, char out[8]);

#endif
