/* incident_store.c: incident records and their timelines in the answer store
 * (see incident_store.h). The tables are made by the answer store's own
 * migration (store.c); this file only reads and writes them, through a
 * connection of its own so that the answer store's API stays as it is.
 *
 * Text is bound with SQLITE_STATIC, as in store.c: every statement is
 * stepped and finalized while the caller's strings live. */
#include "incident_store.h"
#include "error.h"
#include "i18n.h"
#include "ident.h"
#include "period.h"
#include "store.h"
#include "answer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

struct incident_store {
    sqlite3 *db;
    char *path;
};

static int is_error(incident_store *is, char **err, const char *what)
{
    error_set(err, "%s: %s: %s", is->path, what, store_db_reason(is->db));
    return INCIDENT_STORE_ERR;
}

static int is_exec(incident_store *is, const char *sql, char **err)
{
    if (sqlite3_exec(is->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return is_error(is, err, _("cannot use the incident records"));
    return INCIDENT_STORE_OK;
}

int incident_store_open(const char *path, incident_store **out, char **err)
{
    *out = NULL;
    /* store_open makes the file (mode 0600, WAL) and migrates it to the
     * version that has the incident tables */
    store *s = NULL;
    if (store_open(path, &s, err) != 0)
        return INCIDENT_STORE_ERR;
    store_close(s);
    incident_store *is = calloc(1, sizeof *is);
    if (is == NULL || (is->path = strdup(path)) == NULL) {
        free(is);
        error_set(err, "%s", _("out of memory"));
        return INCIDENT_STORE_ERR;
    }
    if (sqlite3_open_v2(path, &is->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        error_set(err, _("%s: cannot open the answer store: %s"), path,
                  store_db_reason(is->db));
        incident_store_close(is);
        return INCIDENT_STORE_ERR;
    }
    sqlite3_busy_timeout(is->db, 5000);
    if (is_exec(is, "PRAGMA synchronous = FULL;", err) != 0 || is_exec(is, "PRAGMA foreign_keys = ON;", err) != 0) {
        incident_store_close(is);
        return INCIDENT_STORE_ERR;
    }
    *out = is;
    return INCIDENT_STORE_OK;
}

void incident_store_close(incident_store *is)
{
    if (is == NULL)
        return;
    sqlite3_close(is->db);
    free(is->path);
    free(is);
}

static bool digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

int incident_time_parse(const char *text, char out[17])
{
    if (text == NULL || strlen(text) < 10)
        return -1;
    char date[11];
    memcpy(date, text, 10);
    date[10] = '\0';
    civil_date d;
    if (!digits(date, 4) || date[4] != '-' || date_parse(date, &d) != 0 || !date_valid(d))
        return -1;
    const char *t = text + 10;
    int hour = 0, minute = 0;
    if (*t != '\0') {
        if ((*t != 'T' && *t != ' ') || !digits(t + 1, 2) || t[3] != ':' || !digits(t + 4, 2))
            return -1;
        hour = (t[1] - '0') * 10 + (t[2] - '0');
        minute = (t[4] - '0') * 10 + (t[5] - '0');
        const char *rest = t + 6;
        if (*rest == ':' && digits(rest + 1, 2) && rest[3] == '\0' && (rest[1] - '0') * 10 + (rest[2] - '0') < 60)
            rest += 3;
        if (*rest != '\0' || hour > 23 || minute > 59)
            return -1;
    }
    char day[11];
    date_format(d, day);
    memcpy(out, day, 10);
    out[10] = 'T';
    out[11] = (char)('0' + hour / 10);
    out[12] = (char)('0' + hour % 10);
    out[13] = ':';
    out[14] = (char)('0' + minute / 10);
    out[15] = (char)('0' + minute % 10);
    out[16] = '\0';
    return 0;
}

incident_level incident_level_from_token(const char *token)
{
    for (int lv = INCIDENT_LEVEL_III; lv <= INCIDENT_LEVEL_I; lv++)
        if (token && strcmp(token, incident_level_token((incident_level)lv)) == 0)
            return (incident_level)lv;
    return INCIDENT_LEVEL_NONE;
}

incident_warning incident_warning_from_token(const char *token)
{
    for (int w = INCIDENT_WARNING_BLUE; w <= INCIDENT_WARNING_RED; w++)
        if (token && strcmp(token, incident_warning_token((incident_warning)w)) == 0)
            return (incident_warning)w;
    return INCIDENT_WARNING_NONE;
}

/* The ids of the rules that applied, space-separated. NULL when out of memory. */
static char *rules_text(const incident_result *res)
{
    size_t size = 1;
    for (size_t i = 0; i < res->applied_count; i++)
        size += strlen(res->applied[i]->id) + 1;
    char *out = malloc(size);
    if (out == NULL)
        return NULL;
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < res->applied_count; i++)
        n += (size_t)snprintf(out + n, size - n, "%s%s", n ? " " : "", res->applied[i]->id);
    return out;
}

/* Inserts one event; the caller has checked the time. */
static int insert_event(incident_store *is, long long id, incident_event_kind kind, const char *at,
                        const char *text, const char *now, char **err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(is->db,
                           "INSERT INTO incident_events (incident_id, seq, kind, at, text, recorded_at) "
                           "SELECT ?1, coalesce(max(seq), 0) + 1, ?2, ?3, ?4, ?5 FROM incident_events "
                           "WHERE incident_id = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return is_error(is, err, _("cannot record the event"));
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, incident_event_token(kind), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, text ? text : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? INCIDENT_STORE_OK : is_error(is, err, _("cannot record the event"));
}

/* A title is a name (one line, RECORD_MAX_NAME bytes) and an event's text a
 * note (RECORD_MAX_TEXT), as the answers' texts are (answer_text_check):
 * what is kept here goes into the signed report. INCIDENT_STORE_OK, or
 * INCIDENT_STORE_INVALID with *err. */
static int check_text(const char *text, bool name, char **err)
{
    if (answer_text_check(text, name, err) == 0)
        return INCIDENT_STORE_OK;
    error_prefix(err, "%s", name ? _("the incident's title") : _("the event's text"));
    return INCIDENT_STORE_INVALID;
}

static int check_system(const char *system_id, char **err)
{
    if (system_id && *system_id && !ident_name_valid(system_id)) {
        error_set(err, _("system id '%s' must be lower-case letters, digits and '-' (for example oa)"), system_id);
        return INCIDENT_STORE_INVALID;
    }
    return INCIDENT_STORE_OK;
}

int incident_store_add(incident_store *is, const char *title, const char *system_id,
                       const incident_facts *facts, const incident_result *res, const char *discovered_at,
                       const char *now, long long *id, char **err)
{
    char at[17];
    if (title == NULL || title[strspn(title, " \t")] == '\0') {
        error_set(err, "%s", _("an incident needs a title (what happened, in a few words)"));
        return INCIDENT_STORE_INVALID;
    }
    if (check_text(title, true, err) != 0 || check_system(system_id, err) != 0)
        return INCIDENT_STORE_INVALID;
    if (incident_time_parse(discovered_at, at) != 0) {
        error_set(err, _("'%s' is not a time (YYYY-MM-DD HH:MM)"), discovered_at ? discovered_at : "");
        return INCIDENT_STORE_INVALID;
    }
    char *fact_text = incident_facts_format(facts), *rule_text = rules_text(res);
    int rc = INCIDENT_STORE_ERR;
    sqlite3_stmt *st = NULL;
    if (fact_text == NULL || rule_text == NULL) {
        error_set(err, "%s", _("out of memory"));
        goto done;
    }
    if (is_exec(is, "BEGIN IMMEDIATE;", err) != 0)
        goto done;
    if (sqlite3_prepare_v2(is->db,
                           "INSERT INTO incidents (title, system_id, facts, level, warning, rules, recorded_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)",
                           -1, &st, NULL) != SQLITE_OK) {
        is_error(is, err, _("cannot record the incident"));
        goto rollback;
    }
    sqlite3_bind_text(st, 1, title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, system_id ? system_id : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, fact_text, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, incident_level_token(res->level), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, incident_warning_token(res->warning), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, rule_text, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, now, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) {
        is_error(is, err, _("cannot record the incident"));
        goto rollback;
    }
    long long new_id = sqlite3_last_insert_rowid(is->db);
    if (insert_event(is, new_id, INCIDENT_EVENT_DISCOVERED, at, NULL, now, err) != 0 ||
        is_exec(is, "COMMIT;", err) != 0)
        goto rollback;
    *id = new_id;
    rc = INCIDENT_STORE_OK;
    goto done;
rollback:
    if (!sqlite3_get_autocommit(is->db))
        sqlite3_exec(is->db, "ROLLBACK;", NULL, NULL, NULL);
done:
    sqlite3_finalize(st);
    free(fact_text);
    free(rule_text);
    return rc;
}

/* Whether incident id is there: 1, 0, or INCIDENT_STORE_ERR. */
static int incident_exists(incident_store *is, long long id, char **err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(is->db, "SELECT 1 FROM incidents WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
        return is_error(is, err, _("cannot read the incident records"));
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return is_error(is, err, _("cannot read the incident records"));
    return rc == SQLITE_ROW;
}

int incident_store_add_event(incident_store *is, long long id, incident_event_kind kind, const char *at,
                             const char *text, const char *now, char **err)
{
    char when[17];
    if (incident_time_parse(at, when) != 0) {
        error_set(err, _("'%s' is not a time (YYYY-MM-DD HH:MM)"), at ? at : "");
        return INCIDENT_STORE_INVALID;
    }
    if (text != NULL && check_text(text, false, err) != 0)
        return INCIDENT_STORE_INVALID;
    int there = incident_exists(is, id, err);
    if (there < 0)
        return there;
    if (there == 0) {
        error_set(err, _("no incident %lld (selfcheck incident list shows them)"), id);
        return INCIDENT_STORE_NOT_FOUND;
    }
    return insert_event(is, id, kind, when, text, now, err);
}

/* A copy of a text column ("" for NULL); sets *failed when memory ran out. */
static char *column_copy(sqlite3_stmt *st, int column, bool *failed)
{
    const unsigned char *t = sqlite3_column_text(st, column);
    if (t == NULL && sqlite3_column_type(st, column) != SQLITE_NULL)
        *failed = true;
    char *copy = strdup(t ? (const char *)t : "");
    if (copy == NULL)
        *failed = true;
    return copy;
}

void incident_record_free(incident_record *rec)
{
    if (rec == NULL)
        return;
    for (size_t i = 0; i < rec->event_count; i++) {
        free(rec->events[i].at);
        free(rec->events[i].text);
        free(rec->events[i].recorded_at);
    }
    free(rec->events);
    free(rec->title);
    free(rec->system_id);
    free(rec->facts);
    free(rec->rules);
    free(rec->recorded_at);
    free(rec);
}

void incident_record_free_array(incident_record **list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        incident_record_free(list[i]);
    free(list);
}

/* Reads the timeline of rec from the store. */
static int load_events(incident_store *is, incident_record *rec, char **err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(is->db,
                           "SELECT seq, kind, at, text, recorded_at FROM incident_events WHERE incident_id = ? "
                           "ORDER BY at, seq",
                           -1, &st, NULL) != SQLITE_OK)
        return is_error(is, err, _("cannot read the incident records"));
    sqlite3_bind_int64(st, 1, rec->id);
    size_t capacity = 0;
    bool failed = false;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && !failed) {
        if (rec->event_count == capacity) {
            size_t n = capacity ? capacity * 2 : 8;
            incident_event *grown = realloc(rec->events, n * sizeof *grown);
            if (grown == NULL) {
                failed = true;
                break;
            }
            rec->events = grown;
            capacity = n;
        }
        incident_event *e = &rec->events[rec->event_count++];
        memset(e, 0, sizeof *e);
        e->seq = sqlite3_column_int(st, 0);
        const char *kind = (const char *)sqlite3_column_text(st, 1);
        if (kind == NULL || incident_event_parse(kind, &e->kind) != 0)
            e->kind = INCIDENT_EVENT_NOTE;   /* a kind of a newer selfcheck: kept, shown as a note */
        e->at = column_copy(st, 2, &failed);
        e->text = column_copy(st, 3, &failed);
        e->recorded_at = column_copy(st, 4, &failed);
    }
    sqlite3_finalize(st);
    if (failed) {
        error_set(err, "%s", _("out of memory"));
        return INCIDENT_STORE_ERR;
    }
    return rc == SQLITE_DONE ? INCIDENT_STORE_OK : is_error(is, err, _("cannot read the incident records"));
}

/* Reads the incidents the statement selects (columns as in load). */
static int load_records(incident_store *is, sqlite3_stmt *st, incident_record ***out, size_t *count, char **err)
{
    incident_record **list = NULL;
    size_t n = 0, capacity = 0;
    bool failed = false;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == capacity) {
            size_t c = capacity ? capacity * 2 : 8;
            incident_record **grown = realloc(list, c * sizeof *grown);
            if (grown == NULL) {
                failed = true;
                break;
            }
            list = grown;
            capacity = c;
        }
        incident_record *rec = calloc(1, sizeof *rec);
        if (rec == NULL) {
            failed = true;
            break;
        }
        list[n++] = rec;
        rec->id = sqlite3_column_int64(st, 0);
        rec->title = column_copy(st, 1, &failed);
        rec->system_id = column_copy(st, 2, &failed);
        rec->facts = column_copy(st, 3, &failed);
        rec->level = incident_level_from_token((const char *)sqlite3_column_text(st, 4));
        rec->warning = incident_warning_from_token((const char *)sqlite3_column_text(st, 5));
        rec->rules = column_copy(st, 6, &failed);
        rec->recorded_at = column_copy(st, 7, &failed);
        if (failed)
            break;
    }
    int result = INCIDENT_STORE_OK;
    if (failed) {
        error_set(err, "%s", _("out of memory"));
        result = INCIDENT_STORE_ERR;
    } else if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        result = is_error(is, err, _("cannot read the incident records"));
    }
    for (size_t i = 0; i < n && result == INCIDENT_STORE_OK; i++)
        result = load_events(is, list[i], err);
    if (result != INCIDENT_STORE_OK) {
        incident_record_free_array(list, n);
        return result;
    }
    *out = list;
    *count = n;
    return INCIDENT_STORE_OK;
}

#define RECORD_COLUMNS "SELECT id, title, system_id, facts, level, warning, rules, recorded_at FROM incidents"

int incident_store_get(incident_store *is, long long id, incident_record **out, char **err)
{
    *out = NULL;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(is->db, RECORD_COLUMNS " WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
        return is_error(is, err, _("cannot read the incident records"));
    sqlite3_bind_int64(st, 1, id);
    incident_record **list = NULL;
    size_t n = 0;
    int rc = load_records(is, st, &list, &n, err);
    sqlite3_finalize(st);
    if (rc != INCIDENT_STORE_OK)
        return rc;
    if (n == 0) {
        free(list);
        error_set(err, _("no incident %lld (selfcheck incident list shows them)"), id);
        return INCIDENT_STORE_NOT_FOUND;
    }
    *out = list[0];
    free(list);
    return INCIDENT_STORE_OK;
}

int incident_store_list(incident_store *is, incident_record ***out, size_t *count, char **err)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(is->db, RECORD_COLUMNS " ORDER BY id", -1, &st, NULL) != SQLITE_OK)
        return is_error(is, err, _("cannot read the incident records"));
    int rc = load_records(is, st, out, count, err);
    sqlite3_finalize(st);
    return rc;
}

const char *incident_record_first(const incident_record *rec, incident_event_kind kind)
{
    for (size_t i = 0; i < rec->event_count; i++)
        if (rec->events[i].kind == kind)
            return rec->events[i].at;
    return NULL;
}

/* What an edit changed, as the `edited` event says it: "facts: OLD -> NEW;
 * level: III -> II; warning: blue -> yellow; system: oa -> web" (only what
 * changed; the tokens are machine words, the same in every language).
 * Caller frees; NULL when out of memory, "" when nothing changed. */
static char *change_text(const incident_record *rec, const char *facts, incident_level level,
                         incident_warning warning, const char *system_id)
{
    char *out = strdup("");
    const char *parts[4][3] = {
        {"facts", rec->facts, facts},
        {"level", incident_level_token(rec->level), incident_level_token(level)},
        {"warning", incident_warning_token(rec->warning), incident_warning_token(warning)},
        {"system", rec->system_id, system_id},
    };
    for (size_t i = 0; i < 4 && out != NULL; i++) {
        if (strcmp(parts[i][1], parts[i][2]) == 0)
            continue;
        char *next = NULL;
        if (asprintf(&next, "%s%s%s: %s -> %s", out, *out ? "; " : "", parts[i][0], *parts[i][1] ? parts[i][1] : "-",
                     *parts[i][2] ? parts[i][2] : "-") < 0)
            next = NULL;
        free(out);
        out = next;
    }
    return out;
}

int incident_store_update(incident_store *is, long long id, const char *system_id, const incident_facts *facts,
                          const incident_result *res, const char *now, bool *changed, char **err)
{
    *changed = false;
    char at[17];
    if (incident_time_parse(now, at) != 0) {
        error_set(err, _("'%s' is not a time (YYYY-MM-DD HH:MM)"), now ? now : "");
        return INCIDENT_STORE_INVALID;
    }
    if (check_system(system_id, err) != 0)
        return INCIDENT_STORE_INVALID;
    incident_record *rec = NULL;
    int rc = incident_store_get(is, id, &rec, err);
    if (rc != INCIDENT_STORE_OK)
        return rc;
    const char *system = system_id ? system_id : rec->system_id;
    char *fact_text = incident_facts_format(facts), *rule_text = rules_text(res);
    char *change = fact_text ? change_text(rec, fact_text, res->level, res->warning, system) : NULL;
    sqlite3_stmt *st = NULL;
    rc = INCIDENT_STORE_ERR;
    if (fact_text == NULL || rule_text == NULL || change == NULL) {
        error_set(err, "%s", _("out of memory"));
        goto done;
    }
    /* the rules that applied may differ with the same level: kept up to date too */
    if (*change == '\0' && strcmp(rule_text, rec->rules) == 0) {
        rc = INCIDENT_STORE_OK;
        goto done;
    }
    if (is_exec(is, "BEGIN IMMEDIATE;", err) != 0)
        goto done;
    if (sqlite3_prepare_v2(is->db,
                           "UPDATE incidents SET system_id = ?, facts = ?, level = ?, warning = ?, rules = ? "
                           "WHERE id = ?",
                           -1, &st, NULL) != SQLITE_OK) {
        is_error(is, err, _("cannot record the incident"));
        goto rollback;
    }
    sqlite3_bind_text(st, 1, system, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, fact_text, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, incident_level_token(res->level), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, incident_warning_token(res->warning), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, rule_text, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, id);
    if (sqlite3_step(st) != SQLITE_DONE) {
        is_error(is, err, _("cannot record the incident"));
        goto rollback;
    }
    if (insert_event(is, id, INCIDENT_EVENT_EDITED, at, *change ? change : "rules", now, err) != 0 ||
        is_exec(is, "COMMIT;", err) != 0)
        goto rollback;
    *changed = true;
    rc = INCIDENT_STORE_OK;
    goto done;
rollback:
    if (!sqlite3_get_autocommit(is->db))
        sqlite3_exec(is->db, "ROLLBACK;", NULL, NULL, NULL);
done:
    sqlite3_finalize(st);
    free(fact_text);
    free(rule_text);
    free(change);
    incident_record_free(rec);
    return rc;
}
