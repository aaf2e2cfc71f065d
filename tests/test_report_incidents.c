/* test_report_incidents.c: the incidents of a report's period inside the
 * signed report (format 4, report_incidents.h): which incidents belong to a
 * period (discovered by its last day, not investigated before its first),
 * their facts, level, warning, rules, timeline and time limits come back
 * from both formats alike, with the formula guard undone; a changed incident
 * breaks the signature of either file; the readers refuse incidents in an
 * older version and rows that selfcheck does not write; a period without
 * incidents adds no section. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "fsutil.h"
#include "incident.h"
#include "incident_store.h"
#include "report.h"
#include "report_incidents.h"
#include "report_read.h"
#include "session.h"
#include "sign.h"
#include "testutil.h"

#define RULES SOURCE_DIR "/rules/incident.ini"

typedef struct fx {
    char *dir, *out, *key, *pub;
    session *s;
    incident_rules *rules;
    incident_store *is;
} fx;

static int fx_setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = testutil_tempdir();
    assert_non_null(f->dir);
    /* SELFCHECK_NOW is 2026-03-15T09:00: the monthly period is 2026-03 */
    assert_int_equal(testutil_example_session(f->dir, PROFILE_MONTHLY, &f->s), 0);
    assert_non_null(f->out = fsutil_join(f->dir, "out"));
    assert_int_equal(mkdir(f->out, 0700), 0);
    char *prefix = fsutil_join(f->dir, "unit");
    char *id = NULL, *err = NULL;
    if (sign_keygen(SIGN_ALGO_ED25519, prefix, NULL, &id, &err) != SIGN_OK)
        fail_msg("keygen: %s", err);
    free(id);
    assert_true(asprintf(&f->key, "%s.key", prefix) > 0);
    assert_true(asprintf(&f->pub, "%s.pub", prefix) > 0);
    free(prefix);
    diag_list diags;
    diag_list_init(&diags);
    assert_int_equal(incident_rules_load(RULES, &f->rules, &diags), 0);
    diag_list_clear(&diags);
    if (incident_store_open(f->s->db_path, &f->is, &err) != 0)
        fail_msg("%s", err);
    *state = f;
    return 0;
}

static int fx_teardown(void **state)
{
    fx *f = *state;
    incident_store_close(f->is);
    incident_rules_free(f->rules);
    session_free(f->s);
    testutil_rmtree(f->dir);
    free(f->dir);
    free(f->out);
    free(f->key);
    free(f->pub);
    free(f);
    return 0;
}

static long long record(fx *f, const char *title, const char *system, const char *facts_text, const char *at)
{
    incident_facts facts;
    incident_facts_init(&facts);
    char *copy = strdup(facts_text), *save = NULL;
    for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
        assert_int_equal(incident_facts_set_arg(&facts, w, NULL), 0);
    free(copy);
    incident_result *res = NULL;
    assert_int_equal(incident_classify(f->rules, &facts, &res, NULL), 0);
    long long id = 0;
    char *err = NULL;
    if (incident_store_add(f->is, title, system, &facts, res, at, "2026-03-15T08:00:00", &id, &err) != 0)
        fail_msg("%s", err);
    incident_result_free(res);
    return id;
}

static void event(fx *f, long long id, incident_event_kind kind, const char *at, const char *text)
{
    char *err = NULL;
    if (incident_store_add_event(f->is, id, kind, at, text, "2026-03-15T08:00:00", &err) != 0)
        fail_msg("%s", err);
}

/* Five incidents around the period 2026-03: 1 closed before it, 2 open
 * since before it, 3 discovered after it, 4 within it, 5 investigated on
 * its first day. */
static void record_incidents(fx *f)
{
    long long a = record(f, "一月的病毒", "oa", "mlps_level=2 attack=small", "2026-01-10 10:00");
    event(f, a, INCIDENT_EVENT_ENDED, "2026-01-12 10:00", NULL);
    event(f, a, INCIDENT_EVENT_INVESTIGATED, "2026-02-28 23:59", NULL);
    record(f, "去年的泄露", "", "pi_records=150000", "2025-12-20 08:00");
    record(f, "四月的事", "web", "vuln=high mlps_level=3", "2026-04-01 00:00");
    long long d = record(f, "=网站首页被篡改", "web", "defaced=yes posts=300", "2026-03-02 09:10");
    event(f, d, INCIDENT_EVENT_REPORTED, "2026-03-02 09:30", "领导小组副组长, \"张\"");
    event(f, d, INCIDENT_EVENT_OPINION, "2026-03-02 23:00", "官网发布情况说明");
    event(f, d, INCIDENT_EVENT_ENDED, "2026-03-03 18:00", NULL);
    long long e = record(f, "二月的事", "", "impact=some", "2026-02-10 10:00");
    event(f, e, INCIDENT_EVENT_INVESTIGATED, "2026-03-01 00:00", NULL);
}

static void write_report(const fx *f, report_result *res)
{
    report_options o = {.out_dir = f->out, .write_csv = true, .write_sqlite = true, .allow_incomplete = true,
                        .key_path = f->key};
    char *err = NULL;
    if (report_write(f->s, &o, res, &err) != REPORT_OK)
        fail_msg("report_write: %s", err);
}

static report_doc *verified(const fx *f, const char *path)
{
    report_verification v = {0};
    char *err = NULL;
    if (report_verify(path, f->pub, NULL, &v, &err) != REPORT_VERIFY_OK)
        fail_msg("%s: %s", path, err);
    report_doc *doc = v.doc;
    v.doc = NULL;
    report_verification_clear(&v);
    return doc;
}

static void assert_same(const report_incident *a, size_t na, const report_incident *b, size_t nb)
{
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++) {
        assert_int_equal(a[i].number, b[i].number);
        assert_string_equal(a[i].title, b[i].title);
        assert_string_equal(a[i].system_id, b[i].system_id);
        assert_string_equal(a[i].system_name, b[i].system_name);
        assert_string_equal(a[i].level, b[i].level);
        assert_string_equal(a[i].warning, b[i].warning);
        assert_string_equal(a[i].facts, b[i].facts);
        assert_string_equal(a[i].recorded_at, b[i].recorded_at);
        assert_int_equal(a[i].entry_count, b[i].entry_count);
        for (size_t k = 0; k < a[i].entry_count; k++) {
            const report_incident_entry *x = &a[i].entries[k], *y = &b[i].entries[k];
            assert_int_equal(x->kind, y->kind);
            assert_string_equal(x->name, y->name);
            assert_string_equal(x->at, y->at);
            assert_string_equal(x->due, y->due);
            assert_string_equal(x->status, y->status);
            assert_string_equal(x->clause, y->clause);
            assert_string_equal(x->text, y->text);
        }
    }
}

static const report_incident_entry *entry(const report_incident *inc, report_incident_kind kind, const char *name)
{
    for (size_t k = 0; k < inc->entry_count; k++)
        if (inc->entries[k].kind == kind && strcmp(inc->entries[k].name, name) == 0)
            return &inc->entries[k];
    return NULL;
}

static void test_period_span(void **state)
{
    (void)state;
    char a[11], b[11];
    assert_int_equal(report_incidents_period_span("2026-02", a, b), 0);
    assert_string_equal(a, "2026-02-01");
    assert_string_equal(b, "2026-02-28");
    assert_int_equal(report_incidents_period_span("2028-02", a, b), 0);
    assert_string_equal(b, "2028-02-29");
    assert_int_equal(report_incidents_period_span("2026-12", a, b), 0);
    assert_string_equal(b, "2026-12-31");
    assert_int_equal(report_incidents_period_span("2026-H1", a, b), 0);
    assert_string_equal(a, "2026-01-01");
    assert_string_equal(b, "2026-06-30");
    assert_int_equal(report_incidents_period_span("2026-H2", a, b), 0);
    assert_string_equal(a, "2026-07-01");
    assert_string_equal(b, "2026-12-31");
    assert_int_equal(report_incidents_period_span("2026-11-15@oa", a, b), 0);
    assert_string_equal(a, "2026-11-15");
    assert_string_equal(b, "2026-11-15");
    const char *bad[] = {"", "2026", "2026-13", "2026-H3", "2026-11-31@oa", "x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(report_incidents_period_span(bad[i], a, b), -1);
}

/* The period's incidents, and only they, come back from both formats. */
static void test_round_trip(void **state)
{
    fx *f = *state;
    record_incidents(f);
    report_result res;
    write_report(f, &res);
    report_doc *csv = verified(f, res.csv_path), *db = verified(f, res.sqlite_path);
    assert_int_equal(csv->format_version, 4);
    assert_int_equal(db->format_version, 4);
    assert_same(csv->incidents, csv->incident_count, db->incidents, db->incident_count);
    assert_int_equal(csv->incident_count, 3);
    assert_int_equal(csv->incidents[0].number, 2);
    assert_int_equal(csv->incidents[1].number, 4);
    assert_int_equal(csv->incidents[2].number, 5);

    const report_incident *open = &csv->incidents[0];
    assert_string_equal(open->title, "去年的泄露");
    assert_string_equal(open->level, "II");
    assert_string_equal(open->warning, "yellow");
    assert_string_equal(open->facts, "pi_records=150000");
    assert_string_equal(report_incident_status(open), "open");
    assert_string_equal(report_incident_discovered(open), "2025-12-20T08:00");
    assert_non_null(entry(open, REPORT_INCIDENT_RULE, "8-3-pi"));
    assert_string_equal(entry(open, REPORT_INCIDENT_RULE, "8-3-pi")->clause, "003 第八条(三)");

    const report_incident *web = &csv->incidents[1];
    assert_string_equal(web->title, "=网站首页被篡改");
    assert_string_equal(web->system_id, "web");
    assert_string_equal(web->system_name, "门户网站");
    assert_string_equal(report_incident_status(web), "ended");
    const report_incident_entry *rep = entry(web, REPORT_INCIDENT_EVENT, "reported");
    assert_non_null(rep);
    assert_string_equal(rep->at, "2026-03-02T09:30");
    assert_string_equal(rep->text, "领导小组副组长, \"张\"");
    /* opinion 13 h 50 min after discovery: the 12 h limit of level II was
     * met late; the investigation, due 30 days after the end, is still
     * open on the report's day (2026-03-15) */
    assert_string_equal(web->level, "II");
    const report_incident_entry *op = entry(web, REPORT_INCIDENT_LIMIT, "ii-opinion");
    assert_non_null(op);
    assert_string_equal(op->status, "late");
    assert_string_equal(op->due, "2026-03-02T21:10");
    assert_string_equal(op->at, "2026-03-02T23:00");
    assert_string_equal(op->clause, "003 第十九条");
    assert_string_equal(entry(web, REPORT_INCIDENT_LIMIT, "ii-investigate")->status, "open");
    assert_int_equal(report_incident_missed(web), 1);
    /* entries in report order: rules, events, limits */
    for (size_t k = 1; k < web->entry_count; k++)
        assert_true(web->entries[k - 1].kind <= web->entries[k].kind);

    assert_string_equal(report_incident_status(&csv->incidents[2]), "closed");

    /* the CSV file has the section after the items, guarded */
    char *text = testutil_read(res.csv_path);
    assert_non_null(text);
    assert_non_null(strstr(text, "\r\n\"incident\",\"title\",\"system_id\",\"system_name\",\"level\",\"warning\","
                                 "\"facts\",\"recorded_at\",\"entry\",\"name\",\"at\",\"due\",\"status\",\"clause\","
                                 "\"text\"\r\n"));
    assert_non_null(strstr(text, "\"4\",\"'=网站首页被篡改\",\"web\",\"门户网站\",\"II\",\"yellow\""));
    free(text);
    report_doc_free(csv);
    report_doc_free(db);
    report_result_clear(&res);
}

/* Without incidents in the period there is no section. */
static void test_none(void **state)
{
    fx *f = *state;
    record(f, "四月的事", "web", "vuln=high mlps_level=3", "2026-04-01 00:00");
    report_result res;
    write_report(f, &res);
    char *text = testutil_read(res.csv_path);
    assert_non_null(text);
    assert_null(strstr(text, "\"incident\",\"title\""));
    free(text);
    report_doc *db = verified(f, res.sqlite_path);
    assert_int_equal(db->incident_count, 0);
    report_doc_free(db);
    report_result_clear(&res);
}

static void patch_file(const char *path, const char *find, const char *replace)
{
    size_t len = 0;
    char *data = NULL, *err = NULL;
    assert_int_equal(fsutil_read_file(path, 64 * 1024 * 1024, &data, &len, &err), 0);
    assert_int_equal(strlen(find), strlen(replace));
    char *at = memmem(data, len, find, strlen(find));
    assert_non_null(at);
    memcpy(at, replace, strlen(replace));
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
    free(data);
}

/* A changed incident, in either file, no longer verifies. */
static void test_tamper(void **state)
{
    fx *f = *state;
    record_incidents(f);
    report_result res;
    write_report(f, &res);
    const char *paths[] = {res.csv_path, res.sqlite_path};
    for (size_t i = 0; i < 2; i++) {
        patch_file(paths[i], "pi_records=150000", "pi_records=050000");
        report_verification v = {0};
        char *err = NULL;
        assert_int_equal(report_verify(paths[i], f->pub, NULL, &v, &err), REPORT_VERIFY_BAD_SIGNATURE);
        free(err);
        report_verification_clear(&v);
    }
    report_result_clear(&res);
}

/* Replaces every `find` (all) or the first in text; a new string. */
static char *replaced(const char *text, const char *find, const char *replace, bool all)
{
    char *out = strdup(text);
    assert_non_null(out);
    size_t from = 0;
    bool changed = false;
    char *at;
    while ((at = strstr(out + from, find)) != NULL) {
        size_t off = (size_t)(at - out);
        char *next = NULL;
        assert_true(asprintf(&next, "%.*s%s%s", (int)off, out, replace, at + strlen(find)) > 0);
        free(out);
        out = next;
        from = off + strlen(replace);
        changed = true;
        if (!all)
            break;
    }
    assert_true(changed);
    return out;
}

/* The CSV reader refuses what selfcheck does not write. */
static void test_csv_rejects(void **state)
{
    fx *f = *state;
    record_incidents(f);
    report_result res;
    write_report(f, &res);
    char *good = testutil_read(res.csv_path);
    assert_non_null(good);
    report_doc *doc = NULL;
    char *err = NULL;
    if (report_parse(good, strlen(good), &doc, &err) != 0)
        fail_msg("good: %s", err);
    report_doc_free(doc);
    doc = NULL;
    struct {
        const char *what, *find, *replace;
        bool all;
    } edits[] = {
        {"incidents in a version 3 report", "\r\n\"4\",\"", "\r\n\"3\",\"", true},
        {"an unknown level", "\"II\",\"yellow\"", "\"IV\",\"yellow\"", false},
        {"an unknown fact", "\"pi_records=150000\"", "\"pi_recordz=150000\"", false},
        {"an unknown entry", "\"event\",\"discovered\"", "\"evnt\",\"discovered\"", false},
        {"an unknown event", "\"event\",\"discovered\"", "\"event\",\"found\"", false},
        {"a bad event time", "\"2026-03-02T09:30\"", "\"2026-03-02 09:30\"", false},
        {"an unknown status", "\"late\"", "\"lost\"", false},
        {"another title on an entry", "\"去年的泄露\",\"\",\"\",\"II\",\"yellow\",\"pi_records=150000\",\"2026-03-15T08:00:00\",\"rule\"",
         "\"去年泄露\",\"\",\"\",\"II\",\"yellow\",\"pi_records=150000\",\"2026-03-15T08:00:00\",\"rule\"", false},
        {"an incident given twice", "\r\n\"4\",\"'=网站", "\r\n\"2\",\"'=网站", false},
        {"another header", "\"clause\",\"text\"\r\n", "\"clause\",\"texts\"\r\n", false},
        {"a short row", "\"ii-opinion\",", "", false},
    };
    for (size_t e = 0; e < sizeof edits / sizeof edits[0]; e++) {
        char *bad = replaced(good, edits[e].find, edits[e].replace, edits[e].all);
        err = NULL;
        if (report_parse(bad, strlen(bad), &doc, &err) == 0)
            fail_msg("%s: accepted", edits[e].what);
        assert_null(doc);
        assert_non_null(err);
        if (getenv("SHOW_ERRORS"))
            fprintf(stderr, "%s: %s\n", edits[e].what, err);
        free(err);
        free(bad);
    }
    free(good);
    report_result_clear(&res);
}

/* The SQLite reader checks its rows as the CSV reader does. */
static void test_sqlite_rejects(void **state)
{
    fx *f = *state;
    record_incidents(f);
    report_result res;
    write_report(f, &res);
    const char *edits[] = {
        "UPDATE incident_entries SET level = 'IV' WHERE seq = 1",
        "UPDATE incident_entries SET incident = 'two' WHERE seq = 1",
        "UPDATE incident_entries SET status = 'lost' WHERE entry = 'limit'",
        "UPDATE incident_entries SET incident = 2 WHERE incident = 4",
        "DROP TABLE incident_entries",
    };
    for (size_t e = 0; e < sizeof edits / sizeof edits[0]; e++) {
        char *copy = NULL;
        assert_true(asprintf(&copy, "%s/edited-%zu.sqlite", f->dir, e) > 0);
        char *data = NULL, *err = NULL;
        size_t len = 0;
        assert_int_equal(fsutil_read_file(res.sqlite_path, 64 * 1024 * 1024, &data, &len, &err), 0);
        FILE *fp = fopen(copy, "wb");
        assert_non_null(fp);
        assert_int_equal(fwrite(data, 1, len, fp), len);
        assert_int_equal(fclose(fp), 0);
        free(data);
        sqlite3 *db = NULL;
        assert_int_equal(sqlite3_open(copy, &db), SQLITE_OK);
        assert_int_equal(sqlite3_exec(db, edits[e], NULL, NULL, NULL), SQLITE_OK);
        sqlite3_close(db);
        report_doc *doc = NULL;
        if (report_parse_file(copy, &doc, &err) == 0)
            fail_msg("%s: accepted", edits[e]);
        assert_non_null(err);
        if (getenv("SHOW_ERRORS"))
            fprintf(stderr, "%s: %s\n", edits[e], err);
        free(err);
        free(copy);
    }
    report_result_clear(&res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_period_span),
        cmocka_unit_test_setup_teardown(test_round_trip, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_none, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_tamper, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_csv_rejects, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_sqlite_rejects, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
