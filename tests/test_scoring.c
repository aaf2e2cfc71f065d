/* test_scoring.c: the scoring engine, and the worked example of
 * docs/scoring.md reproduced to the exact numbers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "answer.h"
#include "checklist.h"
#include "fsutil.h"
#include "config.h"
#include "score.h"
#include "session.h"
#include "store.h"
#include "testutil.h"

typedef struct fixture {
    char *dir;
    char *db;
    session *s;
} fixture;

/* The example checklist, halfyear, systems oa and web, on 2026-11-21. */
static int open_example(void **state)
{
    setenv("SELFCHECK_NOW", "2026-11-21T10:00:00", 1);
    fixture *f = calloc(1, sizeof *f);
    f->dir = testutil_tempdir();
    f->db = testutil_write(f->dir, "answers.db", "");
    unlink(f->db);
    store *st;
    assert_int_equal(store_open(f->db, &st, NULL), 0);
    assert_int_equal(store_system_add(st, "oa", "办公自动化系统", NULL), 0);
    assert_int_equal(store_system_add(st, "web", "门户网站", NULL), 0);
    store_close(st);
    config *cfg = config_defaults();
    free(cfg->unit_code);
    cfg->unit_code = strdup("4401-hb");
    diag_list diags;
    diag_list_init(&diags);
    checklist_set *set;
    const char *paths[] = {FIXTURES_DIR "/example.ini"};
    assert_int_equal(checklist_set_load(paths, 1, &set, &diags), 0);
    diag_list_clear(&diags);
    char *err = NULL;
    int rc = session_open(cfg, set, f->db, PROFILE_HALFYEAR, NULL, &f->s, &err);
    if (rc != 0)
        fail_msg("session_open: %s", err);
    *state = f;
    return 0;
}

static int close_example(void **state)
{
    fixture *f = *state;
    session_free(f->s);
    testutil_rmtree(f->dir);
    free(f->dir);
    free(f->db);
    free(f);
    return 0;
}

static void give(session *s, const char *item_id, const char *system, const char *value)
{
    long i = plan_find(s->plan, "example", item_id, system);
    if (i < 0)
        fail_msg("no instance %s/%s", item_id, system);
    char *err = NULL;
    if (session_set(s, (size_t)i, ANSWER_FIELD_VALUE, value, &err) != 0)
        fail_msg("%s/%s = %s: %s", item_id, system, value, err);
}

static const instance_score *score_of(session *s, const char *item_id, const char *system)
{
    long i = plan_find(s->plan, "example", item_id, system);
    assert_true(i >= 0);
    return &s->score->instances[i];
}

static void test_worked_example(void **state)
{
    session *s = ((fixture *)*state)->s;
    assert_int_equal(s->plan->count, 11);
    /* hosting-contract is hidden until hosted-by-third-party is yes */
    assert_int_equal(score_of(s, "hosting-contract", "")->state, STATE_HIDDEN);
    assert_int_equal(s->score->asked, 10);

    give(s, "backup-daily", "oa", "yes");
    give(s, "backup-daily", "web", "na");
    give(s, "backup-frequency", "", "weekly");
    give(s, "av-signature-age", "", "12");
    give(s, "mlps-last-change", "oa", "2026-03-01");
    give(s, "mlps-last-change", "web", "na");
    give(s, "mlps-last-assessment", "oa", "2025-12-10");
    give(s, "mlps-last-assessment", "web", "2026-05-20");
    give(s, "hosted-by-third-party", "", "yes");
    assert_int_equal(score_of(s, "hosting-contract", "")->state, STATE_UNANSWERED);
    assert_false(s->score->complete);
    give(s, "hosting-contract", "", "partial");
    give(s, "backup-notes", "", "异地备份存放于档案室");

    const score_result *r = s->score;
    assert_true(r->complete);
    assert_int_equal(r->asked, 11);
    assert_int_equal(r->answered, 11);
    assert_true(fabs(r->points - 13.3) < 1e-9);
    assert_true(fabs(r->max - 21.5) < 1e-9);
    assert_true(fabs(r->percent - 61.9) < 1e-9);
    assert_non_null(r->grade);
    assert_string_equal(r->grade->label_zh, "合格");
    assert_false(r->pass);
    assert_int_equal(r->critical_failures, 1);
    assert_int_equal(r->findings, 4);
    assert_true(score_of(s, "mlps-last-assessment", "oa")->critical_failure);
    assert_true(fabs(score_of(s, "mlps-last-assessment", "web")->score - 1) < 1e-9);
    assert_true(fabs(score_of(s, "backup-frequency", "")->points - 1.8) < 1e-9);
    assert_true(fabs(score_of(s, "av-signature-age", "")->score - 0.5) < 1e-9);
    assert_int_equal(score_of(s, "backup-daily", "web")->state, STATE_NA);
    assert_int_equal(score_of(s, "backup-notes", "")->state, STATE_RECORDED);
    /* the checklist's subtotal is the whole here */
    assert_int_equal(r->list_count, 1);
    assert_true(fabs(r->lists[0].percent - 61.9) < 1e-9);
    /* a finding with no due date gets answered-on + 30 days */
    assert_string_equal(score_of(s, "backup-frequency", "")->answer->due, "2026-12-21");
    /* the assessment was marked complete in the store */
    assert_non_null(s->assessment->completed_at);

    /* re-assessing oa after its change lifts the critical failure */
    give(s, "mlps-last-assessment", "oa", "2026-06-30");
    assert_int_equal(s->score->critical_failures, 0);
    assert_true(fabs(s->score->points - 17.3) < 1e-9);
    assert_true(fabs(s->score->percent - 80.5) < 1e-9);
    assert_string_equal(s->score->grade->label_zh, "良好");
    assert_true(s->score->pass);

    /* hiding a branch again removes its instance from the count */
    give(s, "hosted-by-third-party", "", "no");
    assert_int_equal(score_of(s, "hosting-contract", "")->state, STATE_HIDDEN);
    assert_int_equal(s->score->asked, 10);
}

static void test_item_scores(void **state)
{
    session *s = ((fixture *)*state)->s;
    const item *num = checklist_find_item(&s->set->lists[0], "av-signature-age");
    assert_true(score_item(num, "0", NULL, "2026-11-21") == 1);
    assert_true(score_item(num, "7", NULL, "2026-11-21") == 1);
    assert_true(score_item(num, "8", NULL, "2026-11-21") == 0.5);
    assert_true(score_item(num, "30", NULL, "2026-11-21") == 0.5);
    assert_true(score_item(num, "31", NULL, "2026-11-21") == 0);
    assert_true(score_item(num, "na", NULL, "2026-11-21") < 0);
    /* "never" is no answer to a number that does not allow it, and 0 when it does */
    assert_true(score_item(num, "never", NULL, "2026-11-21") < 0);
    item never_num = *num;
    never_num.allow_never = true;
    assert_true(score_item(&never_num, "never", NULL, "2026-11-21") == 0);
    assert_true(score_item(&never_num, "7", NULL, "2026-11-21") == 1);
    const item *date = checklist_find_item(&s->set->lists[0], "mlps-last-assessment");
    assert_true(score_item(date, "2025-11-21", NULL, "2026-11-21") == 1);   /* exactly 365 days */
    assert_true(score_item(date, "2025-11-20", NULL, "2026-11-21") == 0);   /* 366 */
    assert_true(score_item(date, "2026-05-01", "2026-05-02", "2026-11-21") == 0);
    assert_true(score_item(date, "2026-05-02", "2026-05-02", "2026-11-21") == 1);
    const item *choice_item = checklist_find_item(&s->set->lists[0], "backup-frequency");
    assert_true(score_item(choice_item, "monthly", NULL, NULL) == 0.2);
    assert_true(score_item(choice_item, "yearly", NULL, NULL) < 0);
    const item *yn = checklist_find_item(&s->set->lists[0], "hosting-contract");
    assert_true(score_item(yn, "partial", NULL, NULL) == 0.5);
    const item *strict = checklist_find_item(&s->set->lists[0], "hosted-by-third-party");
    assert_true(score_item(strict, "partial", NULL, NULL) < 0);
}

static void test_invalid_answer_changes_nothing(void **state)
{
    session *s = ((fixture *)*state)->s;
    long i = plan_find(s->plan, "example", "av-signature-age", "");
    char *err = NULL;
    assert_int_equal(session_set(s, (size_t)i, ANSWER_FIELD_VALUE, "4000", &err), -1);
    assert_non_null(strstr(err, "outside"));
    free(err);
    err = NULL;
    assert_int_equal(session_set(s, (size_t)i, ANSWER_FIELD_VALUE, "abc", &err), -1);
    free(err);
    assert_null(session_answer(s, (size_t)i));
    assert_int_equal(s->score->answered, 0);
    /* a future date is refused */
    i = plan_find(s->plan, "example", "mlps-last-change", "oa");
    err = NULL;
    assert_int_equal(session_set(s, (size_t)i, ANSWER_FIELD_VALUE, "2026-11-22", &err), -1);
    assert_non_null(strstr(err, "future"));
    free(err);
}

static void test_critical_fails_whatever_the_percentage(void **state)
{
    session *s = ((fixture *)*state)->s;
    for (size_t i = 0; i < s->plan->count; i++) {
        const item *it = s->plan->items[i].item;
        const char *v = it->type == ANSWER_YESNO ? "yes" : it->type == ANSWER_CHOICE ? "daily"
                      : it->type == ANSWER_NUMBER ? "1" : it->type == ANSWER_DATE ? "2026-10-01" : "ok";
        assert_int_equal(session_set(s, i, ANSWER_FIELD_VALUE, v, NULL), 0);
    }
    assert_true(fabs(s->score->percent - 100) < 1e-9);
    assert_true(s->score->pass);
    assert_string_equal(s->score->grade->name, "excellent");
    /* one critical instance below its date limit: 96.1% and still fail */
    give(s, "mlps-last-assessment", "web", "2024-01-01");
    assert_true(s->score->percent > 80);
    assert_false(s->score->pass);
    assert_int_equal(s->score->critical_failures, 1);
}

/* A steering question is recorded but never scored; "never" scores 0. */
static void test_steering_and_never(void **state)
{
    (void)state;
    setenv("SELFCHECK_NOW", "2026-11-21T10:00:00", 1);
    char *dir = testutil_tempdir();
    char *db = fsutil_join(dir, "answers.db");
    config *cfg = config_defaults();
    free(cfg->unit_code);
    cfg->unit_code = strdup("u1");
    diag_list diags;
    diag_list_init(&diags);
    checklist_set *set;
    const char *paths[] = {FIXTURES_DIR "/steering.ini"};
    assert_int_equal(checklist_set_load(paths, 1, &set, &diags), 0);
    diag_list_clear(&diags);
    session *s;
    assert_int_equal(session_open(cfg, set, db, PROFILE_MONTHLY, NULL, &s, NULL), 0);
    const item *steer = checklist_find_item(&s->set->lists[0], "has-plan");
    assert_true(steer->weight == 0);
    assert_int_equal(s->score->asked, 1);
    assert_int_equal(session_set(s, 0, ANSWER_FIELD_VALUE, "no", NULL), 0);
    /* "no" to a steering question is no finding and costs nothing */
    assert_int_equal(s->score->instances[0].state, STATE_RECORDED);
    assert_int_equal(s->score->findings, 0);
    assert_true(s->score->max == 0);
    assert_true(s->score->complete);
    assert_null(s->score->grade);
    assert_int_equal(session_set(s, 0, ANSWER_FIELD_VALUE, "yes", NULL), 0);
    assert_false(s->score->complete);
    char *err = NULL;
    assert_int_equal(session_set(s, 1, ANSWER_FIELD_VALUE, "从未", &err), 0);
    assert_string_equal(session_answer(s, 1)->value, "never");
    assert_true(s->score->instances[1].score == 0);
    assert_int_equal(s->score->findings, 1);
    assert_true(fabs(s->score->percent) < 1e-9);
    assert_int_equal(session_set(s, 1, ANSWER_FIELD_VALUE, "2026-06-01", NULL), 0);
    assert_true(fabs(s->score->percent - 100) < 1e-9);
    session_free(s);
    testutil_rmtree(dir);
    free(dir);
    free(db);
}

/* Opens the monthly check of unit u1 over the one checklist file `list`. */
static session *open_over(const char *dir, const char *db, const char *list)
{
    config *cfg = config_defaults();
    free(cfg->unit_code);
    cfg->unit_code = strdup("u1");
    char *path = testutil_write(dir, "changing.ini", list);
    const char *paths[] = {path};
    diag_list diags;
    diag_list_init(&diags);
    checklist_set *set = NULL;
    assert_int_equal(checklist_set_load(paths, 1, &set, &diags), 0);
    diag_list_clear(&diags);
    free(path);
    session *s = NULL;
    assert_int_equal(session_open(cfg, set, db, PROFILE_MONTHLY, "2026-11", &s, NULL), 0);
    return s;
}

/* What docs/checklist-format.md promises when a checklist changes under a
 * finished assessment: a new item reopens it, a removed item is no longer
 * scored but its answer is kept. */
static void test_checklist_changed_under_an_assessment(void **state)
{
    (void)state;
    setenv("SELFCHECK_NOW", "2026-11-21T10:00:00", 1);
    char *dir = testutil_tempdir();
    char *db = fsutil_join(dir, "answers.db");
    static const char text1[] = "[checklist]\nid = c\nversion = 1\ntitle_zh = 变化\ntitle_en = Change\n\n"
                                "[item.a]\nquestion_zh = 甲？\nquestion_en = A?\nsource = 1\ntype = yesno\n"
                                "severity = high\nprofiles = monthly\n\n"
                                "[item.b]\nquestion_zh = 乙？\nquestion_en = B?\nsource = 1\ntype = yesno\n"
                                "severity = high\nprofiles = monthly\n";
    static const char text2[] = "[checklist]\nid = c\nversion = 2\ntitle_zh = 变化\ntitle_en = Change\n\n"
                                "[item.a]\nquestion_zh = 甲？\nquestion_en = A?\nsource = 1\ntype = yesno\n"
                                "severity = high\nprofiles = monthly\n\n"
                                "[item.c]\nquestion_zh = 丙？\nquestion_en = C?\nsource = 1\ntype = yesno\n"
                                "severity = high\nprofiles = monthly\n";

    session *s = open_over(dir, db, text1);
    assert_int_equal(session_set(s, 0, ANSWER_FIELD_VALUE, "yes", NULL), 0);
    assert_int_equal(session_set(s, 1, ANSWER_FIELD_VALUE, "no", NULL), 0);
    assert_true(s->score->complete);
    assert_non_null(s->assessment->completed_at);
    session_free(s);

    /* b removed, c added: c is asked, the assessment is open again */
    s = open_over(dir, db, text2);
    assert_int_equal(s->score->asked, 2);
    assert_int_equal(s->score->answered, 1);
    assert_false(s->score->complete);
    assert_null(s->assessment->completed_at);
    assert_true(fabs(s->score->percent - 100) < 1e-9);   /* b's "no" no longer costs */
    answer_set *kept = NULL;
    assert_int_equal(store_answers_load(s->store, s->assessment->id, &kept, NULL), 0);
    const answer *b = answer_set_find(kept, "c", "b", "");
    assert_non_null(b);
    assert_string_equal(b->value, "no");
    answer_set_free(kept);
    session_free(s);
    testutil_rmtree(dir);
    free(dir);
    free(db);
}

/* "Re-assessment scheduled on DATE" (allow = scheduled): after a change the
 * unit that has booked its re-assessment scores half and is not failed; the
 * finding is due on the booked day; once that day has passed it scores 0 and
 * fails the critical item like an overdue assessment. */
static void test_scheduled_reassessment(void **state)
{
    (void)state;
    setenv("SELFCHECK_NOW", "2026-11-21T10:00:00", 1);
    char *dir = testutil_tempdir();
    char *db = fsutil_join(dir, "answers.db");
    static const char text[] = "[checklist]\nid = c\nversion = 1\ntitle_zh = 测评\ntitle_en = Assessment\n\n"
                               "[item.change]\nquestion_zh = 变更日期？\nquestion_en = Changed?\nsource = 1\n"
                               "type = date\nmax_age_days = 36500\nallow = na\nseverity = low\nweight = 0.1\n"
                               "profiles = monthly\n\n"
                               "[item.assessed]\nquestion_zh = 测评日期？\nquestion_en = Assessed?\nsource = 1\n"
                               "type = date\nmax_age_days = 365\nnot_before = change\nallow = never, scheduled\n"
                               "severity = critical\nprofiles = monthly\n";
    session *s = open_over(dir, db, text);
    const item *it = checklist_find_item(&s->set->lists[0], "assessed");
    assert_true(it->allow_scheduled);
    assert_int_equal(session_set(s, 0, ANSWER_FIELD_VALUE, "2026-09-01", NULL), 0);
    /* assessed before the change: 0, a critical failure */
    assert_int_equal(session_set(s, 1, ANSWER_FIELD_VALUE, "2026-03-01", NULL), 0);
    assert_true(s->score->instances[1].score == 0);
    assert_int_equal(s->score->critical_failures, 1);

    /* booked for a day ahead (a future date is accepted here), in Chinese */
    char *err = NULL;
    assert_int_equal(session_set(s, 1, ANSWER_FIELD_VALUE, "已安排重新测评：2027/1/15", &err), 0);
    assert_string_equal(session_answer(s, 1)->value, "scheduled 2027-01-15");
    assert_true(s->score->instances[1].score == 0.5);
    assert_true(s->score->instances[1].finding);
    assert_int_equal(s->score->critical_failures, 0);
    assert_string_equal(session_answer(s, 1)->due, "2027-01-15");
    char *shown = answer_display(it, "scheduled 2027-01-15", "zh");
    assert_string_equal(shown, "已安排重新测评：2027-01-15");
    free(shown);
    shown = answer_display(it, "scheduled 2027-01-15", "en");
    assert_string_equal(shown, "Re-assessment scheduled on 2027-01-15");
    free(shown);
    char *allowed = answer_allowed(it);
    assert_non_null(strstr(allowed, "scheduled YYYY-MM-DD"));
    free(allowed);

    /* on the booked day still half; the day after, overdue: 0 and failed */
    assert_true(score_item(it, "scheduled 2027-01-15", "2026-09-01", "2026-11-21") == 0.5);
    setenv("SELFCHECK_NOW", "2027-01-15T10:00:00", 1);
    assert_true(score_item(it, "scheduled 2027-01-15", "2026-09-01", "2026-11-21") == 0.5);
    setenv("SELFCHECK_NOW", "2027-01-16T10:00:00", 1);
    assert_true(score_item(it, "scheduled 2027-01-15", NULL, NULL) == 0);
    assert_int_equal(session_refresh(s, NULL), 0);
    assert_true(s->score->instances[1].score == 0);
    assert_int_equal(s->score->critical_failures, 1);
    setenv("SELFCHECK_NOW", "2026-11-21T10:00:00", 1);

    /* other spellings; a booking needs a real date; an item without
     * allow = scheduled refuses it */
    char *canonical = NULL;
    assert_int_equal(answer_parse(it, "Scheduled 2027-02-01", "2026-11-21", &canonical, NULL), 0);
    assert_string_equal(canonical, "scheduled 2027-02-01");
    free(canonical);
    assert_int_equal(answer_parse(it, "已安排 2027-02-30", "2026-11-21", &canonical, &err), -1);
    free(err);
    err = NULL;
    const item *change = checklist_find_item(&s->set->lists[0], "change");
    assert_false(change->allow_scheduled);
    assert_int_equal(answer_parse(change, "scheduled 2027-02-01", "2026-11-21", &canonical, &err), -1);
    free(err);
    assert_true(score_item(change, "scheduled 2027-02-01", NULL, "2026-11-21") < 0);
    session_free(s);
    testutil_rmtree(dir);
    free(dir);
    free(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_worked_example, open_example, close_example),
        cmocka_unit_test_setup_teardown(test_item_scores, open_example, close_example),
        cmocka_unit_test_setup_teardown(test_invalid_answer_changes_nothing, open_example, close_example),
        cmocka_unit_test_setup_teardown(test_critical_fails_whatever_the_percentage, open_example, close_example),
        cmocka_unit_test(test_steering_and_never),
        cmocka_unit_test(test_checklist_changed_under_an_assessment),
        cmocka_unit_test(test_scheduled_reassessment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
