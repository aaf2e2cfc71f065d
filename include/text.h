/* text.h: UTF-8 text measured in terminal columns, and wrapped by them.
 *
 * The core computes widths and line breaks; the TUI only draws the spans it
 * is given. A Chinese character takes two columns (wcwidth); invalid bytes
 * count as one replacement character of width 1, so broken input can never
 * make the layout run off the screen. The process must have called
 * setlocale(LC_CTYPE, "") with a UTF-8 locale for wcwidth to know CJK. */
#ifndef SELFCHECK_TEXT_H
#define SELFCHECK_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..len) is valid UTF-8 (no overlongs, surrogates or values past
 * U+10FFFF). On false, *bad_offset (if non-NULL) is the first bad byte. */
bool text_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Decodes one character at s (at most len bytes). Returns the number of bytes
 * it takes (>= 1); an invalid sequence yields U+FFFD and length 1. */
size_t text_decode(const char *s, size_t len, unsigned *codepoint);

/* Display width of one code point: 0 for combining marks and controls, 2 for
 * wide (CJK) characters, else 1; 2 also for East Asian ambiguous-width
 * characters (· — … “ ” ✓ ✗ and the like) after text_set_ambiguous_wide(true). */
int text_char_width(unsigned codepoint);

/* How East Asian ambiguous-width characters are counted from now on: two
 * columns (as PuTTY or Xshell set to "ambiguous = wide" draw them) or one
 * (the default, as wcwidth says). For the whole process. */
void text_set_ambiguous_wide(bool wide);

/* True for a character of East Asian ambiguous width (Unicode's class A, as
 * far as it occurs in Chinese text, plus ✓ and ✗). */
bool text_ambiguous(unsigned codepoint);

/* Display width of a NUL-terminated UTF-8 string. */
size_t text_width(const char *s);

/* Byte length of the longest prefix of s that fits in `columns` columns and
 * does not split a character; its width goes to *width (if non-NULL). */
size_t text_fit(const char *s, size_t columns, size_t *width);

/* One line of wrapped text: bytes [offset, offset+length) of the source,
 * `columns` wide, without the spaces at the break. */
typedef struct text_span {
    size_t offset;
    size_t length;
    size_t columns;
} text_span;

/* A copy of the bytes from start to end without white space at either end.
 * Caller frees; NULL when out of memory. */
char *text_strip(const char *start, const char *end);

/* Splits a comma-separated list ("a, b,c") into trimmed, non-empty words.
 * Returns the count with *words (free with text_words_free), or -1 with
 * *words NULL for an empty entry or when out of memory. */
long text_split_list(const char *v, char ***words);
void text_words_free(char **words, long count);

/* Wraps s into lines of at most `width` columns (width >= 2) at the last
 * place that fits where a line may break: a space, or beside a Chinese
 * character (Chinese has no spaces), but not before a closing mark such as
 * ，。）” nor after an opening one such as （“. A word longer than the line is
 * cut. Never inside a character; always at '\n'. Returns the number of
 * spans; *spans (caller frees) receives them. Returns 0 with *spans NULL for
 * an empty string, and (size_t)-1 when out of memory. */
size_t text_wrap(const char *s, size_t width, text_span **spans);

/* Copy of s padded with spaces, or cut (with no half character), to exactly
 * `columns` columns. Returns a new string; caller frees. */
char *text_pad(const char *s, size_t columns);

#endif
