/* ui_table.c: the table widget (see ui_table.h). Rows are kept in the order
 * added and shown through a permutation, so sorting never moves what a
 * caller's row number refers to. */
#include "ui_table.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

#define TABLE_GAP 2
#define TABLE_MARKER 2   /* "> " before the selected row */

typedef struct table_row {
    char **cells;            /* ncols texts, or one for a heading */
    unsigned char *roles;    /* per cell */
    bool heading;
} table_row;

struct ui_table {
    ui_table_column *columns;    /* their titles point into titles */
    char **titles;
    size_t ncols;
    table_row *rows;
    size_t nrows, cap;
    size_t *order;           /* position shown -> row */
    ui_list list;            /* over positions */
};

static bool table_selectable(const void *data, size_t pos)
{
    const ui_table *t = data;
    return pos < t->nrows && !t->rows[t->order[pos]].heading;
}

ui_table *ui_table_new(const ui_table_column *columns, size_t n)
{
    ui_table *t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    t->columns = calloc(n ? n : 1, sizeof *t->columns);
    t->titles = calloc(n ? n : 1, sizeof *t->titles);
    if (t->columns == NULL || t->titles == NULL) {
        ui_table_free(t);
        return NULL;
    }
    t->ncols = n;
    for (size_t i = 0; i < n; i++) {
        t->columns[i] = columns[i];
        if (columns[i].title && (t->titles[i] = strdup(columns[i].title)) == NULL) {
            ui_table_free(t);
            return NULL;
        }
        t->columns[i].title = t->titles[i];
        if (t->columns[i].min < 1)
            t->columns[i].min = 1;
    }
    t->list.selectable = table_selectable;
    t->list.data = t;
    ui_list_init(&t->list, 0);
    return t;
}

static void row_free(table_row *r, size_t ncells)
{
    for (size_t i = 0; i < ncells; i++)
        free(r->cells[i]);
    free(r->cells);
    free(r->roles);
}

void ui_table_clear(ui_table *t)
{
    for (size_t i = 0; i < t->nrows; i++)
        row_free(&t->rows[i], t->rows[i].heading ? 1 : t->ncols);
    t->nrows = 0;
    ui_list_set_count(&t->list, 0);
}

void ui_table_free(ui_table *t)
{
    if (t == NULL)
        return;
    ui_table_clear(t);
    for (size_t i = 0; t->titles && i < t->ncols; i++)
        free(t->titles[i]);
    free(t->titles);
    free(t->columns);
    free(t->rows);
    free(t->order);
    free(t);
}

static long table_push(ui_table *t, const char *const *cells, size_t n, ui_role role, bool heading)
{
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        table_row *rows = realloc(t->rows, cap * sizeof *rows);
        if (rows == NULL)
            return -1;
        t->rows = rows;
        size_t *order = realloc(t->order, cap * sizeof *order);
        if (order == NULL)
            return -1;
        t->order = order;
        t->cap = cap;
    }
    table_row r = {calloc(n ? n : 1, sizeof(char *)), calloc(n ? n : 1, 1), heading};
    if (r.cells == NULL || r.roles == NULL) {
        free(r.cells);
        free(r.roles);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        r.roles[i] = (unsigned char)role;
        if ((r.cells[i] = strdup(cells && cells[i] ? cells[i] : "")) == NULL) {
            row_free(&r, i);
            return -1;
        }
    }
    t->rows[t->nrows] = r;
    t->order[t->nrows] = t->nrows;
    t->nrows++;
    size_t selected = t->list.selected;
    bool had = t->nrows > 1 && table_selectable(t, selected);
    t->list.count = t->nrows;
    if (!had)
        ui_list_select(&t->list, 0);
    return (long)(t->nrows - 1);
}

long ui_table_add_row(ui_table *t, const char *const *cells, ui_role role)
{
    return table_push(t, cells, t->ncols, role, false);
}

long ui_table_add_heading(ui_table *t, const char *text, ui_role role)
{
    const char *cells[] = {text};
    return table_push(t, cells, 1, role, true);
}

void ui_table_set_role(ui_table *t, size_t row, size_t col, ui_role role)
{
    if (row < t->nrows && !t->rows[row].heading && col < t->ncols)
        t->rows[row].roles[col] = (unsigned char)role;
}

static int table_compare(const ui_table *t, size_t col, size_t a, size_t b)
{
    const char *x = t->rows[a].cells[col], *y = t->rows[b].cells[col];
    if (t->columns[col].numeric) {
        double dx = strtod(x, NULL), dy = strtod(y, NULL);
        return dx < dy ? -1 : dx > dy;
    }
    return strcmp(x, y);
}

void ui_table_sort(ui_table *t, size_t col, bool descending)
{
    long keep = ui_table_selected(t);
    for (size_t i = 0; i < t->nrows; i++)
        t->order[i] = i;
    if (col < t->ncols) {
        /* insertion sort within each run of rows between headings: stable,
         * and the tables on these screens hold tens of rows */
        for (size_t i = 1; i < t->nrows; i++) {
            for (size_t j = i; j > 0; j--) {
                size_t a = t->order[j - 1], b = t->order[j];
                if (t->rows[a].heading || t->rows[b].heading)
                    break;
                int cmp = table_compare(t, col, a, b);
                if (descending ? cmp >= 0 : cmp <= 0)
                    break;
                t->order[j - 1] = b;
                t->order[j] = a;
            }
        }
    }
    if (keep >= 0)
        ui_table_select(t, (size_t)keep);
}

ui_list *ui_table_list(ui_table *t)
{
    return &t->list;
}

long ui_table_selected(const ui_table *t)
{
    if (!table_selectable(t, t->list.selected))
        return -1;
    return (long)t->order[t->list.selected];
}

void ui_table_select(ui_table *t, size_t row)
{
    for (size_t pos = 0; pos < t->nrows; pos++)
        if (t->order[pos] == row) {
            ui_list_select(&t->list, pos);
            return;
        }
}

bool ui_table_key(ui_table *t, ui_key k)
{
    return ui_list_key(&t->list, k);
}

/* Takes one column at a time from the widest column of the kind asked for
 * (flexible or not) that is above floor, until excess is gone. */
static int table_shrink(const ui_table *t, int *w, int excess, bool flex, bool to_min)
{
    while (excess > 0) {
        size_t widest = t->ncols;
        for (size_t i = 0; i < t->ncols; i++) {
            int floor = to_min ? t->columns[i].min : 1;
            if (t->columns[i].flex == flex && w[i] > floor && (widest == t->ncols || w[i] > w[widest]))
                widest = i;
        }
        if (widest == t->ncols)
            break;
        w[widest]--;
        excess--;
    }
    return excess;
}

int ui_table_widths(const ui_table *t, int width, int *out)
{
    int total = 0;
    for (size_t i = 0; i < t->ncols; i++) {
        int w = t->columns[i].title ? (int)text_width(t->columns[i].title) : 0;
        if (w < t->columns[i].least)
            w = t->columns[i].least;
        for (size_t r = 0; r < t->nrows; r++)
            if (!t->rows[r].heading) {
                int cw = (int)text_width(t->rows[r].cells[i]);
                if (cw > w)
                    w = cw;
            }
        out[i] = w > 0 ? w : 1;
        total += out[i] + (i > 0 ? TABLE_GAP : 0);
    }
    int room = width - TABLE_MARKER - 1;   /* and the column of the list's marks */
    int excess = total - room;
    excess = table_shrink(t, out, excess, true, true);
    excess = table_shrink(t, out, excess, false, true);
    excess = table_shrink(t, out, excess, true, false);
    table_shrink(t, out, excess, false, false);
    int used = 0;
    for (size_t i = 0; i < t->ncols; i++)
        used += out[i] + (i > 0 ? TABLE_GAP : 0);
    return used + TABLE_MARKER;
}

typedef struct table_draw {
    ui_table *t;
    const int *widths;
} table_draw;

static void table_cell(ui_canvas *c, int row, int x, int w, ui_align align, ui_role role, const char *text)
{
    int tw = (int)text_width(text);
    if (align == UI_ALIGN_RIGHT && tw < w)
        x += w - tw;
    ui_canvas_put_cut(c, row, x, w, role, text);
}

static void table_draw_row(void *data, ui_canvas *c, int row, int col, int width, size_t pos, bool selected)
{
    const table_draw *d = data;
    const ui_table *t = d->t;
    const table_row *r = &t->rows[t->order[pos]];
    if (r->heading) {
        ui_canvas_put_cut(c, row, col, width, (ui_role)r->roles[0], r->cells[0]);
        return;
    }
    if (selected)
        ui_canvas_put(c, row, col, 1, UI_ROLE_SELECTED, ">");
    int x = col + TABLE_MARKER;
    for (size_t i = 0; i < t->ncols && x < col + width; i++) {
        int w = d->widths[i];
        if (x + w > col + width)
            w = col + width - x;
        table_cell(c, row, x, w, t->columns[i].align, selected ? UI_ROLE_SELECTED : (ui_role)r->roles[i],
                   r->cells[i]);
        x += w + TABLE_GAP;
    }
}

void ui_table_render(ui_table *t, ui_canvas *c, int row, int col, int width, int height)
{
    int *widths = calloc(t->ncols ? t->ncols : 1, sizeof *widths);
    if (widths == NULL || height <= 0) {
        free(widths);
        return;
    }
    ui_table_widths(t, width, widths);
    bool header = false;
    for (size_t i = 0; i < t->ncols; i++)
        header = header || (t->columns[i].title && *t->columns[i].title);
    if (header) {
        int x = col + TABLE_MARKER;
        for (size_t i = 0; i < t->ncols; i++) {
            table_cell(c, row, x, widths[i], t->columns[i].align, UI_ROLE_TITLE,
                       t->columns[i].title ? t->columns[i].title : "");
            x += widths[i] + TABLE_GAP;
        }
        row++;
        height--;
    }
    table_draw d = {t, widths};
    ui_list_render(&t->list, c, row, col, width, height, table_draw_row, &d);
    free(widths);
}
