/* forms.c: the annex forms as tables of fields: checking a value for its
 * field, the records of a form, and the forms' CSV sheet (see forms.h and
 * docs/forms.md). The CSV itself is csvfile's; this file only knows which
 * cell means what. */
#include "forms.h"
#include "csvfile.h"
#include "forms_check.h"
#include "fsutil.h"
#include "i18n.h"
#include "printable.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FORMS_SHEET_MAX_BYTES (8u * 1024u * 1024u)
#define FORMS_TEXT_MAX 2000   /* bytes of one free-text value */

static const forms_field *fields_of(const forms_def *def, bool unit, size_t *count)
{
    *count = unit ? def->unit_count : def->row_count;
    return unit ? def->unit : def->row;
}

const forms_field *forms_field_find(const forms_def *def, bool unit, const char *key)
{
    size_t n;
    const forms_field *f = fields_of(def, unit, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(f[i].key, key) == 0)
            return &f[i];
    return NULL;
}

static int check_choice(const forms_field *f, const char *text, char **canonical)
{
    char *s = text_strip(text, text + strlen(text));
    if (s == NULL)
        return FORMS_CHECK_NOMEM;
    const char *found = NULL;
    for (const forms_choice *c = f->choices; c->key && !found; c++)
        if (strcasecmp(s, c->key) == 0 || strcmp(s, c->title) == 0)
            found = c->key;
    free(s);
    if (found == NULL)
        return FORMS_CHECK_BAD;
    *canonical = strdup(found);
    return *canonical ? 0 : FORMS_CHECK_NOMEM;
}

static int check_text(const char *text, char **canonical)
{
    size_t len = strlen(text);
    /* the forms go into signed reports and onto the supervisor's screen:
     * no escape sequence, no lone CR (line breaks are text) */
    if (len > FORMS_TEXT_MAX || !text_utf8_valid(text, len, NULL) || printable_find_control(text, true) != NULL)
        return FORMS_CHECK_BAD;
    *canonical = text_strip(text, text + len);
    return *canonical ? 0 : FORMS_CHECK_NOMEM;
}

/* Says what the field takes; %1$s is its key, %2$s the value given. */
static void kind_error(const forms_field *f, const char *text, char **err)
{
    switch (f->kind) {
    case FORMS_CREDIT_CODE:
        error_set(err, _("%1$s: \"%2$s\" is not a unified social credit code (18 characters: digits and capital "
                         "letters except I, O, S, V, Z)"), f->key, text);
        return;
    case FORMS_PHONE:
        error_set(err, _("%1$s: \"%2$s\" is not a telephone number (a mobile 13812345678, or an office number "
                         "020-12345678)"), f->key, text);
        return;
    case FORMS_IPS:
        error_set(err, _("%1$s: \"%2$s\" is not an IPv4 or IPv6 address (several: separate them with commas)"),
                  f->key, text);
        return;
    case FORMS_VOLUME:
        error_set(err, _("%1$s: \"%2$s\" is not a volume with its unit (for example 65GB, 1.2TB, 3PB)"), f->key,
                  text);
        return;
    case FORMS_LEVEL:
        error_set(err, _("%1$s: \"%2$s\" is not an MLPS level (1, 2, 3, 4 or none)"), f->key, text);
        return;
    case FORMS_DATE: error_set(err, _("%1$s: \"%2$s\" is not a date (YYYY-MM-DD)"), f->key, text); return;
    case FORMS_DOMAIN:
        error_set(err, _("%1$s: \"%2$s\" is not a domain name (for example www.example.gov.cn)"), f->key, text);
        return;
    case FORMS_CHOICE: {
        char *allowed = forms_allowed(f);
        error_set(err, _("%1$s: \"%2$s\" is not one of %3$s"), f->key, text, allowed ? allowed : "");
        free(allowed);
        return;
    }
    case FORMS_TEXT: break;
    }
    error_set(err, _("%s: the text is not UTF-8, holds a control character or is longer than 2000 bytes"), f->key);
}

int forms_value_check(const forms_field *f, const char *text, char **canonical, char **err)
{
    *canonical = NULL;
    int rc;
    switch (f->kind) {
    case FORMS_CHOICE: rc = check_choice(f, text, canonical); break;
    case FORMS_CREDIT_CODE: rc = forms_check_credit_code(text, canonical); break;
    case FORMS_PHONE: rc = forms_check_phone(text, canonical); break;
    case FORMS_IPS: rc = forms_check_ips(text, canonical); break;
    case FORMS_VOLUME: rc = forms_check_volume(text, canonical); break;
    case FORMS_LEVEL: rc = forms_check_level(text, canonical); break;
    case FORMS_DATE: rc = forms_check_date(text, canonical); break;
    case FORMS_DOMAIN: rc = forms_check_domain(text, canonical); break;
    default: rc = check_text(text, canonical); break;
    }
    if (rc == 0)
        return FORMS_OK;
    if (rc == FORMS_CHECK_NOMEM) {
        error_set(err, "%s", _("out of memory"));
        return FORMS_ERR;
    }
    if (rc == FORMS_CHECK_CHECKSUM) {
        char *s = text_strip(text, text + strlen(text));
        if (s != NULL)
            for (char *p = s; *p; p++)
                if (*p >= 'a' && *p <= 'z')
                    *p = (char)(*p - 'a' + 'A');
        error_set(err, _("%1$s: \"%2$s\": the check character (the last) does not match the other 17; one of "
                         "them is mistyped"),
                  f->key, s ? s : text);
        free(s);
        return FORMS_ERR_INVALID;
    }
    kind_error(f, text, err);
    return FORMS_ERR_INVALID;
}

const char *forms_value_title(const forms_field *f, const char *value)
{
    if (value == NULL)
        return "";
    if (f->kind == FORMS_CHOICE)
        for (const forms_choice *c = f->choices; c->key; c++)
            if (strcmp(c->key, value) == 0)
                return c->title;
    return value;
}

char *forms_allowed(const forms_field *f)
{
    switch (f->kind) {
    case FORMS_CHOICE: {
        size_t len = 1;
        for (const forms_choice *c = f->choices; c->key; c++)
            len += strlen(c->key) + 1;
        char *out = malloc(len);
        if (out == NULL)
            return NULL;
        out[0] = '\0';
        for (const forms_choice *c = f->choices; c->key; c++) {
            if (c != f->choices)
                strcat(out, "|");
            strcat(out, c->key);
        }
        return out;
    }
    case FORMS_CREDIT_CODE: return strdup("credit-code");
    case FORMS_PHONE: return strdup("phone");
    case FORMS_IPS: return strdup("ip");
    case FORMS_VOLUME: return strdup("GB/TB/PB");
    case FORMS_LEVEL: return strdup("1|2|3|4|none");
    case FORMS_DATE: return strdup("YYYY-MM-DD");
    case FORMS_DOMAIN: return strdup("domain");
    case FORMS_TEXT: break;
    }
    return strdup("text");
}

static void record_clear(forms_record *r)
{
    for (size_t i = 0; r->values && i < r->count; i++)
        free(r->values[i]);
    free(r->values);
    free(r->id);
    free(r->name);
}

void forms_data_free(forms_data *d)
{
    if (d == NULL)
        return;
    record_clear(&d->unit);
    for (size_t i = 0; i < d->row_count; i++)
        record_clear(&d->rows[i]);
    free(d->rows);
    free(d);
}

const forms_record *forms_data_row(const forms_data *d, const char *system_id)
{
    for (size_t i = 0; i < d->row_count; i++)
        if (strcmp(d->rows[i].id, system_id) == 0)
            return &d->rows[i];
    return NULL;
}

const char *forms_record_value(const forms_data *d, const forms_record *r, const char *key)
{
    size_t n;
    const forms_field *f = fields_of(d->def, r == &d->unit, &n);
    for (size_t i = 0; i < n && i < r->count; i++)
        if (strcmp(f[i].key, key) == 0)
            return r->values[i];
    return NULL;
}

void forms_changes_clear(forms_changes *c)
{
    for (size_t i = 0; i < c->count; i++) {
        free(c->items[i].record);
        free(c->items[i].value);
    }
    free(c->items);
    c->items = NULL;
    c->count = c->capacity = 0;
}

/* Takes ownership of value. */
static int changes_push(forms_changes *c, const char *record, const forms_field *f, char *value, int line)
{
    if (c->count == c->capacity) {
        size_t capacity = c->capacity ? c->capacity * 2 : 16;
        forms_change *grown = realloc(c->items, capacity * sizeof *grown);
        if (grown == NULL) {
            free(value);
            return FORMS_ERR;
        }
        c->items = grown;
        c->capacity = capacity;
    }
    char *id = strdup(record);
    if (id == NULL) {
        free(value);
        return FORMS_ERR;
    }
    c->items[c->count++] = (forms_change){id, f, value, line};
    return FORMS_OK;
}

int forms_changes_add(forms_changes *c, const forms_data *d, const char *system_id, const char *assignment,
                      char **err)
{
    bool unit = system_id == NULL || *system_id == '\0';
    if (!unit && forms_data_row(d, system_id) == NULL) {
        error_set(err, _("no system '%s' (add it with 'selfcheck systems add')"), system_id);
        return FORMS_ERR_NOT_FOUND;
    }
    const char *eq = strchr(assignment, '=');
    if (eq == NULL) {
        error_set(err, _("'%s' must read KEY=VALUE"), assignment);
        return FORMS_ERR_INVALID;
    }
    char *key = text_strip(assignment, eq);
    if (key == NULL) {
        error_set(err, "%s", _("out of memory"));
        return FORMS_ERR;
    }
    const forms_field *f = forms_field_find(d->def, unit, key);
    if (f == NULL) {
        error_set(err, unit ? _("'%s' is not a field of the unit block (see 'selfcheck %s show --fields')")
                            : _("'%s' is not a field of a system's row (see 'selfcheck %s show --fields')"),
                  key, d->def->name);
        free(key);
        return FORMS_ERR_INVALID;
    }
    free(key);
    char *value = NULL;
    char *probe = text_strip(eq + 1, eq + 1 + strlen(eq + 1));
    if (probe == NULL) {
        error_set(err, "%s", _("out of memory"));
        return FORMS_ERR;
    }
    bool clear = *probe == '\0';
    free(probe);
    if (!clear) {
        int rc = forms_value_check(f, eq + 1, &value, err);
        if (rc != FORMS_OK)
            return rc;
    }
    if (changes_push(c, unit ? "" : system_id, f, value, 0) != FORMS_OK) {
        error_set(err, "%s", _("out of memory"));
        return FORMS_ERR;
    }
    return FORMS_OK;
}

/* Writes the rows of one record to the sheet. */
static void sheet_record(csvfile_buffer *b, const forms_data *d, const forms_record *r)
{
    size_t n;
    const forms_field *f = fields_of(d->def, r == &d->unit, &n);
    for (size_t i = 0; i < n; i++) {
        char *allowed = forms_allowed(&f[i]);
        char *value = csvfile_guard(r->values[i]);
        if (allowed == NULL || value == NULL)
            b->failed = 1;
        csvfile_buffer_field(b, r->id, 0);
        csvfile_buffer_field(b, f[i].key, 0);
        csvfile_buffer_field(b, f[i].title, 0);
        csvfile_buffer_field(b, allowed, 0);
        csvfile_buffer_field(b, value, 1);
        free(allowed);
        free(value);
    }
}

int forms_sheet_render(const forms_data *d, char **out, size_t *len, char **err)
{
    csvfile_buffer b = {0};
    csvfile_buffer_raw(&b, CSVFILE_BOM);
    const char *header[] = {"system", "field", "title", "allowed", "value"};
    for (size_t c = 0; c < 5; c++)
        csvfile_buffer_field(&b, header[c], c == 4);
    sheet_record(&b, d, &d->unit);
    for (size_t i = 0; i < d->row_count; i++)
        sheet_record(&b, d, &d->rows[i]);
    if (b.failed) {
        free(b.data);
        return error_set(err, "%s", _("out of memory"));
    }
    *out = b.data;
    *len = b.len;
    return FORMS_OK;
}

static long column_of(const csvfile_row *header, const char *name)
{
    for (size_t c = 0; c < header->count; c++)
        if (strcmp(header->fields[c], name) == 0)
            return (long)c;
    return -1;
}

/* Checks one row of a filled sheet and adds its change. */
static int sheet_row(const forms_data *d, const char *path, const csvfile_row *row, const long col[3],
                     forms_changes *changes, diag_list *problems, int *bad)
{
    const char *system = csvfile_cell(row, (size_t)col[0]);
    const char *key = csvfile_cell(row, (size_t)col[1]);
    char *raw = csvfile_unguard(csvfile_cell(row, (size_t)col[2]));
    char *value = raw ? text_strip(raw, raw + strlen(raw)) : NULL;
    free(raw);
    if (value == NULL)
        return FORMS_ERR;
    bool unit = *system == '\0';
    const forms_field *f = forms_field_find(d->def, unit, key);
    char *canonical = NULL, *why = NULL;
    int rc = FORMS_OK;
    if (!unit && forms_data_row(d, system) == NULL) {
        rc = diag_add(problems, path, row->line, _("no system '%s' (add it with 'selfcheck systems add')"), system);
        ++*bad;
    } else if (f == NULL) {
        rc = diag_add(problems, path, row->line,
                      unit ? _("'%s' is not a field of the unit block") : _("'%s' is not a field of a system's row"),
                      key);
        ++*bad;
    } else if (*value != '\0') {
        int check = forms_value_check(f, value, &canonical, &why);
        if (check == FORMS_ERR) {
            rc = FORMS_ERR;
        } else if (check != FORMS_OK) {
            rc = diag_add(problems, path, row->line, "%s", why);
            ++*bad;
        } else {
            for (size_t i = 0; i < changes->count; i++)
                if (changes->items[i].field == f && strcmp(changes->items[i].record, system) == 0) {
                    rc = diag_add(problems, path, row->line, _("'%s' is given twice (also on line %d)"), key,
                                  changes->items[i].line);
                    ++*bad;
                    free(canonical);
                    canonical = NULL;
                    break;
                }
            if (canonical != NULL) {
                rc = changes_push(changes, system, f, canonical, row->line);
                canonical = NULL;
            }
        }
    }
    free(why);
    free(value);
    return rc == 0 ? FORMS_OK : FORMS_ERR;
}

int forms_sheet_read(const forms_data *d, const char *path, forms_changes *changes, diag_list *problems,
                     char **err)
{
    char *text;
    size_t len;
    if (fsutil_read_file(path, FORMS_SHEET_MAX_BYTES, &text, &len, err) != 0)
        return FORMS_ERR;
    size_t bad_offset;
    if (!text_utf8_valid(text, len, &bad_offset)) {
        int line = 1;
        for (size_t i = 0; i < bad_offset; i++)
            line += text[i] == '\n';
        free(text);
        diag_add(problems, path, line, "%s", _("not UTF-8 (save the sheet as \"CSV UTF-8\")"));
        return FORMS_ERR_INVALID;
    }
    csvfile_table *t = NULL;
    int line = 0;
    char *why = NULL;
    csvfile_status st = csvfile_parse(text, len, 0, &t, &line, &why);
    free(text);
    if (st == CSVFILE_NOMEM) {
        free(why);
        return error_set(err, "%s", _("out of memory"));
    }
    if (st != CSVFILE_OK) {
        diag_add(problems, path, line, "%s", why ? why : _("malformed CSV"));
        free(why);
        return FORMS_ERR_INVALID;
    }
    if (t->count == 0) {
        csvfile_table_free(t);
        diag_add(problems, path, 0, "%s", _("empty sheet: the first row must name the columns"));
        return FORMS_ERR_INVALID;
    }
    const char *names[] = {"system", "field", "value"};
    long col[3];
    int bad = 0;
    for (int n = 0; n < 3; n++)
        if ((col[n] = column_of(&t->rows[0], names[n])) < 0) {
            diag_add(problems, path, t->rows[0].line, _("no column '%s' in the header row"), names[n]);
            bad++;
        }
    int rc = FORMS_OK;
    for (size_t r = 1; r < t->count && col[0] >= 0 && col[1] >= 0 && col[2] >= 0 && rc == FORMS_OK; r++) {
        const csvfile_row *row = &t->rows[r];
        bool blank = true;   /* spreadsheets add rows of empty cells below the data */
        for (size_t c = 0; c < row->count; c++)
            if (row->fields[c][0] != '\0')
                blank = false;
        if (!blank)
            rc = sheet_row(d, path, row, col, changes, problems, &bad);
    }
    csvfile_table_free(t);
    if (rc != FORMS_OK) {
        forms_changes_clear(changes);
        return error_set(err, "%s", _("out of memory"));
    }
    if (bad > 0) {
        forms_changes_clear(changes);
        return FORMS_ERR_INVALID;
    }
    return FORMS_OK;
}

static void cells_free(char ***cells, size_t rows, size_t columns)
{
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < columns; c++)
            free(cells[r][c]);
        free(cells[r]);
    }
    free(cells);
}

int forms_export(const forms_data *d, const char *const *titles, size_t columns, forms_row_fn fill, char **out,
                 size_t *len, char **err)
{
    char ***cells = calloc(d->row_count ? d->row_count : 1, sizeof *cells);
    size_t rows = 0;
    bool failed = cells == NULL;
    for (size_t i = 0; i < d->row_count && !failed; i++) {
        if (!d->rows[i].any)
            continue;
        char **row = calloc(columns, sizeof *row);
        if ((failed = row == NULL))
            break;
        cells[rows++] = row;
        failed = fill(d, &d->rows[i], row) != 0;
        for (size_t c = 0; c < columns; c++)
            failed = failed || row[c] == NULL;
    }
    csvfile_buffer b = {0};
    if (!failed) {
        csvfile_buffer_raw(&b, CSVFILE_BOM);
        for (size_t c = 0; c < columns; c++)
            csvfile_buffer_field(&b, titles[c], c + 1 == columns);
    }
    for (size_t r = 0; r < rows && !failed; r++)
        for (size_t c = 0; c < columns; c++) {
            char *guarded = csvfile_guard(cells[r][c]);
            if (guarded == NULL)
                b.failed = 1;
            csvfile_buffer_field(&b, guarded, c + 1 == columns);
            free(guarded);
        }
    if (cells != NULL)
        cells_free(cells, rows, columns);
    if (failed || b.failed) {
        free(b.data);
        return error_set(err, "%s", _("out of memory"));
    }
    *out = b.data;
    *len = b.len;
    return FORMS_OK;
}
