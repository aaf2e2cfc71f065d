/* cmd_review_query.c: the supervisor's tables on the command line: review
 * export (CSV for the meeting), and the tables missing, findings, items,
 * systems, websites and incidents, each a row of `queries` run by one driver. Each
 * prints an aligned table (display width, Chinese counted double), or CSV
 * with --csv:
 * UTF-8 with a byte-order mark, CRLF, every cell guarded against formulas,
 * as the reports are. Column names and tokens in CSV are never translated. */
#include "cmd_review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvfile.h"
#include "fsutil.h"
#include "i18n.h"
#include "inventory.h"
#include "period.h"
#include "review_incidents.h"
#include "review_query.h"
#include "survey.h"
#include "text.h"

#define CELL_MAX 40
/* The terminal the narrow tables (findings, items) are made to fit. */
#define TABLE_FIT 80

typedef struct query_args {
    const char *db, *out, *unit, *period, *profile;
    bool csv, overdue;
} query_args;

/* The options the tables share: a new one is a row here and its field in
 * query_args. */
#define QUERY_OPTION_CSV(a) {"csv", NULL, N_("as CSV (UTF-8, machine column names)"), NULL, &(a)->csv, false}

/* The exit codes of the tables. */
static const int query_exits[] = {EXIT_OK, EXIT_USAGE, EXIT_INPUT, EXIT_STORE, EXIT_IO, -1};

/* ---- output: a table of cells, printed aligned or as CSV ---- */

typedef struct table {
    size_t columns;
    const bool *numeric;   /* columns of numbers this program wrote: not guarded, so they stay numbers */
    char **cells;      /* rows × columns, owned */
    size_t rows, cap;
    bool failed;
    /* the aligned table only: a column's widest (0: CELL_MAX), and the
     * width of a terminal the whole table must fit in (0: none), the last
     * column cut to what is left */
    const size_t *widest;
    size_t fit;
} table;

static void table_add(table *t, const char *const *cells)
{
    if (t->failed)
        return;
    if (t->rows == t->cap) {
        size_t c = t->cap ? 2 * t->cap : 32;
        char **g = realloc(t->cells, c * t->columns * sizeof *g);
        if (g == NULL) {
            t->failed = true;
            return;
        }
        t->cells = g;
        t->cap = c;
    }
    for (size_t i = 0; i < t->columns; i++)
        if ((t->cells[t->rows * t->columns + i] = strdup(cells[i] ? cells[i] : "")) == NULL)
            t->failed = true;
    t->rows++;
}

static void table_free(table *t)
{
    for (size_t i = 0; i < t->rows * t->columns; i++)
        free(t->cells[i]);
    free(t->cells);
}

/* text cut to `columns` display columns, ending in … when cut. Caller frees. */
static char *cut(const char *text, size_t columns)
{
    if (text_width(text) <= columns)
        return text_pad(text, columns);
    char *head = text_pad(text, columns - 1);
    char *out = NULL;
    if (head == NULL || asprintf(&out, "%s…", head) < 0)
        out = NULL;
    free(head);
    return out;
}

/* The CSV of the table (header first) into *out. 0, or -1 when out of memory. */
static int table_csv(const table *t, const char *const *header, char **out, size_t *len)
{
    csvfile_buffer b = {0};
    csvfile_buffer_raw(&b, CSVFILE_BOM);
    for (size_t c = 0; c < t->columns; c++)
        csvfile_buffer_field(&b, header[c], c + 1 == t->columns);
    for (size_t r = 0; r < t->rows; r++)
        for (size_t c = 0; c < t->columns; c++) {
            const char *cell = t->cells[r * t->columns + c];
            char *safe = t->numeric && t->numeric[c] ? strdup(cell) : csvfile_guard(cell);
            if (safe == NULL)
                b.failed = 1;
            csvfile_buffer_field(&b, safe, c + 1 == t->columns);
            free(safe);
        }
    if (b.failed) {
        free(b.data);
        return -1;
    }
    *out = b.data;
    *len = b.len;
    return 0;
}

/* Prints the table: aligned with translated headings, or CSV with machine
 * column names. */
static int table_print(const table *t, const char *const *csv_header, const char *const *heading, bool csv)
{
    if (t->failed) {
        cli_error("%s", _("out of memory"));
        return EXIT_INTERNAL;
    }
    if (csv) {
        char *data;
        size_t len;
        if (table_csv(t, csv_header, &data, &len) != 0) {
            cli_error("%s", _("out of memory"));
            return EXIT_INTERNAL;
        }
        fwrite(data, 1, len, stdout);
        free(data);
        return EXIT_OK;
    }
    size_t width[16] = {0};
    for (size_t c = 0; c < t->columns && c < 16; c++) {
        width[c] = text_width(_(heading[c]));
        for (size_t r = 0; r < t->rows; r++) {
            size_t w = text_width(t->cells[r * t->columns + c]);
            if (w > width[c])
                width[c] = w;
        }
        size_t widest = t->widest && t->widest[c] ? t->widest[c] : CELL_MAX;
        if (width[c] > widest && !(t->fit > 0 && c + 1 == t->columns))   /* the last: what the fit leaves */
            width[c] = widest;
    }
    size_t used = 0;   /* the columns before the last, with their gaps */
    for (size_t c = 0; c + 1 < t->columns && c < 16; c++)
        used += width[c] + 2;
    bool fitted = t->fit > 0 && t->columns > 0 && t->columns <= 16 && used + 1 < t->fit;
    if (fitted && width[t->columns - 1] > t->fit - used)
        width[t->columns - 1] = t->fit - used;
    for (size_t r = 0; r <= t->rows; r++) {
        for (size_t c = 0; c < t->columns; c++) {
            const char *text = r == 0 ? _(heading[c]) : t->cells[(r - 1) * t->columns + c];
            bool last = c + 1 == t->columns;
            char *shown = last && text_width(text) <= (fitted ? width[c] : CELL_MAX) ? strdup(text)
                                                                                   : cut(text, width[c]);
            fputs(shown ? shown : "", stdout);
            fputs(last ? "\n" : "  ", stdout);
            free(shown);
        }
    }
    return EXIT_OK;
}

/* Opens the database and reads today and the settings' schedule. */
static int open_for_query(const cli_globals *g, const query_args *a, review_db **db, config **cfg)
{
    if (cfg != NULL && (*cfg = cli_load_config(g)) == NULL)
        return EXIT_INPUT;
    int rc = review_cli_open(g, a->db, db);
    if (rc != EXIT_OK && cfg != NULL) {
        config_free(*cfg);
        *cfg = NULL;
    }
    return rc;
}

static int query_failed(char *err)
{
    cli_error("%s", err ? err : _("cannot read the review database"));
    free(err);
    return EXIT_STORE;
}

/* ---- export ---- */

static const char *const export_columns[] = {
    "unit_code", "unit_name", "profile", "period", "total_percent", "grade", "grade_zh", "verdict", "complete",
    "open_findings", "overdue_remediations", "change", "key_revoked", "report_id", "signer_key_id", "generated_at",
    "nonstandard_checklists"};
#define EXPORT_COLUMNS (sizeof export_columns / sizeof export_columns[0])

static void row_cells(const review_row *r, char pct[24], char open[24], char overdue[24], char change[24],
                      const char *cells[EXPORT_COLUMNS])
{
    /* one decimal, as the reports write the total */
    snprintf(pct, 24, "%.1f", r->percent);
    snprintf(open, 24, "%ld", r->findings);
    snprintf(overdue, 24, "%ld", r->overdue);
    change[0] = '\0';
    if (r->has_change)
        snprintf(change, 24, "%.1f", r->change);
    const char *v[EXPORT_COLUMNS] = {r->unit_code, r->unit_name, r->profile, r->period, pct, r->grade,
                                     r->grade_zh, r->verdict, r->complete ? "yes" : "no", open, overdue,
                                     change, r->key_revoked ? "yes" : "no", r->report_id, r->signer_key_id,
                                     r->generated_at, r->nonstandard};
    memcpy(cells, v, sizeof v);
}

int cmd_review_export(const cli_globals *g, int argc, char **argv)
{
    query_args a = {0};
    const cli_option opts[] = {
        {"out", "FILE.csv", N_("the CSV to write (not overwritten)"), &a.out, NULL, true},
        {"profile", "P", N_("only this check: monthly, halfyear or change (default: all)"), &a.profile, NULL, false},
        {"period", "X", N_("only this period (default: every period)"), &a.period, NULL, false},
        CLI_OPTION_REVIEW_DB(&a.db),
        CLI_OPTION_END,
    };
    static const cli_help help = {
        "review export", NULL,
        N_("One row per unit and period (the current report): total, grade, verdict, open\n"
           "findings, overdue remediations and change since the previous period; the\n"
           "checklists a report was answered against that are not official are named in\n"
           "nonstandard_checklists.\n"),
        query_exits};
    int p = cli_parse_options(argc, argv, opts, &help);
    if (p != CLI_CONTINUE)
        return p;
    review_db *db;
    int rc = open_for_query(g, &a, &db, NULL);
    if (rc != EXIT_OK)
        return rc;
    char today[11];
    clock_today(today);
    review_table_query q = {.profile = a.profile, .period = a.period, .today = today};
    review_row *rows;
    size_t n;
    char *err = NULL;
    if (review_table(db, &q, &rows, &n, &err) != 0) {
        review_db_close(db);
        return query_failed(err);
    }
    static const bool numeric[EXPORT_COLUMNS] = {[4] = true, [9] = true, [10] = true, [11] = true};
    table t = {.columns = EXPORT_COLUMNS, .numeric = numeric};
    for (size_t i = 0; i < n; i++) {
        char pct[24], open[24], overdue[24], change[24];
        const char *cells[EXPORT_COLUMNS];
        row_cells(&rows[i], pct, open, overdue, change, cells);
        table_add(&t, cells);
    }
    char *data = NULL;
    size_t len = 0;
    if (t.failed || table_csv(&t, export_columns, &data, &len) != 0) {
        cli_error("%s", _("out of memory"));
        rc = EXIT_INTERNAL;
    } else if (fsutil_write_atomic(a.out, data, len, 0600, true, &err) != 0) {
        cli_error("%s", err ? err : a.out);
        free(err);
        rc = EXIT_IO;
    } else {
        printf(_("%1$zu rows written to %2$s\n"), n, a.out);
    }
    free(data);
    table_free(&t);
    review_rows_free(rows, n);
    review_db_close(db);
    return rc;
}

/* ---- the tables: missing, findings, items, systems, websites ---- */

/* What a query hands to the driver: its rows in a table, the CSV column
 * names and the aligned table's headings (N_() texts). */
typedef struct query_out {
    table t;
    const char *const *csv_header;
    const char *const *heading;
    /* for a query whose columns are not fixed (the forms) */
    const char *header_buf[48], *heading_buf[48];
} query_out;

/* Runs a query into o: 0, or -1 with *err (a database that cannot be read).
 * cfg is the settings, for the queries that need them (else NULL). */
typedef int (*query_fn)(review_db *db, const query_args *a, const config *cfg, query_out *o, char **err);

/* One table command: a new one is a row in `queries` below. */
typedef struct query_def {
    const char *name;          /* its name under review ("findings") */
    const char *help;          /* N_() what it does, for --help */
    const char *unit_help;     /* N_() --unit U, or NULL when it takes none */
    bool overdue;              /* takes --overdue */
    const char *period_help;   /* N_() --period X, or NULL */
    bool needs_config;         /* reads the settings ([schedule]) */
    const char *empty;         /* N_() said under an empty table (not in CSV), or NULL */
    query_fn run;
} query_def;

/* A check's token in CSV, its name in the language of the table. */
static const char *profile_cell(const char *token, bool csv)
{
    profile p;
    return !csv && profile_parse(token, &p) == 0 ? cli_profile_label(p) : token;
}

static int query_missing(review_db *db, const query_args *a, const config *cfg, query_out *o, char **err)
{
    char today[11];
    clock_today(today);
    review_missing *m;
    size_t n;
    if (review_missing_periods(db, &cfg->schedule, today, &m, &n, err) != 0)
        return -1;
    static const char *const csv_header[] = {"unit_code", "unit_name", "profile", "period", "due", "last_reported"};
    static const char *const heading[] = {N_("unit"), N_("name"), N_("check"), N_("period"), N_("due"),
                                          N_("last reported")};
    o->csv_header = csv_header;
    o->heading = heading;
    o->t.columns = 6;
    for (size_t i = 0; i < n; i++) {
        const char *last = m[i].last_reported[0] || a->csv ? m[i].last_reported : _("never");
        const char *cells[] = {m[i].unit_code, m[i].unit_name, profile_cell(m[i].profile, a->csv), m[i].period,
                               m[i].due, last};
        table_add(&o->t, cells);
    }
    review_missing_free(m, n);
    return 0;
}

static const char *const status_token[] = {"open", "overdue", "resolved"};
static const char *const status_text[] = {N_("open"), N_("overdue"), N_("resolved")};

static int query_findings(review_db *db, const query_args *a, const config *cfg, query_out *o, char **err)
{
    (void)cfg;
    char today[11];
    clock_today(today);
    review_finding *f;
    size_t n;
    if (review_findings(db, a->unit, a->overdue, today, &f, &n, err) != 0)
        return -1;
    static const char *const csv_header[] = {"unit_code", "profile", "checklist_id", "item_id", "system_id",
                                             "status", "due", "owner", "first_period", "last_period",
                                             "resolved_in", "question_zh", "nonstandard_checklist"};
    static const char *const heading[] = {N_("unit"), N_("check"), N_("checklist"), N_("item"), N_("system"),
                                          N_("status"), N_("due"), N_("owner"), N_("found"), N_("last seen"),
                                          N_("resolved in"), N_("question"), N_("checklist mark")};
    /* on screen the columns a supervisor reads first, fitting 80 columns;
     * the status says overdue and carries the checklist mark */
    static const char *const narrow_heading[] = {N_("unit"), N_("check"), N_("item"), N_("owner"), N_("due"),
                                                 N_("status")};
    static const size_t narrow_widest[] = {10, 12, 20, 8, 10, 0};
    o->csv_header = csv_header;
    o->heading = a->csv ? heading : narrow_heading;
    o->t.columns = a->csv ? 13 : 6;
    if (!a->csv) {
        o->t.widest = narrow_widest;
        o->t.fit = TABLE_FIT;
    }
    for (size_t i = 0; i < n; i++) {
        if (a->csv) {
            const char *cells[] = {f[i].unit_code, f[i].profile, f[i].checklist_id, f[i].item_id, f[i].system_id,
                                   status_token[f[i].status], f[i].due, f[i].owner, f[i].first_period,
                                   f[i].last_period, f[i].resolved_in, f[i].question_zh,
                                   f[i].nonstandard ? "yes" : "no"};
            table_add(&o->t, cells);
            continue;
        }
        char *status = NULL;
        if (f[i].nonstandard ? asprintf(&status, _("%s, non-standard checklist"), _(status_text[f[i].status])) < 0
                             : (status = strdup(_(status_text[f[i].status]))) == NULL) {
            status = NULL;
            o->t.failed = true;
        }
        const char *cells[] = {f[i].unit_code, profile_cell(f[i].profile, false), f[i].item_id, f[i].owner,
                               f[i].due, status};
        table_add(&o->t, cells);
        free(status);
    }
    review_findings_free(f, n);
    return 0;
}

static int query_items(review_db *db, const query_args *a, const config *cfg, query_out *o, char **err)
{
    (void)cfg;
    review_item_count *c;
    size_t n;
    if (review_items_failed(db, a->period, &c, &n, err) != 0)
        return -1;
    static const char *const csv_header[] = {"checklist_id", "item_id", "failing_units", "reporting_units",
                                             "question_zh", "units", "nonstandard_units"};
    static const char *const heading[] = {N_("checklist"), N_("item"), N_("units failing"), N_("of units"),
                                          N_("question"), N_("units"), N_("of them non-standard")};
    static const bool numeric[7] = {[2] = true, [3] = true, [6] = true};
    /* on screen: the item, how many fail it of how many, and which units
     * (non-standard ones counted first), fitting 80 columns */
    static const char *const narrow_heading[] = {N_("item"), N_("units failing"), N_("of units"), N_("units")};
    static const size_t narrow_widest[] = {24, 0, 0, 0};
    o->csv_header = csv_header;
    o->heading = a->csv ? heading : narrow_heading;
    o->t.columns = a->csv ? 7 : 4;
    o->t.numeric = numeric;
    if (!a->csv) {
        o->t.widest = narrow_widest;
        o->t.fit = TABLE_FIT;
    }
    for (size_t i = 0; i < n && !o->t.failed; i++) {
        char failing[24], reporting[24], nonstandard[24];
        snprintf(failing, sizeof failing, "%ld", c[i].failing);
        snprintf(reporting, sizeof reporting, "%ld", c[i].reporting);
        snprintf(nonstandard, sizeof nonstandard, "%ld", c[i].nonstandard);
        csvfile_buffer units = {0};
        if (!a->csv && c[i].nonstandard > 0) {
            char *mark = NULL;
            if (asprintf(&mark, _("(%ld non-standard) "), c[i].nonstandard) < 0)
                mark = NULL;
            csvfile_buffer_raw(&units, mark ? mark : "");
            units.failed |= mark == NULL;
            free(mark);
        }
        for (long u = 0; u < c[i].failing; u++) {
            if (u > 0)
                csvfile_buffer_raw(&units, " ");
            csvfile_buffer_raw(&units, c[i].units[u]);
        }
        o->t.failed |= units.failed != 0;
        const char *all[] = {c[i].checklist_id, c[i].item_id, failing, reporting, c[i].question_zh,
                             units.data ? units.data : "", nonstandard};
        const char *narrow[] = {c[i].item_id, failing, reporting, units.data ? units.data : ""};
        table_add(&o->t, a->csv ? all : narrow);
        free(units.data);
    }
    review_item_counts_free(c, n);
    return 0;
}

/* The fields of a form's row shown in the aligned table (all are in the CSV). */
static const char *const systems_shown[] = {"release_area", "mlps_level", "data_types", "volume", "storage",
                                            "db_ip", NULL};
static const char *const websites_shown[] = {"site_name", "domain", "ip", "icp_number", "mlps_level", NULL};

/* The rows of form `form`: every field in the CSV (machine keys and
 * values), the `shown` fields with the annex's words in the table. */
static int query_form(review_db *db, const query_args *a, const char *form, const forms_def *def,
                      const char *const *shown, query_out *o, char **err)
{
    review_form_row *rows;
    size_t n;
    if (review_form_rows(db, form, a->unit, &rows, &n, err) != 0)
        return -1;
    enum { FIXED = 7, MAX_COLUMNS = sizeof o->header_buf / sizeof o->header_buf[0] };
    static const char *const fixed_header[FIXED] = {"unit_code", "unit_name", "profile", "period", "report_id",
                                                    "system_id", "system_name"};
    static const char *const fixed_heading[] = {N_("unit"), N_("system"), N_("name")};
    const char **header = o->header_buf, **heading = o->heading_buf;
    memcpy(header, fixed_header, sizeof fixed_header);
    memcpy(heading, fixed_heading, sizeof fixed_heading);
    size_t pick[MAX_COLUMNS];   /* the table's field columns: indexes into def->row */
    size_t picked = 0;
    for (size_t k = 0; k < def->row_count && FIXED + k < MAX_COLUMNS; k++)
        header[FIXED + k] = def->row[k].key;
    for (const char *const *s = shown; *s && picked + 3 < MAX_COLUMNS; s++) {
        const forms_field *f = forms_field_find(def, false, *s);
        if (f != NULL) {
            heading[3 + picked] = f->label;
            pick[picked++] = (size_t)(f - def->row);
        }
    }
    size_t csv_columns = FIXED + (def->row_count < MAX_COLUMNS - FIXED ? def->row_count : MAX_COLUMNS - FIXED);
    o->csv_header = header;
    o->heading = heading;
    o->t.columns = a->csv ? csv_columns : 3 + picked;
    for (size_t i = 0; i < n; i++) {
        const review_form_row *r = &rows[i];
        const char *cells[MAX_COLUMNS] = {0};
        if (a->csv) {
            const char *fixed[FIXED] = {r->unit_code, r->unit_name, r->profile, r->period,
                                        r->report_id, r->system_id, r->system_name};
            memcpy(cells, fixed, sizeof fixed);
            for (size_t k = 0; FIXED + k < csv_columns && k < r->count; k++)
                cells[FIXED + k] = r->values[k];
        } else {
            cells[0] = r->unit_code;
            cells[1] = r->system_id;
            cells[2] = r->system_name;
            for (size_t k = 0; k < picked; k++)
                cells[3 + k] = pick[k] < r->count ? r->titles[pick[k]] : "";
        }
        table_add(&o->t, cells);
    }
    review_form_rows_free(rows, n);
    return 0;
}

static int query_systems(review_db *db, const query_args *a, const config *cfg, query_out *o, char **err)
{
    (void)cfg;
    return query_form(db, a, "inventory", &inventory_form, systems_shown, o, err);
}

static int query_websites(review_db *db, const query_args *a, const config *cfg, query_out *o, char **err)
{
    (void)cfg;
    return query_form(db, a, "survey", &survey_form, websites_shown, o, err);
}

/* The status and warning of an incident in the user's words (the CSV keeps
 * the tokens). */
static const char *incident_status_text(const char *status)
{
    if (strcmp(status, "open") == 0)
        return _("responding");
    if (strcmp(status, "ended") == 0)
        return _("response ended");
    if (strcmp(status, "closed") == 0)
        return _("investigated");
    return status;
}

static const char *incident_warning_text(const char *warning)
{
    if (strcmp(warning, "red") == 0)
        return _("red");
    if (strcmp(warning, "yellow") == 0)
        return _("yellow");
    if (strcmp(warning, "blue") == 0)
        return _("blue");
    return warning[0] == '\0' || strcmp(warning, "none") == 0 ? "-" : warning;
}

static int query_incidents(review_db *db, const query_args *a, const config *cfg, query_out *o, char **err)
{
    (void)cfg;
    review_incident *list;
    size_t n;
    if (review_incidents_list(db, a->unit, a->period, &list, &n, err) != 0)
        return -1;
    static const char *const csv_header[] = {"unit_code", "unit_name", "profile", "period", "report_id",
                                             "incident", "title", "system_id", "system_name", "level", "warning",
                                             "facts", "discovered_at", "status", "missed", "missed_limits"};
    static const char *const heading[] = {N_("unit"),   N_("no."),    N_("discovered"), N_("level"),
                                          N_("warning"), N_("status"), N_("limits missed"), N_("title")};
    enum { CSV_COLUMNS = sizeof csv_header / sizeof csv_header[0], TABLE_COLUMNS = sizeof heading / sizeof heading[0] };
    static const bool numeric[CSV_COLUMNS] = {[5] = true, [14] = true};
    o->csv_header = csv_header;
    o->heading = heading;
    o->t.columns = a->csv ? CSV_COLUMNS : TABLE_COLUMNS;
    o->t.numeric = a->csv ? numeric : NULL;
    for (size_t i = 0; i < n; i++) {
        const review_incident *r = &list[i];
        char number[24], missed[24], when[24];
        snprintf(number, sizeof number, "%lld", r->number);
        snprintf(missed, sizeof missed, "%ld", r->missed);
        if (a->csv) {
            const char *cells[CSV_COLUMNS] = {r->unit_code,   r->unit_name, r->profile,  r->period,
                                              r->report_id,   number,       r->title,    r->system_id,
                                              r->system_name, r->level,     r->warning,  r->facts,
                                              r->discovered_at, r->status,  missed,      r->missed_limits};
            table_add(&o->t, cells);
            continue;
        }
        /* the time as people write it, 2026-11-02 09:10 */
        snprintf(when, sizeof when, "%s", r->discovered_at);
        char *tee = strchr(when, 'T');
        if (tee != NULL)
            *tee = ' ';
        char *missed_text = NULL;
        if (r->missed > 0 && asprintf(&missed_text, "%ld (%s)", r->missed, r->missed_limits) < 0) {
            missed_text = NULL;
            o->t.failed = true;
        }
        const char *cells[TABLE_COLUMNS] = {r->unit_code, number, when, r->level, incident_warning_text(r->warning),
                                            incident_status_text(r->status), missed_text ? missed_text : missed,
                                            r->title};
        table_add(&o->t, cells);
        free(missed_text);
    }
    review_incidents_free(list, n);
    return 0;
}

static const query_def queries[] = {
    {"missing",
     N_("Units that have not reported a monthly or half-year period whose due date\n"
        "([schedule] of the settings) has passed.\n"),
     NULL, false, NULL, true, N_("every unit has reported every period that is due"), query_missing},
    {"findings",
     N_("Every finding followed through the unit's reports: open, overdue (its due date\n"
        "passed and it is still a finding) or resolved (gone in the next report).\n"),
     N_("only the findings of unit U"), true, NULL, false, N_("no finding to list"), query_findings},
    {"items",
     N_("The items most often failed: in how many units each is a finding, over the\n"
        "reports of the period (default: each unit's latest report).\n"),
     NULL, false, N_("only the reports of this period (default: each unit's latest)"), false,
     N_("no item is a finding in any report read"), query_items},
    {"systems",
     N_("Each unit's information systems as its data asset inventory (000 附) says,\n"
        "from its latest imported report that carries the inventory.\n"),
     N_("only the systems of unit U"), false, NULL, false, N_("no report imported carries this form"),
     query_systems},
    {"websites",
     N_("Each unit's websites and internet applications as its website survey (001 附)\n"
        "says, from its latest imported report that carries the survey.\n"),
     N_("only the systems of unit U"), false, NULL, false, N_("no report imported carries this form"),
     query_websites},
    {"incidents",
     N_("The incidents the units reported: each incident once, as the latest current\n"
        "report carrying it says (with --period, as that period's report says): when it\n"
        "was discovered, its level and warning, whether the response or the\n"
        "investigation is done, and how many of the plan's time limits were missed\n"
        "(overdue or met late) when the report was written.\n"),
     N_("only the incidents of unit U"), false, N_("only the incidents the reports of period P carry"), false,
     N_("no report imported carries an incident"), query_incidents},
};

int cmd_review_query(const cli_globals *g, int argc, char **argv)
{
    const query_def *d = NULL;
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++)
        if (strcmp(argv[0], queries[i].name) == 0)
            d = &queries[i];
    if (d == NULL) {
        cli_error(_("unknown command '%s' (see selfcheck --help)"), argv[0]);
        return EXIT_USAGE;
    }
    query_args a = {0};
    cli_option opts[6];
    size_t k = 0;
    if (d->unit_help)
        opts[k++] = (cli_option){"unit", "U", d->unit_help, &a.unit, NULL, false};
    if (d->overdue)
        opts[k++] = (cli_option){"overdue", NULL, N_("only findings past their due date"), NULL, &a.overdue, false};
    if (d->period_help)
        opts[k++] = (cli_option){"period", "X", d->period_help, &a.period, NULL, false};
    opts[k++] = (cli_option)QUERY_OPTION_CSV(&a);
    opts[k++] = (cli_option)CLI_OPTION_REVIEW_DB(&a.db);
    opts[k] = (cli_option)CLI_OPTION_END;
    char command[32];
    snprintf(command, sizeof command, "review %s", d->name);
    const cli_help help = {command, NULL, d->help, query_exits};
    int p = cli_parse_options(argc, argv, opts, &help);
    if (p != CLI_CONTINUE)
        return p;
    review_db *db;
    config *cfg = NULL;
    int rc = open_for_query(g, &a, &db, d->needs_config ? &cfg : NULL);
    if (rc != EXIT_OK)
        return rc;
    query_out o = {0};
    char *err = NULL;
    if (d->run(db, &a, cfg, &o, &err) != 0) {
        rc = query_failed(err);
    } else {
        rc = table_print(&o.t, o.csv_header, o.heading, a.csv);
        if (rc == EXIT_OK && !a.csv && o.t.rows == 0 && d->empty)
            puts(_(d->empty));
    }
    table_free(&o.t);
    config_free(cfg);
    review_db_close(db);
    return rc;
}
