/* text.c: UTF-8 decoding, display width and wrapping by columns (see text.h).
 *
 * Decoding is written here rather than with mbrtowc so that invalid bytes are
 * handled the same way whatever the locale; widths still come from wcwidth. */
#include "text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define REPLACEMENT 0xFFFDu

size_t text_decode(const char *s, size_t len, unsigned *codepoint)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned c = u[0];
    size_t need;
    unsigned min;
    if (c < 0x80) {
        *codepoint = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        need = 2; min = 0x80; c &= 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3; min = 0x800; c &= 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4; min = 0x10000; c &= 0x07;
    } else {
        *codepoint = REPLACEMENT;
        return 1;
    }
    if (len < need) {
        *codepoint = REPLACEMENT;
        return 1;
    }
    for (size_t i = 1; i < need; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *codepoint = REPLACEMENT;
            return 1;
        }
        c = (c << 6) | (u[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        *codepoint = REPLACEMENT;
        return 1;
    }
    *codepoint = c;
    return need;
}

bool text_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
    size_t i = 0;
    while (i < len) {
        unsigned cp;
        size_t n = text_decode(s + i, len - i, &cp);
        /* A genuine U+FFFD in the input is three bytes, never one. */
        if (cp == REPLACEMENT && n == 1) {
            if (bad_offset)
                *bad_offset = i;
            return false;
        }
        i += n;
    }
    return true;
}

/* The East Asian Wide and Fullwidth ranges that matter here (Unicode 15),
 * for when the locale is not UTF-8 and wcwidth knows nothing beyond ASCII:
 * a Chinese character must take two columns whatever the environment. */
static bool wide_fallback(unsigned cp)
{
    static const unsigned ranges[][2] = {
        {0x1100, 0x115F}, {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF},
        {0x4E00, 0x9FFF}, {0xA000, 0xA4CF}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
        {0xFE30, 0xFE4F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F},
        {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
    };
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (cp >= ranges[i][0] && cp <= ranges[i][1])
            return true;
    return false;
}

int text_char_width(unsigned codepoint)
{
    if (codepoint == '\t')
        return 1;
    if (codepoint < 0x20 || (codepoint >= 0x7F && codepoint < 0xA0))
        return 0;
    int w = wcwidth((wchar_t)codepoint);
    if (w < 0)
        return wide_fallback(codepoint) ? 2 : 1;
    return w;
}

size_t text_width(const char *s)
{
    size_t len = strlen(s), i = 0, width = 0;
    while (i < len) {
        unsigned cp;
        i += text_decode(s + i, len - i, &cp);
        width += (size_t)text_char_width(cp);
    }
    return width;
}

size_t text_fit(const char *s, size_t columns, size_t *width)
{
    size_t len = strlen(s), i = 0, used = 0;
    while (i < len) {
        unsigned cp;
        size_t n = text_decode(s + i, len - i, &cp);
        size_t w = (size_t)text_char_width(cp);
        if (used + w > columns)
            break;
        used += w;
        i += n;
    }
    if (width)
        *width = used;
    return i;
}

static int push_span(text_span **spans, size_t *count, size_t *capacity,
                     size_t offset, size_t length, size_t columns)
{
    if (*count == *capacity) {
        size_t grown_capacity = *capacity ? *capacity * 2 : 8;
        text_span *grown = realloc(*spans, grown_capacity * sizeof *grown);
        if (grown == NULL)
            return -1;
        *spans = grown;
        *capacity = grown_capacity;
    }
    (*spans)[(*count)++] = (text_span){offset, length, columns};
    return 0;
}

/* Punctuation that must not begin a line (closing marks, commas, stops) and
 * that must not end one (opening marks), as Chinese typesetting has it
 * (GB/T 15834); the ASCII ones matter only beside Chinese text. */
static bool text_no_line_start(unsigned cp)
{
    static const unsigned closing[] = {
        0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09, 0x300D, 0x300F, 0x201D,
        0x2019, 0x300B, 0x3009, 0x3011, 0x3015, 0xFF3D, 0xFF5D, 0xFF0E, 0x2026,
        ',', '.', ';', ':', '?', '!', ')', ']', '}', '%'};
    for (size_t i = 0; i < sizeof closing / sizeof closing[0]; i++)
        if (cp == closing[i])
            return true;
    return false;
}

static bool text_no_line_end(unsigned cp)
{
    static const unsigned opening[] = {0xFF08, 0x300C, 0x300E, 0x201C, 0x2018, 0x300A, 0x3008,
                                       0x3010, 0x3014, 0xFF3B, 0xFF5B, '(', '[', '{'};
    for (size_t i = 0; i < sizeof opening / sizeof opening[0]; i++)
        if (cp == opening[i])
            return true;
    return false;
}

/* Whether a line may break between prev and next: at a space (which neither
 * line keeps), or beside a Chinese character (Chinese has no spaces), except
 * before a closing mark or after an opening one. Never inside an English word. */
static bool text_break_between(unsigned prev, unsigned next)
{
    if (next == ' ')
        return true;
    if (prev == ' ')
        return false;   /* the break was at the space before */
    if (text_char_width(prev) < 2 && text_char_width(next) < 2)
        return false;
    return !text_no_line_start(next) && !text_no_line_end(prev);
}

size_t text_wrap(const char *s, size_t width, text_span **spans)
{
    *spans = NULL;
    size_t count = 0, capacity = 0, len = strlen(s);
    if (width < 2)
        width = 2;
    size_t line_start = 0;
    while (line_start < len) {
        size_t i = line_start, cols = 0;
        /* the last place on this line where it may break, and the width before it */
        size_t break_at = 0, cols_at_break = 0;
        bool have_break = false, hard_break = false;
        unsigned prev = 0;
        while (i < len) {
            if (s[i] == '\n') {
                hard_break = true;
                break;
            }
            unsigned cp;
            size_t n = text_decode(s + i, len - i, &cp);
            size_t w = (size_t)text_char_width(cp);
            if (i > line_start && text_break_between(prev, cp)) {
                break_at = i;
                cols_at_break = cols;
                have_break = true;
            }
            if (cols + w > width)
                break;
            cols += w;
            prev = cp;
            i += n;
        }
        size_t end = i, end_cols = cols, next = i;
        if (hard_break) {
            next = i + 1;
        } else if (i < len && have_break) {
            end = break_at;
            end_cols = cols_at_break;
            next = break_at;
        }
        /* otherwise one word fills the line: it is cut where the line ends */
        /* spaces at the break belong to neither line */
        while (end > line_start && s[end - 1] == ' ' && !hard_break) {
            end--;
            end_cols--;
        }
        if (!hard_break)
            while (next < len && s[next] == ' ')
                next++;
        if (push_span(spans, &count, &capacity, line_start, end - line_start, end_cols) != 0) {
            free(*spans);
            *spans = NULL;
            return (size_t)-1;
        }
        if (next == line_start)   /* a character wider than the line: never loop */
            next += text_decode(s + next, len - next, &(unsigned){0});
        line_start = next;
        if (hard_break && line_start == len && push_span(spans, &count, &capacity, len, 0, 0) != 0) {
            free(*spans);
            *spans = NULL;
            return (size_t)-1;
        }
    }
    return count;
}

char *text_pad(const char *s, size_t columns)
{
    size_t used;
    size_t bytes = text_fit(s, columns, &used);
    char *out = malloc(bytes + (columns - used) + 1);
    if (out == NULL)
        return NULL;
    memcpy(out, s, bytes);
    memset(out + bytes, ' ', columns - used);
    out[bytes + columns - used] = '\0';
    return out;
}

char *text_strip(const char *start, const char *end)
{
    while (start < end && isspace((unsigned char)*start))
        start++;
    while (end > start && isspace((unsigned char)end[-1]))
        end--;
    return strndup(start, (size_t)(end - start));
}
