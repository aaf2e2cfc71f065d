/* ui_canvas.h: a grid of character cells that a screen's logic fills and the
 * terminal module copies to curses.
 *
 * Every screen lays itself out into a canvas of the window's size, so the
 * layout (what goes where, what is cut, what is highlighted) is computed and
 * tested without a terminal. Text is placed by display columns: a Chinese
 * character fills two cells, and one that would not fit whole is left out. */
#ifndef SELFCHECK_UI_CANVAS_H
#define SELFCHECK_UI_CANVAS_H

#include <stdbool.h>
#include <stddef.h>

/* What a cell means; the terminal maps each role to a colour pair and to a
 * monochrome attribute. Colour is never the only signal: the screens also
 * write a glyph or a word. */
typedef enum ui_role {
    UI_ROLE_NORMAL = 0,
    UI_ROLE_ANSWERED,
    UI_ROLE_FAILED,
    UI_ROLE_CRITICAL,
    UI_ROLE_SELECTED,
    UI_ROLE_TITLE,
    UI_ROLE_DIM,
    UI_ROLE_WARNING,
    UI_ROLE_INPUT,
    UI_ROLE_COUNT
} ui_role;

/* Code points the terminal draws as line-drawing characters (ACS), which
 * every terminal shows one column wide. */
#define UI_GLYPH_VLINE 0x2502u
#define UI_GLYPH_HLINE 0x2500u

/* The mark that ends every text cut to fit ("…"). */
#define UI_ELLIPSIS "\xE2\x80\xA6"
#define UI_ELLIPSIS_CP 0x2026u

typedef struct ui_cell {
    unsigned cp;          /* 0: the right half of the wide character to its left */
    unsigned char role;
} ui_cell;

typedef struct ui_canvas {
    int rows, cols;
    ui_cell *cells;       /* rows x cols, row-major */
    int cursor_row, cursor_col;   /* -1: hide the cursor */
} ui_canvas;

/* Sets the size and blanks every cell. A canvas starts zeroed ({0}).
 * Returns 0, or -1 when out of memory (the canvas is then 0 x 0). */
int ui_canvas_reset(ui_canvas *c, int rows, int cols);
/* Adds blank rows at the bottom until the canvas has at least `rows`, keeping
 * what is drawn (for panes that grow as they are written). Returns 0, or -1
 * when out of memory (the canvas is unchanged). */
int ui_canvas_grow(ui_canvas *c, int rows);
/* Frees the cells; the canvas may be reset again. */
void ui_canvas_free(ui_canvas *c);

/* Writes UTF-8 text at (row, col), at most max_cols columns and never past the
 * right edge. Control characters become spaces, invalid bytes U+FFFD, and
 * zero-width characters are dropped. Returns the columns written. */
int ui_canvas_put(ui_canvas *c, int row, int col, int max_cols, ui_role role, const char *text);
/* The same for the first len bytes of text. */
int ui_canvas_putn(ui_canvas *c, int row, int col, int max_cols, ui_role role,
                   const char *text, size_t len);
/* Like ui_canvas_put, but text wider than max_cols is cut one character
 * earlier and ends in "…", so a reader always sees that something is missing.
 * Returns the columns written. */
int ui_canvas_put_cut(ui_canvas *c, int row, int col, int max_cols, ui_role role, const char *text);
/* Blanks `width` cells with the given role (a highlighted bar, a status line). */
void ui_canvas_fill(ui_canvas *c, int row, int col, int width, ui_role role);
/* Gives `width` cells a role without changing their characters. */
void ui_canvas_paint(ui_canvas *c, int row, int col, int width, ui_role role);
void ui_canvas_vline(ui_canvas *c, int col, int row, int height, ui_role role);
void ui_canvas_hline(ui_canvas *c, int row, int col, int width, ui_role role);
/* Places the cursor (shown while a field is being edited); (-1,-1) hides it. */
void ui_canvas_cursor(ui_canvas *c, int row, int col);

/* Copies rows [src_row, src_row+rows) of src to dst at (dst_row, dst_col),
 * cut to dst's size, with src's cursor if it lies inside. */
void ui_canvas_blit(ui_canvas *dst, int dst_row, int dst_col, const ui_canvas *src,
                    int src_row, int rows);

/* The text of one row as UTF-8 with trailing spaces removed, for tests and
 * for the benchmark. Returns a new string; caller frees. */
char *ui_canvas_row_text(const ui_canvas *c, int row);
/* The role of one cell, or UI_ROLE_NORMAL outside the canvas. */
ui_role ui_canvas_role_at(const ui_canvas *c, int row, int col);

/* Appends the UTF-8 encoding of cp to buf (at least 4 bytes free); returns the
 * number of bytes written. */
size_t ui_utf8_encode(unsigned cp, char *buf);

#endif
