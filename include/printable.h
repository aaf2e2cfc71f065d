/* printable.h: text from elsewhere made safe to print on a terminal.
 *
 * A signed report, a note or a system name is still someone else's text: an
 * escape sequence in it must not reach the reader's terminal (clear the
 * screen, retitle the window, fake a line of output). verify --show, score
 * and the lists of the command line print such text through here. */
#ifndef SELFCHECK_PRINTABLE_H
#define SELFCHECK_PRINTABLE_H

#include <stdbool.h>

/* A copy of text in which C0 and C1 control characters (ESC, the 8-bit CSI
 * U+009B, DEL...) become '?' and line breaks (LF, CR, CRLF) become " / ";
 * everything else, Chinese included, is kept byte for byte. NULL is "".
 * Returns a new string (caller frees), or NULL when out of memory. */
char *printable_text(const char *text);

/* The first control character of text that a recorded or checklist text may
 * not hold, or NULL when there is none: any C0 control character (ESC, a
 * lone CR), DEL and the C1 controls U+0080..U+009F. With
 * `lines` true, a text of several lines may hold LF, CRLF and tab. */
const char *printable_find_control(const char *text, bool lines);
/* The code point of the control character at p (as found above), for
 * messages: 0x1B for ESC, 0x9B for the two bytes of U+009B. */
unsigned printable_control_code(const char *p);

#endif
