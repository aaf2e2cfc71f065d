/* ui_chart.c: score bars and trend charts (see ui_chart.h). */
#include "ui_chart.h"

#include <math.h>
#include <stdlib.h>

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
    if (s == NULL || s->count == 0 || height < 2 || width < 2)
        return 0;
    int slot = width / (int)s->count;
    if (slot < 2)
        slot = 2;
    size_t shown = (size_t)(width / slot);
    if (shown > s->count)
        shown = s->count;
    size_t first = s->count - shown;
    double max = s->max;
    if (max <= 0)
        for (size_t i = first; i < s->count; i++)
            if (isfinite(s->values[i]) && s->values[i] > max)
                max = s->values[i];
    int bars = height - 1, base = row + bars - 1;
    for (size_t i = first; i < s->count; i++) {
        int x = col + (int)(i - first) * slot;
        int bw = slot > 2 ? slot - 1 : 1;
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
        if (s->labels && s->labels[i])
            ui_canvas_put_cut(c, row + height - 1, x, slot > 2 ? slot - 1 : slot, UI_ROLE_DIM, s->labels[i]);
    }
    return shown;
}
