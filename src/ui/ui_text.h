/* ui_text.h: placeholders in the terminal interface's messages.
 *
 * The messages are English gettext msgids written where they are used
 * (_("...")); those that take values use {1}, {2}... which ui_subst fills.
 * In the help pages keys are written "KEY<TAB>what it does", one per line; a
 * line without a tab is a heading. Characters whose width differs between
 * terminals (East Asian "ambiguous" ones such as arrows and box drawing) are
 * avoided in messages, so that Chinese and English lines line up the same. */
#ifndef SELFCHECK_UI_TEXT_H
#define SELFCHECK_UI_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Fills {1}..{9} in tmpl with args[0..n). A placeholder without an argument is
 * left empty. Returns a new string; caller frees (NULL when out of memory). */
char *ui_subst(const char *tmpl, const char *const *args, size_t n);

/* True for lang "en". */
bool ui_lang_en(const char *lang);

#endif
