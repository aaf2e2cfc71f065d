/* ini.h: INI files read with iniparser, guarded against what it hides.
 *
 * iniparser folds names to lower case, keeps the last of two equal keys,
 * merges repeated sections, cuts unquoted values at ';' or '#', refuses a
 * whole file over one line longer than its buffer, rejects a byte-order mark,
 * and gives no line numbers. ini_file_read first checks the raw lines and
 * records every section and key with its line, reporting whatever iniparser
 * would change; then iniparser reads the file and every value it returns is
 * compared with the raw one. Used for checklists and for selfcheck.ini. */
#ifndef SELFCHECK_INI_H
#define SELFCHECK_INI_H

#include <stdbool.h>
#include <stddef.h>
#include "error.h"

/* iniparser 4.1 holds 1022 bytes a line (measured); a round limit below it. */
#define INI_MAX_LINE 1000

typedef struct ini_key {
    char *name;
    char *value;    /* as iniparser returns it: quotes stripped */
    int line;
} ini_key;

typedef struct ini_section {
    char *name;
    int line;
    ini_key *keys;
    size_t key_count, key_capacity;
} ini_section;

typedef struct ini_file {
    char *path;
    ini_section *sections;   /* in file order */
    size_t count, capacity;
} ini_file;

/* Reads and checks path. Returns 0 with *out (free with ini_file_free), or -1
 * with every problem appended to diags as FILE:LINE: message. A missing file is
 * one problem without a line. */
int ini_file_read(const char *path, ini_file **out, diag_list *diags);
void ini_file_free(ini_file *f);

const ini_section *ini_find_section(const ini_file *f, const char *name);
const ini_key *ini_find_key(const ini_section *s, const char *name);
/* The value of a key, or NULL. */
const char *ini_get(const ini_section *s, const char *name);
/* The line of a key, or of the section when the key is absent. */
int ini_line(const ini_section *s, const char *name);

/* Sets one value in the INI file at path and leaves every other line (and
 * comment) as it was: the key's line is replaced, or the key is added at the
 * end of its section, or the section is added at the end of the file. The file
 * must read clean first; it is rewritten atomically with its own mode.
 * Returns 0, or -1 with *err ("FILE:LINE: message" when the file is bad). */
int ini_file_set(const char *path, const char *section, const char *key, const char *value, char **err);

/* Quotes a value so that iniparser reads it back unchanged: plain when it
 * needs no quotes, else in "..." (or '...' when it contains '"'). Returns a new
 * string (caller frees), or NULL when no quoting can hold it. */
char *ini_quote(const char *value);
/* Whether some quoting can hold value (no line break, not both kinds of
 * quote), so that a NULL from ini_quote can be told from running out of memory. */
bool ini_quotable(const char *value);

#endif
