/* test_config.c: cmocka tests of selfcheck.ini (config.h).
 *
 * Each test points HOME, XDG_CONFIG_HOME and XDG_DATA_HOME at folders of its
 * own temporary directory, so that the user's real configuration is never
 * read and the search order can be tested. Covered: the built-in defaults,
 * every section of an explicit file, relative paths, the search order, a bad
 * value reported as FILE:LINE: with the right line, save-then-load round
 * trips, and the grade boundaries with rounding to one decimal. */
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

#include "config.h"
#include "fsutil.h"
#include "i18n.h"
#include "paths.h"
#include "testutil.h"

typedef struct fixture {
    char *dir;          /* the test's temporary folder */
    char *home;         /* dir/home */
    char *config_home;  /* dir/config */
    char *data_home;    /* dir/data */
} fixture;

static char *saved_home;

static int group_setup(void **state)
{
    (void)state;
    const char *home = getenv("HOME");
    saved_home = home ? strdup(home) : NULL;
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    if (saved_home)
        setenv("HOME", saved_home, 1);
    free(saved_home);
    return 0;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = testutil_tempdir();
    if (f->dir == NULL)
        return -1;
    f->home = fsutil_join(f->dir, "home");
    f->config_home = fsutil_join(f->dir, "config");
    f->data_home = fsutil_join(f->dir, "data");
    if (fsutil_mkdir_p(f->home, NULL) != 0 || fsutil_mkdir_p(f->config_home, NULL) != 0)
        return -1;
    setenv("HOME", f->home, 1);
    setenv("XDG_CONFIG_HOME", f->config_home, 1);
    setenv("XDG_DATA_HOME", f->data_home, 1);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("XDG_DATA_HOME");
    testutil_rmtree(f->dir);
    free(f->dir);
    free(f->home);
    free(f->config_home);
    free(f->data_home);
    free(f);
    return 0;
}

/* dir/rest as a new string. */
static char *join(const char *dir, const char *rest)
{
    return fsutil_join(dir, rest);
}

/* The 1-based line of the first line of text that contains needle. */
static int line_in(const char *text, const char *needle)
{
    const char *hit = strstr(text, needle);
    if (hit == NULL)
        fail_msg("'%s' not in the test file", needle);
    int line = 1;
    for (const char *p = text; p < hit; p++)
        line += *p == '\n';
    return line;
}

static void assert_default_grades(const config *c)
{
    assert_int_equal(c->grade_count, 4);
    const char *names[] = {"excellent", "good", "pass", "fail"};
    const double mins[] = {90, 80, 60, 0};
    const char *zh[] = {"优秀", "良好", "合格", "不合格"};
    const char *en[] = {"Excellent", "Good", "Pass", "Fail"};
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(c->grades[i].name, names[i]);
        assert_true(c->grades[i].min == mins[i]);
        assert_string_equal(c->grades[i].label_zh, zh[i]);
        assert_string_equal(c->grades[i].label_en, en[i]);
    }
}

static void assert_defaults(const config *c, const char *data_base)
{
    char *data = join(data_base, "selfcheck");
    char *reports = join(data, "reports");
    char *key = join(data, "unit.key");
    assert_null(c->path);
    assert_string_equal(c->unit_code, "");
    assert_string_equal(c->unit_name, "");
    assert_string_equal(c->assessor, "");
    assert_null(c->lang);   /* not given: the environment decides */
    assert_string_equal(c->signing_algo, "sm2");
    assert_string_equal(c->data_dir, data);
    assert_string_equal(c->output_dir, reports);
    assert_string_equal(c->signing_key, key);
    /* the bundled checklists beside the binary: the build tree's share/,
     * never a path of the source tree compiled in */
    char *bundled = paths_share("selfcheck/checklists");
    assert_non_null(bundled);
    assert_string_equal(c->checklists, bundled);
    assert_non_null(strstr(c->checklists, "/share/selfcheck/checklists"));
    assert_string_not_equal(c->checklists, SOURCE_DIR "/checklists");
    free(bundled);
    assert_default_grades(c);
    assert_true(c->pass_mark == 60);
    assert_int_equal(c->schedule.monthly_due_day, 25);
    assert_int_equal(c->schedule.halfyear_due[0][0], 6);
    assert_int_equal(c->schedule.halfyear_due[0][1], 25);
    assert_int_equal(c->schedule.halfyear_due[1][0], 12);
    assert_int_equal(c->schedule.halfyear_due[1][1], 25);
    assert_int_equal(c->schedule.remediation_days, 30);
    char *store = config_store_path(c);
    char *expected_store = join(data, "selfcheck.db");
    assert_string_equal(store, expected_store);
    free(store);
    free(expected_store);
    free(data);
    free(reports);
    free(key);
}

static void skip_if_system_config(void)
{
    /* a machine-wide file would be read instead of the defaults */
    if (fsutil_exists("/etc/selfcheck/selfcheck.ini"))
        skip();
}

static void test_defaults_without_file(void **state)
{
    fixture *f = *state;
    skip_if_system_config();
    config *c = NULL;
    char *err = NULL;
    assert_int_equal(config_load(NULL, &c, &err), 0);
    assert_null(err);
    assert_non_null(c);
    assert_defaults(c, f->data_home);
    config_free(c);

    c = config_defaults();
    assert_defaults(c, f->data_home);
    config_free(c);
}

/* Without XDG variables (or with relative ones, which the spec says to
 * ignore) the folders are under HOME. */
static void test_defaults_under_home(void **state)
{
    fixture *f = *state;
    skip_if_system_config();
    unsetenv("XDG_DATA_HOME");
    unsetenv("XDG_CONFIG_HOME");
    char *share = join(f->home, ".local/share");
    config *c = NULL;
    assert_int_equal(config_load(NULL, &c, NULL), 0);
    assert_defaults(c, share);
    config_free(c);
    char *user = config_user_path();
    char *expected = join(f->home, ".config/selfcheck/selfcheck.ini");
    assert_string_equal(user, expected);
    free(user);
    free(expected);

    setenv("XDG_DATA_HOME", "relative/data", 1);
    setenv("XDG_CONFIG_HOME", "relative/config", 1);
    c = config_defaults();
    assert_defaults(c, share);
    config_free(c);
    user = config_user_path();
    expected = join(f->home, ".config/selfcheck/selfcheck.ini");
    assert_string_equal(user, expected);
    free(user);
    free(expected);
    free(share);
}

static const char full_file[] =
    "; every section\n"
    "[unit]\n"
    "code = GA-0101_x\n"
    "name = \"某市公安局; 信息中心 #2\"\n"
    "assessor = 张三\n"
    "\n"
    "[paths]\n"
    "checklists = /srv/lists:/srv/more\n"
    "data = /srv/data\n"
    "output = /srv/out\n"
    "\n"
    "[signing]\n"
    "key = /srv/keys/unit.key\n"
    "algo = ed25519\n"
    "\n"
    "[ui]\n"
    "lang = en\n"
    "\n"
    "[grades]\n"
    "fair = 70, 中等, Fair\n"
    "pass_mark = 70.5\n"
    "low = 0, 差, Poor\n"
    "top = 95.5, 卓越, Outstanding\n"
    "\n"
    "[schedule]\n"
    "monthly_due_day = 28\n"
    "halfyear_due = 05-31, 11-30\n"
    "remediation_days = 14\n";

static void test_explicit_file_all_sections(void **state)
{
    fixture *f = *state;
    char *path = testutil_write(f->dir, "selfcheck.ini", full_file);
    config *c = NULL;
    char *err = NULL;
    int rc = config_load(path, &c, &err);
    if (rc != 0)
        print_message("%s\n", err);
    assert_int_equal(rc, 0);
    assert_string_equal(c->path, path);
    assert_string_equal(c->unit_code, "GA-0101_x");
    assert_string_equal(c->unit_name, "某市公安局; 信息中心 #2");
    assert_string_equal(c->assessor, "张三");
    assert_string_equal(c->checklists, "/srv/lists:/srv/more");
    assert_string_equal(c->data_dir, "/srv/data");
    assert_string_equal(c->output_dir, "/srv/out");
    assert_string_equal(c->signing_key, "/srv/keys/unit.key");
    assert_string_equal(c->signing_algo, "ed25519");
    assert_string_equal(c->lang, "en");
    assert_true(c->pass_mark == 70.5);
    /* the file's grades replace the built-in ones, highest first */
    assert_int_equal(c->grade_count, 3);
    assert_string_equal(c->grades[0].name, "top");
    assert_true(c->grades[0].min == 95.5);
    assert_string_equal(c->grades[0].label_zh, "卓越");
    assert_string_equal(c->grades[0].label_en, "Outstanding");
    assert_string_equal(c->grades[1].name, "fair");
    assert_true(c->grades[1].min == 70);
    assert_string_equal(c->grades[2].name, "low");
    assert_true(c->grades[2].min == 0);
    assert_string_equal(c->grades[2].label_zh, "差");
    assert_int_equal(c->schedule.monthly_due_day, 28);
    assert_int_equal(c->schedule.halfyear_due[0][0], 5);
    assert_int_equal(c->schedule.halfyear_due[0][1], 31);
    assert_int_equal(c->schedule.halfyear_due[1][0], 11);
    assert_int_equal(c->schedule.halfyear_due[1][1], 30);
    assert_int_equal(c->schedule.remediation_days, 14);
    char *store = config_store_path(c);
    assert_string_equal(store, "/srv/data/selfcheck.db");
    free(store);
    config_free(c);
    free(path);
}

/* A partial file changes only what it names. */
static void test_partial_file_keeps_defaults(void **state)
{
    fixture *f = *state;
    char *path = testutil_write(f->dir, "partial.ini", "[grades]\npass_mark = 50\n\n[ui]\nlang = en\n");
    config *c = NULL;
    assert_int_equal(config_load(path, &c, NULL), 0);
    assert_true(c->pass_mark == 50);
    assert_string_equal(c->lang, "en");
    assert_default_grades(c);
    assert_int_equal(c->schedule.monthly_due_day, 25);
    assert_string_equal(c->signing_algo, "sm2");
    assert_string_equal(c->unit_code, "");
    config_free(c);
    free(path);
}

static void test_relative_paths(void **state)
{
    fixture *f = *state;
    char *sub = join(f->dir, "etc/unit");
    assert_int_equal(fsutil_mkdir_p(sub, NULL), 0);
    char *path = testutil_write(sub, "selfcheck.ini",
                                "[paths]\nchecklists = lists:more/lists\ndata = data\noutput = ../out\n"
                                "[signing]\nkey = keys/unit.key\n");
    config *c = NULL;
    char *err = NULL;
    assert_int_equal(config_load(path, &c, &err), 0);
    char *expected = NULL;
    assert_true(asprintf(&expected, "%s/lists:%s/more/lists", sub, sub) > 0);
    assert_string_equal(c->checklists, expected);
    free(expected);
    expected = join(sub, "data");
    assert_string_equal(c->data_dir, expected);
    free(expected);
    expected = join(sub, "../out");
    assert_string_equal(c->output_dir, expected);
    free(expected);
    expected = join(sub, "keys/unit.key");
    assert_string_equal(c->signing_key, expected);
    free(expected);
    config_free(c);
    free(path);
    free(sub);
}

/* In a ':'-separated list every relative part is resolved, also when the
 * list starts with an absolute folder. */
static void test_relative_path_after_absolute(void **state)
{
    fixture *f = *state;
    char *path = testutil_write(f->dir, "mixed.ini", "[paths]\nchecklists = /srv/lists:local/lists\n");
    config *c = NULL;
    assert_int_equal(config_load(path, &c, NULL), 0);
    char *expected = NULL;
    assert_true(asprintf(&expected, "/srv/lists:%s/local/lists", f->dir) > 0);
    bool same = strcmp(c->checklists, expected) == 0;
    if (!same)
        print_message("checklists = \"%s\", expected \"%s\"\n", c->checklists, expected);
    free(expected);
    config_free(c);
    free(path);
    assert_true(same);
}

static void test_lookup_order(void **state)
{
    fixture *f = *state;
    /* $XDG_CONFIG_HOME/selfcheck/selfcheck.ini is used without an explicit path */
    char *dir = join(f->config_home, "selfcheck");
    assert_int_equal(fsutil_mkdir_p(dir, NULL), 0);
    char *user = testutil_write(dir, "selfcheck.ini", "[unit]\ncode = from-xdg\n");
    char *expected_user = config_user_path();
    assert_string_equal(user, expected_user);
    free(expected_user);
    config *c = NULL;
    assert_int_equal(config_load(NULL, &c, NULL), 0);
    assert_string_equal(c->path, user);
    assert_string_equal(c->unit_code, "from-xdg");
    config_free(c);

    /* an explicit path wins over it */
    char *explicit = testutil_write(f->dir, "explicit.ini", "[unit]\ncode = explicit\n");
    assert_int_equal(config_load(explicit, &c, NULL), 0);
    assert_string_equal(c->path, explicit);
    assert_string_equal(c->unit_code, "explicit");
    config_free(c);

    /* without XDG_CONFIG_HOME, ~/.config/selfcheck/selfcheck.ini */
    unsetenv("XDG_CONFIG_HOME");
    char *home_dir = join(f->home, ".config/selfcheck");
    assert_int_equal(fsutil_mkdir_p(home_dir, NULL), 0);
    char *home_file = testutil_write(home_dir, "selfcheck.ini", "[unit]\ncode = from-home\n");
    assert_int_equal(config_load(NULL, &c, NULL), 0);
    assert_string_equal(c->path, home_file);
    assert_string_equal(c->unit_code, "from-home");
    config_free(c);

    /* a broken user file is an error, not silently skipped */
    char *broken = testutil_write(home_dir, "selfcheck.ini", "[ui]\nlang = fr\n");
    assert_non_null(broken);
    free(broken);
    char *err = NULL;
    c = (config *)1;
    assert_int_equal(config_load(NULL, &c, &err), -1);
    assert_null(c);
    assert_non_null(strstr(err, home_file));
    free(err);

    free(home_file);
    free(home_dir);
    free(explicit);
    free(user);
    free(dir);
}

/* A file with one bad line must fail with "FILE:LINE: " at that line. */
static void assert_bad_config(const fixture *f, const char *text, const char *at, const char *phrase)
{
    char *path = testutil_write(f->dir, "bad.ini", text);
    int line = line_in(text, at);
    config *c = (config *)1;
    char *err = NULL;
    int rc = config_load(path, &c, &err);
    char *prefix = NULL;
    assert_true(asprintf(&prefix, "%s:%d: ", path, line) > 0);
    bool ok = rc == -1 && c == NULL && err != NULL && strncmp(err, prefix, strlen(prefix)) == 0 &&
              strstr(err, phrase) != NULL;
    if (!ok)
        print_message("expected \"%s...%s\", got rc %d: %s\n", prefix, phrase, rc, err ? err : "(none)");
    if (rc == 0)
        config_free(c);
    free(prefix);
    free(err);
    free(path);
    assert_true(ok);
}

/* [ui] lang decides only when the settings give it; otherwise the
 * environment does, as gettext reads it. "unset" takes a value back. */
static void test_lang_given_or_not(void **state)
{
    fixture *f = *state;
    char *err = NULL;
    config *c = NULL;
    setenv("LANGUAGE", "zh_CN", 1);
    char *path = testutil_write(f->dir, "nolang.ini", "[unit]\ncode = U1\n");
    assert_int_equal(config_load(path, &c, &err), 0);
    assert_null(c->lang);
    assert_string_equal(config_lang(c), "zh");
    setenv("LANGUAGE", "en", 1);
    assert_string_equal(config_lang(c), "en");
    unsetenv("LANGUAGE");
    setenv("LC_ALL", "zh_CN.UTF-8", 1);
    assert_string_equal(config_lang(c), "zh");
    setenv("LC_ALL", "C.UTF-8", 1);
    assert_string_equal(config_lang(c), "en");
    /* not given stays not given when written back */
    char *copy = fsutil_join(f->dir, "copy.ini");
    assert_int_equal(config_save(c, copy, &err), 0);
    char *text = testutil_read(copy);
    assert_null(strstr(text, "lang"));
    free(text);
    config_free(c);
    assert_int_equal(config_load(copy, &c, &err), 0);
    assert_null(c->lang);
    config_free(c);
    free(copy);
    free(path);

    /* given, it beats the environment */
    path = testutil_write(f->dir, "en.ini", "[unit]\ncode = U1\n[ui]\nlang = en\n");
    setenv("LANGUAGE", "zh_CN", 1);
    assert_int_equal(config_load(path, &c, &err), 0);
    assert_string_equal(c->lang, "en");
    assert_string_equal(config_lang(c), "en");
    config_free(c);
    free(path);
    path = testutil_write(f->dir, "unset.ini", "[unit]\ncode = U1\n[ui]\nlang = unset\n");
    assert_int_equal(config_load(path, &c, &err), 0);
    assert_null(c->lang);
    assert_string_equal(config_lang(c), "zh");
    config_free(c);
    free(path);
    unsetenv("LANGUAGE");
    unsetenv("LC_ALL");
    assert_null(err);
}

static void test_bad_values_name_their_line(void **state)
{
    fixture *f = *state;
    assert_bad_config(f, "[unit]\ncode = U1\n\n[ui]\nlang = fr\n", "lang = fr", "lang must be 'zh' or 'en'");
    assert_bad_config(f, "[unit]\ncode = U1\n[signing]\nkey = /k\nalgo = rsa\n", "algo = rsa", "'sm2' or 'ed25519'");
    assert_bad_config(f, "[schedule]\nremediation_days = 30\nmonthly_due_day = 31\n", "monthly_due_day = 31",
                      "monthly_due_day must be a day from 1 to 28");
    assert_bad_config(f, "[schedule]\nmonthly_due_day = 0\n", "monthly_due_day = 0", "monthly_due_day");
    assert_bad_config(f, "[schedule]\nmonthly_due_day = 25th\n", "monthly_due_day", "monthly_due_day");
    assert_bad_config(f, "[schedule]\nremediation_days = 0\n", "remediation_days", "remediation_days");
    assert_bad_config(f, "[schedule]\nhalfyear_due = 07-01, 12-25\n", "halfyear_due", "halfyear_due");
    assert_bad_config(f, "[schedule]\nhalfyear_due = 06-31, 12-25\n", "halfyear_due", "halfyear_due");
    assert_bad_config(f, "[grades]\nexcellent = 90, 优秀, Excellent\ngood = 80, 良好\nfail = 0, 不合格, Fail\n",
                      "good = 80", "grade 'good' must read");
    assert_bad_config(f, "[grades]\nexcellent = abc, 优秀, Excellent\nfail = 0, 不合格, Fail\n",
                      "excellent", "grade 'excellent' must read");
    assert_bad_config(f, "[grades]\nexcellent = 190, 优秀, Excellent\nfail = 0, 不合格, Fail\n",
                      "excellent", "grade 'excellent' must read");
    assert_bad_config(f, "[ui]\nlang = zh\n\n[grades]\nexcellent = 90, 优秀, Excellent\npass = 60, 合格, Pass\n",
                      "[grades]", "lowest grade with minimum 0");
    assert_bad_config(f, "[grades]\nexcellent = 90, 优秀, Excellent\nalso = 90, 也优秀, Also\nfail = 0, 差, Fail\n",
                      "[grades]", "same minimum");
    assert_bad_config(f, "[grades]\npass_mark = 101\n", "pass_mark", "pass_mark must be a number from 0 to 100");
    assert_bad_config(f, "[ui]\nlang = zh\ncolour = blue\n", "colour", "unknown key 'colour' in [ui]");
    assert_bad_config(f, "[ui]\nlang = zh\n\n[colours]\nback = blue\n", "[colours]", "unknown section [colours]");
    assert_bad_config(f, "[unit]\ncode = 某单位\n", "code", "unit code");
    assert_bad_config(f, "[unit]\ncode = a b\n", "code", "unit code");
    assert_bad_config(f, "[unit]\ncode = 44.01\n", "code", "unit code");
    assert_bad_config(f, "[unit]\ncode = abcdefghijklmnopqrstuvwxyz0123456\n", "code", "1 to 32");
    assert_bad_config(f, "[paths]\ndata = \n", "data", "data must not be empty");
    /* problems the raw-line check finds are reported the same way */
    assert_bad_config(f, "[unit]\nname = 某单位; 信息中心\n", "name", "';' or '#'");
    assert_bad_config(f, "[unit]\ncode = U1\nCode = U2\n", "Code", "upper-case");
    assert_bad_config(f, "[unit]\ncode = U1\ncode = U2\n", "code = U2", "given twice");
    assert_bad_config(f, "[ui]\nlang = zh\n\xE4\xB8\n", "\xE4\xB8", "UTF-8");
}

/* A grade line with a fourth field is malformed like one with two: the
 * extra text must not be dropped silently. */
static void test_grade_with_extra_field(void **state)
{
    fixture *f = *state;
    assert_bad_config(f, "[grades]\nexcellent = 90, 优秀, Excellent, extra\nfail = 0, 不合格, Fail\n",
                      "excellent", "grade 'excellent' must read");
}

static void test_missing_explicit_file(void **state)
{
    fixture *f = *state;
    char *path = join(f->dir, "no-such.ini");
    config *c = (config *)1;
    char *err = NULL;
    assert_int_equal(config_load(path, &c, &err), -1);
    assert_null(c);
    assert_non_null(err);
    assert_non_null(strstr(err, path));
    free(err);
    free(path);
}

static void set(char **slot, const char *value)
{
    free(*slot);
    *slot = strdup(value);
}

static void assert_same_config(const config *a, const config *b)
{
    assert_string_equal(a->unit_code, b->unit_code);
    assert_string_equal(a->unit_name, b->unit_name);
    assert_string_equal(a->assessor, b->assessor);
    assert_string_equal(a->checklists, b->checklists);
    assert_string_equal(a->data_dir, b->data_dir);
    assert_string_equal(a->output_dir, b->output_dir);
    assert_string_equal(a->signing_key, b->signing_key);
    assert_string_equal(a->signing_algo, b->signing_algo);
    if (a->lang == NULL || b->lang == NULL)
        assert_true(a->lang == b->lang);
    else
        assert_string_equal(a->lang, b->lang);
    assert_true(a->pass_mark == b->pass_mark);
    assert_int_equal(a->grade_count, b->grade_count);
    for (size_t i = 0; i < a->grade_count; i++) {
        assert_string_equal(a->grades[i].name, b->grades[i].name);
        assert_true(a->grades[i].min == b->grades[i].min);
        assert_string_equal(a->grades[i].label_zh, b->grades[i].label_zh);
        assert_string_equal(a->grades[i].label_en, b->grades[i].label_en);
    }
    assert_memory_equal(&a->schedule, &b->schedule, sizeof a->schedule);
}

static void test_save_load_round_trip(void **state)
{
    fixture *f = *state;
    config *c = config_defaults();
    set(&c->unit_code, "GA-0101");
    set(&c->unit_name, "某市公安局网络安全保卫支队; 信息中心 #1");
    set(&c->assessor, "李四 \"Li Si\"");
    set(&c->checklists, "/opt/selfcheck/checklists:/srv/extra lists");
    set(&c->data_dir, "/srv/数据");
    set(&c->output_dir, "/srv/reports");
    set(&c->signing_key, "/srv/keys/unit.key");
    set(&c->signing_algo, "ed25519");
    set(&c->lang, "en");
    c->pass_mark = 62.5;
    set(&c->grades[0].label_zh, "优秀；特别");
    set(&c->grades[1].label_en, "Good #2");
    c->grades[1].min = 79.5;
    c->schedule = (schedule){.monthly_due_day = 3, .halfyear_due = {{1, 31}, {7, 1}}, .remediation_days = 90};
    char *path = join(f->dir, "new/folder/selfcheck.ini");
    char *err = NULL;
    int rc = config_save(c, path, &err);
    if (rc != 0)
        print_message("%s\n", err);
    assert_int_equal(rc, 0);
    config *back = NULL;
    rc = config_load(path, &back, &err);
    if (rc != 0)
        print_message("%s\n", err);
    assert_int_equal(rc, 0);
    assert_string_equal(back->path, path);
    assert_same_config(c, back);

    /* saving what was loaded gives the same file */
    char *first = testutil_read(path);
    assert_int_equal(config_save(back, path, NULL), 0);
    char *second = testutil_read(path);
    assert_string_equal(first, second);
    free(first);
    free(second);
    config_free(back);
    config_free(c);
    free(path);
}

/* The language chosen on screen is written into the file it came from:
 * that line only, every comment and other line kept, CRLF kept, the mode
 * kept; a key or a section that is missing is added. */
static void test_save_lang_in_place(void **state)
{
    fixture *f = *state;
    char *err = NULL;
    const char *original = "; the unit's settings\n[unit]\ncode = U1\n; the screen language\n"
                           "[ui]\nlang = zh\n\n[schedule]\nmonthly_due_day = 20\n";
    char *path = testutil_write(f->dir, "lang.ini", original);
    assert_int_equal(chmod(path, 0640), 0);
    config *c = NULL;
    assert_int_equal(config_load(path, &c, &err), 0);
    assert_int_equal(config_save_lang(c, "en", NULL, &err), 0);
    assert_string_equal(c->lang, "en");
    char *text = testutil_read(path);
    assert_string_equal(text, "; the unit's settings\n[unit]\ncode = U1\n; the screen language\n"
                              "[ui]\nlang = en\n\n[schedule]\nmonthly_due_day = 20\n");
    free(text);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);
    config *back = NULL;
    assert_int_equal(config_load(path, &back, &err), 0);
    assert_string_equal(back->lang, "en");
    assert_int_equal(back->schedule.monthly_due_day, 20);
    config_free(back);
    assert_int_equal(config_save_lang(c, "fr", NULL, &err), -1);
    assert_non_null(strstr(err, "'zh' or 'en'"));
    free(err);
    err = NULL;
    config_free(c);
    free(path);

    /* no lang in [ui]: added at the end of the section; CRLF stays CRLF */
    path = testutil_write(f->dir, "crlf.ini", "[ui]\r\n\r\n[unit]\r\ncode = U1\r\nname = 甲\r\n");
    assert_int_equal(config_load(path, &c, &err), 0);
    assert_int_equal(config_save_lang(c, "en", NULL, &err), 0);
    text = testutil_read(path);
    assert_string_equal(text, "[ui]\r\nlang = en\r\n\r\n[unit]\r\ncode = U1\r\nname = 甲\r\n");
    free(text);
    config_free(c);
    free(path);

    /* no [ui] at all, and no line break at the end: the section is appended */
    path = testutil_write(f->dir, "noui.ini", "[unit]\ncode = U1");
    assert_int_equal(config_load(path, &c, &err), 0);
    assert_int_equal(config_save_lang(c, "en", NULL, &err), 0);
    text = testutil_read(path);
    assert_string_equal(text, "[unit]\ncode = U1\n\n[ui]\nlang = en\n");
    free(text);
    config_free(c);
    free(path);

    /* built-in defaults: the whole config goes to the user's new file, and
     * the next switch changes that file */
    c = config_defaults();
    char *user = join(f->dir, "user/selfcheck.ini");
    assert_int_equal(config_save_lang(c, "en", user, &err), 0);
    assert_non_null(c->path);
    assert_string_equal(c->path, user);
    assert_int_equal(config_save_lang(c, "zh", NULL, &err), 0);
    assert_int_equal(config_load(user, &back, &err), 0);
    assert_string_equal(back->lang, "zh");
    config_free(back);
    config_free(c);
    free(user);
}

/* A file that does not read clean is not edited: the error names its line
 * and the file keeps every byte. */
static void test_save_lang_refuses_bad_file(void **state)
{
    fixture *f = *state;
    char *err = NULL;
    const char *good = "[ui]\nlang = zh\n";
    char *path = testutil_write(f->dir, "bad.ini", good);
    config *c = NULL;
    assert_int_equal(config_load(path, &c, &err), 0);
    /* the file goes bad after it was read (edited by hand meanwhile) */
    const char *bad = "[ui]\nlang = zh\nLang = en\n";
    free(testutil_write(f->dir, "bad.ini", bad));
    assert_int_equal(config_save_lang(c, "en", NULL, &err), -1);
    assert_non_null(err);
    assert_non_null(strstr(err, "bad.ini:3:"));
    free(err);
    char *text = testutil_read(path);
    assert_string_equal(text, bad);
    free(text);
    config_free(c);
    free(path);
}

/* The built-in defaults, saved before a unit code is set (a first run),
 * must load again. */
static void test_save_defaults_round_trip(void **state)
{
    fixture *f = *state;
    char *path = join(f->dir, "defaults.ini");
    config *defaults = config_defaults();
    assert_int_equal(config_save(defaults, path, NULL), 0);
    config *again = NULL;
    char *err = NULL;
    int rc = config_load(path, &again, &err);
    if (rc != 0) {
        print_message("config_save wrote a file config_load refuses: %s\n", err);
        free(err);
        config_free(defaults);
        free(path);
        fail();
    }
    assert_same_config(defaults, again);
    config_free(again);
    config_free(defaults);
    free(path);
}

/* A value no INI quoting can hold is refused, and the old file kept. */
static void test_save_refuses_unwritable_values(void **state)
{
    fixture *f = *state;
    char *path = join(f->dir, "keep.ini");
    config *c = config_defaults();
    set(&c->unit_code, "U1");
    assert_int_equal(config_save(c, path, NULL), 0);
    char *before = testutil_read(path);
    set(&c->unit_name, "line one\nline two");
    char *err = NULL;
    assert_int_equal(config_save(c, path, &err), -1);
    assert_non_null(err);
    free(err);
    err = NULL;
    set(&c->unit_name, "both \"kinds\" of 'quote'");
    assert_int_equal(config_save(c, path, &err), -1);
    assert_non_null(err);
    free(err);
    char *after = testutil_read(path);
    assert_string_equal(before, after);
    free(before);
    free(after);
    config_free(c);
    free(path);
}

/* What config_save writes, config_load must read back: a grade label with a
 * comma must be refused by save or survive the round trip. */
static void test_save_grade_label_with_comma(void **state)
{
    fixture *f = *state;
    char *path = join(f->dir, "comma.ini");
    config *c = config_defaults();
    set(&c->unit_code, "U1");
    set(&c->grades[1].label_en, "Good, with remarks");
    char *err = NULL;
    bool ok = true;
    if (config_save(c, path, &err) == 0) {
        config *back = NULL;
        if (config_load(path, &back, &err) != 0) {
            print_message("config_save wrote a file config_load refuses: %s\n", err);
            ok = false;
        } else if (strcmp(back->grades[1].label_en, c->grades[1].label_en) != 0) {
            print_message("label saved as \"%s\", read back as \"%s\"\n", c->grades[1].label_en,
                          back->grades[1].label_en);
            ok = false;
        }
        config_free(back);
    }
    free(err);
    config_free(c);
    free(path);
    assert_true(ok);
}

static void test_grade_for_boundaries(void **state)
{
    (void)state;
    config *c = config_defaults();
    assert_string_equal(config_grade_for(c, 100)->name, "excellent");
    assert_string_equal(config_grade_for(c, 90)->name, "excellent");
    assert_string_equal(config_grade_for(c, 89.96)->name, "excellent");   /* rounds to 90.0 */
    assert_string_equal(config_grade_for(c, 89.94)->name, "good");        /* rounds to 89.9 */
    assert_string_equal(config_grade_for(c, 80)->name, "good");
    assert_string_equal(config_grade_for(c, 79.94)->name, "pass");
    assert_string_equal(config_grade_for(c, 59.96)->name, "pass");
    assert_string_equal(config_grade_for(c, 59.9)->name, "fail");
    assert_string_equal(config_grade_for(c, 0)->name, "fail");
    assert_string_equal(config_grade_for(c, -1)->name, "fail");
    const grade_level *g = config_grade_for(c, 85);
    assert_string_equal(grade_label(g, "zh"), "良好");
    assert_string_equal(grade_label(g, "en"), "Good");
    assert_string_equal(grade_label(g, NULL), "良好");
    assert_string_equal(grade_label(NULL, "en"), "-");
    config_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_defaults_without_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lang_given_or_not, setup, teardown),
        cmocka_unit_test_setup_teardown(test_defaults_under_home, setup, teardown),
        cmocka_unit_test_setup_teardown(test_explicit_file_all_sections, setup, teardown),
        cmocka_unit_test_setup_teardown(test_partial_file_keeps_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_relative_paths, setup, teardown),
        cmocka_unit_test_setup_teardown(test_relative_path_after_absolute, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lookup_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_values_name_their_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_grade_with_extra_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_explicit_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_load_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_defaults_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_lang_in_place, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_lang_refuses_bad_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_refuses_unwritable_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_grade_label_with_comma, setup, teardown),
        cmocka_unit_test_setup_teardown(test_grade_for_boundaries, setup, teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
