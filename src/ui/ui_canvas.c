/* ui_canvas.c: the cell grid that screens draw into (see ui_canvas.h).
 *
 * Keeping wide characters consistent is the one subtle part: a character of
 * width 2 owns its cell and the next; overwriting either half blanks the
 * other, so the terminal is never asked to draw half a Chinese character. */
#include "ui_canvas.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

int ui_canvas_reset(ui_canvas *c, int rows, int cols)
{
    if (rows < 0)
        rows = 0;
    if (cols < 0)
        cols = 0;
    size_t n = (size_t)rows * (size_t)cols;
    if (c->cells == NULL || (size_t)c->rows * (size_t)c->cols < n) {
        ui_cell *grown = realloc(c->cells, (n ? n : 1) * sizeof *grown);
        if (grown == NULL) {
            free(c->cells);
            c->cells = NULL;
            c->rows = c->cols = 0;
            return -1;
        }
        c->cells = grown;
    }
    c->rows = rows;
    c->cols = cols;
    for (size_t i = 0; i < n; i++)
        c->cells[i] = (ui_cell){' ', UI_ROLE_NORMAL};
    c->cursor_row = c->cursor_col = -1;
    return 0;
}

int ui_canvas_grow(ui_canvas *c, int rows)
{
    if (rows <= c->rows)
        return 0;
    size_t old = (size_t)c->rows * (size_t)c->cols, n = (size_t)rows * (size_t)c->cols;
    ui_cell *grown = realloc(c->cells, (n ? n : 1) * sizeof *grown);
    if (grown == NULL)
        return -1;
    c->cells = grown;
    for (size_t i = old; i < n; i++)
        c->cells[i] = (ui_cell){' ', UI_ROLE_NORMAL};
    c->rows = rows;
    return 0;
}

void ui_canvas_free(ui_canvas *c)
{
    free(c->cells);
    c->cells = NULL;
    c->rows = c->cols = 0;
}

static ui_cell *canvas_cell(ui_canvas *c, int row, int col)
{
    return &c->cells[(size_t)row * (size_t)c->cols + (size_t)col];
}

/* Blanks whatever wide character half-overlaps the cell about to be written. */
static void canvas_unshare(ui_canvas *c, int row, int col)
{
    ui_cell *cell = canvas_cell(c, row, col);
    if (cell->cp == 0 && col > 0)
        canvas_cell(c, row, col - 1)->cp = ' ';
    else if (col + 1 < c->cols && canvas_cell(c, row, col + 1)->cp == 0)
        canvas_cell(c, row, col + 1)->cp = ' ';
}

static void canvas_set(ui_canvas *c, int row, int col, unsigned cp, int width, ui_role role)
{
    canvas_unshare(c, row, col);
    *canvas_cell(c, row, col) = (ui_cell){cp, (unsigned char)role};
    if (width == 2) {
        canvas_unshare(c, row, col + 1);
        *canvas_cell(c, row, col + 1) = (ui_cell){0, (unsigned char)role};
    }
}

int ui_canvas_putn(ui_canvas *c, int row, int col, int max_cols, ui_role role,
                   const char *text, size_t len)
{
    if (row < 0 || row >= c->rows || col < 0 || col >= c->cols || max_cols <= 0 || text == NULL)
        return 0;
    int limit = col + max_cols;
    if (limit > c->cols)
        limit = c->cols;
    int at = col;
    size_t i = 0;
    while (i < len && text[i] != '\0') {
        unsigned cp;
        i += text_decode(text + i, len - i, &cp);
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
            cp = ' ';   /* a tab or newline would move the terminal's cursor */
        }
        int w = text_char_width(cp);
        if (w == 0)
            continue;
        if (at + w > limit)
            break;
        canvas_set(c, row, at, cp, w, role);
        at += w;
    }
    return at - col;
}

int ui_canvas_put(ui_canvas *c, int row, int col, int max_cols, ui_role role, const char *text)
{
    return text ? ui_canvas_putn(c, row, col, max_cols, role, text, strlen(text)) : 0;
}

int ui_canvas_put_cut(ui_canvas *c, int row, int col, int max_cols, ui_role role, const char *text)
{
    if (text == NULL || max_cols <= 0)
        return 0;
    if (col + max_cols > c->cols)
        max_cols = c->cols - col;
    size_t width = text_width(text);
    if (width <= (size_t)max_cols)
        return ui_canvas_put(c, row, col, max_cols, role, text);
    int mark = text_char_width(UI_ELLIPSIS_CP);
    if (max_cols <= mark)
        return ui_canvas_put(c, row, col, max_cols, role, UI_ELLIPSIS);
    size_t fit = text_fit(text, (size_t)(max_cols - mark), NULL);
    int n = ui_canvas_putn(c, row, col, max_cols - mark, role, text, fit);
    return n + ui_canvas_put(c, row, col + n, mark, role, UI_ELLIPSIS);
}

void ui_canvas_fill(ui_canvas *c, int row, int col, int width, ui_role role)
{
    if (row < 0 || row >= c->rows)
        return;
    for (int x = col < 0 ? 0 : col; x < col + width && x < c->cols; x++)
        canvas_set(c, row, x, ' ', 1, role);
}

void ui_canvas_paint(ui_canvas *c, int row, int col, int width, ui_role role)
{
    if (row < 0 || row >= c->rows)
        return;
    for (int x = col < 0 ? 0 : col; x < col + width && x < c->cols; x++)
        canvas_cell(c, row, x)->role = (unsigned char)role;
}

void ui_canvas_vline(ui_canvas *c, int col, int row, int height, ui_role role)
{
    if (col < 0 || col >= c->cols)
        return;
    for (int y = row < 0 ? 0 : row; y < row + height && y < c->rows; y++)
        canvas_set(c, y, col, UI_GLYPH_VLINE, 1, role);
}

void ui_canvas_hline(ui_canvas *c, int row, int col, int width, ui_role role)
{
    if (row < 0 || row >= c->rows)
        return;
    for (int x = col < 0 ? 0 : col; x < col + width && x < c->cols; x++)
        canvas_set(c, row, x, UI_GLYPH_HLINE, 1, role);
}

void ui_canvas_cursor(ui_canvas *c, int row, int col)
{
    if (row < 0 || row >= c->rows || col < 0 || col >= c->cols)
        row = col = -1;
    c->cursor_row = row;
    c->cursor_col = col;
}

void ui_canvas_blit(ui_canvas *dst, int dst_row, int dst_col, const ui_canvas *src,
                    int src_row, int rows)
{
    for (int y = 0; y < rows; y++) {
        int sy = src_row + y, dy = dst_row + y;
        if (sy < 0 || sy >= src->rows || dy < 0 || dy >= dst->rows)
            continue;
        for (int x = 0; x < src->cols && dst_col + x < dst->cols; x++) {
            ui_cell cell = src->cells[(size_t)sy * (size_t)src->cols + (size_t)x];
            int dx = dst_col + x;
            if (dx < 0)
                continue;
            if (cell.cp == 0) {
                /* the right half arrives with its left half, below */
                continue;
            }
            int w = cell.cp == ' ' ? 1 : text_char_width(cell.cp);
            if (w == 2 && (x + 1 >= src->cols || dx + 1 >= dst->cols))
                w = 1, cell.cp = ' ';
            canvas_set(dst, dy, dx, cell.cp, w, (ui_role)cell.role);
        }
    }
    if (src->cursor_row >= src_row && src->cursor_row < src_row + rows && src->cursor_row >= 0)
        ui_canvas_cursor(dst, dst_row + src->cursor_row - src_row, dst_col + src->cursor_col);
}

size_t ui_utf8_encode(unsigned cp, char *buf)
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        buf[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        buf[0] = (char)(0xC0 | (cp >> 6));
        buf[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        buf[0] = (char)(0xE0 | (cp >> 12));
        buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    buf[0] = (char)(0xF0 | (cp >> 18));
    buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    buf[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

char *ui_canvas_row_text(const ui_canvas *c, int row)
{
    if (row < 0 || row >= c->rows)
        return calloc(1, 1);
    char *out = malloc((size_t)c->cols * 4 + 1);
    if (out == NULL)
        return NULL;
    size_t n = 0, end = 0;
    for (int x = 0; x < c->cols; x++) {
        unsigned cp = c->cells[(size_t)row * (size_t)c->cols + (size_t)x].cp;
        if (cp == 0)
            continue;
        n += ui_utf8_encode(cp, out + n);
        if (cp != ' ')
            end = n;
    }
    out[end] = '\0';
    return out;
}

ui_role ui_canvas_role_at(const ui_canvas *c, int row, int col)
{
    if (row < 0 || row >= c->rows || col < 0 || col >= c->cols)
        return UI_ROLE_NORMAL;
    return (ui_role)c->cells[(size_t)row * (size_t)c->cols + (size_t)col].role;
}
