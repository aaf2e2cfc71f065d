/* number.h: numbers read and written in the C locale.
 *
 * Checklists, settings, answers and reports write numbers with a decimal
 * point whatever the user's locale says (a German LC_NUMERIC would make
 * strtod read "0.1" as 0 and printf write "0,1"). Every number the core reads
 * or writes goes through here. Only decimal notation is accepted: strtod's hex
 * ("0x10"), "inf", "nan", leading spaces and trailing text are refused. */
#ifndef SELFCHECK_NUMBER_H
#define SELFCHECK_NUMBER_H

#include <stdbool.h>
#include <stddef.h>

/* Reads a finite decimal number: [+-]digits[.digits][e[+-]digits] (".5" and
 * "5." too). The whole of `text` must be the number. Returns true and sets
 * *out; false (and *out untouched) otherwise, also for NULL. */
bool number_parse_real(const char *text, double *out);

/* Reads a whole number in base 10 ("010" is ten, not eight) within min..max.
 * The whole of `text` must be the number. Returns true and sets *out. */
bool number_parse_whole(const char *text, long min, long max, long *out);

/* Writes v with printf's %.*g (`digits` significant digits) in the C locale
 * into out (size bytes). Returns the length printf would have written, as
 * snprintf does, or -1 on failure. */
int number_format(char *out, size_t size, int digits, double v);

/* The same into a new string (caller frees), or NULL when out of memory. */
char *number_text(int digits, double v);

#endif
