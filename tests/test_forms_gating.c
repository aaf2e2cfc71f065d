/* test_forms_gating.c: checklist items gated on the systems' attributes
 * recorded in the annex forms (sysattr.h; show_if = system.NAME and
 * states = system.NAME in the loader; score_instance_visible; the session
 * loading the attributes; sysattr_conflicts).
 *
 * Four systems of fixtures/gating.ini: an internet-facing system holding
 * personal data and hosted at a third party, of level 3; a private-network
 * system of level 2 with business data only; a website (a row in the
 * survey); and a system the forms know nothing about, which is asked every
 * gated item but the website's. Then the loader's refusals, and the
 * contradictions: a hosting item answered na for the hosted system, a level
 * answer that differs from the inventory's. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "config.h"
#include "forms_store.h"
#include "fsutil.h"
#include "inventory.h"
#include "session.h"
#include "store.h"
#include "survey.h"
#include "sysattr.h"
#include "testutil.h"

typedef struct fixture {
    char *dir, *db;
    session *s;
} fixture;

static void record(const char *db, const forms_def *def, const char *system, const char *const *assignments)
{
    forms_store *fs;
    store *st;
    system_info *systems;
    size_t count;
    forms_data *d;
    char *err = NULL;
    forms_changes c = {0};
    if (store_open(db, &st, &err) != 0 || store_systems_list(st, &systems, &count, &err) != 0 ||
        forms_store_open(db, &fs, &err) != 0 || forms_store_load(fs, def, systems, count, &d, &err) != 0)
        fail_msg("%s", err);
    for (size_t i = 0; assignments[i]; i++)
        if (forms_changes_add(&c, d, system, assignments[i], &err) != 0)
            fail_msg("%s: %s", assignments[i], err);
    assert_int_equal(forms_store_apply(fs, def, &c, &err), 0);
    forms_changes_clear(&c);
    forms_data_free(d);
    forms_store_close(fs);
    system_info_free_array(systems, count);
    store_close(st);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = testutil_tempdir();
    setenv("SELFCHECK_NOW", "2026-11-15T09:00:00", 1);
    f->db = fsutil_join(f->dir, "selfcheck.db");
    char *err = NULL;
    store *st;
    if (store_open(f->db, &st, &err) != 0 || store_system_add(st, "app", "网上办事系统", &err) != 0 ||
        store_system_add(st, "oa", "办公自动化系统", &err) != 0 || store_system_add(st, "new", "新系统", &err) != 0 ||
        store_system_add(st, "web", "门户网站", &err) != 0)
        fail_msg("%s", err);
    store_close(st);
    record(f->db, &inventory_form, "app",
           (const char *const[]){"release_area=both", "data_types=both", "storage=hosting", "mlps_level=3", NULL});
    record(f->db, &inventory_form, "oa",
           (const char *const[]){"release_area=private", "data_types=business", "storage=private", "mlps_level=2",
                                 NULL});
    record(f->db, &inventory_form, "web",
           (const char *const[]){"release_area=internet", "data_types=business", "storage=internet", NULL});
    record(f->db, &survey_form, "web", (const char *const[]){"domain=www.example.gov.cn", "mlps_level=2", NULL});
    const char *paths[] = {FIXTURES_DIR "/gating.ini"};
    checklist_set *set;
    diag_list diags;
    diag_list_init(&diags);
    if (checklist_set_load(paths, 1, &set, &diags) != 0)
        fail_msg("gating.ini: %s", diags.count ? diags.items[0].message : "?");
    diag_list_clear(&diags);
    config *cfg = config_defaults();
    free(cfg->unit_code);
    cfg->unit_code = strdup("U1");
    if (session_open(cfg, set, f->db, PROFILE_MONTHLY, NULL, &f->s, &err) != 0)
        fail_msg("%s", err);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    session_free(f->s);
    testutil_rmtree(f->dir);
    free(f->db);
    free(f->dir);
    free(f);
    return 0;
}

static bool visible(const fixture *f, const char *item_id, const char *system)
{
    long i = plan_find(f->s->plan, "gating", item_id, system);
    if (i < 0)
        fail_msg("no instance %s/%s", item_id, system);
    return score_instance_visible(f->s->plan, (size_t)i, f->s->answers);
}

static void test_asked_where_the_forms_say(void **state)
{
    fixture *f = *state;
    /* release area internet or both */
    assert_true(visible(f, "internet-boundary", "app"));
    assert_false(visible(f, "internet-boundary", "oa"));
    assert_true(visible(f, "internet-boundary", "web"));
    /* personal information: data_types personal or both */
    assert_true(visible(f, "pi-encrypted", "app"));
    assert_false(visible(f, "pi-encrypted", "oa"));
    assert_false(visible(f, "pi-encrypted", "web"));
    /* websites: the systems with a survey row, once per site */
    assert_false(visible(f, "website-id", "app"));
    assert_false(visible(f, "website-id", "oa"));
    assert_true(visible(f, "website-id", "web"));
    assert_false(visible(f, "website-id", "new"));
    /* hosted at a third party */
    assert_true(visible(f, "hosting-contract", "app"));
    assert_false(visible(f, "hosting-contract", "oa"));
    /* the level-3 assessment interval: level 3 only; the website's level
     * comes from the survey when the inventory has none */
    assert_true(visible(f, "assessment-l3", "app"));
    assert_false(visible(f, "assessment-l3", "oa"));
    assert_false(visible(f, "assessment-l3", "web"));
    assert_string_equal(sysattr_get(f->s->attrs, "web", SYSATTR_MLPS_LEVEL), "2");
    /* nothing recorded: asked until the inventory says it does not apply */
    assert_true(visible(f, "internet-boundary", "new"));
    assert_true(visible(f, "pi-encrypted", "new"));
    assert_true(visible(f, "hosting-contract", "new"));
    assert_true(visible(f, "assessment-l3", "new"));
    /* the score counts only what is asked */
    size_t asked = f->s->score->asked;
    assert_int_equal(asked, 4 + 2 + 1 + 1 + 4 + 2);   /* the level item is asked for all four */
}

static void give(fixture *f, const char *item_id, const char *system, const char *value)
{
    long i = plan_find(f->s->plan, "gating", item_id, system);
    char *err = NULL;
    if (i < 0 || session_set(f->s, (size_t)i, ANSWER_FIELD_VALUE, value, &err) != 0)
        fail_msg("%s/%s = %s: %s", item_id, system, value, err ? err : "no instance");
}

static void test_contradictions(void **state)
{
    fixture *f = *state;
    sysattr_conflict *c;
    size_t n;
    assert_int_equal(sysattr_conflicts(f->s->plan, f->s->answers, &c, &n), 0);
    assert_int_equal(n, 0);
    give(f, "hosting-contract", "app", "na");    /* hosted, says not applicable */
    give(f, "hosting-contract", "new", "na");    /* nothing recorded: no contradiction */
    give(f, "level", "app", "l2");               /* the inventory says 3 */
    give(f, "level", "oa", "l2");                /* agrees */
    give(f, "level", "new", "l4");               /* nothing recorded */
    give(f, "level", "web", "l3");               /* the survey says 2 */
    give(f, "internet-boundary", "app", "yes");
    assert_int_equal(sysattr_conflicts(f->s->plan, f->s->answers, &c, &n), 0);
    assert_int_equal(n, 3);
    const instance *in = &f->s->plan->items[c[0].index];
    assert_string_equal(in->item->id, "hosting-contract");
    assert_string_equal(in->system_id, "app");
    assert_int_equal(c[0].kind, SYSATTR_CONFLICT_NOT_APPLICABLE);
    assert_int_equal(c[0].attribute, SYSATTR_STORAGE);
    assert_string_equal(c[0].recorded, "hosting");
    in = &f->s->plan->items[c[1].index];
    assert_string_equal(in->item->id, "level");
    assert_string_equal(in->system_id, "app");
    assert_int_equal(c[1].kind, SYSATTR_CONFLICT_DIFFERS);
    assert_string_equal(c[1].recorded, "3");
    assert_string_equal(c[1].answered, "l2");
    assert_string_equal(f->s->plan->items[c[2].index].system_id, "web");
    free(c);
}

/* Loads a checklist text; returns the problems' messages joined by '\n'. */
static char *lint_text(const char *text)
{
    char *dir = testutil_tempdir();
    char *path = testutil_write(dir, "x.ini", text);
    checklist *list = NULL;
    diag_list diags;
    diag_list_init(&diags);
    int rc = checklist_load_file(path, &list, &diags);
    size_t len = 1;
    for (size_t i = 0; i < diags.count; i++)
        len += strlen(diags.items[i].message) + 1;
    char *out = calloc(1, len);
    for (size_t i = 0; i < diags.count; i++) {
        strcat(out, diags.items[i].message);
        strcat(out, "\n");
    }
    assert_int_equal(rc != 0, diags.count > 0);
    checklist_free(list);
    diag_list_clear(&diags);
    testutil_rmtree(dir);
    free(path);
    free(dir);
    return out;
}

#define HEAD "[checklist]\nid = x\nversion = 1\ntitle_zh = 甲\ntitle_en = X\n"
#define ITEM(extra)                                                                                          \
    "[item.a]\nquestion_zh = 问\nquestion_en = Q\nsource = 000 四\ntype = yesno\nseverity = low\n"            \
    "profiles = monthly\n" extra

static void test_loader_checks_attributes(void **state)
{
    (void)state;
    char *out = lint_text(HEAD ITEM("scope = system\nshow_if = system.release_area: internet, both\n"));
    assert_string_equal(out, "");
    free(out);
    out = lint_text(HEAD ITEM("scope = system\nshow_if = system.cloud: yes\n"));
    assert_non_null(strstr(out, "'cloud', which is not one of release_area"));
    free(out);
    out = lint_text(HEAD ITEM("scope = system\nshow_if = system.release_area: cloud\n"));
    assert_non_null(strstr(out, "'cloud' is not a value of system.release_area (internet|private|both)"));
    free(out);
    out = lint_text(HEAD ITEM("show_if = system.website: yes\n"));   /* a unit item */
    assert_non_null(strstr(out, "needs 'scope = system'"));
    free(out);
    out = lint_text(HEAD ITEM("scope = system\nshow_if = system.mlps_level: 5\n"));
    assert_non_null(strstr(out, "'5' is not a value of system.mlps_level"));
    free(out);
    out = lint_text(HEAD ITEM("scope = system\nstates = system.level\n"));
    assert_non_null(strstr(out, "'states' must name a system attribute"));
    free(out);
    out = lint_text(HEAD ITEM("states = system.mlps_level\n"));
    assert_non_null(strstr(out, "'states' is for a yesno or choice item with 'scope = system'"));
    free(out);
}

static void test_level_of_answer(void **state)
{
    (void)state;
    char out[5];
    assert_true(sysattr_level_of_answer("l3", out));
    assert_string_equal(out, "3");
    assert_true(sysattr_level_of_answer("l1-standalone", out));
    assert_string_equal(out, "1");
    assert_true(sysattr_level_of_answer("none", out));
    assert_string_equal(out, "none");
    assert_true(sysattr_level_of_answer("4", out));
    assert_false(sysattr_level_of_answer("l5", out));
    assert_false(sysattr_level_of_answer("na", out));
    assert_true(sysattr_value_valid(SYSATTR_MLPS_LEVEL, "none"));
    assert_false(sysattr_value_valid(SYSATTR_MLPS_LEVEL, "non"));
    assert_false(sysattr_value_valid(SYSATTR_RELEASE_AREA, "internet|private"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_asked_where_the_forms_say, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contradictions, setup, teardown),
        cmocka_unit_test(test_loader_checks_attributes),
        cmocka_unit_test(test_level_of_answer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
