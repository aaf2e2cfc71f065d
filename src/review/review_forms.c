/* review_forms.c: the units' systems and websites as their annex forms say
 * (see review_query.h, review_form_rows).
 *
 * A unit's forms are taken from one report: its latest current report (by
 * generated_at) that carries the form, so a later report without forms (a
 * unit that has not filled them in again) does not hide what it sent
 * before, and two reports are never mixed. */
#include "review_query.h"
#include "review_db_internal.h"
#include "error.h"
#include "i18n.h"
#include "inventory.h"
#include "survey.h"

#include <stdlib.h>
#include <string.h>

void review_form_rows_free(review_form_row *rows, size_t count)
{
    for (size_t i = 0; rows && i < count; i++) {
        review_form_row *r = &rows[i];
        char *all[] = {r->unit_code, r->unit_name, r->profile, r->period, r->report_id, r->system_id, r->system_name};
        for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
            free(all[k]);
        for (size_t k = 0; k < r->count; k++) {
            free(r->values ? r->values[k] : NULL);
            free(r->titles ? r->titles[k] : NULL);
        }
        free(r->values);
        free(r->titles);
    }
    free(rows);
}

/* A new row for (unit, system) with every value "". NULL when out of memory. */
static review_form_row *new_row(review_form_row **rows, size_t *n, size_t *cap, sqlite3_stmt *st, size_t fields)
{
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 32;
        review_form_row *g = realloc(*rows, c * sizeof *g);
        if (g == NULL)
            return NULL;
        *rows = g;
        *cap = c;
    }
    review_form_row *r = &(*rows)[(*n)++];
    memset(r, 0, sizeof *r);
    char **slots[] = {&r->unit_code, &r->unit_name, &r->profile, &r->period, &r->report_id, &r->system_id,
                      &r->system_name};
    bool ok = true;
    for (int c = 0; c < 7; c++)
        ok &= (*slots[c] = review_db_column(st, c)) != NULL;
    r->values = calloc(fields, sizeof *r->values);
    r->titles = calloc(fields, sizeof *r->titles);
    if (!ok || r->values == NULL || r->titles == NULL)
        return NULL;
    r->count = fields;
    for (size_t k = 0; k < fields; k++)
        if ((r->values[k] = strdup("")) == NULL || (r->titles[k] = strdup("")) == NULL)
            return NULL;
    return r;
}

int review_form_rows(review_db *db, const char *form, const char *unit, review_form_row **out, size_t *count,
                     char **err)
{
    *out = NULL;
    *count = 0;
    const forms_def *def = strcmp(form, "inventory") == 0 ? &inventory_form
                         : strcmp(form, "survey") == 0    ? &survey_form
                                                          : NULL;
    if (def == NULL)
        return error_set(err, _("no form '%.40s'"), form);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn,
                           "WITH src AS (SELECT r.id, r.unit_code, r.unit_name, r.profile, r.period, r.report_id,"
                           " row_number() OVER (PARTITION BY r.unit_code ORDER BY r.generated_at DESC,"
                           " r.report_id DESC) AS k FROM reports r WHERE r.superseded_by IS NULL"
                           " AND (?2 IS NULL OR r.unit_code = ?2)"
                           " AND EXISTS (SELECT 1 FROM form_values v WHERE v.report = r.id AND v.form = ?1))"
                           " SELECT src.unit_code, coalesce(u.name, src.unit_name), src.profile, src.period,"
                           " src.report_id, v.record, v.record_name, v.field, v.value, v.value_title"
                           " FROM src JOIN form_values v ON v.report = src.id AND v.form = ?1 AND v.record <> ''"
                           " LEFT JOIN units u ON u.code = src.unit_code WHERE src.k = 1"
                           " ORDER BY src.unit_code, v.record, v.seq",
                           -1, &st, NULL) != SQLITE_OK)
        return review_db_fail(db, REVIEW_DB_ERROR, err, "read"), -1;
    review_db_bind_text(st, 1, form);
    if (unit != NULL)
        review_db_bind_text(st, 2, unit);
    review_form_row *rows = NULL, *cur = NULL;
    size_t n = 0, cap = 0;
    int rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *u = (const char *)sqlite3_column_text(st, 0);
        const char *sys = (const char *)sqlite3_column_text(st, 5);
        if (cur == NULL || strcmp(cur->unit_code, u ? u : "") != 0 || strcmp(cur->system_id, sys ? sys : "") != 0) {
            if ((cur = new_row(&rows, &n, &cap, st, def->row_count)) == NULL) {
                rc = error_set(err, _("out of memory"));
                break;
            }
        }
        const char *field = (const char *)sqlite3_column_text(st, 7);
        const forms_field *f = field ? forms_field_find(def, false, field) : NULL;
        if (f == NULL)
            continue;   /* the report's reader checked it; nothing to show otherwise */
        size_t k = (size_t)(f - def->row);
        free(cur->values[k]);
        free(cur->titles[k]);
        cur->values[k] = review_db_column(st, 8);
        cur->titles[k] = review_db_column(st, 9);
        if (cur->values[k] == NULL || cur->titles[k] == NULL) {
            rc = error_set(err, _("out of memory"));
            break;
        }
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = (review_db_fail(db, REVIEW_DB_ERROR, err, "read"), -1);
    sqlite3_finalize(st);
    if (rc != 0) {
        review_form_rows_free(rows, n);
        return -1;
    }
    *out = rows;
    *count = n;
    return 0;
}
