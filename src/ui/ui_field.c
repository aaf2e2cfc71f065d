/* ui_field.c: one-line text editing on code points (see ui_field.h). */
#include "ui_field.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

void ui_field_free(ui_field *f)
{
    free(f->chars);
    f->chars = NULL;
    f->len = f->capacity = f->cursor = 0;
}

static int field_reserve(ui_field *f, size_t need)
{
    if (need <= f->capacity)
        return 0;
    size_t cap = f->capacity ? f->capacity * 2 : 32;
    while (cap < need)
        cap *= 2;
    unsigned *grown = realloc(f->chars, cap * sizeof *grown);
    if (grown == NULL)
        return -1;
    f->chars = grown;
    f->capacity = cap;
    return 0;
}

int ui_field_set(ui_field *f, const char *text)
{
    f->len = f->cursor = 0;
    if (text == NULL)
        return 0;
    size_t len = strlen(text), i = 0;
    if (field_reserve(f, len) != 0)
        return -1;
    while (i < len) {
        unsigned cp;
        i += text_decode(text + i, len - i, &cp);
        if (f->max_chars && f->len >= f->max_chars)
            break;
        f->chars[f->len++] = cp;
    }
    f->cursor = f->len;
    return 0;
}

char *ui_field_text(const ui_field *f)
{
    char *out = malloc(f->len * 4 + 1);
    if (out == NULL)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < f->len; i++)
        n += ui_utf8_encode(f->chars[i], out + n);
    out[n] = '\0';
    return out;
}

static ui_field_result field_insert(ui_field *f, unsigned cp)
{
    if (f->max_chars && f->len >= f->max_chars)
        return UI_FIELD_CHANGED;   /* full: swallow the key rather than let it act as a command */
    if (field_reserve(f, f->len + 1) != 0)
        return UI_FIELD_CHANGED;
    memmove(f->chars + f->cursor + 1, f->chars + f->cursor, (f->len - f->cursor) * sizeof *f->chars);
    f->chars[f->cursor++] = cp;
    f->len++;
    return UI_FIELD_CHANGED;
}

static void field_erase(ui_field *f, size_t at)
{
    memmove(f->chars + at, f->chars + at + 1, (f->len - at - 1) * sizeof *f->chars);
    f->len--;
}

char *ui_field_text_trimmed(const ui_field *f)
{
    char *text = ui_field_text(f);
    if (text == NULL)
        return NULL;
    char *trimmed = text_strip(text, text + strlen(text));
    free(text);
    return trimmed;
}

ui_field_result ui_field_key(ui_field *f, ui_key k)
{
    switch (k.code) {
    case UI_KEY_ENTER:
        return UI_FIELD_SUBMIT;
    case UI_KEY_ESC:
        return UI_FIELD_CANCEL;
    case UI_KEY_LEFT:
        if (f->cursor > 0)
            f->cursor--;
        return UI_FIELD_CHANGED;
    case UI_KEY_RIGHT:
        if (f->cursor < f->len)
            f->cursor++;
        return UI_FIELD_CHANGED;
    case UI_KEY_HOME:
        f->cursor = 0;
        return UI_FIELD_CHANGED;
    case UI_KEY_END:
        f->cursor = f->len;
        return UI_FIELD_CHANGED;
    case UI_KEY_BACKSPACE:
        if (f->cursor > 0)
            field_erase(f, --f->cursor);
        return UI_FIELD_CHANGED;
    case UI_KEY_DELETE:
        if (f->cursor < f->len)
            field_erase(f, f->cursor);
        return UI_FIELD_CHANGED;
    case UI_KEY_CHAR:
        switch (k.ch) {
        case 0x01:   /* Ctrl-A */
            f->cursor = 0;
            return UI_FIELD_CHANGED;
        case 0x05:   /* Ctrl-E */
            f->cursor = f->len;
            return UI_FIELD_CHANGED;
        case 0x15:   /* Ctrl-U */
            f->len = f->cursor = 0;
            return UI_FIELD_CHANGED;
        case 0x08:
        case 0x7F:   /* some terminals send these for Backspace */
            return ui_field_key(f, ui_key_make(UI_KEY_BACKSPACE));
        default:
            break;
        }
        if (k.ch < 0x20 || (k.ch >= 0x7F && k.ch < 0xA0) || k.ch > 0x10FFFF
            || (k.ch >= 0xD800 && k.ch <= 0xDFFF))
            return UI_FIELD_CHANGED;   /* other control characters: nothing to store */
        return field_insert(f, k.ch);
    default:
        return UI_FIELD_IGNORED;
    }
}

static int field_char_width(const ui_field *f, size_t i)
{
    if (f->masked)
        return 1;
    int w = text_char_width(f->chars[i]);
    return w;
}

void ui_field_render(const ui_field *f, ui_canvas *c, int row, int col, int width, ui_role role)
{
    if (width <= 0)
        return;
    ui_canvas_fill(c, row, col, width, role);
    /* The first character shown: far enough right that the cursor, and one
     * cell after it for the caret, fit in the width. */
    size_t start = 0;
    int before = 1;
    for (size_t i = f->cursor; i > 0; i--) {
        int w = field_char_width(f, i - 1);
        if (before + w > width) {
            start = i;
            break;
        }
        before += w;
    }
    int x = 0, cursor_x = 0;
    char buf[5];
    for (size_t i = start; i < f->len; i++) {
        if (i == f->cursor)
            cursor_x = x;
        unsigned cp = f->masked ? '*' : f->chars[i];
        int w = field_char_width(f, i);
        if (w == 0)
            continue;
        if (x + w > width)
            break;
        buf[ui_utf8_encode(cp, buf)] = '\0';
        x += ui_canvas_put(c, row, col + x, w, role, buf);
    }
    if (f->cursor >= f->len)
        cursor_x = x;
    if (cursor_x >= width)
        cursor_x = width - 1;
    ui_canvas_cursor(c, row, col + cursor_x);
}
