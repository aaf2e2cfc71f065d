/* ui_chart.h: bars and a small trend chart drawn into a canvas, in plain
 * ASCII so that they look the same on every terminal and under
 * "ambiguous = wide".
 *
 * A score bar shows a share as [#####.....]; the trend chart shows one value
 * per period (a unit's score over the months, the number of units reporting)
 * as columns of '#', with each value written below its column and the
 * periods' labels below that. */
#ifndef SELFCHECK_UI_CHART_H
#define SELFCHECK_UI_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "ui_canvas.h"

/* Draws [###...] `width` columns wide (brackets included, width >= 3) at
 * (row, col), filled for value/max (clamped to 0..1; max <= 0 draws it
 * empty). Returns the columns written. */
int ui_chart_bar(ui_canvas *c, int row, int col, int width, double value, double max, ui_role role);

/* One value per period, oldest first; a value that is NaN is a period with
 * nothing to show (drawn as '-' on the base line). */
typedef struct ui_chart_series {
    const double *values;
    const char *const *labels;   /* one per value, or NULL for none */
    const char *const *texts;    /* one per value: the value as it is read ("62.5"), on a row of its own
                                    below the columns; NULL for none */
    size_t count;
    double max;                  /* the top of the scale; <= 0: the largest value */
    bool focused;                /* focus is a period to keep in view, its label drawn selected */
    size_t focus;
} ui_chart_series;

/* Draws the series into (row, col, width, height): the columns (one slot
 * per period, as wide as width / count allows, at least 2, and with texts at
 * least one wider than the widest text, so that a value is never cut), then
 * the texts on a row, then the labels cut with "…" to their slot on the last
 * row. When not all periods fit, the newest are kept, or those ending with
 * the focused one. A larger value never draws a shorter column. Returns the
 * number of periods drawn. */
size_t ui_chart_trend(ui_canvas *c, int row, int col, int width, int height, const ui_chart_series *s,
                      ui_role role);

#endif
