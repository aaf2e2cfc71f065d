/* test_incident.c: cmocka tests of the incident classifier (incident.h) over
 * the bundled rules file, rules/incident.ini.
 *
 * Every criterion of 003 第七条–第九条 is tried at its thresholds and on
 * either side of them (1,000,000 and 100,000 personal-information records;
 * 100 and 5,000 posts; MLPS levels 1, 2, 3 and 4; small and large attacks,
 * short and long outages; each kind of defacement; vulnerabilities by level),
 * alone and together, and the list of rules that applied is compared in
 * full, so a rule that applies where the document says it should not fails
 * too. Then the facts parser's errors, the rules linter's FILE:LINE
 * diagnostics on files with one mistake each, and loading and classifying
 * with the Nth allocation failing, for every N (the test is linked with
 * malloc, calloc, realloc, strdup and strndup wrapped: tests/CMakeLists.txt). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "incident.h"
#include "testutil.h"

#define RULES SOURCE_DIR "/rules/incident.ini"

static incident_rules *rules;
static char *tempdir;

/* The allocation wrappers: after alloc_arm(n), the allocation n+1 calls from
 * now fails, once. */
static long alloc_countdown = -1;
static bool alloc_failed;

static void alloc_arm(long n)
{
    alloc_countdown = n;
    alloc_failed = false;
}

static bool alloc_fails(void)
{
    if (alloc_countdown < 0)
        return false;
    if (alloc_countdown-- == 0) {
        alloc_failed = true;
        return true;
    }
    return false;
}

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

void *__wrap_malloc(size_t size)
{
    return alloc_fails() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return alloc_fails() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size)
{
    return alloc_fails() ? NULL : __real_realloc(p, size);
}

char *__wrap_strdup(const char *s)
{
    return alloc_fails() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
    return alloc_fails() ? NULL : __real_strndup(s, n);
}

static int group_setup(void **state)
{
    (void)state;
    diag_list diags;
    diag_list_init(&diags);
    int rc = incident_rules_load(RULES, &rules, &diags);
    for (size_t i = 0; i < diags.count; i++)
        fprintf(stderr, "%s:%d: %s\n", diags.items[i].file, diags.items[i].line, diags.items[i].message);
    diag_list_clear(&diags);
    tempdir = testutil_tempdir();
    return rc == 0 && tempdir != NULL ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    incident_rules_free(rules);
    testutil_rmtree(tempdir);
    free(tempdir);
    return 0;
}

/* Classifies the space-separated KEY=VALUE facts; fails the test on an error. */
static incident_result *classify(const char *facts_text)
{
    incident_facts facts;
    incident_facts_init(&facts);
    char *copy = strdup(facts_text);
    assert_non_null(copy);
    char *save = NULL;
    for (char *arg = strtok_r(copy, " ", &save); arg != NULL; arg = strtok_r(NULL, " ", &save)) {
        char *err = NULL;
        int rc = incident_facts_set_arg(&facts, arg, &err);
        if (rc != 0)
            fail_msg("%s: %s", arg, err);
    }
    free(copy);
    incident_result *res = NULL;
    char *err = NULL;
    if (incident_classify(rules, &facts, &res, &err) != 0)
        fail_msg("%s: %s", facts_text, err);
    return res;
}

/* The facts give `level` and exactly the rules `ids` (comma-separated, in
 * the order reported: highest level first, then file order; "" for none). */
static void expect(const char *facts_text, incident_level level, const char *ids)
{
    incident_result *res = classify(facts_text);
    char got[1024] = "";
    for (size_t i = 0; i < res->applied_count; i++) {
        if (i > 0)
            strcat(got, ",");
        strcat(got, res->applied[i]->id);
    }
    if (res->level != level || strcmp(got, ids) != 0)
        fail_msg("%s: level %s rules '%s', expected level %s rules '%s'", facts_text,
                 incident_level_token(res->level), got, incident_level_token(level), ids);
    incident_result_free(res);
}

static void test_personal_information(void **state)
{
    (void)state;
    expect("pi_records=0", INCIDENT_LEVEL_NONE, "");
    expect("pi_records=1", INCIDENT_LEVEL_III, "9-2-pi");
    expect("pi_records=99999", INCIDENT_LEVEL_III, "9-2-pi");
    expect("pi_records=100000", INCIDENT_LEVEL_II, "8-3-pi");
    expect("pi_records=100001", INCIDENT_LEVEL_II, "8-3-pi");
    expect("pi_records=999999", INCIDENT_LEVEL_II, "8-3-pi");
    /* 第八条(三) "10万条及以上" holds for a million too: both are listed */
    expect("pi_records=1000000", INCIDENT_LEVEL_I, "7-2-pi,8-3-pi");
    expect("pi_records=1000001", INCIDENT_LEVEL_I, "7-2-pi,8-3-pi");
    expect("secrets=yes", INCIDENT_LEVEL_I, "7-2-secrets");
    expect("secrets=no", INCIDENT_LEVEL_NONE, "");
    expect("data=general", INCIDENT_LEVEL_II, "8-3-data");
    expect("data=ordinary", INCIDENT_LEVEL_III, "9-2-data");
    expect("data=none", INCIDENT_LEVEL_NONE, "");
}

static void test_public_opinion(void **state)
{
    (void)state;
    expect("posts=0", INCIDENT_LEVEL_NONE, "");
    expect("posts=1", INCIDENT_LEVEL_III, "9-4-posts");
    expect("posts=99", INCIDENT_LEVEL_III, "9-4-posts");
    /* 第九条(四) "小于或等于100" decides 100, which 第八条(七) "介于100~5000" also names */
    expect("posts=100", INCIDENT_LEVEL_III, "9-4-posts");
    expect("posts=101", INCIDENT_LEVEL_II, "8-7-posts");
    expect("posts=4999", INCIDENT_LEVEL_II, "8-7-posts");
    expect("posts=5000", INCIDENT_LEVEL_II, "8-7-posts");
    expect("posts=5001", INCIDENT_LEVEL_I, "7-4-posts");
    expect("media=yes", INCIDENT_LEVEL_I, "7-4-media");
    /* 第九条(四) holds only while mainstream media are not reporting */
    expect("posts=50 media=yes", INCIDENT_LEVEL_I, "7-4-media");
    expect("posts=50 media=no", INCIDENT_LEVEL_III, "9-4-posts");
    expect("posts=3000 media=yes", INCIDENT_LEVEL_I, "7-4-media,8-7-posts");
}

static void test_attack_and_outage(void **state)
{
    (void)state;
    expect("mlps_level=3 attack=large", INCIDENT_LEVEL_I, "7-1-attack");
    expect("mlps_level=4 attack=large", INCIDENT_LEVEL_I, "7-1-attack");
    expect("mlps_level=3 attack=small", INCIDENT_LEVEL_II, "8-1-attack");
    expect("mlps_level=4 attack=small", INCIDENT_LEVEL_II, "8-1-attack");
    expect("mlps_level=2 attack=large", INCIDENT_LEVEL_II, "8-2-attack");
    expect("mlps_level=2 attack=small", INCIDENT_LEVEL_III, "9-1-attack");
    expect("mlps_level=1 attack=large", INCIDENT_LEVEL_NONE, "");
    expect("mlps_level=0 attack=small", INCIDENT_LEVEL_NONE, "");
    expect("mlps_level=3 attack=none", INCIDENT_LEVEL_NONE, "");

    expect("mlps_level=3 outage=long", INCIDENT_LEVEL_I, "7-1-outage");
    expect("mlps_level=3 outage=short", INCIDENT_LEVEL_II, "8-1-outage");
    expect("mlps_level=2 outage=long", INCIDENT_LEVEL_II, "8-2-outage");
    expect("mlps_level=2 outage=short", INCIDENT_LEVEL_III, "9-1-outage");
    expect("mlps_level=1 outage=long", INCIDENT_LEVEL_NONE, "");

    expect("mlps_level=3 attack=large outage=long", INCIDENT_LEVEL_I, "7-1-attack,7-1-outage");
    expect("mlps_level=3 attack=small outage=short", INCIDENT_LEVEL_II, "8-1-attack,8-1-outage");
    expect("mlps_level=3 attack=large outage=short", INCIDENT_LEVEL_I, "7-1-attack,8-1-outage");
    expect("mlps_level=2 attack=small outage=long", INCIDENT_LEVEL_II, "8-2-outage,9-1-attack");
    expect("mlps_level=2 attack=large outage=long", INCIDENT_LEVEL_II, "8-2-attack,8-2-outage");
}

static void test_defacement_and_terminals(void **state)
{
    (void)state;
    expect("defaced=no", INCIDENT_LEVEL_NONE, "");
    expect("defaced=yes", INCIDENT_LEVEL_II, "8-4-defaced");
    expect("defaced=political", INCIDENT_LEVEL_I, "7-3-political,8-4-defaced");
    expect("terminal=yes", INCIDENT_LEVEL_II, "8-6-terminal");
    expect("terminal=no", INCIDENT_LEVEL_NONE, "");
}

static void test_vulnerabilities(void **state)
{
    (void)state;
    expect("mlps_level=2 vuln=high", INCIDENT_LEVEL_II, "8-5-vuln");
    expect("mlps_level=3 vuln=high", INCIDENT_LEVEL_II, "8-5-vuln");
    expect("mlps_level=4 vuln=high", INCIDENT_LEVEL_II, "8-5-vuln");
    expect("mlps_level=2 vuln=medium", INCIDENT_LEVEL_III, "9-3-vuln");
    expect("mlps_level=2 vuln=low", INCIDENT_LEVEL_III, "9-3-vuln");
    expect("mlps_level=4 vuln=medium", INCIDENT_LEVEL_III, "9-3-vuln");
    expect("mlps_level=1 vuln=high", INCIDENT_LEVEL_NONE, "");
    expect("mlps_level=0 vuln=low", INCIDENT_LEVEL_NONE, "");
    expect("mlps_level=2 vuln=none", INCIDENT_LEVEL_NONE, "");
}

static void test_other_impact(void **state)
{
    (void)state;
    expect("impact=serious", INCIDENT_LEVEL_I, "7-5-impact");
    expect("impact=considerable", INCIDENT_LEVEL_II, "8-8-impact");
    expect("impact=some", INCIDENT_LEVEL_III, "9-5-impact");
    expect("impact=none", INCIDENT_LEVEL_NONE, "");
}

static void test_combinations(void **state)
{
    (void)state;
    expect("mlps_level=2 vuln=low pi_records=50000 posts=3000 defaced=yes", INCIDENT_LEVEL_II,
           "8-4-defaced,8-7-posts,9-2-pi,9-3-vuln");
    expect("mlps_level=3 attack=small pi_records=2000000 posts=20", INCIDENT_LEVEL_I,
           "7-2-pi,8-1-attack,8-3-pi,9-4-posts");
    expect("mlps_level=2 attack=small vuln=medium data=ordinary posts=5", INCIDENT_LEVEL_III,
           "9-1-attack,9-2-data,9-3-vuln,9-4-posts");
    expect("mlps_level=0", INCIDENT_LEVEL_NONE, "");
}

/* The colour of 第十条 and the actions of 第十三条–第二十二条 at each level. */
static void test_warning_and_actions(void **state)
{
    (void)state;
    static const struct {
        const char *facts;
        incident_warning warning;
        const char *has[4];
        const char *lacks[3];
    } cases[] = {
        {"media=yes", INCIDENT_WARNING_RED, {"all-report", "i-duty", "i-opinion", "i-investigate"},
         {"ii-opinion", "iii-investigate", "ii-yellow"}},
        {"defaced=yes", INCIDENT_WARNING_YELLOW, {"all-report", "ii-yellow", "ii-opinion", "ii-investigate"},
         {"i-duty", "i-opinion", "iii-blue"}},
        {"posts=1", INCIDENT_WARNING_BLUE, {"all-grade", "iii-blue", "iii-end", "iii-investigate"},
         {"i-duty", "ii-opinion", "ii-investigate"}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        incident_result *res = classify(cases[c].facts);
        assert_int_equal(res->warning, cases[c].warning);
        for (size_t h = 0; h < 4; h++) {
            bool found = false;
            for (size_t i = 0; i < res->action_count; i++)
                found |= strcmp(res->actions[i]->id, cases[c].has[h]) == 0;
            if (!found)
                fail_msg("%s: no action %s", cases[c].facts, cases[c].has[h]);
        }
        for (size_t l = 0; l < 3; l++)
            for (size_t i = 0; i < res->action_count; i++)
                if (strcmp(res->actions[i]->id, cases[c].lacks[l]) == 0)
                    fail_msg("%s: action %s", cases[c].facts, cases[c].lacks[l]);
        incident_result_free(res);
    }
    /* the time limits the plan sets, in both languages */
    incident_result *res = classify("media=yes");
    bool four = false, duty = false, thirty = false;
    for (size_t i = 0; i < res->action_count; i++) {
        four |= strstr(incident_action_text(res->actions[i], "zh"), "最迟不超过4小时") != NULL &&
                strstr(incident_action_text(res->actions[i], "en"), "within 4 hours") != NULL;
        duty |= strstr(incident_action_text(res->actions[i], "zh"), "24小时值班") != NULL;
        thirty |= strstr(incident_action_text(res->actions[i], "zh"), "应急响应结束后30日内") != NULL &&
                  strcmp(res->actions[i]->clause, "003 第二十二条") == 0;
    }
    assert_true(four && duty && thirty);
    incident_result_free(res);
    res = classify("defaced=yes");
    bool twelve = false;
    for (size_t i = 0; i < res->action_count; i++)
        twelve |= strstr(incident_action_text(res->actions[i], "zh"), "最迟不超过12小时") != NULL;
    assert_true(twelve);
    assert_string_equal(incident_level_name(rules, INCIDENT_LEVEL_II, "zh"), "较大");
    assert_string_equal(incident_level_name(rules, INCIDENT_LEVEL_I, "en"), "major");
    incident_result_free(res);
    res = classify("posts=0");
    assert_int_equal(res->warning, INCIDENT_WARNING_NONE);
    assert_int_equal(res->action_count, 0);
    assert_string_equal(incident_level_token(res->level), "none");
    incident_result_free(res);
}

/* set_arg's outcome for one argument on fresh facts (after `before`, if any). */
static int set_one(const char *before, const char *arg, char **err)
{
    incident_facts facts;
    incident_facts_init(&facts);
    if (before != NULL)
        assert_int_equal(incident_facts_set_arg(&facts, before, NULL), 0);
    return incident_facts_set_arg(&facts, arg, err);
}

static void test_fact_errors(void **state)
{
    (void)state;
    static const struct {
        const char *arg;
        int rc;
        const char *names;
    } cases[] = {
        {"level=3", INCIDENT_ERR_UNKNOWN_KEY, "'level'"},
        {"MLPS_LEVEL=3", INCIDENT_ERR_UNKNOWN_KEY, "'MLPS_LEVEL'"},
        {"mlps_level=5", INCIDENT_ERR_BAD_VALUE, "mlps_level"},
        {"mlps_level=-1", INCIDENT_ERR_BAD_VALUE, "'-1'"},
        {"mlps_level=", INCIDENT_ERR_BAD_VALUE, "mlps_level"},
        {"attack=huge", INCIDENT_ERR_BAD_VALUE, "'huge'"},
        {"attack=Large", INCIDENT_ERR_BAD_VALUE, "'Large'"},
        {"defaced=political ", INCIDENT_ERR_BAD_VALUE, "defaced"},
        {"posts=1.5", INCIDENT_ERR_BAD_VALUE, "'1.5'"},
        {"posts=1,000", INCIDENT_ERR_BAD_VALUE, "posts"},
        {"pi_records=0x10", INCIDENT_ERR_BAD_VALUE, "pi_records"},
        {"vuln=critical", INCIDENT_ERR_BAD_VALUE, "none|low|medium|high"},
        {"media", INCIDENT_ERR_SYNTAX, "'media'"},
        {"=yes", INCIDENT_ERR_SYNTAX, "'=yes'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *err = NULL;
        int rc = set_one(NULL, cases[i].arg, &err);
        if (rc != cases[i].rc || err == NULL || strstr(err, cases[i].names) == NULL)
            fail_msg("%s: rc %d (expected %d), '%s'", cases[i].arg, rc, cases[i].rc, err ? err : "");
        free(err);
    }
    char *err = NULL;
    assert_int_equal(set_one("posts=3", "posts=4", &err), INCIDENT_ERR_REPEATED);
    assert_non_null(strstr(err, "posts"));
    free(err);
    /* "010" is ten, not octal eight */
    incident_facts facts;
    incident_facts_init(&facts);
    assert_int_equal(incident_facts_set(&facts, "posts", "0100", NULL), 0);
    assert_int_equal(facts.value[INCIDENT_FACT_POSTS], 100);
    assert_true(facts.given[INCIDENT_FACT_POSTS]);
}

/* A system's attack, outage or vulnerability is graded by its MLPS level. */
static void test_mlps_level_required(void **state)
{
    (void)state;
    static const char *const args[] = {"attack=small", "outage=long", "vuln=high"};
    for (size_t i = 0; i < 3; i++) {
        incident_facts facts;
        incident_facts_init(&facts);
        assert_int_equal(incident_facts_set_arg(&facts, args[i], NULL), 0);
        incident_result *res = (incident_result *)1;
        char *err = NULL;
        assert_int_equal(incident_classify(rules, &facts, &res, &err), INCIDENT_ERR_MISSING);
        assert_null(res);
        assert_non_null(strstr(err, "mlps_level"));
        free(err);
    }
    expect("attack=none outage=none vuln=none posts=2", INCIDENT_LEVEL_III, "9-4-posts");
}

/* A valid rules file, to which the lint tests add one mistake. */
#define VALID_RULES                                        \
    "[incident-rules]\nversion = 1\n"                      \
    "[level.i]\nwarning = red\nname_zh = 重大\nname_en = major\nclause = 003 第十条\n"          \
    "[level.ii]\nwarning = yellow\nname_zh = 较大\nname_en = serious\nclause = 003 第十条\n"    \
    "[level.iii]\nwarning = blue\nname_zh = 一般\nname_en = ordinary\nclause = 003 第十条\n"    \
    "[rule.r1]\nlevel = II\nclause = 003 第八条(七)\nwhen = posts > 100, posts <= 5000\n"       \
    "text_zh = 舆情\ntext_en = Opinion\n"                                                       \
    "[action.a1]\nlevels = I, II, III\nclause = 003 第十一条\ntext_zh = 报告\ntext_en = Report\n"

/* Loads text as a rules file; returns the diagnostics joined as "LINE: message\n". */
static char *lint(const char *text, int *rc)
{
    static int n;
    char name[32];
    snprintf(name, sizeof name, "rules%d.ini", n++);
    char *path = testutil_write(tempdir, name, text);
    assert_non_null(path);
    diag_list diags;
    diag_list_init(&diags);
    incident_rules *r = (incident_rules *)1;
    *rc = incident_rules_load(path, &r, &diags);
    if (*rc != 0)
        assert_null(r);
    incident_rules_free(*rc == 0 ? r : NULL);
    size_t size = 1;
    for (size_t i = 0; i < diags.count; i++)
        size += strlen(diags.items[i].message) + 16;
    char *out = calloc(1, size);
    assert_non_null(out);
    for (size_t i = 0; i < diags.count; i++) {
        assert_string_equal(diags.items[i].file, path);
        sprintf(out + strlen(out), "%d: %s\n", diags.items[i].line, diags.items[i].message);
    }
    diag_list_clear(&diags);
    free(path);
    return out;
}

static void test_lint(void **state)
{
    (void)state;
    int rc;
    char *out = lint(VALID_RULES, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(out, "");
    free(out);
    static const struct {
        const char *append;
        const char *expected;
    } cases[] = {
        {"[rule.r2]\nlevel = IV\nclause = c\nwhen = posts > 1\ntext_zh = z\ntext_en = e\n",
         "30: level 'IV' is not I, II or III"},
        {"[rule.r2]\nlevel = I\nclause = c\nwhen = post > 1\ntext_zh = z\ntext_en = e\n",
         "32: unknown fact 'post' in a condition"},
        {"[rule.r2]\nlevel = I\nclause = c\nwhen = attack = huge\ntext_zh = z\ntext_en = e\n",
         "32: 'huge' is not a value of attack (none|small|large)"},
        {"[rule.r2]\nlevel = I\nclause = c\nwhen = attack >= small\ntext_zh = z\ntext_en = e\n",
         "32: attack takes = or !="},
        {"[rule.r2]\nlevel = I\nclause = c\nwhen = mlps_level >= 5\ntext_zh = z\ntext_en = e\n",
         "32: '5' is not a value of mlps_level (0-4)"},
        {"[rule.r2]\nlevel = I\nclause = c\nwhen = posts 5\ntext_zh = z\ntext_en = e\n",
         "32: condition on posts needs one of"},
        {"[rule.r2]\nlevel = I\nclause = c\nwhen = posts >\ntext_zh = z\ntext_en = e\n",
         "32: condition on posts has no value"},
        {"[rule.r2]\nlevel = I\nclause = c\nwhen = defaced = yes|\ntext_zh = z\ntext_en = e\n",
         "32: '' is not a value of defaced"},
        {"[rule.r2]\nlevel = I\nwhen = posts > 1\ntext_zh = z\ntext_en = e\n", "29: [rule.r2] has no 'clause'"},
        {"[rule.r2]\nlevel = I\nclause =\nwhen = posts > 1\ntext_zh = z\ntext_en = e\n",
         "31: 'clause' of [rule.r2] is empty"},
        {"[rule.r2]\nlevel = I\nclause = c\nwhen = posts > 1\ntext_zh = z\ntext_en = e\ncolour = red\n",
         "35: unknown key 'colour' in [rule.r2]"},
        {"[action.a2]\nlevels = I, 2\nclause = c\ntext_zh = z\ntext_en = e\n", "30: level '2' is not I, II or III"},
        {"[level.iv]\nwarning = red\n", "29: [level.iv]: the levels are"},
        {"[rules]\nx = 1\n", "29: unknown section [rules]"},
        {"[incident-rules]\n", "29: section [incident-rules] repeated (first at line 1)"},
        {"[rule.r2]\nlevel = I\nclause = c\nwhen = posts > 1\ntext_zh = z;\ntext_en = e\n",
         "33: value contains ';' or '#'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[2048];
        snprintf(text, sizeof text, "%s%s", VALID_RULES, cases[i].append);
        out = lint(text, &rc);
        if (rc == 0 || strstr(out, cases[i].expected) == NULL)
            fail_msg("case %zu: expected '%s' in:\n%s", i, cases[i].expected, out);
        free(out);
    }
    /* across sections: a repeated colour, a level with nothing to do */
    out = lint("[incident-rules]\nversion = 1\n"
               "[level.i]\nwarning = red\nname_zh = 重大\nname_en = major\nclause = c\n"
               "[level.ii]\nwarning = yellow\nname_zh = 较大\nname_en = serious\nclause = c\n"
               "[level.iii]\nwarning = yellow\nname_zh = 一般\nname_en = ordinary\nclause = c\n"
               "[rule.r1]\nlevel = II\nclause = c\nwhen = posts > 100\ntext_zh = z\ntext_en = e\n"
               "[action.a1]\nlevels = I, II\nclause = c\ntext_zh = z\ntext_en = e\n",
               &rc);
    assert_int_not_equal(rc, 0);
    assert_non_null(strstr(out, "0: levels II and III have the same warning colour"));
    assert_non_null(strstr(out, "0: no action for level III"));
    free(out);
    out = lint("[incident-rules]\nversion = 0\n", &rc);
    assert_non_null(strstr(out, "2: version '0' is not a whole number of 1 or more"));
    assert_non_null(strstr(out, "0: level I is not defined ([level.i])"));
    assert_non_null(strstr(out, "0: no [rule.ID] sections"));
    free(out);
    out = lint("", &rc);
    assert_non_null(strstr(out, "0: no [incident-rules] section"));
    free(out);
}

/* Every allocation of loading the bundled rules and of classifying fails in
 * turn: each time the call fails (the load with a diagnostic) and leaks
 * nothing (the sanitizer build checks), or succeeds with everything in place;
 * past the last allocation it succeeds. */
static void test_allocation_failures(void **state)
{
    (void)state;
    long n = 0;
    for (;; n++) {
        diag_list diags;
        diag_list_init(&diags);
        incident_rules *r = NULL;
        alloc_arm(n);
        int rc = incident_rules_load(RULES, &r, &diags);
        bool failed = alloc_failed;
        alloc_arm(-1);
        if (rc == 0) {
            assert_int_equal(r->rule_count, rules->rule_count);
            assert_int_equal(r->action_count, rules->action_count);
            for (size_t i = 0; i < r->rule_count; i++)
                assert_true(r->rules[i].id && r->rules[i].clause && r->rules[i].text_zh && r->rules[i].text_en &&
                            r->rules[i].condition_count == rules->rules[i].condition_count);
            for (size_t i = 0; i < r->action_count; i++)
                assert_true(r->actions[i].id && r->actions[i].clause && r->actions[i].text_zh && r->actions[i].text_en);
        } else {
            assert_true(failed);
            assert_null(r);
            assert_true(diags.count > 0);
        }
        incident_rules_free(r);
        diag_list_clear(&diags);
        if (!failed)
            break;
    }
    assert_true(n > 50);   /* the loop did reach into the loader */
    incident_facts facts;
    incident_facts_init(&facts);
    assert_int_equal(incident_facts_set_arg(&facts, "defaced=political", NULL), 0);
    for (n = 0;; n++) {
        incident_result *res = NULL;
        char *err = NULL;
        alloc_arm(n);
        int rc = incident_classify(rules, &facts, &res, &err);
        bool failed = alloc_failed;
        alloc_arm(-1);
        if (rc == 0) {
            assert_int_equal(res->level, INCIDENT_LEVEL_I);
            assert_int_equal(res->applied_count, 2);
        } else {
            assert_int_equal(rc, INCIDENT_ERR_NOMEM);
            assert_null(res);
        }
        incident_result_free(res);
        free(err);
        if (!failed)
            break;
    }
    assert_true(n >= 3);
    for (n = 0;; n++) {
        incident_facts f;
        incident_facts_init(&f);
        alloc_arm(n);
        int rc = incident_facts_set_arg(&f, "posts=5", NULL);
        bool failed = alloc_failed;
        alloc_arm(-1);
        assert_int_equal(rc, failed ? INCIDENT_ERR_NOMEM : 0);
        if (!failed)
            break;
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_personal_information),
        cmocka_unit_test(test_public_opinion),
        cmocka_unit_test(test_attack_and_outage),
        cmocka_unit_test(test_defacement_and_terminals),
        cmocka_unit_test(test_vulnerabilities),
        cmocka_unit_test(test_other_impact),
        cmocka_unit_test(test_combinations),
        cmocka_unit_test(test_warning_and_actions),
        cmocka_unit_test(test_fact_errors),
        cmocka_unit_test(test_mlps_level_required),
        cmocka_unit_test(test_lint),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
