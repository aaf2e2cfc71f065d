/* ui_chart.c: score bars and trend charts (see ui_chart.h). */
#include "ui_chart.h"

#include <math.h>
#include <stdlib.h>

#include "text.h"

int ui_chart_bar(ui_canvas *c, int row, int col, int width, double value, double max, ui_role role)
{
    if (width < 3)
        return 0;
    int inner = width - 2;
    double share = max > 0 && isfinite(value) ? value / max : 0;
    if (share < 0)
        share = 0;
    if (share > 1)
        share = 1;
    int filled = (int)(share * inner + 0.5);
    char *bar = malloc((size_t)width + 1);
    if (bar == NULL)
        return 0;
    bar[0] = '[';
    for (int i = 0; i < inner; i++)
        bar[1 + i] = i < filled ? '#' : '.';
    bar[width - 1] = ']';
    bar[width] = '\0';
    int n = ui_canvas_put(c, row, col, width, role, bar);
    free(bar);
    return n;
}

size_t ui_chart_trend(ui_canvas *c, int row, int col, int width, int height, const ui_chart_series *s,
                      ui_role role)
{
    int rows_below = s && s->texts ? 2 : 1;   /* the texts' row and the labels' */
    if (s == NULL || s->count == 0 || height < rows_below + 1 || width < 2)
        return 0;
    int least = 2;
    for (size_t i = 0; s->texts && i < s->count; i++)
        if (s->texts[i] && (int)text_width(s->texts[i]) + 1 > least)
            least = (int)text_width(s->texts[i]) + 1;
    int slot = width / (int)s->count;
    if (slot < least)
        slot = least;
    size_t shown = (size_t)(width / slot);
    if (shown == 0)
        shown = 1;   /* narrower than one slot: the one period, cut */
    if (shown > s->count)
        shown = s->count;
    size_t end = s->count;
    if (s->focused && s->focus < s->count && s->focus + shown < s->count)
        end = s->focus + 1 > shown ? s->focus + 1 : shown;
    size_t first = end - shown;
    double max = s->max;
    if (max <= 0)
        for (size_t i = first; i < end; i++)
            if (isfinite(s->values[i]) && s->values[i] > max)
                max = s->values[i];
    int bars = height - rows_below, base = row + bars - 1;
    int cell = slot > 2 ? slot - 1 : slot;   /* a column, its text and its label; a space between slots */
    for (size_t i = first; i < end; i++) {
        int x = col + (int)(i - first) * slot;
        int bw = slot > 2 ? slot - 1 : 1;
        if (bw > width)
            bw = width;
        double v = s->values[i];
        if (!isfinite(v)) {
            ui_canvas_put(c, base, x, 1, UI_ROLE_DIM, "-");
        } else {
            double share = max > 0 ? v / max : 0;
            share = share < 0 ? 0 : share > 1 ? 1 : share;
            /* rounded up, so that any value above zero shows */
            int h = (int)ceil(share * bars - 1e-9);
            for (int y = 0; y < h; y++)
                for (int k = 0; k < bw; k++)
                    ui_canvas_put(c, base - y, x + k, 1, role, "#");
            if (h == 0)
                ui_canvas_put(c, base, x, 1, UI_ROLE_DIM, "_");
        }
        int w = cell < width ? cell : width;
        if (s->texts && s->texts[i])
            ui_canvas_put_cut(c, base + 1, x, w, UI_ROLE_NORMAL, s->texts[i]);
        if (s->labels && s->labels[i])
            ui_canvas_put_cut(c, row + height - 1, x, w,
                              s->focused && s->focus == i ? UI_ROLE_SELECTED : UI_ROLE_DIM, s->labels[i]);
    }
    return shown;
}
