/* report_forms.c: the annex forms inside the signed report (see
 * report_forms.h and docs/report-format.md).
 *
 * Only recorded fields travel: a form nobody filled adds nothing, and the
 * order (form, then the unit block and the systems in id order, each in the
 * form's field order) is fixed so that the CSV and the SQLite file of one
 * report carry the same values in the same order. */
#include "report_forms.h"
#include "csvfile.h"
#include "error.h"
#include "forms_store.h"
#include "i18n.h"
#include "inventory.h"
#include "report_format.h"
#include "report_read.h"
#include "survey.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

/* The forms a report carries, in report order. */
static const forms_def *const report_form_defs[] = {&inventory_form, &survey_form};
#define FORM_DEFS (sizeof report_form_defs / sizeof report_form_defs[0])

const char *const report_form_csv_columns[REPORT_FORM_COLUMNS] = {"form", "record", "record_name", "field", "title",
                                                                  "value", "value_title"};

const char report_forms_sqlite_schema[] =
    "CREATE TABLE form_values ("
    " seq INTEGER PRIMARY KEY, form TEXT NOT NULL, record TEXT NOT NULL, record_name TEXT NOT NULL,"
    " field TEXT NOT NULL, title TEXT NOT NULL, value TEXT NOT NULL, value_title TEXT NOT NULL,"
    " UNIQUE (form, record, field));";

/* The index of the form named `name`, or -1. */
static int form_index(const char *name)
{
    for (size_t i = 0; i < FORM_DEFS; i++)
        if (strcmp(report_form_defs[i]->name, name) == 0)
            return (int)i;
    return -1;
}

bool report_forms_known(const char *name)
{
    return form_index(name) >= 0;
}

/* Where a value stands in report order. */
typedef struct form_place {
    int form;            /* index in report_form_defs */
    const char *record;  /* "" first, then system ids in increasing order */
    size_t field;        /* index in the block's or row's fields */
} form_place;

/* Checks one value read from a report, and that it comes after `prev` (NULL
 * for the first) in report order, which also rules out a value given twice.
 * Fills *here. 0, or -1 with *err. */
static int check_value(const char *const text[7], const form_place *prev, form_place *here, char **err)
{
    int f = form_index(text[0]);
    if (f < 0)
        return error_set(err, _("unknown form '%.40s'"), text[0]);
    const forms_def *def = report_form_defs[f];
    bool unit = text[1][0] == '\0';
    const forms_field *field = forms_field_find(def, unit, text[3]);
    if (field == NULL)
        return error_set(err, unit ? _("%1$s: no field '%2$.40s' in the unit block") : _("%1$s: no field '%2$.40s' in the rows"),
                         def->name, text[3]);
    if (unit && text[2][0] != '\0')
        return error_set(err, _("%s: the unit block has a system name"), def->name);
    *here = (form_place){f, text[1], (size_t)(field - (unit ? def->unit : def->row))};
    if (prev == NULL)
        return 0;
    int c = prev->form - here->form;
    if (c == 0)
        c = strcmp(prev->record, here->record);
    if (c == 0)
        c = prev->field < here->field ? -1 : prev->field > here->field;
    if (c >= 0)
        return error_set(err, _("%1$s %2$.40s %3$.40s: given twice or out of order"), def->name, text[1], text[3]);
    return 0;
}

void report_form_value_clear(report_form_value *v)
{
    char *all[] = {v->form, v->record, v->record_name, v->field, v->title, v->value, v->value_title};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        free(all[i]);
    memset(v, 0, sizeof *v);
}

void report_forms_free(report_forms *f)
{
    if (f == NULL)
        return;
    for (size_t i = 0; i < f->count; i++)
        report_form_value_clear(&f->values[i]);
    free(f->values);
    free(f);
}

/* Appends one value (copies of the texts). 0, or -1 when out of memory. */
static int add_value(report_form_value **values, size_t *count, size_t *cap, const char *const text[7])
{
    if (*count == *cap) {
        size_t c = *cap ? 2 * *cap : 64;
        report_form_value *g = realloc(*values, c * sizeof *g);
        if (g == NULL)
            return -1;
        *values = g;
        *cap = c;
    }
    report_form_value *v = &(*values)[*count];
    char **slots[] = {&v->form, &v->record, &v->record_name, &v->field, &v->title, &v->value, &v->value_title};
    int rc = 0;
    for (size_t i = 0; i < 7; i++)
        if ((*slots[i] = strdup(text[i] ? text[i] : "")) == NULL)
            rc = -1;
    (*count)++;   /* counted also when a copy failed, so that it is freed */
    return rc;
}

/* The recorded fields of one record of a form. */
static int add_record(report_forms *f, size_t *cap, const forms_data *d, const forms_record *r, bool unit)
{
    const forms_field *fields = unit ? d->def->unit : d->def->row;
    size_t n = unit ? d->def->unit_count : d->def->row_count;
    for (size_t i = 0; i < n && i < r->count; i++) {
        const char *value = r->values[i];
        if (value == NULL)
            continue;
        const char *text[7] = {d->def->name, r->id, r->name, fields[i].key, fields[i].title, value,
                               forms_value_title(&fields[i], value)};
        if (add_value(&f->values, &f->count, cap, text) != 0)
            return -1;
    }
    return 0;
}

int report_forms_load(const char *store_path, const struct system_info *systems, size_t system_count,
                      report_forms **out, char **err)
{
    *out = NULL;
    report_forms *f = calloc(1, sizeof *f);
    if (f == NULL)
        return error_set(err, "%s", _("out of memory"));
    forms_store *fs = NULL;
    int rc = forms_store_open(store_path, &fs, err) == FORMS_OK ? 0 : -1;
    size_t cap = 0;
    for (size_t k = 0; k < FORM_DEFS && rc == 0; k++) {
        forms_data *d = NULL;
        if (forms_store_load(fs, report_form_defs[k], systems, system_count, &d, err) != FORMS_OK) {
            rc = -1;
            break;
        }
        if (add_record(f, &cap, d, &d->unit, true) != 0)
            rc = error_set(err, "%s", _("out of memory"));
        for (size_t r = 0; r < d->row_count && rc == 0; r++)
            if (add_record(f, &cap, d, &d->rows[r], false) != 0)
                rc = error_set(err, "%s", _("out of memory"));
        forms_data_free(d);
    }
    forms_store_close(fs);
    if (rc == 0 && f->count > REPORT_MAX_FORM_VALUES)
        rc = error_set(err, _("the annex forms hold %1$zu values, more than a report carries (%2$zu)"), f->count,
                       REPORT_MAX_FORM_VALUES);
    if (rc != 0) {
        report_forms_free(f);
        return -1;
    }
    *out = f;
    return 0;
}

int report_forms_sqlite_write(struct sqlite3 *db, const report_forms *f)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT INTO form_values VALUES (?,?,?,?,?,?,?,?)", -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = 0;
    for (size_t i = 0; f != NULL && i < f->count && rc == 0; i++) {
        const report_form_value *v = &f->values[i];
        const char *text[] = {v->form, v->record, v->record_name, v->field, v->title, v->value, v->value_title};
        sqlite3_bind_int64(st, 1, (sqlite3_int64)i + 1);
        for (int c = 0; c < 7; c++)
            sqlite3_bind_text(st, c + 2, text[c], -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

int report_forms_sqlite_read(struct sqlite3 *db, report_form_value **values, size_t *count, char **err)
{
    *values = NULL;
    *count = 0;
    sqlite3_stmt *st;
    /* UNIQUE (form, record, field) of the schema is not trusted: a database
     * made by hand may lack it, so the order is checked as in a CSV report */
    if (sqlite3_prepare_v2(db,
                           "SELECT form, record, record_name, field, title, value, value_title"
                           " FROM form_values ORDER BY seq",
                           -1, &st, NULL) != SQLITE_OK)
        return error_set(err, "%s", _("not a selfcheck report: no table form_values"));
    report_form_value *list = NULL;
    size_t n = 0, cap = 0;
    form_place prev = {0};
    int rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (n >= REPORT_MAX_FORM_VALUES) {
            rc = error_set(err, _("more than %zu form values"), REPORT_MAX_FORM_VALUES);
            break;
        }
        const char *text[7];
        for (int c = 0; c < 7; c++) {
            text[c] = (const char *)sqlite3_column_text(st, c);
            if (text[c] == NULL || sqlite3_column_type(st, c) != SQLITE_TEXT) {
                rc = error_set(err, _("form_values row %1$zu: column %2$d is not text"), n + 1, c + 1);
                break;
            }
        }
        if (rc != 0)
            break;
        form_place here;
        if (check_value(text, n > 0 ? &prev : NULL, &here, err) != 0) {
            error_prefix(err, _("form_values row %zu"), n + 1);
            rc = -1;
            break;
        }
        if (add_value(&list, &n, &cap, text) != 0) {
            rc = error_set(err, "%s", _("out of memory"));
            break;
        }
        /* the place's record points into the list, which may move: keep the index */
        prev = here;
        prev.record = list[n - 1].record;
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = error_set(err, "form_values: %s",
                       (sqlite3_errcode(db) & 0xff) == SQLITE_NOMEM ? _("out of memory") : _("the table cannot be read"));
    sqlite3_finalize(st);
    if (rc != 0) {
        for (size_t i = 0; i < n; i++)
            report_form_value_clear(&list[i]);
        free(list);
        return -1;
    }
    *values = list;
    *count = n;
    return 0;
}

void report_forms_csv_write(struct csvfile_buffer *b, const report_forms *f)
{
    if (f == NULL || f->count == 0)
        return;
    for (size_t c = 0; c < REPORT_FORM_COLUMNS; c++)
        csvfile_buffer_field(b, report_form_csv_columns[c], c + 1 == REPORT_FORM_COLUMNS);
    for (size_t i = 0; i < f->count && !b->failed; i++) {
        const report_form_value *v = &f->values[i];
        const char *text[REPORT_FORM_COLUMNS] = {v->form,  v->record, v->record_name, v->field,
                                                 v->title, v->value,  v->value_title};
        for (size_t c = 0; c < REPORT_FORM_COLUMNS && !b->failed; c++) {
            char *guarded = report_cell_neutralise(text[c]);
            if (guarded == NULL)
                b->failed = 1;
            else
                csvfile_buffer_field(b, guarded, c + 1 == REPORT_FORM_COLUMNS);
            free(guarded);
        }
    }
}

int report_forms_csv_read(const struct csvfile_table *t, size_t header, size_t end, struct report_doc *doc,
                          char **err)
{
    const csvfile_row *head = &t->rows[header];
    if (doc->format_version < 3)
        return error_set(err, _("line %1$d: annex forms in a version %2$d report (they came with version 3)"),
                         head->line, doc->format_version);
    if (head->count != REPORT_FORM_COLUMNS)
        return error_set(err, _("line %1$d: %2$zu columns, the forms section has %3$d"), head->line, head->count,
                         REPORT_FORM_COLUMNS);
    for (size_t c = 0; c < REPORT_FORM_COLUMNS; c++)
        if (strcmp(head->fields[c], report_form_csv_columns[c]) != 0)
            return error_set(err, _("line %1$d: column %2$zu is '%3$.40s', expected '%4$s'"), head->line, c + 1,
                             head->fields[c], report_form_csv_columns[c]);
    size_t n = end - header - 1;
    if (n == 0)
        return error_set(err, _("line %d: a forms section without values"), head->line);
    if (n > REPORT_MAX_FORM_VALUES)
        return error_set(err, _("line %1$d: more than %2$zu form values"), head->line, REPORT_MAX_FORM_VALUES);
    doc->form_values = calloc(n, sizeof *doc->form_values);
    if (doc->form_values == NULL)
        return error_set(err, "%s", _("out of memory"));
    form_place prev = {0};
    for (size_t r = header + 1; r < end; r++) {
        const csvfile_row *row = &t->rows[r];
        if (row->count != REPORT_FORM_COLUMNS)
            return error_set(err, _("line %1$d: %2$zu fields, the forms section has %3$d"), row->line, row->count,
                             REPORT_FORM_COLUMNS);
        /* the cells point into the table's text, which the report keeps;
         * the formula guard is undone by pointing past it */
        char *text[REPORT_FORM_COLUMNS];
        for (size_t c = 0; c < REPORT_FORM_COLUMNS; c++)
            text[c] = row->fields[c] + (csvfile_unguarded(row->fields[c]) != row->fields[c]);
        form_place here;
        if (check_value((const char *const *)text, doc->form_value_count > 0 ? &prev : NULL, &here, err) != 0) {
            error_prefix(err, _("line %d"), row->line);
            return -1;
        }
        prev = here;
        report_form_value *v = &doc->form_values[doc->form_value_count++];
        *v = (report_form_value){text[0], text[1], text[2], text[3], text[4], text[5], text[6]};
    }
    return 0;
}
