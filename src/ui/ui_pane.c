/* ui_pane.c: the tall scrolling text pane (see ui_pane.h). It grows in
 * steps of a screenful, so a normal page costs one allocation. */
#include "ui_pane.h"

#include <stdlib.h>

#include "text.h"
#include "ui_list.h"

#define PANE_STEP 64

int ui_pane_begin(ui_pane *p, int cols)
{
    p->y = 0;
    p->oom = false;
    if (ui_canvas_reset(&p->canvas, PANE_STEP, cols > 0 ? cols : 1) != 0) {
        p->oom = true;
        return -1;
    }
    return 0;
}

void ui_pane_free(ui_pane *p)
{
    ui_canvas_free(&p->canvas);
}

ui_canvas *ui_pane_lines(ui_pane *p, int rows)
{
    int need = p->y + (rows > 0 ? rows : 0);
    if (need > p->canvas.rows) {
        int rounded = (need / PANE_STEP + 1) * PANE_STEP;
        if (ui_canvas_grow(&p->canvas, rounded) != 0) {
            p->oom = true;
            return NULL;
        }
    }
    return &p->canvas;
}

int ui_pane_text(ui_pane *p, int col, ui_role role, const char *text)
{
    int width = p->canvas.cols - col;
    if (text == NULL || *text == '\0' || width < 2)
        return 0;
    text_span *spans = NULL;
    size_t n = text_wrap(text, (size_t)width, &spans);
    if (n == (size_t)-1) {
        p->oom = true;
        return 0;
    }
    ui_canvas *c = ui_pane_lines(p, (int)n);
    if (c != NULL)
        for (size_t i = 0; i < n; i++)
            ui_canvas_putn(c, p->y + (int)i, col, width, role, text + spans[i].offset, spans[i].length);
    free(spans);
    if (c == NULL)
        return 0;
    p->y += (int)n;
    return (int)n;
}

void ui_pane_skip(ui_pane *p, int n)
{
    if (n > 0 && ui_pane_lines(p, n) != NULL)
        p->y += n;
}

bool ui_pane_key(ui_pane *p, ui_key k)
{
    unsigned ch = k.code == UI_KEY_CHAR ? k.ch : 0;
    int page = p->page > 1 ? p->page - 1 : 1;
    if (k.code == UI_KEY_UP || ch == 'k')
        p->top--;
    else if (k.code == UI_KEY_DOWN || ch == 'j')
        p->top++;
    else if (k.code == UI_KEY_PGUP)
        p->top -= page;
    else if (k.code == UI_KEY_PGDN)
        p->top += page;
    else if (k.code == UI_KEY_HOME)
        p->top = 0;
    else if (k.code == UI_KEY_END)
        p->top = p->y;   /* cut back to the last page when shown */
    else
        return false;
    if (p->top < 0)
        p->top = 0;
    return true;
}

void ui_pane_show(ui_pane *p, ui_canvas *c, int row, int col, int height, int keep_top,
                  int keep_bottom, int mark_col)
{
    if (height <= 0)
        return;
    p->page = height;
    if (keep_top >= 0) {
        if (keep_bottom < keep_top + 1)
            keep_bottom = keep_top + 1;
        if (keep_bottom > p->top + height)
            p->top = keep_bottom - height;
        if (keep_top < p->top)
            p->top = keep_top;
    }
    if (p->top > p->y - height)
        p->top = p->y - height;
    if (p->top < 0)
        p->top = 0;
    ui_canvas_blit(c, row, col, &p->canvas, p->top, height);
    if (mark_col >= 0) {
        if (p->top > 0)
            ui_canvas_put(c, row, mark_col, 1, UI_ROLE_DIM, UI_MORE_ABOVE);
        if (p->y - p->top > height)
            ui_canvas_put(c, row + height - 1, mark_col, 1, UI_ROLE_DIM, UI_MORE_BELOW);
    }
}
