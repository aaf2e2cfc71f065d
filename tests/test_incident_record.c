/* test_incident_record.c: cmocka tests of the incident record: the store
 * (incident_store.h), the plan's time limits over a timeline
 * (incident_deadline.h) and the signed export (incident_export.h), over the
 * bundled rules file.
 *
 * The limits are tried on each side of their ends (4 hours, 12 hours, 30
 * days, at the minute and one minute later), for the duty, and where they do
 * not apply (public opinion without posts or media). The export is signed
 * with both algorithms, checked with the key, with a trust folder, against a
 * changed byte and against another unit's key. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "incident.h"
#include "incident_deadline.h"
#include "incident_export.h"
#include "incident_store.h"
#include "sign.h"
#include "store.h"
#include "testutil.h"

#define RULES SOURCE_DIR "/rules/incident.ini"

typedef struct fx {
    char *dir, *db;
    incident_rules *rules;
    incident_store *is;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    f->dir = testutil_tempdir();
    assert_int_not_equal(asprintf(&f->db, "%s/data/selfcheck.db", f->dir), -1);
    diag_list diags;
    diag_list_init(&diags);
    assert_int_equal(incident_rules_load(RULES, &f->rules, &diags), 0);
    diag_list_clear(&diags);
    char *err = NULL;
    assert_int_equal(incident_store_open(f->db, &f->is, &err), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    incident_store_close(f->is);
    incident_rules_free(f->rules);
    testutil_rmtree(f->dir);
    free(f->dir);
    free(f->db);
    free(f);
    return 0;
}

/* Records an incident of the facts (space-separated KEY=VALUE) discovered at. */
static long long record(fx *f, const char *title, const char *facts_text, const char *at)
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
    int rc = incident_store_add(f->is, title, "web", &facts, res, at, "2026-11-02T10:00:00", &id, &err);
    if (rc != 0)
        fail_msg("%s", err);
    incident_result_free(res);
    return id;
}

static void event(fx *f, long long id, incident_event_kind kind, const char *at, const char *text)
{
    char *err = NULL;
    if (incident_store_add_event(f->is, id, kind, at, text, "2026-11-02T10:00:00", &err) != 0)
        fail_msg("%s", err);
}

static void test_time_parse(void **state)
{
    (void)state;
    char t[17];
    assert_int_equal(incident_time_parse("2026-11-02 09:10", t), 0);
    assert_string_equal(t, "2026-11-02T09:10");
    assert_int_equal(incident_time_parse("2026-11-02T09:10:59", t), 0);
    assert_string_equal(t, "2026-11-02T09:10");
    assert_int_equal(incident_time_parse("2026-11-02", t), 0);
    assert_string_equal(t, "2026-11-02T00:00");
    const char *bad[] = {"", "2026-11-02 24:00", "2026-11-02 09:60", "2026-02-30 10:00", "2026-11-02 9:10",
                         "2026-11-02 09:10x", "yesterday", "2026-11-02 09:10:60"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(incident_time_parse(bad[i], t), -1);
    assert_int_equal(incident_time_parse(NULL, t), -1);
}

static void test_store_round_trip(void **state)
{
    fx *f = *state;
    long long id = record(f, "网站首页被篡改", "defaced=yes posts=300", "2026-11-02 09:10");
    assert_int_equal(id, 1);
    event(f, id, INCIDENT_EVENT_REPORTED, "2026-11-02 09:30", "领导小组副组长");
    event(f, id, INCIDENT_EVENT_CONTAINED, "2026-11-02 09:20", NULL);   /* earlier than the report */
    incident_record *r = NULL;
    assert_int_equal(incident_store_get(f->is, id, &r, NULL), 0);
    assert_string_equal(r->title, "网站首页被篡改");
    assert_string_equal(r->system_id, "web");
    assert_string_equal(r->facts, "defaced=yes posts=300");
    assert_int_equal(r->level, INCIDENT_LEVEL_II);
    assert_int_equal(r->warning, INCIDENT_WARNING_YELLOW);
    assert_string_equal(r->rules, "8-4-defaced 8-7-posts");
    assert_string_equal(r->recorded_at, "2026-11-02T10:00:00");
    assert_int_equal(r->event_count, 3);
    /* in time order, whatever the order of entry */
    assert_int_equal(r->events[0].kind, INCIDENT_EVENT_DISCOVERED);
    assert_string_equal(r->events[0].at, "2026-11-02T09:10");
    assert_int_equal(r->events[1].kind, INCIDENT_EVENT_CONTAINED);
    assert_int_equal(r->events[1].seq, 3);
    assert_int_equal(r->events[2].kind, INCIDENT_EVENT_REPORTED);
    assert_string_equal(r->events[2].text, "领导小组副组长");
    assert_string_equal(incident_record_first(r, INCIDENT_EVENT_REPORTED), "2026-11-02T09:30");
    assert_null(incident_record_first(r, INCIDENT_EVENT_ENDED));
    incident_record_free(r);

    record(f, "no rule", "mlps_level=1 attack=large", "2026-11-03");
    incident_record **list = NULL;
    size_t n = 0;
    assert_int_equal(incident_store_list(f->is, &list, &n, NULL), 0);
    assert_int_equal(n, 2);
    assert_int_equal(list[1]->id, 2);
    assert_int_equal(list[1]->level, INCIDENT_LEVEL_NONE);
    assert_string_equal(list[1]->rules, "");
    incident_record_free_array(list, n);

    /* the store survives reopening, and store_open still opens it */
    incident_store_close(f->is);
    store *s = NULL;
    assert_int_equal(store_open(f->db, &s, NULL), 0);
    store_close(s);
    assert_int_equal(incident_store_open(f->db, &f->is, NULL), 0);
    assert_int_equal(incident_store_get(f->is, 2, &r, NULL), 0);
    incident_record_free(r);
}

static void test_store_errors(void **state)
{
    fx *f = *state;
    incident_facts facts;
    incident_facts_init(&facts);
    incident_result *res = NULL;
    assert_int_equal(incident_classify(f->rules, &facts, &res, NULL), 0);
    long long id;
    char *err = NULL;
    assert_int_equal(incident_store_add(f->is, " ", NULL, &facts, res, "2026-11-02", "2026-11-02T10:00:00", &id, &err),
                     INCIDENT_STORE_INVALID);
    free(err);
    err = NULL;
    assert_int_equal(incident_store_add(f->is, "x", "Bad ID", &facts, res, "2026-11-02", "2026-11-02T10:00:00", &id,
                                        &err),
                     INCIDENT_STORE_INVALID);
    free(err);
    err = NULL;
    assert_int_equal(incident_store_add(f->is, "x", NULL, &facts, res, "02.11.2026", "2026-11-02T10:00:00", &id, &err),
                     INCIDENT_STORE_INVALID);
    assert_non_null(strstr(err, "02.11.2026"));
    free(err);
    incident_result_free(res);
    err = NULL;
    assert_int_equal(incident_store_add_event(f->is, 7, INCIDENT_EVENT_NOTE, "2026-11-02", "x", "2026-11-02T10:00:00",
                                              &err),
                     INCIDENT_STORE_NOT_FOUND);
    free(err);
    err = NULL;
    incident_record *r = NULL;
    assert_int_equal(incident_store_get(f->is, 7, &r, &err), INCIDENT_STORE_NOT_FOUND);
    assert_null(r);
    free(err);
    /* nothing was recorded by the refused calls */
    incident_record **list = NULL;
    size_t n = 9;
    assert_int_equal(incident_store_list(f->is, &list, &n, NULL), 0);
    assert_int_equal(n, 0);
    assert_null(list);
}

/* The limits of incident id measured at now. */
static incident_deadline *limits(fx *f, long long id, const char *now, size_t *n)
{
    incident_record *r = NULL;
    assert_int_equal(incident_store_get(f->is, id, &r, NULL), 0);
    incident_deadline *d = NULL;
    char *err = NULL;
    if (incident_deadlines(f->rules, r, now, &d, n, &err) != 0)
        fail_msg("%s", err);
    incident_record_free(r);
    return d;
}

/* The limit of that action among d, which must be there. */
static const incident_deadline *limit_of(const incident_deadline *d, size_t n, const char *action)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(d[i].action->id, action) == 0)
            return &d[i];
    fail_msg("no limit of %s", action);
    return NULL;
}

static void test_level_i_limits(void **state)
{
    fx *f = *state;
    long long id = record(f, "red", "defaced=political posts=40", "2026-11-02 09:10");
    size_t n;
    incident_deadline *d = limits(f, id, "2026-11-02T13:10", &n);
    assert_int_equal(n, 3);   /* duty, opinion, investigation */
    const incident_deadline *duty = limit_of(d, n, "i-duty");
    assert_int_equal(duty->status, INCIDENT_DEADLINE_IN_FORCE);
    assert_string_equal(duty->from, "2026-11-02T09:10");
    const incident_deadline *op = limit_of(d, n, "i-opinion");
    assert_int_equal(op->status, INCIDENT_DEADLINE_OPEN);   /* 4 hours to the minute: still open */
    assert_string_equal(op->due, "2026-11-02T13:10");
    assert_int_equal(limit_of(d, n, "i-investigate")->status, INCIDENT_DEADLINE_WAITING);
    free(d);
    d = limits(f, id, "2026-11-02T13:11", &n);
    assert_int_equal(limit_of(d, n, "i-opinion")->status, INCIDENT_DEADLINE_OVERDUE);
    free(d);

    event(f, id, INCIDENT_EVENT_OPINION, "2026-11-02 13:10", "统一发布");
    event(f, id, INCIDENT_EVENT_ENDED, "2026-11-30 18:00", NULL);
    d = limits(f, id, "2026-12-30T18:00", &n);
    assert_int_equal(limit_of(d, n, "i-opinion")->status, INCIDENT_DEADLINE_MET);
    assert_string_equal(limit_of(d, n, "i-opinion")->done, "2026-11-02T13:10");
    assert_int_equal(limit_of(d, n, "i-duty")->status, INCIDENT_DEADLINE_ENDED);
    const incident_deadline *inv = limit_of(d, n, "i-investigate");
    assert_string_equal(inv->due, "2026-12-30T18:00");   /* 30 days, across the month */
    assert_int_equal(inv->status, INCIDENT_DEADLINE_OPEN);
    free(d);
    d = limits(f, id, "2026-12-30T18:01", &n);
    assert_int_equal(limit_of(d, n, "i-investigate")->status, INCIDENT_DEADLINE_OVERDUE);
    free(d);
    event(f, id, INCIDENT_EVENT_INVESTIGATED, "2026-12-31 09:00", "调查报告已报县网信办");
    d = limits(f, id, "2027-01-05T00:00", &n);
    assert_int_equal(limit_of(d, n, "i-investigate")->status, INCIDENT_DEADLINE_LATE);
    free(d);
}

static void test_level_ii_and_iii_limits(void **state)
{
    fx *f = *state;
    /* level II with public opinion: 12 hours */
    long long id = record(f, "yellow", "posts=300", "2026-11-02 21:00");
    size_t n;
    incident_deadline *d = limits(f, id, "2026-11-03T09:00", &n);
    assert_int_equal(n, 2);
    assert_string_equal(limit_of(d, n, "ii-opinion")->due, "2026-11-03T09:00");   /* past midnight */
    assert_int_equal(limit_of(d, n, "ii-opinion")->status, INCIDENT_DEADLINE_OPEN);
    free(d);
    event(f, id, INCIDENT_EVENT_OPINION, "2026-11-03 09:01", NULL);
    d = limits(f, id, "2026-11-03T10:00", &n);
    assert_int_equal(limit_of(d, n, "ii-opinion")->status, INCIDENT_DEADLINE_LATE);
    free(d);

    /* level II without public opinion: no opinion limit; media alone is enough for one */
    id = record(f, "no opinion", "defaced=yes", "2026-11-02 09:00");
    d = limits(f, id, "2026-11-05T00:00", &n);
    assert_int_equal(n, 1);
    assert_string_equal(d[0].action->id, "ii-investigate");
    free(d);
    id = record(f, "media", "media=yes", "2026-11-02 09:00");
    d = limits(f, id, "2026-11-02T12:00", &n);
    assert_int_equal(limit_of(d, n, "i-opinion")->status, INCIDENT_DEADLINE_OPEN);
    free(d);

    /* level III: the 30 days only */
    id = record(f, "blue", "mlps_level=2 vuln=low", "2026-11-02 09:00");
    d = limits(f, id, "2026-11-05T00:00", &n);
    assert_int_equal(n, 1);
    assert_string_equal(d[0].action->id, "iii-investigate");
    free(d);

    /* level none: nothing */
    id = record(f, "none", "mlps_level=1 attack=large", "2026-11-02 09:00");
    d = limits(f, id, "2026-11-05T00:00", &n);
    assert_int_equal(n, 0);
    assert_null(d);
}

/* A copy of the bundled rules with `from` replaced by `to` on one line. */
static char *rules_with(const char *dir, const char *from, const char *to)
{
    char *text = testutil_read(RULES);
    char *at = strstr(text, from);
    assert_non_null(at);
    char *changed = NULL;
    assert_int_not_equal(asprintf(&changed, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from)), -1);
    char *path = testutil_write(dir, "rules.ini", changed);
    free(changed);
    free(text);
    return path;
}

static void test_limit_lint(void **state)
{
    fx *f = *state;
    struct {
        const char *from, *to, *message;
    } cases[] = {
        {"limit = 4h\n", "limit = 4 hours\n", "limit '4 hours' is not hours or days (4h, 30d)"},
        {"after = discovered\nmet_by = opinion\nlimit_when = posts >= 1 or media = yes\n\n[action.i-standby]",
         "after = found\nmet_by = opinion\nlimit_when = posts >= 1 or media = yes\n\n[action.i-standby]",
         "'found' is not an event"},
        {"limit = 30d\nafter = ended\nmet_by = investigated\n\n[action.ii-yellow]",
         "limit = 30d\nafter = ended\n\n[action.ii-yellow]", "[action.i-investigate] has no 'met_by'"},
        {"limit_when = posts >= 1 or media = yes\n\n[action.i-standby]",
         "limit_when = posts >= 1 or media = maybe\n\n[action.i-standby]", "'maybe' is not a value of media"},
        {"duty_from = discovered\nduty_until = ended\n", "duty_until = ended\n",
         "[action.i-duty] has a part of a time limit but no 'limit' or 'duty_from'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *path = rules_with(f->dir, cases[i].from, cases[i].to);
        incident_rules *r = NULL;
        diag_list diags;
        diag_list_init(&diags);
        assert_int_equal(incident_rules_load(path, &r, &diags), -1);
        assert_null(r);
        bool found = false;
        for (size_t k = 0; k < diags.count; k++)
            found = found || strstr(diags.items[k].message, cases[i].message) != NULL;
        if (!found)
            fail_msg("case %zu: no '%s' (first: %s)", i, cases[i].message,
                     diags.count ? diags.items[0].message : "none");
        assert_true(diags.items[0].line > 0);
        diag_list_clear(&diags);
        free(path);
    }
}

/* Makes a key pair DIR/NAME.key/.pub; returns the private key's path. */
static char *keypair(const char *dir, const char *name, sign_algo algo)
{
    char *prefix = NULL, *key = NULL, *id = NULL;
    assert_int_not_equal(asprintf(&prefix, "%s/%s", dir, name), -1);
    assert_int_equal(sign_keygen(algo, prefix, NULL, &id, NULL), SIGN_OK);
    assert_int_not_equal(asprintf(&key, "%s.key", prefix), -1);
    free(id);
    free(prefix);
    return key;
}

static void test_export_signed(void **state)
{
    fx *f = *state;
    long long id = record(f, "=HYPERLINK(\"x\") 网站首页被篡改", "defaced=yes posts=300", "2026-11-02 09:10");
    event(f, id, INCIDENT_EVENT_OPINION, "2026-11-02 15:00", "统一发布");
    incident_record **list = NULL;
    size_t n = 0;
    assert_int_equal(incident_store_list(f->is, &list, &n, NULL), 0);
    sign_algo algos[] = {SIGN_ALGO_SM2, SIGN_ALGO_ED25519};
    for (int a = 0; a < 2; a++) {
        char *out_dir = NULL, *out = NULL, *err = NULL;
        assert_int_not_equal(asprintf(&out_dir, "%s/out%d", f->dir, a), -1);
        assert_int_equal(mkdir(out_dir, 0700), 0);
        char *key = keypair(f->dir, a ? "ed" : "sm", algos[a]);
        assert_int_not_equal(asprintf(&out, "%s/incidents.csv", out_dir), -1);
        incident_export_options o = {out, key, NULL, "4401-hb", "示例局", "2026-11-03T10:00:00", "zh"};
        incident_export_result res;
        incident_export_status st = incident_export_write(f->rules, list, n, &o, &res, &err);
        if (st != INCIDENT_EXPORT_OK)
            fail_msg("%s", err);
        assert_int_equal(res.algo, algos[a]);
        assert_non_null(res.sig_path);
        assert_non_null(res.pubkey_path);
        assert_non_null(strstr(res.pubkey_path, "4401-hb.pub"));
        struct stat sb;
        assert_int_equal(stat(out, &sb), 0);
        assert_int_equal(sb.st_mode & 0777, 0600);
        char *text = testutil_read(out);
        assert_true(incident_export_detect(text, strlen(text)));
        assert_true(incident_export_detect_file(out));
        assert_non_null(strstr(text, "\"'=HYPERLINK(\"\"x\"\") 网站首页被篡改\""));   /* formula guard */
        assert_non_null(strstr(text, "\"limit\",\"ii-opinion\",\"2026-11-02T15:00\",\"2026-11-02T21:10\",\"met\""));
        assert_non_null(strstr(text, "\"rule\",\"8-4-defaced\",\"\",\"\",\"\",\"003 第八条(四)\""));
        assert_non_null(strstr(text, "\"event\",\"opinion\",\"2026-11-02T15:00\",\"\",\"\",\"\",\"统一发布\""));
        free(text);

        /* verify with the key, and with a trust folder */
        incident_export_verification v;
        assert_int_equal(incident_export_verify(out, res.pubkey_path, NULL, &v, NULL), REPORT_VERIFY_OK);
        assert_string_equal(v.unit_code, "4401-hb");
        assert_string_equal(v.unit_name, "示例局");
        assert_int_equal(v.incident_count, 1);
        incident_export_verification_clear(&v);
        assert_int_equal(incident_export_verify(out, NULL, out_dir, &v, NULL), REPORT_VERIFY_OK);
        incident_export_verification_clear(&v);

        /* not over an existing file */
        incident_export_result again;
        err = NULL;
        assert_int_equal(incident_export_write(f->rules, list, n, &o, &again, &err), INCIDENT_EXPORT_ERR_EXISTS);
        free(err);
        incident_export_result_clear(&again);

        /* one changed byte */
        char *copy = NULL, *copy_sig = NULL, *cmd = NULL;
        assert_int_not_equal(asprintf(&copy, "%s/changed.csv", out_dir), -1);
        assert_int_not_equal(asprintf(&copy_sig, "%s/changed.csv.sig", out_dir), -1);
        text = testutil_read(out);
        char *p = strstr(text, "300");
        p[0] = '9';
        free(testutil_write(out_dir, "changed.csv", text));
        free(text);
        assert_int_not_equal(asprintf(&cmd, "cp '%s' '%s'", res.sig_path, copy_sig), -1);
        assert_int_equal(system(cmd), 0);
        err = NULL;
        assert_int_equal(incident_export_verify(copy, res.pubkey_path, NULL, &v, &err), REPORT_VERIFY_BAD_SIGNATURE);
        assert_non_null(strstr(err, "BAD signature"));
        free(err);
        incident_export_verification_clear(&v);

        /* signed by another unit's registered key */
        char *trust = NULL, *other = NULL;
        assert_int_not_equal(asprintf(&trust, "%s/trust%d", f->dir, a), -1);
        assert_int_equal(mkdir(trust, 0700), 0);
        char *other_key = keypair(trust, "4401-hb", algos[a]);
        free(cmd);
        assert_int_not_equal(asprintf(&cmd, "rm '%s' && cp '%s' '%s/4401-zz.pub'", other_key, res.pubkey_path, trust),
                             -1);
        assert_int_equal(system(cmd), 0);
        err = NULL;
        assert_int_equal(incident_export_verify(out, NULL, trust, &v, &err), REPORT_VERIFY_KEY_MISMATCH);
        assert_non_null(strstr(err, "4401-zz"));
        free(err);
        incident_export_verification_clear(&v);
        free(other);
        free(other_key);
        free(trust);

        free(cmd);
        free(copy);
        free(copy_sig);
        incident_export_result_clear(&res);
        free(key);
        free(out);
        free(out_dir);
    }
    incident_record_free_array(list, n);
}

static void test_export_refusals(void **state)
{
    fx *f = *state;
    char *key = keypair(f->dir, "unit", SIGN_ALGO_SM2), *out = NULL, *err = NULL;
    assert_int_not_equal(asprintf(&out, "%s/missing/x.csv", f->dir), -1);
    incident_export_options o = {out, key, NULL, "4401-hb", "示例局", "2026-11-03T10:00:00", "en"};
    incident_export_result res;
    assert_int_equal(incident_export_write(f->rules, NULL, 0, &o, &res, &err), INCIDENT_EXPORT_ERR_IO);
    free(err);
    incident_export_result_clear(&res);
    free(out);
    /* no key: nothing written */
    assert_int_not_equal(asprintf(&out, "%s/x.csv", f->dir), -1);
    o.out_path = out;
    o.key_path = "/nonexistent/unit.key";
    err = NULL;
    assert_int_equal(incident_export_write(f->rules, NULL, 0, &o, &res, &err), INCIDENT_EXPORT_ERR_KEY);
    assert_int_equal(res.key_status, SIGN_ERR_IO);
    free(err);
    incident_export_result_clear(&res);
    struct stat sb;
    assert_int_not_equal(stat(out, &sb), 0);
    /* an interrupted run's leftovers (its marker held by nobody) are cleared */
    free(testutil_write(f->dir, "x.csv", "half"));
    free(testutil_write(f->dir, "x.csv.incident-incomplete", "selfcheck incident export\n"));
    o.key_path = key;
    err = NULL;
    if (incident_export_write(f->rules, NULL, 0, &o, &res, &err) != INCIDENT_EXPORT_OK)
        fail_msg("%s", err);
    char *text = testutil_read(out);
    assert_true(incident_export_detect(text, strlen(text)));   /* the header alone */
    assert_null(strstr(text, "half"));
    free(text);
    incident_export_result_clear(&res);
    char *marker = NULL;
    assert_int_not_equal(asprintf(&marker, "%s.incident-incomplete", out), -1);
    assert_int_not_equal(stat(marker, &sb), 0);
    free(marker);
    free(out);
    free(key);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_time_parse),
        cmocka_unit_test_setup_teardown(test_store_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_level_i_limits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_level_ii_and_iii_limits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_limit_lint, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_signed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_refusals, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
