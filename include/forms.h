/* forms.h: the forms of the documents' annexes, as tables of fields.
 *
 * A form (the data asset inventory of 000 附, the website survey of 001 附)
 * has a unit block, filled once, and one row per information system
 * registered with `selfcheck systems`. Each field has a machine key
 * ("release_area"), the annex's own title ("发布区域", a machine token of the
 * exports, never translated), a label for people (an N_() msgid) and a kind
 * that decides how a value is checked and stored (docs/forms.md). The values
 * live in the answer store (forms_store.h); this module checks them and reads
 * and writes the forms' CSV sheet. */
#ifndef SELFCHECK_FORMS_H
#define SELFCHECK_FORMS_H

#include <stdbool.h>
#include <stddef.h>
#include "error.h"

typedef enum forms_kind {
    FORMS_TEXT = 0,      /* free text, one line */
    FORMS_CHOICE,        /* one of the field's choices */
    FORMS_CREDIT_CODE,   /* unified social credit code, GB 32100 */
    FORMS_PHONE,         /* mobile or office telephone number */
    FORMS_IPS,           /* IPv4/IPv6 addresses */
    FORMS_VOLUME,        /* a data volume with GB, TB or PB */
    FORMS_LEVEL,         /* MLPS level 1-4 or none */
    FORMS_DATE,          /* YYYY-MM-DD */
    FORMS_DOMAIN         /* internet domain name */
} forms_kind;

typedef struct forms_choice {
    const char *key;     /* what is stored and typed: "internet" */
    const char *title;   /* the annex's word: "互联网" (machine token) */
} forms_choice;

typedef struct forms_field {
    const char *key;               /* "release_area" */
    const char *title;             /* the annex's title (machine token) */
    const char *label;             /* N_() msgid shown to people */
    forms_kind kind;
    const forms_choice *choices;   /* FORMS_CHOICE: ends with {NULL, NULL} */
} forms_field;

typedef struct forms_def {
    const char *name;              /* "inventory", "survey": its key in the store */
    const forms_field *unit;       /* the unit block */
    size_t unit_count;
    const forms_field *row;        /* one row per system */
    size_t row_count;
} forms_def;

/* What a forms call returns besides 0. */
typedef enum forms_status {
    FORMS_OK = 0,
    FORMS_ERR = -1,           /* store failure or out of memory */
    FORMS_ERR_INVALID = -2,   /* a value, field or system the form does not take */
    FORMS_ERR_NOT_FOUND = -3  /* no such system */
} forms_status;

/* The field of the unit block (unit true) or of a row with that key; NULL. */
const forms_field *forms_field_find(const forms_def *def, bool unit, const char *key);

/* Checks `text` for the field and stores its one spelling in *canonical
 * (caller frees). A choice is given by its key or the annex's word. Returns
 * FORMS_OK, or FORMS_ERR_INVALID with *err naming the field and saying what
 * it takes, or FORMS_ERR when out of memory. */
int forms_value_check(const forms_field *f, const char *text, char **canonical, char **err);

/* The annex's word for a stored choice (its title), else the value itself;
 * "" for NULL. Not to be freed. */
const char *forms_value_title(const forms_field *f, const char *value);

/* What the field takes, for the sheet's `allowed` column (machine token):
 * "internet|private|both", "GB/TB/PB", "1|2|3|4|none", "YYYY-MM-DD"… A new
 * string; caller frees. */
char *forms_allowed(const forms_field *f);

/* One filled record: the unit block (id "") or one system's row. values[i]
 * belongs to the i-th field of the block or row; NULL when not recorded. */
typedef struct forms_record {
    char *id;          /* "" or the system id */
    char *name;        /* the system's name ("" for the unit block) */
    char **values;
    size_t count;
    bool any;          /* at least one value recorded */
} forms_record;

/* A whole form: the unit block and one row per registered system in id order. */
typedef struct forms_data {
    const forms_def *def;
    forms_record unit;
    forms_record *rows;
    size_t row_count;
} forms_data;

void forms_data_free(forms_data *d);
/* The row of a system; NULL when it is not registered. */
const forms_record *forms_data_row(const forms_data *d, const char *system_id);
/* The stored value of a field of a record; NULL when not recorded. */
const char *forms_record_value(const forms_data *d, const forms_record *r, const char *key);

/* One change to record: value NULL clears the field. */
typedef struct forms_change {
    char *record;      /* "" or a system id */
    const forms_field *field;
    char *value;
    int line;          /* the sheet line it comes from, 0 from the command line */
} forms_change;

typedef struct forms_changes {
    forms_change *items;
    size_t count, capacity;
} forms_changes;

/* Checks "KEY=VALUE" for the record (unit block when system_id is NULL or "",
 * else that row of `d`) and adds the change. An empty VALUE clears the
 * field. Returns FORMS_OK, FORMS_ERR_INVALID or FORMS_ERR_NOT_FOUND (an
 * unregistered system) with *err, FORMS_ERR when out of memory. */
int forms_changes_add(forms_changes *c, const forms_data *d, const char *system_id, const char *assignment,
                      char **err);
void forms_changes_clear(forms_changes *c);

/* The CSV sheet of a form: BOM, header `system,field,title,allowed,value`,
 * one row per field of the unit block and of every system's row, with what
 * is recorded in `value`. *out (caller frees), *len. */
int forms_sheet_render(const forms_data *d, char **out, size_t *len, char **err);

/* Reads a filled sheet (columns found by name; `system`, `field` and `value`
 * required) into changes, checking every row against `d`: an unknown system
 * or field, a field given twice, a value the field does not take. Empty
 * values leave what is recorded unchanged. Every problem goes to `problems`
 * as PATH:LINE: message; returns FORMS_ERR_INVALID when there was any (and
 * no changes), FORMS_ERR with *err when the file cannot be read, else 0. */
int forms_sheet_read(const forms_data *d, const char *path, forms_changes *changes, diag_list *problems,
                     char **err);

/* Fills the cells of one exported row (row has `columns` NULL slots; each
 * filled with a new string). Returns 0, or -1 when out of memory. */
typedef int (*forms_row_fn)(const forms_data *d, const forms_record *r, char **row);

/* The annex's table as CSV with a BOM and CRLF: a header of `titles`, then
 * one row per system row of `d` with anything recorded, its cells made by
 * `fill` and guarded against formulas; the header alone when there is none.
 * *out (caller frees) and *len. Returns 0, or FORMS_ERR with *err. */
int forms_export(const forms_data *d, const char *const *titles, size_t columns, forms_row_fn fill, char **out,
                 size_t *len, char **err);

#endif
