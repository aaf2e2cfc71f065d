/* text.c: UTF-8 decoding, display width and wrapping by columns (see text.h).
 *
 * Decoding is written here rather than with mbrtowc so that invalid bytes are
 * handled the same way whatever the locale; widths still come from wcwidth. */
#include "text.h"

#include <ctype.h>
#include <stdint.h>
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

/* How many of the 8 bytes at s are ASCII before the first that is not (8
 * when all are). */
static size_t ascii8(const char *s)
{
    uint64_t w;
    memcpy(&w, s, sizeof w);
    uint64_t high = w & UINT64_C(0x8080808080808080);
    if (high == 0)
        return 8;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return (size_t)__builtin_ctzll(high) / 8;
#else
    size_t n = 0;
    while ((unsigned char)s[n] < 0x80)
        n++;
    return n;
#endif
}

/* Whether the three bytes at u are one well-formed UTF-8 character of
 * U+0800 to U+FFFF (no surrogate): what text_decode accepts as three bytes,
 * checked without decoding. */
static bool utf8_three(const unsigned char *u)
{
    unsigned lo = u[0] == 0xE0 ? 0xA0 : 0x80, hi = u[0] == 0xED ? 0x9F : 0xBF;
    return u[0] >= 0xE0 && u[0] <= 0xEF && u[1] >= lo && u[1] <= hi && (u[2] & 0xC0) == 0x80;
}

bool text_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
    size_t i = 0;
    while (i < len) {
        /* most of a report is ASCII: eight bytes at a time */
        if (i + 8 <= len) {
            size_t n = ascii8(s + i);
            i += n;
            if (n > 0)
                continue;
        }
        /* and most of the rest Chinese, three bytes a character */
        if (i + 3 <= len && utf8_three((const unsigned char *)s + i)) {
            i += 3;
            continue;
        }
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
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

static bool ambiguous_wide;

void text_set_ambiguous_wide(bool wide)
{
    ambiguous_wide = wide;
}

bool text_ambiguous(unsigned cp)
{
    /* Unicode EastAsianWidth class A where it meets Chinese text (Latin-1
     * signs, Greek, Cyrillic, punctuation, arrows, maths, box drawing,
     * shapes); ✓ and ✗ because the terminals in that mode draw them wide too */
    static const unsigned ranges[][2] = {
        {0x00A1, 0x00A1}, {0x00A4, 0x00A4}, {0x00A7, 0x00A8}, {0x00AA, 0x00AA}, {0x00AD, 0x00AE},
        {0x00B0, 0x00B4}, {0x00B6, 0x00BA}, {0x00BC, 0x00BF}, {0x00C6, 0x00C6}, {0x00D0, 0x00D0},
        {0x00D7, 0x00D8}, {0x00DE, 0x00E1}, {0x00E6, 0x00E6}, {0x00E8, 0x00EA}, {0x00EC, 0x00ED},
        {0x00F0, 0x00F0}, {0x00F2, 0x00F3}, {0x00F7, 0x00FA}, {0x00FC, 0x00FC}, {0x00FE, 0x00FE},
        {0x0391, 0x03A9}, {0x03B1, 0x03C9}, {0x0401, 0x0401}, {0x0410, 0x044F}, {0x0451, 0x0451},
        {0x2010, 0x2010}, {0x2013, 0x2016}, {0x2018, 0x2019}, {0x201C, 0x201D}, {0x2020, 0x2022},
        {0x2024, 0x2027}, {0x2030, 0x2030}, {0x2032, 0x2033}, {0x2035, 0x2035}, {0x203B, 0x203B},
        {0x203E, 0x203E}, {0x2103, 0x2103}, {0x2109, 0x2109}, {0x2116, 0x2116}, {0x2121, 0x2122},
        {0x2160, 0x216B}, {0x2170, 0x2179}, {0x2190, 0x2199}, {0x21D2, 0x21D2}, {0x21D4, 0x21D4},
        {0x2200, 0x2200}, {0x2202, 0x2203}, {0x2207, 0x2208}, {0x220B, 0x220B}, {0x220F, 0x220F},
        {0x2211, 0x2211}, {0x2215, 0x2215}, {0x221A, 0x221A}, {0x221D, 0x2220}, {0x2223, 0x2223},
        {0x2225, 0x2225}, {0x2227, 0x222C}, {0x222E, 0x222E}, {0x2234, 0x2237}, {0x223C, 0x223D},
        {0x2248, 0x2248}, {0x224C, 0x224C}, {0x2252, 0x2252}, {0x2260, 0x2261}, {0x2264, 0x2267},
        {0x226A, 0x226B}, {0x226E, 0x226F}, {0x2282, 0x2283}, {0x2286, 0x2287}, {0x2295, 0x2295},
        {0x2299, 0x2299}, {0x22A5, 0x22A5}, {0x22BF, 0x22BF}, {0x2312, 0x2312}, {0x2460, 0x24E9},
        {0x24EB, 0x254B}, {0x2550, 0x2573}, {0x2580, 0x258F}, {0x2592, 0x2595}, {0x25A0, 0x25A1},
        {0x25A3, 0x25A9}, {0x25B2, 0x25B3}, {0x25B6, 0x25B7}, {0x25BC, 0x25BD}, {0x25C0, 0x25C1},
        {0x25C6, 0x25C8}, {0x25CB, 0x25CB}, {0x25CE, 0x25D1}, {0x25E2, 0x25E5}, {0x25EF, 0x25EF},
        {0x2605, 0x2606}, {0x2609, 0x2609}, {0x260E, 0x260F}, {0x261C, 0x261C}, {0x261E, 0x261E},
        {0x2640, 0x2640}, {0x2642, 0x2642}, {0x2660, 0x2661}, {0x2663, 0x2665}, {0x2667, 0x266A},
        {0x266C, 0x266D}, {0x266F, 0x266F}, {0x2713, 0x2713}, {0x2717, 0x2717}, {0x273D, 0x273D},
        {0x2776, 0x277F},
    };
    size_t lo = 0, hi = sizeof ranges / sizeof ranges[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < ranges[mid][0])
            hi = mid;
        else if (cp > ranges[mid][1])
            lo = mid + 1;
        else
            return true;
    }
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
        w = wide_fallback(codepoint) ? 2 : 1;
    if (w == 1 && ambiguous_wide && text_ambiguous(codepoint))
        return 2;
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

long text_split_list(const char *v, char ***words)
{
    *words = NULL;
    long count = 0;
    const char *p = v;
    for (;;) {
        const char *comma = strchr(p, ',');
        const char *end = comma ? comma : p + strlen(p);
        char *word = text_strip(p, end);
        char **grown = word && *word ? realloc(*words, (size_t)(count + 1) * sizeof *grown) : NULL;
        if (grown == NULL) {
            free(word);
            text_words_free(*words, count);
            *words = NULL;
            return -1;
        }
        *words = grown;
        (*words)[count++] = word;
        if (comma == NULL)
            break;
        p = comma + 1;
    }
    return count;
}

void text_words_free(char **words, long count)
{
    for (long i = 0; i < count; i++)
        free(words[i]);
    free(words);
}
