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
    /* the level item and hosted are asked for all four, has-sites once */
    assert_int_equal(asked, 4 + 2 + 1 + 1 + 4 + 2 + 4 + 1);
}

static void give(fixture *f, const char *item_id, const char *system, const char *value)
{
    long i = plan_find(f->s->plan, "gating", item_id, system);
    char *err = NULL;
    if (i < 0 || session_set(f->s, (size_t)i, ANSWER_FIELD_VALUE, value, &err) != 0)
        fail_msg("%s/%s = %s: %s", item_id, system, value, err ? err : "no instance");
}

/* assessment-l4 follows the inventory's level where it gives one, and the
 * answer to the level item where it gives none (show_if_unrecorded). */
static void test_level_from_the_inventory_else_the_answer(void **state)
{
    fixture *f = *state;
    /* nothing recorded and nothing answered: not asked (without the
     * fallback an unrecorded attribute would ask it) */
    assert_false(visible(f, "assessment-l4", "new"));
    give(f, "level", "new", "l4");
    assert_true(visible(f, "assessment-l4", "new"));
    give(f, "level", "new", "l3");
    assert_false(visible(f, "assessment-l4", "new"));
    /* the inventory says 3: answering 4 does not ask the level-4 item (the
     * answer is a contradiction instead), nor does it hide the level-3 one */
    give(f, "level", "app", "l4");
    assert_false(visible(f, "assessment-l4", "app"));
    assert_true(visible(f, "assessment-l3", "app"));
    /* the level recorded as 4: asked whatever the answer */
    record(f->db, &inventory_form, "oa", (const char *const[]){"mlps_level=4", NULL});
    char *err = NULL;
    session *s2;
    config *cfg = config_defaults();
    free(cfg->unit_code);
    cfg->unit_code = strdup("U1");
    const char *paths[] = {FIXTURES_DIR "/gating.ini"};
    checklist_set *set;
    diag_list diags;
    diag_list_init(&diags);
    assert_int_equal(checklist_set_load(paths, 1, &set, &diags), 0);
    diag_list_clear(&diags);
    if (session_open(cfg, set, f->db, PROFILE_MONTHLY, NULL, &s2, &err) != 0)
        fail_msg("%s", err);
    session_free(f->s);
    f->s = s2;
    assert_true(visible(f, "assessment-l4", "oa"));
    give(f, "level", "oa", "l2");
    assert_true(visible(f, "assessment-l4", "oa"));
    /* and the score counts it as asked (the instance's parent, the level
     * item, does not decide while the inventory does): one more than the
     * items of test_asked_where_the_forms_say */
    assert_int_equal(f->s->score->asked, 4 + 2 + 1 + 1 + 4 + 2 + 4 + 1 + 1);
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
    assert_null(c[2].system_name);
    free(c);

    /* "no" to a question whose yes the forms record: app is stored at a
     * hosting unit, web is a website of the survey (a unit item: the system
     * is named); a yes where they record another value says nothing (oa
     * may be partly hosted), nor does a system they know nothing about */
    give(f, "hosted", "app", "no");
    give(f, "hosted", "oa", "yes");
    give(f, "hosted", "new", "no");
    give(f, "has-sites", "", "no");
    assert_int_equal(sysattr_conflicts(f->s->plan, f->s->answers, &c, &n), 0);
    assert_int_equal(n, 5);
    assert_string_equal(f->s->plan->items[c[3].index].item->id, "has-sites");
    assert_int_equal(c[3].kind, SYSATTR_CONFLICT_DIFFERS);
    assert_int_equal(c[3].attribute, SYSATTR_WEBSITE);
    assert_string_equal(c[3].recorded, "yes");
    assert_string_equal(c[3].system_name, "门户网站");
    in = &f->s->plan->items[c[4].index];
    assert_string_equal(in->item->id, "hosted");
    assert_string_equal(in->system_id, "app");
    assert_string_equal(c[4].recorded, "hosting");
    /* one instance at a time, as the walk screen asks: the same answer */
    sysattr_conflict one;
    assert_true(sysattr_conflict_find(f->s->plan, c[4].index, f->s->answers, &one));
    assert_string_equal(one.recorded, "hosting");
    assert_false(sysattr_conflict_find(f->s->plan, (size_t)plan_find(f->s->plan, "gating", "hosted", "oa"),
                                       f->s->answers, &one));
    /* the sentences, the answer as the screen shows it */
    char *text = sysattr_conflict_text(&c[1], f->s->plan->items[c[1].index].item, "en");
    assert_string_equal(text, "answered Level 2, but the inventory records mlps_level = 3");
    free(text);
    text = sysattr_conflict_text(&c[0], f->s->plan->items[c[0].index].item, "en");
    assert_string_equal(text, "answered not applicable, but the inventory records storage = hosting, which it applies to");
    free(text);
    text = sysattr_conflict_text(&c[3], f->s->plan->items[c[3].index].item, "en");
    assert_string_equal(text, "answered No, but the website survey records website = yes for 门户网站");
    free(text);
    free(c);
    /* answered yes, the contradiction is gone */
    give(f, "has-sites", "", "yes");
    assert_false(sysattr_conflict_find(f->s->plan, (size_t)plan_find(f->s->plan, "gating", "has-sites", ""),
                                       f->s->answers, &one));
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

#define LEVEL                                                                                                \
    "[item.level]\nquestion_zh = 级\nquestion_en = L\nsource = 000 附\ntype = choice\n"                      \
    "choices = none, l1-standalone, l1, l2, l3\nchoice.none.score = 0\nchoice.none.zh = 无\nchoice.none.en = N\n" \
    "choice.l1-standalone.score = 1\nchoice.l1-standalone.zh = 一\nchoice.l1-standalone.en = 1s\n"          \
    "choice.l1.score = 1\nchoice.l1.zh = 一\nchoice.l1.en = 1\nchoice.l2.score = 1\nchoice.l2.zh = 二\n"        \
    "choice.l2.en = 2\nchoice.l3.score = 1\nchoice.l3.zh = 三\nchoice.l3.en = 3\nseverity = low\n"             \
    "profiles = monthly\nscope = system\nstates = system.mlps_level\n"

/* Lints text: its problems must contain `needle`, or be none when it is "". */
static void expect_lint(const char *text, const char *needle)
{
    char *out = lint_text(text);
    if (*needle == '\0' ? *out != '\0' : strstr(out, needle) == NULL)
        fail_msg("expected %s%s%s, got:\n%s", *needle ? "'" : "no problem", needle, *needle ? "'" : "", out);
    free(out);
}

static void test_loader_checks_fallback(void **state)
{
    (void)state;
    expect_lint(HEAD LEVEL ITEM("scope = system\nshow_if = system.mlps_level: 1, 3\n"
                                "show_if_unrecorded = level: l1, l3\n"), "");
    /* a fallback without a condition on an attribute to stand in for */
    expect_lint(HEAD LEVEL ITEM("scope = system\nshow_if_unrecorded = level: l3\n"),
                "'show_if_unrecorded' needs a 'show_if' on a system attribute");
    expect_lint(HEAD LEVEL ITEM("scope = system\nshow_if = level: l3\nshow_if_unrecorded = level: l3\n"),
                "'show_if_unrecorded' needs a 'show_if' on a system attribute");
    /* it names an earlier item and answers it accepts, as show_if does */
    expect_lint(HEAD ITEM("scope = system\nshow_if = system.mlps_level: 3\nshow_if_unrecorded = level: l3\n"),
                "'show_if_unrecorded' names 'level', which is not an earlier item of this file");
    expect_lint(HEAD LEVEL ITEM("scope = system\nshow_if = system.mlps_level: 3\nshow_if_unrecorded = level: l5\n"),
                "'show_if_unrecorded': 'l5' is not an answer 'level' accepts");
    expect_lint(HEAD LEVEL ITEM("scope = system\nshow_if = system.mlps_level: 3\nshow_if_unrecorded = level\n"),
                "'show_if_unrecorded' must read 'ITEM: VALUE[, VALUE...]'");
    /* the level item states the level: its answers must ask where the
     * inventory would, no more and no less */
    expect_lint(HEAD LEVEL ITEM("scope = system\nshow_if = system.mlps_level: 3\nshow_if_unrecorded = level: l2, l3\n"),
                "the answer 'l2' stands for system.mlps_level = 2, which 'show_if' does not name");
    expect_lint(HEAD LEVEL ITEM("scope = system\nshow_if = system.mlps_level: 2, 3\nshow_if_unrecorded = level: l3\n"),
                "names no answer of 'level' that stands for system.mlps_level = 2");
    /* the fallback may name an item that does not state the attribute: then
     * its answers are the author's to choose */
    expect_lint(HEAD "[item.hosted]\nquestion_zh = 托\nquestion_en = H\nsource = 000 四\ntype = yesno\n"
                     "weight = 0\nprofiles = monthly\nscope = system\n"
                ITEM("scope = system\nshow_if = system.storage: hosting\nshow_if_unrecorded = hosted: yes\n"), "");
}

static void test_loader_checks_states_values(void **state)
{
    (void)state;
    expect_lint(HEAD ITEM("scope = system\nstates = system.storage: hosting\n"), "");
    expect_lint(HEAD ITEM("states = system.website: yes\n"), "");   /* a unit item: of some system */
    expect_lint(HEAD ITEM("scope = system\nstates = system.storage: cloud\n"),
                "'states': 'cloud' is not a value of system.storage (internet|private|both|hosting)");
    expect_lint(HEAD ITEM("scope = system\nstates = system.storage:\n"),
                "'states' needs at least one value after ':'");
    expect_lint(HEAD ITEM("scope = system\nstates = system.cloud: yes\n"), "'states' must name a system attribute");
    expect_lint(HEAD LEVEL "[item.b]\nquestion_zh = 问\nquestion_en = Q\nsource = 000 四\ntype = choice\n"
                "choices = a\nchoice.a.score = 1\nchoice.a.zh = 甲\nchoice.a.en = A\nseverity = low\n"
                "profiles = monthly\nscope = system\nstates = system.storage: hosting\n",
                "'states = system.storage: VALUE' is for a yesno item");
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
        cmocka_unit_test_setup_teardown(test_level_from_the_inventory_else_the_answer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contradictions, setup, teardown),
        cmocka_unit_test(test_loader_checks_attributes),
        cmocka_unit_test(test_loader_checks_fallback),
        cmocka_unit_test(test_loader_checks_states_values),
        cmocka_unit_test(test_level_of_answer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
