/* report_forms.h: the unit's annex forms inside its signed report (format
 * version 3; docs/report-format.md, "The annex forms").
 *
 * The data asset inventory (000 附) and the website survey (001 附) that the
 * unit recorded (forms.h) travel in the report as one value per recorded
 * field: in the CSV as a section of its own after the item rows (a header
 * row starting with `form`, then one row per value), in the SQLite file as
 * the table form_values; both are covered by the signature like everything
 * else in the file. This module reads them from the answer store for the
 * writers, and writes and reads both formats' part. */
#ifndef SELFCHECK_REPORT_FORMS_H
#define SELFCHECK_REPORT_FORMS_H

#include <stdbool.h>
#include <stddef.h>

struct sqlite3;
struct system_info;
struct csvfile_buffer;
struct csvfile_table;
struct report_doc;

/* The CSV section's columns (its header row), in file order. */
#define REPORT_FORM_COLUMNS 7
extern const char *const report_form_csv_columns[REPORT_FORM_COLUMNS];
/* At most this many form values in one report (the writer refuses more,
 * the reader too). */
#define REPORT_MAX_FORM_VALUES ((size_t)20000)

/* One recorded field of a form. Strings are never NULL. */
typedef struct report_form_value {
    char *form;          /* "inventory" or "survey" (report_forms_known) */
    char *record;        /* "" for the unit block, else the system id */
    char *record_name;   /* the system's name ("" for the unit block) */
    char *field;         /* the field's key, "release_area" */
    char *title;         /* the annex's title of the field, "发布区域" */
    char *value;         /* the recorded value, "internet" */
    char *value_title;   /* the annex's word for it, "互联网" (the value itself when it is no choice) */
} report_form_value;

typedef struct report_forms {
    report_form_value *values;   /* inventory first, then survey; each unit block, then rows by system */
    size_t count;
} report_forms;

/* True when `name` is a form a report may carry. */
bool report_forms_known(const char *name);

/* The forms recorded in the answer store at store_path (which store_open has
 * opened) for these systems. Returns 0 with *out (free with
 * report_forms_free), or -1 with *err. More than REPORT_MAX_FORM_VALUES
 * values is an error. */
int report_forms_load(const char *store_path, const struct system_info *systems, size_t system_count,
                      report_forms **out, char **err);
void report_forms_free(report_forms *f);

/* Frees the strings of one value (not the value itself). */
void report_form_value_clear(report_form_value *v);

/* Appends the CSV section (header and one row per value, every cell through
 * the formula guard, CRLF) to b; nothing when f is NULL or empty. A failure
 * sets b->failed. */
void report_forms_csv_write(struct csvfile_buffer *b, const report_forms *f);

/* Reads the CSV section whose header is row `header` of t and whose rows go
 * up to `end` into doc->form_values (the strings point into t's text, which
 * the report keeps: doc->strings). Only in a report of format 3 or later.
 * Returns 0, or -1 with *err (the header, a row's width, an unknown form,
 * a value given twice, too many values). */
int report_forms_csv_read(const struct csvfile_table *t, size_t header, size_t end, struct report_doc *doc,
                          char **err);

/* The SQLite report's table of form values (CREATE TABLE ...;). */
extern const char report_forms_sqlite_schema[];

/* Inserts every value into form_values of a report database being built.
 * 0, or -1 (SQLite's error on db). */
int report_forms_sqlite_write(struct sqlite3 *db, const report_forms *f);

/* Reads form_values of a report database (format 3 or later: the table must
 * be there) into *values and *count (free each with report_form_value_clear,
 * then the array). Returns 0, or -1 with *err naming what is wrong (no
 * table, a form it does not know, a value given twice, too many values). */
int report_forms_sqlite_read(struct sqlite3 *db, report_form_value **values, size_t *count, char **err);

#endif
