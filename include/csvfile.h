/* csvfile.h: CSV as spreadsheets read and write it, the one place that
 * speaks libcsv.
 *
 * Reading is strict (RFC 4180 quoting: a quote inside a field must be
 * doubled, an unclosed quote at the end is an error) and knows the line of
 * the file where every row starts, even when a quoted field holds line
 * breaks. A leading UTF-8 byte-order mark (what Excel's and WPS's "CSV UTF-8"
 * write) is skipped. Writing quotes every field, doubles quotes and ends rows
 * with CRLF. The formula guard keeps a spreadsheet from running a cell as a
 * formula; its inverse undoes exactly what it did. Used by the answer sheet
 * (sheet.h), the reports and the supervisor's import. */
#ifndef SELFCHECK_CSVFILE_H
#define SELFCHECK_CSVFILE_H

#include <stddef.h>

#define CSVFILE_BOM "\xEF\xBB\xBF"

/* One row: its fields (NUL-terminated; a field may itself hold NUL bytes
 * only if the file did, and then it ends there) and the line where it starts. */
typedef struct csvfile_row {
    char **fields;
    size_t count;
    int line;
} csvfile_row;

/* Every row of a file, in order. Owns its rows and their fields; the
 * fields of all rows lie one after another in one block of text (so a
 * table costs a few allocations however many fields it has): the fields
 * of a row follow one another in it, each ended by its NUL, so that a run
 * of a row's fields can be compared as one span of bytes. cells and
 * text are the table's own storage, not to be used directly. */
typedef struct csvfile_table {
    csvfile_row *rows;
    size_t count;
    char **cells;
    char *text;
} csvfile_table;

/* Why a read failed. */
typedef enum csvfile_status {
    CSVFILE_OK = 0,
    CSVFILE_NOMEM,       /* out of memory */
    CSVFILE_MALFORMED,   /* a stray quote, or text after a closing quote */
    CSVFILE_UNCLOSED,    /* a quoted field still open at the end */
} csvfile_status;

/* Reads the CSV text (len bytes; a leading BOM is skipped). max_rows > 0 stops
 * after that many rows and ignores the rest of the text (to read a header
 * cheaply); 0 reads all. Empty lines make no row.
 * Returns CSVFILE_OK with *out (free with csvfile_table_free), or another
 * status with *out NULL, *line the line of the problem (when line is
 * non-NULL) and *err a message without file or line (caller frees; callers
 * put "FILE:LINE: " in front). */
csvfile_status csvfile_parse(const char *text, size_t len, size_t max_rows, csvfile_table **out, int *line,
                             char **err);

/* csvfile_parse of every row, for text whose rows often open with the same
 * `repeat` fields as the row before (a report's own columns on every item
 * row): a row whose bytes open exactly as the row before's fields were
 * written (each quoted, quotes doubled, followed by ',') has those fields
 * copied rather than parsed again. The table, the status, *line and *err
 * are those csvfile_parse gives. */
csvfile_status csvfile_parse_repeating(const char *text, size_t len, size_t repeat, csvfile_table **out, int *line,
                                       char **err);

/* Frees a table; accepts NULL. */
void csvfile_table_free(csvfile_table *t);

/* Hands the block that holds every field's text to the caller (who frees
 * it), so that strings pointing into the fields outlive the table: the
 * fields stay valid until that block is freed, the rows until the table is.
 * Returns NULL when taken before. */
char *csvfile_table_take_text(csvfile_table *t);

/* The cell of a row at column, or "" when the row is shorter. Not to be freed. */
const char *csvfile_cell(const csvfile_row *row, size_t column);

/* A growing text to which rows are written. Zero-initialise it
 * (csvfile_buffer b = {0}); data is NUL-terminated; the caller frees data.
 * After an allocation fails, failed is set and later writes do nothing. */
typedef struct csvfile_buffer {
    char *data;
    size_t len, capacity;
    int failed;
} csvfile_buffer;

/* Appends one field, quoted, '"' doubled, then ',' or (last_in_row) CRLF.
 * NULL is written as an empty field. */
void csvfile_buffer_field(csvfile_buffer *b, const char *text, int last_in_row);
/* Appends text as it is (the BOM, for instance). */
void csvfile_buffer_raw(csvfile_buffer *b, const char *text);

/* Formula-injection guard. A cell that begins with '=', '+', '-', '@', tab,
 * CR, LF or the guard character '\'' itself gets one '\'' put in front.
 * csvfile_unguard removes that '\'' only where csvfile_guard put one (a '\''
 * followed by one of those characters), so unguard(guard(x)) == x for every
 * x, and a cell the user began with '\'' before a letter is kept as it is.
 * Both return a new string (caller frees), NULL when out of memory; NULL in
 * is "". csvfile_unguarded is csvfile_unguard without the copy: text itself,
 * or text + 1 where the guard is removed. */
char *csvfile_guard(const char *text);
char *csvfile_unguard(const char *text);
const char *csvfile_unguarded(const char *text);

#endif
