/* ui_help.c: the help page (see ui_help.h). The key lists live in the string
 * table as "KEY<TAB>what it does" lines, so each language lists the same keys. */
#include "ui_help.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define HELP_KEY_COLS 20

void ui_help_init(ui_help *h, ui_context *ctx, ui_screen_id about)
{
    h->ctx = ctx;
    h->about = about;
    h->top = 0;
}

ui_action ui_help_key(ui_help *h, ui_key k)
{
    k = ui_key_command(k);
    unsigned ch = k.code == UI_KEY_CHAR ? k.ch : 0;
    switch (k.code) {
    case UI_KEY_UP:
        h->top--;
        return UI_ACT_REDRAW;
    case UI_KEY_DOWN:
        h->top++;
        return UI_ACT_REDRAW;
    case UI_KEY_PGUP:
        h->top -= 10;
        return UI_ACT_REDRAW;
    case UI_KEY_PGDN:
        h->top += 10;
        return UI_ACT_REDRAW;
    case UI_KEY_HOME:
        h->top = 0;
        return UI_ACT_REDRAW;
    case UI_KEY_END:
        h->top = 1000;
        return UI_ACT_REDRAW;
    case UI_KEY_RESIZE:
        return UI_ACT_REDRAW;
    default:
        break;
    }
    if (ch == 'k') {
        h->top--;
        return UI_ACT_REDRAW;
    }
    if (ch == 'j') {
        h->top++;
        return UI_ACT_REDRAW;
    }
    if (ch == 'L') {
        ui_context_switch_lang(h->ctx);
        return UI_ACT_REDRAW;
    }
    return UI_ACT_BACK;   /* any other key closes the help */
}

/* Lays out "KEY\tDESCRIPTION" lines into c from row `y`, skipping `skip`
 * lines; returns the number of lines the text takes. */
static int help_lines(ui_canvas *c, int y, int bottom, int skip, const char *text)
{
    int line = 0, width = c->cols - 4 - HELP_KEY_COLS - 2;
    const char *p = text;
    while (*p) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char *copy = strndup(p, len);
        if (copy == NULL)
            break;
        char *tab = strchr(copy, '\t');
        const char *desc = "";
        if (tab) {
            *tab = '\0';
            desc = tab + 1;
        }
        int row = y + line - skip;
        /* a key too long for its column gets a line of its own, so that it
         * is never cut */
        bool own_line = tab && text_width(copy) > HELP_KEY_COLS;
        if (row >= y && row < bottom)
            ui_canvas_put(c, row, 2, own_line ? c->cols - 4 : HELP_KEY_COLS,
                          tab ? UI_ROLE_SELECTED : UI_ROLE_TITLE, copy);
        int n = 1;
        if (own_line) {
            line++;
            row++;
        }
        if (tab) {
            text_span *spans = NULL;
            size_t count = text_wrap(desc, (size_t)(width > 2 ? width : 2), &spans);
            if (count != (size_t)-1) {
                for (size_t i = 0; i < count; i++) {
                    int r = row + (int)i;
                    if (r >= y && r < bottom)
                        ui_canvas_putn(c, r, 4 + HELP_KEY_COLS, width, UI_ROLE_NORMAL,
                                       desc + spans[i].offset, spans[i].length);
                }
                n = count > 0 ? (int)count : 1;
                free(spans);
            }
        }
        line += n;
        free(copy);
        if (end == NULL)
            break;
        p = end + 1;
    }
    return line;
}

void ui_help_render(ui_help *h, ui_canvas *c)
{
    const ui_context *ctx = h->ctx;
    /* indexed by ui_screen_id */
    static const ui_str pages[] = {T_HELP_SETUP, T_HELP_START, T_HELP_WALK, T_HELP_SUMMARY,
                                   T_HELP_EXPORT, T_HELP_SYSTEMS};
    ui_render_title(ctx, c, ui_tr(ctx, T_HELP_TITLE));
    int y = 2, bottom = c->rows - 2;
    /* measure first, so the scroll stops at the end */
    ui_canvas scratch = {0};
    int total = 0;
    if (ui_canvas_reset(&scratch, 1, c->cols) == 0) {
        total = help_lines(&scratch, 0, 0, 0, ui_tr(ctx, pages[h->about < UI_SCREEN_HELP ? h->about : 1]));
        total += 1 + help_lines(&scratch, 0, 0, 0, ui_tr(ctx, T_HELP_COMMON));
        ui_canvas_free(&scratch);
    }
    if (h->top > total - (bottom - y))
        h->top = total - (bottom - y);
    if (h->top < 0)
        h->top = 0;
    int used = help_lines(c, y, bottom, h->top, ui_tr(ctx, pages[h->about < UI_SCREEN_HELP ? h->about : 1]));
    help_lines(c, y, bottom, h->top - used - 1, ui_tr(ctx, T_HELP_COMMON));
    ui_render_hints(ctx, c, ui_tr(ctx, T_HELP_CLOSE));
    ui_render_status(ctx, c);
}
