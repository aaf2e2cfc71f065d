/* report_incidents.c: the unit's incident records inside the signed report
 * (see report_incidents.h and docs/report-format.md, "The incidents").
 *
 * Both formats carry the same rows in the same order (one row per incident,
 * then its rules, events and limits), and both readers hand every row to one
 * checker (add_row), so that a CSV and a SQLite report of one run read back
 * the same and a hand-made file is refused the same way in either. The
 * incident's own columns repeat on each of its rows, as the report's do on
 * its item rows, so that a row filtered in a spreadsheet still says which
 * incident it belongs to; the reader insists they agree. */
#include "report_incidents.h"
#include "csvfile.h"
#include "error.h"
#include "i18n.h"
#include "incident.h"
#include "incident_deadline.h"
#include "incident_store.h"
#include "number.h"
#include "period.h"
#include "report_read.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

enum {
    C_INCIDENT, C_TITLE, C_SYSTEM_ID, C_SYSTEM_NAME, C_LEVEL, C_WARNING, C_FACTS, C_RECORDED_AT,
    C_ENTRY, C_NAME, C_AT, C_DUE, C_STATUS, C_CLAUSE, C_TEXT, NCOL
};
_Static_assert(NCOL == REPORT_INCIDENT_COLUMNS, "the column count");

const char *const report_incident_csv_columns[REPORT_INCIDENT_COLUMNS] = {
    "incident", "title", "system_id", "system_name", "level", "warning", "facts", "recorded_at",
    "entry", "name", "at", "due", "status", "clause", "text",
};

const char report_incidents_sqlite_schema[] =
    "CREATE TABLE incident_entries ("
    " seq INTEGER PRIMARY KEY, incident INTEGER NOT NULL, title TEXT NOT NULL, system_id TEXT NOT NULL,"
    " system_name TEXT NOT NULL, level TEXT NOT NULL, warning TEXT NOT NULL, facts TEXT NOT NULL,"
    " recorded_at TEXT NOT NULL, entry TEXT NOT NULL, name TEXT NOT NULL, at TEXT NOT NULL, due TEXT NOT NULL,"
    " status TEXT NOT NULL, clause TEXT NOT NULL, text TEXT NOT NULL);";

/* The entry column's words: the incident's own row, then each kind. */
static const char *const entry_words[] = {"rule", "event", "limit"};
#define ENTRY_INCIDENT "incident"

/* ---- the period ---- */

int report_incidents_period_span(const char *period, char first[11], char last[11])
{
    profile p;
    if (period == NULL || period_profile(period, &p) != 0)
        return -1;
    civil_date a, b;
    if (p == PROFILE_CHANGE) {
        char day[11];
        const char *at = strchr(period, '@');
        if (at == NULL || at - period != 10)
            return -1;
        memcpy(day, period, 10);
        day[10] = '\0';
        if (date_parse(day, &a) != 0)
            return -1;
        b = a;
    } else {
        int year = 0, month = 0;
        if (p == PROFILE_MONTHLY) {
            if (sscanf(period, "%4d-%2d", &year, &month) != 2)
                return -1;
            a = (civil_date){year, month, 1};
            civil_date next = month == 12 ? (civil_date){year + 1, 1, 1} : (civil_date){year, month + 1, 1};
            b = date_from_days(date_to_days(next) - 1);
        } else {
            if (sscanf(period, "%4d-H%1d", &year, &month) != 2 || (month != 1 && month != 2))
                return -1;
            a = month == 1 ? (civil_date){year, 1, 1} : (civil_date){year, 7, 1};
            b = month == 1 ? (civil_date){year, 6, 30} : (civil_date){year, 12, 31};
        }
        if (!date_valid(a))
            return -1;
    }
    date_format(a, first);
    date_format(b, last);
    return 0;
}

/* Whether rec belongs to the period [first, last]: discovered on or before
 * its last day, and not investigated before its first. */
static bool in_period(const incident_record *rec, const char *first, const char *last)
{
    const char *found = incident_record_first(rec, INCIDENT_EVENT_DISCOVERED);
    if (found == NULL)
        found = rec->recorded_at;
    if (strncmp(found, last, 10) > 0)
        return false;
    const char *closed = incident_record_first(rec, INCIDENT_EVENT_INVESTIGATED);
    return closed == NULL || strncmp(closed, first, 10) >= 0;
}

/* ---- the list ---- */

static void entry_clear(report_incident_entry *e)
{
    free(e->name);
    free(e->at);
    free(e->due);
    free(e->status);
    free(e->clause);
    free(e->text);
}

static void incident_clear(report_incident *inc)
{
    char *all[] = {inc->title, inc->system_id, inc->system_name, inc->level, inc->warning, inc->facts,
                   inc->recorded_at};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        free(all[i]);
    for (size_t i = 0; i < inc->entry_count; i++)
        entry_clear(&inc->entries[i]);
    free(inc->entries);
}

void report_incident_list_free(report_incident *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        incident_clear(&list[i]);
    free(list);
}

void report_incidents_free(report_incidents *in)
{
    if (in == NULL)
        return;
    report_incident_list_free(in->list, in->count);
    free(in);
}

/* What the rows built so far hold. */
typedef struct builder {
    report_incident *list;
    size_t count, cap;
    size_t rows;
} builder;

static char *dup(const char *s)
{
    return strdup(s ? s : "");
}

/* Appends an incident of the texts of its own columns. 0, or -1 when out of memory. */
static int add_incident(builder *b, long long number, const char *const text[NCOL])
{
    if (b->count == b->cap) {
        size_t c = b->cap ? 2 * b->cap : 8;
        report_incident *g = realloc(b->list, c * sizeof *g);
        if (g == NULL)
            return -1;
        b->list = g;
        b->cap = c;
    }
    report_incident *inc = &b->list[b->count++];
    memset(inc, 0, sizeof *inc);
    inc->number = number;
    char **slots[] = {&inc->title, &inc->system_id, &inc->system_name, &inc->level, &inc->warning,
                      &inc->facts, &inc->recorded_at};
    int rc = 0;
    for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++)
        if ((*slots[i] = dup(text[C_TITLE + i])) == NULL)
            rc = -1;
    return rc;
}

/* Appends an entry to the last incident. 0, or -1 when out of memory. */
static int add_entry(builder *b, report_incident_kind kind, const char *const text[NCOL])
{
    report_incident *inc = &b->list[b->count - 1];
    /* entries are few per incident: grow one at a time in small steps */
    if ((inc->entry_count & 7) == 0) {
        report_incident_entry *g = realloc(inc->entries, (inc->entry_count + 8) * sizeof *g);
        if (g == NULL)
            return -1;
        inc->entries = g;
    }
    report_incident_entry *e = &inc->entries[inc->entry_count++];
    *e = (report_incident_entry){kind, dup(text[C_NAME]), dup(text[C_AT]), dup(text[C_DUE]),
                                 dup(text[C_STATUS]), dup(text[C_CLAUSE]), dup(text[C_TEXT])};
    return e->name && e->at && e->due && e->status && e->clause && e->text ? 0 : -1;
}

static void builder_drop(builder *b)
{
    report_incident_list_free(b->list, b->count);
    memset(b, 0, sizeof *b);
}

/* ---- checking a row read from a report ---- */

static bool is_token(const char *text, const char *(*token)(int), int from, int to)
{
    for (int i = from; i <= to; i++)
        if (strcmp(text, token(i)) == 0)
            return true;
    return false;
}

static const char *level_token(int i)
{
    return incident_level_token((incident_level)i);
}

static const char *warning_token(int i)
{
    return incident_warning_token((incident_warning)i);
}

static const char *deadline_token(int i)
{
    return incident_deadline_token((incident_deadline_status)i);
}

/* A time of the timeline as the writer puts it: YYYY-MM-DDTHH:MM, or "". */
static bool is_time(const char *text, bool may_be_empty)
{
    if (*text == '\0')
        return may_be_empty;
    char t[17];
    return strlen(text) == 16 && incident_time_parse(text, t) == 0 && strcmp(t, text) == 0;
}

/* The facts as KEY=VALUE words that incident_facts_parse reads. */
static int check_facts(const char *facts, char **err)
{
    incident_facts f;
    return incident_facts_parse(facts, &f, err) == 0 ? 0 : -1;
}

/* Checks one row read from a report against what came before it, and adds
 * it. 0, or -1 with *err. */
static int add_row(builder *b, const char *const text[NCOL], char **err)
{
    if (++b->rows > REPORT_MAX_INCIDENT_ROWS)
        return error_set(err, _("more than %zu incident rows"), REPORT_MAX_INCIDENT_ROWS);
    long number;
    if (!number_parse_whole(text[C_INCIDENT], 1, 1000000000L, &number))
        return error_set(err, _("incident number '%.40s' is not a whole number"), text[C_INCIDENT]);
    report_incident *last = b->count ? &b->list[b->count - 1] : NULL;
    if (strcmp(text[C_ENTRY], ENTRY_INCIDENT) == 0) {
        if (last != NULL && number <= last->number)
            return error_set(err, _("incident %ld: given twice or out of order"), number);
        if (*text[C_TITLE] == '\0')
            return error_set(err, _("incident %ld: no title"), number);
        if (!is_token(text[C_LEVEL], level_token, INCIDENT_LEVEL_NONE, INCIDENT_LEVEL_I) ||
            !is_token(text[C_WARNING], warning_token, INCIDENT_WARNING_NONE, INCIDENT_WARNING_RED))
            return error_set(err, _("incident %1$ld: level '%2$.20s' or warning '%3$.20s' unknown"), number,
                             text[C_LEVEL], text[C_WARNING]);
        if (check_facts(text[C_FACTS], err) != 0) {
            error_prefix(err, _("incident %ld"), number);
            return -1;
        }
        for (int c = C_NAME; c < NCOL; c++)
            if (*text[c] != '\0')
                return error_set(err, _("incident %1$ld: the incident's row has a %2$s"), number,
                                 report_incident_csv_columns[c]);
        if (add_incident(b, number, text) != 0)
            return error_set(err, "%s", _("out of memory"));
        return 0;
    }
    int kind = -1;
    for (int k = 0; k < (int)(sizeof entry_words / sizeof entry_words[0]); k++)
        if (strcmp(text[C_ENTRY], entry_words[k]) == 0)
            kind = k;
    if (kind < 0)
        return error_set(err, _("incident %1$ld: unknown entry '%2$.20s'"), number, text[C_ENTRY]);
    if (last == NULL || last->number != number)
        return error_set(err, _("incident %ld: an entry before the incident's own row"), number);
    const char *own[] = {last->title, last->system_id, last->system_name, last->level, last->warning,
                         last->facts, last->recorded_at};
    for (int c = C_TITLE; c <= C_RECORDED_AT; c++)
        if (strcmp(text[c], own[c - C_TITLE]) != 0)
            return error_set(err, _("incident %1$ld: %2$s differs from the incident's row"), number,
                             report_incident_csv_columns[c]);
    if (last->entry_count > 0 && (int)last->entries[last->entry_count - 1].kind > kind)
        return error_set(err, _("incident %1$ld: a %2$s out of order"), number, entry_words[kind]);
    incident_event_kind ev;
    bool ok = *text[C_NAME] != '\0';
    if (kind == REPORT_INCIDENT_EVENT)
        ok = incident_event_parse(text[C_NAME], &ev) == 0 && is_time(text[C_AT], false) && *text[C_DUE] == '\0' &&
             *text[C_STATUS] == '\0';
    else if (kind == REPORT_INCIDENT_LIMIT)
        ok = ok && is_time(text[C_AT], true) && is_time(text[C_DUE], true) &&
             is_token(text[C_STATUS], deadline_token, INCIDENT_DEADLINE_WAITING, INCIDENT_DEADLINE_ENDED);
    else
        ok = ok && *text[C_AT] == '\0' && *text[C_DUE] == '\0' && *text[C_STATUS] == '\0';
    if (!ok)
        return error_set(err, _("incident %1$ld: the %2$s entry '%3$.40s' is not valid"), number, entry_words[kind],
                         text[C_NAME]);
    if (add_entry(b, (report_incident_kind)kind, text) != 0)
        return error_set(err, "%s", _("out of memory"));
    return 0;
}

/* ---- loading from the store ---- */

static const char *system_name(const struct system_info *systems, size_t n, const char *id)
{
    for (size_t i = 0; i < n && *id; i++)
        if (strcmp(systems[i].id, id) == 0)
            return systems[i].name;
    return "";
}

static const incident_rule *rule_find(const incident_rules *r, const char *id)
{
    for (size_t i = 0; i < r->rule_count; i++)
        if (strcmp(r->rules[i].id, id) == 0)
            return &r->rules[i];
    return NULL;
}

/* The rows of one record, in report order. */
static int load_record(builder *b, const incident_rules *rules, const incident_record *rec,
                       const struct system_info *systems, size_t system_count, const char *now, char **err)
{
    char number[24];
    snprintf(number, sizeof number, "%lld", rec->id);
    const char *text[NCOL] = {number, rec->title, rec->system_id, system_name(systems, system_count, rec->system_id),
                              incident_level_token(rec->level), incident_warning_token(rec->warning), rec->facts,
                              rec->recorded_at, "", "", "", "", "", "", ""};
    if (add_incident(b, rec->id, text) != 0)
        return error_set(err, "%s", _("out of memory"));
    b->rows++;
    int rc = 0;
    for (const char *p = rec->rules; *p && rc == 0;) {
        size_t len = strcspn(p, " ");
        char *id = strndup(p, len);
        if (id == NULL)
            return error_set(err, "%s", _("out of memory"));
        const incident_rule *rule = rule_find(rules, id);
        text[C_NAME] = id;
        text[C_CLAUSE] = rule ? rule->clause : "";
        text[C_TEXT] = rule ? rule->text_zh : "";
        rc = add_entry(b, REPORT_INCIDENT_RULE, text);
        b->rows++;
        free(id);
        p += len;
        p += *p == ' ';
    }
    for (size_t i = 0; i < rec->event_count && rc == 0; i++) {
        const incident_event *ev = &rec->events[i];
        const char *e[] = {incident_event_token(ev->kind), ev->at, "", "", "", ev->text};
        memcpy(&text[C_NAME], e, sizeof e);
        rc = add_entry(b, REPORT_INCIDENT_EVENT, text);
        b->rows++;
    }
    if (rc != 0)
        return error_set(err, "%s", _("out of memory"));
    incident_deadline *limits = NULL;
    size_t n = 0;
    if (incident_deadlines(rules, rec, now, &limits, &n, err) != 0)
        return -1;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const incident_deadline *d = &limits[i];
        const char *e[] = {d->action->id, d->done, d->due, incident_deadline_token(d->status), d->action->clause,
                           d->action->text_zh};
        memcpy(&text[C_NAME], e, sizeof e);
        rc = add_entry(b, REPORT_INCIDENT_LIMIT, text);
        b->rows++;
    }
    free(limits);
    return rc == 0 ? 0 : error_set(err, "%s", _("out of memory"));
}

int report_incidents_load(const char *store_path, const char *rules_path, const char *period,
                          const struct system_info *systems, size_t system_count, const char *now,
                          report_incidents **out, char **err)
{
    *out = NULL;
    char first[11], last[11];
    if (report_incidents_period_span(period, first, last) != 0)
        return error_set(err, _("period '%s' is not a month, a half-year or a change"), period ? period : "");
    incident_store *is = NULL;
    incident_record **all = NULL;
    size_t count = 0;
    if (incident_store_open(store_path, &is, err) != 0)
        return -1;
    int rc = incident_store_list(is, &all, &count, err) == 0 ? 0 : -1;
    incident_store_close(is);
    report_incidents *in = rc == 0 ? calloc(1, sizeof *in) : NULL;
    if (rc == 0 && in == NULL)
        rc = error_set(err, "%s", _("out of memory"));
    incident_rules *rules = NULL;
    char *path = NULL;
    builder b = {0};
    for (size_t i = 0; i < count && rc == 0; i++) {
        if (!in_period(all[i], first, last))
            continue;
        if (rules == NULL) {
            /* the time limits are the rules file's: read it once, when needed */
            path = rules_path ? strdup(rules_path) : incident_rules_default_path();
            if (path == NULL) {
                rc = error_set(err, "%s", _("no incident rules file is installed (share/selfcheck/rules/incident.ini)"));
                break;
            }
            diag_list diags;
            diag_list_init(&diags);
            if (incident_rules_load(path, &rules, &diags) != 0) {
                rc = error_set(err, _("%s: the incident rules file is not valid"), path);
                diag_list_clear(&diags);
                break;
            }
            diag_list_clear(&diags);
        }
        rc = load_record(&b, rules, all[i], systems, system_count, now, err);
    }
    if (rc == 0 && b.rows > REPORT_MAX_INCIDENT_ROWS)
        rc = error_set(err, _("the incident records make %1$zu rows, more than a report carries (%2$zu)"), b.rows,
                       REPORT_MAX_INCIDENT_ROWS);
    incident_rules_free(rules);
    free(path);
    incident_record_free_array(all, count);
    if (rc != 0) {
        builder_drop(&b);
        free(in);
        return -1;
    }
    in->list = b.list;
    in->count = b.count;
    *out = in;
    return 0;
}

/* ---- what the review asks of an incident ---- */

static const char *first_event(const report_incident *inc, const char *token)
{
    for (size_t i = 0; i < inc->entry_count; i++)
        if (inc->entries[i].kind == REPORT_INCIDENT_EVENT && strcmp(inc->entries[i].name, token) == 0)
            return inc->entries[i].at;
    return NULL;
}

const char *report_incident_discovered(const report_incident *inc)
{
    const char *at = first_event(inc, incident_event_token(INCIDENT_EVENT_DISCOVERED));
    return at ? at : "";
}

const char *report_incident_status(const report_incident *inc)
{
    if (first_event(inc, incident_event_token(INCIDENT_EVENT_INVESTIGATED)) != NULL)
        return "closed";
    if (first_event(inc, incident_event_token(INCIDENT_EVENT_ENDED)) != NULL)
        return "ended";
    return "open";
}

size_t report_incident_missed(const report_incident *inc)
{
    size_t n = 0;
    for (size_t i = 0; i < inc->entry_count; i++) {
        const report_incident_entry *e = &inc->entries[i];
        n += e->kind == REPORT_INCIDENT_LIMIT &&
             (strcmp(e->status, incident_deadline_token(INCIDENT_DEADLINE_OVERDUE)) == 0 ||
              strcmp(e->status, incident_deadline_token(INCIDENT_DEADLINE_LATE)) == 0);
    }
    return n;
}

/* ---- rows of both formats ---- */

/* Calls put with the texts of every row, in report order, until it fails. */
static int each_row(const report_incidents *in, int (*put)(void *ctx, const char *const text[NCOL]), void *ctx)
{
    for (size_t i = 0; in != NULL && i < in->count; i++) {
        const report_incident *inc = &in->list[i];
        char number[24];
        snprintf(number, sizeof number, "%lld", inc->number);
        const char *text[NCOL] = {number, inc->title, inc->system_id, inc->system_name, inc->level, inc->warning,
                                  inc->facts, inc->recorded_at, ENTRY_INCIDENT, "", "", "", "", "", ""};
        if (put(ctx, text) != 0)
            return -1;
        for (size_t k = 0; k < inc->entry_count; k++) {
            const report_incident_entry *e = &inc->entries[k];
            const char *rest[] = {entry_words[e->kind], e->name, e->at, e->due, e->status, e->clause, e->text};
            memcpy(&text[C_ENTRY], rest, sizeof rest);
            if (put(ctx, text) != 0)
                return -1;
        }
    }
    return 0;
}

static int csv_put(void *ctx, const char *const text[NCOL])
{
    csvfile_buffer *b = ctx;
    for (int c = 0; c < NCOL && !b->failed; c++) {
        char *guarded = csvfile_guard(text[c]);
        if (guarded == NULL)
            b->failed = 1;
        else
            csvfile_buffer_field(b, guarded, c + 1 == NCOL);
        free(guarded);
    }
    return b->failed ? -1 : 0;
}

void report_incidents_csv_write(struct csvfile_buffer *b, const report_incidents *in)
{
    if (in == NULL || in->count == 0)
        return;
    for (int c = 0; c < NCOL; c++)
        csvfile_buffer_field(b, report_incident_csv_columns[c], c + 1 == NCOL);
    each_row(in, csv_put, b);
}

typedef struct sqlite_ctx {
    sqlite3_stmt *st;
    sqlite3_int64 seq;
} sqlite_ctx;

static int sqlite_put(void *ctx, const char *const text[NCOL])
{
    sqlite_ctx *s = ctx;
    sqlite3_bind_int64(s->st, 1, ++s->seq);
    sqlite3_bind_int64(s->st, 2, strtoll(text[C_INCIDENT], NULL, 10));
    for (int c = 1; c < NCOL; c++)
        sqlite3_bind_text(s->st, c + 2, text[c], -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s->st) == SQLITE_DONE ? 0 : -1;
    sqlite3_reset(s->st);
    return rc;
}

int report_incidents_sqlite_write(struct sqlite3 *db, const report_incidents *in)
{
    sqlite_ctx s = {0};
    if (sqlite3_prepare_v2(db, "INSERT INTO incident_entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &s.st,
                           NULL) != SQLITE_OK)
        return -1;
    int rc = each_row(in, sqlite_put, &s);
    sqlite3_finalize(s.st);
    return rc;
}

/* ---- reading ---- */

int report_incidents_csv_read(const struct csvfile_table *t, size_t header, size_t end, struct report_doc *doc,
                              char **err)
{
    const csvfile_row *head = &t->rows[header];
    if (doc->format_version < 4)
        return error_set(err, _("line %1$d: incidents in a version %2$d report (they came with version 4)"),
                         head->line, doc->format_version);
    if (head->count != NCOL)
        return error_set(err, _("line %1$d: %2$zu columns, the incidents section has %3$d"), head->line,
                         head->count, NCOL);
    for (int c = 0; c < NCOL; c++)
        if (strcmp(head->fields[c], report_incident_csv_columns[c]) != 0)
            return error_set(err, _("line %1$d: column %2$d is '%3$.40s', expected '%4$s'"), head->line, c + 1,
                             head->fields[c], report_incident_csv_columns[c]);
    if (end - header < 2)
        return error_set(err, _("line %d: an incidents section without incidents"), head->line);
    builder b = {0};
    for (size_t r = header + 1; r < end; r++) {
        const csvfile_row *row = &t->rows[r];
        if (row->count != NCOL) {
            builder_drop(&b);
            return error_set(err, _("line %1$d: %2$zu fields, the incidents section has %3$d"), row->line,
                             row->count, NCOL);
        }
        const char *text[NCOL];
        for (int c = 0; c < NCOL; c++)
            text[c] = csvfile_unguarded(row->fields[c]);
        if (add_row(&b, text, err) != 0) {
            error_prefix(err, _("line %d"), row->line);
            builder_drop(&b);
            return -1;
        }
    }
    doc->incidents = b.list;
    doc->incident_count = b.count;
    return 0;
}

int report_incidents_sqlite_read(struct sqlite3 *db, report_incident **list, size_t *count, char **err)
{
    *list = NULL;
    *count = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT incident, title, system_id, system_name, level, warning, facts, recorded_at,"
                           " entry, name, at, due, status, clause, text FROM incident_entries ORDER BY seq",
                           -1, &st, NULL) != SQLITE_OK)
        return error_set(err, _("not a selfcheck report: no table incident_entries (%s)"), sqlite3_errmsg(db));
    builder b = {0};
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *text[NCOL];
        for (int c = 0; c < NCOL && rc == 0; c++) {
            /* the type is asked before the text, which converts a number */
            int want = c == C_INCIDENT ? SQLITE_INTEGER : SQLITE_TEXT;
            bool typed = sqlite3_column_type(st, c) == want;
            text[c] = (const char *)sqlite3_column_text(st, c);
            if (text[c] == NULL || !typed)
                rc = error_set(err, _("incident_entries row %1$zu: column %2$d has the wrong type"), b.rows + 1,
                               c + 1);
        }
        if (rc == 0 && add_row(&b, text, err) != 0) {
            error_prefix(err, _("incident_entries row %zu"), b.rows);
            rc = -1;
        }
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = error_set(err, "incident_entries: %s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    if (rc != 0) {
        builder_drop(&b);
        return -1;
    }
    *list = b.list;
    *count = b.count;
    return 0;
}
