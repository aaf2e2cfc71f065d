/* test_loader.c: cmocka tests of the checklist loader (checklist.h, ini.h).
 *
 * Every class of mistake a checklist maintainer can make must be rejected with
 * a diagnostic that names the right file and line, because `selfcheck lint`
 * prints exactly these. Fixtures in tests/fixtures/bad/ hold one mistake each;
 * byte-level cases (invalid UTF-8, very long lines, BOM, CRLF) are written by
 * the tests into a temporary folder. The expected line of each mistake is
 * found by searching the raw file for the offending text, so the fixtures can
 * be edited without renumbering the tests. Then example.ini, the example of
 * docs/checklist-format.md, is loaded and every parsed value checked. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "error.h"
#include "fsutil.h"
#include "ini.h"
#include "testutil.h"

#define BAD_DIR FIXTURES_DIR "/bad"
#define EXAMPLE FIXTURES_DIR "/example.ini"

/* A valid checklist with one yesno item; tests append to it. */
#define VALID_HEAD                             \
    "[checklist]\n"                            \
    "id = t\n"                                 \
    "version = 1\n"                            \
    "title_zh = 测试清单\n"                    \
    "title_en = Test checklist\n"              \
    "\n"                                       \
    "[item.first]\n"                           \
    "question_zh = 是否每天备份重要数据？\n"   \
    "question_en = Is data backed up daily?\n" \
    "source = 004 二(四)5\n"                   \
    "type = yesno\n"                           \
    "severity = high\n"                        \
    "profiles = monthly\n"

static char *tempdir;

static int group_setup(void **state)
{
    (void)state;
    tempdir = testutil_tempdir();
    return tempdir == NULL ? -1 : 0;
}

static int group_teardown(void **state)
{
    (void)state;
    testutil_rmtree(tempdir);
    free(tempdir);
    return 0;
}

/* Writes bytes (which may hold NULs or invalid UTF-8) to tempdir/name; returns the path. */
static char *write_bytes(const char *name, const char *data, size_t len)
{
    char *path = fsutil_join(tempdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    return path;
}

static char *write_text(const char *name, const char *text)
{
    return write_bytes(name, text, strlen(text));
}

/* The 1-based line of the first line of path that contains needle. */
static int line_of(const char *path, const char *needle)
{
    char *text = testutil_read(path);
    assert_non_null(text);
    char *hit = strstr(text, needle);
    if (hit == NULL)
        fail_msg("'%s' not found in %s", needle, path);
    int line = 1;
    for (char *p = text; p < hit; p++)
        line += *p == '\n';
    free(text);
    return line;
}

static void print_diags(const diag_list *diags)
{
    for (size_t i = 0; i < diags->count; i++) {
        char *text = diag_format(&diags->items[i]);
        print_message("  diag: %s\n", text ? text : "(null)");
        free(text);
    }
}

/* Each diagnostic formats as "FILE:LINE: message", or "FILE: message" when it
 * has no line, or "message" when it has no file. */
static void assert_diag_formats(const diag_list *diags)
{
    for (size_t i = 0; i < diags->count; i++) {
        const diag *d = &diags->items[i];
        char *expected = NULL;
        if (d->file && d->line > 0)
            assert_true(asprintf(&expected, "%s:%d: %s", d->file, d->line, d->message) > 0);
        else if (d->file)
            assert_true(asprintf(&expected, "%s: %s", d->file, d->message) > 0);
        else
            expected = strdup(d->message);
        char *got = diag_format(d);
        assert_non_null(got);
        assert_string_equal(got, expected);
        free(got);
        free(expected);
    }
}

static const diag *find_diag(const diag_list *diags, const char *file, int line, const char *phrase)
{
    for (size_t i = 0; i < diags->count; i++) {
        const diag *d = &diags->items[i];
        if (d->file && strcmp(d->file, file) == 0 && d->line == line && strstr(d->message, phrase))
            return d;
    }
    return NULL;
}

/* Loads path, which must be rejected with a diagnostic at FILE:line holding phrase. */
static void assert_rejected(const char *path, int line, const char *phrase)
{
    diag_list diags;
    diag_list_init(&diags);
    checklist *list = (checklist *)1;
    int rc = checklist_load_file(path, &list, &diags);
    if (rc != -1 || find_diag(&diags, path, line, phrase) == NULL) {
        print_message("%s: expected a diagnostic at line %d containing \"%s\"; got rc %d and:\n",
                      path, line, phrase, rc);
        print_diags(&diags);
    }
    assert_int_equal(rc, -1);
    assert_null(list);
    assert_non_null(find_diag(&diags, path, line, phrase));
    assert_diag_formats(&diags);
    /* the formatted text is what lint prints: check it once literally */
    const diag *d = find_diag(&diags, path, line, phrase);
    char *text = diag_format(d), *prefix = NULL;
    if (line > 0)
        assert_true(asprintf(&prefix, "%s:%d: ", path, line) > 0);
    else
        assert_true(asprintf(&prefix, "%s: ", path) > 0);
    assert_true(strncmp(text, prefix, strlen(prefix)) == 0);
    free(prefix);
    free(text);
    diag_list_clear(&diags);
}

/* A bad fixture, rejected at the line holding `at`. */
static void assert_fixture_rejected(const char *name, const char *at, const char *phrase)
{
    char *path = NULL;
    assert_true(asprintf(&path, "%s/%s", BAD_DIR, name) > 0);
    assert_rejected(path, line_of(path, at), phrase);
    free(path);
}

/* Loads path, which must succeed with no diagnostics; caller frees. */
static checklist *load_ok(const char *path)
{
    diag_list diags;
    diag_list_init(&diags);
    checklist *list = NULL;
    int rc = checklist_load_file(path, &list, &diags);
    if (rc != 0) {
        print_message("%s: expected to load, got:\n", path);
        print_diags(&diags);
    }
    assert_int_equal(rc, 0);
    assert_int_equal(diags.count, 0);
    assert_non_null(list);
    diag_list_clear(&diags);
    return list;
}

/* ---- one fixture per class of mistake ---- */

static void test_unknown_key(void **state)
{
    (void)state;
    assert_fixture_rejected("unknown-key.ini", "colour = red", "unknown key 'colour'");
}

static void test_key_not_for_type(void **state)
{
    (void)state;
    assert_fixture_rejected("key-not-for-type.ini", "min = 0", "'min' does not apply to a yesno item");
}

static void test_missing_chinese_text(void **state)
{
    (void)state;
    /* the key is absent, so the item's header is the place to point at */
    assert_fixture_rejected("missing-question-zh.ini", "[item.first]", "Chinese text 'question_zh'");
}

static void test_missing_english_text(void **state)
{
    (void)state;
    assert_fixture_rejected("missing-question-en.ini", "[item.first]", "English text 'question_en'");
}

static void test_empty_text_points_at_key(void **state)
{
    (void)state;
    /* an empty value is reported at its own line, not at its section */
    char *path = write_text("empty-en.ini",
                            "[checklist]\nid = t\nversion = 1\ntitle_zh = 测试\ntitle_en = \n\n"
                            "[item.first]\nquestion_zh = 问？\nquestion_en = Q?\nsource = 000\n"
                            "type = yesno\nseverity = low\nprofiles = monthly\n");
    assert_rejected(path, 5, "English text 'title_en'");
    free(path);
}

static void test_guidance_one_language(void **state)
{
    (void)state;
    assert_fixture_rejected("guidance-one-language.ini", "guidance_zh =", "guidance in Chinese only");
}

static void test_duplicate_item_section(void **state)
{
    (void)state;
    char *path = NULL;
    assert_true(asprintf(&path, "%s/duplicate-item.ini", BAD_DIR) > 0);
    int first = line_of(path, "[item.first]");
    /* the second [item.first], after [item.second] */
    char *text = testutil_read(path);
    char *again = strstr(strstr(text, "[item.first]") + 1, "[item.first]");
    assert_non_null(again);
    int second = 1;
    for (char *p = text; p < again; p++)
        second += *p == '\n';
    free(text);
    char *phrase = NULL;
    assert_true(asprintf(&phrase, "section [item.first] repeated (first at line %d)", first) > 0);
    assert_rejected(path, second, phrase);
    free(phrase);
    free(path);
}

static void test_key_twice(void **state)
{
    (void)state;
    char *path = NULL;
    assert_true(asprintf(&path, "%s/key-twice.ini", BAD_DIR) > 0);
    char *phrase = NULL;
    assert_true(asprintf(&phrase, "key 'severity' given twice in [item.first] (first at line %d)",
                         line_of(path, "severity = high")) > 0);
    assert_rejected(path, line_of(path, "severity = low"), phrase);
    free(phrase);
    free(path);
}

static void test_threshold_out_of_order(void **state)
{
    (void)state;
    assert_fixture_rejected("threshold-order.ini", "partial = 7", "bad threshold");
}

static void test_threshold_min_not_below_max(void **state)
{
    (void)state;
    assert_fixture_rejected("threshold-min-max.ini", "max = 180", "'min' (180) must be below 'max' (180)");
}

static void test_show_if_unknown_item(void **state)
{
    (void)state;
    assert_fixture_rejected("show-if-unknown.ini", "show_if =", "'no-such-item', which is not an earlier item");
}

static void test_show_if_later_item(void **state)
{
    (void)state;
    assert_fixture_rejected("show-if-later.ini", "show_if =", "'second', which is not an earlier item");
}

static void test_not_before_not_date(void **state)
{
    (void)state;
    assert_fixture_rejected("not-before-not-date.ini", "not_before =", "'first', which is not a date item");
}

static void test_upper_case_key(void **state)
{
    (void)state;
    assert_fixture_rejected("upper-case-key.ini", "Question_zh", "key 'Question_zh' has upper-case letters");
}

static void test_upper_case_section(void **state)
{
    (void)state;
    assert_fixture_rejected("upper-case-section.ini", "[item.Second]",
                            "section name [item.Second] has upper-case letters");
}

static void test_unquoted_semicolon(void **state)
{
    (void)state;
    assert_fixture_rejected("semicolon-unquoted.ini", "guidance_zh =", "contains ';' or '#'");
}

static void test_unquoted_hash(void **state)
{
    (void)state;
    assert_fixture_rejected("hash-unquoted.ini", "guidance_en =", "contains ';' or '#'");
}

static void test_line_continuation(void **state)
{
    (void)state;
    assert_fixture_rejected("continuation.ini", "guidance_zh =", "continuation");
}

/* iniparser continues a comment that ends in '\' onto the next line, which
 * would swallow that line's key: the file must be refused, never loaded
 * without it. */
static void test_comment_ending_in_backslash(void **state)
{
    (void)state;
    char *path = write_text("comment-backslash.ini", VALID_HEAD
                            "; backups go to D:\\backup\\\n"
                            "guidance_zh = 看备份\nguidance_en = Look at the backups\n");
    diag_list diags;
    diag_list_init(&diags);
    checklist *list = NULL;
    int rc = checklist_load_file(path, &list, &diags);
    if (rc == 0) {
        print_message("loaded with guidance_zh = \"%s\"\n", list->items[0].guidance_zh);
        checklist_free(list);
        list = NULL;
    }
    assert_int_equal(rc, -1);
    assert_null(list);
    assert_true(find_diag(&diags, path, 14, "") != NULL || find_diag(&diags, path, 15, "") != NULL);
    assert_diag_formats(&diags);
    diag_list_clear(&diags);
    free(path);
}

static void test_key_before_section(void **state)
{
    (void)state;
    assert_fixture_rejected("key-before-section.ini", "id = orphan", "key 'id' before any [section]");
}

static void test_choice_without_full_score(void **state)
{
    (void)state;
    assert_fixture_rejected("choice-no-full-score.ini", "choices =", "no choice scores 1");
}

static void test_weight_on_text_item(void **state)
{
    (void)state;
    assert_fixture_rejected("weight-on-text.ini", "weight = 2", "remove 'weight'");
}

static void test_unknown_profile(void **state)
{
    (void)state;
    assert_fixture_rejected("unknown-profile.ini", "profiles =", "unknown profile 'weekly'");
}

static void test_unknown_severity(void **state)
{
    (void)state;
    assert_fixture_rejected("unknown-severity.ini", "severity =", "unknown severity 'urgent'");
}

/* An empty file has no line to point at: the diagnostic names the file. */
static void test_empty_file(void **state)
{
    (void)state;
    const char *path = BAD_DIR "/empty.ini";
    diag_list diags;
    diag_list_init(&diags);
    checklist *list = NULL;
    assert_int_equal(checklist_load_file(path, &list, &diags), -1);
    assert_null(list);
    assert_non_null(find_diag(&diags, path, 0, "no [checklist] section"));
    assert_non_null(find_diag(&diags, path, 0, "no [item.ID] sections"));
    char *text = diag_format(find_diag(&diags, path, 0, "no [checklist] section"));
    char *expected = NULL;
    assert_true(asprintf(&expected, "%s: no [checklist] section", path) > 0);
    assert_string_equal(text, expected);
    free(text);
    free(expected);
    diag_list_clear(&diags);
}

static void test_no_items(void **state)
{
    (void)state;
    assert_rejected(BAD_DIR "/no-items.ini", 0, "no [item.ID] sections");
}

static void test_several_problems_all_reported(void **state)
{
    (void)state;
    const char *path = BAD_DIR "/several-problems.ini";
    diag_list diags;
    diag_list_init(&diags);
    checklist *list = NULL;
    assert_int_equal(checklist_load_file(path, &list, &diags), -1);
    if (diags.count < 4)
        print_diags(&diags);
    assert_true(diags.count >= 4);
    assert_non_null(find_diag(&diags, path, line_of(path, "severity = urgent"), "unknown severity"));
    assert_non_null(find_diag(&diags, path, line_of(path, "colour = red"), "unknown key 'colour'"));
    assert_non_null(find_diag(&diags, path, line_of(path, "monthly, weekly"), "unknown profile 'weekly'"));
    assert_non_null(find_diag(&diags, path, line_of(path, "show_if ="), "not an earlier item"));
    assert_diag_formats(&diags);
    diag_list_clear(&diags);
}

static void test_several_raw_problems_all_reported(void **state)
{
    (void)state;
    const char *path = BAD_DIR "/several-raw-problems.ini";
    diag_list diags;
    diag_list_init(&diags);
    checklist *list = NULL;
    assert_int_equal(checklist_load_file(path, &list, &diags), -1);
    assert_true(diags.count >= 3);
    assert_non_null(find_diag(&diags, path, line_of(path, "Title_zh"), "upper-case"));
    assert_non_null(find_diag(&diags, path, line_of(path, "Bad example; really"), "contains ';' or '#'"));
    assert_non_null(find_diag(&diags, path, line_of(path, "Twice?"), "given twice"));
    assert_diag_formats(&diags);
    diag_list_clear(&diags);
}

/* Every file in bad/ must fail on its own, and name itself in a diagnostic. */
static void test_every_bad_fixture_rejected(void **state)
{
    (void)state;
    DIR *dir = opendir(BAD_DIR);
    assert_non_null(dir);
    struct dirent *e;
    int files = 0;
    while ((e = readdir(dir)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".ini") != 0)
            continue;
        char *path = fsutil_join(BAD_DIR, e->d_name);
        diag_list diags;
        diag_list_init(&diags);
        checklist *list = NULL;
        if (checklist_load_file(path, &list, &diags) != -1)
            fail_msg("%s loaded, but is in bad/", path);
        assert_null(list);
        assert_true(diags.count >= 1);
        for (size_t i = 0; i < diags.count; i++) {
            assert_non_null(diags.items[i].file);
            assert_string_equal(diags.items[i].file, path);
        }
        assert_diag_formats(&diags);
        diag_list_clear(&diags);
        free(path);
        files++;
    }
    closedir(dir);
    assert_true(files >= 25);
}

/* ---- byte-level cases written by the tests ---- */

static void test_invalid_utf8(void **state)
{
    (void)state;
    char *text = NULL;
    assert_true(asprintf(&text, "%sguidance_zh = 查看\xC3\x28记录\nguidance_en = Look.\n", VALID_HEAD) > 0);
    char *path = write_text("bad-utf8.ini", text);
    assert_rejected(path, 14, "invalid UTF-8");
    free(path);
    free(text);
    /* an overlong encoding of '/' and a lone continuation byte are refused too */
    path = write_text("overlong.ini", VALID_HEAD "guidance_zh = a\xC0\xAF b\nguidance_en = \x80x\n");
    assert_rejected(path, 14, "invalid UTF-8");
    assert_rejected(path, 15, "invalid UTF-8");
    free(path);
}

/* VALID_HEAD, then "key = " and a value padded so that the whole line is len bytes. */
static char *long_line_file(const char *key, size_t len, char **value_out)
{
    size_t prefix = strlen(key) + 3;
    assert_true(len > prefix + 3);
    size_t value_len = len - prefix;
    char *value = malloc(value_len + 1);
    size_t i = 0;
    while (i + 3 <= value_len && i < value_len / 2) {   /* half Chinese, then ASCII */
        memcpy(value + i, "备", 3);
        i += 3;
    }
    while (i < value_len)
        value[i++] = 'a';
    value[value_len] = '\0';
    char *text = NULL;
    assert_true(asprintf(&text, "%s%s = %s\nguidance_en = See the log.\n", VALID_HEAD, key, value) > 0);
    if (value_out)
        *value_out = value;
    else
        free(value);
    return text;
}

static void test_line_limit_boundary(void **state)
{
    (void)state;
    char *value = NULL;
    char *text = long_line_file("guidance_zh", INI_MAX_LINE, &value);
    char *path = write_text("line-1000.ini", text);
    checklist *list = load_ok(path);
    assert_int_equal(strlen(list->items[0].guidance_zh), INI_MAX_LINE - strlen("guidance_zh = "));
    assert_string_equal(list->items[0].guidance_zh, value);
    checklist_free(list);
    free(path);
    free(text);
    free(value);

    text = long_line_file("guidance_zh", INI_MAX_LINE + 1, NULL);
    path = write_text("line-1001.ini", text);
    assert_rejected(path, 14, "1001 bytes long");
    free(path);
    free(text);
}

static void test_long_lines_reported_with_line(void **state)
{
    (void)state;
    /* 1100 bytes: over our limit, under iniparser's */
    char *text = long_line_file("guidance_zh", 1100, NULL);
    char *path = write_text("line-1100.ini", text);
    assert_rejected(path, 14, "1100 bytes long");
    free(path);
    free(text);
    /* 2000 bytes: over iniparser's own buffer, which would refuse the whole
     * file with no line; the loader must still name the line */
    text = long_line_file("guidance_zh", 2000, NULL);
    path = write_text("line-2000.ini", text);
    assert_rejected(path, 14, "2000 bytes long");
    free(path);
    free(text);
    /* a long comment breaks iniparser just the same */
    char *comment = malloc(1502);
    comment[0] = ';';
    memset(comment + 1, 'c', 1500);
    comment[1501] = '\0';
    assert_true(asprintf(&text, "%s%s\nguidance_zh = 看\nguidance_en = Look\n", VALID_HEAD, comment) > 0);
    path = write_text("long-comment.ini", text);
    assert_rejected(path, 14, "1501 bytes long");
    free(path);
    free(text);
    free(comment);
}

static void test_quoted_values_load_intact(void **state)
{
    (void)state;
    char *path = write_text("quoted.ini", VALID_HEAD
                            "guidance_zh = \"先备份; 再检查 # 记录\"\n"
                            "guidance_en = 'He said \"back up; then check #1\"'\n"
                            "source = \"000 四(二); 003 第八条\"\n");
    /* source was given twice above: that must be caught */
    assert_rejected(path, 16, "given twice");
    free(path);
    path = write_text("quoted2.ini",
                      "[checklist]\nid = t\nversion = 1\ntitle_zh = 测试\ntitle_en = \"Test; #1\"\n\n"
                      "[item.first]\nquestion_zh = 是否备份；是否记录＃编号？\nquestion_en = Q?\n"
                      "guidance_zh = \"先备份; 再检查 # 记录\"\n"
                      "guidance_en = 'He said \"back up; then check #1\"'\n"
                      "source = \"000 四(二); 003 第八条\"\ntype = yesno\nseverity = low\nprofiles = monthly\n");
    checklist *list = load_ok(path);
    assert_string_equal(list->title_en, "Test; #1");
    assert_string_equal(list->items[0].question_zh, "是否备份；是否记录＃编号？");   /* full-width needs no quotes */
    assert_string_equal(list->items[0].guidance_zh, "先备份; 再检查 # 记录");
    assert_string_equal(list->items[0].guidance_en, "He said \"back up; then check #1\"");
    assert_string_equal(list->items[0].source, "000 四(二); 003 第八条");
    checklist_free(list);
    free(path);
}

static void test_unclosed_quote(void **state)
{
    (void)state;
    char *path = write_text("unclosed.ini", VALID_HEAD "guidance_zh = \"先备份\nguidance_en = Back up.\n");
    assert_rejected(path, 14, "unclosed");
    free(path);
}

/* Converts LF to CRLF. */
static char *to_crlf(const char *text)
{
    size_t n = strlen(text), lines = 0;
    for (size_t i = 0; i < n; i++)
        lines += text[i] == '\n';
    char *out = malloc(n + lines + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        if (text[i] == '\n')
            *o++ = '\r';
        *o++ = text[i];
    }
    *o = '\0';
    return out;
}

/* Two loads of the same checklist must hold the same values. */
static void assert_same_checklist(const checklist *a, const checklist *b)
{
    assert_string_equal(a->id, b->id);
    assert_string_equal(a->title_zh, b->title_zh);
    assert_string_equal(a->title_en, b->title_en);
    assert_int_equal(a->item_count, b->item_count);
    for (size_t i = 0; i < a->item_count; i++) {
        const item *x = &a->items[i], *y = &b->items[i];
        assert_string_equal(x->id, y->id);
        assert_int_equal(x->line, y->line);
        assert_string_equal(x->question_zh, y->question_zh);
        assert_string_equal(x->question_en, y->question_en);
        assert_string_equal(x->guidance_zh, y->guidance_zh);
        assert_string_equal(x->guidance_en, y->guidance_en);
        assert_string_equal(x->source, y->source);
        assert_int_equal(x->choice_count, y->choice_count);
        for (size_t c = 0; c < x->choice_count; c++) {
            assert_string_equal(x->choices[c].key, y->choices[c].key);
            assert_string_equal(x->choices[c].label_en, y->choices[c].label_en);
        }
        if (x->unit_zh)
            assert_string_equal(x->unit_zh, y->unit_zh);
        assert_null(strchr(x->question_en, '\r'));
    }
}

static void test_bom_and_crlf_load(void **state)
{
    (void)state;
    char *plain = testutil_read(EXAMPLE);
    assert_non_null(plain);
    checklist *reference = load_ok(EXAMPLE);

    char *bom = NULL;
    assert_true(asprintf(&bom, "\xEF\xBB\xBF%s", plain) > 0);
    char *path = write_text("bom.ini", bom);
    checklist *list = load_ok(path);
    assert_same_checklist(reference, list);
    checklist_free(list);
    free(path);

    char *crlf = to_crlf(plain);
    path = write_text("crlf.ini", crlf);
    list = load_ok(path);
    assert_same_checklist(reference, list);
    checklist_free(list);
    free(path);

    char *both = NULL;
    assert_true(asprintf(&both, "\xEF\xBB\xBF%s", crlf) > 0);
    path = write_text("bom-crlf.ini", both);
    list = load_ok(path);
    assert_same_checklist(reference, list);
    checklist_free(list);
    free(path);

    checklist_free(reference);
    free(both);
    free(crlf);
    free(bom);
    free(plain);
}

/* A byte-order mark and CRLF must not shift the line numbers of problems. */
static void test_bom_crlf_keep_line_numbers(void **state)
{
    (void)state;
    char *crlf = to_crlf(VALID_HEAD "colour = red\n");
    char *text = NULL;
    assert_true(asprintf(&text, "\xEF\xBB\xBF%s", crlf) > 0);
    char *path = write_text("bom-crlf-bad.ini", text);
    assert_rejected(path, 14, "unknown key 'colour'");
    free(path);
    free(text);
    free(crlf);
}

/* ---- sets of checklists ---- */

static char *set_file(const char *dir, const char *name, const char *id, const char *item_id)
{
    char *text = NULL;
    assert_true(asprintf(&text,
                         "; %s\n[checklist]\nid = %s\nversion = 2\ntitle_zh = 清单%s\ntitle_en = List %s\n\n"
                         "[item.%s]\nquestion_zh = 问题？\nquestion_en = Question?\nsource = 000\n"
                         "type = yesno\nseverity = low\nprofiles = monthly\n",
                         name, id, id, id, item_id) > 0);
    char *path = testutil_write(dir, name, text);
    free(text);
    return path;
}

static char *subdir(const char *name)
{
    char *path = fsutil_join(tempdir, name);
    assert_int_equal(fsutil_mkdir_p(path, NULL), 0);
    return path;
}

static void test_set_duplicate_checklist_id(void **state)
{
    (void)state;
    char *dir = subdir("same-list-id");
    char *a = set_file(dir, "a.ini", "dup", "one");
    char *b = set_file(dir, "b.ini", "dup", "two");
    const char *paths[] = {dir};
    checklist_set *set = (checklist_set *)1;
    diag_list diags;
    diag_list_init(&diags);
    assert_int_equal(checklist_set_load(paths, 1, &set, &diags), -1);
    assert_null(set);
    const diag *found = NULL;
    for (size_t i = 0; i < diags.count; i++)
        if (diags.items[i].file && strcmp(diags.items[i].file, b) == 0 &&
            strstr(diags.items[i].message, "checklist id 'dup'") && strstr(diags.items[i].message, a))
            found = &diags.items[i];
    assert_non_null(found);
    assert_diag_formats(&diags);
    diag_list_clear(&diags);
    free(a);
    free(b);
    free(dir);
}

/* The duplicate checklist id must be reported at the line of its `id =`,
 * like every other loader problem (checklist.h: FILE:LINE: message). */
static void test_set_duplicate_checklist_id_line(void **state)
{
    (void)state;
    char *dir = subdir("same-list-id-line");
    char *a = set_file(dir, "a.ini", "dup", "one");
    char *b = set_file(dir, "b.ini", "dup", "two");
    const char *paths[] = {dir};
    checklist_set *set = NULL;
    diag_list diags;
    diag_list_init(&diags);
    assert_int_equal(checklist_set_load(paths, 1, &set, &diags), -1);
    int line = line_of(b, "id = dup");
    bool found = find_diag(&diags, b, line, "checklist id 'dup'") != NULL;
    if (!found) {
        print_message("expected %s:%d: checklist id 'dup' ..., got:\n", b, line);
        print_diags(&diags);
    }
    /* freed before the verdict, so that valgrind reports only real leaks */
    diag_list_clear(&diags);
    free(a);
    free(b);
    free(dir);
    assert_true(found);
}

static void test_set_duplicate_item_id(void **state)
{
    (void)state;
    char *dir = subdir("same-item-id");
    char *a = set_file(dir, "a.ini", "one", "shared");
    char *b = set_file(dir, "b.ini", "two", "shared");
    const char *paths[] = {dir};
    checklist_set *set = NULL;
    diag_list diags;
    diag_list_init(&diags);
    assert_int_equal(checklist_set_load(paths, 1, &set, &diags), -1);
    assert_null(set);
    const diag *d = find_diag(&diags, b, line_of(b, "[item.shared]"), "item id 'shared'");
    if (d == NULL)
        print_diags(&diags);
    assert_non_null(d);
    assert_non_null(strstr(d->message, a));
    diag_list_clear(&diags);
    free(a);
    free(b);
    free(dir);
}

static void test_set_loads_in_name_order(void **state)
{
    (void)state;
    char *dir = subdir("good-set");
    char *z = set_file(dir, "z-last.ini", "zeta", "z-item");
    char *a = set_file(dir, "a-first.ini", "alpha", "a-item");
    char *ignored = testutil_write(dir, "README.txt", "not a checklist\n");
    char *extra_dir = subdir("good-set-2");
    char *m = set_file(extra_dir, "m.ini", "mu", "m-item");
    char *joined = NULL;
    assert_true(asprintf(&joined, "%s:%s", dir, extra_dir) > 0);
    const char *paths[] = {joined, EXAMPLE};
    checklist_set *set = NULL;
    diag_list diags;
    diag_list_init(&diags);
    int rc = checklist_set_load(paths, 2, &set, &diags);
    if (rc != 0)
        print_diags(&diags);
    assert_int_equal(rc, 0);
    assert_int_equal(diags.count, 0);
    assert_int_equal(set->count, 4);
    assert_string_equal(set->lists[0].id, "alpha");
    assert_string_equal(set->lists[1].id, "zeta");
    assert_string_equal(set->lists[2].id, "mu");
    assert_string_equal(set->lists[3].id, "example");
    assert_string_equal(set->lists[0].path, a);
    assert_int_equal(set->lists[0].version, 2);
    assert_ptr_equal(checklist_set_find(set, "mu"), &set->lists[2]);
    assert_null(checklist_set_find(set, "nope"));
    assert_non_null(checklist_find_item(&set->lists[3], "backup-notes"));
    assert_null(checklist_find_item(&set->lists[3], "z-item"));
    checklist_set_free(set);
    diag_list_clear(&diags);
    free(joined);
    free(m);
    free(extra_dir);
    free(ignored);
    free(a);
    free(z);
    free(dir);
}

static void test_set_missing_and_empty_paths(void **state)
{
    (void)state;
    char *missing = fsutil_join(tempdir, "no-such-folder");
    char *empty = subdir("empty-folder");
    const char *paths[] = {missing, empty};
    checklist_set *set = (checklist_set *)1;
    diag_list diags;
    diag_list_init(&diags);
    assert_int_equal(checklist_set_load(paths, 2, &set, &diags), -1);
    assert_null(set);
    assert_non_null(find_diag(&diags, missing, 0, ""));
    assert_non_null(find_diag(&diags, empty, 0, "no *.ini"));
    diag_list_clear(&diags);
    /* no paths at all */
    assert_int_equal(checklist_set_load(NULL, 0, &set, &diags), -1);
    assert_null(set);
    assert_true(diags.count >= 1);
    diag_list_clear(&diags);
    free(missing);
    free(empty);
}

/* ---- the example, value by value ---- */

static void test_example_values(void **state)
{
    (void)state;
    checklist *list = load_ok(EXAMPLE);
    assert_string_equal(list->path, EXAMPLE);
    assert_string_equal(list->id, "example");
    assert_int_equal(list->version, 1);
    assert_string_equal(list->title_zh, "备份与可用性（示例）");
    assert_string_equal(list->title_en, "Backup and availability (example)");
    assert_string_equal(checklist_title(list, "en"), list->title_en);
    assert_string_equal(checklist_title(list, "zh"), list->title_zh);
    assert_string_equal(checklist_title(list, "fr"), list->title_zh);
    assert_int_equal(list->item_count, 8);
    const char *ids[] = {"backup-daily", "backup-frequency", "av-signature-age", "mlps-last-change",
                         "mlps-last-assessment", "hosted-by-third-party", "hosting-contract", "backup-notes"};
    for (size_t i = 0; i < 8; i++) {
        assert_string_equal(list->items[i].id, ids[i]);
        char header[64];
        snprintf(header, sizeof header, "[item.%s]", ids[i]);
        assert_int_equal(list->items[i].line, line_of(EXAMPLE, header));
        assert_ptr_equal(checklist_find_item(list, ids[i]), &list->items[i]);
    }

    const item *it = &list->items[0];   /* backup-daily */
    assert_int_equal(it->line, 8);
    assert_int_equal(it->type, ANSWER_YESNO);
    assert_string_equal(it->question_zh, "重要信息系统的数据是否每天进行完整可用的备份？");
    assert_string_equal(it->question_en, "Is the data of important systems backed up completely and usably every day?");
    assert_string_equal(it->guidance_zh, "查看备份软件的任务记录，确认最近一次备份的时间和结果。");
    assert_string_equal(it->guidance_en, "Look at the backup software's job log: time and result of the last backup.");
    assert_string_equal(item_question(it, "en"), it->question_en);
    assert_string_equal(item_guidance(it, "zh"), it->guidance_zh);
    assert_string_equal(it->source, "004 二(四)5");
    assert_true(it->allow_partial);
    assert_true(it->allow_na);
    assert_true(it->partial_score == 0.5);
    assert_int_equal(it->severity, SEVERITY_HIGH);
    assert_true(it->weight == 3);
    assert_int_equal(it->profiles, PROFILE_MONTHLY | PROFILE_HALFYEAR);
    assert_int_equal(it->scope, SCOPE_SYSTEM);
    assert_null(it->show_if);

    it = &list->items[1];   /* backup-frequency */
    assert_int_equal(it->type, ANSWER_CHOICE);
    assert_int_equal(it->choice_count, 4);
    const char *keys[] = {"daily", "weekly", "monthly", "none"};
    const char *zh[] = {"每天", "每周", "每月", "不备份"};
    const char *en[] = {"Daily", "Weekly", "Monthly", "Never"};
    const double scores[] = {1, 0.6, 0.2, 0};
    for (size_t c = 0; c < 4; c++) {
        assert_string_equal(it->choices[c].key, keys[c]);
        assert_string_equal(it->choices[c].label_zh, zh[c]);
        assert_string_equal(it->choices[c].label_en, en[c]);
        assert_true(it->choices[c].score == scores[c]);
    }
    assert_true(it->weight == 3);
    assert_false(it->allow_na);
    assert_false(it->allow_partial);
    assert_int_equal(it->scope, SCOPE_UNIT);
    assert_string_equal(it->guidance_zh, "");   /* empty, never NULL */
    assert_string_equal(it->guidance_en, "");

    it = &list->items[2];   /* av-signature-age */
    assert_int_equal(it->type, ANSWER_NUMBER);
    assert_true(it->number_min == 0);
    assert_true(it->number_max == 3650);
    assert_true(it->number_full == 7);
    assert_true(it->number_partial == 30);
    assert_int_equal(it->direction, NUMBER_LOWER_IS_BETTER);
    assert_true(it->partial_score == 0.5);
    assert_string_equal(it->unit_zh, "天");
    assert_string_equal(it->unit_en, "days");
    assert_true(it->weight == 3);
    assert_int_equal(it->profiles, PROFILE_MONTHLY | PROFILE_HALFYEAR);

    it = &list->items[3];   /* mlps-last-change */
    assert_int_equal(it->type, ANSWER_DATE);
    assert_int_equal(it->max_age_days, 36500);
    assert_null(it->not_before);
    assert_true(it->allow_na);
    assert_int_equal(it->severity, SEVERITY_LOW);
    assert_true(it->weight == 1);
    assert_int_equal(it->profiles, PROFILE_HALFYEAR | PROFILE_CHANGE);
    assert_int_equal(it->scope, SCOPE_SYSTEM);

    it = &list->items[4];   /* mlps-last-assessment */
    assert_int_equal(it->max_age_days, 365);
    assert_string_equal(it->not_before, "mlps-last-change");
    assert_int_equal(it->severity, SEVERITY_CRITICAL);
    assert_true(it->weight == 4);
    assert_false(it->allow_na);

    it = &list->items[5];   /* hosted-by-third-party: an explicit weight */
    assert_int_equal(it->severity, SEVERITY_MEDIUM);
    assert_true(it->weight == 0.5);
    assert_int_equal(it->profiles, PROFILE_HALFYEAR);
    assert_int_equal(it->scope, SCOPE_UNIT);

    it = &list->items[6];   /* hosting-contract */
    assert_non_null(it->show_if);
    assert_string_equal(it->show_if->item_id, "hosted-by-third-party");
    assert_int_equal(it->show_if->value_count, 1);
    assert_string_equal(it->show_if->values[0], "yes");
    assert_true(it->allow_partial);
    assert_false(it->allow_na);
    assert_true(it->partial_score == 0.5);

    it = &list->items[7];   /* backup-notes */
    assert_int_equal(it->type, ANSWER_TEXT);
    assert_true(it->weight == 0);
    assert_int_equal(it->profiles, PROFILE_HALFYEAR);
    checklist_free(list);
}

/* allow = never belongs to number and date items; anywhere else it is named. */
static void test_allow_never(void **state)
{
    (void)state;
    char *path = write_text("never-ok.ini",
        "[checklist]\nid = never\nversion = 1\ntitle_zh = 从未\ntitle_en = Never\n\n"
        "[item.days]\nquestion_zh = 多少天？\nquestion_en = How many days?\nsource = 1\ntype = number\n"
        "min = 0\nmax = 3650\nfull = 7\nallow = never, na\nseverity = high\nprofiles = monthly\n\n"
        "[item.when]\nquestion_zh = 哪天？\nquestion_en = When?\nsource = 1\ntype = date\n"
        "max_age_days = 365\nallow = never\nseverity = low\nprofiles = monthly\n");
    checklist *list = load_ok(path);
    assert_true(list->items[0].allow_never);
    assert_true(list->items[0].allow_na);
    assert_true(list->items[1].allow_never);
    checklist_free(list);
    free(path);

    path = write_text("never-yesno.ini",
        "[checklist]\nid = never\nversion = 1\ntitle_zh = 从未\ntitle_en = Never\n\n"
        "[item.done]\nquestion_zh = 做了吗？\nquestion_en = Done?\nsource = 1\ntype = yesno\n"
        "allow = never\nseverity = high\nprofiles = monthly\n");
    assert_rejected(path, line_of(path, "allow = never"), "'allow = never' does not apply to a yesno item");
    free(path);
}

static void test_defaults_and_variants(void **state)
{
    (void)state;
    char *path = write_text("variants.ini",
        "[checklist]\nid = variants\nversion = 12\ntitle_zh = 变体\ntitle_en = Variants\n\n"
        "[item.crit]\nquestion_zh = 甲？\nquestion_en = A?\nsource = 1\ntype = yesno\nseverity = critical\nprofiles = change\n\n"
        "[item.high]\nquestion_zh = 乙？\nquestion_en = B?\nsource = 1\ntype = yesno\nseverity = high\nprofiles = monthly\n\n"
        "[item.med]\nquestion_zh = 丙？\nquestion_en = C?\nsource = 1\ntype = yesno\nseverity = medium\nprofiles = halfyear\n"
        "allow = partial\npartial_score = 0.25\n\n"
        "[item.low]\nquestion_zh = 丁？\nquestion_en = D?\nsource = 1\ntype = yesno\nseverity = low\n"
        "profiles = monthly, halfyear, change\nscope = unit\n\n"
        "[item.freq]\nquestion_zh = 频率？\nquestion_en = How often?\nsource = 1\ntype = choice\n"
        "choices = often, rarely, never\nchoice.often.score = 1\nchoice.often.zh = 经常\nchoice.often.en = Often\n"
        "choice.rarely.score = 0.5\nchoice.rarely.zh = 偶尔\nchoice.rarely.en = Rarely\n"
        "choice.never.score = 0\nchoice.never.zh = 从不\nchoice.never.en = Never\n"
        "allow = na\nseverity = medium\nprofiles = monthly\nscope = system\n\n"
        "[item.logs]\nquestion_zh = 日志保存天数？\nquestion_en = Days of logs kept?\nsource = 1\ntype = number\n"
        "min = 0\nmax = 3650\nbetter = higher\nfull = 180\npartial = 90\npartial_score = 0.4\n"
        "severity = high\nprofiles = monthly\nscope = system\nshow_if = freq: rarely, never, na\n\n"
        "[item.plain-number]\nquestion_zh = 数量？\nquestion_en = How many?\nsource = 1\ntype = number\n"
        "min = -5\nmax = 5.5\nfull = 0\nseverity = low\nprofiles = monthly\n\n"
        "[item.when]\nquestion_zh = 日期？\nquestion_en = When?\nsource = 1\ntype = date\nnot_before = when-before\n"
        "severity = low\nprofiles = monthly\n");
    /* not_before names a later item: rejected */
    assert_rejected(path, line_of(path, "not_before = when-before"), "not an earlier item");
    free(path);

    path = write_text("variants-ok.ini",
        "[checklist]\nid = variants\nversion = 12\ntitle_zh = 变体\ntitle_en = Variants\n\n"
        "[item.crit]\nquestion_zh = 甲？\nquestion_en = A?\nsource = 1\ntype = yesno\nseverity = critical\nprofiles = change\n\n"
        "[item.high]\nquestion_zh = 乙？\nquestion_en = B?\nsource = 1\ntype = yesno\nseverity = high\nprofiles = monthly\n\n"
        "[item.med]\nquestion_zh = 丙？\nquestion_en = C?\nsource = 1\ntype = yesno\nseverity = medium\nprofiles = halfyear\n"
        "allow = partial\npartial_score = 0.25\n\n"
        "[item.low]\nquestion_zh = 丁？\nquestion_en = D?\nsource = 1\ntype = yesno\nseverity = low\n"
        "profiles = monthly, halfyear, change\nscope = unit\n\n"
        "[item.freq]\nquestion_zh = 频率？\nquestion_en = How often?\nsource = 1\ntype = choice\n"
        "choices = often, rarely, never\nchoice.often.score = 1\nchoice.often.zh = 经常\nchoice.often.en = Often\n"
        "choice.rarely.score = 0.5\nchoice.rarely.zh = 偶尔\nchoice.rarely.en = Rarely\n"
        "choice.never.score = 0\nchoice.never.zh = 从不\nchoice.never.en = Never\n"
        "allow = na\nseverity = medium\nprofiles = monthly\nscope = system\n\n"
        "[item.logs]\nquestion_zh = 日志保存天数？\nquestion_en = Days of logs kept?\nsource = 1\ntype = number\n"
        "min = 0\nmax = 3650\nbetter = higher\nfull = 180\npartial = 90\npartial_score = 0.4\n"
        "severity = high\nprofiles = monthly\nscope = system\nshow_if = freq: rarely, never, na\n\n"
        "[item.plain-number]\nquestion_zh = 数量？\nquestion_en = How many?\nsource = 1\ntype = number\n"
        "min = -5\nmax = 5.5\nfull = 0\nseverity = low\nprofiles = monthly\n\n"
        "[item.before]\nquestion_zh = 变更日期？\nquestion_en = Change date?\nsource = 1\ntype = date\n"
        "max_age_days = 010\nseverity = low\nprofiles = monthly\n\n"
        "[item.when]\nquestion_zh = 日期？\nquestion_en = When?\nsource = 1\ntype = date\nnot_before = before\n"
        "severity = low\nprofiles = monthly\n");
    checklist *list = load_ok(path);
    assert_int_equal(list->version, 12);
    assert_int_equal(list->item_count, 9);
    /* default weight by severity: critical 4, high 3, medium 2, low 1 */
    assert_true(list->items[0].weight == 4);
    assert_int_equal(list->items[0].severity, SEVERITY_CRITICAL);
    assert_true(list->items[1].weight == 3);
    assert_true(list->items[2].weight == 2);
    assert_true(list->items[3].weight == 1);
    /* profiles as bits */
    assert_int_equal(list->items[0].profiles, PROFILE_CHANGE);
    assert_int_equal(list->items[1].profiles, PROFILE_MONTHLY);
    assert_int_equal(list->items[2].profiles, PROFILE_HALFYEAR);
    assert_int_equal(list->items[3].profiles, PROFILE_MONTHLY | PROFILE_HALFYEAR | PROFILE_CHANGE);
    /* partial_score: default 0.5, or as given */
    assert_true(list->items[0].partial_score == 0.5);
    assert_true(list->items[2].partial_score == 0.25);
    assert_true(list->items[2].allow_partial);
    assert_false(list->items[0].allow_partial);
    assert_int_equal(list->items[3].scope, SCOPE_UNIT);
    /* choice with na */
    const item *freq = &list->items[4];
    assert_true(freq->allow_na);
    assert_int_equal(freq->scope, SCOPE_SYSTEM);
    assert_int_equal(freq->choice_count, 3);
    assert_true(freq->choices[1].score == 0.5);
    /* number, higher is better, with a condition on several values */
    const item *logs = &list->items[5];
    assert_int_equal(logs->direction, NUMBER_HIGHER_IS_BETTER);
    assert_true(logs->number_full == 180);
    assert_true(logs->number_partial == 90);
    assert_true(logs->partial_score == 0.4);
    assert_string_equal(logs->unit_zh, "");
    assert_string_equal(logs->unit_en, "");
    assert_string_equal(logs->show_if->item_id, "freq");
    assert_int_equal(logs->show_if->value_count, 3);
    assert_string_equal(logs->show_if->values[0], "rarely");
    assert_string_equal(logs->show_if->values[1], "never");
    assert_string_equal(logs->show_if->values[2], "na");
    /* number without partial: partial equals full; negative and fractional bounds */
    const item *plain = &list->items[6];
    assert_true(plain->number_min == -5);
    assert_true(plain->number_max == 5.5);
    assert_true(plain->number_partial == plain->number_full);
    assert_int_equal(plain->direction, NUMBER_LOWER_IS_BETTER);
    /* whole numbers are decimal: 010 is ten, not octal eight */
    assert_int_equal(list->items[7].max_age_days, 10);
    assert_string_equal(list->items[8].not_before, "before");
    assert_int_equal(list->items[8].max_age_days, 0);
    checklist_free(list);
    free(path);
}

static void test_names(void **state)
{
    (void)state;
    profile p;
    assert_int_equal(profile_parse("monthly", &p), 0);
    assert_int_equal(p, PROFILE_MONTHLY);
    assert_int_equal(profile_parse("halfyear", &p), 0);
    assert_int_equal(p, PROFILE_HALFYEAR);
    assert_int_equal(profile_parse("change", &p), 0);
    assert_int_equal(p, PROFILE_CHANGE);
    assert_int_equal(profile_parse("Monthly", &p), -1);
    assert_int_equal(profile_parse("", &p), -1);
    assert_string_equal(profile_name(PROFILE_HALFYEAR), "halfyear");
    assert_string_equal(severity_name(SEVERITY_CRITICAL), "critical");
    assert_string_equal(severity_name(SEVERITY_LOW), "low");
    assert_string_equal(answer_type_name(ANSWER_DATE), "date");
    assert_string_equal(answer_type_name(ANSWER_CHOICE), "choice");
}

static void test_diag_format(void **state)
{
    (void)state;
    diag_list diags;
    diag_list_init(&diags);
    assert_int_equal(diag_add(&diags, "a/b.ini", 12, "bad %s", "thing"), 0);
    assert_int_equal(diag_add(&diags, "a/b.ini", 0, "no line"), 0);
    assert_int_equal(diag_add(&diags, NULL, 0, "bare"), 0);
    for (int i = 0; i < 40; i++)   /* past the first growth */
        assert_int_equal(diag_add(&diags, "x.ini", i + 1, "n%d", i), 0);
    char *s = diag_format(&diags.items[0]);
    assert_string_equal(s, "a/b.ini:12: bad thing");
    free(s);
    s = diag_format(&diags.items[1]);
    assert_string_equal(s, "a/b.ini: no line");
    free(s);
    s = diag_format(&diags.items[2]);
    assert_string_equal(s, "bare");
    free(s);
    s = diag_format(&diags.items[42]);
    assert_string_equal(s, "x.ini:40: n39");
    free(s);
    assert_int_equal(diags.count, 43);
    diag_list_clear(&diags);
    assert_int_equal(diags.count, 0);
    assert_int_equal(diag_add(&diags, "again.ini", 1, "reusable"), 0);
    diag_list_clear(&diags);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unknown_key),
        cmocka_unit_test(test_key_not_for_type),
        cmocka_unit_test(test_missing_chinese_text),
        cmocka_unit_test(test_missing_english_text),
        cmocka_unit_test(test_empty_text_points_at_key),
        cmocka_unit_test(test_guidance_one_language),
        cmocka_unit_test(test_duplicate_item_section),
        cmocka_unit_test(test_key_twice),
        cmocka_unit_test(test_threshold_out_of_order),
        cmocka_unit_test(test_threshold_min_not_below_max),
        cmocka_unit_test(test_show_if_unknown_item),
        cmocka_unit_test(test_show_if_later_item),
        cmocka_unit_test(test_not_before_not_date),
        cmocka_unit_test(test_upper_case_key),
        cmocka_unit_test(test_upper_case_section),
        cmocka_unit_test(test_unquoted_semicolon),
        cmocka_unit_test(test_unquoted_hash),
        cmocka_unit_test(test_line_continuation),
        cmocka_unit_test(test_comment_ending_in_backslash),
        cmocka_unit_test(test_key_before_section),
        cmocka_unit_test(test_choice_without_full_score),
        cmocka_unit_test(test_weight_on_text_item),
        cmocka_unit_test(test_unknown_profile),
        cmocka_unit_test(test_unknown_severity),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_no_items),
        cmocka_unit_test(test_several_problems_all_reported),
        cmocka_unit_test(test_several_raw_problems_all_reported),
        cmocka_unit_test(test_every_bad_fixture_rejected),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_line_limit_boundary),
        cmocka_unit_test(test_long_lines_reported_with_line),
        cmocka_unit_test(test_quoted_values_load_intact),
        cmocka_unit_test(test_unclosed_quote),
        cmocka_unit_test(test_bom_and_crlf_load),
        cmocka_unit_test(test_bom_crlf_keep_line_numbers),
        cmocka_unit_test(test_set_duplicate_checklist_id),
        cmocka_unit_test(test_set_duplicate_checklist_id_line),
        cmocka_unit_test(test_set_duplicate_item_id),
        cmocka_unit_test(test_set_loads_in_name_order),
        cmocka_unit_test(test_set_missing_and_empty_paths),
        cmocka_unit_test(test_example_values),
        cmocka_unit_test(test_allow_never),
        cmocka_unit_test(test_defaults_and_variants),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_diag_format),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
