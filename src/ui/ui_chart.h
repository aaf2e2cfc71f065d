/* ui_chart.h: bars and a small trend chart drawn into a canvas, in plain
 * ASCII so that they look the same on every terminal and under
 * "ambiguous = wide".
 *
 * A score bar shows a share as [#####.....]; the trend chart shows one value
 * per period (a unit's score over the months, the number of units reporting)
 * as columns of '#', with the periods' labels below. */
#ifndef SELFCHECK_UI_CHART_H
#define SELFCHECK_UI_CHART_H

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
    size_t count;
    double max;                  /* the top of the scale; <= 0: the largest value */
} ui_chart_series;

/* Draws the series into (row, col, width, height): height - 1 rows of
 * columns (one slot per period, as wide as width / count allows, at least 2;
 * the newest periods are kept when not all fit), and the labels cut with "…"
 * to their slot on the last row. A larger value never draws a shorter column.
 * Returns the number of periods drawn. */
size_t ui_chart_trend(ui_canvas *c, int row, int col, int width, int height, const ui_chart_series *s,
                      ui_role role);

#endif
