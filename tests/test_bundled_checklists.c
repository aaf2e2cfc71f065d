/* test_bundled_checklists.c: checks the checklists shipped in checklists/.
 *
 * They must load and lint clean, every item must cite its source and carry
 * both languages, item ids must be unique across the whole set, every profile
 * must be non-empty, `monthly` must be a strict subset of `halfyear`, and each
 * answer type must be used at least once. Beyond the format, it checks the
 * rules of docs/checklists.md that can be checked: exposure items are critical
 * and no critical item accepts `partial`; paperwork is at most medium; the MLPS
 * re-assessment items count only system changes and give level 4 half a year. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "score.h"
#include "error.h"

static checklist_set *bundled;

static bool empty(const char *s)
{
    return s == NULL || s[0] == '\0';
}

static int load_bundled(void **state)
{
    (void)state;
    const char *paths[] = {SOURCE_DIR "/checklists"};
    diag_list diags;
    diag_list_init(&diags);
    int rc = checklist_set_load(paths, 1, &bundled, &diags);
    for (size_t i = 0; i < diags.count; i++) {
        char *line = diag_format(&diags.items[i]);
        print_error("%s\n", line ? line : "(out of memory)");
        free(line);
    }
    size_t count = diags.count;
    diag_list_clear(&diags);
    if (rc != 0 || count != 0) {
        print_error("the bundled checklists did not load cleanly (%zu diagnostics)\n", count);
        if (bundled != NULL) {
            checklist_set_free(bundled);
            bundled = NULL;
        }
        return -1;
    }
    return 0;
}

static int free_bundled(void **state)
{
    (void)state;
    checklist_set_free(bundled);
    bundled = NULL;
    return 0;
}

static void test_loads_clean(void **state)
{
    (void)state;
    assert_non_null(bundled);
    assert_true(bundled->count >= 5);
    for (size_t l = 0; l < bundled->count; l++) {
        const checklist *list = &bundled->lists[l];
        assert_false(empty(list->id));
        assert_false(empty(list->title_zh));
        assert_false(empty(list->title_en));
        assert_true(list->item_count > 0);
    }
}

static void test_every_item_cited_and_bilingual(void **state)
{
    (void)state;
    for (size_t l = 0; l < bundled->count; l++) {
        const checklist *list = &bundled->lists[l];
        for (size_t i = 0; i < list->item_count; i++) {
            const item *it = &list->items[i];
            if (empty(it->source) || empty(it->question_zh) || empty(it->question_en) ||
                empty(it->guidance_zh) != empty(it->guidance_en))
                print_error("%s: item %s lacks a source, a question or one guidance language\n",
                            list->path, it->id);
            assert_false(empty(it->id));
            assert_false(empty(it->source));
            assert_false(empty(it->question_zh));
            assert_false(empty(it->question_en));
            assert_int_equal(empty(it->guidance_zh), empty(it->guidance_en));
            assert_true(it->profiles != 0);
            /* text items and steering questions (yesno/choice of weight 0)
             * are not scored; every other item weighs something */
            if (it->type == ANSWER_TEXT)
                assert_true(it->weight == 0);
            else if (it->type != ANSWER_YESNO && it->type != ANSWER_CHOICE)
                assert_true(it->weight > 0);
            else
                assert_true(it->weight >= 0);
        }
    }
}

static void test_item_ids_unique_across_set(void **state)
{
    (void)state;
    for (size_t l = 0; l < bundled->count; l++)
        for (size_t i = 0; i < bundled->lists[l].item_count; i++) {
            const char *id = bundled->lists[l].items[i].id;
            size_t seen = 0;
            for (size_t m = 0; m < bundled->count; m++)
                for (size_t j = 0; j < bundled->lists[m].item_count; j++)
                    if (strcmp(bundled->lists[m].items[j].id, id) == 0)
                        seen++;
            if (seen != 1)
                print_error("item id %s is used %zu times\n", id, seen);
            assert_int_equal(seen, 1);
        }
}

static size_t count_in_profile(unsigned profile_bit)
{
    size_t n = 0;
    for (size_t l = 0; l < bundled->count; l++)
        for (size_t i = 0; i < bundled->lists[l].item_count; i++)
            if (bundled->lists[l].items[i].profiles & profile_bit)
                n++;
    return n;
}

static void test_every_profile_non_empty(void **state)
{
    (void)state;
    assert_true(count_in_profile(PROFILE_MONTHLY) > 0);
    assert_true(count_in_profile(PROFILE_HALFYEAR) > 0);
    assert_true(count_in_profile(PROFILE_CHANGE) > 0);
}

static void test_monthly_strict_subset_of_halfyear(void **state)
{
    (void)state;
    for (size_t l = 0; l < bundled->count; l++)
        for (size_t i = 0; i < bundled->lists[l].item_count; i++) {
            const item *it = &bundled->lists[l].items[i];
            if ((it->profiles & PROFILE_MONTHLY) && !(it->profiles & PROFILE_HALFYEAR))
                print_error("monthly item %s is not in halfyear\n", it->id);
            if (it->profiles & PROFILE_MONTHLY)
                assert_true(it->profiles & PROFILE_HALFYEAR);
        }
    assert_true(count_in_profile(PROFILE_HALFYEAR) > count_in_profile(PROFILE_MONTHLY));
}

static void test_every_answer_type_used(void **state)
{
    (void)state;
    size_t used[ANSWER_TEXT + 1] = {0};
    for (size_t l = 0; l < bundled->count; l++)
        for (size_t i = 0; i < bundled->lists[l].item_count; i++)
            used[bundled->lists[l].items[i].type]++;
    assert_true(used[ANSWER_YESNO] > 0);
    assert_true(used[ANSWER_CHOICE] > 0);
    assert_true(used[ANSWER_NUMBER] > 0);
    assert_true(used[ANSWER_DATE] > 0);
    assert_true(used[ANSWER_TEXT] > 0);
}

/* The item of the bundled set with this id, or NULL (ids are unique). */
static const item *find(const char *id)
{
    for (size_t l = 0; l < bundled->count; l++) {
        const item *it = checklist_find_item(&bundled->lists[l], id);
        if (it != NULL)
            return it;
    }
    print_error("no bundled item %s\n", id);
    return NULL;
}

static void test_critical_items_refuse_partial(void **state)
{
    (void)state;
    size_t critical = 0;
    for (size_t l = 0; l < bundled->count; l++)
        for (size_t i = 0; i < bundled->lists[l].item_count; i++) {
            const item *it = &bundled->lists[l].items[i];
            if (it->weight == 0 || it->type == ANSWER_TEXT || it->severity != SEVERITY_CRITICAL)
                continue;
            critical++;
            if (it->allow_partial)
                print_error("critical item %s allows partial\n", it->id);
            assert_false(it->allow_partial);
        }
    assert_true(critical >= 10);
}

/* A "no" to these leaves data open now: they fail the check on their own. */
static void test_exposure_items_critical(void **state)
{
    (void)state;
    const char *ids[] = {"acct-weak-passwords", "sc-no-internet-cache", "data-carrier",
                         "web-publish-review", "bak-frequency", "db-weak-passwords",
                         "db-unauth-access", "term-email-no-secret"};
    for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
        const item *it = find(ids[k]);
        assert_non_null(it);
        if (it->severity != SEVERITY_CRITICAL)
            print_error("%s is not critical\n", ids[k]);
        assert_int_equal(it->severity, SEVERITY_CRITICAL);
        assert_false(it->allow_partial);
        assert_true(it->weight >= 4);
    }
    /* no backup at all is the one answer that scores 0 */
    const item *freq = find("bak-frequency");
    size_t zero = 0;
    for (size_t c = 0; c < freq->choice_count; c++)
        if (freq->choices[c].score == 0) {
            zero++;
            assert_string_equal(freq->choices[c].key, "none");
        }
    assert_int_equal(zero, 1);
}

/* Documents and lists weigh less than any exposure item. */
static void test_paperwork_at_most_medium(void **state)
{
    (void)state;
    const char *ids[] = {"org-first-responsible", "mlps-filed", "inc-report-channel"};
    for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
        const item *it = find(ids[k]);
        assert_non_null(it);
        assert_true(it->severity <= SEVERITY_MEDIUM);
        assert_true(it->weight <= 2);
    }
}

/* The change date counts only changes of the system (004 二(二)3), not a
 * revision of the unit's rules; level 4 is assessed every six months. */
static void test_mlps_change_traps(void **state)
{
    (void)state;
    const item *change = find("mlps-last-change");
    assert_non_null(change);
    assert_null(strstr(change->question_zh, "管理制度"));
    assert_non_null(strstr(change->question_zh, "部署模式"));
    assert_non_null(strstr(change->question_zh, "网络环境"));

    const item *l4 = find("mlps-assessment-l4");
    assert_non_null(l4);
    assert_int_equal(l4->type, ANSWER_DATE);
    assert_int_equal(l4->max_age_days, 183);
    assert_int_equal(l4->severity, SEVERITY_CRITICAL);
    assert_int_equal(l4->scope, SCOPE_SYSTEM);
    assert_non_null(strstr(l4->question_zh, "第四级"));
    assert_non_null(l4->not_before);
    assert_string_equal(l4->not_before, "mlps-last-change");
    /* asked by the inventory's level, else by the answer to mlps-level */
    assert_non_null(l4->show_if);
    assert_string_equal(l4->show_if->attribute, "mlps_level");
    assert_int_equal(l4->show_if->value_count, 1);
    assert_string_equal(l4->show_if->values[0], "4");
    assert_non_null(l4->show_if->unrecorded);
    assert_string_equal(l4->show_if->unrecorded->item_id, "mlps-level");
    assert_int_equal(l4->show_if->unrecorded->value_count, 1);
    assert_string_equal(l4->show_if->unrecorded->values[0], "l4");
    /* a level-4 system assessed 200 days ago is a finding (and a critical
     * failure); 150 days is in time */
    assert_true(score_item(l4, "2026-05-05", NULL, "2026-11-21") == 0);
    assert_true(score_item(l4, "2026-06-24", NULL, "2026-11-21") == 1);
    /* a booked re-assessment is accepted and scores half while it is ahead */
    assert_true(l4->allow_scheduled);
    assert_true(find("mlps-assessment-l3")->allow_scheduled);
    assert_true(find("mlps-assessment-l2")->allow_scheduled);

    const item *l3 = find("mlps-assessment-l3");
    assert_non_null(l3);
    assert_int_equal(l3->max_age_days, 365);
    assert_non_null(l3->show_if);
    assert_string_equal(l3->show_if->attribute, "mlps_level");
    assert_int_equal(l3->show_if->value_count, 1);
    assert_string_equal(l3->show_if->values[0], "3");
    assert_string_equal(l3->show_if->unrecorded->values[0], "l3");
    const item *l2 = find("mlps-assessment-l2");
    assert_string_equal(l2->show_if->attribute, "mlps_level");
    assert_int_equal(l2->show_if->value_count, 1);
    assert_string_equal(l2->show_if->values[0], "2");
    assert_string_equal(l2->show_if->unrecorded->values[0], "l2");
    assert_int_equal(l2->max_age_days, 730);
    /* filing, its number and rectification: every graded level from 2 */
    const char *graded[] = {"mlps-filed", "mlps-filing-number", "mlps-rectified"};
    for (size_t i = 0; i < 3; i++) {
        const item *it = find(graded[i]);
        assert_string_equal(it->show_if->attribute, "mlps_level");
        assert_int_equal(it->show_if->value_count, 3);
        assert_int_equal(it->show_if->unrecorded->value_count, 3);
        assert_string_equal(it->show_if->unrecorded->item_id, "mlps-level");
    }
}

/* The half-year check looks at six months: none of its items may ask about
 * "this month" (本月), in either language. */
static void test_halfyear_never_says_this_month(void **state)
{
    (void)state;
    for (size_t l = 0; l < bundled->count; l++)
        for (size_t i = 0; i < bundled->lists[l].item_count; i++) {
            const item *it = &bundled->lists[l].items[i];
            if (!(it->profiles & PROFILE_HALFYEAR))
                continue;
            const char *zh[] = {it->question_zh, it->guidance_zh};
            const char *en[] = {it->question_en, it->guidance_en};
            for (size_t k = 0; k < 2; k++) {
                if (strstr(zh[k], "本月") != NULL || strcasestr(en[k], "this month") != NULL)
                    print_error("half-year item %s says this month\n", it->id);
                assert_null(strstr(zh[k], "本月"));
                assert_null(strcasestr(en[k], "this month"));
            }
        }
}

static void assert_scope(const char *id, scope expected)
{
    const item *it = find(id);
    assert_non_null(it);
    if (it->scope != expected)
        print_error("%s has the wrong scope\n", id);
    assert_int_equal(it->scope, expected);
}

static void assert_in_profile(const char *id, unsigned profile_bit)
{
    const item *it = find(id);
    assert_non_null(it);
    if (!(it->profiles & profile_bit))
        print_error("%s is not in profile %u\n", id, profile_bit);
    assert_true(it->profiles & profile_bit);
}

/* What applies to each database, account set, backup, store of data and
 * server is asked per system (000 四(二), 002 二(七) 各系统, 004 二(四)). */
static void test_per_system_scope(void **state)
{
    (void)state;
    const char *ids[] = {"db-weak-passwords", "db-unauth-access", "acct-realname", "acct-no-shared",
                         "acct-least-privilege", "acct-password-policy", "acct-forced-change",
                         "acct-weak-passwords", "bak-last-ok", "bak-restore-test", "bak-restore-spot",
                         "data-encrypt-storage", "data-test-desensitised", "net-mid-vulns",
                         "net-vuln-scan-date", "sc-oss-patches", "sc-os-patches", "net-high-vulns",
                         "bak-frequency"};
    for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++)
        assert_scope(ids[k], SCOPE_SYSTEM);
}

/* Websites are asked one by one (001 四(一) 逐一填报): a per-system steering
 * question says which systems are websites, and the per-site items follow it. */
static void test_website_items_per_site(void **state)
{
    (void)state;
    const item *steer = find("web-system-site");
    assert_non_null(steer);
    assert_int_equal(steer->scope, SCOPE_SYSTEM);
    assert_true(steer->weight == 0);
    assert_non_null(strstr(steer->question_zh, "互联网网站或应用"));
    /* the answer states what the website survey records: a system answered
     * a website without a survey row (or the reverse) is a contradiction */
    assert_non_null(steer->states);
    assert_string_equal(steer->states, "website");
    /* the per-site items are asked once per website of the survey */
    const char *ids[] = {"web-icp", "web-opening-review", "web-requalification", "web-identifier",
                         "web-responsibility", "web-launch-protection", "web-monitoring", "web-restore",
                         "web-site-record"};
    for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
        const item *it = find(ids[k]);
        assert_non_null(it);
        assert_int_equal(it->scope, SCOPE_SYSTEM);
        assert_non_null(it->show_if);
        assert_null(it->show_if->item_id);
        assert_string_equal(it->show_if->attribute, "website");
        assert_int_equal(it->show_if->value_count, 1);
        assert_string_equal(it->show_if->values[0], "yes");
    }
}

/* The inventory decides the internet and personal-data items of a system;
 * the MLPS level answered is checked against the inventory's. */
static void test_items_gated_on_the_inventory(void **state)
{
    (void)state;
    const item *internet = find("db-internet-check");
    assert_non_null(internet);
    assert_int_equal(internet->scope, SCOPE_SYSTEM);
    assert_string_equal(internet->show_if->attribute, "release_area");
    assert_int_equal(internet->show_if->value_count, 2);
    assert_string_equal(internet->show_if->values[0], "internet");
    assert_string_equal(internet->show_if->values[1], "both");
    const item *pi = find("data-encrypt-storage");
    assert_non_null(pi);
    assert_string_equal(pi->show_if->attribute, "personal_info");
    assert_string_equal(pi->show_if->values[0], "yes");
    const item *level = find("mlps-level");
    assert_non_null(level);
    assert_string_equal(level->states, "mlps_level");
}

/* The monthly check holds what drifts within a month; the change profile asks
 * the patch, scan, account and restore items of the changed system. */
static void test_profiles_cover_the_gaps(void **state)
{
    (void)state;
    const char *monthly[] = {"bak-restore-spot", "sc-os-patches", "sc-oss-patches", "sc-access-rights",
                             "net-rdp-closed", "term-antivirus"};
    for (size_t k = 0; k < sizeof monthly / sizeof monthly[0]; k++)
        assert_in_profile(monthly[k], PROFILE_MONTHLY);
    const char *change[] = {"sc-oss-patches", "sc-os-patches", "net-vuln-scan-date", "acct-realname",
                            "acct-no-shared", "acct-password-policy", "bak-restore-test",
                            "bak-restore-spot", "data-test-desensitised"};
    for (size_t k = 0; k < sizeof change / sizeof change[0]; k++)
        assert_in_profile(change[k], PROFILE_CHANGE);
    /* questions of the form "in the past year/half-year, did…" are dates */
    const char *dates[] = {"mon-risk-assessment-date", "net-pentest-date", "net-policy-review-date",
                           "org-awareness-date", "org-leader-briefing-date"};
    for (size_t k = 0; k < sizeof dates / sizeof dates[0]; k++) {
        const item *it = find(dates[k]);
        assert_non_null(it);
        assert_int_equal(it->type, ANSWER_DATE);
        assert_true(it->max_age_days > 0);
        assert_true(it->allow_never);
    }
    for (size_t l = 0; l < bundled->count; l++)
        for (size_t i = 0; i < bundled->lists[l].item_count; i++) {
            const char *q = bundled->lists[l].items[i].question_zh;
            assert_null(strstr(q, "过去一年"));
            assert_null(strstr(q, "过去半年"));
        }
    /* incidents of the check period only, not the last one ever */
    assert_non_null(strstr(find("inc-investigation-days")->question_zh, "本检查期内"));
}

/* Every clause of the five documents that a `source` may cite, in each
 * document's own numbering, read from the seeds: 000 and 001 by 一、 and (一),
 * 002 by 一、 and its running (一)…(十四), 003 by 第N条 and its (一) points,
 * 004 by 一、, (一) and, in 二(二) and 二(四), the 一是/二是… points written as
 * digits (二(四)末段 is the unnumbered text after 九是). 000 附 and 001 附件 are
 * the annexed forms. */
static const char *const clauses[] = {
    /* 000 */
    "000 一", "000 二", "000 三", "000 四", "000 四(一)", "000 四(二)", "000 四(三)", "000 四(四)", "000 四(五)",
    "000 五", "000 六", "000 六(一)", "000 六(二)", "000 附",
    /* 001 */
    "001 一", "001 二", "001 三", "001 四", "001 四(一)", "001 四(二)", "001 四(三)", "001 四(四)", "001 四(五)",
    "001 五", "001 五(一)", "001 五(二)", "001 五(三)", "001 六", "001 六(一)", "001 六(二)", "001 六(三)",
    "001 附件",
    /* 002 */
    "002 一", "002 一(一)", "002 一(二)", "002 一(三)", "002 一(四)", "002 一(五)", "002 一(六)", "002 二",
    "002 二(七)", "002 二(八)", "002 二(九)", "002 二(十)", "002 二(十一)", "002 三", "002 三(十二)", "002 三(十三)",
    "002 三(十四)", "002 四",
    /* 003 */
    "003 第一条", "003 第二条", "003 第三条", "003 第四条", "003 第五条", "003 第五条(一)", "003 第五条(二)", "003 第五条(三)",
    "003 第五条(四)", "003 第六条", "003 第七条", "003 第七条(一)", "003 第七条(二)", "003 第七条(三)", "003 第七条(四)",
    "003 第七条(五)", "003 第八条", "003 第八条(一)", "003 第八条(二)", "003 第八条(三)", "003 第八条(四)", "003 第八条(五)",
    "003 第八条(六)", "003 第八条(七)", "003 第八条(八)", "003 第九条", "003 第九条(一)", "003 第九条(二)", "003 第九条(三)",
    "003 第九条(四)", "003 第九条(五)", "003 第十条", "003 第十一条", "003 第十二条", "003 第十三条", "003 第十四条",
    "003 第十五条", "003 第十六条", "003 第十七条", "003 第十八条", "003 第十九条", "003 第二十条", "003 第二十一条",
    "003 第二十二条", "003 第二十三条", "003 第二十四条", "003 第二十五条", "003 第二十六条", "003 第二十七条", "003 第二十八条",
    "003 第二十九条", "003 第三十条", "003 第三十一条", "003 第三十二条", "003 第三十三条", "003 第三十四条",
    /* 004 */
    "004 一", "004 一(一)", "004 一(二)", "004 一(三)", "004 一(四)", "004 二", "004 二(一)", "004 二(二)",
    "004 二(三)", "004 二(四)", "004 二(二)1", "004 二(二)2", "004 二(二)3", "004 二(二)4", "004 二(四)1",
    "004 二(四)2", "004 二(四)3", "004 二(四)4", "004 二(四)5", "004 二(四)6", "004 二(四)7", "004 二(四)8",
    "004 二(四)9", "004 二(四)末段",
};

static bool clause_exists(const char *cite, size_t len)
{
    for (size_t k = 0; k < sizeof clauses / sizeof clauses[0]; k++)
        if (strlen(clauses[k]) == len && strncmp(clauses[k], cite, len) == 0)
            return true;
    return false;
}

/* Every citation of every item names a clause that exists in the document it
 * cites: "DOC CLAUSE", several separated by ", ". */
static void test_sources_name_real_clauses(void **state)
{
    (void)state;
    for (size_t l = 0; l < bundled->count; l++)
        for (size_t i = 0; i < bundled->lists[l].item_count; i++) {
            const item *it = &bundled->lists[l].items[i];
            const char *p = it->source;
            while (*p != '\0') {
                size_t len = strcspn(p, ",");
                while (len > 0 && p[len - 1] == ' ')
                    len--;
                if (!clause_exists(p, len))
                    print_error("%s: '%.*s' is not a clause of the documents\n", it->id, (int)len, p);
                assert_true(clause_exists(p, len));
                p += strcspn(p, ",");
                while (*p == ',' || *p == ' ')
                    p++;
            }
        }
}

/* The worked example of docs/scoring.md is computed over its own checklist
 * (tests/fixtures/example.ini), not over the bundled ones, so reweighing the
 * bundled items cannot move it: its rows, scored item by item, still give
 * 13.3 of 21.5 points and one critical failure. */
static void test_worked_example_unchanged(void **state)
{
    (void)state;
    const char *paths[] = {FIXTURES_DIR "/example.ini"};
    diag_list diags;
    diag_list_init(&diags);
    checklist_set *set = NULL;
    assert_int_equal(checklist_set_load(paths, 1, &set, &diags), 0);
    diag_list_clear(&diags);
    static const struct {
        const char *item, *value, *other;
    } rows[] = {
        {"backup-daily", "yes", NULL},
        {"backup-frequency", "weekly", NULL},
        {"av-signature-age", "12", NULL},
        {"mlps-last-change", "2026-03-01", NULL},
        {"mlps-last-assessment", "2025-12-10", "2026-03-01"},
        {"mlps-last-assessment", "2026-05-20", NULL},
        {"hosted-by-third-party", "yes", NULL},
        {"hosting-contract", "partial", NULL},
    };
    double points = 0, max = 0;
    size_t critical_failures = 0;
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        const item *it = checklist_find_item(&set->lists[0], rows[r].item);
        assert_non_null(it);
        double s = score_item(it, rows[r].value, rows[r].other, "2026-11-21");
        assert_true(s >= 0);
        points += it->weight * s;
        max += it->weight;
        if (s == 0 && it->severity == SEVERITY_CRITICAL)
            critical_failures++;
    }
    assert_true(fabs(points - 13.3) < 1e-9);
    assert_true(fabs(max - 21.5) < 1e-9);
    assert_int_equal(critical_failures, 1);
    checklist_set_free(set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loads_clean),
        cmocka_unit_test(test_every_item_cited_and_bilingual),
        cmocka_unit_test(test_item_ids_unique_across_set),
        cmocka_unit_test(test_every_profile_non_empty),
        cmocka_unit_test(test_monthly_strict_subset_of_halfyear),
        cmocka_unit_test(test_every_answer_type_used),
        cmocka_unit_test(test_critical_items_refuse_partial),
        cmocka_unit_test(test_exposure_items_critical),
        cmocka_unit_test(test_paperwork_at_most_medium),
        cmocka_unit_test(test_mlps_change_traps),
        cmocka_unit_test(test_halfyear_never_says_this_month),
        cmocka_unit_test(test_per_system_scope),
        cmocka_unit_test(test_website_items_per_site),
        cmocka_unit_test(test_items_gated_on_the_inventory),
        cmocka_unit_test(test_profiles_cover_the_gaps),
        cmocka_unit_test(test_sources_name_real_clauses),
        cmocka_unit_test(test_worked_example_unchanged),
    };
    return cmocka_run_group_tests(tests, load_bundled, free_bundled);
}
