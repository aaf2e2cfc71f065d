/* test_report_forms.c: the annex forms inside the signed report (format 3,
 * report_forms.h): what the unit recorded in its inventory and website
 * survey comes back from both formats exactly, in report order, with the
 * formula guard undone; a changed form value breaks the signature of either
 * file; the readers refuse forms in an older version, a value given twice
 * or out of order, and an unknown form or field; a report without forms
 * has no forms section. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "forms_store.h"
#include "fsutil.h"
#include "inventory.h"
#include "report.h"
#include "report_forms.h"
#include "report_read.h"
#include "session.h"
#include "sign.h"
#include "survey.h"
#include "testutil.h"

typedef struct fx {
    char *dir, *out, *key, *pub;
    session *s;
} fx;

static int fx_setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = testutil_tempdir();
    assert_non_null(f->dir);
    assert_int_equal(testutil_example_session(f->dir, PROFILE_HALFYEAR, &f->s), 0);
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
    *state = f;
    return 0;
}

static int fx_teardown(void **state)
{
    fx *f = *state;
    session_free(f->s);
    testutil_rmtree(f->dir);
    free(f->dir);
    free(f->out);
    free(f->key);
    free(f->pub);
    free(f);
    return 0;
}

/* Records KEY=VALUE assignments in a form (system NULL: the unit block). */
static void record(const fx *f, const forms_def *def, const char *system, const char *const *assignments)
{
    forms_store *fs = NULL;
    forms_data *d = NULL;
    char *err = NULL;
    const assessment *a = f->s->assessment;
    if (forms_store_open(f->s->db_path, &fs, &err) != FORMS_OK ||
        forms_store_load(fs, def, a->systems, a->system_count, &d, &err) != FORMS_OK)
        fail_msg("forms: %s", err);
    forms_changes c = {0};
    for (const char *const *p = assignments; *p; p++)
        if (forms_changes_add(&c, d, system, *p, &err) != FORMS_OK)
            fail_msg("%s: %s", *p, err);
    if (forms_store_apply(fs, def, &c, &err) != FORMS_OK)
        fail_msg("apply: %s", err);
    forms_changes_clear(&c);
    forms_data_free(d);
    forms_store_close(fs);
}

static void record_forms(const fx *f)
{
    static const char *const unit[] = {"unit_name=生态环境部华南督察局", "credit_code=91350100M000100Y43",
                                       "description==HYPERLINK(\"x\"), 含\"引号\"\n两行", NULL};
    static const char *const oa[] = {"release_area=专网", "mlps_level=第三级", "volume=1.2 tb",
                                     "db_ip=10.0.0.1 2001:DB8:0::1", NULL};
    static const char *const web[] = {"release_area=internet", "data_types=both", NULL};
    static const char *const site[] = {"domain=WWW.Example.gov.cn", "site_name=门户", NULL};
    record(f, &inventory_form, NULL, unit);
    record(f, &inventory_form, "web", web);
    record(f, &inventory_form, "oa", oa);
    record(f, &survey_form, "web", site);
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

static void assert_same_values(const report_form_value *a, size_t na, const report_form_value *b, size_t nb)
{
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++) {
        assert_string_equal(a[i].form, b[i].form);
        assert_string_equal(a[i].record, b[i].record);
        assert_string_equal(a[i].record_name, b[i].record_name);
        assert_string_equal(a[i].field, b[i].field);
        assert_string_equal(a[i].title, b[i].title);
        assert_string_equal(a[i].value, b[i].value);
        assert_string_equal(a[i].value_title, b[i].value_title);
    }
}

static const report_form_value *find(const report_doc *d, const char *form, const char *record, const char *field)
{
    for (size_t i = 0; i < d->form_value_count; i++) {
        const report_form_value *v = &d->form_values[i];
        if (strcmp(v->form, form) == 0 && strcmp(v->record, record) == 0 && strcmp(v->field, field) == 0)
            return v;
    }
    return NULL;
}

/* Both formats carry what was recorded, in report order. */
static void test_round_trip(void **state)
{
    fx *f = *state;
    record_forms(f);
    report_result res;
    write_report(f, &res);
    report_forms *want = NULL;
    char *err = NULL;
    const assessment *a = f->s->assessment;
    if (report_forms_load(f->s->db_path, a->systems, a->system_count, &want, &err) != 0)
        fail_msg("load: %s", err);
    assert_int_equal(want->count, 11);
    report_doc *csv = verified(f, res.csv_path), *db = verified(f, res.sqlite_path);
    assert_int_equal(csv->format_version, 4);
    assert_int_equal(db->format_version, 4);
    assert_same_values(want->values, want->count, csv->form_values, csv->form_value_count);
    assert_same_values(want->values, want->count, db->form_values, db->form_value_count);
    /* report order: inventory unit block, its rows by system id, then the survey */
    assert_string_equal(csv->form_values[0].field, "unit_name");
    assert_string_equal(csv->form_values[3].record, "oa");
    assert_string_equal(csv->form_values[10].form, "survey");
    /* canonical values, the annex's words, the system's name */
    const report_form_value *v = find(csv, "inventory", "oa", "release_area");
    assert_non_null(v);
    assert_string_equal(v->value, "private");
    assert_string_equal(v->value_title, "专网");
    assert_string_equal(v->record_name, "办公自动化系统");
    assert_string_equal(find(csv, "inventory", "oa", "mlps_level")->value, "3");
    assert_string_equal(find(csv, "inventory", "oa", "volume")->value, "1.2TB");
    assert_string_equal(find(csv, "inventory", "oa", "db_ip")->value, "10.0.0.1, 2001:db8::1");
    assert_string_equal(find(db, "survey", "web", "domain")->value, "www.example.gov.cn");
    /* a formula, quotes and a line break come back as entered */
    assert_string_equal(find(csv, "inventory", "", "description")->value, "=HYPERLINK(\"x\"), 含\"引号\"\n两行");
    assert_string_equal(find(db, "inventory", "", "description")->value, "=HYPERLINK(\"x\"), 含\"引号\"\n两行");
    /* and the CSV file guards it */
    char *text = testutil_read(res.csv_path);
    assert_non_null(text);
    assert_non_null(strstr(text, "\r\n\"form\",\"record\",\"record_name\",\"field\",\"title\",\"value\",\"value_title\"\r\n"));
    assert_non_null(strstr(text, "\"'=HYPERLINK(\"\"x\"\"), 含\"\"引号\"\"\n两行\""));
    free(text);
    report_doc_free(csv);
    report_doc_free(db);
    report_forms_free(want);
    report_result_clear(&res);
}

/* Without anything recorded there is no forms section and no value. */
static void test_no_forms(void **state)
{
    fx *f = *state;
    report_result res;
    write_report(f, &res);
    char *text = testutil_read(res.csv_path);
    assert_non_null(text);
    assert_null(strstr(text, "\"form\",\"record\""));
    free(text);
    report_doc *db = verified(f, res.sqlite_path);
    assert_int_equal(db->form_value_count, 0);
    report_doc_free(db);
    report_result_clear(&res);
}

/* Replaces the first `find` in the file by `replace` (same length). */
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

/* A changed form value, in either file, no longer verifies. */
static void test_tamper(void **state)
{
    fx *f = *state;
    record_forms(f);
    report_result res;
    write_report(f, &res);
    const char *paths[] = {res.csv_path, res.sqlite_path};
    for (size_t i = 0; i < 2; i++) {
        patch_file(paths[i], "1.2TB", "0.1TB");
        report_verification v = {0};
        char *err = NULL;
        assert_int_equal(report_verify(paths[i], f->pub, NULL, &v, &err), REPORT_VERIFY_BAD_SIGNATURE);
        free(err);
        report_verification_clear(&v);
    }
    report_result_clear(&res);
}

/* The CSV reader refuses what selfcheck does not write. */
static void test_csv_rejects(void **state)
{
    fx *f = *state;
    record_forms(f);
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
    } edits[] = {
        {"an unknown form", "\r\n\"survey\",", "\r\n\"surfey\","},
        {"an unknown field", "\"mlps_level\"", "\"mlps_lever\""},
        {"a value given twice", "\"release_area\",\"发布区域\",\"private\"", "\"mlps_level\",\"发布区域\",\"private\""},
        {"systems out of order", "\r\n\"inventory\",\"oa\"", "\r\n\"inventory\",\"zz\""},
        {"another header", "\"value_title\"\r\n", "\"value_titel\"\r\n"},
        {"a short row", "\"10.0.0.1, 2001:db8::1\",", ""},
        {"forms in a version 2 report", "\r\n\"4\",", "\r\n\"2\","},
    };
    for (size_t e = 0; e < sizeof edits / sizeof edits[0]; e++) {
        char *bad = strdup(good);
        assert_non_null(bad);
        /* every row of the report names the version: change them all */
        bool all = strcmp(edits[e].what, "forms in a version 2 report") == 0;
        char *at;
        size_t from = 0;
        bool changed = false;
        while ((at = strstr(bad + from, edits[e].find)) != NULL) {
            size_t off = (size_t)(at - bad);
            char *next = NULL;
            assert_true(asprintf(&next, "%.*s%s%s", (int)off, bad, edits[e].replace, at + strlen(edits[e].find)) > 0);
            free(bad);
            bad = next;
            from = off + strlen(edits[e].replace);
            changed = true;
            if (!all)
                break;
        }
        assert_true(changed);
        err = NULL;
        if (report_parse(bad, strlen(bad), &doc, &err) == 0)
            fail_msg("%s: accepted", edits[e].what);
        assert_null(doc);
        assert_non_null(err);
        free(err);
        free(bad);
    }
    free(good);
    report_result_clear(&res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_no_forms, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_tamper, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_csv_rejects, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
