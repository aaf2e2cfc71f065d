/* ui_list.c: selection and scrolling for every list on the screens (see
 * ui_list.h). Written once so that PgUp, End or a list longer than the
 * window behave the same everywhere. */
#include "ui_list.h"

static bool list_can(const ui_list *l, size_t i)
{
    return i < l->count && (l->selectable == NULL || l->selectable(l->data, i));
}

void ui_list_init(ui_list *l, size_t count)
{
    ui_list_selectable_fn sel = l->selectable;
    const void *data = l->data;
    *l = (ui_list){.count = count, .page = 1, .show_selection = true, .selectable = sel, .data = data};
    ui_list_select(l, 0);
}

void ui_list_set_count(ui_list *l, size_t count)
{
    l->count = count;
    ui_list_select(l, l->selected < count ? l->selected : count ? count - 1 : 0);
    if (l->top >= count)
        l->top = count ? count - 1 : 0;
}

void ui_list_select(ui_list *l, size_t i)
{
    if (l->count == 0) {
        l->selected = 0;
        return;
    }
    if (i >= l->count)
        i = l->count - 1;
    for (size_t j = i; j < l->count; j++)
        if (list_can(l, j)) {
            l->selected = j;
            return;
        }
    for (size_t j = i; j-- > 0;)
        if (list_can(l, j)) {
            l->selected = j;
            return;
        }
}

/* Moves the selection by steps selectable rows (negative: up), stopping at
 * either end. */
static void list_move(ui_list *l, long steps)
{
    size_t at = l->selected;
    while (steps != 0) {
        size_t j = at;
        bool found = false;
        while (steps < 0 ? j > 0 : j + 1 < l->count) {
            j = steps < 0 ? j - 1 : j + 1;
            if (list_can(l, j)) {
                found = true;
                break;
            }
        }
        if (!found)
            break;
        at = j;
        steps += steps < 0 ? 1 : -1;
    }
    l->selected = at;
}

bool ui_list_key(ui_list *l, ui_key k)
{
    unsigned ch = k.code == UI_KEY_CHAR ? k.ch : 0;
    long page = l->page > 1 ? l->page - 1 : 1;
    if (k.code == UI_KEY_UP || ch == 'k')
        list_move(l, -1);
    else if (k.code == UI_KEY_DOWN || ch == 'j')
        list_move(l, 1);
    else if (k.code == UI_KEY_PGUP)
        list_move(l, -page);
    else if (k.code == UI_KEY_PGDN)
        list_move(l, page);
    else if (k.code == UI_KEY_HOME) {
        ui_list_select(l, 0);
        l->top = 0;
    } else if (k.code == UI_KEY_END)
        ui_list_select(l, l->count ? l->count - 1 : 0);
    else
        return false;
    return true;
}

void ui_list_place(ui_list *l, int rows)
{
    l->page = rows > 1 ? rows : 1;
    size_t view = (size_t)l->page;
    if (l->count > 0 && l->show_selection) {
        if (l->selected < l->top)
            l->top = l->selected;
        if (l->selected >= l->top + view)
            l->top = l->selected - view + 1;
        /* a heading just above the first selectable row comes into view with it */
        if (l->top > 0 && l->top == l->selected && !list_can(l, l->top - 1) && l->selected + 1 < l->top + view)
            l->top--;
    }
    if (l->top + view > l->count)
        l->top = l->count > view ? l->count - view : 0;
}

bool ui_list_more_above(const ui_list *l)
{
    return l->top > 0;
}

bool ui_list_more_below(const ui_list *l)
{
    return l->top + (size_t)l->page < l->count;
}

void ui_list_marks(const ui_list *l, ui_canvas *c, int row, int col, int height)
{
    if (height <= 0)
        return;
    if (ui_list_more_above(l))
        ui_canvas_put(c, row, col, 1, UI_ROLE_DIM, UI_MORE_ABOVE);
    if (ui_list_more_below(l))
        ui_canvas_put(c, row + height - 1, col, 1, UI_ROLE_DIM, UI_MORE_BELOW);
}

void ui_list_render(ui_list *l, ui_canvas *c, int row, int col, int width, int height,
                    ui_list_draw_fn draw, void *data)
{
    if (height <= 0 || width <= 0)
        return;
    ui_list_place(l, height);
    for (int y = 0; y < height && l->top + (size_t)y < l->count; y++) {
        size_t i = l->top + (size_t)y;
        bool selected = l->show_selection && i == l->selected;
        if (selected)
            ui_canvas_fill(c, row + y, col, width, UI_ROLE_SELECTED);
        draw(data, c, row + y, col, width - 1, i, selected);
    }
    ui_list_marks(l, c, row, col + width - 1, height);
}
